"""Xiezhi question files, the 50 options each question is ranked against, discipline levels.

A file is Xiezhi's release format, one JSON object a line (the files are named .json):

    {"question": "…_____", "options": "甲\\n乙\\n丙\\n丁", "answer": "乙", "labels": ["理学", "物理学"]}

`options` is one newline-joined string in the release; a list is read too. `labels` name the
question's disciplines at any level of Xiezhi's taxonomy (门类 / 一级学科 / 二级学科).

Options, as the Xiezhi paper and CuteGPT's README describe: the answer, the question's 3 other
(confusable) options, and 46 options drawn at random from the options of every question in the
file. The draw and the order shown are seeded per (seed, line), so `--limit` and a rerun show each
question exactly the same 50 options; the records keep them.
"""

from __future__ import annotations

import json
import random
import re
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from llm.knowledge_eval.records import BenchDataError

OPTIONS = 50
CONFUSABLE = 3
UNRELATED = OPTIONS - 1 - CONFUSABLE
FIRST_LEVEL = tuple(
    line.strip()
    for line in resources.files(__package__).joinpath("data", "xiezhi_disciplines.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_CJK = re.compile(r"[\u3400-\u9fff]")


class XiezhiQuestion(BaseModel):
    question: str
    options: list[str]
    """The question's own options, stripped, duplicates dropped, file order."""
    answer: str
    labels: list[str]
    line: int
    path: str

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"


class RankedItem(BaseModel):
    """A question with the 50 options it is ranked against, in the order shown."""

    question: XiezhiQuestion
    options: list[str]
    answer_index: int


def _options(value: object) -> list[str] | None:
    if isinstance(value, str):
        value = value.split("\n")
    if not isinstance(value, list) or not all(isinstance(option, str) for option in value):
        return None
    return list(dict.fromkeys(option.strip() for option in value if option.strip()))


def read_questions(path: str | Path) -> list[XiezhiQuestion]:
    path = Path(path)
    if not path.is_file():
        raise BenchDataError(path, None, "a folder; give the question file in it (one JSON question a line)" if path.is_dir() else
                             "not a regular file (a pipe, socket or device); save the questions to a file" if path.exists() else "not found")
    questions = []
    with path.open("rb") as handle:
        for line, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise BenchDataError(path, line, f"not UTF-8 text (byte {raw[error.start]:#04x}); re-save it as UTF-8") from None
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                raise BenchDataError(path, line, f"not JSON: {error.msg}") from None
            if not isinstance(record, dict):
                raise BenchDataError(path, line, "expected an object with question, options, answer, labels")
            missing = [key for key in ("question", "options", "answer") if key not in record]
            if missing:
                raise BenchDataError(path, line, f"missing {', '.join(missing)}")
            options = _options(record["options"])
            if options is None:
                raise BenchDataError(path, line, "options must be a newline-joined string or a list of strings")
            if len(options) < 1 + CONFUSABLE:
                raise BenchDataError(path, line, f"{len(options)} distinct options; Xiezhi needs the answer and {CONFUSABLE} confusable ones")
            answer = str(record["answer"]).strip()
            if answer not in options:
                raise BenchDataError(path, line, f"answer {answer!r} is not one of the options")
            labels = record.get("labels", [])
            if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
                raise BenchDataError(path, line, "labels must be a list of discipline names")
            questions.append(
                XiezhiQuestion(question=str(record["question"]), options=options, answer=answer, labels=labels, line=line, path=str(path))
            )
    if not questions:
        raise BenchDataError(path, None, "no questions")
    return questions


def build_options(questions: list[XiezhiQuestion], seed: int) -> list[RankedItem]:
    """The 50 options of every question; the pool is every option of every question given."""
    pool = list(dict.fromkeys(option for question in questions for option in question.options))
    items = []
    for question in questions:
        rng = random.Random(f"{seed}:{question.line}")
        own = set(question.options)
        others = [option for option in question.options if option != question.answer]
        confusable = others if len(others) == CONFUSABLE else rng.sample(others, CONFUSABLE)
        unrelated = [option for option in pool if option not in own]
        if len(unrelated) < UNRELATED:
            raise BenchDataError(
                question.path, question.line,
                f"the file's option pool has {len(pool)} distinct options, {len(unrelated)} besides this question's own; "
                f"{UNRELATED} unrelated ones are needed for {OPTIONS} per question",
            )
        options = [question.answer, *confusable, *rng.sample(unrelated, UNRELATED)]
        rng.shuffle(options)  # the answer would otherwise always be among the first four shown
        items.append(RankedItem(question=question, options=options, answer_index=options.index(question.answer)))
    return items


def language(questions: list[XiezhiQuestion]) -> str:
    """"zh" when the questions are mostly Chinese, else "en" (Xiezhi ships both)."""
    text = "".join(question.question for question in questions)
    letters = sum(char.isalpha() for char in text) or 1
    return "zh" if len(_CJK.findall(text)) / letters > 0.3 else "en"


_QUERY = {
    "zh": "请从下面的选项中选出正确答案，只回答答案本身。\n问题：{question}\n选项：\n{options}",
    "en": "Choose the correct answer from the options below and reply with the answer only.\nQuestion: {question}\nOptions:\n{options}",
}


def format_query(question: str, options: list[str], lang: str) -> str:
    return _QUERY[lang].format(question=question, options="\n".join(options))


class ShotPool:
    """Few-shot examples indexed by discipline: picking costs little per question on a 14k-question file."""

    def __init__(self, examples: list[XiezhiQuestion]) -> None:
        self.examples = list(examples)
        self.by_label: dict[str, list[int]] = {}
        for index, example in enumerate(self.examples):
            for label in dict.fromkeys(example.labels):
                self.by_label.setdefault(label, []).append(index)

    def pick(self, item: RankedItem, shots: int, seed: int) -> list[XiezhiQuestion]:
        """Examples sharing a discipline with the question first, never the question itself."""
        if not shots:
            return []
        rng = random.Random(f"{seed}:shots:{item.question.line}")
        usable = lambda index: self.examples[index].question != item.question.question  # noqa: E731
        related = sorted({index for label in item.question.labels for index in self.by_label.get(label, ()) if usable(index)})
        chosen = rng.sample(related, min(shots, len(related)))
        if len(chosen) < shots:
            rest = [index for index in range(len(self.examples)) if index not in chosen and usable(index)]
            chosen += rng.sample(rest, min(shots - len(chosen), len(rest)))
        return [self.examples[index] for index in chosen]


def conversation(item: RankedItem, shots: list[XiezhiQuestion], lang: str) -> tuple[list[tuple[str, str]], str]:
    """(few-shot turns, query): each example shows its own options and is answered with the answer."""
    turns = [(format_query(shot.question, shot.options, lang), shot.answer) for shot in shots]
    return turns, format_query(item.question.question, item.options, lang)


# --------------------------------------------------------------------------- discipline levels


def read_taxonomy(path: str | Path) -> dict[str, tuple[int, str]]:
    """label -> (level, its first-level discipline) from a tree {门类: {一级学科: [二级学科, …]}}
    (the layout of Xiezhi's discipline_taxonomy/subjects_tree_*.json)."""
    path = Path(path)
    try:
        tree = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise BenchDataError(path, None, f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise BenchDataError(path, None, f"not UTF-8 text (byte {error.start}); re-save it as UTF-8") from None
    except json.JSONDecodeError as error:
        raise BenchDataError(path, error.lineno, f"not JSON: {error.msg}") from None
    except RecursionError:
        raise BenchDataError(path, 1, "nested too deep to be a taxonomy") from None
    if not isinstance(tree, dict) or not all(isinstance(children, dict) for children in tree.values()):
        raise BenchDataError(path, 1, "expected {first-level: {second-level: [third-level, ...]}}")
    levels: dict[str, tuple[int, str]] = {}
    for top, children in tree.items():
        levels[top] = (1, top)
        for second, thirds in children.items():
            levels.setdefault(second, (2, top))
            for third in thirds if isinstance(thirds, list) else []:
                levels.setdefault(third, (3, top))
    return levels


def label_levels(labels: list[str], taxonomy: dict[str, tuple[int, str]] | None) -> dict[int, set[str]]:
    """The disciplines a question counts under, per level. Without a taxonomy only labels that are
    first-level names are placed; with one, each label also counts its first-level ancestor."""
    placed: dict[int, set[str]] = {}
    for label in labels:
        if taxonomy and label in taxonomy:
            level, top = taxonomy[label]
            placed.setdefault(level, set()).add(label)
            placed.setdefault(1, set()).add(top)
        elif label in FIRST_LEVEL:
            placed.setdefault(1, set()).add(label)
    return placed
