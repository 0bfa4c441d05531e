"""The question on its way through the readings: the graph view, the folded text, its language
and history, and its plausible mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from agent.offline import question as q
from agent.offline.graph import GraphView
from agent.offline.index import Mention
from agent.types import Turn
from kg.linking import surname_keys

MAX_MENTIONS = 12  # mentions scored per question, longest first


@dataclass
class Question:
    """A question on its way through READINGS."""

    view: GraphView
    text: str  # folded
    lang: str
    history: Sequence[Turn]
    feedback: str | None
    original: str = ""  # as typed: the case of English names tells a title from a common word

    def mentions(self, text: str | None = None) -> list[Mention]:
        """The plausible mentions of the text (default: the question), longest first."""
        text = self.text if text is None else text
        options = q.choice_spans(text)
        found = [m for m in self.view.index.find(text) if _plausible(m, text) and not _lower_case_surname(m, self.original)
                 and not (self.view.is_value(m.entities) and any(lo <= m.start and m.end <= hi for lo, hi in options))]
        return found[:MAX_MENTIONS]


def _plausible(mention: Mention, text: str) -> bool:
    if mention.end - mention.start >= 2:
        return not q.is_question_word(mention.surface)
    # A one-character name (砷, 啬; 着 and 为 too, as in "着的繁体字") may be the topic; not a
    # particle inside the sentence, nor the 年 of 哪年.
    return q.single_char_mention_ok(text, mention.start)


def _lower_case_surname(mention: Mention, original: str) -> bool:
    """A lower-case word that only a surname key found ("the writers of" and the film Freedom
    Writers): a surname is typed the way the KG writes it (Kasparov)."""
    if " " in mention.surface or not original or not all(surname_keys(name) == [mention.surface] for name in mention.entities):
        return False
    return not re.search(rf"(?<![A-Za-z]){re.escape(mention.surface.capitalize())}(?![a-z])", original)
