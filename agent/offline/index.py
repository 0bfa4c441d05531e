"""The mention index: every surface form of a KG (names, aliases, suffix-stripped names), found in
one Aho–Corasick pass over a folded question, longest of overlapping matches kept."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from kg.base import MentionLookup
from kg.linking import mention_keys, short_name_keys, surname_keys

_WORD_CHAR = re.compile(r"[0-9a-z]")
MAX_LOOKUP_KEY = 120  # the longest mention key (and the longest substring a store-backed index asks for): long film titles fit, hostile input stays bounded


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
        weak: list[tuple[str, str]] = []
        surnames: list[tuple[str, str]] = []
        for surface, entity in mentions:
            surnames += ((key, entity) for key in surname_keys(surface))
            for key in mention_keys(surface):
                bucket = table.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)
            weak += ((key, entity) for key in short_name_keys(surface))
        full = set(table)
        for key, entity in weak:  # a surname (巴赫) after every name spelled that way in full
            bucket = table.setdefault(key, [])
            if entity not in bucket:
                bucket.append(entity)
        for key, entity in surnames:  # Kasparov, only where no name is spelled so
            if key not in full and entity not in table.setdefault(key, []):
                table[key].append(entity)
        self._automaton = ahocorasick.Automaton()
        for key, entities in table.items():
            # a name longer than any question could hold whole is never a mention; a 2M-character
            # value as a key made the automaton millions of nodes deep, and freeing it overflowed the stack
            if len(key) <= MAX_LOOKUP_KEY:
                self._automaton.add_word(key, (key, tuple(entities)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, folded_question: str) -> list[Mention]:
        """All mentions in an already `fold`ed question, longest first, then leftmost."""
        if not self.size:
            return []
        return _longest(folded_question, ((end + 1 - len(key), end + 1, key, entities)
                                          for end, (key, entities) in self._automaton.iter(folded_question)))


class LookupIndex:
    """The same mentions, asked of a KG that keeps its mention keys itself (`kg.base.MentionLookup`,
    the local store): every substring of the question is looked up at once, and nothing is loaded
    up front — a 10M-triple store needs no automaton of millions of names in memory."""

    def __init__(self, kg: MentionLookup) -> None:
        self.kg = kg
        self.limit = min(kg.max_mention_key(), MAX_LOOKUP_KEY)
        self.size = 1

    def find(self, folded_question: str) -> list[Mention]:
        text = folded_question
        spans: dict[str, list[int]] = {}
        for start in range(len(text)):
            for end in range(start + 1, min(len(text), start + self.limit) + 1):
                spans.setdefault(text[start:end], []).append(start)
        found = self.kg.lookup_mentions(list(spans))
        return _longest(text, ((start, start + len(key), key, entities)
                               for key, entities in found.items() for start in spans[key]))


def _longest(text: str, matches) -> list[Mention]:
    """Whole-word ASCII matches, longest first then leftmost, none inside a longer one kept."""
    found = []
    for start, end, key, entities in matches:
        # An ASCII key must be a whole word: "art" is no mention inside "party".
        if _WORD_CHAR.match(key[0]) and start > 0 and _WORD_CHAR.match(text[start - 1]):
            continue
        if _WORD_CHAR.match(key[-1]) and end < len(text) and _WORD_CHAR.match(text[end]):
            continue
        found.append(Mention(start, end, key, tuple(entities)))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    # Longest match: a mention inside a longer one (李晓 in 李晓平, 小学 in 阳光小学) is dropped.
    kept: list[Mention] = []
    reach = _PrefixMax(len(text) + 1)  # the furthest end of a kept mention starting at or before i
    for mention in found:
        if reach.upto(mention.start) < mention.end:
            kept.append(mention)
            reach.raise_to(mention.start, mention.end)
    return kept


class _PrefixMax:
    """Prefix maxima over positions (a Fenwick tree): containment checks in log time, so a question
    of thousands of mentions stays linear-ish instead of comparing every pair."""

    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def raise_to(self, position: int, value: int) -> None:
        i = position + 1
        while i < len(self.tree):
            self.tree[i] = max(self.tree[i], value)
            i += i & -i

    def upto(self, position: int) -> int:
        best, i = 0, position + 1
        while i > 0:
            best = max(best, self.tree[i])
            i -= i & -i
        return best
