"""English words and KG relations: the lexicon of data/english_relations.tsv, read both ways, and
relation names split into words (snake_case, camelCase, dotted Freebase ids: last segment)."""

from __future__ import annotations

import functools
import re

import snowballstemmer

from agent.offline.text import has_cjk
from agent.offline.words import WORDS

LATIN_WORD = re.compile(r"[a-z0-9]+")
RELATION_WORDS = WORDS.english_relations
"""English question word → the relation words (Chinese and English) it may stand for."""
_STEMMER = snowballstemmer.stemmer("english")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@functools.lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: genres and genre, directed and direct meet."""
    return _STEMMER.stemWord(word)


def _by_stem() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for word, words in RELATION_WORDS.items():
        table.setdefault(stem(word), words)
    return table


_RELATION_WORDS_BY_STEM = _by_stem()


def relation_words(word: str) -> list[str]:
    """The relation words an English word (or a word of its stem) stands for, or []."""
    return RELATION_WORDS.get(word) or _RELATION_WORDS_BY_STEM.get(stem(word)) or []


@functools.lru_cache(maxsize=1 << 14)
def name_words(relation: str) -> tuple[str, ...]:
    """The lower-case words of a relation name: starred_actors → starred actors, placeOfBirth →
    place of birth, people.person.place_of_birth → place of birth (the last segment names it)."""
    last = relation.rsplit(".", 1)[-1] if "." in relation.strip(".") else relation
    return tuple(LATIN_WORD.findall(_CAMEL.sub(" ", last).casefold()))


@functools.lru_cache(maxsize=1 << 12)
def chinese_words(relation: str) -> tuple[str, ...]:
    """The Chinese relation words the lexicon gives an English relation name (parents → 父亲, 母亲;
    adoptive_father → 父亲, by its last word when the whole name has no row)."""
    words = name_words(relation)
    if not words:
        return ()
    found = relation_words(" ".join(words)) or relation_words(words[-1])
    return tuple(w for w in found if has_cjk(w))


def _questions_by_chinese() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for word, words in RELATION_WORDS.items():
        if not has_cjk(word):
            for chinese in words:
                if has_cjk(chinese):
                    table.setdefault(chinese, []).append(word)
    return table


_QUESTIONS_BY_CHINESE = _questions_by_chinese()


def inverse_words(relation: str, inverse_of) -> list[str]:
    """English question words naming an incoming edge of the relation from its object's side:
    X's sons are those whose `parents` is X. Through the Chinese inverse table (`inverse_of`, the
    KG lexicon's: 父亲 ↔ 儿子, 子女) and back to the English words of those rows."""
    found: dict[str, None] = {}
    for chinese in chinese_words(relation):
        for inverse in inverse_of(chinese):
            found.update(dict.fromkeys(_QUESTIONS_BY_CHINESE.get(inverse, ())))
    return list(found)


AGENT_NOUN = re.compile(r"[a-z]{4,}(?:or|er)s?")
"""A noun for who does something (successor, designer, adoptive father): its owner (X's successor)
undergoes it."""


@functools.lru_cache(maxsize=1 << 12)
def doer_stem(part: str) -> str:
    """The verb stem a doer's noun comes from (leader → lead, designer → design, creator → creat),
    or "" : "Which expeditions did X lead" names `leader`."""
    return stem(part[:-2]) if AGENT_NOUN.fullmatch(part) and not part.endswith("s") else ""


def voice(relation: str) -> str | None:
    """A relation named by a verb: "active" when its subject does it (defeated_in_match), "passive"
    when its object does (succeeded_by, influenced_by) — as a doer's noun says (designer: the
    object designed the subject; adoptive_father: the object adopted it); None for other nouns
    (spouse)."""
    words = name_words(relation)
    if not any(word.endswith("ed") for word in words):
        return "passive" if words and AGENT_NOUN.fullmatch(words[-1]) else None
    return "passive" if "by" in words else "active"


def type_segment(relation: str) -> str:
    """The subject's type of a dotted Freebase id (music.album.artist → album, book.written_work.author
    → written work), or "": an incoming edge of it reaches things of that type ("Radiohead's albums")."""
    parts = relation.split(".")
    return " ".join(LATIN_WORD.findall(parts[-2].replace("_", " ").casefold())) if len(parts) >= 3 else ""


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
    """The English words for a KG relation name (starred_actors → starred actors), or the name
    itself in quotes."""
    if not has_cjk(relation):
        return " ".join(name_words(relation)) or relation
    return RELATION_IN_ENGLISH.get(relation) or f'"{relation}"'
