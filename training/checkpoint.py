"""A run folder on disk: its record (cutekg_training.json), its checkpoints and their trainer state,
the checks `--resume` makes against them, and the damaged-file errors that say the way out.

Layout of `output_dir`: see training/finetune.py. Every reader here turns a damaged or hand-edited
file into one TrainingSetupError naming it, instead of a traceback from json, torch or peft.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from llm.base import safetensors_problem
from training.config import TrainConfig
from training.data import DATASET_FILE

CHECKPOINTS = "checkpoints"
STATE_FILE = "trainer_state.json"
METRICS_FILE = "metrics.jsonl"
RUN_FILE = "cutekg_training.json"


class TrainingSetupError(Exception):
    """The run cannot start as configured (missing package, no CUDA, vocabulary mismatch)."""


def _first_sentence(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text.split(". ")[0]


def _read_json(path: Path, way_out: str) -> Any:
    """A JSON file we wrote earlier; damaged, it is one line naming the file, the line and `way_out`."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise TrainingSetupError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); {way_out}") from None
    except UnicodeDecodeError:
        raise TrainingSetupError(f"{path}: not UTF-8 text; {way_out}") from None
    except RecursionError:  # nested 50,000 deep
        raise TrainingSetupError(f"{path}: nested too deep to be a config file; {way_out}") from None


def _check_safetensors(path: Path, way_out: str) -> None:
    """A truncated or garbled weights file, caught here in our words (llm.base.safetensors_problem)
    instead of as peft's or transformers' traceback."""
    problem = safetensors_problem(path)
    if problem:
        raise TrainingSetupError(f"{path}: damaged ({problem.splitlines()[0].split('. ')[0]}); {way_out}")


def _check_adapter(adapter: Path, way_out: str) -> dict[str, Any]:
    """The adapter's adapter_config.json, once it and the weights beside it have been read."""
    config = _read_json(adapter / "adapter_config.json", way_out)
    if not isinstance(config, dict):
        raise TrainingSetupError(f"{adapter / 'adapter_config.json'}: not an adapter config (a JSON object); {way_out}")
    for weights in sorted(adapter.glob("*.safetensors")):
        _check_safetensors(weights, way_out)
    return config


def read_run_record(output_dir: Path) -> dict[str, Any] | None:
    """`output_dir/cutekg_training.json` (None when there is none)."""
    path = Path(output_dir) / RUN_FILE
    if not path.is_file():
        return None
    record = _read_json(path, "repair it, or start the run again with --force")
    if not isinstance(record, dict):
        raise TrainingSetupError(f"{path}: not a run record (a JSON object); repair it, or start the run again with --force")
    return record


def _resume_way_out(checkpoint: Path) -> str:
    """What to do about a damaged checkpoint: resume from the one before it, or start again."""
    earlier = [p for p in _complete_checkpoints(checkpoint.parent.parent) if p != checkpoint]
    if earlier:
        return f"remove {checkpoint} to resume from {earlier[-1].name}, or start again with --force"
    return "it is the only checkpoint: start again with --force"


def _read_state(checkpoint: Path) -> dict[str, Any]:
    """A checkpoint's trainer_state.json: whole numbers step, epoch and window (tokens and elapsed_s optional)."""
    way_out = _resume_way_out(checkpoint)
    state = _read_json(checkpoint / STATE_FILE, way_out)
    whole = lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0  # noqa: E731
    number = lambda value: isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0  # noqa: E731
    if (not isinstance(state, dict) or not all(whole(state.get(key)) for key in ("step", "epoch", "window"))
            or not whole(state.get("tokens", 0)) or not number(state.get("elapsed_s", 0.0))):
        raise TrainingSetupError(f"{checkpoint / STATE_FILE}: not a trainer state (a JSON object with whole numbers step, "
                                 f"epoch and window); {way_out}")
    return state


def _torch_load(path: Path, weights_only: bool = True) -> Any:
    """A checkpoint's .pt file; a truncated or corrupt one is one line saying what to do."""
    import pickle

    import torch

    try:
        return torch.load(path, weights_only=weights_only)
    except (RuntimeError, OSError, EOFError, pickle.UnpicklingError) as exc:
        raise TrainingSetupError(f"{path}: damaged ({_first_sentence(exc)}); {_resume_way_out(path.parent)}") from None


# --------------------------------------------------------------------------- setup



def _complete_checkpoints(output_dir: Path) -> list[Path]:
    """Complete checkpoints, oldest first; hidden temporaries from an interrupted save are ignored."""
    folder = Path(output_dir) / CHECKPOINTS
    # Only step-NNNNNN folders are checkpoints: a renamed or stray folder is no part of the run.
    done = [p for p in folder.glob("step-*") if re.fullmatch(r"step-\d+", p.name) and (p / STATE_FILE).exists()] if folder.exists() else []
    return sorted(done, key=lambda p: int(p.name.split("-")[1]))


def latest_checkpoint(output_dir: Path) -> Path | None:
    """The newest complete checkpoint."""
    done = _complete_checkpoints(output_dir)
    return done[-1] if done else None


def _prune(output_dir: Path, keep: int) -> None:
    done = _complete_checkpoints(output_dir)
    for old in done[:-keep]:
        shutil.rmtree(old, ignore_errors=True)



RESUME_FREE = ("resume", "output_dir", "save_steps", "keep_checkpoints", "log_steps", "device", "attn_implementation",
               "gradient_checkpointing", "deepspeed")
"""TrainConfig fields a resumed run may change: where and how it runs, not what it trains."""


def _check_resume(checkpoint: Path, config: TrainConfig, stats, fingerprint: dict[str, Any]) -> None:
    """--resume continues the same run: data, model and every argument that shapes training must
    match the checkpoint's record, or the "resumed" run would silently be a different one."""
    from pydantic import ValidationError

    saved_file = checkpoint / "train_config.json"
    if not saved_file.exists():
        return
    try:
        saved = TrainConfig.model_validate(_read_json(saved_file, _resume_way_out(checkpoint)))
    except ValidationError as exc:  # e.g. a lora_from folder moved since
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "config"
        raise TrainingSetupError(f"{saved_file}: {where}: {first['msg'].removeprefix('Value error, ')}") from None
    differences = []
    for name in TrainConfig.model_fields:
        if name in RESUME_FREE:
            continue
        old, new = getattr(saved, name), getattr(config, name)
        if isinstance(old, Path) and isinstance(new, Path):
            old, new = old.resolve(), new.resolve()
        if isinstance(old, BaseModel) and isinstance(new, BaseModel) and "target_modules" in type(old).model_fields:
            # the same LoRA modules named in another order are the same adapter
            old, new = (m.model_copy(update={"target_modules": sorted(m.target_modules)}) for m in (old, new))
        if old != new:
            differences.append(f"{name} {_shown(getattr(saved, name))} → {_shown(getattr(config, name))}")
    record = read_run_record(config.output_dir) or {}
    if Path(saved.data).resolve() == Path(config.data).resolve():  # another folder is named above already
        if record.get("dataset") not in (None, json.loads(stats.model_dump_json())):
            differences.append(f"the dataset in {config.data} changed since the checkpoint (its stats.json)")
        if record.get("dataset_file") not in (None, fingerprint):  # None: a run recorded before fingerprints
            differences.append(f"{Path(config.data) / DATASET_FILE} changed since the checkpoint (its size or SHA-256)")
    if differences:
        raise TrainingSetupError(f"--resume: {_shown(checkpoint)} was trained with other settings: {'; '.join(differences)}. "
                                 "Resume with the same ones, or train into a new --out")


def _shown(value: Any) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, Path) and value.is_absolute():  # the record keeps paths whole: shown as the user would type them
        relative = os.path.relpath(value, Path.cwd())
        return relative if relative.count("..") <= 2 else str(value)  # ../ds from a subfolder; far away, whole
    return str(value)


def _write_run_file(output_dir: Path, config: TrainConfig, stats, fingerprint: dict[str, Any]) -> None:
    """Beside the weights: how they were trained and on what (litgpt keeps its prompt style the same way)."""
    record = {"config": json.loads(config.model_dump_json()), "dataset": json.loads(stats.model_dump_json()),
              "dataset_file": fingerprint, "template": "cutegpt", "end_token": stats.end_token}
    (output_dir / RUN_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


def _trim_metrics(path: Path, step: int) -> None:
    """A resumed run rewrites the steps after its checkpoint; drop their old lines first."""
    if not path.exists():
        return
    kept = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            logged = json.loads(line)["step"]
        except (ValueError, TypeError, KeyError, RecursionError):  # a line a crash cut, or an edit
            raise TrainingSetupError(f"{path}:{number}: not a metrics line (JSON with a step); remove or mend it, "
                                     "then resume") from None
        if isinstance(logged, int) and logged <= step:
            kept.append(line)
    path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
