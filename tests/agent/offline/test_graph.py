"""GraphView: what the planner reads of a KG, over its KGVocabulary face."""

import pytest

from agent.offline.graph import GraphView
from kg.networkx_kg import NetworkXKG

KG = NetworkXKG.from_triples([
    ("活着（小说）", "作者", "余华"), ("活着（小说）", "类型", "小说"), ("活着（电影）", "导演", "张艺谋"),
    ("余华", "妻子", "陈虹"), ("张艺谋", "配偶", "陈婷"),
])


@pytest.fixture(scope="module")
def view():
    return GraphView(KG)


def test_a_kg_without_a_vocabulary_is_refused_with_the_reason():
    class OnlyThreeFunctions:
        def get_entity_info(self, entity_aliases): ...
        def find_entity_or_value(self, entity_aliases, relation_aliases): ...
        def find_relationship(self, entity1_aliases, entity2_aliases): ...

    with pytest.raises(TypeError, match="KGVocabulary"):
        GraphView(OnlyThreeFunctions())


def test_entities_are_names_with_an_outgoing_edge(view):
    assert "余华" in view.entities and "陈虹" not in view.entities and "陈虹" in view.names
    assert view.is_value(("陈虹",)) and not view.is_value(("余华",))


def test_relation_words_by_name_synonym_and_inverse(view):
    assert "配偶" in view.synonyms("妻子")
    assert view.has_relation("余华", "老婆")  # a synonym of 妻子
    assert view.has_relation("余华", "作品")  # the inverse of 作者, read from the other side


def test_kinds_come_from_disambiguations_and_type_relations(view):
    assert view.types(["活着（小说）"]) == {"小说"}
    assert view.rank_entities(["活着（电影）", "活着（小说）"], "小说活着")[0] == "活着（小说）"


def test_grouped_edges_by_direction(view):
    assert view.grouped("余华", "in") == {"作者": ["活着（小说）"]}
