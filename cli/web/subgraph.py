"""The part of the KG a plan's calls touched, as nodes and edges the page draws.

Edges keep the KG's own direction (subject → object, label = relation). A hop the call walked
against an edge (刘慈欣's 作品 found on the 作者 edges pointing at him) is marked `inverse`, and
`asked` keeps the word the call asked for when the graph answered with another relation.
Answer nodes are the values of the last call that matched a relation (the final hop), narrowed to
those the answer names when it names any. Pure functions over `Call` records: tested on literals.

Calls with findings (kg.findings) are read exactly; a backend without them is read from its
results (a value list under one entity, paths, an entry), which is all the records say then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from agent.types import Answer, Call

MAX_NODES = 60  # a drawing past this is a hairball: the rest is in the calls table
MAX_PATHS = 5  # paths of a find_relationship drawn (the direct ones come first)
MAX_ENTRY_EDGES = 12  # facts of a get_entity_info drawn around the entity


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.dropped = 0

    def node(self, name: Any) -> bool:
        name = str(name)
        if name not in self.nodes:
            if len(self.nodes) >= MAX_NODES:
                return False
            self.nodes[name] = {"id": name, "answer": False}
        return True

    def edge(self, subject: Any, relation: str, obj: Any, *, inverse: bool = False, asked: str = "") -> None:
        subject, obj = str(subject), str(obj)
        if not (self.node(subject) and self.node(obj)):
            self.dropped += 1
            return
        key = (subject, relation, obj)
        if key not in self.edges:
            self.edges[key] = {"source": subject, "target": obj, "relation": relation, "inverse": inverse,
                               "asked": asked if asked and asked != relation else ""}

    def result(self, answers: Iterable[str] = ()) -> dict[str, Any]:
        for name in answers:
            if name in self.nodes:
                self.nodes[name]["answer"] = True
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values()), "dropped": self.dropped}


def subgraph(calls: Sequence[Call], answer_text: str = "") -> dict[str, Any]:
    """{nodes: [{id, answer}], edges: [{source, target, relation, inverse, asked}], dropped}: `dropped`
    counts the edges left out to keep the drawing small."""
    graph = _Builder()
    final: list[str] = []
    for call in calls:
        values = _add_call(graph, call)
        if values:
            final = values
    named = [name for name in final if name and name in answer_text]
    return graph.result(named or final)


def answer_subgraph(answer: Answer) -> dict[str, Any]:
    return subgraph(answer.calls, answer.answer)


def entry_subgraph(info: Mapping[str, Any], limit: int = 24) -> dict[str, Any]:
    """One entity and its facts both ways (the browser view), the entity marked."""
    graph = _Builder()
    graph.node(info["name"])
    _add_entry(graph, info, limit)
    return graph.result([info["name"]])


def _add_call(graph: _Builder, call: Call) -> list[str]:
    """Draw one call; the values it matched (a final-hop candidate), else []."""
    if call.findings:
        values: list[str] = []
        for finding in call.findings:
            values += _add_finding(graph, finding, call.result)
        return values
    return _add_result(graph, call)


def _add_finding(graph: _Builder, finding: Mapping[str, Any], result: Any) -> list[str]:
    kind = finding.get("kind")
    if kind == "match":
        entity, relation = finding["entity"], finding["relation"]
        inverse = finding["direction"] == "in"
        for value in finding["values"]:
            if inverse:
                graph.edge(value, relation, entity, inverse=True, asked=finding["requested"])
            else:
                graph.edge(entity, relation, value, asked=finding["requested"])
        return [str(value) for value in finding["values"]]
    if kind == "paths":
        _add_paths(graph, result)
    elif kind == "entry" and isinstance(result, Mapping):
        graph.node(finding["entity"])
        _add_entry(graph, result, MAX_ENTRY_EDGES)
    elif kind in ("no_relation", "same_entity"):
        graph.node(finding["entity"])
    elif kind == "no_path":
        graph.node(finding["a"])
        graph.node(finding["b"])
    return []


def _add_result(graph: _Builder, call: Call) -> list[str]:
    """A call without findings: what its arguments and result still show."""
    result = call.result
    if call.function == "find_relationship":
        _add_paths(graph, result)
    elif call.function == "get_entity_info" and isinstance(result, Mapping) and "name" in result:
        graph.node(result["name"])
        _add_entry(graph, result, MAX_ENTRY_EDGES)
    elif call.function == "find_entity_or_value" and isinstance(result, list):
        entities = _strings(call.arguments.get("entity_aliases"))
        relations = _strings(call.arguments.get("relation_aliases"))
        if len(entities) == 1 and relations:  # which value came from which entity is unknown otherwise
            for value in result:
                graph.edge(entities[0], relations[0], value)
        return [str(value) for value in result]
    return []


def _add_paths(graph: _Builder, paths: Any) -> None:
    if not isinstance(paths, list):
        return
    for path in paths[:MAX_PATHS]:
        for triple in path if isinstance(path, list) else []:
            if isinstance(triple, list) and len(triple) == 3:
                graph.edge(triple[0], str(triple[1]), triple[2])


def _add_entry(graph: _Builder, info: Mapping[str, Any], limit: int) -> None:
    name, drawn = info["name"], 0
    for facts, outgoing in ((info.get("facts") or {}, True), (info.get("reverse_facts") or {}, False)):
        for relation, others in facts.items():
            for other in others:
                if drawn >= limit:
                    graph.dropped += 1
                    continue
                drawn += 1
                if outgoing:
                    graph.edge(name, relation, other)
                else:
                    graph.edge(other, relation, name)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []
