"""Where the model comes from: CLI flags > CUTEKG_* environment variables > TOML file > defaults.

The file is `--config PATH`, else ./cutekg.toml, else ~/.config/cutekg/config.toml; its keys are
the field names below, at the top level (no part of CuteKG reads a [table]: one is refused):

    model = "/models/cutegpt-13b-ift"   # or a LoRA adapter dir; with `endpoint`, the served model id
    int8 = true
    lang = "zh"
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, InitSettingsSource, SettingsConfigDict

from llm.base import MAX_TOKENS_CAP, GenerationConfig, ModelLoadError
from llm.device import DTYPES

CONFIG_FILES = (Path("cutekg.toml"), Path("~/.config/cutekg/config.toml"))


class ModelSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CUTEKG_", extra="ignore")

    model: str | None = Field(None, description="local model directory; with endpoint, the served model's id")
    lora: Path | None = Field(None, description="LoRA adapter directory applied on the local model")
    int8: bool = Field(False, description="int8 weights through bitsandbytes (13B fits in ~14 GB)")
    dtype: Literal[DTYPES] = Field("auto", description="auto: bf16/fp16 on a GPU, fp32 on the CPU")
    endpoint: str | None = Field(None, description="OpenAI-compatible server URL, e.g. from `agent serve`")
    api: Literal["completions", "chat"] = Field("completions", description="see llm.openai_compat")
    api_key: SecretStr | None = Field(None, description="bearer token for the endpoint")
    endpoint_timeout: float = Field(
        300.0, gt=0, le=24 * 3600, description="seconds one endpoint answer may take, all of it (a question asks twice: a plan, an answer)"
    )
    template: Literal["auto", "cutegpt", "chat"] = Field(
        "auto", description="local model's prompt format: auto = CuteGPT's for CuteGPT-style checkpoints, else the tokenizer's chat_template"
    )
    lang: Literal["zh", "en"] = Field("zh", description="prompt language")
    constrained: bool = Field(True, description="grammar-constrained plan JSON (xgrammar)")
    max_new_tokens: int = Field(512, ge=1, le=MAX_TOKENS_CAP, description="per plan and per answer; at most 4096, as `agent serve` allows")

    @field_validator("model", "lora", "endpoint", mode="before")
    @classmethod
    def _plain_name(cls, value: Any) -> Any:
        # model = "tiny\n" read as the folder "tiny\n" was "no such folder: tiny"; a 5 MB name filled the screen
        text = str(value) if isinstance(value, (str, Path)) else None
        if text is not None and any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
            raise ValueError(f"{text[:80]!r} holds a line break or control character")
        if text is not None and len(text) > 4096:
            raise ValueError(f"{len(text):,} characters: no name or URL is that long")
        if text and text.strip() and text != text.strip():  # model = "tiny\u00a0" was "no such folder: tiny", tiny being there
            raise ValueError(f"{text[:80]!r} has spaces around it (a non-breaking space counts); write the name alone")
        return value

    @field_validator("max_new_tokens", mode="before")
    @classmethod
    def _a_number(cls, value: Any) -> Any:
        if isinstance(value, bool):  # max_new_tokens = true was read as 1
            raise ValueError("true/false is not a number of tokens")
        return value

    @field_validator("lora", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():  # lora = "" was the current folder "."
            raise ValueError("empty; leave the setting out for no adapter")
        return value

    @field_validator("api_key")
    @classmethod
    def _one_line_key(cls, key: SecretStr | None) -> SecretStr | None:
        # an HTTP header cannot hold it, and the client's error would print the key
        if key is not None and any(ch.isspace() or ord(ch) < 32 or ord(ch) > 126 for ch in key.get_secret_value()):
            raise ValueError("the key holds a space, line break, control or non-ASCII character, which no HTTP header "
                             "can carry (the key itself is not shown)")
        return key

    @property
    def configured(self) -> bool:
        """True when a model or an endpoint is set: the LLM planner and answerer replace the offline ones."""
        return bool(self.model or self.endpoint)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM (Windows editors) is no "invalid statement"
    except UnicodeDecodeError as error:
        raise ModelLoadError(f"cannot read config file {path}: not UTF-8 text (byte {error.start}); re-save it as UTF-8") from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelLoadError(f"cannot read config file {path}: {error}") from error
    except RecursionError:  # tomllib recurses once per nested [ or {
        raise ModelLoadError(f"cannot read config file {path}: values nested too deep; CuteKG's settings are flat") from None
    # A misspelt key (modle = …) would silently leave the offline planner answering: refused. So is
    # a table: nothing reads one (training reads its own --config JSON), so its keys would be ignored.
    tables = [key for key, value in values.items() if isinstance(value, dict)]
    if tables:
        raise ModelLoadError(f"config file {path}: [{tables[0]}] is a table, and CuteKG reads no tables; "
                             f"write the settings at the top level ({', '.join(ModelSettings.model_fields)})")
    unknown = [key for key in values if key not in ModelSettings.model_fields]
    if unknown:
        raise ModelLoadError(f"config file {path}: unknown setting {', '.join(map(repr, unknown))}; "
                             f"the settings are {', '.join(ModelSettings.model_fields)}")
    for key, value in values.items():
        # TOML has types: int8 = "yes" or constrained = 0 read as a switch, endpoint_timeout = true as 1 s
        kind = _TOML_KINDS.get(ModelSettings.model_fields[key].annotation, "a string")
        wanted = {"true or false": bool, "a number": (int, float), "a whole number": int, "a string": str}[kind]
        if not isinstance(value, wanted) or (kind != "true or false" and isinstance(value, bool)):
            raise ModelLoadError(f"invalid model setting {key} (in {path}): {json.dumps(value, default=str)[:80]} is not {kind}")
    return values


_TOML_KINDS = {bool: "true or false", float: "a number", int: "a whole number"}


def find_config_file(config_file: Path | None = None) -> Path | None:
    if config_file is not None:
        if not Path(config_file).expanduser().is_file():
            path = Path(config_file).expanduser()
            kind = "is a folder, not a TOML file" if path.is_dir() else "is not a file (a pipe or a device)" if path.exists() else "not found"
            raise ModelLoadError(f"config file {kind}: {config_file}")
        return Path(config_file).expanduser()
    for path in (path.expanduser() for path in CONFIG_FILES):
        if path.is_file():
            return path
        if path.exists():  # a folder or a pipe where the config file is looked for: was skipped silently
            raise ModelLoadError(f"config file {path} is not a file (a folder, pipe or device); remove it or make it a TOML file")
    return None


def load_settings(config_file: Path | None = None, **overrides: Any) -> ModelSettings:
    """Settings from all sources; `overrides` (CLI flags) that are None are left to the others."""
    path = find_config_file(config_file)
    file_values = _read_toml(path) if path is not None else {}

    class _WithFile(ModelSettings):
        @classmethod
        def settings_customise_sources(  # type: ignore[override]
            cls, settings_cls, init_settings, env_settings, **_: Any
        ):
            return (init_settings, env_settings, InitSettingsSource(settings_cls, file_values))

    try:
        loaded = _WithFile(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        field = str(first["loc"][0]) if first["loc"] else ""
        source = _source(field, overrides, file_values, path)
        reason = first["msg"].removeprefix("Value error, ")
        raise ModelLoadError(f"invalid model setting {where}{source and f' ({source})'}: {reason}") from error
    source = _source("endpoint", overrides, file_values, path)
    if loaded.endpoint or (loaded.endpoint == "" and source != "CUTEKG_ENDPOINT"):  # an empty variable means unset
        check_endpoint(loaded.endpoint, source)
    lora_source = _source("lora", overrides, file_values, path)
    if loaded.lora is not None and not loaded.model and lora_source:  # lora = in a file or CUTEKG_LORA, no model: was ignored
        raise ModelLoadError(f"invalid model setting lora ({lora_source}): the adapter {loaded.lora} needs a model setting "
                             "(the base model); set model too, or leave lora out")
    source = _source("model", overrides, file_values, path)
    if loaded.model and loaded.model.strip() and not loaded.endpoint and source:  # a flag's folder is named where it loads
        from llm.model_folder import folder_problem

        problem = folder_problem(Path(loaded.model).expanduser(), "a model folder")
        if problem:  # "no such folder: 😀" named neither the file nor the variable that said it
            raise ModelLoadError(f"invalid model setting model ({source}): {problem.replace(str(Path(loaded.model).expanduser()), loaded.model)}")
    if loaded.model is not None and not str(loaded.model).strip() and (source != "CUTEKG_MODEL" or loaded.model):
        # (CUTEKG_MODEL= unsets it; CUTEKG_MODEL='   ' is a blank name)
        # `model = ""` in a file quietly left the offline planner answering a user who meant a model
        raise ModelLoadError(f"invalid model setting model{source and f' ({source})'}: empty; give a model folder "
                             "or name, or leave the setting out for the offline planner")
    # A plain ModelSettings for callers (already validated: no second pass over the sources).
    return ModelSettings.model_construct(**dict(loaded))


def _source(field: str, overrides: dict[str, Any], file_values: dict[str, Any], path: Path | None) -> str:
    """Where a setting came from, in the words the user typed it: "" for a flag, else the variable or file."""
    if overrides.get(field) is not None:
        return ""
    if f"CUTEKG_{field.upper()}" in os.environ:
        return f"CUTEKG_{field.upper()}"
    return f"in {path}" if field in file_values else ""


def check_endpoint(endpoint: str, source: str = "") -> None:
    """An endpoint is an http(s) URL with a host; `source` says where it was given ("": the flag)."""
    from urllib.parse import urlparse

    shown = endpoint if endpoint.strip() else repr(endpoint)
    label = f"endpoint {shown} ({source})" if source else f"--endpoint {shown}"
    if endpoint != endpoint.strip() and endpoint.strip():
        raise ModelLoadError(f"{label}: spaces around the URL; give it without them")
    if not endpoint.strip():  # an empty flag or `endpoint = ""` would quietly leave the offline planner answering
        raise ModelLoadError(f"{label}: empty; give a server URL (e.g. http://127.0.0.1:8000/v1), or leave it out for the offline planner")
    try:
        url = urlparse(endpoint)
        url.port  # noqa: B018 — a bad port or an unclosed [ raise ValueError
    except ValueError as error:
        raise ModelLoadError(f"{label}: not a valid URL ({error})") from None
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ModelLoadError(f"{label}: not an http(s) URL (e.g. http://127.0.0.1:8000/v1)")


def build_runtime(settings: ModelSettings) -> Any:
    if settings.endpoint:
        from llm.openai_compat import OpenAICompatRuntime

        check_endpoint(settings.endpoint)
        key = settings.api_key.get_secret_value() if settings.api_key else None
        return OpenAICompatRuntime(
            settings.endpoint, model=settings.model, api_key=key, api=settings.api, timeout=settings.endpoint_timeout,
        )
    if settings.model:
        from llm.hf_runtime import HFRuntime

        return HFRuntime.load(
            settings.model, lora_path=settings.lora, int8=settings.int8, dtype=settings.dtype, template=settings.template,
            max_new_tokens=settings.max_new_tokens,
        )
    raise ModelLoadError("no model configured: pass --model PATH or --endpoint URL")
