"""A call bounded by a wall-clock deadline: socket timeouts bound each read, not the whole answer,
so a server trickling a byte at a time never trips them. Used by the SPARQL client and the
OpenAI-compatible runtime."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import Any


def within(limit_s: float, call: Any) -> Any:
    """`call()` in a daemon thread, waited for at most `limit_s` seconds (TimeoutError after). A call
    left running ends with the process."""

    def one(stop: threading.Event) -> Iterator[Any]:
        yield call()

    return next(iterate_within(limit_s, one))


_END = object()


def iterate_within(limit_s: float, items: Any) -> Iterator[Any]:
    """What `items(stop)` yields, read in a daemon thread; the whole iteration waited for at most
    `limit_s` seconds (TimeoutError after). Closing early sets `stop` for the reader to end on."""
    queue_: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            for item in items(stop):
                queue_.put(item)
        except BaseException as error:  # re-raised in the caller's thread
            queue_.put(error)
        finally:
            queue_.put(_END)

    threading.Thread(target=work, daemon=True).start()
    deadline = time.monotonic() + limit_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:  # items coming faster than the deadline is checked (a trickle) do not extend it
                raise TimeoutError
            try:
                item = queue_.get(timeout=left)
            except queue.Empty:
                raise TimeoutError from None
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
