"""The default backend: a knowledge graph held in memory, answering the three planner functions.

networkx is the graph API users see (`kg.graph`, or `NetworkXKG(graph)` to wrap their own), but
lookups never walk it: at load time the triples go into compact indexes — interned strings in
dicts of tuples, subject → relation → objects and object → relation → subjects — so a lookup is a
few dict hits. A MultiDiGraph is keyed by neighbour, not relation (X's 作者 would mean scanning
X's edges) and about doubles the memory (bench/kg_bench.py prints it), so `kg.graph` is built only
when asked.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kg.base import Triple
from kg.linking import (
    ALIAS_RELATIONS,
    RelationLexicon,
    as_aliases,
    default_lexicon,
    normalise,
    split_alias_value,
    strip_suffix,
)
from kg.queries import NO_EDGES, NOTHING, GraphQueries, Keyed, mention_forms

if TYPE_CHECKING:  # networkx is imported where a graph is built: lookups never need it
    import networkx as nx

Adjacency = dict[str, dict[str, Sequence[str]]]  # lists while loading, tuples after
AliasArgument = Mapping[str, str | Iterable[str]] | Iterable[tuple[str, str]] | None


class NetworkXKG(GraphQueries):
    """Implements `kg.base.KnowledgeGraph` and `kg.base.KGVocabulary`; the query logic is
    `kg.queries.GraphQueries`, this class holds the indexes it reads."""

    def __init__(
        self,
        graph: nx.Graph | None = None,
        *,
        aliases: AliasArgument = None,
        lexicon: RelationLexicon | None = None,
        alias_relations: Iterable[str] = ALIAS_RELATIONS,
    ) -> None:
        """Wrap a networkx graph whose edges carry a `relation` attribute (or a string key); a
        node attribute `aliases` (a list of names) adds aliases."""
        self._setup(lexicon, alias_relations)
        self._graph = graph
        node_aliases: list[tuple[str, str]] = []
        if graph is not None:
            node_aliases = [(a, str(node)) for node, data in graph.nodes(data=True) for a in as_aliases(data.get("aliases"))]
        self._load(_stripped(_graph_triples(graph)) if graph is not None else (), node_aliases + _alias_pairs(aliases))

    @classmethod
    def from_triples(
        cls,
        triples: Iterable[tuple[str, str, str]],
        aliases: AliasArgument = None,
        *,
        lexicon: RelationLexicon | None = None,
        alias_relations: Iterable[str] = ALIAS_RELATIONS,
        stripped: bool = False,
    ) -> NetworkXKG:
        """Build from (subject, relation, object) triples; duplicates are counted, kept once.
        `aliases`: {alias: entity or [entities]} or (alias, entity) pairs. `stripped`: the names
        are already strings without surrounding space (`kg.loaders.iter_triples` gives such)."""
        kg = cls.__new__(cls)
        kg._setup(lexicon, alias_relations)
        kg._graph = None
        kg._load(triples if stripped else _stripped(triples), _alias_pairs(aliases))
        return kg

    # ------------------------------------------------------------------ building

    def _setup(self, lexicon: RelationLexicon | None, alias_relations: Iterable[str]) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.alias_relations = frozenset(alias_relations)
        self._out_index: Adjacency = {}
        self._in_index: Adjacency = {}
        self._relation_counts: Counter[str] = Counter()
        self._alias_pairs: list[tuple[str, str]] = []  # (surface, entity) from alias facts and files
        self._given_aliases: dict[str, list[str]] = {}  # entity → aliases from a file or argument
        self._fuzzy_choices: list[str] | None = None
        self.triple_count = 0
        self.duplicates = 0
        self.load_report: dict[str, Any] = {}  # filled by kg.loaders.load_kg

    def _load(self, triples: Iterable[tuple[str, str, str]], aliases: list[tuple[str, str]]) -> None:
        # The loop makes millions of dicts, lists and tuples and no reference cycle: with the
        # cyclic collector on, its repeated passes over them were ~40% of the load.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load_triples(triples, aliases)
        finally:
            if collecting:
                gc.enable()

    def _load_triples(self, triples: Iterable[tuple[str, str, str]], aliases: list[tuple[str, str]]) -> None:
        intern = sys.intern  # one object per name: the out and in indexes share it
        out, inn, alias_rel = self._out_index, self._in_index, self.alias_relations
        # get-then-insert instead of setdefault({}) / setdefault([]): no throwaway dict and list
        # per triple, which was a third of the load. Duplicates are dropped afterwards, per
        # (subject, relation) list: a set of every triple seen cost a fifth of the load and 100 MB at 1M.
        counts: dict[str, int] = {}  # relations in the order the file first names them
        for s, r, o in triples:
            s, r, o = intern(s), intern(r), intern(o)
            if r not in counts:
                counts[r] = 0
            relations = out.get(s)
            if relations is None:
                out[s] = {r: [o]}
            else:
                objects = relations.get(r)
                if objects is None:
                    relations[r] = [o]
                else:
                    objects.append(o)  # type: ignore[attr-defined]
            relations = inn.get(o)
            if relations is None:
                inn[o] = {r: [s]}
            else:
                subjects = relations.get(r)
                if subjects is None:
                    relations[r] = [s]
                else:
                    subjects.append(s)  # type: ignore[attr-defined]
        # Tuples: smaller than lists, and tuples/dicts holding only strings drop out of the cyclic
        # garbage collector's sight, so a full collection no longer walks the whole index.
        read = kept = 0
        for subject, relations in out.items():
            for r, names in relations.items():
                unique = tuple(dict.fromkeys(names)) if len(names) > 1 else (names[0],)
                relations[r] = unique
                read, kept = read + len(names), kept + len(unique)
                counts[r] += len(unique)
                if r in alias_rel:
                    self._alias_pairs.extend((part, subject) for value in unique for part in split_alias_value(value))
        for relations in inn.values():
            for r, names in relations.items():
                relations[r] = tuple(dict.fromkeys(names)) if len(names) > 1 else (names[0],)
        self._relation_counts.update(counts)
        self.triple_count, self.duplicates = kept, read - kept
        for alias, name in aliases:
            self._alias_pairs.append((alias, name))
            self._given_aliases.setdefault(name, []).append(alias)
        self._alias_owners = frozenset(name for _, name in self._alias_pairs)
        self._build_link_indexes()

    def _build_link_indexes(self) -> None:
        """normalised key → names, for the names whose key differs from themselves (most Chinese
        names don't, and are found by the exact lookup of the key), suffix-less key → names,
        normalised alias → entities, normalised relation → relation names."""
        self._norm: dict[str, list[str]] = {}
        self._base: dict[str, list[str]] = {}
        self._alias: dict[str, list[str]] = {}
        for name in self._nodes():
            key = normalise(name)
            if key != name:
                _append_unique(self._norm, key, name)
            if key.endswith(")"):
                base = strip_suffix(key)
                if base != key:
                    _append_unique(self._base, base, name)
        self._spellings: dict[str, list[str]] = {}  # normalised relation key → the graph's names
        for relation in self._relation_counts:
            _append_unique(self._spellings, normalise(relation), relation)
        for alias, entity in self._alias_pairs:
            key = normalise(alias)
            if key and key != normalise(entity):
                _append_unique(self._alias, key, entity)

    def _nodes(self) -> Iterator[str]:
        yield from self._out_index
        for name in self._in_index:
            if name not in self._out_index:
                yield name

    # ------------------------------------------------------------------ networkx view

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (edge key = relation), built on first use."""
        if self._graph is None:
            import networkx as nx

            graph = nx.MultiDiGraph()
            graph.add_edges_from((s, o, r, {"relation": r}) for s, r, o in self.triples())
            self._graph = graph
        return self._graph  # type: ignore[return-value]

    # ------------------------------------------------------------------ vocabulary (KGVocabulary)

    def triples(self) -> Iterator[Triple]:
        for s, rels in self._out_index.items():
            for r, objs in rels.items():
                for o in objs:
                    yield Triple(s, r, o)

    def relation_names(self) -> list[str]:
        return list(self._relation_counts)

    def mentions(self) -> Iterator[tuple[str, str]]:
        """Every node name (entities and values), its suffix-less form, and every alias."""
        return mention_forms(self._nodes(), self._alias_pairs)

    def stats(self) -> dict[str, Any]:
        values = sum(1 for name in self._in_index if name not in self._out_index)
        return {
            "entities": len(self._out_index),
            "values": values,
            "relations": len(self._relation_counts),
            "triples": self.triple_count,
            "duplicates": self.duplicates,
            "aliases": len(self._alias_pairs),
            "top_relations": [[r, n] for r, n in self._relation_counts.most_common(10)],
            **({"load": self.load_report} if self.load_report else {}),
        }

    # ------------------------------------------------------------------ storage (for GraphQueries)

    def _has(self, name: str) -> bool:
        return name in self._out_index or name in self._in_index

    def is_entity(self, name: str) -> bool:
        """Entities are subjects of some triple; a node that is only ever an object is a value."""
        return name in self._out_index

    def _out(self, name: str) -> Mapping[str, Sequence[str]]:  # type: ignore[override]
        return self._out_index.get(name, NO_EDGES)

    def _in(self, name: str) -> Mapping[str, Sequence[str]]:  # type: ignore[override]
        return self._in_index.get(name, NO_EDGES)

    def _keyed(self, key: str) -> Keyed:
        alias, norm, base = self._alias.get(key), self._norm.get(key), self._base.get(key)
        return Keyed(alias or (), norm or (), base or ()) if alias or norm or base else NOTHING

    def _fuzzy_index(self) -> list[str]:
        """All normalised keys, built on the first fuzzy lookup (most sessions never need it)."""
        if self._fuzzy_choices is None:
            keys = dict.fromkeys(normalise(name) for name in self._out_index)
            keys.update(dict.fromkeys(self._alias))
            keys.update(dict.fromkeys(self._base))
            self._fuzzy_choices = [k for k in keys if k]
        return self._fuzzy_choices

    def _aliases_of(self, name: str) -> list[str]:
        if name not in self._alias_owners:
            return []  # most entities have no alias: skip scanning their relations
        rels = self._out(name)
        found = [v for r in rels if r in self.alias_relations for v in rels[r]]
        found += self._given_aliases.get(name, [])
        return list(dict.fromkeys(a for a in found if a != name))


def _alias_pairs(aliases: AliasArgument) -> list[tuple[str, str]]:
    if not aliases:
        return []
    pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
    return [(str(alias).strip(), str(name).strip()) for alias, entity in pairs
            for name in ([entity] if isinstance(entity, str) else entity)]


def _stripped(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[tuple[str, str, str]]:
    for s, r, o in triples:
        yield str(s).strip(), str(r).strip(), str(o).strip()


def _append_unique(index: dict[str, list[str]], key: str, name: str) -> None:
    bucket = index.setdefault(key, [])
    if name not in bucket:
        bucket.append(name)


def _graph_triples(graph: nx.Graph) -> Iterator[tuple[str, str, str]]:
    """Triples of a user's networkx graph: relation from the edge's `relation` (or `label`,
    `predicate`) attribute, else from a string edge key (MultiGraph)."""
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, key, data in edges:
        relation = data.get("relation") or data.get("label") or data.get("predicate") or (key if isinstance(key, str) else None)
        if relation is None:
            raise ValueError(f"edge {u!r} → {v!r} has no relation: give it a 'relation' attribute or a string key")
        yield str(u), str(relation), str(v)
