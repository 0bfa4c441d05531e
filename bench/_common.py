"""What the two real-data benches share: their options, the latency line and the misses report."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

SHARED_BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
"""`../shared/benchmarks` beside the repository, where the project's benchmark data lives."""


def parse_args(description: str, data: Path, data_help: str, split_help: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=data, help=data_help)
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help=split_help)
    parser.add_argument("--limit", type=int, default=None, help="ask only the first N questions of the split")
    parser.add_argument("--misses", type=Path, default=None, help="write every miss as JSONL here")
    return parser.parse_args()


def report_latency_and_misses(plan_ms: list[float], misses: list[dict], path: Path | None) -> None:
    """Print planning latency and the misses by category; write every miss to `path` as JSONL."""
    plan_ms = sorted(plan_ms)
    n = len(plan_ms)
    print(f"planning latency: median {plan_ms[n // 2]:.3f} ms, p95 {plan_ms[int(n * 0.95)]:.3f} ms")
    print(f"\nmisses by category ({len(misses)}):")
    for category, count in Counter(miss["category"] for miss in misses).most_common():
        print(f"  {count:>4}  {category}")
    if path:
        with path.open("w", encoding="utf-8") as handle:
            for miss in misses:
                handle.write(json.dumps(miss, ensure_ascii=False, default=str) + "\n")
