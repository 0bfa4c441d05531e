"""The offline planner on small KGs written here: each question pattern, and a KG with other words."""

import json

import pytest

from agent.plan import parse_plan
from agent.planner import OfflinePlanner
from kg.networkx_kg import NetworkXKG

TRIPLES = [
    ("三体", "作者", "刘慈欣"), ("三体", "类型", "科幻小说"), ("三体", "英文名", "The Three-Body Problem"),
    ("刘慈欣", "妻子", "赵某"), ("刘慈欣", "出生地", "北京"), ("流浪地球", "作者", "刘慈欣"),
    ("流浪地球（电影）", "导演", "郭帆"), ("流浪地球（电影）", "原著", "流浪地球"), ("郭帆", "出生日期", "1980年12月15日"),
]


@pytest.fixture(scope="module")
def kg():
    return NetworkXKG.from_triples(TRIPLES)


@pytest.fixture(scope="module")
def planner(kg):
    return OfflinePlanner(kg)


def run(kg, raw):
    """Parse the raw plan as the agent does, execute its code against the KG, return (plan, calls)."""
    plan = parse_plan(raw)
    calls = []

    def recording(function):
        def call(*args, **kwargs):
            result = function(*args, **kwargs)
            calls.append((function.__name__, args, kwargs, result[0]))
            return result
        return call

    scope = {name: recording(getattr(kg, name)) for name in ("get_entity_info", "find_entity_or_value", "find_relationship")}
    if plan.code:
        exec(plan.code, scope)
        scope["search"]()
    return plan, calls


def test_the_plan_is_valid_json_with_the_prompt_shape(planner):
    raw = json.loads(planner.plan("三体的作者是谁？"))
    assert raw["need_knowledge"] == "是"
    assert raw["code"].startswith("def search():\n\tmessages = ''\n") and raw["code"].endswith("\treturn messages\n")
    assert "基线" in raw["thought"]


def test_an_attribute_question_asks_the_relation_by_its_graph_name_first(kg, planner):
    _, calls = run(kg, planner.plan("三体的作者是谁？"))
    assert calls[0][0] == "find_entity_or_value"
    assert calls[0][2]["relation_aliases"][0] == "作者"
    assert calls[0][3] == ["刘慈欣"]


def test_a_synonym_of_the_relation_finds_it(kg, planner):
    _, calls = run(kg, planner.plan("谁写了三体"))
    assert calls[0][3] == ["刘慈欣"]


def test_a_chain_chains_the_result_variable(kg, planner):
    plan, calls = run(kg, planner.plan("三体的作者的妻子是谁？"))
    assert "entity_aliases = result1" in plan.code
    assert [c[3] for c in calls] == [["刘慈欣"], ["赵某"]]


def test_an_inverse_question_uses_the_incoming_relation(kg, planner):
    plan, calls = run(kg, planner.plan("刘慈欣写过哪些作品"))
    assert set(calls[0][3]) == {"三体", "流浪地球"}
    assert "反向" in plan.thought


def test_a_relationship_question_calls_find_relationship(kg, planner):
    _, calls = run(kg, planner.plan("三体和刘慈欣是什么关系？"))
    assert calls[0][0] == "find_relationship"


def test_an_introduction_fetches_the_entry(kg, planner):
    _, calls = run(kg, planner.plan("介绍一下刘慈欣"))
    assert calls[0][0] == "get_entity_info" and calls[0][3]["name"] == "刘慈欣"


def test_a_pronoun_in_a_compound_question_refers_to_the_first_answer(kg, planner):
    plan, calls = run(kg, planner.plan("三体的作者是谁？他的出生地在哪里？"))
    assert "if result1:" in plan.code
    assert calls[-1][3] == ["北京"]


def test_a_pronoun_with_history_refers_to_the_last_turn(kg, planner):
    _, calls = run(kg, planner.plan("他的妻子是谁？", history=[("三体的作者是谁？", "三体的作者是刘慈欣。")]))
    assert calls[-1][3] == ["赵某"]


def test_a_thing_pronoun_refers_to_the_last_topic_not_the_person_found(kg, planner):
    _, calls = run(kg, planner.plan("这部作品是什么类型的？", history=[("三体的作者是谁？", "三体的作者是刘慈欣。")]))
    assert calls[-1][3] == ["科幻小说"]


def test_a_pronoun_in_a_relationship_question_is_resolved_from_history(kg, planner):
    _, calls = run(kg, planner.plan("他和三体是什么关系？", history=[("三体的作者是谁？", "三体的作者是刘慈欣。")]))
    assert calls[0][0] == "find_relationship"
    assert calls[0][2]["entity1_aliases"][0] == "刘慈欣"


def test_a_hop_the_question_names_in_other_words_is_taken_when_few_relations_remain():
    # "住在哪" shares no character with 居所, but the question says more than 主要人物 explains.
    small = NetworkXKG.from_triples([("鬼城", "主要人物", "冥王"), ("冥王", "居所", "冥府")])
    _, calls = run(small, OfflinePlanner(small).plan("鬼城的主要人物住在哪？"))
    assert [c[3] for c in calls] == [["冥王"], ["冥府"]]


def test_two_relations_joined_by_and_are_both_asked(kg, planner):
    _, calls = run(kg, planner.plan("刘慈欣的妻子和出生地是什么？"))
    assert [c[3] for c in calls] == [["赵某"], ["北京"]]


def test_asking_for_the_others_goes_back_along_the_same_relation(kg, planner):
    _, calls = run(kg, planner.plan("三体的作者还写过什么？"))
    assert calls[0][3] == ["刘慈欣"]
    assert set(calls[-1][3]) == {"三体", "流浪地球"}


def test_a_choice_question_does_not_take_an_option_for_its_topic():
    small = NetworkXKG.from_triples([("妈咪", "作品状态", "连载中"), ("某小说", "连载状态", "已完结")])
    _, calls = run(small, OfflinePlanner(small).plan("妈咪是连载中还是已完结？"))
    assert calls[0][0] == "get_entity_info" and calls[0][3]["name"] == "妈咪"


def test_the_disambiguation_the_question_echoes_picks_the_entity(kg, planner):
    _, calls = run(kg, planner.plan("电影流浪地球的导演是谁"))
    assert calls[0][3] == ["郭帆"]


@pytest.mark.parametrize("question", ["你好", "谢谢！", "1+2等于几？", "帮我写一首关于春天的小诗", "今天天气怎么样"])
def test_questions_without_knowledge_need_none(planner, question):
    plan = parse_plan(planner.plan(question))
    assert plan.need_knowledge is False and not plan.code


def test_a_mentioned_entity_means_knowledge_is_needed(planner):
    assert parse_plan(planner.plan("刘慈欣")).need_knowledge is True


def test_english_questions_reach_chinese_names_through_aliases(kg, planner):
    _, calls = run(kg, planner.plan("Who wrote The Three-Body Problem?"))
    assert calls[0][3] == ["刘慈欣"]


def test_a_kg_with_entirely_different_vocabulary_works():
    products = NetworkXKG.from_triples([
        ("Pixel 8", "brand", "Google"), ("Pixel 8", "price", "699 USD"), ("Google", "headquarters", "Mountain View"),
        ("Galaxy S24", "brand", "Samsung"), ("Samsung", "headquarters", "Suwon"),
    ])
    planner = OfflinePlanner(products)
    _, calls = run(products, planner.plan("What is the price of the Pixel 8?"))
    assert calls[0][3] == ["699 USD"]
    _, calls = run(products, planner.plan("Where is the headquarters of the brand of Galaxy S24?"))
    assert calls[-1][3] == ["Suwon"]


def test_a_kg_without_vocabulary_is_refused_clearly():
    class OnlyThreeFunctions:
        def get_entity_info(self, entity_aliases): return None, ""
        def find_entity_or_value(self, entity_aliases, relation_aliases): return None, ""
        def find_relationship(self, entity1_aliases, entity2_aliases): return None, ""

    with pytest.raises(TypeError, match="KGVocabulary"):
        OfflinePlanner(OnlyThreeFunctions())
