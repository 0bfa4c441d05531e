"""Path search over a graph view: hops earned by the words they explain (invented questions)."""

from agent.offline.graph import GraphView
from agent.offline.search import Hop, best_path, typed_hop, with_real_name
from kg.networkx_kg import NetworkXKG

KG = NetworkXKG.from_triples([
    ("星海", "作者", "林一"), ("林一", "出生地", "南城"), ("林一", "妻子", "周二"), ("南城", "所属省份", "东省"),
    ("林一", "代表作品", "星海"), ("林一", "代表作品", "月河（小说）"), ("月河（小说）", "类型", "小说"),
    ("明宗", "本名", "李三"), ("太子甲", "父亲", "明宗"),
])
VIEW = GraphView(KG)


def test_a_chain_of_two_hops():
    path = best_path(VIEW, ["星海"], "□□的作者的出生地在哪里", "zh")
    assert path.hops == (Hop("作者", "out"), Hop("出生地", "out")) and path.nodes == ("南城",)


def test_three_hops_when_the_words_ask_for_three():
    path = best_path(VIEW, ["星海"], "□□作者的出生地属于哪个省份", "zh")
    assert [hop.relation for hop in path.hops] == ["作者", "出生地", "所属省份"]


def test_an_incoming_edge_named_by_its_inverse_word():
    path = best_path(VIEW, ["林一"], "□□的作品有哪些", "zh")
    assert path.hops[0] in (Hop("代表作品", "out"), Hop("作者", "in"))


def test_no_content_left_means_no_path():
    assert best_path(VIEW, ["星海"], "□□是什么", "zh") is None


def test_a_kind_asked_leads_to_the_relation_with_such_objects():
    path = typed_hop(VIEW, ["林一"], ["小说"])
    assert path.hops == (Hop("代表作品", "out"),)


def test_asking_a_name_adds_the_real_name_of_a_titled_person():
    path = best_path(VIEW, ["太子甲"], "□□□的父亲", "zh")
    assert with_real_name(VIEW, path).nodes == ("李三",)
