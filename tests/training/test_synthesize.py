"""Trajectory synthesis over a small graph written here: every kept plan is checked in the sandbox."""

from __future__ import annotations

import json

import pytest

from agent.plan import parse_plan
from agent.sandbox import Sandbox
from agent.types import Call
from kg import NetworkXKG
from training.data import read_any, trajectory_dialogues
from training.synthesize import (
    KINDS,
    Trajectory,
    calls_answer,
    check_execution,
    plan_json,
    read_trajectories,
    synthesize,
    trajectories_from_eval,
    write_trajectories,
)

TRIPLES = [
    ("三体", "作者", "刘慈欣"), ("三体", "类型", "科幻小说"), ("三体", "出版时间", "2008年"),
    ("球状闪电", "作者", "刘慈欣"), ("球状闪电", "类型", "科幻小说"), ("流浪地球", "作者", "刘慈欣"),
    ("刘慈欣", "出生地", "山西阳泉"), ("刘慈欣", "国籍", "中国"), ("刘慈欣", "职业", "作家"),
    ("鲁迅", "本名", "周树人"), ("鲁迅", "出生地", "绍兴"), ("鲁迅", "代表作品", "狂人日记"),
    ("狂人日记", "作者", "鲁迅"), ("狂人日记", "发表时间", "1918年"), ("绍兴", "所属省份", "浙江"),
    ("山西阳泉", "所属省份", "山西"), ("周作人", "兄弟", "鲁迅"), ("周作人", "职业", "作家"), ("鲁迅", "职业", "作家"),
]


@pytest.fixture(scope="module")
def kg():
    return NetworkXKG.from_triples(TRIPLES)


@pytest.fixture(scope="module")
def report(kg):
    return synthesize(kg, n=40, seed=1)


def test_every_kind_is_generated(report):
    assert len(report.trajectories) == 40
    assert set(report.by_kind()) == set(KINDS)


def test_every_kept_plan_parses_and_its_code_returns_the_gold_answers(kg, report):
    with Sandbox(kg) as sandbox:
        for trajectory in report.trajectories:
            plan = parse_plan(plan_json(trajectory.plan))
            assert plan.need_knowledge == (trajectory.kind != "no_knowledge")
            if plan.code:
                assert check_execution(sandbox.run(plan.code), trajectory), trajectory.question


def test_gold_plans_follow_the_prompt_style(report):
    fact = next(t for t in report.trajectories if t.kind == "two_hop")
    code = fact.plan.code
    assert code.startswith("def search():\n\tmessages = ''\n\tmiddle, msg = find_entity_or_value(entity_aliases = [")
    assert "\tif middle:\n\t\tresult, msg = find_entity_or_value(entity_aliases = middle, relation_aliases = [" in code
    assert code.endswith("\treturn messages\n") and code.count("messages += msg") == 2
    assert fact.plan.thought.startswith("这个问题想要知道") and "首先" in fact.plan.thought
    text = plan_json(fact.plan)
    assert text.splitlines()[1] == '"need_knowledge": "是",' and json.loads(text)["code"] == code


def test_questions_are_distinct_and_worded_variously(report):
    questions = [t.question for t in report.trajectories]
    assert len(set(questions)) == len(questions)
    one_hop = [q for t, q in zip(report.trajectories, questions) if t.kind == "one_hop"]
    assert len({q.replace(q[:2], "") for q in one_hop}) > 3


def test_the_same_seed_gives_the_same_trajectories_another_seed_others(kg, report):
    again = synthesize(kg, n=40, seed=1)
    assert [t.model_dump() for t in again.trajectories] == [t.model_dump() for t in report.trajectories]
    other = synthesize(kg, n=40, seed=2)
    assert [t.question for t in other.trajectories] != [t.question for t in report.trajectories]


def test_a_graph_that_cannot_give_n_returns_fewer_and_says_why():
    tiny = NetworkXKG.from_triples([("甲", "朋友", "乙")])
    facts_only = {"one_hop": 1, "inverse": 1, "relationship": 1}
    result = synthesize(tiny, n=30, seed=0, mix=facts_only, max_attempts=200)
    assert 0 < len(result.trajectories) < 30 and result.rejected["duplicate"] > 0


def test_a_plan_whose_calls_miss_the_answer_is_rejected():
    trajectory = Trajectory(question="q", kind="one_hop", plan={"need_knowledge": True}, answers=["刘慈欣"],
                            functions=["find_entity_or_value"])
    right = [Call(function="find_entity_or_value", arguments={}, result=["刘慈欣"])]
    wrong = [Call(function="find_entity_or_value", arguments={}, result=["鲁迅"])]
    catch_all = [Call(function="get_entity_info", arguments={}, result={"facts": {"作者": ["刘慈欣"]}})]
    assert calls_answer(right, trajectory.answers, trajectory.functions)
    assert not calls_answer(wrong, trajectory.answers, trajectory.functions)
    assert not calls_answer(catch_all, trajectory.answers, trajectory.functions)


def test_good_eval_records_become_trajectories(report):
    good = report.trajectories[0]
    answer = {"question": good.question, "need_knowledge": good.plan.need_knowledge, "thought": good.plan.thought,
              "code": good.plan.code, "calls": [], "messages": good.messages, "answer": "…", "error": None}
    records = [
        {"question": {"question": good.question, "answers": good.answers, "type": "x"}, "correct": True, "result": answer},
        {"question": {"question": "错的", "answers": ["a"]}, "correct": False, "result": {**answer, "question": "错的"}},
        {"question": {"question": "出错的", "answers": []}, "correct": True, "result": {**answer, "error": "boom"}},
    ]
    trajectories = trajectories_from_eval(records)
    assert [t.question for t in trajectories] == [good.question]
    assert trajectories[0].plan == good.plan and trajectories[0].source == "eval"


def test_trajectories_round_trip_and_become_cutegpt_turns(tmp_path, report):
    path = write_trajectories(report.trajectories, tmp_path / "traj.jsonl")
    assert read_trajectories(path) == report.trajectories
    dialogues = read_any(path)
    assert len(dialogues) == 40 and all(len(d) == 1 for d in dialogues)
    turn = dialogues[0][0]
    assert turn["instruction"].startswith("你是一个知识图谱访问代理") and turn["instruction"].endswith(report.trajectories[0].question)  # no trailing newline: inference sends none
    assert turn["input"] == "" and parse_plan(turn["output"]).thought == report.trajectories[0].plan.thought
    short = trajectory_dialogues(report.trajectories[:1], style="question")
    assert short[0][0]["instruction"] == report.trajectories[0].question


def test_synthesized_plans_fit_the_plan_grammar_string_bounds(report):
    from llm.grammar import MAX_CODE_CHARS, MAX_THOUGHT_CHARS

    assert max(len(t.plan.thought) for t in report.trajectories) * 2 <= MAX_THOUGHT_CHARS
    assert max(len(t.plan.code or "") for t in report.trajectories) * 2 <= MAX_CODE_CHARS
