"""Rich tables for `agent bench`: the layouts of CuteGPT's README, one model or two side by side."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from llm.knowledge_eval.ceval import CATEGORIES
from llm.knowledge_eval.metrics import CevalReport, XiezhiReport


def _columns(table: Table, names: Sequence[str]) -> None:
    for name in names:
        table.add_column(name, justify="right")
    if len(names) == 2:
        table.add_column("Δ", justify="right")


def _cells(values: Sequence[float | None], digits: int) -> list[str]:
    cells = ["–" if value is None else f"{value:.{digits}f}" for value in values]
    if len(values) == 2:
        a, b = values
        cells.append("–" if a is None or b is None else f"{b - a:+.{digits}f}")
    return cells


def ceval_table(reports: Sequence[CevalReport], names: Sequence[str]) -> Table:
    """Rows as the README's C-Eval tables: the four categories, Average, C-Eval Hard (percent)."""
    first = reports[0]
    table = Table(title=f"C-Eval {first.split}, {first.shots}-shot (accuracy %, macro over subjects)")
    table.add_column("")
    table.add_column("questions", justify="right")
    _columns(table, names)
    for category in CATEGORIES:
        if category in first.categories:
            values = [report.categories.get(category) for report in reports]
            table.add_row(category, str(first.categories[category].questions), *_cells([v and v.accuracy for v in values], 1))
    table.add_row("Average", str(first.average.questions), *_cells([r.average.accuracy for r in reports], 1), style="bold")
    if first.hard is not None:
        table.add_row("C-Eval Hard", str(first.hard.questions), *_cells([r.hard and r.hard.accuracy for r in reports], 1))
    table.add_row("random", "", *(["25.0"] * len(reports)), *([""] if len(reports) == 2 else []), style="dim")
    return table


def xiezhi_table(reports: Sequence[XiezhiReport], names: Sequence[str]) -> Table:
    """MRR (and accuracy@1) overall and per first-level discipline, random ranking for scale."""
    first = reports[0]
    table = Table(title=f"Xiezhi {first.shots}-shot, MRR over 50 options", caption=f"norm={first.norm}, seed={first.seed}")
    table.add_column("")
    table.add_column("questions", justify="right")
    _columns(table, names)
    table.add_column("acc@1" if len(reports) == 1 else "acc@1 A→B", justify="right")

    def row(label: str, groups: Sequence, style: str | None = None) -> None:
        present = [group for group in groups if group is not None]
        hits = " → ".join("–" if g is None else f"{g.hit1:.3f}" for g in groups)
        table.add_row(label, str(present[0].questions), *_cells([g and g.mrr for g in groups], 3), hits, style=style)

    row("overall", [report.overall for report in reports], "bold")
    for name in first.levels.get(1, {}):
        row(name, [report.levels.get(1, {}).get(name) for report in reports])
    table.add_row("random", "", *([f"{first.random_mrr:.3f}"] * len(reports)), *([""] if len(reports) == 2 else []), "0.020", style="dim")
    return table


def finer_levels(report: XiezhiReport) -> list[str]:
    """One line per level below the first (they can hold hundreds of disciplines: see --out/--json)."""
    lines = []
    for level, groups in sorted(report.levels.items()):
        if level > 1 and groups:
            mean = sum(g.mrr for g in groups.values()) / len(groups)
            lines.append(f"level {level}: {len(groups)} disciplines, mean MRR {mean:.3f}")
    return lines
