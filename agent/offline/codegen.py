"""Writing plans: the code of `search()` for a reading, and the thought that explains it.

`write_plan` turns a reading into the plan JSON through WRITERS, one function per reading kind
(the computed kinds — count, compare, rank, both — are in compute_code.py); the lines themselves
are written with code.CodeWriter, and every sentence comes from code.THOUGHTS.
"""

from __future__ import annotations

from agent.offline.code import (
    MAX_ASKED_ALIASES,
    MAX_SENSES,
    CodeWriter,
    Step,
    describe,
    echoes_suffix,
    entity_aliases,
    plan_json,
    relation_aliases,
    say,
    write_chain,
)
from agent.offline.compute_code import COMPUTE_WRITERS
from agent.offline.topic import Reading
from kg.linking import RelationLexicon

def write_plan(reading: Reading, lexicon: RelationLexicon, lang: str, text: str) -> str:
    """The plan JSON for a reading of the (folded) question `text`."""
    if reading.kind in ("no_knowledge", "no_mention"):
        return plan_json(False, say(reading.reason or reading.kind, lang), None)
    writer = CodeWriter()
    parts = reading.parts if reading.kind == "compound" else (reading._replace(clause=reading.clause or text),)
    thought = ""
    for part in parts:
        step = Step(writer, lexicon, lang, part, writer.last_var if part.chained else None)
        thought += WRITERS[_row(part)](step)
    return plan_json(True, thought + say("note", lang), writer.code())


def _row(reading: Reading) -> str:
    if reading.asked:
        return "asked"
    if reading.kind == "fact" and reading.path is None:
        return "info"
    return reading.kind


def _write_relationship(step: Step) -> str:
    reading, writer = step.reading, step.writer
    var = writer.new_var()
    writer.call(step.depth, var, "find_relationship", entity1_aliases=step.entity,
                entity2_aliases=entity_aliases(reading.other, reading.other_surface))
    writer.last_var = var
    return say("relationship", step.lang, who=step.who, other=say("quote", step.lang, name=reading.other[0]))


def _write_asked(step: Step) -> str:
    # "金庸的妻子": no edge fits, so the relation is asked as written; the KG answers that it is
    # missing and lists the relations the entity has — not a dump of every fact. The words may
    # name an edge in other words (坐标 for 经纬度): the entry follows, for the answerer to say
    # the relation is missing and what the entity does record.
    reading, writer, lexicon = step.reading, step.writer, step.lexicon
    aliases = list(dict.fromkeys([*reading.asked, *(w for a in reading.asked for w in lexicon.expand(a))]))[:MAX_ASKED_ALIASES]
    var = writer.new_var()
    writer.call(step.depth, var, "find_entity_or_value", entity_aliases=step.entity, relation_aliases=aliases)
    writer.guard(step.depth, var, negate=True)
    writer.call(step.depth + 1, writer.new_var(), "get_entity_info", entity_aliases=step.entity)
    writer.last_var = var
    return say("asked", step.lang, who=step.who, first=reading.asked[0], listed=", ".join(map(repr, aliases)))


def _write_entry(step: Step) -> str:
    reading, writer = step.reading, step.writer
    targets: list[str | list[str]] = [step.entity]
    if isinstance(step.entity, list) and len(reading.anchor) > 1 and not echoes_suffix(reading.anchor[0], reading.clause):
        # 择天记 is a drama and a novel: the question does not say which, so ask for each.
        targets = [[name] for name in reading.anchor[:MAX_SENSES]]
    for target in targets:
        var = writer.new_var()
        writer.call(step.depth, var, "get_entity_info", entity_aliases=target)
        writer.last_var = var
    return say("guess" if reading.kind == "guess" else "info", step.lang, who=step.who)


def _write_fact(step: Step) -> str:
    reading, lang = step.reading, step.lang
    steps = write_chain(step).steps
    for extra in reading.also:
        hop = extra.hops[0]
        aliases = relation_aliases(step.lexicon, hop, extra.seen[0])
        step.writer.call(0, step.writer.new_var(), "find_entity_or_value",
                         entity_aliases=entity_aliases(extra.starts, reading.surface), relation_aliases=aliases)
        steps.append(describe("also_hop", lang, hop, aliases))
    return say("fact", lang, who=step.who, clause=reading.clause, steps=say("steps", lang).join(steps))


WRITERS = {
    "relationship": _write_relationship,
    "asked": _write_asked,
    "info": _write_entry,
    "guess": _write_entry,
    "fact": _write_fact,
    **COMPUTE_WRITERS,
}
"""Reading kind → the function writing its calls and returning its thought."""


