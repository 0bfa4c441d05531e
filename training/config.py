"""What a fine-tuning run needs to know, with the reason for every default.

Defaults follow upstream CuteGPT (github.com/Abbey4799/CuteGPT, `code/config.py` and
`code/finetune.py`): LoRA r=8, alpha=16, dropout 0.05 on q_proj/v_proj; AdamW betas (0.98, 0.999),
eps 1e-9; DeepSpeed WarmupLR from 1e-4 to 3e-4 over 300 steps, then constant; micro batch 2 with
8 accumulation steps; seed 10; a checkpoint every 1000 steps. The config is saved beside every
checkpoint (`train_config.json`), so a run can be resumed or inspected later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from llm.base import is_adapter_dir

DEEPSPEED_PRESETS = ("zero1", "zero2", "zero3")
"""Names of the bundled DeepSpeed configs (training/configs/zero{1,2,3}.json, all bf16)."""


MAX_LORA_R = 8192
"""The widest Llama projection (70B's hidden size): a rank above a layer's width adds nothing, and
one far above it (1e9) would not fit in memory."""


class LoraSettings(BaseModel):
    """The adapter's shape; saved by peft as adapter_config.json next to the weights."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    r: int = Field(8, ge=1, le=MAX_LORA_R)
    """Rank of the update matrices. Upstream LORA_R = 8: enough for instruction-following on 13B.
    At most MAX_LORA_R."""
    alpha: int = Field(16, ge=1)
    """Scale alpha/r = 2 as upstream (LORA_ALPHA = 16); raise with r to keep the update size."""
    dropout: float = Field(0.05, ge=0.0, lt=1.0)
    """Upstream LORA_DROPOUT = 0.05: light regularisation on small instruction sets."""
    target_modules: list[str] = Field(default_factory=lambda: ["q_proj", "v_proj"])
    """Upstream TARGET_MODULES: the attention query and value projections of every Llama layer."""


class TrainConfig(BaseModel):
    """One fine-tuning run: `agent train` builds this from its options (or `--config run.json`)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)  # an infinite rate trains NaN weights

    model: Path
    """The base model directory (Hugging Face layout): CuteGPT base/ift weights or any Llama model."""
    data: Path
    """A dataset written by `agent data convert` (dataset.jsonl + stats.json + tokenizer/)."""
    output_dir: Path
    """Adapter or model, tokenizer, metrics.jsonl and checkpoints/ go here."""

    method: Literal["lora", "full"] = "lora"
    """lora trains a small adapter (upstream --use_lora); full updates every weight (upstream default)."""
    lora: LoraSettings = Field(default_factory=LoraSettings)
    lora_from: Path | None = None
    """Continue training this saved adapter instead of a fresh one (upstream --load_lora_path)."""
    resume: bool = False
    """Pick up the newest complete checkpoint in output_dir/checkpoints: weights, optimizer,
    scheduler, step, data position and RNG state, so the loss sequence continues unchanged."""

    epochs: int = Field(5, ge=1)
    """Passes over the data; upstream finetune.py defaults --max_epoches to 5 (its script uses 4)."""
    max_steps: int | None = Field(None, ge=1)
    """Stop after this many optimizer steps, whatever the epoch; None runs every epoch."""
    micro_batch_size: int = Field(2, ge=1)
    """Sequences per forward pass; upstream train_micro_batch_size_per_gpu = 2 (2048-token rows on 13B)."""
    gradient_accumulation_steps: int = Field(8, ge=1)
    """Micro batches per optimizer step; upstream 8, i.e. 16 sequences per step per GPU."""

    learning_rate: float = Field(3e-4, gt=0)
    """The peak rate. Upstream's WarmupLR ends at warmup_max_lr = 3e-4 and stays there."""
    warmup_start_lr: float = Field(1e-4, ge=0)
    """Upstream warmup_min_lr = 1e-4: the rate at step 0, rising to learning_rate."""
    warmup_steps: int = Field(300, ge=0)
    """Upstream warmup_num_steps = 300."""
    lr_schedule: Literal["constant", "cosine"] = "constant"
    """After warm-up: constant as upstream's WarmupLR, or cosine decay to 0 at the last step."""
    adam_betas: tuple[Annotated[float, Field(ge=0, lt=1)], Annotated[float, Field(ge=0, lt=1)]] = (0.98, 0.999)
    """Upstream AdamW betas (each in [0, 1)): beta1 0.98 smooths noisy small-batch gradients."""
    adam_eps: float = Field(1e-9, gt=0)
    """Upstream AdamW eps."""
    weight_decay: float = Field(0.0, ge=0)
    """Upstream passes none to DeepSpeed's AdamW, whose default is 0."""
    max_grad_norm: float | None = Field(None, gt=0)
    """Clip the gradient norm; upstream sets no gradient_clipping. 1.0 is a common safe choice."""

    seed: int = Field(10, ge=0, le=2**32 - 1)
    """Upstream --seed default 10; fixes data order, dropout and fresh adapter weights. At most
    2**32 - 1, as every RNG seeded with it (random, torch's generators, numpy) accepts."""
    save_steps: int = Field(1000, ge=1)
    """Checkpoint every N optimizer steps (upstream --save_steps 1000); one is also written at the end."""
    keep_checkpoints: int = Field(2, ge=1)
    """Older checkpoints are deleted; two survive a crash during the newest one's write."""
    log_steps: int = Field(1, ge=1)
    """Write a metrics line every N optimizer steps."""

    device: Literal["auto", "cpu", "cuda"] = "auto"
    """auto picks cuda when present. A plain single process; multi-GPU goes through deepspeed."""
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    """auto: bfloat16 on a GPU that supports it (upstream trains bf16), float32 on the CPU."""
    attn_implementation: Literal["auto", "eager", "sdpa", "flash_attention_2"] = "auto"
    """auto uses sdpa (PyTorch's fused attention); flash_attention_2 needs CUDA and flash-attn
    (upstream --use_flash_attention patched Llama by hand; transformers now ships the kernel hook)."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass: ~30% slower, much less memory for long rows."""
    deepspeed: str | None = None
    """zero1 | zero2 | zero3 (bundled bf16 configs) or a path to a DeepSpeed JSON. Upstream trains
    with ZeRO stage 1. Needs CUDA and the deepspeed package; launch with `deepspeed` or
    `accelerate launch`."""

    @field_validator("model", "data", "output_dir", "lora_from")
    @classmethod
    def _absolute(cls, path: Path | None) -> Path | None:
        # The run record keeps where things are, so that `agent export` or `--resume` started from
        # another folder still finds them.
        return None if path is None else path.expanduser().absolute()

    @field_validator("lora_from")
    @classmethod
    def _saved_adapter(cls, path: Path | None) -> Path | None:
        # Never handed to peft as it stands: a missing local folder would be asked of the Hub.
        # A field check, so the error names lora_from (the CLI: --lora-from).
        if path is not None and not is_adapter_dir(path):
            raise ValueError(f"{path} is not a saved LoRA adapter (no adapter_config.json there)")
        return path

    @model_validator(mode="after")
    def _check(self) -> TrainConfig:
        if self.lora_from is not None and self.method != "lora":
            raise ValueError("lora_from continues a LoRA adapter: it needs method 'lora'")
        return self

    def deepspeed_config_path(self) -> Path | None:
        """The JSON file a `deepspeed` value names (a bundled preset or the user's own file)."""
        if self.deepspeed is None:
            return None
        if self.deepspeed in DEEPSPEED_PRESETS:
            return Path(__file__).parent / "configs" / f"{self.deepspeed}.json"
        return Path(self.deepspeed)
