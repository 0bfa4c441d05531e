"""NetworkXKG specifics: constructors, the networkx view, stats, ranking and message details."""

from __future__ import annotations

import networkx as nx
import pytest

from kg import NetworkXKG
from kg.linking import RelationLexicon, parse_inverses, parse_synonyms


def small() -> NetworkXKG:
    return NetworkXKG.from_triples(
        [
            ("三体", "作者", "刘慈欣"),
            ("三体（电视剧）", "导演", "杨磊"),
            ("刘慈欣", "别名", "大刘、刘老师"),
            ("刘慈欣", "写", "科幻"),
            ("北京", "别名", "北平"),
        ]
    )


def test_graph_with_relation_attribute_or_string_key() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("三体", "刘慈欣", relation="作者")
    graph.add_edge("刘慈欣", "北京", key="出生地")
    graph.add_node("刘慈欣", aliases=["大刘"])
    kg = NetworkXKG(graph)
    assert sorted(kg.triples()) == [("三体", "作者", "刘慈欣"), ("刘慈欣", "出生地", "北京")]
    assert kg.graph is graph
    assert kg.find_entity_or_value(["大刘"], ["出生地"])[0] == ["北京"]


def test_plain_digraph_is_accepted() -> None:
    graph = nx.DiGraph()
    graph.add_edge("三体", "刘慈欣", label="作者")
    assert NetworkXKG(graph).find_entity_or_value("三体", "作者")[0] == ["刘慈欣"]


def test_graph_edge_without_relation_is_rejected() -> None:
    graph = nx.DiGraph()
    graph.add_edge("a", "b")
    with pytest.raises(ValueError, match="has no relation"):
        NetworkXKG(graph)


def test_graph_view_built_on_demand() -> None:
    kg = small()
    graph = kg.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_edges() == 5
    assert graph["三体"]["刘慈欣"]["作者"]["relation"] == "作者"


def test_stats() -> None:
    stats = small().stats()
    assert stats["triples"] == 5 and stats["relations"] == 4 and stats["entities"] == 4
    assert stats["values"] == 4  # 刘慈欣 is an entity (it has facts); 杨磊, 科幻, the alias strings are values
    assert stats["top_relations"][0] == ["别名", 2]


def test_alias_values_are_split_and_facts_kept() -> None:
    kg = small()
    assert kg.link_entity("刘老师")[0] == "刘慈欣"
    assert kg.link_entity("大刘")[0] == "刘慈欣"
    assert kg.find_entity_or_value(["刘慈欣"], ["别名"])[0] == ["大刘、刘老师"]
    info, _ = kg.get_entity_info(["刘老师"])
    assert info["name"] == "刘慈欣" and info["aliases"] == ["大刘、刘老师"]


def test_aliases_argument() -> None:
    kg = NetworkXKG.from_triples([("刘慈欣", "出生地", "北京")], aliases={"慈欣": "刘慈欣"})
    assert kg.find_entity_or_value("慈欣", "出生地")[0] == ["北京"]
    kg = NetworkXKG.from_triples([("刘慈欣", "出生地", "北京")], aliases=[("慈欣", "刘慈欣")])
    assert kg.get_entity_info("慈欣")[0]["aliases"] == ["慈欣"]


def test_custom_alias_relations() -> None:
    kg = NetworkXKG.from_triples([("刘慈欣", "昵称X", "大刘"), ("刘慈欣", "出生地", "北京")], alias_relations={"昵称X"})
    assert kg.link_entity("大刘")[0] == "刘慈欣"


def test_literal_relation_wins_over_synonym() -> None:
    # 写 is a synonym of 作者 in the bundled lexicon; the literal 写 edge must answer.
    kg = small()
    assert kg.find_entity_or_value(["刘慈欣"], ["写"])[0] == ["科幻"]


def test_custom_lexicon() -> None:
    lexicon = RelationLexicon(synonyms=parse_synonyms("队长\t领队\n"), inverses=parse_inverses("队员\t所属队伍\n"))
    kg = NetworkXKG.from_triples([("甲队", "领队", "张三"), ("李四", "所属队伍", "甲队")], lexicon=lexicon)
    assert kg.find_entity_or_value("甲队", "队长")[0] == ["张三"]
    assert kg.find_entity_or_value("甲队", "队员")[0] == ["李四"]


def test_exact_name_needs_no_ambiguity_note_but_suffix_choice_has_one() -> None:
    kg = small()
    _, message = kg.find_entity_or_value(["三体"], ["作者"])
    assert message == "“三体”的作者是：刘慈欣。"
    result, message = kg.find_entity_or_value(["三体"], ["导演"])
    assert result == ["杨磊"]
    assert "三体（电视剧）" in message and "可能指多个实体" in message


def test_value_nodes_rank_after_entities() -> None:
    kg = NetworkXKG.from_triples([("刘慈欣", "别名", "大刘"), ("某书", "作者", "大刘")])
    # 大刘 is a node (a value) and an alias of the entity 刘慈欣: the entity comes first.
    assert kg.link_entity("大刘") == ["刘慈欣", "大刘"]
    assert kg.is_entity("刘慈欣") and not kg.is_entity("大刘")
    assert kg.find_entity_or_value("大刘", "作者")[0] == ["某书"]  # only the value has this relation


def test_outgoing_match_beats_incoming_on_a_name_clash() -> None:
    kg = NetworkXKG.from_triples([("鼻涕虫（软体动物）", "中文学名", "鼻涕虫"), ("鼻涕虫（软体动物）", "界", "动物界")])
    result, message = kg.find_entity_or_value(["鼻涕虫"], ["中文学名"])
    assert result == ["鼻涕虫"] and message.startswith("“鼻涕虫（软体动物）”的中文学名是")


def test_long_results_are_complete_but_messages_truncated() -> None:
    kg = NetworkXKG.from_triples([("中国", "城市", f"城市{i}") for i in range(100)])
    result, message = kg.find_entity_or_value("中国", "城市")
    assert len(result) == 100
    assert "等共100个" in message and "城市99" not in message


def test_many_entities_passed_on_are_bounded() -> None:
    kg = NetworkXKG.from_triples([(f"书{i}", "作者", "某人") for i in range(300)])
    books, _ = kg.find_entity_or_value("某人", "作品")
    assert len(books) == 300
    authors, _ = kg.find_entity_or_value(books, "作者")
    assert authors == ["某人"]


def test_two_hop_prefers_chains_and_rare_intermediates() -> None:
    triples = [("甲", "国籍", "中国"), ("乙", "国籍", "中国"), ("甲", "代表作品", "某片"), ("乙", "代表作品", "某片")]
    triples += [(f"路人{i}", "国籍", "中国") for i in range(20)]
    triples += [("甲", "老师", "丙"), ("丙", "老师", "乙")]
    paths, _ = NetworkXKG.from_triples(triples).find_relationship("甲", "乙")
    assert paths[0] == [["甲", "老师", "丙"], ["丙", "老师", "乙"]]  # a chain first
    assert paths[1][0] == ["甲", "代表作品", "某片"]  # then the rarer shared neighbour
    assert paths[2][0] == ["甲", "国籍", "中国"]


def test_same_entity_twice() -> None:
    result, message = small().find_relationship("三体", "《三体》")
    assert result is None and "同一个实体" in message


def test_edges_stable_order() -> None:
    kg = small()
    assert kg.edges("刘慈欣") == kg.edges("刘慈欣")
    assert [e.direction for e in kg.edges("刘慈欣")] == ["out", "out", "in"]
    assert kg.edges("不存在") == []


def test_fuzzy_linking_needs_a_close_name() -> None:
    kg = small()
    assert kg.link_entity("刘慈心")[0] == "刘慈欣"
    assert kg.link_entity("张三丰") == []


def test_one_character_mention_is_not_fuzzy_matched() -> None:
    assert small().link_entity("刘") == []


def test_a_relation_whose_name_starts_with_the_inverse_mark_is_asked_literally():
    from kg.networkx_kg import NetworkXKG

    kg = NetworkXKG.from_triples([("三体", "^作者", "刘慈欣"), ("球场", "主队", "某队")])
    # "^作者" was read as the incoming 作者 edges: the KG said it had no such relation while listing it
    assert kg.find_entity_or_value(["三体"], ["^作者"])[0] == ["刘慈欣"]
    assert kg.find_entity_or_value(["某队"], ["^主队"])[0] == ["球场"]  # the mark still means the other direction
