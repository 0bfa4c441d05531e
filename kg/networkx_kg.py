"""The default backend: a knowledge graph held in memory, answering the three planner functions.

networkx is the graph API users see (`kg.graph`, or `NetworkXKG(graph)` to wrap their own), but
lookups never walk it: at load time the triples go into compact indexes — interned strings in
dicts of tuples, subject → relation → objects and object → relation → subjects — so a lookup is a
few dict hits. A MultiDiGraph is keyed by neighbour, not relation (X's 作者 would mean scanning
X's edges) and about doubles the memory (bench/kg_bench.py prints it), so `kg.graph` is built only
when asked.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from kg import findings
from kg.base import Aliases, Edge, EntityInfo, Path, Triple
from kg.findings import Finding, render
from kg.linking import (
    ALIAS_RELATIONS,
    Match,
    RelationLexicon,
    RelationPlan,
    as_aliases,
    default_lexicon,
    fuzzy_keys,
    join_names,
    match_relation,
    normalise,
    render_ambiguity,
    split_alias_value,
    strip_suffix,
    suffix_of,
)

if TYPE_CHECKING:  # networkx is imported where a graph is built: lookups never need it
    import networkx as nx

# How a mention reached an entity, best first (the order `link_entity` returns them in).
EXACT, ALIAS, NORMALISED, SUFFIX, FUZZY = range(5)
MAX_CANDIDATES = 20  # candidates tried per mention: enough for real ambiguity, bounded for hubs
MAX_ENTITIES = 100  # entities of one call (a long result passed on): keeps a chain bounded
MAX_RELATIONS = 20  # relation names of one call: each is matched fuzzily against every candidate's edges
REVERSE_FACTS_LIMIT = 100  # subjects per relation in get_entity_info: hubs have 100k of them
MAX_PATHS = 10
TWO_HOP_INTERMEDIATES = 1000  # common neighbours examined when two hubs meet

Adjacency = dict[str, dict[str, Sequence[str]]]  # lists while loading, tuples after
AliasArgument = Mapping[str, str | Iterable[str]] | Iterable[tuple[str, str]] | None


class _Choice(NamedTuple):
    mention: str
    name: str
    how: int  # EXACT … FUZZY
    candidates: list[tuple[str, int]]
    match: Match | None


class NetworkXKG:
    """Implements `kg.base.KnowledgeGraph` and `kg.base.KGVocabulary`."""

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
        self._load(_graph_triples(graph) if graph is not None else (), node_aliases + _alias_pairs(aliases))

    @classmethod
    def from_triples(
        cls,
        triples: Iterable[tuple[str, str, str]],
        aliases: AliasArgument = None,
        *,
        lexicon: RelationLexicon | None = None,
        alias_relations: Iterable[str] = ALIAS_RELATIONS,
    ) -> NetworkXKG:
        """Build from (subject, relation, object) triples; duplicates are counted, kept once.
        `aliases`: {alias: entity or [entities]} or (alias, entity) pairs."""
        kg = cls.__new__(cls)
        kg._setup(lexicon, alias_relations)
        kg._graph = None
        kg._load(triples, _alias_pairs(aliases))
        return kg

    # ------------------------------------------------------------------ building

    def _setup(self, lexicon: RelationLexicon | None, alias_relations: Iterable[str]) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.alias_relations = frozenset(alias_relations)
        self._out: Adjacency = {}
        self._in: Adjacency = {}
        self._relation_counts: Counter[str] = Counter()
        self._alias_pairs: list[tuple[str, str]] = []  # (surface, entity) from alias facts and files
        self._given_aliases: dict[str, list[str]] = {}  # entity → aliases from a file or argument
        self._fuzzy_choices: list[str] | None = None
        self.triple_count = 0
        self.duplicates = 0
        self.load_report: dict[str, Any] = {}  # filled by kg.loaders.load_kg

    def _load(self, triples: Iterable[tuple[str, str, str]], aliases: list[tuple[str, str]]) -> None:
        intern = sys.intern  # one object per name: the out and in indexes share it
        out, inn, counts, alias_rel = self._out, self._in, self._relation_counts, self.alias_relations
        seen: set[tuple[str, str, str]] = set()  # only while loading
        for s, r, o in triples:
            s, r, o = intern(str(s).strip()), intern(str(r).strip()), intern(str(o).strip())
            if (s, r, o) in seen:
                self.duplicates += 1
                continue
            seen.add((s, r, o))
            out.setdefault(s, {}).setdefault(r, []).append(o)  # type: ignore[attr-defined]
            inn.setdefault(o, {}).setdefault(r, []).append(s)  # type: ignore[attr-defined]
            counts[r] += 1
            if r in alias_rel:
                self._alias_pairs.extend((part, s) for part in split_alias_value(o))
        self.triple_count = len(seen)
        del seen
        # Tuples: smaller than lists, and tuples/dicts holding only strings drop out of the cyclic
        # garbage collector's sight, so a full collection no longer walks the whole index.
        for adjacency in (out, inn):
            for relations in adjacency.values():
                for r, names in relations.items():
                    relations[r] = tuple(names)
        for alias, name in aliases:
            self._alias_pairs.append((alias, name))
            self._given_aliases.setdefault(name, []).append(alias)
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
        yield from self._out
        for name in self._in:
            if name not in self._out:
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
        for s, rels in self._out.items():
            for r, objs in rels.items():
                for o in objs:
                    yield Triple(s, r, o)

    def relation_names(self) -> list[str]:
        return list(self._relation_counts)

    def edges(self, entity: str) -> list[Edge]:
        result = [Edge(r, "out", o) for r, objs in self._out.get(entity, {}).items() for o in objs]
        result += [Edge(r, "in", s) for r, subs in self._in.get(entity, {}).items() for s in subs]
        return result

    def mentions(self) -> Iterator[tuple[str, str]]:
        """Every node name (entities and values), its suffix-less form, and every alias."""
        for name in self._nodes():
            yield name, name
            if name.endswith((")", "）")):
                base = strip_suffix(name)
                if base != name:
                    yield base, name
        for alias, entity in self._alias_pairs:
            if alias != entity:
                yield alias, entity

    def is_entity(self, name: str) -> bool:
        """Entities are subjects of some triple; a node that is only ever an object is a value."""
        return name in self._out

    def __contains__(self, name: object) -> bool:
        return name in self._out or name in self._in

    def stats(self) -> dict[str, Any]:
        values = sum(1 for name in self._in if name not in self._out)
        return {
            "entities": len(self._out),
            "values": values,
            "relations": len(self._relation_counts),
            "triples": self.triple_count,
            "duplicates": self.duplicates,
            "aliases": len(self._alias_pairs),
            "top_relations": [[r, n] for r, n in self._relation_counts.most_common(10)],
            **({"load": self.load_report} if self.load_report else {}),
        }

    # ------------------------------------------------------------------ linking

    def link_entity(self, mention: str) -> list[str]:
        return [name for name, _ in self._candidates(mention)] if isinstance(mention, str) else []

    def _candidates(self, mention: str) -> list[tuple[str, int]]:
        """(name, how it was linked) best first: exact, alias, normalised, suffix, fuzzy."""
        mention = mention.strip()
        found: dict[str, int] = {}

        def add(names: Iterable[str], how: int) -> None:
            for name in names:
                found.setdefault(name, how)

        if mention in self:
            found[mention] = EXACT
        key = normalise(mention)
        add(self._alias.get(key, ()), ALIAS)
        if key != mention and key in self:
            add((key,), NORMALISED)
        add(self._norm.get(key, ()), NORMALISED)
        add(self._base.get(key, ()), SUFFIX)
        base = strip_suffix(key) if key.endswith(")") else key
        if base != key:  # the mention has a suffix the graph lacks, or another one
            wanted = suffix_of(key)
            others = [base] if base in self else []
            others += self._norm.get(base, []) + self._alias.get(base, []) + self._base.get(base, [])
            others.sort(key=lambda name: -_overlap(wanted, suffix_of(name)))
            add(others, SUFFIX)
        if not found and len(key) >= 2:  # one character fuzzy-matches every two-character name
            for choice, _ in fuzzy_keys(key, self._fuzzy_index()):
                add(self._names_for_key(choice), FUZZY)
        if len(found) == 1:
            return list(found.items())
        # Entities before values (an alias value 大刘 is also a node), then how, then the busier node.
        ranked = sorted(found.items(), key=lambda item: (not self.is_entity(item[0]), item[1], -self._degree(item[0])))
        return ranked[:MAX_CANDIDATES]

    def _rivals(self, candidates: list[tuple[str, int]], chosen: str) -> list[str]:
        """The other candidates worth naming: none when the mention is the chosen entity's own
        name (三体 is 三体, whatever 三体（电视剧） exists); else entities, when an entity was chosen."""
        if chosen == candidates[0][0] and candidates[0][1] == EXACT:
            return []
        keep_values = not self.is_entity(chosen)
        return [c for c, _ in candidates if c != chosen and (keep_values or self.is_entity(c))]

    def _names_for_key(self, key: str) -> list[str]:
        names = [key] if key in self else []
        return names + self._norm.get(key, []) + self._alias.get(key, []) + self._base.get(key, [])

    def _fuzzy_index(self) -> list[str]:
        """All normalised keys, built on the first fuzzy lookup (most sessions never need it)."""
        if self._fuzzy_choices is None:
            keys = dict.fromkeys(normalise(name) for name in self._out)
            keys.update(dict.fromkeys(self._alias))
            keys.update(dict.fromkeys(self._base))
            self._fuzzy_choices = [k for k in keys if k]
        return self._fuzzy_choices

    def _degree(self, name: str) -> int:
        return sum(map(len, self._out.get(name, {}).values())) + sum(map(len, self._in.get(name, {}).values()))

    # ------------------------------------------------------------------ the three functions

    def get_entity_info(self, entity_aliases: Aliases) -> tuple[EntityInfo | None, str]:
        """The entity's whole entry (`kg.base.KnowledgeGraph`); the best-linked of the aliases wins."""
        return _rendered(self._entity_info(entity_aliases))

    def find_entity_or_value(self, entity_aliases: Aliases, relation_aliases: Aliases) -> tuple[list[str] | None, str]:
        """The values of the first relation alias an entity answers, in either edge direction."""
        return _rendered(self._entity_or_value(entity_aliases, relation_aliases))

    def find_relationship(self, entity1_aliases: Aliases, entity2_aliases: Aliases) -> tuple[list[Path] | None, str]:
        """Direct relations between the two entities, else two-hop paths through one entity."""
        return _rendered(self._relationship(entity1_aliases, entity2_aliases))

    def call_with_findings(self, function: str, arguments: Mapping[str, Any]) -> tuple[Any, str, list[Finding]]:
        """`kg.base.KGFindings`: one of the three functions, with the records its message says."""
        result, found = self._FUNCTIONS[function](self, **arguments)
        return result, render(found, result), found

    def _entity_info(self, entity_aliases: Aliases) -> tuple[EntityInfo | None, list[Finding]]:
        mentions = as_aliases(entity_aliases, MAX_ENTITIES)
        if not mentions:
            return None, [findings.refused("没有给出要查询的实体。")]
        best: tuple[tuple[bool, int], str, list[tuple[str, int]]] | None = None
        for mention in mentions:
            candidates = self._candidates(mention)
            rank = (not self.is_entity(candidates[0][0]), candidates[0][1]) if candidates else None
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, mention, candidates)
        if best is None:
            return None, [findings.not_found(mentions)]
        _, mention, candidates = best
        name = candidates[0][0]
        facts = {r: list(objs) for r, objs in self._out.get(name, {}).items()}
        reverse = {r: list(subs[:REVERSE_FACTS_LIMIT]) for r, subs in self._in.get(name, {}).items()}
        info = {"name": name, "aliases": self._aliases_of(name), "facts": facts, "reverse_facts": reverse}
        how = candidates[0][1]
        note = render_ambiguity(mention, self._rivals(candidates, name), name, None, how == FUZZY, how == ALIAS)
        return info, [findings.entry(name, note)]

    def _aliases_of(self, name: str) -> list[str]:
        rels = self._out.get(name, {})
        found = [v for r in rels if r in self.alias_relations for v in rels[r]]
        found += self._given_aliases.get(name, [])
        return list(dict.fromkeys(a for a in found if a != name))

    def _entity_or_value(self, entity_aliases: Aliases, relation_aliases: Aliases) -> tuple[list[str] | None, list[Finding]]:
        mentions = as_aliases(entity_aliases, MAX_ENTITIES)
        relations = as_aliases(relation_aliases, MAX_RELATIONS)
        if not mentions:
            text = f"没有给出要查询的实体（要查询的关系是{join_names(relations, '或')}）。" if relations else "没有给出要查询的实体和关系。"
            return None, [findings.refused(text)]
        if not relations:
            return None, [findings.refused(f"没有给出要查询{join_names(mentions, '或')}的哪个关系。")]
        plan = RelationPlan.build(relations, self.lexicon, self._spellings)
        choices = [choice for mention in mentions if (choice := self._choose(mention, plan))]
        if not choices:
            return None, [findings.not_found(mentions)]
        matched = [c for c in choices if c.match is not None]
        if not matched:
            name = choices[0].name
            return None, [findings.no_relation(name, relations, list(self._out.get(name, {})), list(self._in.get(name, {})))]
        # Several mentions are aliases of one entity or the entities of an earlier result: keep
        # those answered best, and drop fuzzy-linked ones when any mention linked for sure.
        best = min(c.match.strength for c in matched)  # type: ignore[union-attr]
        matched = [c for c in matched if c.match.strength == best]  # type: ignore[union-attr]
        if any(c.how != FUZZY for c in matched):
            matched = [c for c in matched if c.how != FUZZY]
        result: dict[str, None] = {}
        parts: dict[str, Finding] = {}
        for c in matched:
            if c.name not in parts:
                result.update(dict.fromkeys(c.match.values))  # type: ignore[union-attr]
                note = render_ambiguity(c.mention, self._rivals(c.candidates, c.name), c.name,
                                        c.match.relation, c.how == FUZZY, c.how == ALIAS)  # type: ignore[union-attr]
                parts[c.name] = findings.match(c.name, c.match, note)  # type: ignore[arg-type]
        return list(result), list(parts.values())

    def _choose(self, mention: str, plan: RelationPlan) -> _Choice | None:
        """The candidate of a mention that answers the relation best, or the best-linked one."""
        candidates = self._candidates(mention)
        if not candidates:
            return None
        best: tuple[tuple[int, bool, int, int], _Choice] | None = None
        for position, (name, how) in enumerate(candidates):
            match = match_relation(self._out.get(name, {}), self._in.get(name, {}), plan)
            # A sure match beats a guess; an outgoing edge beats an incoming one (a value node
            # named like the mention is often the object of an alias-like fact); then the link.
            rank = (match.strength, match.direction == "in", how, position) if match else (9, True, how, position)
            if best is None or rank < best[0]:
                best = (rank, _Choice(mention, name, how, candidates, match))
        return best[1] if best else None

    def _relationship(self, entity1_aliases: Aliases, entity2_aliases: Aliases) -> tuple[list[Path] | None, list[Finding]]:
        first, second = as_aliases(entity1_aliases, MAX_ENTITIES), as_aliases(entity2_aliases, MAX_ENTITIES)
        if not first or not second:
            return None, [findings.refused("查询两个实体之间的关系需要给出两个实体。")]
        left, right = self._top_links(first), self._top_links(second)
        missing = [m for m, c in ((first, left), (second, right)) if not c]
        if missing:
            return None, [findings.not_found(missing[0])]
        if left[0][0] == right[0][0]:
            return None, [findings.same_entity(first[0], second[0], left[0][0])]
        pairs = sorted(((a, b) for a in left for b in right if a[0] != b[0]), key=lambda p: p[0][1] + p[1][1])
        for finder in (self._direct_paths, self._two_hop_paths):
            for (a, _), (b, _) in pairs:
                paths = finder(a, b)
                if paths:
                    return paths, [findings.paths(a, b, direct=finder == self._direct_paths)]
        a, b = pairs[0][0][0], pairs[0][1][0]
        return None, [findings.no_path(a, b)]

    _FUNCTIONS = {"get_entity_info": _entity_info, "find_entity_or_value": _entity_or_value,
                  "find_relationship": _relationship}

    def _top_links(self, mentions: list[str]) -> list[tuple[str, int]]:
        """Up to three candidates over all mentions, best link first; fuzzy ones only if alone."""
        found: dict[str, int] = {}
        for mention in mentions:
            for name, how in self._candidates(mention)[:3]:
                found[name] = min(how, found.get(name, how))
        ranked = sorted(found.items(), key=lambda item: item[1])
        if ranked and ranked[0][1] != FUZZY:
            ranked = [r for r in ranked if r[1] != FUZZY]
        return ranked[:3]

    def _direct_paths(self, a: str, b: str) -> list[Path]:
        return [[triple] for triple in self._triples_between(a, b)]

    def _two_hop_paths(self, a: str, b: str) -> list[Path]:
        """Paths a–c–b through one intermediate node: chains (a→c→b, b→c→a) before shared
        neighbours (a→c←b, a←c→b), entities before values, rarer intermediates before hubs (sharing
        a film says more than sharing a nationality). The common neighbours come from a set
        intersection (C speed); triples are gathered only for them."""
        common = self._neighbour_names(a) & self._neighbour_names(b)
        common.discard(a)
        common.discard(b)
        if len(common) > TWO_HOP_INTERMEDIATES:  # two hubs: bounded, in a stable order
            common = set(sorted(common)[:TWO_HOP_INTERMEDIATES])
        found: list[tuple[tuple[int, int, int, str], Path]] = []
        for c in common:
            degree = self._degree(c)
            for t_a in self._triples_between(a, c):
                for t_b in self._triples_between(b, c):
                    if t_a[0] == a and t_b[2] == b:
                        order, path = 0, [t_a, t_b]  # a → c → b
                    elif t_b[0] == b and t_a[2] == a:
                        order, path = 0, [t_b, t_a]  # b → c → a
                    else:
                        order, path = 1, [t_a, t_b]
                    found.append(((order, 0 if self.is_entity(c) else 1, degree, c), path))
        found.sort(key=lambda item: item[0])  # the name as last key keeps set order out of results
        return [path for _, path in found[:MAX_PATHS]]

    def _neighbour_names(self, entity: str) -> set[str]:
        return set().union(*self._out.get(entity, {}).values(), *self._in.get(entity, {}).values())

    def _triples_between(self, entity: str, other: str) -> list[list[str]]:
        found = [[entity, r, other] for r, objs in self._out.get(entity, {}).items() if other in objs]
        return found + [[other, r, entity] for r, subs in self._in.get(entity, {}).items() if other in subs]


def _rendered(found: tuple[Any, list[Finding]]) -> tuple[Any, str]:
    result, records = found
    return result, render(records, result)


def _alias_pairs(aliases: AliasArgument) -> list[tuple[str, str]]:
    if not aliases:
        return []
    pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
    return [(str(alias).strip(), str(name).strip()) for alias, entity in pairs
            for name in ([entity] if isinstance(entity, str) else entity)]


def _append_unique(index: dict[str, list[str]], key: str, name: str) -> None:
    bucket = index.setdefault(key, [])
    if name not in bucket:
        bucket.append(name)


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


def _graph_triples(graph: nx.Graph) -> Iterator[tuple[str, str, str]]:
    """Triples of a user's networkx graph: relation from the edge's `relation` (or `label`,
    `predicate`) attribute, else from a string edge key (MultiGraph)."""
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, key, data in edges:
        relation = data.get("relation") or data.get("label") or data.get("predicate") or (key if isinstance(key, str) else None)
        if relation is None:
            raise ValueError(f"edge {u!r} → {v!r} has no relation: give it a 'relation' attribute or a string key")
        yield str(u), str(relation), str(v)
