"""C-Eval from a local folder in the official layout, and its answer-only prompts.

    DATA/subject_mapping.json       {"computer_network": ["Computer Network", "计算机网络", "STEM"], ...}
    DATA/dev/{subject}_dev.csv      id,question,A,B,C,D,answer,explanation   (5 few-shot examples)
    DATA/val/{subject}_val.csv      id,question,A,B,C,D,answer[,explanation]
    DATA/test/{subject}_test.csv    id,question,A,B,C,D                      (answers not public)

The mapping comes from the C-Eval repository, the CSVs from its data archive. The prompt follows
C-Eval's own evaluators: `以下是中国关于{科目}考试的单项选择题，请选出其中的正确答案。` before the first
question, each question as `question\\nA. …\\nD. …\\n答案：`, few-shot examples as earlier turns
answered with their letter (answer-only, no explanations).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from pydantic import BaseModel

from llm.knowledge_eval.records import BenchDataError

CHOICES = ("A", "B", "C", "D")
CATEGORIES = ("STEM", "Social Science", "Humanities", "Other")
SPLITS = ("dev", "val", "test")
MAPPING_FILE = "subject_mapping.json"
HARD_SUBJECTS = frozenset(
    {
        "advanced_mathematics", "discrete_mathematics", "probability_and_statistics", "college_chemistry",
        "college_physics", "high_school_mathematics", "high_school_chemistry", "high_school_physics",
    }
)
"""C-Eval Hard: the eight math, physics and chemistry subjects named in the C-Eval README."""
HEADER = ("id", "question", "A", "B", "C", "D")
OPTIONAL_COLUMNS = ("answer", "explanation")


class Subject(BaseModel):
    name: str
    english: str
    chinese: str
    category: str

    @property
    def hard(self) -> bool:
        return self.name in HARD_SUBJECTS


class CevalQuestion(BaseModel):
    subject: str
    id: str
    question: str
    choices: tuple[str, str, str, str]
    answer: str | None
    source: str
    """`file:line` where the row starts."""


class CevalData(BaseModel):
    split: str
    subjects: dict[str, Subject]
    questions: dict[str, list[CevalQuestion]]
    """Per subject, in file order; only subjects with a CSV in the split."""
    dev: dict[str, list[CevalQuestion]]
    """Few-shot examples per subject (empty without shots)."""


def _line_of_key(text: str, key: str) -> int | None:
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def read_subject_mapping(path: Path) -> dict[str, Subject]:
    if not path.is_file():
        raise BenchDataError(path, None, f"not found; C-Eval's {MAPPING_FILE} (subject -> [English, Chinese, category]) must sit in the data folder")
    text = path.read_text(encoding="utf-8-sig")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise BenchDataError(path, error.lineno, f"not JSON: {error.msg}") from None
    if not isinstance(raw, dict) or not raw:
        raise BenchDataError(path, 1, "expected an object: subject -> [English name, Chinese name, category]")
    subjects = {}
    for name, value in raw.items():
        if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, str) for v in value)):
            raise BenchDataError(path, _line_of_key(text, name), f"{name}: expected [English name, Chinese name, category], got {value!r}")
        if value[2] not in CATEGORIES:
            raise BenchDataError(path, _line_of_key(text, name), f"{name}: category {value[2]!r} is not one of {', '.join(CATEGORIES)}")
        subjects[name] = Subject(name=name, english=value[0], chinese=value[1], category=value[2])
    return subjects


def read_questions(path: Path, subject: str, *, need_answers: bool) -> list[CevalQuestion]:
    """One subject's CSV; every row checked, each problem a `file:line` error (rows may span lines)."""
    try:
        return _read_questions(path, subject, need_answers=need_answers)
    except UnicodeDecodeError:
        data = path.read_bytes()  # the reader decodes a chunk at a time: find the byte in the file itself
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise BenchDataError(path, line, f"not UTF-8 text (byte {data[error.start]:#04x}); C-Eval's CSVs are UTF-8") from None
        raise


def _read_questions(path: Path, subject: str, *, need_answers: bool) -> list[CevalQuestion]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        extra = header[len(HEADER) :]
        if header[: len(HEADER)] != HEADER or extra != OPTIONAL_COLUMNS[: len(extra)]:
            raise BenchDataError(path, 1, f"header is {','.join(header) or '(empty)'}; C-Eval's is id,question,A,B,C,D[,answer[,explanation]]")
        if need_answers and "answer" not in extra:
            raise BenchDataError(path, 1, "no answer column: only the test split comes without answers")
        questions, start = [], reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise BenchDataError(path, line, f"{len(row)} fields, the header has {len(header)}")
            answer = row[6].strip() if "answer" in extra else None
            if answer is not None and answer not in CHOICES:
                raise BenchDataError(path, line, f"answer {answer!r} is not one of A, B, C, D")
            questions.append(
                CevalQuestion(subject=subject, id=row[0].strip(), question=row[1], choices=tuple(row[2:6]), answer=answer or None, source=f"{path}:{line}")
            )
    return questions


def _subject_files(data_dir: Path, split: str) -> dict[str, Path]:
    folder = data_dir / split
    if not folder.is_dir():
        raise BenchDataError(folder, None, f"no {split}/ folder; C-Eval's layout is dev/, val/, test/ beside {MAPPING_FILE}")
    suffix = f"_{split}.csv"
    files = {path.name[: -len(suffix)]: path for path in sorted(folder.glob(f"*{suffix}"))}
    if not files:
        raise BenchDataError(folder, None, f"no *{suffix} files")
    return files


def load_ceval(data_dir: str | Path, split: str = "val", shots: int = 0, limit: int | None = None) -> CevalData:
    """Questions of `split` (the first `limit` per subject) and, with shots, the dev examples."""
    data_dir = Path(data_dir)
    if split not in SPLITS or split == "dev":
        raise BenchDataError(data_dir, None, f"split {split!r}: evaluate on val or test (dev holds the few-shot examples)")
    subjects = read_subject_mapping(data_dir / MAPPING_FILE)
    questions, dev = {}, {}
    for name, path in _subject_files(data_dir, split).items():
        if name not in subjects:
            raise BenchDataError(path, None, f"subject {name!r} is not in {data_dir / MAPPING_FILE}")
        questions[name] = read_questions(path, name, need_answers=split != "test")[:limit]
    if not any(questions.values()):  # a header alone: a table of nothing (and a traceback) followed
        raise BenchDataError(data_dir / split, None, f"no questions in the {split} files (each holds its header only)")
    if shots:
        dev_files = _subject_files(data_dir, "dev")
        for name in questions:
            if name not in dev_files:
                raise BenchDataError(data_dir / "dev", None, f"no {name}_dev.csv for {shots}-shot prompts")
            examples = read_questions(dev_files[name], name, need_answers=True)
            if len(examples) < shots:
                raise BenchDataError(dev_files[name], None, f"{len(examples)} examples, {shots} shots asked for")
            dev[name] = examples[:shots]
    return CevalData(split=split, subjects=subjects, questions=questions, dev=dev)


def format_question(question: CevalQuestion) -> str:
    options = "".join(f"\n{letter}. {text}" for letter, text in zip(CHOICES, question.choices))
    return f"{question.question}{options}\n答案："


def conversation(subject: Subject, question: CevalQuestion, shots: list[CevalQuestion]) -> tuple[list[tuple[str, str]], str]:
    """(few-shot turns, query): the instruction opens the first turn, zero-shot included."""
    instruction = f"以下是中国关于{subject.chinese}考试的单项选择题，请选出其中的正确答案。\n\n"
    turns = [(format_question(shot), shot.answer or "") for shot in shots]
    query = format_question(question)
    if turns:
        turns[0] = (instruction + turns[0][0], turns[0][1])
    else:
        query = instruction + query
    return turns, query
