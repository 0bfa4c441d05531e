"""NLPCC-MH multi-hop accuracy of the offline agent (2-hop and 3-hop), next to a 1-hop reader.

    .venv/bin/python bench/nlpcc_mh.py [--data DIR] [--split dev|train] [--limit N] [--misses FILE]

The KG is every triple of every gold path, by name (the ` ||| id` part dropped). The last 500
questions are the dev split reported here; the first 3,500 were used to develop the rules. Each
question goes through the whole agent (OfflinePlanner → parse_plan → Sandbox → OfflineAnswerer) and
is right when the last tail of the gold path appears in the answer. KnowledGPT (GPT-4, zero-shot)
reported 0.93 F1 on 59 test questions of this data set.

The alternative, measured in the same run: the same agent limited to one hop — what a one-hop
matcher (like the KgCLUE one) gets on multi-hop questions.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import agent.offline.search as planner_module
from agent.offline import OfflineAnswerer
from agent.evaluate import Question, is_correct
from agent.loop import Agent
from agent.offline import OfflinePlanner
from kg.networkx_kg import NetworkXKG

from _common import SHARED_BENCHMARKS, parse_args, report_latency_and_misses

DEFAULT_DATA = SHARED_BENCHMARKS / "nlpcc-mh"
DEV_SIZE = 500


def name(node: str) -> str:
    return node.split("|||")[0].strip()


def load(data: Path) -> list[dict]:
    return json.loads((data / "train.json").read_text(encoding="utf-8"))


def ask_all(kg, items, misses=None) -> tuple[Counter, Counter, list[float]]:
    right, total, plan_ms = Counter(), Counter(), []
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        for item in items:
            hops = len(item["path"])
            gold = name(item["path"][-1][2])
            result = agent.ask(item["q"])
            plan_ms.append(result.timings_ms.get("plan_ms", 0.0))
            ok = is_correct(Question(question=item["q"], answers=[gold]), result)
            right[hops] += ok
            total[hops] += 1
            if not ok and misses is not None:
                gold_path = [[name(s), r, name(o)] for s, r, o in item["path"]]
                misses.append({"q": item["q"], "gold_path": gold_path, "category": categorise(gold_path, result),
                               "calls": [[c.function, c.arguments] for c in result.calls], "answer": result.answer})
    return right, total, plan_ms


def categorise(gold_path: list[list[str]], result) -> str:
    """Why one answer missed: compare the relations asked (first alias of each call) with the gold path."""
    gold = [relation for _, relation, _ in gold_path]
    asked = [(c.arguments.get("relation_aliases") or [None])[0] for c in result.calls if c.function == "find_entity_or_value"]
    if not asked:
        return "no relation asked (entry lookup or no mention)"
    if asked == gold:
        return "gold relations asked, answer still missed (ambiguous entity or value)"
    if asked[0] != gold[0]:
        return "first hop: another relation"
    if len(asked) < len(gold) and asked == gold[: len(asked)]:
        return "stopped early (a later hop worded with no shared character)"
    return "later hop: another relation"


def main() -> None:
    args = parse_args(__doc__.split("\n\n")[0], DEFAULT_DATA, "folder with train.json",
                      "dev: the last 500 questions (reported); train: the first 3,500 (for developing)")

    items = load(args.data)
    kg = NetworkXKG.from_triples((name(s), r, name(o)) for item in items for s, r, o in item["path"])
    split = items[-DEV_SIZE:] if args.split == "dev" else items[:-DEV_SIZE]
    split = split[: args.limit] if args.limit else split

    misses: list[dict] = []
    right, total, plan_ms = ask_all(kg, split, misses)
    saved = planner_module.MAX_HOPS
    planner_module.MAX_HOPS = 1  # the alternative: the same reader, one hop only
    try:
        one_right, _, _ = ask_all(kg, split)
    finally:
        planner_module.MAX_HOPS = saved

    def row(label: str, counts: Counter) -> str:
        cells = [f"{counts[h] / total[h]:>9.2%}" if total[h] else f"{'-':>9}" for h in (2, 3)]
        return f"{label:<30}{sum(counts.values()) / sum(total.values()):>9.2%}{cells[0]}{cells[1]}"

    print(f"NLPCC-MH {args.split}: {sum(total.values())} questions ({total[2]} 2-hop, {total[3]} 3-hop), "
          f"KG of {kg.triple_count} triples")
    print(f"{'system':<30}{'overall':>9}{'2-hop':>9}{'3-hop':>9}")
    print(row("one-hop reader (alternative)", one_right))
    print(row("offline agent (this repo)", right))
    print(f"{'KnowledGPT, GPT-4 (reported)':<30}{'0.93 F1':>9}   (59 test questions, not this split)")
    report_latency_and_misses(plan_ms, misses, args.misses)


if __name__ == "__main__":
    sys.exit(main())
