"""KgCLUE dev accuracy of the offline agent, next to the lexical matcher a user would write first.

    .venv/bin/python bench/kgclue.py [--data DIR] [--limit N] [--misses FILE]

The KG is every gold triple of train + dev (`subject ||| relation ||| object`, about 20k); each dev
question is asked through the whole agent (OfflinePlanner → parse_plan → Sandbox → OfflineAnswerer)
and is right when the gold object appears in the answer (agent.evaluate.is_correct). Every miss is
put in one category. Nothing is learned from dev; the planner uses no data of this benchmark at all.

The alternative, measured in the same run: the 40-line lexical matcher — the longest entity name
(suffix stripped) found in the question, then its relation sharing most characters with the question.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from _common import SHARED_BENCHMARKS, parse_args, report_latency_and_misses

from agent.offline import OfflineAnswerer
from agent.evaluate import Question, is_correct
from agent.loop import Agent
from agent.offline import OfflinePlanner
from kg.linking import normalise, strip_suffix
from kg.networkx_kg import NetworkXKG

DEFAULT_DATA = SHARED_BENCHMARKS / "kgclue"


def read_split(path: Path) -> list[tuple[str, tuple[str, str, str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            s, r, o = (part.strip() for part in item["answer"].split("|||"))
            rows.append((item["question"], (s, r, o)))
    return rows


def lexical_matcher(kg: NetworkXKG):
    """The baseline to beat: longest suffix-less name in the question, best char-overlap relation."""
    names: dict[str, list[str]] = {}
    for s, _, _ in kg.triples():
        names.setdefault(normalise(strip_suffix(s)), []).append(s)
    by_length = sorted(names, key=len, reverse=True)

    def answer(question: str) -> str:
        q = normalise(question)
        for key in by_length:
            if key and key in q:
                best, best_score = "", -1
                for subject in names[key]:
                    for edge in kg.edges(subject):
                        if edge.direction == "out":
                            score = len(set(edge.relation) & set(q))
                            if score > best_score:
                                best, best_score = edge.other, score
                return best
        return ""

    return answer


def categorise(question: str, gold: tuple[str, str, str], result) -> str:
    """Why one answer missed, read from the plan's calls (first call = the planner's reading)."""
    subject, relation, _ = gold
    if not result.need_knowledge:
        return "judged to need no knowledge"
    if normalise(strip_suffix(subject)) not in normalise(question):
        return "question does not name the gold subject (paraphrase or noisy gold)"
    if not result.calls:
        return "no call made"
    first = result.calls[0]
    names = [str(v) for v in first.arguments.get("entity_aliases", first.arguments.get("entity1_aliases", [])) or []]
    if subject not in names:
        return "picked another mentioned entity"
    if first.function == "get_entity_info":
        return "fell back to get_entity_info and the answer missed"
    relations = first.arguments.get("relation_aliases") or []
    if relations and relations[0] != relation:
        return "picked another relation of the right entity"
    return "other"


def main() -> None:
    args = parse_args(__doc__.split("\n\n")[0], DEFAULT_DATA, "folder with train.json and dev.json",
                      "questions to ask: dev (the reported figure) or train (for developing rules)")

    train, dev = read_split(args.data / "train.json"), read_split(args.data / "dev.json")
    tick = time.perf_counter()
    kg = NetworkXKG.from_triples([t for _, t in train + dev])
    load_s = time.perf_counter() - tick
    planner = OfflinePlanner(kg)
    dev = train if args.split == "train" else dev
    dev = dev[: args.limit] if args.limit else dev

    lexical = lexical_matcher(kg)
    tick = time.perf_counter()
    lexical_right = sum(gold[2] in lexical(q) for q, gold in dev)
    lexical_ms = (time.perf_counter() - tick) * 1000 / len(dev)

    right, misses, plan_ms = 0, [], []
    with Agent(kg, planner, OfflineAnswerer()) as agent:
        planner.view.index  # build the automaton outside the timed loop
        for question, gold in dev:
            result = agent.ask(question)
            plan_ms.append(result.timings_ms.get("plan_ms", 0.0))
            if is_correct(Question(question=question, answers=[gold[2]]), result):
                right += 1
            else:
                misses.append({"question": question, "gold": gold, "category": categorise(question, gold, result),
                               "answer": result.answer, "calls": [c.model_dump() for c in result.calls]})
    n = len(dev)
    print(f"KgCLUE {args.split}: {n} questions, KG of {kg.triple_count} triples (loaded in {load_s:.1f} s)")
    print(f"{'system':<34}{'accuracy':>10}{'ms/question':>14}")
    print(f"{'lexical matcher (alternative)':<34}{lexical_right / n:>10.2%}{lexical_ms:>14.3f}")
    print(f"{'offline agent (this repo)':<34}{right / n:>10.2%}{'':>14}")
    report_latency_and_misses(plan_ms, misses, args.misses)


if __name__ == "__main__":
    sys.exit(main())
