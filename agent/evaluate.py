"""`agent eval`: ask every question of a JSONL file and score the answers against gold strings."""

from __future__ import annotations

import difflib
import json
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator, model_validator

from agent.loop import Agent, question_problem
from agent.sanitize import clean
from agent.types import Answer


class EvalFileError(ValueError):
    """A questions file that cannot be read; says which file and line."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


NO_TYPE = "(no type)"
ALL_TYPES = "(all types)"
"""The report's total row: a file's own type "all" is a group of its own, not a second total."""


class Question(BaseModel):
    """One line of a questions file."""

    model_config = ConfigDict(extra="ignore")

    question: str
    answers: list[str] = Field(default_factory=list)
    """Every gold string must appear in the answer; `a|b` accepts either alternative."""
    type: str = NO_TYPE
    """Lines without a type are grouped under this name, never confused with the overall figure or
    with a type a file names (the brackets: no file's type is written so)."""
    need_knowledge: StrictBool | None = None
    """true or false (JSON's own): "yes" or 1 is refused, not read as true."""

    @field_validator("type", mode="after")
    @classmethod
    def _named_group(cls, value: str) -> str:
        return value.strip() or NO_TYPE  # "type": "" was a group with a blank name in the report

    @model_validator(mode="before")
    @classmethod
    def _no_misspelt_keys(cls, data: Any) -> Any:
        """Other keys are left alone (a set may carry ids or gold sizes), but one that is nearly a
        field's name (need_knowlege) would silently skip what the line asks for: refused."""
        if isinstance(data, dict):
            for key in data:
                if key not in cls.model_fields:
                    close = difflib.get_close_matches(key, list(cls.model_fields), n=1, cutoff=0.8)
                    if close:
                        raise ValueError(f"unknown key {key!r}; did you mean {close[0]!r}?")
        return data


class Record(BaseModel):
    """One evaluated question, as written to `--out`."""

    question: Question
    correct: bool
    result: Answer


class Report(BaseModel):
    total: int
    correct: int
    accuracy: float
    by_type: dict[str, tuple[int, int]]
    """type → (correct, total)."""
    plan_parse_rate: float
    execution_error_rate: float
    latency_p50_ms: float
    latency_p95_ms: float


def load_questions(path: Path) -> list[Question]:
    return _read_lines(Path(path), Question, "questions", check=_gold_problem)


def _gold_problem(question: Question) -> str | None:
    """A question with no gold strings would count as right whatever the answer; only one marked
    as needing no knowledge (scored on need_knowledge alone) may have none. The question itself must
    be one the agent plans (`agent.loop.question_problem`)."""
    problem = question_problem(question.question)
    if problem:
        return f"question: {problem}"
    for number, gold in enumerate(question.answers):
        if any(not _visible(alternative) for alternative in gold.split("|")):
            # "" (or "莫言|") is a substring of every answer: the question would always be right.
            return f"answers[{number}]: {gold!r} holds an empty gold string, which every answer contains"
    if question.answers or question.need_knowledge is False:
        return None
    return 'answers: no gold answers; give some, or mark a question that needs no KG with "need_knowledge": false'


def _visible(text: str) -> str:
    """The text without spaces and invisible format characters (a zero-width space is no gold string)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def read_records(path: Path) -> list[Record]:
    """The records `agent eval --out` wrote (e.g. to turn good runs into training trajectories)."""
    return _read_lines(Path(path), Record, "records")


def parse_records(data: bytes, source: str) -> list[Record]:
    """Records from the bytes of such a file (an upload); errors name `source` and the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EvalFileError(Path(source), None, f"not UTF-8 text ({exc.reason})") from None
    return _parse_lines(text, Path(source), Record, "records")


def _read_lines(path: Path, model: type[BaseModel], what: str, check: Callable[[BaseModel], str | None] | None = None) -> list:
    """One `model` per non-empty JSONL line; a bad line is an EvalFileError naming file and line."""
    if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO with no writer blocked forever
        raise EvalFileError(path, None, "not a regular file (a pipe, socket or device); save the lines to a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvalFileError(path, None, "no such file") from None
    try:
        text = data.decode("utf-8-sig")  # a BOM, as KG files and standard input allow
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EvalFileError(path, line, f"not UTF-8 text ({exc.reason} {data[exc.start:exc.start + 1]!r}); re-save it as UTF-8") from None
    return _parse_lines(text, path, model, what, check)


def _parse_lines(text: str, path: Path, model: type[BaseModel], what: str, check: Callable[[BaseModel], str | None] | None = None) -> list:
    items = []
    for number, line in enumerate(text.split("\n"), 1):  # JSON Lines end at "\n": a raw U+2028 is inside a string
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            items.append(model.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            reason = first["msg"].removeprefix("Value error, ")
            raise EvalFileError(path, number, f"{field}: {reason}" if field else reason) from None
        problem = check(items[-1]) if check else None
        if problem:
            raise EvalFileError(path, number, problem)
    if not items:
        raise EvalFileError(path, None, f"no {what} in the file")
    return items


def is_correct(question: Question, answer: Answer) -> bool:
    if question.need_knowledge is not None and question.need_knowledge != answer.need_knowledge:
        return False
    text = answer.answer.casefold()
    return all(
        any(alternative.strip().casefold() in text for alternative in gold.split("|"))
        for gold in question.answers
    )


def evaluate(
    agent: Agent,
    questions: Iterable[Question],
    on_record: Callable[[Record], None] | None = None,
    batch_size: int = 8,
) -> Report:
    """Ask the questions `batch_size` at a time (one batched generation per step for LLM models);
    `on_record` sees each record as it is made (progress, --out)."""
    records = []
    for question, answer in _answers(agent, list(questions), batch_size):
        record = Record(question=question, correct=is_correct(question, answer), result=answer)
        records.append(record)
        if on_record:
            on_record(record)
    return summarise(records)


def summarise(records: Iterable[Record]) -> Report:
    """The report of a set of records: the one `evaluate` returns, or one of a file read back."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    latencies, parse_failures, execution_errors = [], 0, 0
    for record in records:
        answer = record.result
        totals[record.question.type][0] += record.correct
        totals[record.question.type][1] += 1
        latencies.append(answer.timings_ms.get("total_ms", 0.0))
        parse_failures += answer.error_stage == "plan"
        execution_errors += answer.error_stage == "execution"
    total = sum(count for _, count in totals.values())
    correct = sum(right for right, _ in totals.values())
    return Report(
        total=total,
        correct=correct,
        accuracy=correct / total if total else 0.0,
        by_type={name: (right, count) for name, (right, count) in sorted(totals.items())},
        plan_parse_rate=1 - parse_failures / total if total else 0.0,
        execution_error_rate=execution_errors / total if total else 0.0,
        latency_p50_ms=_percentile(latencies, 50),
        latency_p95_ms=_percentile(latencies, 95),
    )


def _answers(agent: Agent, questions: list[Question], batch_size: int):
    for start in range(0, len(questions), batch_size):
        batch = questions[start : start + batch_size]
        yield from zip(batch, agent.ask_batch([question.question for question in batch]))


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def write_record(handle, record: Record) -> None:
    handle.write(json.dumps(clean(record).model_dump(mode="json"), ensure_ascii=False) + "\n")
