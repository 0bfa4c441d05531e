"""The seam between generated plans and a knowledge graph.

`KnowledgeGraph` holds exactly the three functions of the planning prompt (prompts/plan_zh.txt).
Each returns `(result, message)`: `result` is plain data the next call can take (a list of names
feeds `entity_aliases` of the next call), `message` is one Chinese sentence for the answerer.
Arguments arrive as models write them — a list of strings, one string, `None`, or `[]` (the result
of a failed earlier call) — and a backend never raises on them: it returns `(None, message)`.

Results are JSON-serialisable (they cross the sandbox's process boundary as JSON):
- get_entity_info → `{"name": str, "aliases": [str], "facts": {relation: [object]},
  "reverse_facts": {relation: [subject]}}` or None;
- find_entity_or_value → `[str]` (entity names or literal values) or None;
- find_relationship → a list of paths, each a list of `[subject, relation, object]` triples in the
  KG's own direction, that connect the two entities: direct relations first (paths of one
  triple), then two-hop paths through one intermediate entity; or None.

`KGVocabulary` is the optional second face of a backend: what the offline planner and the
trajectory synthesiser need to read the graph's own words. A user's KG that only answers the three
functions works with an LLM planner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Protocol, runtime_checkable

MAX_FIELD_CHARS = 500_000
"""The longest subject, relation or object a loader accepts (a long abstract fits): a 20M-character
value is no fact, and every answer quoting it would be refused by the sandbox's reply budget."""


def too_long(triple: Sequence[str]) -> str:
    """Why a triple's field is too long to load, or ""."""
    for part, value in zip(("subject", "relation", "object"), triple):
        if len(value) > MAX_FIELD_CHARS:
            return f"the {part} is {len(value):,} characters long; a field holds at most {MAX_FIELD_CHARS:,}"
    return ""

Aliases = str | Sequence[str] | None
EntityInfo = dict[str, Any]
Path = list[list[str]]


class Triple(NamedTuple):
    subject: str
    relation: str
    object: str


class Edge(NamedTuple):
    """One edge seen from an entity: `direction` is "out" (entity is the subject) or "in"."""

    relation: str
    direction: str
    other: str


KG_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "get_entity_info": ("entity_aliases",),
    "find_entity_or_value": ("entity_aliases", "relation_aliases"),
    "find_relationship": ("entity1_aliases", "entity2_aliases"),
}
"""The three functions a plan may call and their parameters, in the planning prompt's order: the
one place their names are spelled (the sandbox, the plan checker and the docs read it)."""


@runtime_checkable
class KnowledgeGraph(Protocol):
    def get_entity_info(self, entity_aliases: Aliases) -> tuple[EntityInfo | None, str]:
        """The whole entry of the entity the aliases name (the first that links): its names, facts
        and the facts it is the object of. None and a message saying why when nothing links."""
        ...

    def find_entity_or_value(
        self, entity_aliases: Aliases, relation_aliases: Aliases
    ) -> tuple[list[str] | None, str]:
        """The objects (or subjects, for an incoming edge) of the relation the aliases name, for
        each entity given; relation aliases are tried in order, then synonyms and inverses. An
        alias written ^R asks for the incoming R edges only (the subjects having R to the entity)."""
        ...

    def find_relationship(
        self, entity1_aliases: Aliases, entity2_aliases: Aliases
    ) -> tuple[list[Path] | None, str]:
        """The paths between the two entities: direct triples first, else two-hop paths."""
        ...


@runtime_checkable
class MentionLookup(Protocol):
    """Optional: a backend that keeps the keys its names are found by (kg.linking.mention_keys), so
    a planner can spot mentions by asking instead of loading every name (the local store)."""

    def max_mention_key(self) -> int:
        """The length of the longest key."""
        ...

    def lookup_mentions(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The keys that name something → the entity names they name, in the vocabulary's order."""
        ...


@runtime_checkable
class KGFindings(Protocol):
    """Optional: a backend that also says what each call found as records (kg.findings), so an
    answerer can build sentences from data instead of re-reading the message."""

    def call_with_findings(self, function: str, arguments: Mapping[str, Any]) -> tuple[Any, str, list[dict[str, Any]]]:
        """`function` (one of KG_FUNCTIONS) with keyword `arguments` → (result, message, findings)."""
        ...


@runtime_checkable
class KGVocabulary(Protocol):
    def mentions(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, entity name): names, aliases and suffix-stripped names."""
        ...

    def edges(self, entity: str) -> list[Edge]:
        """The entity's edges in both directions, in a stable order."""
        ...

    def relation_names(self) -> Iterable[str]:
        """Every relation name of the graph, each once."""
        ...

    def triples(self) -> Iterator[Triple]:
        """Every triple, in a stable order."""
        ...

    def link_entity(self, mention: str) -> list[str]:
        """The entity names a mention may denote, best first (exact, alias, normalised, fuzzy)."""
        ...
