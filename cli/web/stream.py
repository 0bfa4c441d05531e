"""One question answered as server-sent events, each step as the agent reports it.

The agent works in a thread of its own and reports through `Agent.ask(on_event=…)`; the response
generator turns each report into an SSE block as it arrives:

    event: start      {planner, answerer}                      at once, before any work
    event: plan       {attempt, plan, error, code_html}        each attempt's plan
    event: execution  {attempt, calls, error, subgraph}        each attempt's KG calls
    event: token      {text}                                   answer pieces, from a streaming answerer
    event: answer     the Answer record + code_html, subgraph  last, once
    event: error      {message}                                instead of the answer: busy, timeout, a bug

One agent answers one question at a time (a local model has one GPU; the sandbox pool is small):
a second question waits up to `wait_s` for the first, then is told the server is busy.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from agent.loop import Agent
from agent.types import Answer, Turn
from cli.web.payloads import answer_payload, event_payload

log = logging.getLogger("cutekg.web")


def sse(event: str, data: dict[str, Any]) -> str:
    """One server-sent event block (`data` is one JSON line, so no line of it can end the block)."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class _Failed:
    def __init__(self, message: str) -> None:
        self.message = message


class Asker:
    """Runs `agent.ask` for the page, one question at a time, within `timeout_s`."""

    def __init__(self, agent: Agent, *, timeout_s: float, wait_s: float) -> None:
        self.agent, self.timeout_s, self.wait_s = agent, timeout_s, wait_s
        self._busy = threading.Lock()

    def events(self, question: str, history: Sequence[Turn]) -> Iterator[str]:
        """The SSE blocks of one question, ending with `answer` or `error`."""
        yield sse("start", {"planner": self.agent.planner.name, "answerer": self.agent.answerer.name})
        if not self._busy.acquire(timeout=self.wait_s):
            yield sse("error", {"message": f"busy: another question is still being answered (waited {self.wait_s:g} s); "
                                           "ask again in a moment"})
            return
        reports: queue.Queue[Any] = queue.Queue()
        worker = threading.Thread(target=self._work, args=(question, list(history), reports),
                                  name="cutekg-web-ask", daemon=True)
        worker.start()
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                item = reports.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                yield sse("error", {"message": f"no answer within {self.timeout_s:g} s; the next question waits until "
                                               "this one is done (agent web --timeout sets the limit)"})
                return
            if isinstance(item, Answer):
                yield sse("answer", answer_payload(item))
                return
            if isinstance(item, _Failed):
                yield sse("error", {"message": item.message})
                return
            yield sse(item.kind, event_payload(item))

    def _work(self, question: str, history: list[Turn], reports: queue.Queue[Any]) -> None:
        try:
            reports.put(self.agent.ask(question, history, on_event=reports.put))
        except Exception:  # noqa: BLE001 — a bug of ours: its traceback goes to the server's log, one line to the page
            log.exception("answering %r failed", question)
            reports.put(_Failed("the server failed to answer (a bug: the terminal running agent web has the traceback)"))
        finally:
            self._busy.release()
