"""The shape of a question before any KG is read (invented questions, no KG)."""

import pytest

from agent.offline import question as q
from agent.offline.text import HOLE


def test_framing_words_are_cut_out_as_holes():
    rest = q.rest_of("请问小明的老师是谁呢", 2, 4)
    assert rest.startswith(HOLE * 4) and "老师" in rest and "呢" not in rest


@pytest.mark.parametrize("text", ["介绍一下□□", "□□是谁", "□□是一家什么公司"])
def test_introductions_ask_nothing_beyond_the_entity(text):
    assert q.is_introduction(text)


def test_a_relation_word_is_not_an_introduction():
    assert not q.is_introduction("□□的老师是谁")


def test_compound_questions_split_where_a_pronoun_refers_back():
    assert q.split_compound("甲的作者是谁？他是哪国人？") == ("甲的作者是谁", "他是哪国人")
    assert q.split_compound("甲的作者是谁") is None


def test_relationship_sides_in_both_languages():
    text = "小明和小红是什么关系"
    (a, b), (c, d) = q.relationship_sides(text)
    assert (text[a:b], text[c:d]) == ("小明", "小红")
    text = "what is the relationship between Tom and Ann"
    (a, b), (c, d) = q.relationship_sides(text)
    assert (text[a:b], text[c:d]) == ("Tom", "Ann")


def test_kinship_words_the_entity_lacks_become_parent_chains():
    assert q.spell_kinship("□□的外公是谁", 2, lambda word: False) == "□□的母亲的父亲是谁"
    assert q.spell_kinship("□□的外公是谁", 2, lambda word: True) == "□□的外公是谁"
    assert q.spell_kinship("□□他爸是谁", 2, lambda word: False) == "□□父亲是谁"


@pytest.mark.parametrize(("text", "reason"), [("你好！", "greeting"), ("3乘以4等于几", "arithmetic"),
                                              ("帮我写一首诗", "task"), ("你是谁", "chitchat"),
                                              ("小明的老师是谁", None)])
def test_questions_needing_no_knowledge(text, reason):
    assert q.no_knowledge_reason(text) == reason


def test_an_unknown_topic_is_guessed_for_the_kg_to_say_it_does_not_know():
    assert q.guess_entity("介绍一下无名小镇") == "无名小镇"
    assert q.guess_entity("今天好") is None


def test_the_relation_phrase_after_the_mention():
    assert q.relation_phrase("□□的妻子是谁", 2, "zh") == ["妻子"]
    assert q.relation_phrase("□□ s wife", 2, "en")[:2] == ["wife", "妻子"]


def test_the_options_of_a_choice_are_found():
    text = "这本书是连载中还是已完结"
    assert [text[a:b] for a, b in q.choice_spans(text)] == ["连载中", "已完结"]
