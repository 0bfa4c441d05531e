"""Load time, peak memory and per-call latency of NetworkXKG on synthetic triples, next to the same
lookups on rdflib's in-memory Graph (what a user holding triples in Python would reach for).

    .venv/bin/python bench/kg_bench.py                 # 1M triples
    .venv/bin/python bench/kg_bench.py --triples 100000 --calls 2000

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
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
    picks = [rows[rng.randrange(len(rows))] for _ in range(calls)]
    entity_pairs = [(s, o) for s, _, o in picks]  # connected pairs (a direct relation exists)
    far = [(rows[rng.randrange(len(rows))][0], rows[rng.randrange(len(rows))][0]) for _ in range(calls)]
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
    from kg import load_kg

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
    if graph_view:
        before = rss_mb("VmRSS")
        kg.graph  # noqa: B018  the networkx MultiDiGraph view, built on first use
        result["graph_mb"] = rss_mb("VmRSS") - before
    return result


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
    proc = subprocess.run([sys.executable, __file__, "--child", backend, "--file", str(path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{backend} run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=10_000, help="lookups per function")
    parser.add_argument("--skip-rdflib", action="store_true", help="rdflib needs a few GB and minutes at 1M")
    parser.add_argument("--child", choices=["cutekg", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run = run_cutekg if args.child == "cutekg" else run_rdflib
        q = json.loads(args.file.with_suffix(".queries.json").read_text(encoding="utf-8"))
        print(json.dumps(run(args.file, q)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.tsv"
        synthesize(path, args.triples)
        q = queries(path, args.calls)
        path.with_suffix(".queries.json").write_text(json.dumps(q, ensure_ascii=False), encoding="utf-8")
        ours = child("cutekg", path)
        theirs = None if args.skip_rdflib else child("rdflib", path)
    print(f"\n{args.triples:,} synthetic triples ({ours['triples']:,} distinct), {args.calls:,} calls per function\n")
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
    print("\nTargets: load ≤ 20 s, ≤ 2 GB, p50 ≤ 50 µs per function. rdflib does bare lookups (no linking, no messages).")


if __name__ == "__main__":
    main()
