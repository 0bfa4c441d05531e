"""The fine-tuning loop: LoRA or full, one CPU/GPU process or DeepSpeed ZeRO across GPUs.

One loop serves both paths; only the "backend" (who runs backward/step and writes checkpoints)
differs. Upstream (`code/finetune.py`) drove DeepSpeed only; here a plain PyTorch optimizer runs
the single-process case, so the CPU works and tests can pin the behaviour.

Layout of `output_dir` (read and checked by training/checkpoint.py):
    adapter_model.safetensors + adapter_config.json (LoRA) or model.safetensors + config.json (full)
    tokenizer files, cutekg_training.json (config + dataset stats), metrics.jsonl
    checkpoints/step-000100/ (weights, optimizer.pt, scheduler.pt, rng.pt, trainer_state.json)
Checkpoints are written into a hidden temporary folder and renamed into place, so a crash during a
save never leaves a half checkpoint that `resume` would pick.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from llm.model_folder import folder_problem
from training.checkpoint import (  # noqa: F401 — CHECKPOINTS, RUN_FILE, read_run_record, … are imported from here too
    CHECKPOINTS,
    METRICS_FILE,
    RUN_FILE,
    STATE_FILE,
    TrainingSetupError,
    _check_adapter,
    _check_resume,
    _check_safetensors,
    _complete_checkpoints,
    _prune,
    _read_json,
    _read_state,
    _resume_way_out,
    _torch_load,
    _trim_metrics,
    _write_run_file,
    latest_checkpoint,
    read_run_record,
)
from training.config import TrainConfig
from training.model_load import check_model_folder, load_adapter, pretrained
from training.data import (
    DATASET_FILE,
    IGNORE_INDEX,
    TOKENIZER_DIR,
    check_dataset_files,
    collate,
    dataset_fingerprint,
    load_dataset,
    load_tokenizer,
    masked_rows,
)
from training.files import beside
from training.files import replace_dir as _replace_dir

NEW_TOKEN_STD = 1e-6
"""Upstream finetune.py: `torch.nn.init.normal_(embed_tokens[new rows], std=1e-6)` for <end>."""


class StepLog(BaseModel):
    """One line of metrics.jsonl, also handed to `on_log` (the CLI's progress bar)."""

    step: int
    total_steps: int
    epoch: int
    loss: float
    learning_rate: float
    tokens: int
    """Label tokens trained on so far in this process."""
    elapsed_s: float


class TrainResult(BaseModel):
    output_dir: Path
    steps: int
    losses: list[float]
    """The loss of every optimizer step this call ran (resumed runs: only the new ones)."""
    resumed_from: Path | None = None
    masked_rows: int = 0
    """Rows of the dataset with every label masked (-100): they train nothing."""


# --------------------------------------------------------------------------- files a run reads back



def _check_deepspeed(config: TrainConfig) -> dict[str, Any]:
    """The DeepSpeed config, after making sure deepspeed can run here at all."""
    import importlib.util

    import torch

    path = config.deepspeed_config_path()
    if importlib.util.find_spec("deepspeed") is None:
        raise TrainingSetupError(
            f"--deepspeed {config.deepspeed} needs the deepspeed package (pip install 'cutekg[gpu]') and CUDA; "
            "without them run a plain single process (leave --deepspeed out)"
        )
    if not torch.cuda.is_available():
        raise TrainingSetupError(f"--deepspeed {config.deepspeed} needs CUDA GPUs; none is visible. Leave --deepspeed out to train on the CPU")
    if path is None or not path.exists():
        raise TrainingSetupError(f"no DeepSpeed config at {path}")
    ds = json.loads(path.read_text(encoding="utf-8"))
    # "auto" fields take this run's values, so the JSON presets stay short and consistent.
    fill = {
        "train_micro_batch_size_per_gpu": config.micro_batch_size,
        "gradient_accumulation_steps": config.gradient_accumulation_steps,
        "gradient_clipping": config.max_grad_norm or 0.0,
    }
    for key, value in fill.items():
        if ds.get(key, "auto") == "auto":
            ds[key] = value
    ds.pop("train_batch_size", None)
    return ds


def _resolve_device_dtype(config: TrainConfig):
    """(torch.device, dtype, attention) from llm.device, the rules inference uses too."""
    import torch

    from llm.base import ModelLoadError
    from llm.device import pick_attention, pick_device, pick_dtype

    try:
        device = pick_device(config.device)
        return torch.device(device), pick_dtype(config.dtype, device, training=True), pick_attention(config.attn_implementation, device)
    except ModelLoadError as error:
        raise TrainingSetupError(str(error)) from None


def _load_model(config: TrainConfig, tokenizer, device, dtype, attention: str, checkpoint: Path | None):
    """Base model (+ resized vocabulary for full) (+ adapter), ready to train."""
    import torch
    from transformers import AutoModelForCausalLM

    source = checkpoint if (checkpoint is not None and config.method == "full") else config.model
    if problem := folder_problem(Path(source), "a model folder"):
        raise TrainingSetupError(problem)
    check_model_folder(Path(source))
    if source == checkpoint:
        for weights in sorted(checkpoint.glob("*.safetensors")):
            _check_safetensors(weights, _resume_way_out(checkpoint))
    model = pretrained(AutoModelForCausalLM, source, dtype=dtype, attn_implementation=attention)
    rows = model.get_input_embeddings().weight.shape[0]
    if len(tokenizer) > rows:
        if config.method == "lora":
            raise TrainingSetupError(
                f"the dataset's tokenizer has {len(tokenizer)} tokens, the model {rows}: a LoRA adapter cannot learn new "
                "embedding rows. Convert with --end-token text (upstream LoRA wrote <end> as text) or train --method full"
            )
        model.resize_token_embeddings(len(tokenizer))
        with torch.no_grad():
            torch.nn.init.normal_(model.get_input_embeddings().weight[rows:], std=NEW_TOKEN_STD)
    if config.gradient_checkpointing:
        # Non-reentrant checkpointing works with frozen inputs (LoRA) without enable_input_require_grads.
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.config.use_cache = False
    if config.method == "lora":
        from peft import LoraConfig, get_peft_model

        adapter = checkpoint or config.lora_from
        if adapter is not None:
            _check_adapter(Path(adapter), _resume_way_out(checkpoint) if checkpoint else "train it again, or give another --lora-from")
            model = load_adapter(model, Path(adapter), config.model, is_trainable=True)
        else:
            lora = config.lora
            try:
                model = get_peft_model(
                    model,
                    LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                               target_modules=list(lora.target_modules), bias="none", task_type="CAUSAL_LM"),
                )
            except ValueError as exc:  # a --lora-target the model has no layer of
                raise TrainingSetupError(f"--lora-target {','.join(lora.target_modules)}: {str(exc).splitlines()[0]}") from None
    return model.to(device)


def lr_factor(step: int, config: TrainConfig, total_steps: int) -> float:
    """The rate at `step` as a fraction of learning_rate: upstream's DeepSpeed WarmupLR (log-shaped
    rise from warmup_start_lr), then constant or cosine to 0."""
    peak, start = config.learning_rate, config.warmup_start_lr
    if config.warmup_steps > 1 and step < config.warmup_steps:
        gamma = math.log(step + 1) / math.log(config.warmup_steps)
        return (start + (peak - start) * gamma) / peak
    if config.lr_schedule == "cosine" and total_steps > config.warmup_steps:
        progress = (step - config.warmup_steps) / (total_steps - config.warmup_steps)
        return 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return 1.0


# --------------------------------------------------------------------------- checkpoints



class _PlainBackend:
    """A torch optimizer in one process: token-weighted gradient accumulation, optional clipping."""

    def __init__(self, model, config: TrainConfig, total_steps: int) -> None:
        import torch

        self.model, self.config = model, config
        params = [p for p in model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(params, lr=config.learning_rate, betas=config.adam_betas,
                                           eps=config.adam_eps, weight_decay=config.weight_decay)
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, lambda s: lr_factor(s, config, total_steps))
        self.params, self.rank, self.world = params, 0, 1
        self.forward = model

    def backward(self, loss, share: float) -> None:
        (loss * share).backward()

    def step(self) -> None:
        import torch

        if self.config.max_grad_norm:
            torch.nn.utils.clip_grad_norm_(self.params, self.config.max_grad_norm)
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)

    def lr(self) -> float:
        return self.scheduler.get_last_lr()[0]

    def save(self, folder: Path, tokenizer) -> None:
        import torch

        self.model.save_pretrained(str(folder))
        tokenizer.save_pretrained(str(folder))
        torch.save(self.optimizer.state_dict(), folder / "optimizer.pt")
        torch.save(self.scheduler.state_dict(), folder / "scheduler.pt")

    def load(self, folder: Path) -> None:
        self.optimizer.load_state_dict(_torch_load(folder / "optimizer.pt"))
        self.scheduler.load_state_dict(_torch_load(folder / "scheduler.pt"))

    def save_final(self, out: Path) -> None:
        self.model.save_pretrained(str(out))

    def barrier(self) -> None:
        pass


class _DeepSpeedBackend(_PlainBackend):
    """DeepSpeed owns ZeRO partitioning and accumulation; our optimizer and schedule go in as
    client objects so both paths train with the same settings."""

    def __init__(self, model, config: TrainConfig, total_steps: int, ds_config: dict[str, Any]) -> None:
        import deepspeed
        import torch.distributed as dist

        super().__init__(model, config, total_steps)
        deepspeed.init_distributed()
        # The client torch AdamW is used under ZeRO too (configs set zero_allow_untested_optimizer).
        self.engine, self.optimizer, _, self.scheduler = deepspeed.initialize(
            model=model, optimizer=self.optimizer, lr_scheduler=self.scheduler, config=ds_config,
            model_parameters=self.params,
        )
        self.forward = self.engine  # the engine's forward applies ZeRO's parameter gathering
        self.stage = ds_config.get("zero_optimization", {}).get("stage", 0)
        self.rank, self.world, self.dist = dist.get_rank(), dist.get_world_size(), dist

    def backward(self, loss, share: float) -> None:
        # DeepSpeed scales by 1/gradient_accumulation_steps itself and steps at the window's end.
        self.engine.backward(loss)
        self.engine.step()

    def step(self) -> None:
        pass

    def lr(self) -> float:
        return self.engine.get_lr()[0]

    def save(self, folder: Path, tokenizer) -> None:
        self.engine.save_checkpoint(str(folder), tag="deepspeed")  # every rank writes its shard
        if self.rank == 0:
            tokenizer.save_pretrained(str(folder))

    def load(self, folder: Path) -> None:
        self.engine.load_checkpoint(str(folder), tag="deepspeed")

    def save_final(self, out: Path) -> None:
        # ZeRO-3 spreads each tensor over ranks: gather a full 16-bit state dict (all ranks call).
        state = self.engine._zero3_consolidated_16bit_state_dict() if self.stage == 3 else None
        if self.rank == 0:
            self.model.save_pretrained(str(out), state_dict=state) if state is not None else self.model.save_pretrained(str(out))

    def barrier(self) -> None:
        self.dist.barrier()


# --------------------------------------------------------------------------- the loop


def _epoch_windows(n_rows: int, config: TrainConfig, epoch: int, rank: int, world: int, full_windows: bool) -> list[list[list[int]]]:
    """Row indices per micro batch, grouped into optimizer-step windows; a fixed seed per epoch
    makes the order reproducible, so a resumed run skips exactly the windows already trained."""
    import torch

    order = torch.randperm(n_rows, generator=torch.Generator().manual_seed(config.seed + epoch)).tolist()
    batches = [order[i : i + config.micro_batch_size] for i in range(0, n_rows, config.micro_batch_size)]
    size = config.gradient_accumulation_steps
    if full_windows:
        # DeepSpeed counts micro steps itself and every rank must step together: only whole
        # windows on every rank are used (the epoch's remainder is skipped, never split).
        batches = batches[: len(batches) // (world * size) * world * size]
    batches = batches[rank::world]
    return [batches[i : i + size] for i in range(0, len(batches), size)]


def train(
    config: TrainConfig,
    on_log: Callable[[StepLog], None] | None = None,
) -> TrainResult:
    """Train as configured; `on_log` sees every metrics line (the CLI draws its progress bar).

    Raises TrainingSetupError before any work when the setup cannot run."""
    import torch

    ds_config = _check_deepspeed(config) if config.deepspeed else None
    if ds_config is None and int(os.environ.get("WORLD_SIZE", "1")) > 1:
        raise TrainingSetupError("several processes were launched: multi-GPU training goes through --deepspeed zero1|zero2|zero3")
    data = Path(config.data)
    if problem := folder_problem(data, "a dataset folder (agent data convert --out writes one)"):
        hint = "; give the folder it is in" if data.name == DATASET_FILE else ""
        raise TrainingSetupError(problem + hint)
    check_dataset_files(data)  # before its tokenizer: an adapter folder was "no such folder: run1/tokenizer"
    tokenizer = load_tokenizer(data / TOKENIZER_DIR)
    rows, stats = load_dataset(config.data, vocab_size=len(tokenizer))
    fingerprint = dataset_fingerprint(config.data)
    if not rows:
        raise TrainingSetupError(f"{config.data} holds no training rows")
    masked = masked_rows(rows)
    if masked == len(rows):
        raise TrainingSetupError(f"{Path(config.data) / DATASET_FILE}: every row has all its labels masked (-100), so there is "
                                 "nothing to learn; convert the data again")
    if config.method == "full" and not stats.end_token_special:
        raise TrainingSetupError(
            "full fine-tuning trains <end> as one added token, as upstream did: convert with --end-token special"
        )
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    output_dir = Path(config.output_dir)  # made once the model has loaded: a setup error leaves no empty folder

    checkpoint = latest_checkpoint(output_dir) if config.resume else None
    if config.resume and checkpoint is None:
        raise TrainingSetupError(f"--resume: no complete checkpoint under {output_dir / CHECKPOINTS}")
    state = _read_state(checkpoint) if checkpoint else {"step": 0, "epoch": 0, "window": 0}
    if checkpoint is not None:
        _check_resume(checkpoint, config, stats, fingerprint)
    if not folder_problem(Path(config.model), "a model folder"):  # (a missing one is named where it loads)
        check_model_folder(Path(config.model))
    _check_same_tokenizer(config, tokenizer)

    device, dtype, attention = _resolve_device_dtype(config)
    if ds_config is not None:
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    random.seed(config.seed)
    torch.manual_seed(config.seed)  # fresh adapter weights and dropout masks
    # DeepSpeed checkpoints hold the weights themselves: the model starts from the base then.
    model = _load_model(config, tokenizer, device, dtype, attention, checkpoint if ds_config is None else None)
    model.train()
    output_dir.mkdir(parents=True, exist_ok=True)

    full_windows = ds_config is not None
    probe = _epoch_windows(len(rows), config, 0, 0, 1 if ds_config is None else int(os.environ.get("WORLD_SIZE", "1")), full_windows)
    total_steps = len(probe) * config.epochs
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    backend = (_DeepSpeedBackend(model, config, total_steps, ds_config) if ds_config is not None
               else _PlainBackend(model, config, total_steps))
    if checkpoint is not None:
        backend.load(checkpoint)
        rng = _torch_load(checkpoint / "rng.pt", weights_only=False)
        random.setstate(rng["python"])
        torch.set_rng_state(rng["torch"])
        if rng.get("cuda") is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(rng["cuda"])
    main = backend.rank == 0
    if main:
        _write_run_file(output_dir, config, stats, fingerprint)
        _trim_metrics(output_dir / METRICS_FILE, state["step"])
    writer = _tensorboard(output_dir) if main else None

    # A resumed run continues the counters of metrics.jsonl where its checkpoint left them.
    step, losses, tokens_seen = state["step"], [], state.get("tokens", 0)
    started = time.perf_counter() - state.get("elapsed_s", 0.0)
    for epoch in range(state["epoch"], config.epochs):
        windows = _epoch_windows(len(rows), config, epoch, backend.rank, backend.world, full_windows)
        first = state["window"] if epoch == state["epoch"] else 0
        for index in range(first, len(windows)):
            if step >= total_steps:
                break
            batches = [collate([rows[i] for i in batch], pad_id) for batch in windows[index]]
            window_labels = sum(int((b["labels"][:, 1:] != IGNORE_INDEX).sum()) for b in batches)
            window_loss = 0.0
            for batch in batches:
                batch = {k: v.to(device) for k, v in batch.items()}
                count = int((batch["labels"][:, 1:] != IGNORE_INDEX).sum())
                if count == 0:
                    continue
                loss = backend.forward(**batch, use_cache=False).loss  # mean over this batch's label tokens
                share = count / window_labels
                backend.backward(loss, share)
                window_loss += float(loss.detach()) * share
            if not math.isfinite(window_loss):  # nan/inf weights or adapter, a learning rate far too high
                raise TrainingSetupError(
                    f"step {step + 1}: the loss is {window_loss} — the model's or adapter's weights hold non-finite values, or "
                    f"--learning-rate {config.learning_rate:g} is far too high; stopped, this step's weights are not saved")
            lr = backend.lr()
            backend.step()
            step += 1
            tokens_seen += window_labels
            losses.append(window_loss)
            position = {"epoch": epoch, "window": index + 1, "tokens": tokens_seen, "elapsed_s": time.perf_counter() - started}
            if step % config.log_steps == 0 or step == total_steps:
                log = StepLog(step=step, total_steps=total_steps, epoch=epoch, loss=window_loss, learning_rate=lr,
                              tokens=tokens_seen, elapsed_s=time.perf_counter() - started)
                if main:
                    with (output_dir / METRICS_FILE).open("a", encoding="utf-8") as handle:
                        handle.write(log.model_dump_json() + "\n")
                    if writer is not None:
                        writer.add_scalar("train/loss", window_loss, step)
                        writer.add_scalar("train/learning_rate", lr, step)
                if on_log:
                    on_log(log)
            if step % config.save_steps == 0 or step == total_steps:
                _save_checkpoint(backend, tokenizer, config, output_dir, step, position)
        if step >= total_steps:
            break

    backend.save_final(output_dir)
    if main:
        tokenizer.save_pretrained(str(output_dir))
        if writer is not None:
            writer.close()
    backend.barrier()
    return TrainResult(output_dir=output_dir, steps=step, losses=losses, resumed_from=checkpoint, masked_rows=masked)


def _check_same_tokenizer(config: TrainConfig, data_tokenizer) -> None:
    """The dataset's ids must be the model's: every token of the model's tokenizer has the same id
    in the dataset's (which may add tokens, as <end> for a full fine-tune)."""
    from llm.model_folder import has_tokenizer

    if not Path(config.model).is_dir() or not has_tokenizer(Path(config.model)):
        return  # no tokenizer beside the weights (or no folder, named later): nothing to compare
    model_tokenizer = load_tokenizer(config.model)  # a damaged one is named, not skipped
    model_vocab, data_vocab = model_tokenizer.get_vocab(), data_tokenizer.get_vocab()
    other = [token for token, index in model_vocab.items() if data_vocab.get(token) != index]
    if other:
        raise TrainingSetupError(
            f"the dataset {config.data} was converted with another tokenizer than the model {config.model}'s: "
            f"{Path(config.data) / TOKENIZER_DIR} has {len(data_tokenizer)} tokens, the model's {len(model_tokenizer)}, and "
            f"{len(other)} of the model's tokens have other ids there; convert the data again with --tokenizer {config.model}")


def _save_checkpoint(backend, tokenizer, config: TrainConfig, output_dir: Path, step: int, position: dict[str, int]) -> None:
    import torch

    final = output_dir / CHECKPOINTS / f"step-{step:06d}"
    tmp = beside(final)
    if backend.rank == 0:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
    backend.barrier()
    backend.save(tmp, tokenizer)
    if backend.rank == 0:
        torch.save({"python": random.getstate(), "torch": torch.get_rng_state(),
                    "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None}, tmp / "rng.pt")
        (tmp / "train_config.json").write_text(config.model_dump_json(indent=2), encoding="utf-8")
        # The state file is written last: its presence marks the checkpoint complete.
        (tmp / STATE_FILE).write_text(json.dumps({"step": step, **position}), encoding="utf-8")
        _replace_dir(tmp, final)
        _prune(output_dir, config.keep_checkpoints)
    backend.barrier()



def _tensorboard(output_dir: Path):
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:  # tensorboard is optional; metrics.jsonl is always written
        return None
    return SummaryWriter(str(output_dir / "tensorboard"))
