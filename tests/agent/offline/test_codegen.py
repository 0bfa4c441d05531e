"""Writing plans: the code of search() and its thought, per reading kind and language."""

import json

from agent.offline.code import THOUGHTS, CodeWriter, entity_aliases, relation_aliases
from agent.offline.codegen import WRITERS, write_plan
from agent.offline.search import Hop, Path
from agent.offline.topic import Reading
from agent.plan import parse_plan
from kg.linking import default_lexicon

LEXICON = default_lexicon()


def test_the_code_writer_writes_the_prompts_style():
    writer = CodeWriter()
    writer.call(0, "a", "find_entity_or_value", entity_aliases=["甲"], relation_aliases=["作者"])
    writer.guard(0, "a")
    writer.call(1, "b", "find_entity_or_value", entity_aliases="a", relation_aliases=["出生地"])
    assert writer.code() == (
        "def search():\n\tmessages = ''\n"
        "\ta, msg = find_entity_or_value(entity_aliases = ['甲'], relation_aliases = ['作者'])\n\tmessages += msg\n"
        "\tif a:\n"
        "\t\tb, msg = find_entity_or_value(entity_aliases = a, relation_aliases = ['出生地'])\n\t\tmessages += msg\n"
        "\treturn messages\n"
    )


def test_every_thought_has_both_languages():
    keys = {key for key, _ in THOUGHTS}
    assert all((key, lang) in THOUGHTS for key in keys for lang in ("zh", "en"))


def test_a_fact_plan_parses_and_names_each_hop():
    path = Path(1.0, (Hop("作者", "out"), Hop("出生地", "out")), ("南城",), ("星海",), (frozenset(), frozenset()))
    plan = parse_plan(write_plan(Reading(1.0, "fact", ("星海",), "星海", path), LEXICON, "zh", "星海的作者出生在哪"))
    assert plan.need_knowledge and plan.code.count("find_entity_or_value") == 2
    assert "'作者'" in plan.thought and "'出生地'" in plan.thought and "离线规则规划器" in plan.thought


def test_a_no_knowledge_plan_has_no_code():
    raw = json.loads(write_plan(Reading(0.0, "no_knowledge", reason="greeting"), LEXICON, "en", "hi"))
    assert raw == {"need_knowledge": "否", "thought": THOUGHTS["greeting", "en"]}


def test_every_reading_kind_that_calls_the_kg_has_a_writer():
    assert {"fact", "info", "guess", "relationship", "asked"} <= set(WRITERS)


def test_aliases_put_the_graphs_name_first_and_the_surface_last():
    assert relation_aliases(LEXICON, Hop("妻子", "out"), frozenset())[0] == "妻子"
    assert relation_aliases(LEXICON, Hop("作者", "in"), frozenset()) == ["作者"]
    assert entity_aliases(["活着（小说）"], "活着") == ["活着（小说）"]
    assert entity_aliases(["甲乙"], "甲") == ["甲乙", "甲"]
