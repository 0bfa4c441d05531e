"""`agent web`'s page weight and answer-stream latency, next to the same questions asked in-process.

    .venv/bin/python bench/web_bench.py                  # the bundled eval's questions, offline planner
    .venv/bin/python bench/web_bench.py --limit 40 --kg my_triples.tsv

Rows:
- `first load` — body bytes of everything the page loads before a question: `/`, every other file
  of cli/web/static (the page imports them all), /api/info and /api/kg/stats (tests/cli/web/
  test_page.py measures the same in Chromium and keeps it under a budget);
- `first byte of the answer stream` — POST /api/ask until the first bytes of the reply (the
  `start` event), over loopback HTTP with uvicorn, as the page sees it;
- `first plan event` / `answer event` — until the plan, then the whole answer, arrive on that stream;
- `Agent.ask in-process` — the alternative: the same question answered with no server at all.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from pathlib import Path

import uvicorn

from agent.evaluate import load_questions
from cli.options import ModelChoice, build_agent
from cli.web import open_socket
from cli.web.app import STATIC, create_app

ROOT = Path(__file__).resolve().parent.parent


def serve(agent) -> tuple[int, uvicorn.Server, threading.Thread]:
    listening = open_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(agent), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    return listening.getsockname()[1], server, thread


def first_load_bytes(port: int) -> tuple[int, int]:
    static = [f"/static/{file.name}" for file in sorted(STATIC.iterdir()) if file.name != "index.html"]  # that one is /
    paths = ["/", *static, "/api/info", "/api/kg/stats"]
    total = 0
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", path)
        total += len(connection.getresponse().read())
        connection.close()
    return total, len(paths)


def stream_timings(port: int, question: str) -> tuple[float, float, float]:
    """ms to the first byte, to the plan event, to the answer event. The stdlib client, because on
    this machine httpx took ~40 ms longer on every request, even a GET of /api/info (curl did not)."""
    body = json.dumps({"question": question, "history": []}).encode()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    start = time.perf_counter()
    connection.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    first = plan = None
    buffer = b""
    while chunk := response.read1(65536):
        now = (time.perf_counter() - start) * 1000
        first = first if first is not None else now
        buffer += chunk
        if plan is None and b"event: plan" in buffer:
            plan = now
    connection.close()
    return first, plan if plan is not None else now, now


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return f"{values[0]:.1f}"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"{statistics.median(values):.1f} / {cuts[94]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "tests/data/bundled_eval.jsonl")
    parser.add_argument("--kg", type=Path, default=None, help="KG file; default: the bundled sample KG")
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    questions = [q.question for q in load_questions(args.questions)][: args.limit]
    with build_agent(ModelChoice(kg=args.kg)) as agent:
        port, server, thread = serve(agent)
        weight, files = first_load_bytes(port)
        stream_timings(port, questions[0])  # warm: the first question loads lazy indexes
        streamed = [stream_timings(port, q) for q in questions]
        local = []
        for question in questions:
            tick = time.perf_counter()
            agent.ask(question)
            local.append((time.perf_counter() - tick) * 1000)
        server.should_exit = True
        thread.join(timeout=10)
    print(f"{len(questions)} questions from {args.questions.name}, planner {agent.planner.name}\n")
    print("| measure | p50 / p95 |")
    print("| --- | --- |")
    print(f"| first load ({files} requests) | {weight:,} bytes |")
    print(f"| first byte of the answer stream | {percentiles([s[0] for s in streamed])} ms |")
    print(f"| first plan event | {percentiles([s[1] for s in streamed])} ms |")
    print(f"| answer event | {percentiles([s[2] for s in streamed])} ms |")
    print(f"| Agent.ask in-process (no server) | {percentiles(local)} ms |")


if __name__ == "__main__":
    main()
