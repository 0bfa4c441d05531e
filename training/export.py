"""`agent export`: a LoRA adapter merged into its base model, saved as a plain model folder."""

from __future__ import annotations

from pathlib import Path

from llm.base import is_adapter_dir
from llm.model_folder import folder_problem
from training.checkpoint import TrainingSetupError, _check_adapter
from training.files import built_beside
from training.model_load import load_adapter, pretrained


def export(adapter: str | Path, out: str | Path, base: str | Path | None = None, dtype: str = "float32") -> Path:
    """Merge a LoRA adapter into its base model and save a plain model directory (+ tokenizer).

    `base` defaults to the path recorded in the adapter's adapter_config.json."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter, out = Path(adapter), Path(out)
    if problem := folder_problem(adapter, "the adapter folder `agent train` wrote"):
        raise TrainingSetupError(problem)
    if not is_adapter_dir(adapter):
        raise TrainingSetupError(f"{adapter} is not a LoRA adapter (no adapter_config.json)")
    adapter_config = _check_adapter(adapter, "export one of the run's checkpoints/step-* instead, or train again")
    given = base is not None
    if not given:
        from llm.base import ModelLoadError
        from llm.model_folder import check_adapter_config

        try:  # the recorded base on one line, the adapter's switches true or false
            check_adapter_config(adapter)
        except ModelLoadError as error:
            raise TrainingSetupError(str(error)) from None
    base = base or adapter_config.get("base_model_name_or_path")
    if not base:
        raise TrainingSetupError(f"{adapter / 'adapter_config.json'} names no base model; pass --base")
    named = f"--base {base}" if given else f"the base model {base} that {adapter / 'adapter_config.json'} names"
    if problem := folder_problem(Path(base), "a model folder"):
        # (the recorded base said as recorded, with the file that records it; not an absolute path resolved)
        raise TrainingSetupError(f"{problem.replace(str(Path(base).resolve()), str(base))} ({named}; pass --base)" if not given
                                 else f"{problem} (the base model; pass --base)")
    if is_adapter_dir(base):
        raise TrainingSetupError(f"{named} is a LoRA adapter, not a base model; give the model {adapter} was trained on with --base")
    model = pretrained(AutoModelForCausalLM, base, dtype=getattr(torch, dtype))
    merged = load_adapter(model, adapter, base).merge_and_unload()
    with built_beside(out) as tmp:  # renamed into place when complete: a failed export leaves the old folder
        merged.save_pretrained(str(tmp))
        tokenizer_source = adapter if (adapter / "tokenizer_config.json").exists() else Path(base)
        AutoTokenizer.from_pretrained(str(tokenizer_source)).save_pretrained(str(tmp))
    return out
