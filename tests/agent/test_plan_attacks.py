"""Issue 14, class 5: the host parses untrusted planner text within bounds, and every failure of a
question — parser, planner, sandbox, answerer — comes back as an Answer with error_stage."""

import json
import time
import warnings

import pytest

from agent.loop import Agent
from agent.plan import MAX_REPLY_CHARS, PlanParseError, parse_plan
from agent.sandbox import SandboxError
from kg import NetworkXKG

GOOD_CODE = "def search():\n    r, msg = find_entity_or_value(['三体'], ['作者'])\n    return msg\n"

HOSTILE = {
    "spaces after a key's value": '{"need_knowledge": "是", "code": "x' + " " * 20_000 + "y",
    "spaces and commas at the end": '{"code": "def search(): pass"' + " ," * 50_000,
    "tabs and control spaces in a value": "{code: x" + "\t\x1c\x1f" * 30_000 + "y",
    "deep brackets": '{"code": ' + "[" * 150_000 + "}",
    "deep brackets, no object": "[" * 190_000,
    "open braces": "{" * 190_000,
    "open braces with quotes": "{'" * 90_000,
    "open braces with double quotes": '{"' * 90_000,
    "brace pairs": "{}" * 95_000,
    "many objects with keys": '{"code": 1}' * 15_000,
    "many keys": "code: need_knowledge: " * 8_000,
    "many fences": "```python\n" * 18_000,
    "backslash storm in a string": '{"code": "' + "\\" * 190_000,
    "code too long": json.dumps({"need_knowledge": "是", "code": "x = 1\n" * 30_000}),
    "code, lines lost their indentation": json.dumps({"need_knowledge": "是", "code": "def search():\n" + "for a in b:\n" * 1500 + "else:\n    pass\n" * 1500}),
    "code nested too deep to compile": json.dumps({"code": "def search():\n    return " + "(" * 5000 + ")" * 5000}),
    "a long expression": json.dumps({"code": "def search():\n    return " + "+".join(["1"] * 6000)}),
    "just over the length cap": "{" + " " * MAX_REPLY_CHARS,
    "runs of brackets, quotes and keys": "```" * 1000 + "code: {" + "(" * 2000 + "“" * 1000 + "need_knowledge" * 3000 + "yes" * 1000,
    "a tab run after an error token, flat code": json.dumps({"code": "def search():\nx = (\n" + "\t" * 3900 + "¤"}),
    "escaped quotes, flat code": json.dumps({"code": "def search():\nx = {" + '\\"' * 1900}),
    "many such objects": ("{" + "(" * 300 + "“" * 200 + "need_knowledge" * 100 + "}") * 40,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_replies_are_parsed_or_refused_quickly(name):
    started = time.monotonic()
    try:
        parse_plan(HOSTILE[name])
    except PlanParseError as error:
        assert len(str(error)) < 300  # one sentence of retry feedback, not the input echoed
    assert time.monotonic() - started < 5.0  # linear work; the cubic pattern took minutes (loose: CI may be busy)


def test_a_good_plan_still_parses_next_to_hostile_padding():
    reply = json.dumps({"need_knowledge": "是", "thought": "查", "code": GOOD_CODE}) + " " * 50_000
    assert parse_plan(reply).code == GOOD_CODE
    reply = "{}" * 10 + json.dumps({"need_knowledge": "是", "code": GOOD_CODE})
    assert parse_plan(reply).code == GOOD_CODE


def test_parsing_warns_nothing(capsys):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        parse_plan(json.dumps({"code": "def search():\n    x = 1 is 1\n    return '\\d'\n"}))  # SyntaxWarning
        parse_plan(json.dumps({"code": "def search():\nx = 1 is 1\nreturn x\n"}))  # and on the repair path
    assert [str(warning.message) for warning in seen] == [] and capsys.readouterr().err == ""


# ------------------------------------------------------------------ Agent.ask never raises


class Scripted:
    name = "scripted"

    def __init__(self, *replies):
        self.replies = list(replies)

    def plan(self, question, history=(), feedback=None):
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, BaseException):
            raise reply
        return reply


class Echo:
    name = "echo"

    def __init__(self, error=None):
        self.error = error

    def answer(self, question, calls, history=(), computed=()):
        if self.error:
            raise self.error
        return " / ".join(call.message for call in calls if call.message) or "无"


class BrokenSandbox:
    def run(self, code):
        raise SandboxError("cannot start a sandbox worker: out of processes")

    def close(self):
        pass


@pytest.fixture(scope="module")
def kg():
    return NetworkXKG.from_triples([("三体", "作者", "刘慈欣")])


def plan(code=GOOD_CODE):
    return json.dumps({"need_knowledge": "是", "thought": "查", "code": code})


@pytest.mark.parametrize("name", ["deep brackets", "open braces with double quotes", "spaces after a key's value"])
def test_a_hostile_reply_is_an_answer_with_error_stage_plan(kg, name):
    with Agent(kg, Scripted(HOSTILE[name]), Echo()) as agent:
        started = time.monotonic()
        answer = agent.ask("三体的作者是谁")
    assert answer.error_stage == "plan" and answer.attempts == 2 and answer.answer
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize(
    ("planner", "answerer", "sandbox", "stage"),
    [
        (Scripted(ConnectionError("the model server went away")), Echo(), None, "plan"),
        (Scripted(RecursionError("maximum recursion depth exceeded")), Echo(), None, "plan"),
        (Scripted(plan()), Echo(), BrokenSandbox(), "execution"),
        (Scripted(plan()), Echo(RuntimeError("the answer model crashed")), None, "answer"),
        (Scripted(plan()), Echo(ValueError(10**5000)), None, "answer"),
    ],
    ids=["planner raises", "planner recursion", "sandbox raises", "answerer raises", "unprintable error"],
)
def test_every_failure_is_an_answer_never_an_exception(kg, planner, answerer, sandbox, stage):
    agent = Agent(kg, planner, answerer, sandbox=sandbox)
    try:
        answer = agent.ask("三体的作者是谁")
        assert answer.error_stage == stage and answer.error and answer.answer
        [batched] = agent.ask_batch(["三体的作者是谁"])
        assert batched.error_stage == stage
    finally:
        agent.close()


def test_a_failing_batch_answerer_fails_each_question_alone(kg):
    class BatchEcho(Echo):
        def answer_batch(self, items):
            raise RuntimeError("out of GPU memory")

    with Agent(kg, Scripted(plan()), BatchEcho()) as agent:
        answers = agent.ask_batch(["三体的作者是谁", "三体的作者是谁"])
    assert [a.error_stage for a in answers] == ["answer", "answer"] and all("GPU" in a.error for a in answers)
