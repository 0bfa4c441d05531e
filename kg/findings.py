"""What a KG call found, as data (one record per clause of the call's message), and the message.

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

`note` is the bracketed linking note of `render_ambiguity` ('' when the name was exact);
`guessed` is the name asked when the KG does not have it and a similar name was chosen instead
(fuzzy linking), else ''.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kg.linking import Match

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


# --------------------------------------------------------------------------- messages
# One Chinese sentence per call, pasted as is into the answer prompt; shared by every backend.
# The clauses (readers use the records above, not this text):
#   “E”的R是：V、V[（查询的“q”按同义关系|相似关系“R”匹配）][NOTE]          outgoing edges
#   以“E”为R的有：S、S[（查询的“q”按…“R”匹配）][NOTE]                       incoming, same name
#   “E”的q（即R是“E”的实体）有：S、S[NOTE]                                 incoming, inverse
#   NOTE = （“m”可能指多个实体，这里选择了[有“R”关系的]“E”，其他候选：“A”、“B”）
#        | （知识图谱中没有“m”，按相似的名称选择了“E”） | （“m”是“E”的别名）
#   实体“E”[NOTE]的信息：R：V、V；R：V[等共N个关系][；它还是这些事实的对象：S的R；…]
#   “A”和“B”的直接关系：S的R是O；…    “A”和“B”之间没有直接关系，但通过一个中间实体相连：S的R是O，S的R是O；…
#   failures start with 没有 or 找到了实体: 没有在知识图谱中找到实体“X”[或“Y”]
#   找到了实体“E”，但没有找到关系“R”[或“R2”]；它有这些关系：A、B[；它还是这些关系的对象：C]
#   没有找到“A”和“B”之间的关系（在两跳以内）    “a”和“b”指的是同一个实体“E”    没有给出要查询的实体…
# A message is its clauses joined by "；" with one "。" at the end. Lists longer than
# MESSAGE_LIST_LIMIT end with 等共N个 (the result itself is complete).

MESSAGE_LIST_LIMIT = 20


def quote(name: str) -> str:
    return f"“{name}”"


def join_names(names: Sequence[str], sep: str = "、", limit: int = MESSAGE_LIST_LIMIT, quoted: bool = True) -> str:
    if len(names) > limit:
        return join_names(names[:limit], sep, limit, quoted) + f"等共{len(names)}个"
    # The hot path of every message: one join, no per-name calls.
    return "“" + f"”{sep}“".join(names) + "”" if quoted and names else sep.join(names)


def render_ambiguity(
    mention: str, rivals: Sequence[str], chosen: str, relation: str | None, fuzzy: bool, alias: bool = False
) -> str:
    """A bracketed note naming the chosen entity when the mention was a guess, an alias, or fitted
    several entities; '' when the mention is the entity's own name."""
    if fuzzy:
        return f"（知识图谱中没有{quote(mention)}，按相似的名称选择了{quote(chosen)}）"
    if not rivals:
        return f"（{quote(mention)}是{quote(chosen)}的别名）" if alias else ""
    why = f"有“{relation}”关系的" if relation else ""
    return f"（{quote(mention)}可能指多个实体，这里选择了{why}{quote(chosen)}，其他候选：{join_names(rivals, limit=5)}）"


def render_triple(triple: Sequence[str]) -> str:
    return f"{triple[0]}的{triple[1]}是{triple[2]}"


_VIA = {"synonym": "同义关系", "fuzzy": "相似关系", "inverse": "反向关系"}


def _match(f: Mapping[str, Any], result: Any) -> str:
    name, rel, req, via = f["entity"], f["relation"], f["requested"], f["via"]
    values = join_names(f["values"], quoted=False)
    how = "" if via == "literal" else f"（查询的“{req}”按{_VIA[via]}“{rel}”匹配）"
    if f["direction"] == "out":
        return f"“{name}”的{rel}是：{values}{how}{f['note']}"
    if via == "inverse":
        return f"“{name}”的{req}（即{rel}是“{name}”的实体）有：{values}{f['note']}"
    return f"以“{name}”为{rel}的有：{values}{how}{f['note']}"


def _no_relation(f: Mapping[str, Any], result: Any) -> str:
    text = f"找到了实体{quote(f['entity'])}，但没有找到关系{join_names(f['relations'], '或', 5)}"
    if f["out"]:
        text += f"；它有这些关系：{join_names(f['out'], limit=30, quoted=False)}"
    if f["in"]:
        text += f"；它还是这些关系的对象：{join_names(f['in'], limit=15, quoted=False)}"
    return text


def _entry(f: Mapping[str, Any], info: Mapping[str, Any], limit: int = 40) -> str:
    facts: Mapping[str, Sequence[str]] = info.get("facts") or {}
    reverse: Mapping[str, Sequence[str]] = info.get("reverse_facts") or {}
    # Concatenation, inline joins for the short lists most facts have: this clause is most of a lookup's time.
    parts = [r + "：" + ("、".join(objs) if len(objs) <= 10 else join_names(objs, limit=10, quoted=False))
             for r, objs in (facts.items() if len(facts) <= limit else list(facts.items())[:limit])]
    text = "实体“" + str(info["name"]) + "”" + f["note"] + "的信息：" + ("；".join(parts) if parts else "没有以它为主语的事实")
    if len(facts) > limit:
        text += f"等共{len(facts)}个关系"
    if reverse:
        back = [("、".join(subs) if len(subs) <= 5 else join_names(subs, limit=5, quoted=False)) + "的" + r
                for r, subs in (reverse.items() if len(reverse) <= 15 else list(reverse.items())[:15])]
        text += "；它还是这些事实的对象：" + "；".join(back)
    return text


def _paths(f: Mapping[str, Any], paths: Sequence[Sequence[Sequence[str]]]) -> str:
    shown = ["，".join(render_triple(t) for t in path) for path in paths[:5]]
    more = f"等共{len(paths)}条" if len(paths) > 5 else ""
    how = "的直接关系：" if f["direct"] else "之间没有直接关系，但通过一个中间实体相连："
    return f"{quote(f['a'])}和{quote(f['b'])}{how}{'；'.join(shown)}{more}"


_CLAUSES = {
    "match": _match,
    "no_relation": _no_relation,
    "not_found": lambda f, _: f"没有在知识图谱中找到实体{join_names(f['mentions'], '或', 5)}",
    "entry": _entry,
    "paths": _paths,
    "same_entity": lambda f, _: f"{quote(f['a'])}和{quote(f['b'])}指的是同一个实体{quote(f['entity'])}",
    "no_path": lambda f, _: f"没有找到{quote(f['a'])}和{quote(f['b'])}之间的关系（在两跳以内）",
    "refused": lambda f, _: f["text"].removesuffix("。"),
}


def render(findings: Sequence[Mapping[str, Any]], result: Any = None) -> str:
    """The call's message: one clause per finding, joined by '；', one '。' at the end."""
    if len(findings) == 1:  # the usual call
        return _CLAUSES[findings[0]["kind"]](findings[0], result) + "。"
    return "；".join(_CLAUSES[f["kind"]](f, result) for f in findings) + "。"
