"""MetaQA dev (English, 2- and 3-hop, set answers) through the offline agent, next to a one-hop reader.

    .venv/bin/python bench/metaqa.py [--data DIR] [--limit N] [--misses FILE]

The KG is MetaQA's WikiMovies KB (131k triples, snake_case relations, forward edges only); each dev
question goes through the whole agent (OfflinePlanner → parse_plan → Sandbox → OfflineAnswerer).
Hits: some gold answer is named in the answer. Recall: the share of the gold set named. MetaQA has
only this dev split here, and the English rules were developed while measuring on it: it is a dev
figure, not a held-out one.

The alternative, measured in the same run: the same agent limited to one hop.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from _common import SHARED_BENCHMARKS, parse_args, report_latency_and_misses

import agent.offline.search as search_module
from agent.loop import Agent
from agent.offline import OfflineAnswerer, OfflinePlanner
from kg import load_kg

DEFAULT_DATA = SHARED_BENCHMARKS / "metaqa"


def named(gold: str, answer: str) -> bool:
    return gold.casefold() in answer.casefold()


def ask_all(kg, items, misses=None):
    """Per question type: [questions, hits, recall sum]; and the plan latencies."""
    scores: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    plan_ms = []
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        for item in items:
            result = agent.ask(item["question"])
            plan_ms.append(result.timings_ms.get("plan_ms", 0.0))
            found = [gold for gold in item["all"] if named(gold, result.answer)]
            for key in (item["type"], item["qtype"], "all"):
                row = scores[key]
                row[0] += 1
                row[1] += bool(found)
                row[2] += len(found) / len(item["all"])
            if misses is not None and len(found) < len(item["all"]):
                misses.append({"question": item["question"], "qtype": item["qtype"], "gold": item["all"],
                               "category": "no gold named" if not found else "part of the set named",
                               "answer": result.answer[:600], "calls": [[c.function, c.arguments] for c in result.calls]})
    return scores, plan_ms


def main() -> None:
    args = parse_args(__doc__.split("\n\n")[0], DEFAULT_DATA, "folder with kg.tsv and dev.jsonl", "dev only")
    tick = time.perf_counter()
    kg = load_kg(args.data / "kg.tsv")
    load_s = time.perf_counter() - tick
    items = [json.loads(line) for line in (args.data / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    items = items[: args.limit] if args.limit else items
    misses: list[dict] = []
    scores, plan_ms = ask_all(kg, items, misses)
    saved = search_module.MAX_HOPS
    search_module.MAX_HOPS = 1
    try:
        one_hop, _ = ask_all(kg, items)
    finally:
        search_module.MAX_HOPS = saved
    print(f"MetaQA dev: {len(items)} questions, KG of {kg.triple_count} triples (loaded in {load_s:.1f} s)")
    print(f"{'question type':<42}{'n':>5}{'hits':>9}{'recall':>9}{'1-hop hits':>12}")
    for key in ["all", "2hop", "3hop"] + sorted(k for k in scores if k not in ("all", "2hop", "3hop")):
        n, hits, recall = scores[key]
        print(f"{key:<42}{n:>5}{hits / n:>9.1%}{recall / n:>9.1%}{one_hop[key][1] / n:>12.1%}")
    report_latency_and_misses(plan_ms, misses, args.misses)


if __name__ == "__main__":
    sys.exit(main())
