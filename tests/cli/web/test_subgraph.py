"""The subgraph the page draws, from Call records written out here (findings as kg.findings makes them)."""

from agent.types import Call
from cli.web import subgraph as sg
from cli.web.subgraph import entry_subgraph, subgraph


def match(entity, relation, values, direction="out", requested=None, via="literal"):
    return {"kind": "match", "entity": entity, "relation": relation, "requested": requested or relation,
            "direction": direction, "via": via, "values": values, "note": ""}


def call(function, findings, result=None, **arguments):
    return Call(function=function, arguments=arguments, result=result, message="…", findings=findings)


def edges(graph):
    return {(e["source"], e["relation"], e["target"]) for e in graph["edges"]}


def answers(graph):
    return [n["id"] for n in graph["nodes"] if n["answer"]]


def test_a_two_hop_chain_keeps_kg_direction_and_marks_the_final_values_the_answer_names():
    calls = [call("find_entity_or_value", [match("三体", "作者", ["刘慈欣"])], ["刘慈欣"]),
             call("find_entity_or_value", [match("刘慈欣", "代表作品", ["球状闪电", "超新星纪元"])], ["球状闪电", "超新星纪元"])]
    graph = subgraph(calls, "刘慈欣还写过球状闪电。")
    assert edges(graph) == {("三体", "作者", "刘慈欣"), ("刘慈欣", "代表作品", "球状闪电"), ("刘慈欣", "代表作品", "超新星纪元")}
    assert answers(graph) == ["球状闪电"]


def test_final_values_are_all_marked_when_the_answer_names_none_of_them():
    graph = subgraph([call("find_entity_or_value", [match("择天记", "男主角", ["鹿晗"])], ["鹿晗"])], "Lu Han.")
    assert answers(graph) == ["鹿晗"]


def test_an_inverse_hop_points_along_the_kg_edge_and_says_what_was_asked():
    found = match("刘慈欣", "作者", ["三体"], direction="in", requested="作品", via="inverse")
    graph = subgraph([call("find_entity_or_value", [found], ["三体"])], "三体")
    assert graph["edges"] == [{"source": "三体", "target": "刘慈欣", "relation": "作者", "inverse": True, "asked": "作品"}]
    assert answers(graph) == ["三体"]


def test_relationship_paths_become_edges_without_answer_nodes():
    paths = [[["刘慈欣", "代表作品", "三体"]], [["三体", "作者", "刘慈欣"]]]
    graph = subgraph([call("find_relationship", [{"kind": "paths", "a": "刘慈欣", "b": "三体", "direct": True}], paths)])
    assert edges(graph) == {("刘慈欣", "代表作品", "三体"), ("三体", "作者", "刘慈欣")}
    assert answers(graph) == []


def test_an_entry_draws_facts_both_ways_up_to_its_limit_and_counts_the_rest():
    facts = {f"关系{i}": [f"值{i}"] for i in range(sg.MAX_ENTRY_EDGES + 3)}
    info = {"name": "鹿晗", "aliases": [], "facts": facts, "reverse_facts": {"主演": ["择天记"]}}
    graph = subgraph([call("get_entity_info", [{"kind": "entry", "entity": "鹿晗", "note": ""}], info)])
    assert len(graph["edges"]) == sg.MAX_ENTRY_EDGES and graph["dropped"] == 4  # 3 facts + the incoming one
    browsed = entry_subgraph(info)
    assert ("择天记", "主演", "鹿晗") in edges(browsed) and answers(browsed) == ["鹿晗"]


def test_failed_lookups_still_show_the_entity_they_reached():
    found = {"kind": "no_relation", "entity": "鹿晗", "relations": ["身高"], "out": ["出生地"], "in": []}
    graph = subgraph([call("find_entity_or_value", [found])])
    assert graph["nodes"] == [{"id": "鹿晗", "answer": False}] and graph["edges"] == []


def test_a_backend_without_findings_is_drawn_from_arguments_and_results():
    plain = Call(function="find_entity_or_value", arguments={"entity_aliases": ["三体"], "relation_aliases": ["作者", "写"]},
                 result=["刘慈欣"], message="“三体”的作者是：刘慈欣。")
    graph = subgraph([plain], "刘慈欣")
    assert edges(graph) == {("三体", "作者", "刘慈欣")} and answers(graph) == ["刘慈欣"]


def test_a_hub_is_cut_at_the_node_limit_and_says_how_many_edges_were_left_out():
    values = [f"作品{i}" for i in range(sg.MAX_NODES + 10)]
    graph = subgraph([call("find_entity_or_value", [match("某人", "作品", values)], values)])
    assert len(graph["nodes"]) == sg.MAX_NODES and graph["dropped"] == 11
