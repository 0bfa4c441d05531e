"""A backend's findings: the records behind each message, rendered into exactly that message."""

import pytest

from kg import KGFindings
from kg.findings import render
from kg.networkx_kg import NetworkXKG

KG = NetworkXKG.from_triples([("三体", "作者", "刘慈欣"), ("三体（电视剧）", "导演", "杨磊"), ("刘慈欣", "妻子", "赵某")])

CALLS = [
    ("find_entity_or_value", {"entity_aliases": ["三体"], "relation_aliases": ["作者"]}, "match"),
    ("find_entity_or_value", {"entity_aliases": ["刘慈欣"], "relation_aliases": ["作品"]}, "match"),
    ("find_entity_or_value", {"entity_aliases": ["三体"], "relation_aliases": ["主演"]}, "no_relation"),
    ("find_entity_or_value", {"entity_aliases": ["无此书"], "relation_aliases": ["作者"]}, "not_found"),
    ("find_entity_or_value", {"entity_aliases": [], "relation_aliases": ["作者"]}, "refused"),
    ("get_entity_info", {"entity_aliases": ["刘慈欣"]}, "entry"),
    ("find_relationship", {"entity1_aliases": ["三体"], "entity2_aliases": ["刘慈欣"]}, "paths"),
    ("find_relationship", {"entity1_aliases": ["三体"], "entity2_aliases": ["三体"]}, "same_entity"),
    ("find_relationship", {"entity1_aliases": ["赵某"], "entity2_aliases": ["杨磊"]}, "no_path"),
]


def test_the_in_memory_backend_gives_findings():
    assert isinstance(KG, KGFindings)


@pytest.mark.parametrize(("function", "arguments", "kind"), CALLS)
def test_each_message_is_the_rendering_of_its_findings(function, arguments, kind):
    result, message, findings = KG.call_with_findings(function, arguments)
    assert [f["kind"] for f in findings] == [kind]
    assert (result, message) == getattr(KG, function)(**arguments)
    assert render(findings, result) == message


def test_an_inverse_match_records_the_word_asked_and_the_relation_found():
    _, _, [finding] = KG.call_with_findings("find_entity_or_value", {"entity_aliases": ["刘慈欣"], "relation_aliases": ["作品"]})
    assert (finding["direction"], finding["via"], finding["requested"], finding["relation"]) == ("in", "inverse", "作品", "作者")
