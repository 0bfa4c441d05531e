"""The runtime seam: a prompt (already in CuteGPT's template) in, cleaned text out.

The local Hugging Face runtime, an OpenAI-compatible endpoint and the scripted test runtime all obey
`Runtime`; the planner and answerer only ever see this protocol.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field


class ModelLoadError(Exception):
    """A model or endpoint cannot be used; the message is one line the CLI prints before exit 2."""


class ModelRunError(ModelLoadError):
    """The model loaded but fails when it generates (sampling from NaN, a template that raises):
    every later prompt would fail the same way, so callers stop, as for a model that cannot load."""


class PromptTooLongError(ModelLoadError):
    """The prompt and the tokens to generate do not fit the model's context; never cut silently."""


TOKENIZER_ERRORS = (Exception,)
"""What `AutoTokenizer.from_pretrained` raises on a damaged tokenizer folder: a missing or unreadable
file, a tokenizer.json of the wrong shape (`{}`: KeyError 'added_tokens'), one the tokenizers library
cannot read (a bare Exception: "data did not match any variant of untagged enum ModelUntagged"), one
nested too deep (RecursionError) — every failure to load a tokenizer is a load error naming its folder."""


def tokenizer_problem(error: BaseException) -> str:
    """One of `TOKENIZER_ERRORS` in a few words."""
    if isinstance(error, KeyError):  # tokenizers' own reader: a JSON file that lacks a part it needs
        return f"a tokenizer file of the wrong shape (no {error} in it)"
    text = " ".join(str(error).split())
    return text.split(". ")[0] if text else type(error).__name__


def is_adapter_dir(path: str | os.PathLike) -> bool:
    """A folder peft saved a LoRA adapter in (its adapter_config.json names the base model)."""
    return (Path(path) / "adapter_config.json").is_file()


def check_whole_numbers(config_file: str | os.PathLike, config: dict, keys: tuple[str, ...]) -> None:
    """The sizes a config file gives under `keys` are whole numbers ≥ 1 (torch fails deep inside on
    -1, 2.5 or "x"); a key left out is fine."""
    import json

    for key in keys:
        value = config.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ModelLoadError(f"{config_file}: {key} is {json.dumps(value)}, not a whole number ≥ 1")


def safetensors_problem(path: str | os.PathLike) -> str | None:
    """Why a .safetensors file cannot be read — its header must parse and cover the whole file, so a
    truncated download is caught before transformers or peft read it — or None."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), "pt"):
            pass
    except (SafetensorError, OSError) as error:
        return str(error).strip() or type(error).__name__
    return None


def missing_tensors(source: str | os.PathLike, loading_info: dict) -> str | None:
    """Why a model is unusable when its weights lack tensors config.json expects (the `missing_keys`
    of `from_pretrained(..., output_loading_info=True)`: transformers fills them with random
    values), or None."""
    missing = list(loading_info.get("missing_keys") or ())
    if not missing:
        return None
    return f"{source}: the weights lack {len(missing)} tensor(s) config.json expects (e.g. {missing[0]}): a damaged or partial checkpoint"


def pickle_problem(error: BaseException) -> str:
    """torch.load's refusal of a .bin (weights_only: a pickle that is more than tensors) or its
    damage, in one line."""
    first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
    return f"{first.split('. ')[0][:200]} (a pickle that is not plain tensors is refused; save the weights as safetensors)"


ADAPTER_WEIGHTS = ("adapter_model.safetensors", "adapter_model.bin")


def load_lora_adapter(model, adapter: str | os.PathLike, base: str | os.PathLike, **options):
    """`PeftModel.from_pretrained(model, adapter)`; an adapter that does not fit the base model
    (another model's shape or layers) or whose adapter_config.json holds a bad value is one
    ModelLoadError naming both folders and the mismatch."""
    import ast
    import json
    import re
    import warnings

    from peft import PeftModel

    config_file = Path(adapter) / "adapter_config.json"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ModelLoadError(f"{config_file}: not a readable adapter config ({error})") from None
    except RecursionError:
        raise ModelLoadError(f"{config_file}: nested too deep to be a config file") from None
    check_whole_numbers(config_file, config if isinstance(config, dict) else {}, ("r", "lora_alpha"))
    if not any((Path(adapter) / name).is_file() for name in ADAPTER_WEIGHTS):  # peft would ask the Hub for them
        raise ModelLoadError(f"{adapter}: no adapter weights ({ADAPTER_WEIGHTS[0]} or .bin)")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loaded = PeftModel.from_pretrained(model, str(adapter), **options)
    except (RuntimeError, ValueError, KeyError, TypeError, IndexError) as error:  # (layer_replication past the last layer: IndexError)
        text = " ".join(str(error).split())
        shape = re.search(r"size mismatch for (\S+): copying a param with shape torch\.Size\((\[[^\]]*\])\) from checkpoint, "
                          r"the shape in current model is torch\.Size\((\[[^\]]*\])\)", text)
        why = (f"{shape[1]} is {shape[2]} in the adapter, {shape[3]} in the model" if shape
               else text[:300] or type(error).__name__)
        raise ModelLoadError(f"the adapter {adapter} does not fit the base model {base} ({why}); "
                             "was it trained on another model?") from None
    except (pickle.UnpicklingError, EOFError) as error:  # torch.load (weights_only) on a hostile or damaged .bin
        raise ModelLoadError(f"cannot load the adapter weights in {adapter}: {pickle_problem(error)}") from None
    for warning in caught:
        missing = re.search(r"Found missing adapter keys while loading the checkpoint: (\[.*\])", str(warning.message), re.S)
        if missing:  # peft leaves those LoRA matrices as initialised: an adapter that (partly) changes nothing
            keys = ast.literal_eval(missing[1])
            raise ModelLoadError(f"{adapter}: its weights file lacks {len(keys)} of the adapter's tensors (e.g. {keys[0]}); "
                                 "a damaged adapter, or another tool's names")
    for warning in caught:  # the others, shown as peft raised them
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return loaded


MAX_TOKENS_CAP = 4096
"""The most tokens one answer may ask for: CuteGPT's context is 2048 tokens (upstream), so more is a
mistake that would hold the one generation lock for minutes (`agent serve` refuses a request for
more; the max_new_tokens setting is bounded by it too)."""


class GenerationConfig(BaseModel):
    """Decoding settings. The sampling defaults are upstream CuteGPT's (README inference example:
    `model.generate(..., do_sample=True, top_p=0.8, top_k=50, repetition_penalty=1.1)`)."""

    model_config = ConfigDict(extra="forbid")

    max_new_tokens: int = Field(512, ge=1, description="an answer or a plan; upstream uses 1024 for chat")
    do_sample: bool = Field(True, description="upstream samples for answers; plans use greedy()")
    temperature: float = Field(1.0, gt=0, description="upstream leaves it at transformers' 1.0")
    top_p: float = Field(0.8, gt=0, le=1, description="upstream CuteGPT")
    top_k: int = Field(50, ge=0, description="upstream CuteGPT")
    repetition_penalty: float = Field(1.1, gt=0, description="upstream CuteGPT")
    seed: int | None = Field(None, description="fixes sampling for reproducible runs")

    @classmethod
    def greedy(cls, **overrides: object) -> GenerationConfig:
        """Deterministic decoding for plans: the same question gives the same code every time."""
        return cls(**{"do_sample": False, **overrides})

    @classmethod
    def for_temperature(cls, temperature: float | None, **overrides: object) -> GenerationConfig:
        """OpenAI-style settings (a server request, a LangChain chat model): temperature 0 decodes
        greedily, None keeps upstream's sampling, anything else samples at that temperature."""
        values: dict[str, object] = {"do_sample": temperature != 0}
        if temperature:
            values["temperature"] = temperature
        return cls(**values, **{name: value for name, value in overrides.items() if value is not None})

    def sampling_kwargs(self) -> dict[str, object]:
        """The `generate()` keyword arguments; sampling knobs only when sampling (transformers warns)."""
        kwargs: dict[str, object] = {
            "max_new_tokens": self.max_new_tokens,
            "do_sample": self.do_sample,
            "repetition_penalty": self.repetition_penalty,
        }
        if self.do_sample:
            kwargs |= {"temperature": self.temperature, "top_p": self.top_p, "top_k": self.top_k}
        return kwargs


class Completion(BaseModel):
    """One generation with the counts an OpenAI-compatible server reports."""

    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: Literal["stop", "length"] = "stop"


@runtime_checkable
class Runtime(Protocol):
    name: str

    def generate(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> str:
        """The cleaned completion of one prompt (already in the model's template); with
        `json_schema`, a runtime that can constrain decoding keeps the output to that schema."""
        ...

    def generate_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[str]:
        """`generate` for many prompts at once, in order (one batched forward pass where it can)."""
        ...

    def stream(self, prompt: str, config: GenerationConfig) -> Iterator[str]:
        """The completion piece by piece as it is generated; the pieces join to `generate`'s text."""
        ...


@runtime_checkable
class CompletionRuntime(Protocol):
    """Optional: completions with token counts and finish reasons (what a server reports)."""

    def complete_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[Completion]: ...
