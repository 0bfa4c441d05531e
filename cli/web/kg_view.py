"""The KG browser's data: search by name or alias with the KG's own linking, one entity's facts
both ways, and `kg stats`. Anything beyond the three KnowledgeGraph functions is optional: a
backend without `link_entity` or `stats` still browses through `get_entity_info`."""

from __future__ import annotations

from typing import Any

from cli.web.subgraph import entry_subgraph
from kg.base import KGVocabulary, KnowledgeGraph

MAX_MATCHES = 20


def search(kg: KnowledgeGraph, query: str) -> dict[str, Any]:
    """{query, matches: [name, …]}: the entities a mention may denote, best first."""
    if isinstance(kg, KGVocabulary):
        names = kg.link_entity(query)[:MAX_MATCHES]
    else:
        info, _ = kg.get_entity_info([query])
        names = [info["name"]] if info else []
    return {"query": query, "matches": names}


def entity(kg: KnowledgeGraph, name: str) -> dict[str, Any]:
    """{found, message, info?, subgraph?}: the entity's entry as get_entity_info gives it (facts,
    and the facts it is the object of), and its neighbourhood to draw."""
    info, message = kg.get_entity_info([name])
    if info is None:
        return {"found": False, "message": message}
    return {"found": True, "message": message, "info": info, "subgraph": entry_subgraph(info)}


def stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """`agent kg stats` of the served KG, or {} for a backend that does not count itself."""
    counted = getattr(kg, "stats", None)
    return counted() if callable(counted) else {}
