"""Writers for the readings whose answer the plan computes: how many, which is earlier or larger,
the first of a set, what two things share. Each writes the KG calls, then the Python that
decides, then one line of `messages` saying the result — so the trace shows how it was decided."""

from __future__ import annotations

from agent.offline.code import MAX_LISTED, CodeWriter, Step, describe, entity_aliases, say, write_chain
from agent.offline.compute_readings import RANK_SAMPLE
from agent.offline.search import Hop, Path
from agent.offline.values import VALUE_OF_SOURCE

PICK = {"earlier": "min", "later": "max", "more": "max", "less": "min"}


def _strip_docstring(source: str) -> str:
    head, _, rest = source.partition('"""')
    _, _, body = rest.partition('"""')
    return head.rstrip(" ") + body.lstrip("\n")


def _emit_value_of(writer: CodeWriter) -> None:
    writer.line(0, "# dates and quantities as comparable numbers (agent/offline/values.py)")
    for line in _strip_docstring(VALUE_OF_SOURCE).splitlines():
        stripped = line.lstrip(" ")
        if stripped:
            writer.line((len(line) - len(stripped)) // 4, stripped)


def _unite(writer: CodeWriter, depth: int, var: str, entity, extras: tuple[Path, ...]) -> None:
    """`var` grows by what each extra one-hop path reaches the other way round (no repeats)."""
    for extra in extras:
        writer.call(depth, "more", "find_entity_or_value", entity_aliases=entity, relation_aliases=[extra.hops[0].relation])
        writer.line(depth, f"{var} = ({var} or []) + [x for x in (more or []) if x not in ({var} or [])]")


def write_count(step: Step) -> str:
    chain = write_chain(step, result_line=False)
    var, lang = chain.var, step.lang
    writer = step.writer
    _unite(writer, chain.depth, var, step.entity, step.reading.also)  # and the works naming him 作者
    if step.reading.where:  # "几部歌剧": only the members whose 类型 is 歌剧 are counted
        relation, value, *negated = step.reading.where
        depth, key = chain.depth, "count_where_not" if negated else "count_where" if value else "count_where_has"
        writer.line(depth, f"total = len({var} or [])")
        writer.line(depth, "kept = []")
        writer.line(depth, f"for item in {var}[:{RANK_SAMPLE}]:")
        writer.call(depth + 1, "value", "find_entity_or_value", entity_aliases="[item]", relation_aliases=[relation])
        test = f"not (value and {value!r} in value)" if negated else f"value and {value!r} in value" if value else "value"
        writer.line(depth + 1, f"if {test}:")
        writer.line(depth + 2, "kept.append(item)")
        writer.line(depth, f"{var} = kept")
        count_head = say(key, lang, relation=relation, value=value)
        more, counts = say(f"{key}_thought", lang, relation=relation, value=value), f"(total, len({var}))"
    else:
        count_head, more, counts = say("count_head", lang), "", f"len({var})"
    writer.line(chain.depth, f"messages += '\\n' + {count_head!r} % {counts} + {say('list', lang)!r}.join({var}[:{MAX_LISTED}])"
                             f" + ({say('count_more', lang)!r} if len({var}) > {MAX_LISTED} else '') + {say('end', lang)!r}")
    return say("count", lang, who=step.who, steps=say("steps", lang).join(chain.steps)) + more


def write_compare(step: Step) -> str:
    reading, writer, lang = step.reading, step.writer, step.lang
    relation, pick = reading.relation, PICK[reading.direction]
    _emit_value_of(writer)
    names = (reading.anchor[0], reading.other[0])
    for var, entities, surface in (("a", reading.anchor, reading.surface), ("b", reading.other, reading.other_surface)):
        writer.call(0, var, "find_entity_or_value", entity_aliases=entity_aliases(entities, surface), relation_aliases=[relation])
    writer.line(0, f"found = {{{names[0]!r}: a[0] if a else None, {names[1]!r}: b[0] if b else None}}")
    writer.line(0, "known = [name for name in found if found[name] is not None and value_of(found[name]) is not None]")
    writer.line(0, "if len(known) == 2:")
    writer.line(1, f"winner = {pick}(known, key=lambda name: value_of(found[name]))")
    writer.line(1, f"compared = {say('compare_head', lang, relation=relation)!r} + {say('sep', lang)!r}.join("
                   f"name + {say('is', lang)!r} + found[name] for name in known)")
    writer.line(1, "if value_of(found[known[0]]) == value_of(found[known[1]]):")
    writer.line(2, f"messages += '\\n' + {say('tie', lang)!r} + compared + {say('end', lang)!r}")
    if reading.yes_no:  # "A比B早吗": the verdict on the first one, then how it was decided
        writer.line(1, f"elif winner == {names[0]!r}:")
        writer.line(2, f"messages += '\\n' + {say('yes', lang)!r} + compared + {say('so', lang)!r} + winner + {say('end', lang)!r}")
        writer.line(1, "else:")
        writer.line(2, f"messages += '\\n' + {say('no', lang)!r} + compared + {say('so', lang)!r} + winner + {say('end', lang)!r}")
    else:
        writer.line(1, "else:")
        writer.line(2, f"messages += '\\n' + compared + {say('so', lang)!r} + winner + {say('end', lang)!r}")
    writer.line(0, "else:")
    writer.line(1, f"messages += '\\n' + {say('cannot_compare', lang, relation=relation)!r} + {say('list', lang)!r}.join("
                   f"name for name in found if name not in known) + {say('end', lang)!r}")
    quoted = [say("quote", lang, name=name) for name in names]
    return say("compare", lang, a=quoted[0], b=quoted[1], relation=relation, how=say(f"pick_{pick}", lang))


def write_rank(step: Step) -> str:
    reading, writer, lang = step.reading, step.writer, step.lang
    relation, pick = reading.relation, PICK[reading.direction]
    _emit_value_of(writer)
    chain = write_chain(step, result_line=False)
    var, depth = chain.var, chain.depth
    writer.line(depth, "values = {}")
    writer.line(depth, f"for item in {var}[:{RANK_SAMPLE}]:")
    writer.call(depth + 1, "value", "find_entity_or_value", entity_aliases="[item]", relation_aliases=[relation])
    writer.line(depth + 1, "if value and value_of(value[0]) is not None:")
    writer.line(depth + 2, "values[item] = value[0]")
    writer.line(depth, "if values:")
    writer.line(depth + 1, f"best = {pick}(values, key=lambda item: value_of(values[item]))")
    how = reading.how or say(reading.direction, lang)  # 最高 as the question said it, else 最大
    writer.line(depth + 1, f"messages += '\\n' + {say('rank_head', lang, relation=relation, how=how)!r}"
                           f" + best + {say('open', lang)!r} + values[best] + {say('close', lang)!r}")
    return say("rank", lang, who=step.who, relation=relation, how=how,
               steps=say("steps", lang).join(chain.steps))


def write_both(step: Step) -> str:
    reading, writer, lang = step.reading, step.writer, step.lang
    hop: Hop = reading.path.hops[0]
    aliases = [hop.relation]
    for var, entities, surface in (("a", reading.anchor, reading.surface), ("b", reading.other, reading.other_surface)):
        writer.call(0, var, "find_entity_or_value", entity_aliases=entity_aliases(entities, surface), relation_aliases=aliases)
        _unite(writer, 0, var, entity_aliases(entities, surface), reading.also)  # and the films naming them 主演
    writer.line(0, "both = [x for x in (a or []) if x in (b or [])]")
    for number, (entities, surface) in enumerate(reading.more):  # A、B和C都: each further name narrows it
        var = f"c{number + 1}"
        writer.call(0, var, "find_entity_or_value", entity_aliases=entity_aliases(entities, surface), relation_aliases=aliases)
        _unite(writer, 0, var, entity_aliases(entities, surface), reading.also)
        writer.line(0, f"both = [x for x in both if x in ({var} or [])]")
    head = say("all_head", lang, count=2 + len(reading.more)) if reading.more else say("both_head", lang)
    writer.line(0, f"messages += '\\n' + ({head!r} + {say('list', lang)!r}.join(both[:{MAX_LISTED}]) if both"
                   f" else {say('none_shared', lang)!r}) + {say('end', lang)!r}")
    quoted = [say("quote", lang, name=entities[0]) for entities in (reading.anchor, *(e for e, _ in reading.more), reading.other)]
    return say("both", lang, a=say("list", lang).join(quoted[:-1]), b=quoted[-1], hop=describe("first_hop", lang, hop, aliases))


COMPUTE_WRITERS = {"count": write_count, "compare": write_compare, "rank": write_rank, "both": write_both}
"""Reading kind → the writer of its calls, its computation and its thought."""
