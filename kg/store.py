"""A KG kept on disk: `load_kg("my.kgdb")` opens a store built by `agent kg build` / `build_store`.

Opening reads the header and a few rows (well under a second at any size); every lookup is a few
indexed SQLite queries, so the RSS stays small whatever the KG's size. The query logic is
`kg.queries.GraphQueries`, the same as the in-memory backend's; this module only reads.

The connection is opened lazily per process: the sandbox forks its workers from the host, and a
SQLite connection must not cross a fork.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.base import Triple
from kg.linking import default_lexicon, normalise
from kg.loaders import KGLoadError
from kg.queries import ALIAS, NO_EDGES, NORMALISED, NOTHING, SUFFIX, GraphQueries, Keyed, mention_forms
from kg.store_build import APPLICATION_ID, FORMAT_VERSION, TABLES, BuildReport, build_store

_LOOKUP_BATCH = 900  # keys per query: under SQLite's default limit of host parameters

__all__ = ["BuildReport", "StoreKG", "build_store", "is_store", "open_store"]

SQLITE_MAGIC = b"SQLite format 3\x00"
CACHE = 4096  # nodes whose rows and edges stay cached: one question touches a few dozen
WHOLE_IN = 2000  # up to this in-degree one query reads all incoming edges; above, per relation on demand


def is_store(path: str | Path) -> bool:
    """A file that is a SQLite database (a `.kgdb` is opened as a store whatever its name)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def open_store(path: str | Path, *, check_source: bool = True) -> StoreKG:
    """Open a store; KGLoadError when it is not one, is damaged or truncated, was built by another
    format version, or (with `check_source`) its source file changed since the build."""
    return StoreKG(path, check_source=check_source)


class StoreKG(GraphQueries):
    """Implements `kg.base.KnowledgeGraph` and `kg.base.KGVocabulary` over a `.kgdb` file."""

    def __init__(self, path: str | Path, *, check_source: bool = True) -> None:
        self.path = Path(path)
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        _check_header(self.path)
        try:
            self.meta = {key: json.loads(value) for key, value in self._rows("SELECT key, value FROM meta")}
        except ValueError as error:  # not JSON: written by hand or damaged
            raise self._damaged(f"its meta table: {error}") from None
        version = self.meta.get("format_version")
        if version != FORMAT_VERSION:
            raise KGLoadError(self.path, None, f"store format {version}, this CuteKG reads format {FORMAT_VERSION}: "
                              f"rebuild it with `agent kg build {_recorded_path(self.meta)} --out {self.path}`")
        missing = TABLES - {name for (name,) in self._rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if missing:
            raise self._damaged(f"no table {', '.join(sorted(missing))}")
        if check_source:
            _check_source(self.path, self.meta)
        self.lexicon = default_lexicon()
        self.alias_relations = frozenset(self.meta["alias_relations"])
        self.triple_count = self.meta["triples"]
        self.duplicates = self.meta["duplicates"]
        self.load_report = self.meta["load"]
        self._rel_names = [name for (name,) in self._rows("SELECT name FROM rel ORDER BY id")]
        self._spellings: dict[str, list[str]] = {}
        for relation in self._rel_names:
            bucket = self._spellings.setdefault(normalise(relation), [])
            if relation not in bucket:
                bucket.append(relation)
        self._fuzzy: list[str] | None = None
        self._entities = self.meta["entities"]  # ids below this are entities (subjects come first)
        self._nodes: dict[str, tuple[int, int, int] | None] = {}  # name → row; filled in batches by _warm
        self._out = lru_cache(CACHE)(self._out_edges)  # type: ignore[method-assign]
        self._in = lru_cache(CACHE)(self._in_edges)  # type: ignore[method-assign]
        self._keyed = lru_cache(CACHE)(self._keyed_row)  # type: ignore[method-assign]

    # ------------------------------------------------------------------ SQLite access

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            # Read-only and immutable: no locks, no journal, safe to share between processes.
            uri = f"file:{self.path.resolve()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, cached_statements=64)
            self._db.execute("PRAGMA cache_size=-32768")  # 32 MB of pages per process
            self._pid = os.getpid()
        return self._db

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple]:
        with self._damage_reported():
            return self._connection().execute(sql, args).fetchall()

    def _stream(self, sql: str, args: Sequence[Any] = ()) -> Iterator[tuple]:
        """The rows one at a time (a whole-KG scan), damage reported like _rows."""
        with self._damage_reported():
            yield from self._connection().execute(sql, args)

    def _damaged(self, reason: str) -> KGLoadError:
        return KGLoadError(self.path, None, f"the store is damaged ({reason}); rebuild it with `agent kg build`")

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:  # corrupt pages surface on the query that reads them
            raise self._damaged(str(exc)) from None

    def __getstate__(self) -> dict:
        raise TypeError("a StoreKG is shared by fork, not pickled: open the store again in the other process")

    # ------------------------------------------------------------------ storage for GraphQueries

    def _node(self, name: str) -> tuple[int, int, int] | None:
        """(id, degree, in-degree) of the node of that exact name."""
        try:
            return self._nodes[name]
        except KeyError:
            pass
        rows = self._rows("SELECT id, degree, indegree FROM node WHERE name = ?", (name,))
        if len(self._nodes) >= CACHE * 4:
            self._nodes.clear()
        row = self._nodes[name] = rows[0] if rows else None
        return row

    def _warm(self, names: Iterable[str]) -> None:
        """The rows of many nodes (candidates to rank, intermediates of paths) in one query."""
        todo = [n for n in names if n not in self._nodes]
        for start in range(0, len(todo), 500):
            chunk = todo[start:start + 500]
            found = {name: (i, d, ind) for name, i, d, ind in self._rows(
                f"SELECT name, id, degree, indegree FROM node WHERE name IN ({','.join('?' * len(chunk))})", chunk)}
            self._nodes.update((n, found.get(n)) for n in chunk)

    def _has(self, name: str) -> bool:
        return self._node(name) is not None

    def is_entity(self, name: str) -> bool:
        row = self._node(name)
        return row is not None and row[0] < self._entities

    def _degree(self, name: str) -> int:
        row = self._node(name)
        return row[1] if row else 0

    def _out_edges(self, name: str) -> Mapping[str, Sequence[str]]:
        row = self._node(name)
        if row is None or row[0] >= self._entities:
            return NO_EDGES
        return self._grouped(self._rows("SELECT r, seq, name FROM out WHERE s = ?", (row[0],)))

    def _grouped(self, rows: list[tuple[int, int, str]]) -> dict[str, tuple[str, ...]]:
        """(relation, seq, name) rows in primary-key order (relation, seq) → relation → names,
        relations in first-seen order: the order of each relation's smallest seq."""
        groups: dict[int, tuple[int, list[str]]] = {}
        for r, seq, other in rows:
            group = groups.get(r)
            if group is None:
                groups[r] = (seq, [other])
            else:
                group[1].append(other)
        rels = self._rel_names
        ordered = sorted(groups.items(), key=lambda item: item[1][0]) if len(groups) > 1 else groups.items()
        return {rels[r]: tuple(names) for r, (_, names) in ordered}

    def _in_edges(self, name: str) -> Mapping[str, Sequence[str]]:
        row = self._node(name)
        if row is None or row[2] == 0:
            return NO_EDGES
        if row[2] <= WHOLE_IN:
            return self._grouped(self._rows("SELECT r, seq, name FROM inn WHERE o = ?", (row[0],)))
        counts = self._rows("SELECT r, n FROM noderel WHERE node = ? AND dir = 1 ORDER BY first", (row[0],))
        return _Incoming(self, row[0], {self._rel_names[r]: (r, n) for r, n in counts}) if counts else NO_EDGES

    def _subjects(self, node: int, relation: int, limit: int = -1) -> tuple[str, ...]:
        return tuple(name for (name,) in self._rows(
            "SELECT name FROM inn WHERE o = ? AND r = ? ORDER BY seq LIMIT ?",
            (node, relation, limit)))

    def _in_limited(self, name: str, limit: int) -> dict[str, list[str]]:
        edges = self._in(name)
        if isinstance(edges, _Incoming):
            return {r: list(edges.first(r, limit)) for r in edges}
        return {r: list(subs[:limit]) for r, subs in edges.items()}

    def _keyed_row(self, key: str) -> Keyed:
        rows = self._rows("SELECT kind, name FROM linkkey WHERE key = ? ORDER BY kind, seq", (key,))
        if not rows:
            return NOTHING
        kinds: dict[int, list[str]] = {ALIAS: [], NORMALISED: [], SUFFIX: []}
        for kind, name in rows:
            kinds[kind].append(name)
        return Keyed(kinds[ALIAS], kinds[NORMALISED], kinds[SUFFIX])

    def _fuzzy_index(self) -> list[str]:
        """All normalised keys, read on the first fuzzy lookup (most sessions never need it)."""
        if self._fuzzy is None:
            self._fuzzy = [key for (key,) in self._rows("SELECT key FROM fuzzykey ORDER BY seq")]
        return self._fuzzy

    def _aliases_of(self, name: str) -> list[str]:
        rels = self._out(name)
        found = [v for r in rels if r in self.alias_relations for v in rels[r]]
        if self.meta["given_aliases"]:
            found += [a for (a,) in self._rows("SELECT alias FROM alias WHERE entity = ? AND given ORDER BY seq", (name,))]
        return list(dict.fromkeys(a for a in found if a != name))

    def _triples_between(self, entity: str, other: str) -> list[list[str]]:
        """From the entity's cached edges when it has few; else both directions from the out
        index (an entity's out-degree is small; a hub's in-degree is not), in the same order."""
        a, b = self._node(entity), self._node(other)
        if a is None or b is None:
            return []
        if a[1] <= WHOLE_IN:
            return super()._triples_between(entity, other)
        rows = self._rows("SELECT s, r FROM out WHERE s = ?1 AND o = ?2 UNION ALL SELECT s, r FROM out WHERE s = ?2 AND o = ?1",
                          (a[0], b[0]))
        if not rows:
            return []
        out_order, in_order = list(self._out(entity)), list(self._in(entity))
        rels = self._rel_names
        forward = sorted((rels[r] for s, r in rows if s == a[0]), key=out_order.index)
        backward = sorted((rels[r] for s, r in rows if s != a[0]), key=in_order.index)
        return [[entity, r, other] for r in forward] + [[other, r, entity] for r in backward]

    def _common_neighbours(self, a: str, b: str, limit: int) -> set[str]:
        x, y = self._node(a), self._node(b)
        if x is None or y is None:
            return set()
        if x[1] <= WHOLE_IN and y[1] <= WHOLE_IN:  # small neighbourhoods: intersect their (cached) edges
            return super()._common_neighbours(a, b, limit)
        ids = "SELECT o FROM out WHERE s = ?{0} UNION SELECT s FROM inn WHERE o = ?{0}"
        names = [n for (n,) in self._rows(f"SELECT name FROM node WHERE id IN ({ids.format(1)} INTERSECT {ids.format(2)}) "
                                          "AND id NOT IN (?1, ?2)", (x[0], y[0]))]
        return set(sorted(names)[:limit]) if len(names) > limit else set(names)

    # ------------------------------------------------------------------ vocabulary (KGVocabulary)

    def triples(self) -> Iterator[Triple]:
        rels = self._rel_names
        sql = ("SELECT a.name, e.r, e.name FROM noderel k JOIN out e ON e.s = k.node AND e.r = k.r JOIN node a ON a.id = e.s "
               "WHERE k.dir = 0 ORDER BY k.node, k.first, e.seq")
        for s, r, o in self._stream(sql):
            yield Triple(s, rels[r], o)

    def relation_names(self) -> list[str]:
        return list(self._rel_names)

    def max_mention_key(self) -> int:
        """`kg.base.MentionLookup`: the longest mention key the store holds."""
        return int(self.meta.get("max_mention_key", 0))

    def lookup_mentions(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """`kg.base.MentionLookup`: the keys that name something, each with its entities in order."""
        found: dict[str, list[str]] = {}
        for start in range(0, len(keys), _LOOKUP_BATCH):
            chunk = keys[start:start + _LOOKUP_BATCH]
            rows = self._rows(f"SELECT key, entity FROM mentionkey WHERE key IN ({','.join('?' * len(chunk))}) "
                              "ORDER BY key, seq", chunk)
            for key, entity in rows:
                found.setdefault(key, []).append(entity)
        return {key: tuple(entities) for key, entities in found.items()}

    def mentions(self) -> Iterator[tuple[str, str]]:
        """Every node name, its suffix-less form, every alias: streamed from the store."""
        names = (name for (name,) in self._stream("SELECT name FROM node ORDER BY id"))
        return mention_forms(names, self._stream("SELECT alias, entity FROM alias ORDER BY seq"))

    def check(self) -> None:
        """Read every page (SQLite's quick_check: about a second per 100 MB of store); a damaged
        one is a KGLoadError."""
        problems = [line for (line,) in self._rows("PRAGMA quick_check(5)") if line != "ok"]
        if problems:
            raise self._damaged(problems[0])

    def stats(self) -> dict[str, Any]:
        top = self._rows("SELECT name, count FROM rel ORDER BY count DESC, id LIMIT 10")
        aliases = self._rows("SELECT count(*) FROM alias")[0][0]
        return {
            "entities": self._entities,
            "values": self.meta["nodes"] - self._entities,
            "relations": len(self._rel_names),
            "triples": self.triple_count,
            "duplicates": self.duplicates,
            "aliases": aliases,
            "top_relations": [[r, n] for r, n in top],
            "store": {"path": str(self.path), "built_at": self.meta["built_at"], "source": _recorded_path(self.meta)},
            "load": self.load_report,
        }


class _Incoming(Mapping):
    """A node's incoming edges: relation names and counts known, subjects read on first access
    (a hub answers `"作者" in edges` without reading its 100k subjects)."""

    def __init__(self, store: StoreKG, node: int, relations: dict[str, tuple[int, int]]) -> None:
        self._store, self._node, self._relations = store, node, relations
        self._values: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, relation: str) -> tuple[str, ...]:
        values = self._values.get(relation)
        if values is None:
            values = self._values[relation] = self._store._subjects(self._node, self._relations[relation][0])
        return values

    def first(self, relation: str, limit: int) -> tuple[str, ...]:
        if relation in self._values or self._relations[relation][1] <= limit:
            return self[relation][:limit]
        return self._store._subjects(self._node, self._relations[relation][0], limit)

    def __contains__(self, relation: object) -> bool:
        return relation in self._relations

    def __iter__(self) -> Iterator[str]:
        return iter(self._relations)

    def __len__(self) -> int:
        return len(self._relations)


def _check_header(path: Path) -> None:
    """Not a store, or cut short: told apart before SQLite reads a page (its own errors are vaguer)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise KGLoadError(path, None, f"cannot open the store: {exc.strerror}") from None
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        raise KGLoadError(path, None, "not a CuteKG store (build one with `agent kg build FILE --out STORE.kgdb`)")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise KGLoadError(path, None, "a SQLite database, but not a CuteKG store (build one with `agent kg build`)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if size < page_size * pages:
        raise KGLoadError(path, None, f"the store is truncated ({size:,} of {page_size * pages:,} bytes); rebuild it with `agent kg build`")


def _recorded_path(meta: dict) -> str:
    source = meta.get("source")
    return source["path"] if isinstance(source, dict) and isinstance(source.get("path"), str) else "SOURCE"


def _check_source(path: Path, meta: dict) -> None:
    for role in ("source", "alias_file"):
        recorded = meta.get(role)
        if not recorded:
            continue
        if not (isinstance(recorded, dict) and isinstance(recorded.get("path"), str)
                and isinstance(recorded.get("size"), int) and isinstance(recorded.get("mtime_ns"), int)):
            raise KGLoadError(path, None, f"the store's record of its {role.replace('_', ' ')} is damaged; rebuild it with `agent kg build`")
        source = Path(recorded["path"])
        try:
            stat = source.stat()
        except OSError:
            continue  # the dump may be deleted once the store is built: nothing to compare
        if (stat.st_size, stat.st_mtime_ns) != (recorded["size"], recorded["mtime_ns"]):
            raise KGLoadError(path, None, f"{source} changed since this store was built from it "
                              f"({meta['built_at']}); rebuild it with `agent kg build {source} --out {path}`")
