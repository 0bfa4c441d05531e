"""What the page receives: the agent's records as JSON dicts, with the code highlighted and the
subgraph laid out as data. Pure functions: the routes call them, the tests read them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from agent.evaluate import Record, summarise
from agent.types import AgentEvent, Answer, ExecutionEvent, PlanEvent
from cli.web.subgraph import answer_subgraph, subgraph
from kg.base import KG_FUNCTIONS

MAX_MISSES = 300  # misses listed in a report; the counts still cover every record


def code_html(code: str | None) -> str:
    """The plan's code as HTML spans with Pygments' short class names (style.css colours them);
    every character of the code is escaped, so a model's output cannot inject markup."""
    if not code:
        return ""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer
    except ImportError:  # rich needs Pygments, so this is a stripped-down install: plain text then
        return escape(code)
    html = highlight(code, PythonLexer(), HtmlFormatter(nowrap=True))
    for name in KG_FUNCTIONS:  # the three KG calls stand out from the rest of the code
        html = html.replace(f'<span class="n">{name}</span>', f'<span class="n kg">{name}</span>')
    return html


def answer_payload(answer: Answer) -> dict[str, Any]:
    """The Answer record (the same fields as `agent ask --json`) plus `code_html` and `subgraph`."""
    return answer.model_dump(mode="json") | {"code_html": code_html(answer.code), "subgraph": answer_subgraph(answer)}


def event_payload(event: AgentEvent) -> dict[str, Any]:
    """One step of `Agent.ask(on_event=…)` for the page: a plan with its code highlighted, an
    execution with the subgraph its calls touched so far, or a token."""
    data = event.model_dump(mode="json")
    if isinstance(event, PlanEvent):
        plan = event.plan
        data["code_html"] = code_html(plan.code if plan else None)
    elif isinstance(event, ExecutionEvent):
        data["subgraph"] = subgraph(event.calls)
    return data


def report_payload(records: Sequence[Record], source: str) -> dict[str, Any]:
    """The eval report of a records file: the `agent eval` figures, and each miss with its trace."""
    report = summarise(records).model_dump(mode="json")
    misses = [record for record in records if not record.correct]
    shown = [
        {"question": record.question.model_dump(mode="json"), "result": answer_payload(record.result)}
        for record in misses[:MAX_MISSES]
    ]
    return report | {"source": source, "misses": shown, "miss_count": len(misses)}
