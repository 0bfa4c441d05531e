"""Per-plan overhead of `agent.sandbox.Sandbox`, next to plain `exec()` of the same code in this run.

    .venv/bin/python bench/sandbox_bench.py              # 500 warm runs per program, 10 cold starts
    .venv/bin/python bench/sandbox_bench.py --runs 2000 --kg sample

Rows, all on the same programs (the planning prompt's two examples and a loop over results):
- `exec()` — compile + exec + search() in this process, no protection: what a user would write first;
- `restricted in-process` — the worker's own `execute()` (RestrictedPython compile, guards, rlimits,
  alarm, budgeted records, releasing the plan's objects), without the process hop;
- `sandbox warm` — `Sandbox.run` on a warm pool: the number issue 14 targets (p50 ≤ 0.5 ms). A
  worker compiles a program once and keeps it (64 programs), as a retried or re-asked plan repeats;
- `... unseen code` — the same, each run's text made new by a comment, so every run compiles: what
  a plan the worker has never seen costs (RestrictedPython's rewrite is most of it);
- `sandbox cold start` — `Sandbox(kg)` plus its first run, and a run that must replace a dead worker
  (issue 14: ≤ 5 ms).
The KG is a small dict (`--kg tiny`, default, so the figures are the sandbox's, not the backend's) or
the bundled sample KG (`--kg sample`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from agent import _sandbox_worker
from agent.sandbox import Sandbox, SandboxLimits

PROGRAMS = {
    "prompt example 1": (
        "def search():\n\tmessages = ''\n\tproposer, msg = find_entity_or_value(entity_aliases = ['进化论'], "
        "relation_aliases = ['提出', '提出者', '发现'])\n\tmessages += msg\n\treturn messages\n"
    ),
    "prompt example 2": (
        "def search():\n\tmessages = ''\n\tauthor, msg = find_entity_or_value(entity_aliases = ['三体'], "
        "relation_aliases = ['作者', '创作', '写作'])\n\tmessages += msg\n\tif author:\n\t\tworks, msg = "
        "find_entity_or_value(entity_aliases = author, relation_aliases = ['作品', '创作', '写作'])\n"
        "\t\tmessages += msg\n\treturn messages\n"
    ),
    "loop over results": (
        "def search():\n    messages = ''\n    works, msg = find_entity_or_value(['刘慈欣'], ['作品'])\n"
        "    messages += msg\n    for work in works or []:\n        info, msg = get_entity_info([work])\n"
        "        messages += f'{work}: {msg}'\n    return messages\n"
    ),
}


class DictKG:
    facts = {
        ("进化论", "提出者"): ["达尔文"],
        ("三体", "作者"): ["刘慈欣"],
        ("刘慈欣", "作品"): ["三体", "球状闪电", "流浪地球"],
    }

    def get_entity_info(self, entity_aliases):
        names = [entity_aliases] if isinstance(entity_aliases, str) else list(entity_aliases or [])
        if not names:
            return None, "无"
        return {"name": names[0], "aliases": [], "facts": {}, "reverse_facts": {}}, f"{names[0]}的信息"

    def find_entity_or_value(self, entity_aliases, relation_aliases):
        for name in [entity_aliases] if isinstance(entity_aliases, str) else entity_aliases or []:
            for relation in [relation_aliases] if isinstance(relation_aliases, str) else relation_aliases or []:
                found = self.facts.get((name, relation))
                if found:
                    return list(found), f"{name}的{relation}是{'、'.join(found)}"
        return None, "没有找到"

    def find_relationship(self, entity1_aliases, entity2_aliases):
        return None, "没有找到关系"


def plain_exec(code: str, kg) -> object:
    namespace = {name: getattr(kg, name) for name in ("get_entity_info", "find_entity_or_value", "find_relationship")}
    exec(compile(code, "<plan>", "exec"), namespace)
    return namespace["search"]()


def timed(function, runs: int, codes: list[str], unseen: bool = False) -> list[float]:
    """One sample per plan run, cycling through the programs; `unseen`: no text repeats."""
    samples = []
    for run in range(runs):
        for code in codes:
            if unseen:
                code = f"{code}# run {run}\n"
            started = time.perf_counter()
            function(code)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=500, help="warm runs per program and method")
    parser.add_argument("--cold", type=int, default=10, help="cold starts to time")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kg", choices=["tiny", "sample"], default="tiny")
    args = parser.parse_args()
    if args.kg == "sample":
        from kg import load_sample_kg

        kg = load_sample_kg()
    else:
        kg = DictKG()
    limits = SandboxLimits()

    rows: list[tuple[str, list[float]]] = []
    codes = list(PROGRAMS.values())
    with Sandbox(kg, workers=args.workers, limits=limits) as sandbox:
        for code in codes:  # each program must work in every method before it is timed
            error = sandbox.run(code).error
            assert error is None, error
            plain_exec(code, kg)
        rows.append(("exec() (no protection)", timed(lambda code: plain_exec(code, kg), args.runs, codes)))
        in_process = lambda code: _sandbox_worker.execute(code, kg, limits)  # noqa: E731
        rows.append(("restricted in-process", timed(in_process, args.runs, codes)))
        rows.append(("restricted in-process, unseen code", timed(in_process, args.runs, codes, unseen=True)))
        rows.append(("sandbox warm", timed(sandbox.run, args.runs, codes)))
        rows.append(("sandbox warm, unseen code", timed(sandbox.run, args.runs, codes, unseen=True)))

        def after_worker_died(code):
            for worker in list(sandbox._all):
                if worker.process.is_alive():
                    os.kill(worker.process.pid, 9)
                    worker.process.join()
            sandbox.run(code)

        rows.append(("sandbox run after its worker died", timed(after_worker_died, args.cold, codes[:1])))

    def cold_start(code):
        with Sandbox(kg, workers=args.workers, limits=limits) as fresh:
            fresh.run(code)

    rows.append((f"sandbox cold start ({args.workers} workers) + 1 run", timed(cold_start, args.cold, codes[:1])))

    base = statistics.median(rows[0][1])
    print(f"per-plan latency; {args.runs} warm runs x {len(codes)} programs; KG={args.kg}; {os.cpu_count()} CPUs")
    print(f"{'method':44} {'p50 ms':>9} {'p99 ms':>9} {'p50 / exec()':>13}")
    for name, samples in rows:
        p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
        print(f"{name:44} {p50:9.3f} {p99:9.3f} {p50 / base:12.1f}x")
    warm, unseen = (percentile(samples, 0.5) for name, samples in rows if name.startswith("sandbox warm"))
    restart = next(percentile(samples, 0.5) for name, samples in rows if "died" in name)
    print(f"targets: warm p50 <= 0.5 ms per plan -> {warm:.3f} ms ({'met' if warm <= 0.5 else 'NOT met'}),"
          f" unseen code {unseen:.3f} ms; restart after a killed worker <= 5 ms -> {restart:.3f} ms"
          f" ({'met' if restart <= 5 else 'NOT met'})")


if __name__ == "__main__":
    main()
