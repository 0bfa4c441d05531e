"""The offline planner on small KGs written here: each question pattern, and a KG with other words."""

import json

import pytest

from agent.plan import parse_plan
from agent.offline import OfflinePlanner
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


# ---------------------------------------------------------------------- quality fixes: when to go back, type words, missing relations

WORKS = NetworkXKG.from_triples([
    ("某剧", "男主角", "甲"), ("甲", "代表作品", "某剧"), ("甲", "代表作品", "某片（电影）"),
    ("某片（电影）", "主演", "甲"), ("某片（电影）", "主演", "乙"), ("乙", "代表作品", "某片（电影）"),
    ("星河（小说）", "作者", "丙"), ("暗夜（小说）", "作者", "丙"), ("丙", "代表作品", "星河（小说）"),
    ("丙", "代表作品", "暗夜（小说）"), ("星河（动画）", "原著", "星河（小说）"), ("丙", "出生地", "南城"),
    ("丁某", "出生地", "北城"), ("丁某", "职业", "画家"), ("丁某", "儿子", "戊某"), ("戊某", "职业", "乐手"),
])


def test_also_in_the_sense_of_in_addition_does_not_go_back_along_the_relation():
    # 还 before the relation word means "in addition": 甲's works, not the others starring in them.
    planner = OfflinePlanner(WORKS)
    _, calls = run(WORKS, planner.plan("某剧的男主角是谁？他还有什么代表作品？"))
    assert [c[3] for c in calls] == [["甲"], ["某剧", "某片（电影）"]]
    _, calls = run(WORKS, planner.plan("甲的代表作品还有哪些"))
    assert len(calls) == 1 and calls[0][3] == ["某剧", "某片（电影）"]


def test_the_same_subject_asked_with_tong_yi_ge_goes_back_along_the_relation(kg, planner):
    _, calls = run(kg, planner.plan("和三体是同一个作者的还有哪些？"))
    assert calls[0][3] == ["刘慈欣"] and set(calls[-1][3]) == {"三体", "流浪地球"}


def test_a_type_word_after_the_works_filters_them_and_adds_no_hop():
    planner = OfflinePlanner(WORKS)
    _, calls = run(WORKS, planner.plan("丙写过哪些小说"))
    assert len(calls) == 1 and set(calls[0][3]) == {"星河（小说）", "暗夜（小说）"}


def test_a_kind_word_naming_an_edge_is_a_fact_question_not_an_introduction():
    planner = OfflinePlanner(WORKS)
    _, calls = run(WORKS, planner.plan("丙的作品有哪些"))
    assert calls[0][0] == "find_entity_or_value" and set(calls[0][3]) == {"星河（小说）", "暗夜（小说）"}
    # No edge is named, but one edge leads to things of the kind asked.
    _, calls = run(WORKS, planner.plan("丙的小说有哪些"))
    assert calls[0][0] == "find_entity_or_value" and set(calls[0][3]) == {"星河（小说）", "暗夜（小说）"}


def test_a_missing_relation_is_asked_so_the_kg_says_it_is_missing():
    planner = OfflinePlanner(WORKS)
    _, calls = run(WORKS, planner.plan("丁某的妻子是谁"))
    # 儿子 shares 子 with 妻子 but is another relation: it is not taken for it.
    assert calls[0][0] == "find_entity_or_value" and "妻子" in calls[0][2]["relation_aliases"]
    assert calls[0][3] is None and calls[1][0] == "get_entity_info"


def test_a_repeated_character_of_a_relation_is_explained_too():
    small = NetworkXKG.from_triples([("甲", "弟弟", "乙"), ("乙", "职业", "作家")])
    _, calls = run(small, OfflinePlanner(small).plan("甲的弟弟是谁"))
    assert [c[3] for c in calls] == [["乙"]]


def test_a_name_question_after_a_relation_asks_the_relation():
    small = NetworkXKG.from_triples([("甲", "妻子", "乙"), ("甲", "本名", "甲某")])
    _, calls = run(small, OfflinePlanner(small).plan("甲的妻子叫什么名字"))
    assert [c[3] for c in calls] == [["乙"]]


def test_a_person_pronoun_prefers_the_person_found_over_a_one_character_match_on_the_topic():
    small = NetworkXKG.from_triples([("甲", "妻子", "乙"), ("某公司", "创始人", "甲"), ("乙", "职业", "演员")])
    _, calls = run(small, OfflinePlanner(small).plan("甲的妻子是谁？她是哪国人？"))
    assert calls[0][3] == ["乙"] and calls[-1][0] == "get_entity_info" and calls[-1][3]["name"] == "乙"


def test_an_english_frame_around_a_chinese_name_reads_the_english_relation_words(kg, planner):
    _, calls = run(kg, planner.plan("Who is the author of 三体?"))
    assert calls[0][3] == ["刘慈欣"]
    _, calls = run(kg, planner.plan("When was 郭帆 born?"))
    assert calls == [calls[0]] and calls[0][3] == ["1980年12月15日"]


def test_an_introduction_naming_a_kind_keeps_the_candidate_of_that_kind():
    small = NetworkXKG.from_triples([("某书", "类别", "小说"), ("某书", "作者", "甲"), ("某书（电视剧）", "原著", "某书"),
                                     ("某书（电视剧）", "类别", "电视剧")])
    _, calls = run(small, OfflinePlanner(small).plan("某书是什么小说"))
    assert [c[3]["name"] for c in calls] == ["某书"]


# ---------------------------------------------------------------- held-out misses, as general rules

def test_river_verbs_and_coach_words_reach_their_relations_through_the_lexicon():
    small = NetworkXKG.from_triples([("某河", "注入", "某海"), ("某河", "流经", "甲省"), ("某队", "主教练", "乙")])
    planner = OfflinePlanner(small)
    assert [c[3] for c in run(small, planner.plan("某河最后流进了哪个海？"))[1]] == [["某海"]]
    assert [c[3] for c in run(small, planner.plan("某队现在的主帅是谁？"))[1]] == [["乙"]]


FAMILY = NetworkXKG.from_triples([
    ("甲帝", "父亲", "乙帝"), ("乙帝", "父亲", "丙帝"), ("乙帝", "本名", "乙某"), ("甲帝", "年号", "甲号"),
    ("乙帝", "年号", "乙号"), ("甲帝", "所属朝代", "某朝"),
])


def test_grandparents_and_grandchildren_are_composed_from_parent_edges_when_the_kg_lacks_them():
    planner = OfflinePlanner(FAMILY)
    _, calls = run(FAMILY, planner.plan("甲帝的爷爷是谁"))
    assert [c[3] for c in calls] == [["乙帝"], ["丙帝"]]
    _, calls = run(FAMILY, planner.plan("丙帝的孙子是谁"))
    assert calls[-1][3] == ["甲帝"]


def test_a_recorded_grandparent_edge_is_read_from_either_side_and_a_pronoun_follows_the_answer():
    small = NetworkXKG.from_triples([("孙某", "祖父", "祖某"), ("孙某", "所属朝代", "某朝"), ("祖某", "本名", "祖本名")])
    _, calls = run(small, OfflinePlanner(small).plan("祖某的孙子是谁？他建立了哪个朝代？"))
    assert calls[0][3] == ["孙某"] and ["某朝"] in [c[3] for c in calls[1:]]


def test_a_colloquial_parent_word_is_the_parent_relation_and_a_name_question_asks_the_real_name():
    _, calls = run(FAMILY, OfflinePlanner(FAMILY).plan("甲帝他爸叫什么名字？"))
    assert [c[3] for c in calls] == [["乙帝"], ["乙某"]]


def test_a_past_marker_prefers_the_former_relation_and_a_restating_verb_adds_no_hop():
    small = NetworkXKG.from_triples([("某球星", "效力球队", "甲队"), ("某球星", "曾效力球队", "乙队"),
                                     ("某球星", "曾效力球队", "丙队"), ("甲队", "所在城市", "甲城"), ("乙队", "所在城市", "乙城")])
    planner = OfflinePlanner(small)
    _, calls = run(small, planner.plan("某球星以前在哪些球队打过球？"))
    assert len(calls) == 1 and set(calls[0][3]) == {"乙队", "丙队"}
    _, calls = run(small, planner.plan("某球星现在在哪个球队"))
    assert [c[3] for c in calls] == [["甲队"]]


def test_a_bare_value_naming_an_entity_stands_for_it_in_relationship_and_introduction_questions():
    planner = OfflinePlanner(FAMILY)
    _, calls = run(FAMILY, planner.plan("乙号和甲号是啥关系"))
    assert calls[0][0] == "find_relationship" and calls[0][3]
    _, calls = run(FAMILY, planner.plan("介绍一下甲号"))
    assert calls[0][0] == "get_entity_info" and calls[0][3]["name"] == "甲帝"
    # A question about the value itself still reads it as a value.
    _, calls = run(FAMILY, planner.plan("甲号是谁的年号"))
    assert calls[0][3] == ["甲帝"]


@pytest.mark.parametrize("question", ["某朝是个什么样的朝代", "某公司是一家什么公司？", "某公司是什么样的公司", "某朝是一个怎样的朝代"])
def test_what_kind_of_thing_x_is_introduces_x(question):
    # Edges whose names hold the kind noun (所属朝代, 所属公司) must not be read as what is asked.
    small = NetworkXKG.from_triples([("某朝", "都城", "甲城"), ("某帝", "所属朝代", "某朝"), ("某公司", "创始人", "乙"),
                                     ("某应用", "所属公司", "某公司"), ("某公司", "行业", "互联网")])
    _, calls = run(small, OfflinePlanner(small).plan(question))
    assert [c[0] for c in calls] == ["get_entity_info"]


def test_a_chain_goes_on_after_an_incoming_hop():
    small = NetworkXKG.from_triples([("某集团", "旗下产品", "某应用"), ("某集团", "创始人", "甲"), ("某应用", "类型", "软件")])
    _, calls = run(small, OfflinePlanner(small).plan("某应用母公司的创始人是谁？"))
    assert [c[3] for c in calls] == [["某集团"], ["甲"]]


def test_a_kind_noun_after_a_hop_leads_back_to_nothing_that_lies_in_the_results():
    small = NetworkXKG.from_triples([("某河", "流经", "甲省"), ("某河", "流经", "乙省"), ("某湖", "所在省份", "甲省"),
                                     ("某山", "所在省份", "乙省")])
    _, calls = run(small, OfflinePlanner(small).plan("某河流经哪些省份"))
    assert len(calls) == 1 and set(calls[0][3]) == {"甲省", "乙省"}


def test_a_closing_verb_phrase_does_not_support_a_hop_back():
    small = NetworkXKG.from_triples([("某球星", "曾效力球队", "甲队"), ("某教练", "执教球队", "甲队")])
    _, calls = run(small, OfflinePlanner(small).plan("某球星曾经在哪些球队踢过球"))
    assert [c[3] for c in calls] == [["甲队"]]
