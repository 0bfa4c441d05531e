"""Options shared by several commands, declared once: the KG and the model to answer with."""

from __future__ import annotations

import functools
import inspect
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Optional

import typer


def typed_path(text: str) -> Path:
    """A path as typed: an empty one is refused, not read as "." (the current folder)."""
    if not text:
        raise typer.BadParameter("'' is an empty path; give a file or folder name")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):  # a pasted line break, a NUL: never a name meant
        raise typer.BadParameter(f"{text!r} holds a line break or control character; check the name")
    return Path(text)


def file_path(text: str) -> Path:
    """An output *file*: a name ending in "/" means a folder, which `Path` would silently drop."""
    if text.endswith(("/", "\\")):
        raise typer.BadParameter(f"{text} names a folder; give the name of a file (in it, if you like)")
    return typed_path(text)


def given_path(text: str) -> Path:
    """An input as typed: not '', and a file not written as a folder (`Path` would drop the "/",
    where the OS says "Not a directory")."""
    path = typed_path(text)
    if text.endswith(("/", "\\")) and path.is_file():
        raise typer.BadParameter(f"{text}: {path} is a file, not a folder; drop the trailing {text[-1]}")
    return path


def kg_source(text: str) -> Path | str:
    """A KG file, or a `sparql+http://…` URL kept as typed (`Path` would fold its slashes)."""
    return text if text.lower().startswith("sparql+") else given_path(text)


KGPath = Annotated[
    Optional[Path],
    typer.Option("--kg", parser=kg_source, help="Knowledge graph file in any loader format; default: the bundled sample KG."),
]
ModelPath = Annotated[
    Optional[Path], typer.Option("--model", parser=given_path, help="Local CuteGPT (or any Llama) directory in Hugging Face format.")
]
LoraPath = Annotated[Optional[Path], typer.Option("--lora", parser=given_path, help="LoRA adapter directory to apply on --model.")]
Int8 = Annotated[
    bool, typer.Option("--int8", help="Load the model in int8 with bitsandbytes (CUDA GPU; CPU with bitsandbytes >= 0.49).")
]
Template = Annotated[
    Optional[str],
    typer.Option("--template", help="Prompt format of a local --model: auto (CuteGPT's for CuteGPT checkpoints, else the "
                                    "tokenizer's chat_template), cutegpt or chat."),
]
Endpoint = Annotated[
    Optional[str], typer.Option("--endpoint", help="OpenAI-compatible server URL, e.g. http://127.0.0.1:8000/v1.")
]
ConfigFile = Annotated[
    Optional[Path],
    typer.Option("--config", parser=given_path, help="TOML file with model settings; default ./cutekg.toml, then ~/.config/cutekg/config.toml."),
]


@dataclass
class ModelChoice:
    """What a command answers with: the KG, and a model (local or remote) or the offline planner."""

    kg: Path | None = None
    model: Path | None = None
    lora: Path | None = None
    int8: bool = False
    template: str | None = None
    endpoint: str | None = None
    config: Path | None = None


_OPTIONS = {"kg": KGPath, "model": ModelPath, "lora": LoraPath, "int8": Int8, "template": Template, "endpoint": Endpoint, "config": ConfigFile}


def with_model_options(command):
    """Give a command the options of `ModelChoice` (--kg, --model, --lora, --int8, --endpoint,
    --config) without repeating them in its signature: it receives them as `models: ModelChoice`."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "models"]
    added = [inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=_OPTIONS[f.name])
             for f in fields(ModelChoice)]

    @functools.wraps(command)
    def run(**kwargs):
        models = ModelChoice(**{name: kwargs.pop(name) for name in _OPTIONS})
        return command(models=models, **kwargs)

    run.__signature__ = signature.replace(parameters=own + added)
    run.__annotations__ = {p.name: p.annotation for p in own + added}
    return run


def load_graph(path: Path | None):
    from kg import load_kg, load_sample_kg

    return load_sample_kg() if path is None else load_kg(path, progress=sys.stderr.isatty())


def build_agent(choice: ModelChoice):
    """The agent with the LLM planner and answerer when a model is configured, else the offline ones.
    The one place where the layers meet (the composition root)."""
    from agent.loop import Agent
    from llm.base import ModelLoadError
    from llm.config import load_settings

    if choice.lora is not None and choice.model is None and choice.endpoint is None:
        raise ModelLoadError("--lora needs --model (the base model), or pass the adapter directory itself as --model")
    if choice.lora is not None and choice.endpoint is not None:
        raise ModelLoadError("--lora applies to a local --model; a server applies its own adapter (agent serve --lora)")
    kg = load_graph(choice.kg)
    model_id = str(choice.model) if choice.model is not None else None  # a path here, a served model's id with --endpoint
    settings = load_settings(choice.config, model=model_id, lora=choice.lora, int8=choice.int8 or None,
                             template=choice.template, endpoint=choice.endpoint)
    if settings.configured:
        from agent.llm_planner import build_models

        planner, answerer = build_models(settings)
        if settings.endpoint:
            planner.runtime.check()
    else:
        from agent.offline import OfflineAnswerer, OfflinePlanner

        planner, answerer = OfflinePlanner(kg), OfflineAnswerer()
    return Agent(kg, planner, answerer)
