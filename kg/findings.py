"""What a KG call found, as data: one record per sentence of the call's message.

The three functions answer `(result, message)`; a backend that also implements
`kg.base.KGFindings` hands over these records beside them, and the message is rendered *from* them
(`render`), so the two cannot drift apart. The offline answerer builds its sentence from the
records (and the call's result), never by re-reading the Chinese message.

Each record is a plain dict with a `kind` (JSON-ready: records cross the sandbox's pipe):

| kind          | fields                                                           | result holds |
|---------------|------------------------------------------------------------------|--------------|
| `match`       | entity, relation, requested, direction, via, values, note, guessed | the values |
| `no_relation` | entity, relations (asked), out, in (the relations it has)        | None         |
| `not_found`   | mentions                                                         | None         |
| `entry`       | entity, note, guessed                                            | the entry    |
| `paths`       | a, b, direct                                                     | the paths    |
| `same_entity` | a, b, entity                                                     | None         |
| `no_path`     | a, b                                                             | None         |
| `refused`     | text (what was missing from the arguments)                       | None         |

`note` is the bracketed linking note of kg.linking.render_ambiguity ('' when the name was exact);
`guessed` is the name asked when the KG does not have it and a similar name was chosen instead
(fuzzy linking), else ''.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kg.linking import (
    Match,
    quote,
    render_entity_info,
    render_match,
    render_no_relation,
    render_not_found,
    render_paths,
)

Finding = dict[str, Any]


def match(entity: str, found: Match, note: str, guessed: str = "") -> Finding:
    return {"kind": "match", "entity": entity, "relation": found.relation, "requested": found.requested,
            "direction": found.direction, "via": found.via, "values": list(found.values), "note": note, "guessed": guessed}


def no_relation(entity: str, relations: Sequence[str], out: Sequence[str], inn: Sequence[str]) -> Finding:
    return {"kind": "no_relation", "entity": entity, "relations": list(relations), "out": list(out), "in": list(inn)}


def not_found(mentions: Sequence[str]) -> Finding:
    return {"kind": "not_found", "mentions": list(mentions)}


def entry(entity: str, note: str, guessed: str = "") -> Finding:
    return {"kind": "entry", "entity": entity, "note": note, "guessed": guessed}


def paths(a: str, b: str, direct: bool) -> Finding:
    return {"kind": "paths", "a": a, "b": b, "direct": direct}


def same_entity(a: str, b: str, entity: str) -> Finding:
    return {"kind": "same_entity", "a": a, "b": b, "entity": entity}


def no_path(a: str, b: str) -> Finding:
    return {"kind": "no_path", "a": a, "b": b}


def refused(text: str) -> Finding:
    return {"kind": "refused", "text": text}


def _sentence(finding: Mapping[str, Any], result: Any) -> str:
    kind = finding["kind"]
    if kind == "match":
        found = Match(0, finding["requested"], finding["relation"], finding["direction"], finding["via"], finding["values"])
        return render_match(finding["entity"], found) + finding["note"]
    if kind == "no_relation":
        return render_no_relation(finding["entity"], finding["relations"], finding["out"], finding["in"]).removesuffix("。")
    if kind == "not_found":
        return render_not_found(finding["mentions"]).removesuffix("。")
    if kind == "entry":
        return render_entity_info(result, finding["note"]).removesuffix("。")
    if kind == "paths":
        return render_paths(finding["a"], finding["b"], result, finding["direct"]).removesuffix("。")
    if kind == "same_entity":
        return f"{quote(finding['a'])}和{quote(finding['b'])}指的是同一个实体{quote(finding['entity'])}"
    if kind == "no_path":
        return f"没有找到{quote(finding['a'])}和{quote(finding['b'])}之间的关系（在两跳以内）"
    return finding["text"].removesuffix("。")


def render(findings: Sequence[Mapping[str, Any]], result: Any = None) -> str:
    """The call's message: one clause per finding, joined by '；', one '。' at the end."""
    return "；".join(_sentence(f, result) for f in findings) + "。"
