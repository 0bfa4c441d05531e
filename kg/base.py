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

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol, runtime_checkable

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


@runtime_checkable
class KnowledgeGraph(Protocol):
    def get_entity_info(self, entity_aliases: Aliases) -> tuple[EntityInfo | None, str]: ...

    def find_entity_or_value(
        self, entity_aliases: Aliases, relation_aliases: Aliases
    ) -> tuple[list[str] | None, str]: ...

    def find_relationship(
        self, entity1_aliases: Aliases, entity2_aliases: Aliases
    ) -> tuple[list[Path] | None, str]: ...


@runtime_checkable
class KGVocabulary(Protocol):
    def mentions(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, entity name): names, aliases and suffix-stripped names."""
        ...

    def edges(self, entity: str) -> list[Edge]:
        """The entity's edges in both directions, in a stable order."""
        ...

    def relation_names(self) -> Iterable[str]: ...

    def triples(self) -> Iterator[Triple]: ...

    def link_entity(self, mention: str) -> list[str]:
        """The entity names a mention may denote, best first (exact, alias, normalised, fuzzy)."""
        ...
