"""Model folders for training and export, loaded as inference loads them (`llm.model_folder`):
each way a folder can be wrong is one TrainingSetupError naming it."""

from __future__ import annotations

from pathlib import Path

from training.checkpoint import TrainingSetupError


def check_model_folder(folder: Path) -> None:
    """The checks `agent ask` makes of a model folder (config.json's sizes and the model transformers
    builds from it, the weights' headers and shard names), so train refuses what ask refuses, in one line."""
    from llm.base import ModelLoadError
    from llm.model_folder import check_config, check_weights, model_config

    try:
        check_config(folder, model_config(folder))
        check_weights(folder)
    except ModelLoadError as error:
        raise TrainingSetupError(str(error)) from None


def pretrained(cls, source, **options):
    """`cls.from_pretrained` on a local folder, checked as inference loads one
    (`llm.model_folder.load_weights`): every way the folder can be wrong is one line naming it."""
    from llm.base import ModelLoadError
    from llm.model_folder import held_transformers_logs, load_weights

    with held_transformers_logs() as records:
        try:
            return load_weights(cls, Path(source), options, records)
        except ModelLoadError as error:
            raise TrainingSetupError(str(error)) from None


def load_adapter(model, adapter: Path, base, **options):
    """peft's adapter on `model`; one that does not fit the base is a TrainingSetupError naming both."""
    from llm.base import ModelLoadError, load_lora_adapter

    try:
        return load_lora_adapter(model, adapter, base, **options)
    except ModelLoadError as error:
        raise TrainingSetupError(str(error)) from None
