"""Rich rendering of answers, eval reports and KG stats for the CLI (the library itself never prints)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from agent.types import Answer


def _short(value, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_answer(console: Console, answer: Answer) -> None:
    """The --trace view: who planned and answered, the thought, the code, every KG call, the answer."""
    console.print(Text.assemble(("planner ", "dim"), answer.planner, ("  ·  answerer ", "dim"), answer.answerer))
    console.print(Text.assemble(("need knowledge ", "dim"), "是" if answer.need_knowledge else "否",
                                ("  ·  attempts ", "dim"), str(answer.attempts)))
    if answer.thought:
        console.print(Text.assemble(("thought ", "bold"), answer.thought))
    if answer.code:
        console.print(Syntax(answer.code, "python", theme="ansi_dark", line_numbers=True, tab_size=4, word_wrap=True))
    if answer.calls:
        table = Table("#", "function", "arguments", "result", "message", show_lines=True)
        for number, call in enumerate(answer.calls, 1):
            table.add_row(str(number), call.function, _short(call.arguments), _short(call.result), call.message)
        console.print(table)
    if answer.error:
        console.print(Text.assemble((f"error ({answer.error_stage}) ", "bold red"), answer.error))
    timings = "  ".join(f"{name} {ms:.1f}" for name, ms in answer.timings_ms.items())
    console.print(Text(timings, style="dim"))
    console.print(Text.assemble(("answer ", "bold green"), answer.answer))


def render_report(console: Console, report, planner: str) -> None:
    table = Table(title=f"eval · planner {planner}")
    table.add_column("type")
    table.add_column("right", justify="right")
    table.add_column("total", justify="right")
    table.add_column("accuracy", justify="right")
    from agent.evaluate import ALL_TYPES

    for name, (right, total) in report.by_type.items():
        table.add_row(Text(name), str(right), str(total), f"{right / total:.1%}")
    table.add_section()
    table.add_row(Text(ALL_TYPES, style="bold"), str(report.correct), str(report.total), f"[bold]{report.accuracy:.1%}[/]")
    console.print(table)
    console.print(
        f"plan-parse rate {report.plan_parse_rate:.1%} · execution-error rate {report.execution_error_rate:.1%}"
        f" · latency p50 {report.latency_p50_ms:.1f} ms, p95 {report.latency_p95_ms:.1f} ms"
    )


def render_stats(console: Console, stats: dict) -> None:
    table = Table(show_header=False)
    for key, value in stats.items():
        if isinstance(value, dict):
            value = "  ".join(f"{name}={_short(item, 80)}" for name, item in value.items())
        elif isinstance(value, (list, tuple)) and all(isinstance(pair, (list, tuple)) for pair in value):
            value = " · ".join(" ".join(str(part) for part in pair) for pair in value)
        elif isinstance(value, (list, tuple)):
            value = _short(value, 400)
        table.add_row(str(key).replace("_", " "), str(value))
    console.print(table)
