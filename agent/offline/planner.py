"""The offline planner: a deterministic, rule-based baseline that writes the same JSON plan a model
would, from the question and the KG's own vocabulary. No model, no GPU, under a millisecond a plan.

It folds the question, reads it (readings.READINGS, one function per kind of question) and writes
the plan (codegen.WRITERS, one function per kind). Nothing is keyed to particular questions or
entities; it is an honest baseline and says so in every thought.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.offline.codegen import write_plan
from agent.offline.graph import GraphView
from agent.offline.readings import Question, read
from agent.offline.text import fold, language, simplified
from agent.types import Turn
from kg.base import KGVocabulary
from kg.linking import RelationLexicon


class OfflinePlanner:
    """`Planner` without a model: reads the KG's vocabulary (`KGVocabulary`) to plan."""

    name = "offline baseline (rule-based planner)"

    def __init__(self, kg: KGVocabulary, lexicon: RelationLexicon | None = None) -> None:
        self.view = GraphView(kg, lexicon)

    def plan(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        """The plan JSON for the question (history: earlier turns; feedback: why the last plan failed)."""
        lang = language(question)
        text = fold(simplified(question))
        reading = read(Question(self.view, text, lang, history, feedback, question))
        return write_plan(reading, self.view.lexicon, lang, text)
