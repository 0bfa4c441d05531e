"""The mention index: every surface form of a KG (names, aliases, suffix-stripped names), found in
one Aho–Corasick pass over a folded question, longest of overlapping matches kept."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from agent.offline.text import fold, simplified

_NESTED_SUFFIX = re.compile(r"^(.+?)\s*\((?:[^()]|\([^()]*\))*\)$")
_INNER_NOTE = re.compile(r"\([^()]*\)")
_LEGAL_FORM = re.compile(r"(?<=..)(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$")
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")
_WORD_CHAR = re.compile(r"[0-9a-z]")


def surface_keys(surface: str) -> list[str]:
    """The folded surface, plus forms people type: without a nested disambiguation
    (郑多彬（韩国女演员（2000年出生）） → 郑多彬) and without the middle dot (哈维尔·埃尔南德斯)."""
    key = fold(surface)
    if not key or not _MEANINGFUL.search(key):
        return []  # "？" or "·" alone is a node of some graphs, never a mention
    keys = [key, fold(surface, possessive=False)]  # McDonald's: "mcdonald s" and "mcdonalds"
    nested = _NESTED_SUFFIX.match(key)
    if nested:
        keys.append(nested.group(1).strip())
    # 中国香港(地区)商会 → 中国香港商会; 贵州盐业(集团)有限责任公司 → 贵州盐业: organisations are
    # named without their legal form and inner notes.
    inner = _INNER_NOTE.sub("", keys[-1])
    keys += [inner, _LEGAL_FORM.sub("", inner)]
    keys += [k.replace("·", "") for k in keys if "·" in k and len(k) > 3]
    keys += [simplified(k) for k in keys]  # questions are folded to simplified characters: names too
    return [k for k in dict.fromkeys(keys) if len(k) >= 2 or k == key]


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    """The folded surface as it appears in the folded question."""
    entities: tuple[str, ...]
    """The entity names this surface may denote, in the order the vocabulary gave them."""


class MentionIndex:
    """Every surface form of a KG, searchable in one pass over a question.

    Built once from (surface, entity) pairs (`KGVocabulary.mentions()`); ~20k entities take a
    fraction of a second."""

    def __init__(self, mentions: Iterable[tuple[str, str]]) -> None:
        table: dict[str, list[str]] = {}
        for surface, entity in mentions:
            for key in surface_keys(surface):
                bucket = table.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)
        self._automaton = ahocorasick.Automaton()
        for key, entities in table.items():
            self._automaton.add_word(key, (key, tuple(entities)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, folded_question: str) -> list[Mention]:
        """All mentions in an already `fold`ed question, longest first, then leftmost."""
        if not self.size:
            return []
        found = []
        text = folded_question
        for end, (key, entities) in self._automaton.iter(text):
            start = end + 1 - len(key)
            # An ASCII key must be a whole word: "art" is no mention inside "party".
            if _WORD_CHAR.match(key[0]) and start > 0 and _WORD_CHAR.match(text[start - 1]):
                continue
            if _WORD_CHAR.match(key[-1]) and end + 1 < len(text) and _WORD_CHAR.match(text[end + 1]):
                continue
            found.append(Mention(start, end + 1, key, entities))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        # Longest match: a mention inside a longer one (李晓 in 李晓平, 小学 in 阳光小学) is dropped.
        kept: list[Mention] = []
        for mention in found:
            if not any(k.start <= mention.start and mention.end <= k.end for k in kept):
                kept.append(mention)
        return kept
