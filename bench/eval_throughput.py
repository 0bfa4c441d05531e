"""Questions per second of `agent bench ceval|xiezhi` on a random-weight Llama of a chosen shape.

    .venv/bin/python bench/eval_throughput.py                                  # tiny model, CPU
    .venv/bin/python bench/eval_throughput.py --shape 13b --device cuda        # CuteGPT-13B's shape, bf16

The data are synthetic C-Eval and Xiezhi sets in the official formats (llm.knowledge_eval.samples),
sized like the real ones: 80-character questions with 15-character options for C-Eval, 40-character
questions with 3-12-character options for Xiezhi. They go through the whole pipeline the command
runs (files read, prompts rendered in CuteGPT's template, tokenised, scored), so a row is end to end.

The alternative, measured in the same run: every option scored as its own full sequence
(prompt + option, padded batches, no shared prefix), as a plain log-likelihood loop would. Its
largest score difference from ours is printed beside it: a check, not just a race.
Speed is printed, never asserted. The tokenizer is a small byte-level BPE trained on the synthetic
text (about one token per character, as CuteGPT's extended Chinese vocabulary has); the model's
vocabulary is the shape's, so the output layer costs what it would.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from llm.knowledge_eval import ceval, samples, xiezhi  # noqa: E402
from llm.knowledge_eval.chat import encode_answer  # noqa: E402
from llm.knowledge_eval.run import _prompt_and_frame, run_ceval, run_xiezhi  # noqa: E402
from llm.template import END_TOKEN, render_prompt  # noqa: E402
from llm.tiny import save_tiny_model  # noqa: E402

SHAPES = {
    # hidden, layers, heads, intermediate, vocabulary
    "tiny": (64, 2, 4, 128, None),  # None: the tokenizer's own size
    "1b": (2048, 16, 16, 5504, 64000),
    "13b": (5120, 40, 40, 13824, 64000),  # Llama-13B; an extended-Chinese vocabulary of 64k assumed
}


def build_model(shape: str, vocab: int, device: str, dtype: torch.dtype):
    from transformers import LlamaConfig, LlamaForCausalLM

    hidden, layers, heads, intermediate, vocab_size = SHAPES[shape]
    config = LlamaConfig(
        vocab_size=vocab_size or vocab, hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
        num_key_value_heads=heads, intermediate_size=intermediate, max_position_embeddings=4096, tie_word_embeddings=False,
    )
    torch.manual_seed(0)
    with torch.device(device):
        model = LlamaForCausalLM._from_config(config, dtype=dtype, attn_implementation="sdpa")
    return model.eval()


def full_sequence_scores(model, requests, batch_size: int) -> list[list[float]]:
    """The alternative: prompt + option as one right-padded row per option, nothing shared."""
    flat = [(index, list(prompt), list(option)) for index, (prompt, options) in enumerate(requests) for option in options]
    scores: list[list[float]] = [[] for _ in requests]
    with torch.inference_mode():
        for start in range(0, len(flat), batch_size):
            batch = flat[start : start + batch_size]
            width = max(len(p) + len(o) for _, p, o in batch)
            ids = torch.zeros(len(batch), width, dtype=torch.long)
            for row, (_, prompt, option) in enumerate(batch):
                ids[row, : len(prompt) + len(option)] = torch.tensor(prompt + option)
            logits = model(input_ids=ids.to(model.device)).logits
            for row, (index, prompt, option) in enumerate(batch):
                steps = torch.arange(len(prompt) - 1, len(prompt) - 1 + len(option), device=logits.device)
                logprobs = logits[row, steps].float().log_softmax(-1)
                scores[index].append(float(logprobs[torch.arange(len(option)), torch.tensor(option, device=logits.device)].sum()))
    return scores


def interleaved(ours, alternative, repeats: int) -> tuple[float, float, object, object]:
    """Best-of-`repeats` seconds of each, run turn about (a busy machine slows both alike)."""
    best = [float("inf"), float("inf")]
    results: list[object] = [None, None]
    for _ in range(repeats):
        for index, run in enumerate((ours, alternative)):
            if torch.cuda.is_available():
                torch.cuda.synchronize()
            start = time.perf_counter()
            results[index] = run()
            if torch.cuda.is_available():
                torch.cuda.synchronize()
            best[index] = min(best[index], time.perf_counter() - start)
    return best[0], best[1], results[0], results[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=SHAPES, default="tiny")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--dtype", choices=("float32", "bfloat16", "float16"), default=None, help="default: bfloat16 on CUDA, float32 on the CPU")
    parser.add_argument("--ceval-questions", type=int, default=32, help="spread over four subjects")
    parser.add_argument("--xiezhi-questions", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3, help="best of N, each method in turn")
    args = parser.parse_args()
    dtype = getattr(torch, args.dtype or ("bfloat16" if args.device.startswith("cuda") else "float32"))

    root = Path(tempfile.mkdtemp(prefix="eval-throughput-"))
    ceval_dir = samples.synthetic_ceval(root / "ceval", val=max(1, args.ceval_questions // 4), question_chars=80, option_chars=15)
    xiezhi_file = samples.synthetic_xiezhi(root / "xiezhi.json", max(args.xiezhi_questions, 13), question_chars=40, option_chars=6)
    rng = random.Random(0)
    corpus = ["".join(chr(0x4E00 + rng.randrange(1500)) for _ in range(200)) for _ in range(400)]
    # The fixed text of the prompts (template, C-Eval's instruction, Xiezhi's query) as real vocabularies have it.
    for subject in ceval.read_subject_mapping(ceval_dir / ceval.MAPPING_FILE).values():
        blank = ceval.CevalQuestion(subject=subject.name, id="0", question="", choices=("", "", "", ""), answer="A", source="")
        shots, query = ceval.conversation(subject, blank, [])
        corpus += [render_prompt(query, shots) + END_TOKEN] * 50
    corpus += [xiezhi.format_query("", [], "zh")] * 50
    tokenizer_dir = save_tiny_model(root / "tokenizer", corpus, vocab_size=6000, hidden_size=8, heads=2, layers=1)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    started = time.perf_counter()
    model = build_model(args.shape, len(tokenizer), args.device, dtype)
    params = sum(p.numel() for p in model.parameters()) / 1e9
    print(f"model: {args.shape} ({params:.2f}B parameters, {dtype}) on {args.device}, built in {time.perf_counter() - started:.0f} s")

    questions = xiezhi.read_questions(xiezhi_file)
    items = xiezhi.build_options(questions, seed=0)[: args.xiezhi_questions]
    rows = []
    for shots in (0, 5):
        data = ceval.load_ceval(ceval_dir, "val", shots=shots)
        run_ceval(model, tokenizer, ceval.load_ceval(ceval_dir, "val", shots=shots, limit=1), name="warm-up")
        requests = []
        for question in (q for qs in data.questions.values() for q in qs):
            prompt, lead, _ = _prompt_and_frame(tokenizer, *ceval.conversation(data.subjects[question.subject], question, data.dev.get(question.subject, [])))
            requests.append((prompt, [encode_answer(tokenizer, lead + letter) for letter in ceval.CHOICES]))
        seconds, alt_seconds, records, alt = interleaved(
            lambda: run_ceval(model, tokenizer, data, name=args.shape, batch_size=args.batch_size),
            lambda: full_sequence_scores(model, requests, args.batch_size),
            args.repeats,
        )
        ours = [list(record.logprobs.values()) for record in records]
        rows += _rows(f"C-Eval {shots}-shot", requests, seconds, alt_seconds, ours, alt)
    for shots in (0, 3):
        run_xiezhi(model, tokenizer, items[:1], name="warm-up", examples=questions, shots=shots)
        requests = []
        for item in items:
            prompt, lead, tail = _prompt_and_frame(tokenizer, *xiezhi.conversation(item, xiezhi.ShotPool(questions).pick(item, shots, 0), "zh"))
            requests.append((prompt, [encode_answer(tokenizer, lead + option + tail) for option in item.options]))
        seconds, alt_seconds, records, alt = interleaved(
            lambda: run_xiezhi(model, tokenizer, items, name=args.shape, examples=questions, shots=shots, batch_size=args.batch_size),
            lambda: full_sequence_scores(model, requests, args.batch_size),
            args.repeats,
        )
        rows += _rows(f"Xiezhi {shots}-shot", requests, seconds, alt_seconds, [record.logprob_sums for record in records], alt)

    print(f"\nbatch size {args.batch_size}; prompt and option lengths in tokens (means)\n")
    print("| bench | method | questions | prompt | option | seconds | questions/s | max abs diff |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def _rows(bench: str, requests, seconds: float, alt_seconds: float, ours, alt) -> list[list[str]]:
    count = len(requests)
    prompt = sum(len(p) for p, _ in requests) / count
    option = sum(len(o) for _, options in requests for o in options) / sum(len(options) for _, options in requests)
    diff = max(abs(a - b) for xs, ys in zip(ours, alt) for a, b in zip(xs, ys))
    common = [bench]
    return [
        common + ["shared prefix (ours)", str(count), f"{prompt:.0f}", f"{option:.1f}", f"{seconds:.2f}", f"{count / seconds:.2f}", "—"],
        common + ["full sequence per option", str(count), f"{prompt:.0f}", f"{option:.1f}", f"{alt_seconds:.2f}", f"{count / alt_seconds:.2f}", f"{diff:.1e}"],
    ]


if __name__ == "__main__":
    main()
