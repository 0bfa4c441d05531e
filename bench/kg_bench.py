"""Load time, peak memory and per-call latency of NetworkXKG on synthetic triples, next to the same
lookups on rdflib's in-memory Graph (what a user holding triples in Python would reach for), and —
with --store — the persistent store (`agent kg build`): build time, size, open time, RSS after
open, the same calls, and `agent ask --kg` end to end from the TSV and from the store.

    .venv/bin/python bench/kg_bench.py                 # 1M triples
    .venv/bin/python bench/kg_bench.py --triples 100000 --calls 2000
    .venv/bin/python bench/kg_bench.py --triples 10000000 --skip-rdflib --store   # the 10M row

Each backend runs in its own child process so its peak RSS is its own. The KG is written once as
a TSV; CuteKG loads it with `load_kg` (the user's path), rdflib gets the same triples through
`Graph.add` (rdflib has no TSV parser). Lookups are the same random entities and relations for
both; the rdflib side does the plain equivalent (objects(s, p), incoming when empty, predicates
between two nodes, both directions of an entity), without linking or messages — CuteKG does more
work per call. Targets (issue): load ≤ 20 s, ≤ 2 GB, every function p50 ≤ 50 µs.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"  # noqa: E501
RELATIONS = [
    "作者", "作品", "导演", "主演", "出生地", "出生日期", "国籍", "毕业院校", "妻子", "丈夫", "父亲", "母亲",
    "首都", "所属国家", "创始人", "总部", "歌手", "作词", "作曲", "配音", "类型", "别名", "成立时间", "职业",
]
RELATIONS += [f"属性{i}" for i in range(300)]  # long tail of relation names, as in encyclopedia KGs


def synthesize(path: Path, triples: int, seed: int = 0) -> None:
    """Entities with 2–6 character names (some with a disambiguation suffix), ~10 triples each,
    objects 60% other entities and 40% literal values; relation frequencies skewed like real KGs."""
    rng = random.Random(seed)
    entities = max(10, triples // 10)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < entities:
        name = "".join(rng.choices(CHARS, k=rng.randint(2, 6)))
        if rng.random() < 0.05:
            name += f"（{''.join(rng.choices(CHARS, k=4))}）"
        if name not in seen:
            seen.add(name)
            names.append(name)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(RELATIONS))]
    with path.open("w", encoding="utf-8") as handle:
        relations = rng.choices(RELATIONS, weights, k=triples)
        for i, relation in enumerate(relations):
            subject = names[i % entities] if i < entities else rng.choice(names)
            obj = rng.choice(names) if rng.random() < 0.6 else f"{rng.randint(1900, 2024)}年{''.join(rng.choices(CHARS, k=3))}"
            handle.write(f"{subject}\t{relation}\t{obj}\n")


def rss_mb(field: str = "VmHWM") -> float:
    """Peak (VmHWM) or current (VmRSS) RSS of this process. Read from /proc: ru_maxrss keeps the
    parent's peak across exec on Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1024)


def queries(path: Path, calls: int, seed: int = 1) -> dict[str, list]:
    """The same random lookups for both backends, drawn from the file itself (by the parent, so
    the children's memory and garbage collector see only the KG)."""
    rng = random.Random(seed)
    with path.open(encoding="utf-8") as handle:
        count = sum(1 for _ in handle)
    wanted = [rng.randrange(count) for _ in range(3 * calls)]  # only these lines are kept: 10M rows would be GBs
    rows = {}
    with path.open(encoding="utf-8") as handle:
        keep = set(wanted)
        for number, line in enumerate(handle):
            if number in keep:
                rows[number] = line.rstrip("\n").split("\t")
    picks = [rows[i] for i in wanted[:calls]]
    entity_pairs = [(s, o) for s, _, o in picks]  # connected pairs (a direct relation exists)
    far = [(rows[a][0], rows[b][0]) for a, b in zip(wanted[calls::2], wanted[calls + 1::2])]
    return {"info": [s for s, _, _ in picks], "find": [(s, r) for s, r, _ in picks], "inverse": [(o, r) for _, r, o in picks],
            "related": entity_pairs, "unrelated": far}


def percentiles(samples_ns: list[int]) -> tuple[float, float]:
    samples = sorted(samples_ns)
    return samples[len(samples) // 2] / 1000, samples[min(len(samples) - 1, int(len(samples) * 0.99))] / 1000


def timed(fn, args_list) -> tuple[float, float]:
    clock = time.perf_counter_ns
    samples = []
    for args in args_list:
        start = clock()
        fn(*args)
        samples.append(clock() - start)
    return percentiles(samples)


def run_cutekg(path: Path, q: dict[str, list], graph_view: bool = True) -> dict:
    """In memory from the TSV, or (a .kgdb path) opened from the store."""
    from kg import load_kg

    store = path.suffix == ".kgdb"
    base = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    kg = load_kg(path)
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = rss_mb()
    calls = len(q["info"])
    result = {"load_s": load_s, "load_cpu_s": load_cpu, "peak_mb": peak, "delta_mb": peak - base,
              "after_mb": rss_mb("VmRSS"), "triples": kg.triple_count}
    result["get_entity_info"] = timed(kg.get_entity_info, [([e],) for e in q["info"]])
    result["find_entity_or_value"] = timed(kg.find_entity_or_value, [([e], [r]) for e, r in q["find"]])
    result["find_entity_or_value (inverse)"] = timed(kg.find_entity_or_value, [([e], [r]) for e, r in q["inverse"]])
    result["find_relationship (direct)"] = timed(kg.find_relationship, [([a], [b]) for a, b in q["related"]])
    result["find_relationship (2-hop/none)"] = timed(kg.find_relationship, [([a], [b]) for a, b in q["unrelated"]])
    misses = [(e + "乙",) for e in q["info"][: max(2, calls // 50)]]
    start = time.perf_counter()
    kg.link_entity(*misses[0])  # the first fuzzy lookup builds the index of normalised names
    result["fuzzy index build (first miss)"] = (time.perf_counter() - start) * 1000
    result["link_entity (miss → fuzzy)"] = timed(kg.link_entity, misses[1:])
    if graph_view and not store:
        before = rss_mb("VmRSS")
        kg.graph  # noqa: B018  the networkx MultiDiGraph view, built on first use
        result["graph_mb"] = rss_mb("VmRSS") - before
    return result


def run_build(path: Path, q: dict[str, list]) -> dict:
    from kg.store import build_store

    start, cpu = time.perf_counter(), time.process_time()
    build_store(path, path.with_suffix(".kgdb"))
    return {"build_s": time.perf_counter() - start, "build_cpu_s": time.process_time() - cpu, "build_peak_mb": rss_mb(),
            "size_mb": path.with_suffix(".kgdb").stat().st_size / 1e6}


def ask_wall(kg_path: Path, question: str, runs: int = 3) -> float:
    """Best wall time of `agent ask --kg` (offline planner), a fresh process each time."""
    agent = Path(sys.executable).with_name("agent")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([str(agent), "ask", "--kg", str(kg_path), question], capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"agent ask --kg {kg_path} failed:\n{proc.stderr}")
    return best


def run_rdflib(path: Path, q: dict[str, list]) -> dict:
    from urllib.parse import quote

    import rdflib

    ns = "http://example.org/"

    def uri(name: str) -> rdflib.URIRef:
        return rdflib.URIRef(ns + quote(name))

    base = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    graph = rdflib.Graph()
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
    subjects = {s for s, _, _ in rows}
    for s, r, o in rows:
        graph.add((uri(s), uri(r), uri(o) if o in subjects else rdflib.Literal(o)))
    del rows
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = rss_mb()

    def node(name: str):
        return uri(name) if name in subjects else rdflib.Literal(name)

    def info(name: str):
        n = node(name)
        return list(graph.predicate_objects(n)), list(graph.subject_predicates(n))

    def find(name: str, relation: str):
        n, p = node(name), uri(relation)
        return list(graph.objects(n, p)) or list(graph.subjects(p, n))

    def related(a: str, b: str):
        x, y = node(a), node(b)
        return list(graph.predicates(x, y)) + list(graph.predicates(y, x))

    result = {"load_s": load_s, "load_cpu_s": load_cpu, "peak_mb": peak, "delta_mb": peak - base,
              "after_mb": rss_mb("VmRSS"), "triples": len(graph)}
    result["get_entity_info"] = timed(info, [(e,) for e in q["info"]])
    result["find_entity_or_value"] = timed(find, [(e, r) for e, r in q["find"]])
    result["find_entity_or_value (inverse)"] = timed(find, [(e, r) for e, r in q["inverse"]])
    result["find_relationship (direct)"] = timed(related, [(a, b) for a, b in q["related"]])
    result["find_relationship (2-hop/none)"] = timed(related, [(a, b) for a, b in q["unrelated"]])
    return result


def child(backend: str, path: Path) -> dict:
    queries = path.with_name("synthetic.queries.json")
    proc = subprocess.run([sys.executable, __file__, "--child", backend, "--file", str(path), "--queries", str(queries)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{backend} run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=10_000, help="lookups per function")
    parser.add_argument("--skip-rdflib", action="store_true", help="rdflib needs a few GB and minutes at 1M")
    parser.add_argument("--store", action="store_true", help="also build the persistent store and measure it")
    parser.add_argument("--skip-memory", action="store_true", help="no in-memory column (with --store: 10M needs ~5 GB)")
    parser.add_argument("--child", choices=["cutekg", "rdflib", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run = {"cutekg": run_cutekg, "rdflib": run_rdflib, "build": run_build}[args.child]
        q = json.loads(args.queries.read_text(encoding="utf-8"))
        print(json.dumps(run(args.file, q)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.tsv"
        start = time.perf_counter()
        synthesize(path, args.triples)
        generated_s = time.perf_counter() - start
        q = queries(path, args.calls)
        path.with_suffix(".queries.json").write_text(json.dumps(q, ensure_ascii=False), encoding="utf-8")
        ours = None if args.skip_memory else child("cutekg", path)
        theirs = None if args.skip_rdflib else child("rdflib", path)
        store = None
        if args.store:
            store = child("build", path) | child("cutekg", path.with_suffix(".kgdb"))
            subject, relation = q["find"][0]
            question = f"{subject}的{relation}是什么"
            store["ask_s"] = ask_wall(path.with_suffix(".kgdb"), question, runs=3 if args.triples < 2_000_000 else 1)
            if ours:
                ours["ask_s"] = ask_wall(path, question, runs=1)
    print(f"\n{args.triples:,} synthetic triples (generated in {generated_s:.0f} s), {args.calls:,} calls per function\n")
    if store:
        print_store(ours, store)
    if ours:
        print_memory(ours, theirs)


def print_store(ours: dict | None, store: dict) -> None:
    header = f"{'measure':34} {'in memory (TSV)':>16} {'store (.kgdb)':>16}"
    print(header + "\n" + "-" * len(header))

    def row(label: str, key: str, unit: str, pick=lambda v: v, mine: dict | None = ours) -> None:
        left = f"{pick(mine[key]):>13.1f} {unit}" if mine and key in mine else f"{'—':>16}"
        right = f"{pick(store[key]):>13.1f} {unit}" if key in store else f"{'—':>16}"
        print(f"{label:34} {left} {right}")

    row("build (agent kg build, wall)", "build_s", "s ", mine=None)
    print(f"{'peak RSS while building':34} {'—':>16} {store['build_peak_mb']:>13.0f} MB")
    print(f"{'size on disk':34} {'—':>16} {store['size_mb']:>13.0f} MB")
    row("load / open (wall)", "load_s", "s ")
    row("RSS after load / open", "after_mb", "MB")
    for name in ("get_entity_info", "find_entity_or_value", "find_entity_or_value (inverse)",
                 "find_relationship (direct)", "find_relationship (2-hop/none)", "link_entity (miss → fuzzy)"):
        row(f"{name} p50", name, "µs", lambda v: v[0])
        row(f"{name} p99", name, "µs", lambda v: v[1])
    row("fuzzy index (first miss)", "fuzzy index build (first miss)", "ms")
    row("agent ask --kg (wall, end to end)", "ask_s", "s ")
    print("\nTargets at 10M: build ≤ 5 min, open ≤ 1 s, RSS after open ≤ 1 GB, p50 ≤ 100 µs, agent ask ≤ 1.5 s.\n")


def print_memory(ours: dict, theirs: dict | None) -> None:
    header = f"{'measure':34} {'CuteKG':>14} {'rdflib Graph':>14} {'rdflib/CuteKG':>14}"
    print(header + "\n" + "-" * len(header))

    def row(label: str, mine: float, other: float | None, unit: str) -> None:
        ratio = f"{other / mine:>13.1f}x" if other is not None and mine else f"{'—':>14}"
        other_text = f"{other:>11.1f} {unit}" if other is not None else f"{'—':>14}"
        print(f"{label:34} {mine:>11.1f} {unit} {other_text} {ratio}")

    row("load time (wall)", ours["load_s"], theirs and theirs["load_s"], "s ")
    row("load time (CPU)", ours["load_cpu_s"], theirs and theirs["load_cpu_s"], "s ")
    row("peak RSS (whole process)", ours["peak_mb"], theirs and theirs["peak_mb"], "MB")
    row("peak RSS added by the load", ours["delta_mb"], theirs and theirs["delta_mb"], "MB")
    row("RSS after the load", ours["after_mb"], theirs and theirs["after_mb"], "MB")
    row("kg.graph (MultiDiGraph view) adds", ours["graph_mb"], None, "MB")
    row("fuzzy index build (first miss)", ours["fuzzy index build (first miss)"], None, "ms")
    for name in ("get_entity_info", "find_entity_or_value", "find_entity_or_value (inverse)",
                 "find_relationship (direct)", "find_relationship (2-hop/none)", "link_entity (miss → fuzzy)"):
        other = theirs.get(name) if theirs else None
        row(f"{name} p50", ours[name][0], other and other[0], "µs")
        row(f"{name} p99", ours[name][1], other and other[1], "µs")
    print("\nTargets: load ≤ 8 s, ≤ 600 MB, p50 ≤ 10 µs per function (issue 13; 20 s / 2 GB / 50 µs before).")
    print("rdflib does bare lookups (no linking, no messages).")


if __name__ == "__main__":
    main()
