"""The three planner functions and entity linking, written once for every backend.

A backend subclasses `GraphQueries` and says how to read its storage through a handful of small
methods (`_has`, `is_entity`, `_out`, `_in`, `_degree`, `_keyed`, …); ranking, relation matching,
path finding and every message come from here, so the in-memory graph, the local store and a
SPARQL endpoint give the same answer to the same call (tests/kg/test_conformance.py holds them to
it). Lookups go through methods rather than shared dicts so a store can read lazily: `_in` of a
hub may be a mapping whose values are fetched only when a relation is actually asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, NamedTuple

from kg import findings
from kg.base import Aliases, Edge, EntityInfo, Path
from kg.findings import Finding, join_names, render, render_ambiguity
from kg.linking import (
    Match,
    RelationLexicon,
    RelationPlan,
    as_aliases,
    fuzzy_keys,
    match_relation,
    normalise,
    strip_suffix,
    suffix_of,
)

# How a mention reached an entity, best first (the order `link_entity` returns them in).
EXACT, ALIAS, NORMALISED, SUFFIX, FUZZY = range(5)
MAX_CANDIDATES = 20  # candidates tried per mention: enough for real ambiguity, bounded for hubs
MAX_ENTITIES = 100  # entities of one call (a long result passed on): keeps a chain bounded
REVERSE_FACTS_LIMIT = 100  # subjects per relation in get_entity_info: hubs have 100k of them
MAX_PATHS = 10
TWO_HOP_INTERMEDIATES = 1000  # common neighbours examined when two hubs meet
PLAN_CACHE = 4096  # relation plans kept per backend
NO_EDGES: Mapping[str, Sequence[str]] = {}


class Keyed(NamedTuple):
    """What one normalised key names: entities it is an alias of, names whose normalised form
    it is (when that differs from the name), names it is the suffix-less form of."""

    alias: Sequence[str] = ()
    norm: Sequence[str] = ()
    base: Sequence[str] = ()


NOTHING = Keyed()


class _Choice(NamedTuple):
    mention: str
    name: str
    how: int  # EXACT … FUZZY
    candidates: list[tuple[str, int]]
    match: Match | None


class GraphQueries:
    """The shared half of a backend: `kg.base.KnowledgeGraph` plus `link_entity` and `edges`.

    A subclass sets `lexicon` and `_spellings` (normalised relation key → the graph's names) and
    implements the storage methods below."""

    lexicon: RelationLexicon
    _spellings: Mapping[str, Sequence[str]]

    # ------------------------------------------------------------------ storage (per backend)

    def _has(self, name: str) -> bool:
        """A node of that exact name exists (entity or value)."""
        raise NotImplementedError

    def is_entity(self, name: str) -> bool:
        """Entities are subjects of some triple; a node that is only ever an object is a value."""
        raise NotImplementedError

    def _out(self, name: str) -> Mapping[str, Sequence[str]]:
        """relation → objects, relations in first-seen order."""
        raise NotImplementedError

    def _in(self, name: str) -> Mapping[str, Sequence[str]]:
        """relation → subjects; may fetch each relation's subjects only when asked for."""
        raise NotImplementedError

    def _in_limited(self, name: str, limit: int) -> dict[str, list[str]]:
        return {r: list(subs[:limit]) for r, subs in self._in(name).items()}

    def _degree(self, name: str) -> int:
        return sum(map(len, self._out(name).values())) + sum(map(len, self._in(name).values()))

    def _keyed(self, key: str) -> Keyed:
        raise NotImplementedError

    def _fuzzy_index(self) -> Sequence[str]:
        """Every normalised key a fuzzy match may land on (entity names, aliases, base forms)."""
        raise NotImplementedError

    def _aliases_of(self, name: str) -> list[str]:
        raise NotImplementedError

    def _neighbour_names(self, entity: str) -> set[str]:
        return set().union(*self._out(entity).values(), *self._in(entity).values())

    def _common_neighbours(self, a: str, b: str, limit: int) -> set[str]:
        """Nodes adjacent to both (either direction), at most `limit`, in a stable choice."""
        common = self._neighbour_names(a).intersection(chain(*self._out(b).values(), *self._in(b).values()))
        common.discard(a)
        common.discard(b)
        return set(sorted(common)[:limit]) if len(common) > limit else common

    def _triples_between(self, entity: str, other: str) -> list[list[str]]:
        found = [[entity, r, other] for r, objs in self._out(entity).items() if other in objs]
        return found + [[other, r, entity] for r, subs in self._in(entity).items() if other in subs]

    def _warm(self, names: Iterable[str]) -> None:
        """About to read these nodes' edges: a remote backend fetches them in one round trip."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._has(name)

    # ------------------------------------------------------------------ vocabulary helpers

    def edges(self, entity: str) -> list[Edge]:
        result = [Edge(r, "out", o) for r, objs in self._out(entity).items() for o in objs]
        result += [Edge(r, "in", s) for r, subs in self._in(entity).items() for s in subs]
        return result

    def link_entity(self, mention: str) -> list[str]:
        return [name for name, _ in self._candidates(mention)] if isinstance(mention, str) else []

    # ------------------------------------------------------------------ linking

    def _candidates(self, mention: str) -> list[tuple[str, int]]:
        """(name, how it was linked) best first: exact, alias, normalised, suffix, fuzzy."""
        mention = mention.strip()
        key = normalise(mention)
        keyed = self._keyed(key)
        if keyed is NOTHING and key == mention and not key.endswith(")") and self._has(mention):
            return [(mention, EXACT)]  # the usual case: the graph's own spelling, nothing else to weigh
        found: dict[str, int] = {}

        def add(names: Iterable[str], how: int) -> None:
            for name in names:
                found.setdefault(name, how)

        if self._has(mention):
            found[mention] = EXACT
        add(keyed.alias, ALIAS)
        if key != mention and self._has(key):
            add((key,), NORMALISED)
        add(keyed.norm, NORMALISED)
        add(keyed.base, SUFFIX)
        base = strip_suffix(key) if key.endswith(")") else key
        if base != key:  # the mention has a suffix the graph lacks, or another one
            wanted = suffix_of(key)
            others = self._names_for_key(base)
            others.sort(key=lambda name: -_overlap(wanted, suffix_of(name)))
            add(others, SUFFIX)
        if not found and len(key) >= 2:  # one character fuzzy-matches every two-character name
            for choice, _ in fuzzy_keys(key, self._fuzzy_index()):
                add(self._names_for_key(choice), FUZZY)
        if len(found) == 1:
            return list(found.items())
        self._warm(found)
        # Entities before values (an alias value 大刘 is also a node), then how, then the busier node.
        ranked = sorted(found.items(), key=lambda item: (not self.is_entity(item[0]), item[1], -self._degree(item[0])))
        return ranked[:MAX_CANDIDATES]

    def _names_for_key(self, key: str) -> list[str]:
        keyed = self._keyed(key)
        names = [key] if self._has(key) else []
        return names + list(keyed.norm) + list(keyed.alias) + list(keyed.base)

    def _rivals(self, candidates: list[tuple[str, int]], chosen: str) -> list[str]:
        """The other candidates worth naming: none when the mention is the chosen entity's own
        name (三体 is 三体, whatever 三体（电视剧） exists); else entities, when an entity was chosen."""
        if chosen == candidates[0][0] and candidates[0][1] == EXACT:
            return []
        keep_values = not self.is_entity(chosen)
        return [c for c, _ in candidates if c != chosen and (keep_values or self.is_entity(c))]

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
        result, found = _FUNCTIONS[function](self, **arguments)
        return result, render(found, result), found

    def _entity_info(self, entity_aliases: Aliases) -> tuple[EntityInfo | None, list[Finding]]:
        mentions = as_aliases(entity_aliases, MAX_ENTITIES)
        if not mentions:
            return None, [findings.refused("没有给出要查询的实体。")]
        if len(mentions) == 1:  # the usual call
            mention, candidates = mentions[0], self._candidates(mentions[0])
        else:
            best: tuple[tuple[bool, int], str, list[tuple[str, int]]] | None = None
            for mention in mentions:
                candidates = self._candidates(mention)
                rank = (not self.is_entity(candidates[0][0]), candidates[0][1]) if candidates else None
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, mention, candidates)
            _, mention, candidates = best or (None, "", [])
        if not candidates:
            return None, [findings.not_found(mentions)]
        name = candidates[0][0]
        facts = {r: list(objs) for r, objs in self._out(name).items()}
        reverse = self._in_limited(name, REVERSE_FACTS_LIMIT)
        info = {"name": name, "aliases": self._aliases_of(name), "facts": facts, "reverse_facts": reverse}
        how = candidates[0][1]
        note = render_ambiguity(mention, self._rivals(candidates, name), name, None, how == FUZZY, how == ALIAS)
        return info, [findings.entry(name, note, mention if how == FUZZY else "")]

    def _entity_or_value(self, entity_aliases: Aliases, relation_aliases: Aliases) -> tuple[list[str] | None, list[Finding]]:
        mentions = as_aliases(entity_aliases, MAX_ENTITIES)
        relations = as_aliases(relation_aliases)
        if not mentions:
            text = f"没有给出要查询的实体（要查询的关系是{join_names(relations, '或')}）。" if relations else "没有给出要查询的实体和关系。"
            return None, [findings.refused(text)]
        if not relations:
            return None, [findings.refused(f"没有给出要查询{join_names(mentions, '或')}的哪个关系。")]
        plan = self._relation_plan(relations)
        choices = [choice for mention in mentions if (choice := self._choose(mention, plan))]
        if not choices:
            return None, [findings.not_found(mentions)]
        matched = [c for c in choices if c.match is not None]
        if not matched:
            name = choices[0].name
            return None, [findings.no_relation(name, relations, list(self._out(name)), list(self._in(name)))]
        if len(matched) > 1:
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
                parts[c.name] = findings.match(c.name, c.match, note, c.mention if c.how == FUZZY else "")  # type: ignore[arg-type]
        return list(result), list(parts.values())

    def _relation_plan(self, relations: list[str]) -> RelationPlan:
        """Plans per requested relation list, kept: a KG has a few hundred relation names and
        generated code asks for the same few again and again; building one is a third of a call."""
        key = tuple(relations)
        plans = self.__dict__.setdefault("_plans", {})
        plan = plans.get(key)
        if plan is None:
            if len(plans) >= PLAN_CACHE:
                plans.clear()
            plan = plans[key] = RelationPlan.build(relations, self.lexicon, self._spellings)
        return plan

    def _choose(self, mention: str, plan: RelationPlan) -> _Choice | None:
        """The candidate of a mention that answers the relation best, or the best-linked one."""
        candidates = self._candidates(mention)
        if len(candidates) == 1:  # the usual call
            name, how = candidates[0]
            return _Choice(mention, name, how, candidates, match_relation(self._out(name), self._in(name), plan))
        best: tuple[tuple[int, bool, int, int], _Choice] | None = None
        for position, (name, how) in enumerate(candidates):
            match = match_relation(self._out(name), self._in(name), plan)
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
        if len(left) == len(right) == 1:  # the usual call
            pairs = [(left[0], right[0])]
        else:
            pairs = sorted(((a, b) for a in left for b in right if a[0] != b[0]), key=lambda p: p[0][1] + p[1][1])
        for finder in (self._direct_paths, self._two_hop_paths):
            for (a, _), (b, _) in pairs:
                paths = finder(a, b)
                if paths:
                    return paths, [findings.paths(a, b, direct=finder == self._direct_paths)]
        a, b = pairs[0][0][0], pairs[0][1][0]
        return None, [findings.no_path(a, b)]

    def _top_links(self, mentions: list[str]) -> list[tuple[str, int]]:
        """Up to three candidates over all mentions, best link first; fuzzy ones only if alone."""
        if len(mentions) == 1:
            candidates = self._candidates(mentions[0])
            if len(candidates) <= 1:
                return candidates
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
        a film says more than sharing a nationality). Triples are gathered only for the common
        neighbours."""
        found: list[tuple[tuple[int, int, int, str], Path]] = []
        common = self._common_neighbours(a, b, TWO_HOP_INTERMEDIATES)
        self._warm(common)
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


_FUNCTIONS = {"get_entity_info": GraphQueries._entity_info, "find_entity_or_value": GraphQueries._entity_or_value,
              "find_relationship": GraphQueries._relationship}


def _rendered(found: tuple[Any, list[Finding]]) -> tuple[Any, str]:
    result, records = found
    return result, render(records, result)


def mention_forms(names: Iterable[str], alias_pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """`KGVocabulary.mentions()` from node names and (alias, entity) pairs: every name, its
    suffix-less form, every alias."""
    for name in names:
        yield name, name
        if name.endswith((")", "）")):
            base = strip_suffix(name)
            if base != name:
                yield base, name
    for alias, entity in alias_pairs:
        if alias != entity:
            yield alias, entity


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))
