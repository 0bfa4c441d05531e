"""Questions in, scored records out: prompts built, tokenised, scored a batch at a time.

Both runners take a model and its tokenizer (an `HFRuntime`'s, or any Hugging Face pair) and call
`on_record` after every question, so a caller can draw progress; the library itself never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from llm.knowledge_eval import ceval, xiezhi
from llm.knowledge_eval.chat import answer_frame, encode_answer, encode_prompt, render_conversation
from llm.knowledge_eval.records import CevalRecord, XiezhiRecord
from llm.knowledge_eval.scorer import OptionScorer

Norm = Literal["token", "char", "sum"]
NORMS: tuple[Norm, ...] = ("token", "char", "sum")
T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _prompt_and_frame(tokenizer: Any, shots: list[tuple[str, str]], query: str) -> tuple[list[int], str, str]:
    prompt = render_conversation(tokenizer, shots, query)
    lead, tail = answer_frame(tokenizer, shots, query, prompt)
    return encode_prompt(tokenizer, prompt), lead, tail


def run_ceval(
    model: Any,
    tokenizer: Any,
    data: ceval.CevalData,
    *,
    name: str,
    batch_size: int = 8,
    on_record: Callable[[CevalRecord], None] = lambda record: None,
) -> list[CevalRecord]:
    """Each question's four letters scored by log p(letter | prompt); the highest is the prediction."""
    scorer = OptionScorer(model, batch_size=batch_size, pad_id=tokenizer.pad_token_id or 0)
    questions = [question for subject in data.questions.values() for question in subject]
    records = []
    for chunk in _chunks(questions, batch_size):
        requests = []
        for question in chunk:
            subject = data.subjects[question.subject]
            shots, query = ceval.conversation(subject, question, data.dev.get(question.subject, []))
            prompt, lead, _ = _prompt_and_frame(tokenizer, shots, query)
            # The letter alone, no end of turn: C-Eval's answer-only protocol compares letter likelihoods.
            requests.append((prompt, [encode_answer(tokenizer, lead + letter) for letter in ceval.CHOICES]))
        for question, scores in zip(chunk, scorer.score(requests)):
            subject = data.subjects[question.subject]
            prediction = ceval.CHOICES[max(range(4), key=scores.__getitem__)]
            record = CevalRecord(
                model=name, subject=subject.name, category=subject.category, hard=subject.hard, split=data.split,
                id=question.id, answer=question.answer, prediction=prediction,
                correct=None if question.answer is None else prediction == question.answer,
                logprobs=dict(zip(ceval.CHOICES, scores)), shots=len(data.dev.get(question.subject, [])),
            )
            records.append(record)
            on_record(record)
    return records


def normalise(logprob_sum: float, tokens: int, option: str, norm: Norm) -> float:
    """Ranking score. "token" (the default) is the mean log-probability per token: 46 of the 50
    options come from other questions and their lengths vary widely, so a plain sum would rank
    short options first whatever they say. "char" divides by the option's characters instead,
    which does not depend on the tokenizer (for comparing models with different vocabularies)."""
    if norm == "token":
        return logprob_sum / tokens
    if norm == "char":
        return logprob_sum / max(len(option), 1)
    return logprob_sum


def rank_of(scores: Sequence[float], answer: int) -> int:
    """1 + the options scored at least as high as the answer (a tie is not the model's credit)."""
    return 1 + sum(score >= scores[answer] for index, score in enumerate(scores) if index != answer)


def run_xiezhi(
    model: Any,
    tokenizer: Any,
    items: Sequence[xiezhi.RankedItem],
    *,
    name: str,
    examples: Sequence[xiezhi.XiezhiQuestion] = (),
    shots: int = 0,
    seed: int = 0,
    lang: str = "zh",
    norm: Norm = "token",
    batch_size: int = 16,
    on_record: Callable[[XiezhiRecord], None] = lambda record: None,
) -> list[XiezhiRecord]:
    """Each question's 50 options ranked by the model's probability of answering with them."""
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {', '.join(NORMS)}")
    scorer = OptionScorer(model, batch_size=batch_size, pad_id=tokenizer.pad_token_id or 0)
    pool = xiezhi.ShotPool(list(examples))
    records = []
    for chunk in _chunks(items, batch_size):
        requests = []
        for item in chunk:
            turns, query = xiezhi.conversation(item, pool.pick(item, shots, seed), lang)
            prompt, lead, tail = _prompt_and_frame(tokenizer, turns, query)
            requests.append((prompt, [encode_answer(tokenizer, lead + option + tail) for option in item.options]))
        for item, (_, options), sums in zip(chunk, requests, scorer.score(requests)):
            counts = [len(option) for option in options]
            scores = [normalise(total, count, text, norm) for total, count, text in zip(sums, counts, item.options)]
            record = XiezhiRecord(
                model=name, source=item.question.source, question=item.question.question, labels=item.question.labels,
                options=item.options, answer_index=item.answer_index, seed=seed, shots=shots, norm=norm,
                scores=scores, logprob_sums=sums, token_counts=counts, rank=rank_of(scores, item.answer_index),
            )
            records.append(record)
            on_record(record)
    return records
