"""Scores from records: C-Eval's table, Xiezhi's MRR per discipline, two models side by side.

C-Eval averages as its maintainers do: a category is the mean of its subjects' accuracies, the
average the mean over all subjects, C-Eval Hard the mean over its eight subjects (macro averages,
so a subject with many questions weighs no more than a small one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from statistics import fmean

from pydantic import BaseModel

from llm.knowledge_eval import ceval, xiezhi
from llm.knowledge_eval.records import CevalRecord, XiezhiRecord


class Accuracy(BaseModel):
    questions: int
    accuracy: float
    """Percent."""


class CevalReport(BaseModel):
    model: str
    split: str
    shots: int
    subjects: dict[str, Accuracy]
    categories: dict[str, Accuracy]
    average: Accuracy
    hard: Accuracy | None
    random: float = 25.0


def _macro(groups: Sequence[Accuracy]) -> Accuracy:
    return Accuracy(questions=sum(g.questions for g in groups), accuracy=fmean(g.accuracy for g in groups))


def ceval_report(records: Sequence[CevalRecord]) -> CevalReport | None:
    """None when no record has an answer (the test split)."""
    answered = [record for record in records if record.correct is not None]
    if not answered:
        return None
    by_subject: dict[str, list[CevalRecord]] = defaultdict(list)
    for record in answered:
        by_subject[record.subject].append(record)
    subjects = {
        name: Accuracy(questions=len(group), accuracy=100 * sum(r.correct for r in group) / len(group))
        for name, group in by_subject.items()
    }
    categories = {}
    for category in ceval.CATEGORIES:
        members = [subjects[name] for name, group in by_subject.items() if group[0].category == category]
        if members:
            categories[category] = _macro(members)
    hard = [subjects[name] for name in subjects if name in ceval.HARD_SUBJECTS]
    first = answered[0]
    return CevalReport(
        model=first.model, split=first.split, shots=first.shots, subjects=subjects, categories=categories,
        average=_macro(list(subjects.values())), hard=_macro(hard) if hard else None,
    )


def submission(records: Iterable[CevalRecord]) -> dict[str, dict[str, str]]:
    """C-Eval's leaderboard file: {subject: {id: predicted letter}}."""
    result: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        result[record.subject][record.id] = record.prediction
    return dict(result)


class Ranking(BaseModel):
    questions: int
    mrr: float
    hit1: float
    """Accuracy@1, a fraction like MRR."""


class XiezhiReport(BaseModel):
    model: str
    shots: int
    norm: str
    seed: int
    overall: Ranking
    levels: dict[int, dict[str, Ranking]]
    """Discipline level (1 = 门类) -> discipline -> ranking; a question counts under each of its labels."""
    random_mrr: float = sum(1 / rank for rank in range(1, xiezhi.OPTIONS + 1)) / xiezhi.OPTIONS
    """MRR of a uniformly random ranking of 50 options: H(50)/50 = 0.0900."""


def _ranking(ranks: Sequence[int]) -> Ranking:
    return Ranking(questions=len(ranks), mrr=fmean(1 / rank for rank in ranks), hit1=fmean(rank == 1 for rank in ranks))


def xiezhi_report(records: Sequence[XiezhiRecord], taxonomy: dict[str, tuple[int, str]] | None = None) -> XiezhiReport:
    grouped: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for level, names in xiezhi.label_levels(record.labels, taxonomy).items():
            for name in names:
                grouped[level][name].append(record.rank)
    levels = {level: {name: _ranking(ranks) for name, ranks in sorted(names.items())} for level, names in sorted(grouped.items())}
    first = records[0]
    return XiezhiReport(
        model=first.model, shots=first.shots, norm=first.norm, seed=first.seed,
        overall=_ranking([record.rank for record in records]), levels=levels,
    )


def paired_ceval(a: Sequence[CevalRecord], b: Sequence[CevalRecord]) -> tuple[int, int]:
    """(questions only A gets right, questions only B gets right): the differences behind a delta."""
    right_b = {(r.subject, r.id): r.correct for r in b}
    only_a = sum(1 for r in a if r.correct and right_b.get((r.subject, r.id)) is False)
    only_b = sum(1 for r in a if r.correct is False and right_b.get((r.subject, r.id)))
    return only_a, only_b


def paired_xiezhi(a: Sequence[XiezhiRecord], b: Sequence[XiezhiRecord]) -> tuple[int, int]:
    """(questions where A ranks the answer higher, where B does)."""
    rank_b = {r.source: r.rank for r in b}
    higher_a = sum(1 for r in a if r.source in rank_b and r.rank < rank_b[r.source])
    higher_b = sum(1 for r in a if r.source in rank_b and r.rank > rank_b[r.source])
    return higher_a, higher_b
