"""READINGS: each kind of question gives its reading, tried in order (invented questions)."""

import pytest

from agent.offline.graph import GraphView
from agent.offline.readings import READINGS, Question, read
from agent.offline.text import fold, language
from kg.networkx_kg import NetworkXKG

KG = NetworkXKG.from_triples([
    ("星海", "作者", "林一"), ("林一", "出生地", "南城"), ("林一", "妻子", "周二"), ("周二", "国籍", "东国"),
    ("南城", "所属省份", "东省"),
])
VIEW = GraphView(KG)


def reading(text, history=(), feedback=None):
    return read(Question(VIEW, fold(text), language(text), history, feedback))


@pytest.mark.parametrize(("text", "kind"), [
    ("你好", "no_knowledge"),
    ("星海的作者是谁？他出生在哪里？", "compound"),
    ("星海的作者是谁", "fact"),
    ("林一和周二是什么关系", "relationship"),
    ("介绍一下林一", "info"),
    ("介绍一下无名之地", "guess"),
    ("今天真好", "no_mention"),
])
def test_each_kind_of_question_has_its_reading(text, kind):
    assert reading(text).kind == kind


def test_a_pronoun_takes_its_referent_from_the_last_turn():
    found = reading("她是哪国人", history=[("林一的妻子是谁", "林一的妻子是周二。")])
    assert found.kind == "fact" and found.anchor == ("周二",)


def test_after_feedback_a_fact_becomes_an_entry_lookup():
    assert reading("星海的作者是谁", feedback="代码运行出错").kind == "info"


def test_a_missing_relation_is_asked_as_written():
    found = reading("林一的老师是谁")
    assert found.kind == "info" and found.asked == ("老师",)


def test_the_table_is_plain_functions_in_order():
    names = [step.__name__ for step in READINGS]
    assert names[0] == "read_no_knowledge" and names.index("read_mentions") < names.index("read_guess")
