"""One sanitising step at the output boundary: what a plan, a KG or a model wrote reaches JSON, eval
records and the terminal only through `clean`.

- Lone surrogates (broken UTF-16 from a model, a surrogate-escaped byte from a file name or argv)
  become U+FFFD: `model_dump_json`, UTF-8 files and the terminal all fail on them.
- Control characters — C0 except tab and newline, DEL, C1 — are made visible as `\\x1b`: ESC and
  CSI start terminal escape sequences, CR and backspace overwrite what was printed, and a fake log
  line needs them. So are the bidirectional overrides (`\\u202e`), which reorder what is shown.

`clean` walks strings, lists, tuples, dicts (keys too) and pydantic models, and returns the very
object when nothing in it needs changing: the common case costs one regex search per string.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

__all__ = ["clean", "clean_text"]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
MAX_DEPTH = 64  # records are far shallower (the sandbox caps values at 32); deeper is cut, not recursed


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean_text(text: str) -> str:
    """`text` with lone surrogates replaced and control, escape and bidi characters made visible."""
    return text if _UNSAFE.search(text) is None else _UNSAFE.sub(_visible, text)


def clean(value: Any, depth: int = 0) -> Any:
    """`value` (str, list, tuple, dict, pydantic model, or anything else as is) made safe to print."""
    if isinstance(value, str):
        return clean_text(value)
    if depth >= MAX_DEPTH and isinstance(value, (BaseModel, dict, list, tuple)):
        return "…"
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            safe = clean(item, depth + 1)
            if safe is not item:
                changed[name] = safe
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, dict):
        pairs = [(clean(key, depth + 1), clean(item, depth + 1)) for key, item in value.items()]
        if all(k is key and v is item for (k, v), (key, item) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    if isinstance(value, (list, tuple)):
        items = [clean(item, depth + 1) for item in value]
        if all(new is old for new, old in zip(items, value)):
            return value
        return items if isinstance(value, list) else tuple(items)
    return value
