"""A prepared GPU check: CuteGPT-13B's shape with random weights, then LoRA steps on a 1B shape.

    .venv/bin/python bench/gpu_check.py           # one large GPU, a few minutes, one table
    .venv/bin/python bench/gpu_check.py --tiny    # tiny shapes on the CPU: proves it starts (CI)

Nothing is downloaded: the weights are random (saved once, then loaded through `HFRuntime.load`, the
path real checkpoints take), the tokenizer is trained here. Rows, measured in this one run:
- bf16 (fp16 where bf16 is unsupported) and, when bitsandbytes is importable, int8: load time,
  GPU memory after loading, time to first token of a planning prompt (`LLMPlanner.prompt`), decode
  tokens/s, and `generate_batch` of 8 planning prompts (total tokens/s); int8/bf16 ratios follow;
- 20 LoRA steps (upstream settings: r=8, alpha=16, q_proj/v_proj) through `training.finetune.train`
  on a 1B-shape random model: tokens/s and peak memory; the same with DeepSpeed ZeRO-2 when
  deepspeed is importable.
The vocabulary size is an assumption (`--vocab`, default 70000: LLaMA's 32k extended with Chinese
pieces; set it to a checkpoint's `vocab_size` to match it exactly). Speed is printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import prompts  # noqa: E402
from agent.llm_planner import LLMPlanner  # noqa: E402
from llm.base import GenerationConfig  # noqa: E402
from llm.hf_runtime import HFRuntime  # noqa: E402
from llm.tiny import save_tiny_model  # noqa: E402

QUESTIONS = ["《择天记》的男主角是谁？他还有什么代表作品？", "提出进化论的科学家是谁？", "鲁迅的代表作是什么？",
             "有哪些科幻小说和《三体》是同一个作者？"]
SHAPES = {  # (hidden, layers, heads, intermediate)
    "13b": (5120, 40, 40, 13824),  # CuteGPT-13B = LLaMA-13B's shape
    "1b": (2048, 16, 16, 5632),
}
TINY_SHAPES = {"13b": (64, 2, 4, 128), "1b": (32, 2, 4, 64)}


def corpus(vocab: int) -> list[str]:
    """Tokenizer training text: the planning prompt, then random CJK lines until the vocabulary fills."""
    texts = [prompts.render("plan", "zh", question=q) for q in QUESTIONS]
    rng = random.Random(0)
    chars = [chr(code) for code in range(0x4E00, 0x4E00 + 8000)]
    return texts + ["".join(rng.choices(chars, k=40)) for _ in range(vocab // 2 if vocab > 2000 else 0)]


def build(path: Path, shape: tuple[int, int, int, int], vocab: int, dtype: Any, device: str) -> Path:
    """A random Llama of `shape` saved at `path` (built on `device` in `dtype`: 13B in bf16 is 26 GB)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    hidden, layers, heads, intermediate = shape
    save_tiny_model(path, corpus(vocab), vocab_size=vocab, hidden_size=32, heads=4, layers=1)
    tokenizer = AutoTokenizer.from_pretrained(path)
    config = LlamaConfig(
        # The embedding and head take the full vocabulary even where BPE training stopped short of it
        # (ids the tokenizer lacks decode to nothing): memory and speed are those of the real shape.
        vocab_size=max(vocab, len(tokenizer)), hidden_size=hidden, intermediate_size=intermediate, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=heads, max_position_embeddings=4096,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            model = LlamaForCausalLM(config)
    finally:
        torch.set_default_dtype(previous)
    model.save_pretrained(path)
    del model
    return path


def _sync() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


def _memory_gb() -> float:
    import torch

    return torch.cuda.max_memory_allocated() / 2**30 if torch.cuda.is_available() else float("nan")


def inference_row(label: str, path: Path, *, int8: bool, dtype: str, tokens: int) -> dict[str, Any]:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    runtime = HFRuntime.load(path, int8=int8, dtype=dtype)
    _sync()
    load_s = time.perf_counter() - start
    loaded_gb = _memory_gb()
    planner = LLMPlanner(runtime)
    prompt = planner.prompt(QUESTIONS[0])
    prompt_tokens = len(runtime.encode(prompt))
    one = GenerationConfig.greedy(max_new_tokens=1)
    runtime.complete(prompt, one)  # warm-up (kernels, caches)
    _sync()
    start = time.perf_counter()
    runtime.complete(prompt, one)
    _sync()
    ttft = time.perf_counter() - start
    inputs = runtime._encode([prompt])
    start = time.perf_counter()
    with torch.inference_mode():  # min_new_tokens: a random model must not stop early
        runtime.model.generate(**inputs, max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False,
                               pad_token_id=runtime.tokenizer.pad_token_id)
    _sync()
    decode_tps = (tokens - 1) / max(time.perf_counter() - start - ttft, 1e-9)
    batch = [planner.prompt(q) for q in (QUESTIONS * 2)]
    start = time.perf_counter()
    done = runtime.complete_batch(batch, GenerationConfig.greedy(max_new_tokens=tokens))
    _sync()
    batch_tps = sum(c.completion_tokens for c in done) / (time.perf_counter() - start)
    row = {"case": label, "load_s": load_s, "memory_gb": loaded_gb, "prompt_tokens": prompt_tokens, "ttft_s": ttft,
           "tokens_per_s": decode_tps, "batch8_tokens_per_s": batch_tps, "peak_gb": _memory_gb()}
    del runtime, planner
    return row


def lora_row(label: str, path: Path, out: Path, *, steps: int, deepspeed: str | None, tiny: bool) -> dict[str, Any]:
    import torch

    from training.config import TrainConfig
    from training.data import encode_dialogues, prepare_tokenizer, render_instruction, save_dataset

    tokenizer, special = prepare_tokenizer(path)
    plan = '{\n"need_knowledge": "是",\n"thought": "查询",\n"code": "def search():\\n\\treturn messages"\n}'
    dialogues = [[{"instruction": render_instruction(q), "input": "", "output": plan}] for q in QUESTIONS * 40]
    rows, _ = encode_dialogues(dialogues, tokenizer, max_length=2048, pack_max=1, end_token_special=special)
    data = save_dataset(out / "data", rows, encode_dialogues(dialogues[:1], tokenizer, end_token_special=special)[1], tokenizer)
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    from training.finetune import train

    config = TrainConfig(model=path, data=data, output_dir=out / label.replace(" ", "-"), max_steps=steps,
                         micro_batch_size=2, gradient_accumulation_steps=1, save_steps=10**6, warmup_steps=0,
                         deepspeed=deepspeed, device="cpu" if tiny else "auto")
    labels = sum(sum(1 for x in r[1] if x != -100) for r in rows[: steps * 2])
    tokens = sum(len(r[0]) for r in rows[: steps * 2])
    start = time.perf_counter()
    result = train(config)
    elapsed = time.perf_counter() - start
    return {"case": label, "steps": result.steps, "tokens_per_s": tokens / elapsed, "label_tokens": labels,
            "final_loss": result.losses[-1], "peak_gb": _memory_gb(), "seconds": elapsed}


def table(rows: list[dict[str, Any]]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cell = lambda v: f"{v:.3g}" if isinstance(v, float) else str(v)  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="tiny shapes on the CPU (CI: proves the script starts)")
    parser.add_argument("--vocab", type=int, default=None, help="vocabulary size (default 70000; 600 with --tiny)")
    parser.add_argument("--tokens", type=int, default=None, help="tokens generated per measurement (default 64; 8 with --tiny)")
    parser.add_argument("--lora-steps", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    args = parser.parse_args(argv)

    import torch

    cuda = torch.cuda.is_available() and not args.tiny
    shapes = TINY_SHAPES if args.tiny else SHAPES
    vocab = args.vocab or (600 if args.tiny else 70000)
    tokens = args.tokens or (8 if args.tiny else 64)
    half = torch.bfloat16 if cuda and torch.cuda.is_bf16_supported() else torch.float16 if cuda else torch.float32
    half_name = {torch.bfloat16: "bfloat16", torch.float16: "float16", torch.float32: "float32"}[half]
    device = "cuda" if cuda else "cpu"
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="gpu-check-") as tmp:
        big = build(Path(tmp) / "13b", shapes["13b"], vocab, half, device)
        if cuda:
            torch.cuda.empty_cache()
        rows.append(inference_row(f"13b-shape {half_name}", big, int8=False, dtype=half_name, tokens=tokens))
        if importlib.util.find_spec("bitsandbytes") is not None:
            try:
                rows.append(inference_row("13b-shape int8", big, int8=True, dtype=half_name, tokens=tokens))
            except Exception as error:  # a bench reports what failed and goes on to the next row
                rows.append({"case": "13b-shape int8", "error": str(error).splitlines()[0][:120]})
        if len(rows) == 2 and "error" not in rows[1]:
            base, int8 = rows
            rows.append({"case": "int8 / " + half_name, "memory_gb": int8["memory_gb"] / base["memory_gb"],
                         "tokens_per_s": int8["tokens_per_s"] / base["tokens_per_s"],
                         "batch8_tokens_per_s": int8["batch8_tokens_per_s"] / base["batch8_tokens_per_s"]})
        print(table(rows), flush=True)
        (Path(tmp) / "13b").rename(Path(tmp) / "gone")  # free the disk before the next model
        import shutil

        shutil.rmtree(Path(tmp) / "gone")
        small = build(Path(tmp) / "1b", shapes["1b"], vocab, torch.float32, "cpu")
        training = [lora_row("lora 1b-shape", small, Path(tmp), steps=args.lora_steps, deepspeed=None, tiny=args.tiny)]
        if cuda and importlib.util.find_spec("deepspeed") is not None:
            try:
                training.append(lora_row("lora 1b-shape zero2", small, Path(tmp), steps=args.lora_steps,
                                         deepspeed="zero2", tiny=False))
            except Exception as error:  # noqa: BLE001 - reported in the table
                training.append({"case": "lora 1b-shape zero2", "error": str(error).splitlines()[0][:120]})
        print(table(training), flush=True)
        rows += training
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
