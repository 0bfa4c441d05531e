"""Text the planner reads: the one folding of kg.linking, the question's language, CJK tests."""

from __future__ import annotations

import functools
import re

from kg.linking import normalise

HOLE = "□"
"""Replaces text cut out of a question (a mention, framing words), so no bigram forms across it."""

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
LATIN_PER_CHARACTER = 1.5  # Latin letters giving the evidence of one Chinese character


@functools.lru_cache(maxsize=1 << 16)  # node names and their suffixes are folded again and again
def fold(text: str, possessive: bool = True) -> str:
    """The matching key of question text and of every surface form of the mention index: the KG's
    own `normalise`, keeping single spaces so English words stay words."""
    return normalise(text, words=True, possessive=possessive)


@functools.cache
def _converter():
    import opencc  # a C++ converter: loaded on the first Chinese text

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (三體的作者是誰 → 三体的作者是谁), with OpenCC's
    phrase tables; text without Chinese comes back as it is."""
    return _converter().convert(text) if has_cjk(text) else text


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def language(text: str) -> str:
    """"en" for Latin letters and no Chinese, else "zh" (an empty or symbol-only question gets Chinese)."""
    return "en" if not has_cjk(text) and _LATIN.search(text) else "zh"


def mention_length(surface: str) -> float:
    """Characters of evidence a mention gives: CJK characters, or about one per 1.5 Latin letters."""
    cjk = len(_CJK.findall(surface))
    return cjk + (len(surface) - cjk) / LATIN_PER_CHARACTER
