"""Which engine should hold a persistent KG? Three candidates, the same triples, the same lookups.

    .venv/bin/python bench/kg_store_engines.py --triples 1000000

- sqlite: interned names, two covering WITHOUT ROWID indexes (s, r, o) and (o, r, s) — the shape
  kg/store.py uses;
- oxigraph: pyoxigraph's on-disk RocksDB store, bulk-loaded, queried with SPARQL;
- mmap: a snapshot of interned indexes (64-bit name hashes sorted for bisect, CSR adjacency),
  memory-mapped so opening reads nothing.

Each engine builds, then opens in a fresh child process (so the RSS after open is its own) and
runs bare lookups: the objects of (subject, relation) and every edge of a node in both directions.
No linking, no messages: this picks the engine; bench/kg_bench.py measures the whole backend.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import mmap
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from array import array
from bisect import bisect_left
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from kg_bench import percentiles, rss_mb, synthesize  # noqa: E402

NS = "http://example.org/"


def read_rows(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]


# ----------------------------------------------------------------------------- sqlite


def build_sqlite(src: Path, out: Path) -> None:
    db = sqlite3.connect(out)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     "CREATE TABLE node(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                     "CREATE TABLE rel(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                     "CREATE TABLE t(s INT, r INT, o INT);")
    ids: dict[str, int] = {}
    rels: dict[str, int] = {}
    rows = []
    for s, r, o in read_rows(src):
        rows.append((ids.setdefault(s, len(ids)), rels.setdefault(r, len(rels)), ids.setdefault(o, len(ids))))
    db.executemany("INSERT INTO node VALUES (?, ?)", ((i, n) for n, i in ids.items()))
    db.executemany("INSERT INTO rel VALUES (?, ?)", ((i, n) for n, i in rels.items()))
    db.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    db.executescript("CREATE TABLE out(s INT, r INT, o INT, PRIMARY KEY (s, r, o)) WITHOUT ROWID;"
                     "INSERT OR IGNORE INTO out SELECT s, r, o FROM t ORDER BY s, r, o;"
                     "CREATE TABLE inn(o INT, r INT, s INT, PRIMARY KEY (o, r, s)) WITHOUT ROWID;"
                     "INSERT OR IGNORE INTO inn SELECT o, r, s FROM t ORDER BY o, r, s; DROP TABLE t; VACUUM;")
    db.commit()
    db.close()


def open_sqlite(path: Path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    rel_ids = dict(db.execute("SELECT name, id FROM rel"))
    rel_names = {i: n for n, i in rel_ids.items()}

    def objects(s: str, r: str) -> list[str]:
        return [n for (n,) in db.execute("SELECT n.name FROM node s JOIN out ON out.s = s.id AND out.r = ? "
                                         "JOIN node n ON n.id = out.o WHERE s.name = ?", (rel_ids[r], s))]

    def edges(name: str) -> list:
        row = db.execute("SELECT id FROM node WHERE name = ?", (name,)).fetchone()
        found = [(rel_names[r], "out", n) for r, n in db.execute(
            "SELECT r, name FROM out JOIN node ON id = o WHERE s = ?", row)]
        return found + [(rel_names[r], "in", n) for r, n in db.execute(
            "SELECT r, name FROM inn JOIN node ON id = s WHERE o = ?", row)]

    return objects, edges


# ----------------------------------------------------------------------------- oxigraph


def build_oxigraph(src: Path, out: Path) -> None:
    from urllib.parse import quote

    import pyoxigraph as ox

    nt = out.with_suffix(".nt")
    with nt.open("w", encoding="utf-8") as handle:
        for s, r, o in read_rows(src):
            handle.write(f"<{NS}{quote(s)}> <{NS}r/{quote(r)}> <{NS}{quote(o)}> .\n")
    store = ox.Store(str(out))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    store.optimize()
    nt.unlink()


def open_oxigraph(path: Path):
    from urllib.parse import quote, unquote

    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    cut = len(NS)

    def objects(s: str, r: str) -> list[str]:
        return [unquote(q.object.value[cut:]) for q in store.quads_for_pattern(
            ox.NamedNode(NS + quote(s)), ox.NamedNode(f"{NS}r/{quote(r)}"), None)]

    def edges(name: str) -> list:
        node = ox.NamedNode(NS + quote(name))
        found = [(q.predicate.value, "out", unquote(q.object.value[cut:])) for q in store.quads_for_pattern(node, None, None)]
        return found + [(q.predicate.value, "in", unquote(q.subject.value[cut:])) for q in store.quads_for_pattern(None, None, node)]

    return objects, edges


# ----------------------------------------------------------------------------- mmap snapshot


def _hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")


def build_mmap(src: Path, out: Path) -> None:
    """Sections, each an array: hashes (sorted), ids by hash, name offsets, name bytes, out/in CSR."""
    ids: dict[str, int] = {}
    rels: dict[str, int] = {}
    s_col, r_col, o_col = array("I"), array("I"), array("I")
    for s, r, o in read_rows(src):
        s_col.append(ids.setdefault(s, len(ids)))
        r_col.append(rels.setdefault(r, len(rels)))
        o_col.append(ids.setdefault(o, len(ids)))
    names = list(ids)
    del ids
    hashed = sorted((_hash(n), i) for i, n in enumerate(names))
    hashes, by_hash = array("Q", (h for h, _ in hashed)), array("I", (i for _, i in hashed))
    del hashed
    blob, offsets = bytearray(), array("Q", [0])
    for n in names:
        blob += n.encode()
        offsets.append(len(blob))
    sections = [hashes, by_hash, offsets, bytes(blob)]
    for key, other in ((s_col, o_col), (o_col, s_col)):
        order = sorted(range(len(key)), key=key.__getitem__)
        starts = array("Q", [0] * (len(names) + 1))
        for k in key:
            starts[k + 1] += 1
        for i in range(len(names)):
            starts[i + 1] += starts[i]
        sections += [starts, array("I", (r_col[i] for i in order)), array("I", (other[i] for i in order))]
    header = json.dumps({"rels": list(rels), "sizes": [len(memoryview(s).cast("B")) for s in sections]}).encode()
    with out.open("wb") as handle:
        handle.write(len(header).to_bytes(8, "little") + header)
        for section in sections:
            handle.write(section)


def open_mmap(path: Path):
    handle = path.open("rb")
    mm = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    size = int.from_bytes(mm[:8], "little")
    header = json.loads(mm[8:8 + size])
    rels, at, views = header["rels"], 8 + size, []
    for length, code in zip(header["sizes"], "QIQBQIIQII"):
        view = memoryview(mm)[at:at + length]
        views.append(view if code == "B" else view.cast(code))
        at += length
    hashes, by_hash, offsets, blob, out_start, out_r, out_o, in_start, in_r, in_s = views

    def name_of(i: int) -> str:
        return bytes(blob[offsets[i]:offsets[i + 1]]).decode()

    def id_of(name: str) -> int | None:
        h = _hash(name)
        at = bisect_left(hashes, h)
        while at < len(hashes) and hashes[at] == h:
            if name_of(by_hash[at]) == name:
                return by_hash[at]
            at += 1
        return None

    def objects(s: str, r: str) -> list[str]:
        i, rid = id_of(s), rels.index(r)
        return [name_of(out_o[k]) for k in range(out_start[i], out_start[i + 1]) if out_r[k] == rid]

    def edges(name: str) -> list:
        i = id_of(name)
        found = [(rels[out_r[k]], "out", name_of(out_o[k])) for k in range(out_start[i], out_start[i + 1])]
        return found + [(rels[in_r[k]], "in", name_of(in_s[k])) for k in range(in_start[i], in_start[i + 1])]

    return objects, edges


ENGINES = {"sqlite": (build_sqlite, open_sqlite), "oxigraph": (build_oxigraph, open_oxigraph), "mmap": (build_mmap, open_mmap)}


def size_of(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def child(engine: str, path: Path, queries: Path) -> dict:
    q = json.loads(queries.read_text(encoding="utf-8"))
    start = time.perf_counter()
    objects, edges = ENGINES[engine][1](path)
    result = {"open_s": time.perf_counter() - start}
    for label, fn, args in (("objects(s, r)", objects, q["find"]), ("edges(node)", edges, [[e] for e in q["info"]])):
        clock, samples = time.perf_counter_ns, []
        for a in args:
            t0 = clock()
            fn(*a)
            samples.append(clock() - t0)
        result[label] = percentiles(samples)
    result["rss_mb"] = rss_mb("VmRSS")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.queries)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "synthetic.tsv"
        synthesize(src, args.triples)
        rng = random.Random(1)
        rows = read_rows(src)
        picks = [rows[rng.randrange(len(rows))] for _ in range(args.calls)]
        del rows
        queries = Path(tmp) / "queries.json"
        queries.write_text(json.dumps({"find": [(s, r) for s, r, _ in picks], "info": [s for s, _, _ in picks]}), encoding="utf-8")
        print(f"\n{args.triples:,} triples, {args.calls:,} lookups each\n")
        print(f"{'engine':9} {'build s':>8} {'disk MB':>8} {'open ms':>8} {'RSS MB':>7} {'objects p50/p99 µs':>19} {'edges p50/p99 µs':>17}")
        for engine in args.engines.split(","):
            db = Path(tmp) / f"store.{engine}"
            start = time.perf_counter()
            ENGINES[engine][0](src, db)
            build = time.perf_counter() - start
            proc = subprocess.run([sys.executable, __file__, "--child", engine, "--db", str(db), "--queries", str(queries)],
                                  capture_output=True, text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            o, e = r["objects(s, r)"], r["edges(node)"]
            print(f"{engine:9} {build:8.1f} {size_of(db) / 1e6:8.0f} {r['open_s'] * 1000:8.1f} {r['rss_mb']:7.0f} "
                  f"{o[0]:9.1f} / {o[1]:7.1f} {e[0]:7.1f} / {e[1]:7.1f}", flush=True)


if __name__ == "__main__":
    main()
