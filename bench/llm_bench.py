"""Tokens/s and time-to-first-token of the local runtime; the cost of constrained plan decoding.

    .venv/bin/python bench/llm_bench.py                 # tiny random Llama on the CPU (+ CUDA if present)
    .venv/bin/python bench/llm_bench.py --model DIR     # a real checkpoint instead

Tables, each measured in this run against the alternative a user would pick, the cases interleaved
repeat by repeat (so a busy machine slows all of them alike) and the best run kept:
- precision: fp32 (CPU) / fp16 (CUDA) against int8 (bitsandbytes) on the same device;
- batching: 8 prompts in one generate_batch call against 8 generate calls;
- constrained plans: unconstrained greedy against xgrammar and lm-format-enforcer (when installed),
  as milliseconds per generated token, overhead per token, and the time inside the constraint alone.
Speed is printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from llm.base import GenerationConfig  # noqa: E402
from llm.grammar import PLAN_SCHEMA  # noqa: E402
from llm.hf_runtime import HFRuntime  # noqa: E402
from llm.template import render_prompt  # noqa: E402
from llm.tiny import save_tiny_model  # noqa: E402

QUESTIONS = ["提出进化论的科学家是谁？", "有哪些科幻小说和《三体》是同一个作者？", "鲁迅的代表作是什么？", "你好"]


def corpus(vocab: int) -> list[str]:
    """Tokenizer training text; random CJK lines add merges until a large vocabulary fills up."""
    if vocab <= 2000:
        return QUESTIONS * 50
    rng = random.Random(0)
    chars = [chr(code) for code in range(0x4E00, 0x4E00 + 6000)]
    return QUESTIONS * 50 + ["".join(rng.choices(chars, k=40)) for _ in range(vocab // 2)]


def interleaved(cases: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Seconds per call of each case: the best of the repeats (the run least disturbed by other load)."""
    for run in cases.values():
        run()
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(repeats):
        for label, run in cases.items():
            start = time.perf_counter()
            run()
            times[label].append(time.perf_counter() - start)
    return {label: min(values) for label, values in times.items()}


def first_piece(runtime: HFRuntime, prompt: str, config: GenerationConfig) -> Callable[[], None]:
    def run() -> None:
        next(iter(runtime.stream(prompt, config)))  # stop reading after the first piece

    return run


def precision_rows(runtimes: dict[str, HFRuntime], prompt: str, tokens: int, repeats: int) -> list[tuple]:
    config = GenerationConfig.greedy(max_new_tokens=tokens)
    generated = {label: rt.complete(prompt, config).completion_tokens for label, rt in runtimes.items()}
    total = interleaved({label: (lambda rt=rt: rt.generate(prompt, config)) for label, rt in runtimes.items()}, repeats)
    ttft = interleaved({label: first_piece(rt, prompt, config) for label, rt in runtimes.items()}, repeats)
    reference = next(iter(total))
    return [
        (label, generated[label] / total[label], ttft[label] * 1000, total[reference] / total[label])
        for label in runtimes
    ]


def batch_rows(runtime: HFRuntime, tokens: int, repeats: int) -> list[tuple]:
    prompts = [render_prompt(q) for q in QUESTIONS * 2]
    config = GenerationConfig.greedy(max_new_tokens=tokens)
    cases = {
        "8 x generate": lambda: [runtime.generate(p, config) for p in prompts],
        "generate_batch(8)": lambda: runtime.generate_batch(prompts, config),
    }
    seconds = interleaved(cases, repeats)
    generated = sum(c.completion_tokens for c in runtime.complete_batch(prompts, config))
    return [(label, generated / s, seconds["8 x generate"] / s) for label, s in seconds.items()]


def timed(inner: Callable) -> Callable:
    """A logits processor that also adds up the seconds spent inside `inner`."""
    def run(input_ids, scores):
        start = time.perf_counter()
        out = inner(input_ids, scores)
        run.seconds += time.perf_counter() - start
        run.calls += 1
        return out

    run.seconds, run.calls = 0.0, 0
    return run


def lmfe_factory(runtime: HFRuntime) -> Callable[[], object]:
    """lm-format-enforcer as a logits processor, its tokenizer data built once like xgrammar's compiler."""
    try:
        from transformers.tokenization_utils import PreTrainedTokenizerBase  # noqa: F401
    except ImportError:  # lm-format-enforcer 0.11 imports a module path that transformers 5 removed
        from transformers.tokenization_utils_base import PreTrainedTokenizerBase

        shim = types.ModuleType("transformers.tokenization_utils")
        shim.PreTrainedTokenizerBase = PreTrainedTokenizerBase
        sys.modules["transformers.tokenization_utils"] = shim
    from lmformatenforcer import JsonSchemaParser
    from lmformatenforcer.integrations.transformers import (
        build_token_enforcer_tokenizer_data,
        build_transformers_prefix_allowed_tokens_fn,
    )
    from transformers import PrefixConstrainedLogitsProcessor

    vocab = runtime.model.get_output_embeddings().weight.shape[0]
    data = build_token_enforcer_tokenizer_data(runtime.tokenizer, vocab_size=vocab)
    # What generate(prefix_allowed_tokens_fn=...) builds, made here so that its time can be measured.
    return lambda: PrefixConstrainedLogitsProcessor(
        build_transformers_prefix_allowed_tokens_fn(data, JsonSchemaParser(PLAN_SCHEMA)), num_beams=1
    )


def grammar_rows(runtime: HFRuntime, prompt: str, tokens: int, repeats: int) -> list[tuple]:
    """End-to-end ms per token (best of the repeats: the least disturbed by other load) and the time
    spent inside the constraint per token (robust to load: it is measured around the processor alone).
    A random model never closes its JSON strings, so every constrained run is `tokens` long."""
    import torch

    config = GenerationConfig.greedy(max_new_tokens=tokens)
    inputs = runtime._encode([prompt])
    makers: dict[str, Callable[[], object] | None] = {"unconstrained": None}
    setup: dict[str, float] = {"unconstrained": 0.0}
    if importlib.util.find_spec("xgrammar"):
        start = time.perf_counter()
        runtime._logits_processors(PLAN_SCHEMA)  # tokenizer info + schema compilation, once per runtime
        setup["xgrammar"] = time.perf_counter() - start
        makers["xgrammar"] = lambda: runtime._logits_processors(PLAN_SCHEMA)[0]
    if importlib.util.find_spec("lmformatenforcer"):
        start = time.perf_counter()
        makers["lm-format-enforcer"] = lmfe_factory(runtime)
        setup["lm-format-enforcer"] = time.perf_counter() - start

    inside: dict[str, list[float]] = {label: [] for label in makers}
    generated: dict[str, int] = {}

    def case(label: str) -> Callable[[], None]:
        def run() -> None:
            processors = [timed(makers[label]())] if makers[label] else []
            with torch.inference_mode():
                kwargs = runtime._generate_kwargs(config) | {"logits_processor": processors}
                out = runtime.model.generate(**inputs, **kwargs)
            generated[label] = runtime._finish(out[0, inputs["input_ids"].shape[1] :].tolist()).completion_tokens
            inside[label].append(processors[0].seconds / processors[0].calls if processors else 0.0)

        return run

    best = interleaved({label: case(label) for label in makers}, repeats)
    base = best["unconstrained"] * 1000 / generated["unconstrained"]
    rows = []
    for label in makers:
        per_token = best[label] * 1000 / generated[label]
        in_constraint = statistics.median(inside[label]) * 1000
        rows.append((label, per_token, per_token - base, in_constraint, generated[label], setup[label] * 1000))
    return rows


def print_table(title: str, header: tuple, rows: list[tuple], formats: tuple) -> None:
    print(f"\n{title}")
    print("  ".join(f"{h:>19}" for h in header))
    for row in rows:
        print("  ".join(f"{format(v, f):>19}" for v, f in zip(row, formats)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="a model directory; default: a tiny random Llama")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--vocab", type=int, default=2000, help="tokenizer size; CuteGPT's is about 70k")
    parser.add_argument("--tokens", type=int, default=64, help="new tokens per generation")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import torch

    model_dir = args.model or save_tiny_model(
        Path(tempfile.mkdtemp()) / "tiny",
        corpus(args.vocab),
        vocab_size=args.vocab,
        hidden_size=args.hidden,
        layers=args.layers,
    )
    prompt = render_prompt(QUESTIONS[0])
    from transformers import AutoConfig

    vocab = AutoConfig.from_pretrained(model_dir).vocab_size
    print(f"model {model_dir.name}  vocab {vocab}  torch {torch.__version__}  cpu threads {torch.get_num_threads()}")
    has_bnb = importlib.util.find_spec("bitsandbytes") is not None
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    for device in devices:
        if device == "cuda":
            print(f"gpu {torch.cuda.get_device_name()}")
        dense = "float32" if device == "cpu" else "float16"
        runtimes = {f"{device} {dense}": HFRuntime.load(model_dir, device=device, dtype=dense)}
        if has_bnb:
            runtimes[f"{device} int8"] = HFRuntime.load(model_dir, device=device, int8=True)
        print_table(
            f"greedy generation, {args.tokens} new tokens",
            ("runtime", "tokens/s", "ttft ms", f"speed vs {dense}"),
            precision_rows(runtimes, prompt, args.tokens, args.repeats),
            ("", ".1f", ".1f", ".2f"),
        )
        runtime = runtimes[f"{device} {dense}"]
        print_table(
            f"batching on {device}", ("mode", "tokens/s", "speed-up"),
            batch_rows(runtime, args.tokens, args.repeats), ("", ".1f", ".2f"),
        )
        print_table(
            f"constrained plan decoding on {device}",
            ("decoder", "ms/token (best)", "overhead ms/token", "in constraint ms/tok", "tokens", "setup ms"),
            grammar_rows(runtime, render_prompt(QUESTIONS[1]), args.tokens, args.repeats),
            ("", ".3f", ".3f", ".3f", "d", ".0f"),
        )


if __name__ == "__main__":
    main()
