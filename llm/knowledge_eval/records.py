"""What the benches read and write: the data error, one record per scored question."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel


class BenchDataError(ValueError):
    """A benchmark file that cannot be read; `str()` is one line: `path:line: reason`."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


class CevalRecord(BaseModel):
    """One C-Eval question as scored; `answer` and `correct` are None on the test split."""

    model: str
    subject: str
    category: str
    hard: bool
    split: str
    id: str
    answer: str | None
    prediction: str
    correct: bool | None
    logprobs: dict[str, float]
    """log p(letter | prompt) for A-D, the standard C-Eval answer-only protocol."""
    shots: int


class XiezhiRecord(BaseModel):
    """One Xiezhi question ranked against its 50 options, with what is needed to re-run it."""

    model: str
    source: str
    """`file:line` of the question."""
    question: str
    labels: list[str]
    options: list[str]
    """The 50 options in the order they were shown (seeded; see xiezhi.build_options)."""
    answer_index: int
    seed: int
    shots: int
    norm: str
    scores: list[float]
    """The ranking score of each option (log-probability after `norm`), same order as options."""
    logprob_sums: list[float]
    token_counts: list[int]
    rank: int
    """1 = the answer scored highest; ties count against the answer."""
