"""One table of behaviours every KnowledgeGraph backend must show, run against each backend.

A new backend adds one factory to BACKENDS: a function from a list of triples (and a temporary
directory of its own) to a KG object.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg import KGVocabulary, KnowledgeGraph, NetworkXKG
from kg.sparql import SparqlKG
from kg.store import StoreKG, build_store, open_store

TRIPLES = [
    ("三体", "作者", "刘慈欣"),
    ("三体", "类型", "科幻小说"),
    ("三体", "出版社", "重庆出版社"),
    ("球状闪电", "作者", "刘慈欣"),
    ("刘慈欣", "出生地", "北京"),
    ("刘慈欣", "别名", "大刘"),
    ("刘慈欣", "国籍", "中国"),
    ("中国", "首都", "北京"),
    ("刘晓华（广东工业大学教授）", "主讲课程", "《固体物理》"),
    ("刘晓华（广东工业大学教授）", "性别", "男"),
    ("刘晓华（演员）", "代表作品", "《星光》"),
    ("刘晓华（演员）", "性别", "女"),
    ("姚明", "妻子", "叶莉"),
    ("姚明", "身高", "226厘米"),
    ("叶莉", "职业", "篮球运动员"),
    ("活着（余华小说）", "作者", "余华"),
    ("活着(电影)", "导演", "张艺谋"),
    ("张艺谋", "导演作品", "英雄"),
    ("Apple Inc.", "创始人", "史蒂夫·乔布斯"),
    ("Apple Inc.", "简称", "Apple"),
    ("《红楼梦》", "作者", "曹雪芹"),
    ("曹雪芹", "朝代", "清朝"),
]


def _from_graph(triples: list[tuple[str, str, str]]) -> NetworkXKG:
    graph = nx.MultiDiGraph()
    for s, r, o in triples:
        graph.add_edge(s, o, key=r, relation=r)
    return NetworkXKG(graph)


def _from_store(triples: list[tuple[str, str, str]], tmp: Path, request: pytest.FixtureRequest) -> StoreKG:
    source = tmp / "triples.tsv"
    source.write_text("".join(f"{s}\t{r}\t{o}\n" for s, r, o in triples), encoding="utf-8")
    build_store(source, tmp / "kg.kgdb")
    return open_store(tmp / "kg.kgdb")


def _from_server(fixture: str) -> Callable[..., SparqlKG]:
    """A SPARQL backend over a real server (tests/kg/conftest.py starts it), the triples in a graph of their own."""

    def factory(triples: list[tuple[str, str, str]], tmp: Path, request: pytest.FixtureRequest) -> SparqlKG:
        server = request.getfixturevalue(fixture)
        return SparqlKG(server.url, graph=server.load(triples))

    return factory


BACKENDS: dict[str, Callable[..., Any]] = {
    "networkx.from_triples": lambda triples, tmp, request: NetworkXKG.from_triples(triples),
    "networkx.graph": lambda triples, tmp, request: _from_graph(triples),
    "store": _from_store,
    "sparql.virtuoso": _from_server("virtuoso"),
    "sparql.oxigraph": _from_server("oxigraph"),
}


@pytest.fixture(scope="module", params=list(BACKENDS))
def kg(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return BACKENDS[request.param](TRIPLES, tmp_path_factory.mktemp(request.param.replace(".", "_")), request)


@dataclass
class Case:
    id: str
    function: str
    args: tuple
    result: Any  # the exact expected result, or a predicate on it
    says: tuple[str, ...] = ()  # substrings the message must contain


CASES = [
    # find_entity_or_value: argument forms
    Case("find-lists", "find_entity_or_value", (["三体"], ["作者"]), ["刘慈欣"], ("三体", "作者", "刘慈欣")),
    Case("find-strings", "find_entity_or_value", ("三体", "作者"), ["刘慈欣"]),
    Case("find-tuple-args", "find_entity_or_value", (("三体",), ("作者",)), ["刘慈欣"]),
    Case("find-none-entity", "find_entity_or_value", (None, ["作者"]), None, ("作者",)),
    Case("find-empty-entity", "find_entity_or_value", ([], ["作者"]), None),
    Case("find-blank-string", "find_entity_or_value", ("  ", "作者"), None),
    Case("find-none-relation", "find_entity_or_value", (["三体"], None), None, ("三体",)),
    Case("find-both-none", "find_entity_or_value", (None, None), None),
    # linking
    Case("find-book-marks", "find_entity_or_value", (["《三体》"], ["作者"]), ["刘慈欣"]),
    Case("find-bare-name-to-marked", "find_entity_or_value", (["红楼梦"], ["作者"]), ["曹雪芹"]),
    Case("find-alias", "find_entity_or_value", (["大刘"], ["出生地"]), ["北京"], ("刘慈欣", "大刘")),
    Case("find-alias-as-fact", "find_entity_or_value", (["刘慈欣"], ["别名"]), ["大刘"]),
    Case("find-abbreviation-alias", "find_entity_or_value", (["Apple"], ["创始人"]), ["史蒂夫·乔布斯"]),
    Case("find-case-and-space", "find_entity_or_value", (["apple  inc."], ["创始人"]), ["史蒂夫·乔布斯"]),
    Case("find-suffix-prefers-relation", "find_entity_or_value", (["刘晓华"], ["主讲课程"]), ["《固体物理》"],
         ("刘晓华（广东工业大学教授）", "刘晓华（演员）")),
    Case("find-suffix-other-relation", "find_entity_or_value", (["刘晓华"], ["代表作品"]), ["《星光》"], ("刘晓华（演员）",)),
    Case("find-half-width-suffix-mention", "find_entity_or_value", (["刘晓华(演员)"], ["性别"]), ["女"]),
    Case("find-half-width-suffix-in-kg", "find_entity_or_value", (["活着"], ["导演"]), ["张艺谋"], ("活着(电影)",)),
    Case("find-mention-suffix-differs", "find_entity_or_value", (["活着（小说）"], ["作者"]), ["余华"]),
    Case("find-fuzzy-entity", "find_entity_or_value", (["刘慈新"], ["出生地"]), ["北京"], ("刘慈新", "刘慈欣")),
    Case("find-unknown-entity", "find_entity_or_value", (["不存在的书"], ["作者"]), None, ("没有", "不存在的书")),
    # relations
    Case("find-synonym", "find_entity_or_value", (["刘慈欣"], ["出生在"]), ["北京"], ("出生地",)),
    Case("find-colloquial-synonym", "find_entity_or_value", (["姚明"], ["老婆"]), ["叶莉"], ("妻子",)),
    Case("find-alias-list-first-that-exists", "find_entity_or_value", (["三体"], ["写", "作者"]), ["刘慈欣"]),
    Case("find-inverse-lexicon", "find_entity_or_value", (["刘慈欣"], ["作品"]), ["三体", "球状闪电"], ("作者", "刘慈欣")),
    Case("find-incoming-same-relation", "find_entity_or_value", (["刘慈欣"], ["作者"]), ["三体", "球状闪电"]),
    Case("find-inverse-spouse", "find_entity_or_value", (["叶莉"], ["丈夫"]), ["姚明"], ("妻子",)),
    Case("find-inverse-director", "find_entity_or_value", (["英雄"], ["导演"]), ["张艺谋"]),
    Case("find-fuzzy-relation", "find_entity_or_value", (["刘晓华（广东工业大学教授）"], ["课程"]), ["《固体物理》"], ("主讲课程",)),
    Case("find-unknown-relation-lists-relations", "find_entity_or_value", (["三体"], ["价格"]), None,
         ("三体", "价格", "作者", "类型", "出版社")),
    # several entities: aliases of one, or a result passed on
    Case("find-several-aliases-one-entity", "find_entity_or_value", (["三体", "《三体》", "三体（小说）"], ["作者"]), ["刘慈欣"]),
    Case("find-several-entities-deduplicated", "find_entity_or_value", (["三体", "球状闪电"], ["作者"]), ["刘慈欣"]),
    Case("find-several-entities-only-those-with-relation", "find_entity_or_value", (["三体", "球状闪电"], ["出版社"]), ["重庆出版社"]),
    Case("find-unknown-alias-ignored", "find_entity_or_value", (["不存在的书", "三体"], ["作者"]), ["刘慈欣"]),
    # get_entity_info
    Case("info-entity", "get_entity_info", (["三体"],),
         lambda r: r["name"] == "三体" and r["facts"]["作者"] == ["刘慈欣"] and r["facts"]["出版社"] == ["重庆出版社"],
         ("三体", "刘慈欣", "科幻小说")),
    Case("info-string", "get_entity_info", ("三体",), lambda r: r["name"] == "三体"),
    Case("info-reverse-and-aliases", "get_entity_info", (["刘慈欣"],),
         lambda r: r["reverse_facts"]["作者"] == ["三体", "球状闪电"] and "大刘" in r["aliases"]),
    Case("info-by-alias", "get_entity_info", (["大刘"],), lambda r: r["name"] == "刘慈欣"),
    Case("info-value-node", "get_entity_info", (["北京"],),
         lambda r: r["facts"] == {} and r["reverse_facts"] == {"出生地": ["刘慈欣"], "首都": ["中国"]}),
    Case("info-suffix", "get_entity_info", (["刘晓华"],), lambda r: r["name"].startswith("刘晓华（"), ("刘晓华",)),
    Case("info-none", "get_entity_info", (None,), None),
    Case("info-empty", "get_entity_info", ([],), None),
    Case("info-unknown", "get_entity_info", (["不存在的书"],), None, ("不存在的书",)),
    # find_relationship
    Case("rel-direct", "find_relationship", (["姚明"], ["叶莉"]), [[["姚明", "妻子", "叶莉"]]], ("妻子",)),
    Case("rel-direct-reversed-keeps-direction", "find_relationship", (["叶莉"], ["姚明"]), [[["姚明", "妻子", "叶莉"]]]),
    Case("rel-direct-strings", "find_relationship", ("刘慈欣", "北京"), [[["刘慈欣", "出生地", "北京"]]]),
    Case("rel-two-hop-chain", "find_relationship", (["三体"], ["中国"]), [[["三体", "作者", "刘慈欣"], ["刘慈欣", "国籍", "中国"]]], ("刘慈欣",)),
    Case("rel-two-hop-shared", "find_relationship", (["三体"], ["球状闪电"]),
         [[["三体", "作者", "刘慈欣"], ["球状闪电", "作者", "刘慈欣"]]], ("刘慈欣",)),
    Case("rel-linked-mentions", "find_relationship", (["大刘"], ["《三体》"]), [[["三体", "作者", "刘慈欣"]]]),
    Case("rel-none", "find_relationship", (["姚明"], ["曹雪芹"]), None, ("姚明", "曹雪芹")),
    Case("rel-unknown-entity", "find_relationship", (["姚明"], ["不存在的人"]), None, ("不存在的人",)),
    Case("rel-none-argument", "find_relationship", (None, ["姚明"]), None),
    Case("rel-empty-argument", "find_relationship", (["姚明"], []), None),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(kg: Any, case: Case) -> None:
    result, message = getattr(kg, case.function)(*case.args)
    if callable(case.result):
        assert result is not None and case.result(result), result
    else:
        assert result == case.result
    assert isinstance(message, str) and message.strip(), "every call explains itself"
    assert "\n" not in message and message.endswith("。"), message
    for text in case.says:
        assert text in message, (text, message)
    json.dumps(result, ensure_ascii=False)  # results cross the sandbox boundary as JSON


def test_backend_implements_both_protocols(kg: Any) -> None:
    assert isinstance(kg, KnowledgeGraph)
    assert isinstance(kg, KGVocabulary)


def test_chain_author_then_works(kg: Any) -> None:
    authors, _ = kg.find_entity_or_value(["三体"], ["作者", "创作", "写作"])
    works, message = kg.find_entity_or_value(authors, ["作品", "创作", "写作"])
    assert works == ["三体", "球状闪电"]
    assert "刘慈欣" in message


def test_failed_call_result_feeds_next_call_without_raising(kg: Any) -> None:
    nothing, _ = kg.find_entity_or_value(["不存在的书"], ["作者"])
    for function, args in [("find_entity_or_value", (nothing, ["作品"])), ("get_entity_info", (nothing,)),
                           ("find_relationship", (nothing, nothing))]:
        result, message = getattr(kg, function)(*args)
        assert result is None and message


@pytest.mark.parametrize("junk", [123, 4.5, [None, 7], {"a": 1}, [["三体"]], b"bytes", object()])
def test_odd_argument_types_never_raise(kg: Any, junk: Any) -> None:
    for function, args in [("find_entity_or_value", (junk, junk)), ("get_entity_info", (junk,)),
                           ("find_relationship", (junk, junk))]:
        result, message = getattr(kg, function)(*args)
        assert isinstance(message, str) and message
        json.dumps(result, ensure_ascii=False)


def test_nested_list_from_a_path_result_is_flattened(kg: Any) -> None:
    assert kg.find_entity_or_value([["三体"]], ["作者"])[0] == ["刘慈欣"]


def test_vocabulary(kg: Any) -> None:
    mentions = set(kg.mentions())
    assert ("刘晓华", "刘晓华（广东工业大学教授）") in mentions
    assert ("大刘", "刘慈欣") in mentions
    assert ("三体", "三体") in mentions
    assert set(kg.relation_names()) >= {"作者", "别名", "主讲课程"}
    assert sorted(kg.triples()) == sorted(TRIPLES)
    edges = kg.edges("刘慈欣")
    assert ("作者", "in", "三体") in edges and ("出生地", "out", "北京") in edges
    assert kg.link_entity("刘晓华")[0].startswith("刘晓华（")
    assert kg.link_entity("大刘")[0] == "刘慈欣"
    assert kg.link_entity("完全无关的名字") == []
