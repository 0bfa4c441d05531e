"""Where and how a model runs — device, dtype, attention kernel — chosen in one place for
inference (llm.hf_runtime) and training (training.finetune). torch is imported inside."""

from __future__ import annotations

import importlib.util
from typing import Any

from llm.base import ModelLoadError

DTYPES = ("auto", "float32", "float16", "bfloat16")


def pick_device(requested: str | None = None) -> str:
    """"cuda" or "cpu": `auto`/None takes the GPU when one is visible; asking for cuda without one is an error."""
    import torch

    cuda = torch.cuda.is_available()
    if requested is not None and requested.startswith("cuda") and not cuda:
        raise ModelLoadError(f"--device {requested} but no CUDA GPU is visible")
    if requested in (None, "auto"):
        return "cuda" if cuda else "cpu"
    return requested


def pick_dtype(requested: str, device: str, *, int8: bool = False, training: bool = False) -> Any:
    """The torch dtype: `auto` is bf16 on a GPU that has it, else fp16 for inference (int8
    computes with fp16 activations) and fp32 for training (fp16 without loss scaling diverges);
    fp32 on the CPU, where half-precision matmuls are slower, not faster."""
    import torch

    if requested not in DTYPES:
        raise ModelLoadError(f"unknown dtype {requested!r}; choose one of {', '.join(DTYPES)}")
    if requested != "auto":
        return getattr(torch, requested)
    if int8:
        return torch.float16
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else (torch.float32 if training else torch.float16)
    return torch.float32


def pick_attention(requested: str | None, device: str) -> str:
    """sdpa by default; flash-attention-2 when installed on a GPU, or an error when asked for and missing."""
    has_flash = importlib.util.find_spec("flash_attn") is not None
    if requested == "flash_attention_2" and not (has_flash and device.startswith("cuda")):
        why = "is not installed (pip install flash-attn)" if not has_flash else "needs a CUDA GPU"
        raise ModelLoadError(f"flash_attention_2 requested but flash-attn {why}")
    if requested and requested != "auto":
        return requested
    return "flash_attention_2" if has_flash and device.startswith("cuda") else "sdpa"
