"""Small C-Eval and Xiezhi data sets in the official file formats, for tests and benches.

The writers know the formats (C-Eval's mapping + per-split CSVs, Xiezhi's one-object-a-line
files); the `synthetic_*` helpers fill them with seeded random Chinese text of chosen lengths, so a
benchmark can size its prompts like the real sets without shipping or downloading them.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

from llm.knowledge_eval.ceval import CHOICES, HEADER, MAPPING_FILE

SUBJECTS = {
    "high_school_physics": ("High School Physics", "高中物理", "STEM"),
    "college_economics": ("College Economics", "大学经济学", "Social Science"),
    "logic": ("Logic", "逻辑学", "Humanities"),
    "civil_servant": ("Civil Servant", "公务员", "Other"),
}
"""Four real C-Eval subjects, one per category (high_school_physics is also in C-Eval Hard)."""
LABELS = ("理学", "经济学", "文学", "医学")


def write_ceval(root: str | Path, subjects: Mapping[str, Sequence[str]], rows: Mapping[str, Mapping[str, Sequence[Sequence[str]]]]) -> Path:
    """`rows[split][subject]` = [id, question, A, B, C, D, answer?, explanation?] lists; the header
    follows the first row's width, as the official files do (dev has explanations, test no answer)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / MAPPING_FILE).write_text(json.dumps({k: list(v) for k, v in subjects.items()}, ensure_ascii=False, indent="\t"), encoding="utf-8")
    for split, by_subject in rows.items():
        (root / split).mkdir(exist_ok=True)
        for subject, subject_rows in by_subject.items():
            width = len(subject_rows[0]) if subject_rows else len(HEADER)
            with (root / split / f"{subject}_{split}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([*HEADER, "answer", "explanation"][:width])
                writer.writerows(subject_rows)
    return root


def write_xiezhi(path: str | Path, records: Sequence[Mapping[str, object]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def _text(rng: random.Random, chars: int, alphabet: int) -> str:
    return "".join(chr(0x4E00 + rng.randrange(alphabet)) for _ in range(max(1, chars)))


def synthetic_ceval(
    root: str | Path, *, val: int = 10, test: int = 0, question_chars: int = 60, option_chars: int = 12,
    subjects: Mapping[str, Sequence[str]] = SUBJECTS, alphabet: int = 1500, seed: int = 0,
) -> Path:
    """Every subject gets 5 dev rows (with explanations), `val` answered rows, `test` rows without.
    Text is drawn from the first `alphabet` CJK characters (a small one tokenises short). Answer
    letters take turns, then are shuffled: like a real exam, no letter is right more often, so a
    model that always says the same letter scores the chance level of 25%."""
    rng = random.Random(seed)
    turn = 0

    def rows(count: int, answered: bool, explained: bool) -> list[list[str]]:
        nonlocal turn
        letters = [CHOICES[(turn + index) % 4] for index in range(count)]
        turn += count
        rng.shuffle(letters)
        made = []
        for index in range(count):
            row = [str(index), _text(rng, question_chars, alphabet) + "____", *(_text(rng, option_chars, alphabet) for _ in range(4))]
            row += [letters[index]] if answered else []
            row += [_text(rng, question_chars, alphabet)] if explained else []
            made.append(row)
        return made

    splits = {"dev": {s: rows(5, True, True) for s in subjects}, "val": {s: rows(val, True, False) for s in subjects}}
    if test:
        splits["test"] = {s: rows(test, False, False) for s in subjects}
    return write_ceval(root, subjects, splits)


def synthetic_xiezhi(
    path: str | Path, count: int, *, question_chars: int = 40, option_chars: int = 6, alphabet: int = 1500, seed: int = 0
) -> Path:
    """`count` questions, 4 options each (the answer among them), one or two first-level labels."""
    rng = random.Random(seed)
    records = []
    for _ in range(count):
        options: list[str] = []
        while len(options) < 4:  # a real question's options differ from each other
            option = _text(rng, rng.randint(max(1, option_chars // 2), option_chars * 2), alphabet)
            options += [option] if option not in options else []
        records.append({
            "question": _text(rng, question_chars, alphabet) + "_____",
            "labels": rng.sample(LABELS, rng.randint(1, 2)),
            "answer": rng.choice(options),
            "options": "\n".join(options),
        })
    return write_xiezhi(path, records)
