"""The offline answerer restates the KG's messages; without knowledge it replies honestly."""

from agent.answerer import OfflineAnswerer
from kg.networkx_kg import NetworkXKG

KG = NetworkXKG.from_triples([("择天记", "男主角", "鹿晗"), ("郭帆", "出生地", "北京"), ("流浪地球", "导演", "郭帆")])
answerer = OfflineAnswerer()


def test_a_fact_becomes_one_sentence_with_the_title_marks_of_the_question():
    _, message = KG.find_entity_or_value(["择天记"], ["男主角"])
    assert answerer.answer("《择天记》的男主角是谁？", [message]) == "《择天记》的男主角是鹿晗。"


def test_a_chain_keeps_every_step():
    messages = [KG.find_entity_or_value(["流浪地球"], ["导演"])[1], KG.find_entity_or_value(["郭帆"], ["出生地"])[1]]
    answer = answerer.answer("流浪地球的导演是哪里人？", messages)
    assert "郭帆" in answer and "北京" in answer


def test_an_incoming_relation_reads_from_the_other_side():
    _, message = KG.find_entity_or_value(["郭帆"], ["导演"])
    assert answerer.answer("郭帆导演过什么", [message]) == "流浪地球的导演是郭帆。"


def test_nothing_found_is_said_plainly():
    _, message = KG.find_entity_or_value(["不存在的书"], ["作者"])
    assert "没有" in answerer.answer("不存在的书的作者是谁", [message])


def test_a_greeting_gets_a_greeting():
    assert "你好" in answerer.answer("你好", [])


def test_arithmetic_is_evaluated_on_numbers_only():
    assert answerer.answer("1+2*3等于几？", []) == "结果是7。"
    assert "离线基线" in answerer.answer("__import__('os')等于几", [])


def test_english_questions_get_english_answers_with_kg_names():
    _, message = KG.find_entity_or_value(["择天记"], ["男主角"])
    assert answerer.answer("Who is the male lead of Ze Tian Ji?", [message]) == "The 男主角 of 择天记 is 鹿晗."


def test_its_name_says_it_is_a_baseline():
    assert "offline baseline" in answerer.name
