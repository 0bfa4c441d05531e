"""English words and KG relations: the lexicon of data/english_relations.tsv, read both ways."""

from __future__ import annotations

import re

from agent.offline.text import has_cjk
from agent.offline.words import WORDS

LATIN_WORD = re.compile(r"[a-z0-9]+")
RELATION_WORDS = WORDS.english_relations
"""English question word → the relation words (Chinese and English) it may stand for."""


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def relation_words(word: str) -> list[str]:
    """The relation words an English word (or its stem) stands for, or []."""
    return RELATION_WORDS.get(word) or RELATION_WORDS.get(stem(word)) or []


ZH_TO_EN = [(word, [w for w in words if not has_cjk(w)])
            for words in RELATION_WORDS.values() for word in words if has_cjk(word) and len(word) >= 2]
"""(Chinese relation word, its English words): a Chinese question over a graph with English relations."""


def _relation_in_english() -> dict[str, str]:
    # A KG relation → one English word for answers: the first Chinese word of a lexicon row whose
    # English words say it ("首都 capital"); rows with only Chinese words name nothing.
    table: dict[str, str] = {}
    for words in RELATION_WORDS.values():
        chinese = [w for w in words if has_cjk(w)]
        latin = [w for w in words if not has_cjk(w)]
        if chinese and latin:
            table.setdefault(chinese[0], latin[0])
    table.update(WORDS.relation_in_english)
    return table


RELATION_IN_ENGLISH = _relation_in_english()


def relation_in_english(relation: str) -> str:
    """The English word for a KG relation name, or the name itself in quotes."""
    if not has_cjk(relation):
        return relation
    return RELATION_IN_ENGLISH.get(relation) or f'"{relation}"'
