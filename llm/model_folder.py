"""A local model folder checked before and while it loads: its config.json, weights files and
tokenizer, each way it can be wrong one ModelLoadError naming the folder (and the file, field or
tensor), and transformers' own output held back until the load has succeeded.

`llm.hf_runtime.HFRuntime.load` is the caller; torch and transformers are imported inside the
functions that use them.
"""

from __future__ import annotations

import json
import logging
import pickle
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from llm.base import ModelLoadError, check_whole_numbers, is_adapter_dir, missing_tensors, pickle_problem, safetensors_problem

def folder_problem(path: Path, what: str) -> str | None:
    """Why `path` is not the folder asked for, in a user's words; None when it is one."""
    if path.is_dir():
        return None
    if path.is_file():
        return f"{path} is a file, not {what}"
    if path.exists():
        return f"{path} is a pipe or a device, not {what}"
    return f"no such folder: {path}"


def is_model_dir(path: Path) -> bool:
    return (path / "config.json").is_file()


def has_tokenizer(path: Path) -> bool:
    return any((path / name).is_file() for name in ("tokenizer.json", "tokenizer.model", "tokenizer_config.json"))


def read_config(path: Path) -> dict[str, Any]:
    """A JSON config file of a model or adapter folder; a damaged one is named, not a traceback."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelLoadError(f"{path}: not valid JSON ({error})") from error
    except RecursionError:  # nested 100,000 deep
        raise ModelLoadError(f"{path}: nested too deep to be a config file") from None
    if not isinstance(config, dict):
        raise ModelLoadError(f"{path}: not a JSON object")
    return config


def unreadable_json(folder: Path) -> Path | None:
    """The first *.json file of the folder that is not valid JSON, if any."""
    for path in sorted(Path(folder).glob("*.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # (nested 100,000 deep)
            return path
    return None


def check_weights(folder: Path) -> None:
    """Read each safetensors header (which must cover its file), so a truncated download is named
    here rather than failing inside transformers."""
    for path in sorted(folder.glob("*.safetensors")):
        problem = safetensors_problem(path)
        if problem:
            raise ModelLoadError(f"{path}: damaged or truncated weights ({problem})")
    for index in sorted(folder.glob("*.index.json")):  # sharded weights: each shard a file of this folder
        try:
            shards = set(json.loads(index.read_text(encoding="utf-8")).get("weight_map", {}).values())
        except (OSError, ValueError, AttributeError, RecursionError, TypeError):
            raise ModelLoadError(f"{index}: not a weights index (JSON with a weight_map of tensor → shard file)") from None
        outside = sorted(str(s) for s in shards if not isinstance(s, str) or Path(s).name != s or s in ("", ".", ".."))
        if outside:  # "../../other/model.safetensors" loaded weights from outside the folder
            raise ModelLoadError(f"{index}: shard {outside[0]!r} is not a file of {folder}; a weights index names files beside it")
        missing = sorted(s for s in shards if not (folder / s).is_file())
        if missing:
            raise ModelLoadError(f"{index}: names the shard {missing[0]}, which {folder} does not hold")
    for path in sorted(folder.glob("pytorch_model*.bin")):  # torch.save writes a zip; old releases a pickle
        with open(path, "rb") as weights:
            start = weights.read(4)
        if not (start.startswith(b"PK\x03\x04") or start.startswith(b"\x80")):
            raise ModelLoadError(f"{path}: not PyTorch weights (neither a torch.save zip archive nor a pickle)")


_LIBRARY_FILE = re.compile(r"[/\\](?:peft|transformers|torch|accelerate)[/\\]")


class _Held(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def held_transformers_logs() -> Iterator[list[logging.LogRecord]]:
    """transformers' log records and the `warnings` (FutureWarning, peft's) raised while a model
    loads, held back: shown as usual when the load succeeds, dropped when it fails (its LOAD
    REPORT table would bury the one-line error). Its progress bar is shown only on a terminal."""
    from transformers.utils import logging as hf_logging

    root = logging.getLogger("transformers")
    held, shown, level = _Held(), root.handlers[:], root.level
    root.handlers = [held]
    root.setLevel(min(level or logging.WARNING, logging.WARNING))  # the report is read even when quietened
    bars = hf_logging.is_progress_bar_enabled()
    if not sys.stderr.isatty():  # its "Loading weights" bar only on a terminal: a log or a pipe gets the error alone
        hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings(record=True) as caught:  # the filters still apply; only the showing waits
            yield held.records
    finally:
        root.handlers = shown
        root.setLevel(level)
        if bars:
            hf_logging.enable_progress_bar()
    for record in held.records:
        if record.levelno >= root.getEffectiveLevel():
            root.handle(record)
    for warning in caught:
        if not _LIBRARY_FILE.search(warning.filename):  # the libraries' advice on a model's odd settings is no one's to act on
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


BUILD_ERRORS = (KeyError, AssertionError, TypeError, AttributeError, IndexError)
"""What transformers raises building a model from a config.json it cannot read as one."""


def cannot_build(model: Path, error: BaseException) -> ModelLoadError:
    """One line naming the config.json transformers could not build a model from, and why."""
    detail = str(error).splitlines()[0][:200] if str(error).strip() else "no detail"
    return ModelLoadError(f"{model / 'config.json'}: transformers cannot build this model ({type(error).__name__}: {detail})")


def load_weights(auto_model: Any, base: Path, kwargs: dict[str, Any], records: list[logging.LogRecord]) -> Any:
    """`from_pretrained`, each way a model folder can be wrong one ModelLoadError naming it —
    tensors the weights lack too (they would answer with random values)."""
    try:
        model, info = auto_model.from_pretrained(base, output_loading_info=True, **kwargs)
    except (OSError, ValueError, ImportError) as error:
        raise ModelLoadError(f"cannot load {base}: {str(error).splitlines()[0]}") from error
    except RuntimeError as error:
        if "ignore_mismatched_sizes" not in str(error):
            raise ModelLoadError(f"cannot load the weights in {base}: {str(error).splitlines()[0].split('. ')[0]}") from error
        raise ModelLoadError(f"{base}: config.json does not match the weights: {_mismatch(records)}") from error
    except (pickle.UnpicklingError, EOFError) as error:  # torch.load on a damaged or hostile pytorch_model.bin
        raise ModelLoadError(f"cannot load the weights in {base}: {pickle_problem(error)}") from error
    except BUILD_ERRORS as error:
        # transformers building the model config.json describes: an activation it has no name for
        # (hidden_act), an unknown rope_scaling type, a pad_token_id outside the vocabulary
        raise cannot_build(base, error) from error
    problem = missing_tensors(base, info)
    if problem:
        raise ModelLoadError(problem)
    extra = [key for key in info.get("unexpected_keys") or () if not key.endswith(HARMLESS_EXTRA)]
    if extra:  # config.json describes a smaller model than the weights (num_hidden_layers 0, another model's config)
        raise ModelLoadError(f"{base}: the weights hold {len(extra)} tensor(s) config.json does not describe (e.g. {extra[0]}): "
                             "is config.json the one for these weights?")
    # Buffers older checkpoints saved (rotary inv_freq) are dropped by transformers as they should be:
    # its LOAD REPORT table about them says nothing a user must act on.
    records[:] = [record for record in records if "LOAD REPORT" not in record.getMessage()]
    return model


HARMLESS_EXTRA = ("rotary_emb.inv_freq", "attn.masked_bias", "attn.bias")
"""Tensors old Llama/GPT checkpoints saved that transformers now rebuilds itself (CuteGPT's .bin has inv_freq)."""


def check_finite(model: Any, base: Path) -> None:
    """NaN or infinite weights make every generation fail ("probability tensor contains inf, nan"):
    refused at load. The embeddings and the 1-D weights (norms, biases) are read, cheaply: a damaged
    or diverged checkpoint shows there, and the big matrices are not scanned on every load."""
    import torch

    output = model.get_output_embeddings()
    named = [("the input embeddings", model.get_input_embeddings().weight)]
    named += [("the output embeddings", output.weight)] if output is not None else []
    named += [(name, weight) for name, weight in model.named_parameters() if weight.dim() == 1]
    for name, weight in named:
        if weight.is_floating_point() and not bool(torch.isfinite(weight).all()):
            raise ModelLoadError(f"{base}: the weights hold NaN or infinite values ({name}): a damaged file or a diverged training run")


def _mismatch(records: list[logging.LogRecord]) -> str:
    """The first size mismatch of transformers' LOAD REPORT, in a few words."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(record.getMessage() for record in records))
    found = re.search(r"^([^|\n]+?)\s*\|[^|\n]*MISMATCH.*?ckpt: torch\.Size\((\[[^]]*\])\) vs model: ?torch\.Size\((\[[^]]*\])\)", text, re.M)
    if found is None:
        return "the tensor shapes differ"
    key, weights, config = found.groups()
    return f"{key} is {weights} in the weights but {config} by config.json"


def resolve_paths(model_path: str | Path | None, lora_path: str | Path | None) -> tuple[Path, Path | None, dict[str, Any]]:
    """(base model dir, adapter dir or None, the base's config.json), each checked, each failure a
    one-line ModelLoadError."""
    model = Path(model_path).expanduser() if model_path is not None else None
    lora = Path(lora_path).expanduser() if lora_path is not None else None
    for path, what in ((model, "a model folder"), (lora, "a LoRA adapter folder")):
        if path is not None and (problem := folder_problem(path, what)):
            raise ModelLoadError(problem)
    if model is not None and lora is None and is_adapter_dir(model) and not is_model_dir(model):
        model, lora = None, model  # `--model ADAPTER_DIR`: the adapter names its own base
    if lora is not None:
        if not is_adapter_dir(lora):
            raise ModelLoadError(f"not a LoRA adapter directory (no adapter_config.json): {lora}")
        adapter = check_adapter_config(lora)
        if model is None:
            base = adapter.get("base_model_name_or_path")
            if not base:
                raise ModelLoadError(f"adapter {lora} names no base model; pass the base with --model")
            if Path(base).expanduser().resolve() == lora.resolve():
                raise ModelLoadError(f"{lora / 'adapter_config.json'}: base_model_name_or_path names the adapter itself; "
                                     "pass the base with --model")
            model = Path(base).expanduser()
            if not model.is_dir():
                found = "is a file, not a model folder" if model.exists() else "is not found locally"
                raise ModelLoadError(f"{lora / 'adapter_config.json'}: its base model {base} {found}; pass the base with --model")
    if model is None:
        raise ModelLoadError("no model directory given")
    config = model_config(model)
    if not has_tokenizer(model) and not (lora is not None and has_tokenizer(lora)):
        raise ModelLoadError(f"no tokenizer files in {model}")
    return model, lora, config


_ADAPTER_FLAGS = ("use_rslora", "use_dora", "fan_in_fan_out", "inference_mode")


def check_adapter_config(lora: Path) -> dict[str, Any]:
    """adapter_config.json read and the fields peft would misread checked: an object, the base's
    name one line of text, its switches true or false ("x" was taken as true)."""
    path = lora / "adapter_config.json"
    config = read_config(path)
    base = config.get("base_model_name_or_path")
    if base is not None and (not isinstance(base, str) or any(ord(ch) < 32 for ch in base)):
        raise ModelLoadError(f"{path}: base_model_name_or_path is {json.dumps(base)[:80]}, not a folder name on one line")
    for key in _ADAPTER_FLAGS:
        if key in config and config[key] is not None and not isinstance(config[key], bool):
            raise ModelLoadError(f"{path}: {key} is {json.dumps(config[key])[:40]}, not true or false")
    return config


def model_config(model: Path) -> dict[str, Any]:
    """A model folder's config.json, read and its sizes checked (and generation_config.json read)."""
    if not is_model_dir(model):
        raise ModelLoadError(f"not a Hugging Face model directory (no config.json): {model}")
    config = read_config(model / "config.json")
    check_whole_numbers(model / "config.json", config, _SIZES)
    _check_positive(model / "config.json", config, _POSITIVE)
    layers = config.get("num_hidden_layers")
    if isinstance(layers, int) and layers > MAX_LAYERS:  # transformers would build them all before reading a weight
        raise ModelLoadError(f"{model / 'config.json'}: num_hidden_layers is {layers:,}; no model this tool runs has more "
                             f"than {MAX_LAYERS:,} (is it the config of these weights?)")
    generation = model / "generation_config.json"
    if generation.is_file():  # its stop ids end answers: never ignored when damaged
        settings = read_config(generation)
        check_whole_numbers(generation, settings, ("num_beams", "max_new_tokens"))
        _check_token_ids(generation, settings)
    return config


MAX_LAYERS = 1000  # the largest open models have ~130; a 13B Llama has 40
_SIZES = ("vocab_size", "hidden_size", "intermediate_size", "num_attention_heads", "num_key_value_heads",
          "max_position_embeddings", "head_dim")
_POSITIVE = ("rms_norm_eps", "layer_norm_eps", "rope_theta")
"""Numbers a model divides by or takes a root of: 0 or below is noise (NaN) at the first token."""


def _check_positive(config_file: Path, config: dict[str, Any], keys: tuple[str, ...]) -> None:
    rope = config.get("rope_parameters")  # transformers 5 keeps rope_theta there
    values = {key: config.get(key) for key in keys} | ({"rope_parameters.rope_theta": rope.get("rope_theta")} if isinstance(rope, dict) else {})
    for key, value in values.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf")):
            raise ModelLoadError(f"{config_file}: {key} is {json.dumps(value)}, not a number above 0")


def _check_token_ids(config_file: Path, config: dict[str, Any]) -> None:
    """bos/eos/pad ids are token numbers (or, for eos, a list of them): "x" failed inside generation."""
    for key in ("bos_token_id", "eos_token_id", "pad_token_id"):
        value = config.get(key)
        ids = value if isinstance(value, list) and key == "eos_token_id" else [value]
        if value is not None and not all(isinstance(i, int) and not isinstance(i, bool) and i >= -1 for i in ids):
            raise ModelLoadError(f"{config_file}: {key} is {json.dumps(value)[:80]}, not a token id")


def check_config(model: Path, config: dict[str, Any]) -> None:
    """config.json's dtype (torch_dtype before transformers 5) names a torch dtype, or "auto"; its
    sizes pass transformers' own checks (the hidden size a multiple of the heads…), which it runs
    when the tokenizer or the weights load and reports as a traceback."""
    import torch
    from huggingface_hub.errors import StrictDataclassError
    from transformers import AutoConfig

    for key in ("dtype", "torch_dtype"):
        value = config.get(key)
        if value is not None and value != "auto" and not (isinstance(value, str) and isinstance(getattr(torch, value, None), torch.dtype)):
            raise ModelLoadError(f"{model / 'config.json'}: {key} is {json.dumps(value)}, not a torch dtype "
                                 "(float32, bfloat16, float16)")
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES

    if config.get("auto_map") and config.get("model_type") not in CONFIG_MAPPING_NAMES:
        # transformers would ask "Do you wish to run the custom code? [y/N]" on the terminal
        raise ModelLoadError(f"{model / 'config.json'}: model_type {json.dumps(config.get('model_type'))} is no model transformers "
                             "knows, and auto_map asks to run the folder's own Python code, which CuteKG never does")
    vocab = config.get("vocab_size")
    for key in ("pad_token_id", "bos_token_id", "eos_token_id"):  # transformers only warns, then fails building the embedding
        value = config.get(key)
        ids = value if isinstance(value, list) else [value]
        # -1 (early LLaMA configs' pad id) is what torch reads as the last row: accepted, as transformers does
        if isinstance(vocab, int) and any(isinstance(i, int) and not isinstance(i, bool) and not -vocab <= i < vocab for i in ids):
            raise ModelLoadError(f"{model / 'config.json'}: {key} is {json.dumps(value)}, outside the vocabulary (0…{vocab - 1})")
    try:
        with held_transformers_logs() as records:
            AutoConfig.from_pretrained(model)
            records.clear()  # its warnings (a rope_type it cannot check…) come again, or not, where the weights load
    except StrictDataclassError as error:
        raise ModelLoadError(f"{model / 'config.json'}: {str(error.__cause__ or error).splitlines()[0]}") from None
    except (OSError, ValueError):  # an unknown model_type…: named where the weights load
        pass
    except BUILD_ERRORS as error:  # rope "dynamic" without its factor
        raise cannot_build(model, error) from None
