"""What crosses the pipe between `agent.sandbox` and its workers, and the bounds on all of it.

Both sides import this module: the worker converts and encodes, the host checks and decodes.
- `Budget.convert` copies plan or backend data into fresh plain JSON values (tuples → lists, sets →
  sorted lists, other objects → their text), counting every node it visits — so a DAG of shared
  lists costs what its expansion would — and every character, and refusing nesting deeper than
  `MAX_DEPTH`. One budget per run covers everything that crosses: value, calls, arguments and
  messages, so the work of crossing is bounded before it is done, not measured after.
- A message is an 8-byte length and UTF-8 bytes ('surrogatepass': a lone surrogate in the model's
  text survives the trip) on a socket. `receive` reads under a deadline and a size cap, so neither a
  stalled nor an oversized reply can hold the host past the deadline.
- `check_shape` bounds a reply's nesting and node count before `json.loads` builds anything.
"""

from __future__ import annotations

import json
import re
import socket
import time
from typing import Any, NamedTuple

MAX_DEPTH = 32  # nesting of one value; renderers and pydantic give up at a few hundred levels
REPLY_OVERHEAD = 8  # levels a reply adds around a value: calls → record → arguments → ...
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # reprs of functions and iterators: the host's layout
_HEADER = 8


class ReplyBounds(NamedTuple):
    values: int  # what one run's budget may convert: containers and items
    bytes: int  # of the whole reply
    marks: int  # commas and brackets the host counts before parsing: up to two per value
    depth: int


def reply_bounds(limits) -> ReplyBounds:
    """What a reply may hold under `limits` (a SandboxLimits): the worker keeps to it, the host
    checks it. A tenth as many values as characters; every character of the budget and of the
    printed output as up to 4 UTF-8 bytes; a few dozen marks and bytes for each call record's keys."""
    values = limits.max_reply_chars // 10
    records = 16 * limits.max_calls + 256
    return ReplyBounds(values, 4 * (limits.max_reply_chars + limits.max_output_chars) + 8 * records,
                       2 * values + records, MAX_DEPTH + REPLY_OVERHEAD)


class LimitExceeded(BaseException):
    """A sandbox limit; BaseException so `except Exception` in generated code does not swallow it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class ReplyTooLarge(OSError):
    """The other side announced a message over the cap; nothing of it was read."""


def scrub(text: str) -> str:
    """Text with memory addresses cut out (`<function search at 0x7f…>` → `<function search>`)."""
    return _ADDRESS.sub("", text) if "0x" in text else text


def describe(value: object) -> str:
    """str(value) that cannot fail: `Exception(10**5000)` has no printable message."""
    try:
        return scrub(str(value))
    except Exception:
        return f"<{type(value).__name__}>"


class Budget:
    """Characters and nodes left for everything one run sends back."""

    def __init__(self, chars: int, nodes: int):
        self.chars = chars
        self.nodes = nodes

    def _over(self) -> LimitExceeded:
        return LimitExceeded("OutputLimitExceeded", "the run's values, KG calls and arguments exceed the sandbox's reply budget")

    def text(self, value: object, plan_made: bool = False) -> str:
        text = value if type(value) is str else describe(value)
        self.chars -= len(text) + 2
        if self.chars < 0:
            raise self._over()
        return scrub(text) if plan_made else text

    def convert(self, value: Any, plan_made: bool = False, depth: int = 0) -> Any:
        """A fresh copy of `value` as plain JSON data, paid for from the budget."""
        self.nodes -= 1
        if self.nodes < 0:
            raise self._over()
        if isinstance(value, str):
            return self.text(value if type(value) is str else str(value), plan_made)
        if value is None or value is True or value is False:
            return value
        if depth >= MAX_DEPTH:
            raise LimitExceeded("OutputLimitExceeded", f"a value nested deeper than {MAX_DEPTH} levels cannot leave the sandbox")
        if isinstance(value, (list, tuple)):
            return [self.convert(item, plan_made, depth + 1) for item in value]
        if isinstance(value, dict):
            return {self.text(key, plan_made): self.convert(item, plan_made, depth + 1) for key, item in value.items()}
        if isinstance(value, int):
            if value.bit_length() > 4000:  # str() of it is slow, and json refuses over 4300 digits
                raise LimitExceeded("OutputLimitExceeded", f"an integer of {value.bit_length()} bits cannot leave the sandbox")
            self.chars -= 8
            return int(value)
        if isinstance(value, float):
            self.chars -= 8
            return float(value)
        if isinstance(value, (set, frozenset)):
            items = [self.convert(item, plan_made, depth + 1) for item in value]
            return sorted(items, key=repr)
        return self.text(describe(value), plan_made)


def dumps(value: Any) -> str:
    """JSON of converted data; non-ASCII kept (a third of the bytes of \\u escapes for Chinese)."""
    return json.dumps(value, ensure_ascii=False)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ framing


def send(sock: socket.socket, data: bytes, timeout: float | None = None) -> None:
    sock.settimeout(timeout)  # None: block (the worker); the host never waits on a worker for long
    sock.sendall(len(data).to_bytes(_HEADER, "big") + data)


def receive(sock: socket.socket, max_bytes: int, deadline: float | None = None) -> bytes:
    """One message; EOFError when the peer is gone, TimeoutError at `deadline` (time.monotonic()),
    ReplyTooLarge when it announces more than `max_bytes`."""
    size = int.from_bytes(_read(sock, _HEADER, deadline), "big")
    if size > max_bytes:
        raise ReplyTooLarge(f"a message of {size} bytes, over the cap of {max_bytes}")
    return _read(sock, size, deadline)


def _read(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no complete message before the deadline")
            sock.settimeout(left)
        count = sock.recv_into(view[got:])
        if count == 0:
            raise EOFError("the other side closed the connection")
        got += count
    return bytes(buffer)


# ------------------------------------------------------------------ checking a reply before parsing

_KEEP_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{},"))


def check_shape(data: bytes, max_depth: int, max_marks: int) -> None:
    """ValueError unless the JSON text `data` nests at most `max_depth` deep and has at most about
    `max_marks` commas and brackets. Linear, at C speed: escapes are dropped (in JSON text a
    backslash always starts a pair, so pairing from the left is exact), the text between quotes is
    dropped, and each pass of `replace` removes every innermost `[]` pair: the passes needed to
    empty the brackets are the depth."""
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[0::2])
    skeleton = outside.translate(_KEEP_BRACKETS, _NOT_BRACKETS)
    if skeleton.count(b",") + skeleton.count(b"[") > max_marks:
        raise ValueError(f"the reply has more than {max_marks} commas and brackets")
    brackets = skeleton.replace(b",", b"")
    for _ in range(max_depth):
        if not brackets:
            return
        brackets = brackets.replace(b"[]", b"")
    if brackets:
        raise ValueError(f"the reply nests deeper than {max_depth} levels")
