"""Text the planner reads: the one folding of kg.linking, the question's language, CJK tests."""

from __future__ import annotations

import re

from kg.linking import fold, simplified

__all__ = ["HOLE", "fold", "has_cjk", "language", "mention_length", "simplified"]

HOLE = "□"
"""Replaces text cut out of a question (a mention, framing words), so no bigram forms across it."""

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
LATIN_PER_CHARACTER = 1.5  # Latin letters giving the evidence of one Chinese character


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def language(text: str) -> str:
    """"en" for Latin letters and no Chinese, else "zh" (an empty or symbol-only question gets Chinese)."""
    return "en" if not has_cjk(text) and _LATIN.search(text) else "zh"


def mention_length(surface: str) -> float:
    """Characters of evidence a mention gives: CJK characters, or about one per 1.5 Latin letters."""
    cjk = len(_CJK.findall(surface))
    return cjk + (len(surface) - cjk) / LATIN_PER_CHARACTER
