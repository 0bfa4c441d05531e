"""The graph view: everything the offline planner (and the trajectory synthesiser) reads of a KG.

One object over a `KGVocabulary` that owns the mention index, the relation lexicon (synonyms and
inverse names, cached per relation), each entity's edges, and what the entities are (their
disambiguations, type relations, whether a name is an entity or only ever a value). Built once per
KG; everything is computed on first use, so an unused part costs nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from agent.offline import english
from agent.offline.index import LookupIndex, MentionIndex
from agent.offline.question import FUNCTION_CHARS
from agent.offline.text import fold
from agent.offline.words import WORDS
from kg.base import Edge, KGVocabulary, MentionLookup
from kg.linking import RelationLexicon, default_lexicon, suffix_of

KIND_SAMPLE = 20  # nodes whose kinds are read: enough to see what a result set is
KIND_EDGES = 30  # edges per node read for its kinds
EDGE_CACHE = 20_000  # entities whose edges are kept: a long eval over a big store stays bounded


class GraphView:
    """What the planner needs of a KG, over its `KGVocabulary` face."""

    def __init__(self, kg: KGVocabulary, lexicon: RelationLexicon | None = None) -> None:
        if not isinstance(kg, KGVocabulary):
            raise TypeError(
                f"the offline planner needs a KG that also implements kg.base.KGVocabulary (mentions, edges, "
                f"relation_names, triples, link_entity); {type(kg).__name__} does not. Use a model planner instead."
            )
        self.kg = kg
        self.lexicon = lexicon or getattr(kg, "lexicon", None) or default_lexicon()
        self._lexicon_words = [w for w in self.lexicon.synonyms if len(w) >= 2]
        self._synonyms: dict[str, list[str]] = {}
        self._inverse_names: dict[str, list[str]] = {}
        self._edges: dict[str, list[Edge]] = {}

    # ------------------------------------------------------------------ names

    @functools.cached_property
    def index(self) -> MentionIndex | LookupIndex:
        """The mention automaton, built on the first question (a 20k-entity KG: well under a second);
        a KG that looks its mention keys up itself (the local store) is asked instead."""
        if isinstance(self.kg, MentionLookup):
            return LookupIndex(self.kg)
        return MentionIndex(self.kg.mentions())

    @functools.cached_property
    def surfaces(self) -> dict[str, list[str]]:
        """Entity name → its surface forms (names, aliases), in the vocabulary's order."""
        table: dict[str, list[str]] = {}
        for surface, name in self.kg.mentions():
            bucket = table.setdefault(name, [])
            if surface not in bucket:
                bucket.append(surface)
        return table

    @functools.cached_property
    def names(self) -> list[str]:
        """Every entity name the vocabulary mentions, sorted."""
        return sorted(self.surfaces)

    @functools.cached_property
    def entities(self) -> list[str]:
        """Sorted names with an outgoing edge: what a question can be about."""
        return [name for name in self.names if self.has_out_edges(name)]

    # ------------------------------------------------------------------ edges

    def edges(self, entity: str) -> list[Edge]:
        found = self._edges.get(entity)
        if found is None:
            if len(self._edges) >= EDGE_CACHE:
                self._edges.clear()
            found = self._edges[entity] = list(self.kg.edges(entity))
        return found

    def grouped(self, entity: str, direction: str) -> dict[str, list[str]]:
        """Relation → the other ends of the entity's edges in one direction."""
        out: dict[str, list[str]] = {}
        for edge in self.edges(entity):
            if edge.direction == direction:
                out.setdefault(edge.relation, []).append(edge.other)
        return out

    def has_out_edges(self, entity: str) -> bool:
        return any(edge.direction == "out" for edge in self.edges(entity))

    def is_value(self, entities: Sequence[str]) -> bool:
        """Only ever an object (连载中, 已完结): an answer, not a topic."""
        return not any(self.has_out_edges(entity) for entity in entities[:5])

    # ------------------------------------------------------------------ relation words

    def synonyms(self, relation: str) -> list[str]:
        """Lexicon synonyms of a relation name, and of the lexicon words inside it (汉语名称 contains
        汉语名, whose synonyms include 中文名): graphs coin many variants of the same few names."""
        found = self._synonyms.get(relation)
        if found is None:
            found = self.lexicon.expand(relation)
            for word in self._lexicon_words:
                if word != relation and word in relation:
                    found += [word, *self.lexicon.expand(word)]
            found = self._synonyms[relation] = [w for w in dict.fromkeys(found) if w != relation]
        return found

    @functools.cached_property
    def _relations_by_char(self) -> dict[str, list[str]]:
        """Content character → the KG's relation names holding it (built on first use)."""
        table: dict[str, list[str]] = {}
        for relation in self.kg.relation_names():
            for ch in set(relation):
                if ch not in FUNCTION_CHARS:
                    table.setdefault(ch, []).append(relation)
        return table

    def relations_sharing(self, text: str, least: int = 2) -> list[str]:
        """The KG's relation names (any entity's) sharing at least `least` content characters with the text."""
        counts: dict[str, int] = {}
        for ch in set(text):
            for relation in self._relations_by_char.get(ch, ()):
                counts[relation] = counts.get(relation, 0) + 1
        return [relation for relation, count in counts.items() if count >= least]

    def inverse_names(self, relation: str) -> list[str]:
        """Words naming an incoming edge from its object's side: its synonyms, then the inverse
        lexicon's names for it (乙 -祖父-> 甲 makes 乙 甲's 孙子) and their synonyms."""
        found = self._inverse_names.get(relation)
        if found is None:
            inverse = [w for w in self.lexicon.inverse(relation) if w != relation]
            found = list(dict.fromkeys([*self.synonyms(relation), *inverse, *(x for w in inverse for x in self.lexicon.expand(w)),
                                        *english.inverse_words(relation, self.lexicon.inverse)]))  # sons: `parents` read back
            found = self._inverse_names[relation] = [w for w in found if w != relation]
        return found

    @staticmethod
    def is_kin(relation: str) -> bool:
        """A parent/child relation (父亲; an English graph's `parents`): kinship chains and inverse
        readings run along it at any hop."""
        return relation in WORDS.kin_relations or any(w in WORDS.kin_relations for w in english.chinese_words(relation))

    def has_relation(self, entity: str, word: str) -> bool:
        """Whether an edge of the entity answers the relation word, by name, synonym or inverse."""
        names = {word, *self.lexicon.expand(word)}
        return any(edge.relation in names if edge.direction == "out" else
                   (edge.relation in names or word in self.inverse_names(edge.relation))
                   for edge in self.edges(entity))

    # ------------------------------------------------------------------ what entities are

    def types(self, nodes: Sequence[str], roles: bool = False) -> set[str]:
        """What the nodes are, strictly: their disambiguations and their type relations' values
        (with `roles`, also what people do: 职业 书法家)."""
        relations = WORDS.type_relations | WORDS.role_relations if roles else WORDS.type_relations
        kinds: set[str] = set()
        for node in nodes[:KIND_SAMPLE]:
            kinds.add(fold(suffix_of(node)))
            kinds.update(fold(edge.other) for edge in self.edges(node)[:KIND_EDGES]
                         if edge.direction == "out" and edge.relation in relations)
        kinds.discard("")
        return kinds

    def kinds(self, nodes: Sequence[str]) -> set[str]:
        """What the nodes are (their disambiguations and values, e.g. 电影): a noun of the question
        naming one of these is the answer's kind, not one more relation."""
        kinds: set[str] = set()
        for node in nodes[:KIND_SAMPLE]:
            kinds.add(fold(suffix_of(node)))
            kinds.update(fold(edge.other) for edge in self.edges(node)[:KIND_EDGES] if edge.direction == "out")
        kinds.discard("")
        return kinds

    @functools.cached_property
    def _typed_relations(self) -> bool:
        """Whether any relation is a dotted id with a type segment (film.film.directed_by)."""
        return any(english.type_segment(relation) for relation in self.kg.relation_names())

    def english_kinds(self, nodes: Sequence[str]) -> list[str]:
        """What the nodes are in a graph of dotted Freebase ids: the type segments of their outgoing
        relations (a node with film.film.directed_by is a film), most common first."""
        counts: dict[str, int] = {}
        if not self._typed_relations:
            return []  # no dotted ids (MetaQA's snake_case): nothing to read, on a path search's hot path
        for node in nodes[:KIND_SAMPLE]:
            for edge in self.edges(node)[:KIND_EDGES]:
                kind = english.type_segment(edge.relation) if edge.direction == "out" else ""
                if kind:
                    counts[kind] = counts.get(kind, 0) + 1
        return sorted(counts, key=lambda kind: -counts[kind])

    def rank_entities(self, entities: Sequence[str], text: str = "") -> list[str]:
        """The entity whose disambiguation the question echoes (小说《活着》 → 活着（小说）) first,
        then entities (with outgoing edges) before bare values, the vocabulary's order otherwise."""
        def key(entity: str) -> tuple[int, bool, bool]:
            hint = fold(suffix_of(entity))
            echoed = sum(1 for ch in set(hint) if ch in text and ch not in FUNCTION_CHARS)
            return (-echoed, bool(hint), not self.has_out_edges(entity))
        return sorted(entities, key=key)
