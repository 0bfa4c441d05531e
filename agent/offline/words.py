"""The word lists of agent/offline/data/, read once: what the planner knows of question phrasing.

Every list is data a user may extend for their domain (data/README.md says what each is for). A
malformed line raises `WordListError` naming the file and line. Code builds its patterns from
these lists; alternations are ordered longest word first, so a longer word always wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import NamedTuple


class WordListError(ValueError):
    """A data file of agent/offline/data/ that does not parse: `path:line: reason`."""


def _rows(name: str, text: str, min_cells: int) -> Iterable[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if len(cells) < min_cells:
            raise WordListError(f"{name}:{number}: expected {min_cells} TAB-separated cells or more, got {line.strip()!r}")
        yield number, cells


def _read(name: str, folder: Path | None) -> str:
    if folder is not None:
        return (folder / name).read_text(encoding="utf-8")
    return resources.files("agent.offline").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def read_lists(text: str, name: str = "words.tsv") -> dict[str, list[str]]:
    """`list<TAB>word…` rows → {list: words in file order}; a list may span several rows."""
    lists: dict[str, list[str]] = {}
    for _, (key, *words) in _rows(name, text, 2):
        lists.setdefault(key, []).extend(words)
    return lists


def read_table(text: str, name: str) -> dict[str, list[str]]:
    """`key<TAB>value…` rows → {key: values}; a key given twice is an error (which row wins?)."""
    table: dict[str, list[str]] = {}
    for number, (key, *values) in _rows(name, text, 2):
        if key in table:
            raise WordListError(f"{name}:{number}: {key!r} is listed twice")
        table[key] = values
    return table


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of the words, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))


class Words(NamedTuple):
    """Every list, as the planner uses them (sets where only membership counts)."""

    function_chars: frozenset[str]
    pronouns: list[str]
    pronouns_en: list[str]
    person_pronouns: list[str]
    person_pronouns_en: list[str]
    kind_words: list[str]
    intro_kinds: list[str]
    generic_kinds: frozenset[str]
    question_words: frozenset[str]
    name_questions: list[str]
    ask: dict[str, list[str]]  # "person", "place", "time", "number" → question words asking for it
    answer_chars: dict[str, frozenset[str]]  # "person", "place", "time" → relation characters fitting it
    en_wh: dict[str, str]
    en_stop: frozenset[str]
    en_frame: frozenset[str]
    past_words: list[str]
    past_prefixes: frozenset[str]
    type_relations: frozenset[str]
    self_names: frozenset[str]
    kin_relations: frozenset[str]
    containment_relations: frozenset[str]
    role_relations: frozenset[str]
    identity_relations: tuple[str, ...]
    compare: dict[str, list[str]]  # "earlier", "later", "more", "less" → words comparing two things
    most: dict[str, list[str]]  # the same directions → superlative words
    than: dict[str, list[str]]  # the same directions → bare adjectives after 比B (A比B早吗)
    adjectives: dict[str, list[str]]  # comparing adjective (高) → words of the relations it compares (海拔)
    count_words: list[str]
    count_classifiers: str
    quantity_classifiers: str  # the classifiers of count_classifiers that may name a stored number (集 of 集数)
    both_words: list[str]
    kinship: dict[str, str]  # kinship word → chain of parent/child words
    english_relations: dict[str, list[str]]  # English word → relation words it may stand for
    relation_in_english: dict[str, str]  # KG relation → the English words answers use


def load_words(folder: str | Path | None = None) -> Words:
    """The lists of `folder` (default: the bundled agent/offline/data/)."""
    folder = Path(folder) if folder is not None else None
    lists = read_lists(_read("words.tsv", folder))
    missing = [key for key in _LISTS if key not in lists]
    if missing:
        raise WordListError(f"words.tsv: missing the lists {', '.join(missing)}")
    chars = lambda key: frozenset("".join(lists[key]))  # noqa: E731
    en_wh = lists["en_wh"]
    if len(en_wh) % 2:
        raise WordListError("words.tsv: en_wh rows are 'en_wh<TAB>word<TAB>kind'")
    kinship = read_table(_read("kinship.tsv", folder), "kinship.tsv")
    return Words(
        function_chars=chars("function_chars"),
        pronouns=lists["pronouns"], pronouns_en=lists["pronouns_en"],
        person_pronouns=lists["person_pronouns"], person_pronouns_en=lists["person_pronouns_en"],
        kind_words=lists["kind_words"], intro_kinds=lists["intro_kinds"], generic_kinds=frozenset(lists["generic_kinds"]),
        question_words=frozenset(lists["question_words"]), name_questions=lists["name_questions"],
        ask={kind: lists[f"ask_{kind}"] for kind in ("person", "place", "time", "number")},
        answer_chars={kind: chars(f"{kind}_chars") for kind in ("person", "place", "time")},
        en_wh=dict(zip(en_wh[::2], en_wh[1::2])), en_stop=frozenset(lists["en_stop"]), en_frame=frozenset(lists["en_frame"]),
        past_words=lists["past_words"], past_prefixes=chars("past_prefixes"),
        type_relations=frozenset(lists["type_relations"]), self_names=frozenset(lists["self_names"]),
        kin_relations=frozenset(lists["kin_relations"]), containment_relations=frozenset(lists["containment_relations"]),
        role_relations=frozenset(lists["role_relations"]),
        identity_relations=tuple(lists["identity_relations"]),
        compare={d: lists[f"compare_{d}"] for d in DIRECTIONS}, most={d: lists[f"most_{d}"] for d in DIRECTIONS},
        than={d: lists[f"than_{d}"] for d in DIRECTIONS},
        adjectives=read_table(_read("adjectives.tsv", folder), "adjectives.tsv"),
        count_words=lists["count_words"], count_classifiers="".join(lists["count_classifiers"]),
        quantity_classifiers="".join(lists["quantity_classifiers"]),
        both_words=lists["both_words"],
        kinship={word: chain[0] for word, chain in kinship.items()},
        english_relations=read_table(_read("english_relations.tsv", folder), "english_relations.tsv"),
        relation_in_english={k: " ".join(v) for k, v in
                             read_table(_read("relation_in_english.tsv", folder), "relation_in_english.tsv").items()},
    )


DIRECTIONS = ("earlier", "later", "more", "less")
_LISTS = (*(f"{kind}_{d}" for kind in ("compare", "most", "than") for d in DIRECTIONS), "count_words", "count_classifiers",
          "quantity_classifiers", "both_words",
          "function_chars", "pronouns", "pronouns_en", "person_pronouns", "person_pronouns_en", "kind_words",
          "intro_kinds", "generic_kinds", "question_words", "name_questions", "ask_person", "ask_place", "ask_time",
          "ask_number", "person_chars", "place_chars", "time_chars", "en_wh", "en_stop", "en_frame", "past_words",
          "past_prefixes", "type_relations", "self_names", "kin_relations", "containment_relations", "role_relations", "identity_relations")


@functools.cache
def bundled() -> Words:
    """The bundled lists, read once per process."""
    return load_words()


WORDS = bundled()
