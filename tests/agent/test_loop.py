"""The plan → sandbox → answer loop with scripted planners: retries, failures, streaming."""

import json

import pytest

from agent.loop import Agent
from agent.offline.text import language
from agent.types import Answer
from kg import NetworkXKG

TRIPLES = [
    ("择天记", "主演", "鹿晗"),
    ("择天记", "男主角", "鹿晗"),
    ("鹿晗", "代表作品", "重返20岁"),
    ("三体", "作者", "刘慈欣"),
]


def plan_json(code, need="是", thought="查询"):
    return json.dumps({"need_knowledge": need, "thought": thought, "code": code}, ensure_ascii=False)


LEAD_CODE = (
    "def search():\n\tmessages = ''\n"
    "\tlead, msg = find_entity_or_value(entity_aliases=['择天记'], relation_aliases=['男主角'])\n"
    "\tmessages = msg\n"
    "\tworks, msg = find_entity_or_value(entity_aliases=lead, relation_aliases=['代表作品'])\n"
    "\tmessages = msg\n\treturn messages\n"
)


class ScriptedPlanner:
    name = "scripted"

    def __init__(self, *replies):
        self.replies, self.seen = list(replies), []

    def plan(self, question, history=(), feedback=None):
        self.seen.append((question, tuple(history), feedback))
        return self.replies[min(len(self.seen), len(self.replies)) - 1]


class EchoAnswerer:
    name = "echo"

    def __init__(self):
        self.seen = []

    def answer(self, question, calls, history=(), computed=()):
        messages = [call.message for call in calls if call.message]
        self.seen.append(messages)
        return " / ".join(messages) or "无"


class StreamingAnswerer(EchoAnswerer):
    def stream(self, question, calls, history=(), computed=()):
        yield from ["鹿", "晗"]


@pytest.fixture(scope="module")
def kg():
    return NetworkXKG.from_triples(TRIPLES)


def run(kg, planner, answerer=None, question="择天记的男主角是谁？他还有什么代表作品？", **kwargs):
    with Agent(kg, planner, answerer or EchoAnswerer()) as agent:
        return agent.ask(question, **kwargs)


def test_every_call_message_reaches_the_answerer_even_when_code_overwrites_messages(kg):
    answerer = EchoAnswerer()
    answer = run(kg, ScriptedPlanner(plan_json(LEAD_CODE)), answerer)
    assert [call.function for call in answer.calls] == ["find_entity_or_value"] * 2
    assert answer.calls[0].result == ["鹿晗"]
    assert answerer.seen == [answer.messages] and len(answer.messages) == 2
    assert "重返20岁" in answer.answer and "鹿晗" in answer.answer
    assert answer.error is None and answer.attempts == 1
    assert answer.planner == "scripted" and answer.answerer == "echo"
    assert {"plan_ms", "execute_ms", "answer_ms", "total_ms"} <= set(answer.timings_ms)


def test_an_unparseable_plan_is_retried_with_the_parse_error_as_feedback(kg):
    planner = ScriptedPlanner("I cannot do that", plan_json(LEAD_CODE))
    answer = run(kg, planner)
    assert answer.attempts == 2 and answer.error is None
    assert planner.seen[0][2] is None and planner.seen[1][2]
    assert "鹿晗" in answer.answer


def test_code_that_fails_twice_still_gets_an_answer_that_says_why(kg):
    broken = plan_json("def search():\n\treturn undefined_name + 1\n")
    planner = ScriptedPlanner(broken)
    answer = run(kg, planner)
    assert answer.attempts == 2 and answer.error_stage == "execution"
    assert "undefined_name" in planner.seen[1][2]
    assert answer.answer.startswith("抱歉") and "undefined_name" in answer.answer


def test_a_plan_that_never_parses_answers_in_english_for_an_english_question(kg):
    answer = run(kg, ScriptedPlanner("no json here"), question="Who wrote Three-Body?")
    assert answer.error_stage == "plan" and answer.attempts == 2
    assert answer.answer.startswith("Sorry") and answer.calls == []


def test_a_plan_without_knowledge_runs_no_code(kg):
    answerer = EchoAnswerer()
    answer = run(kg, ScriptedPlanner(plan_json(None, need="否")), answerer, question="你好")
    assert answer.need_knowledge is False and answer.calls == [] and answerer.seen == [[]]


def test_history_reaches_the_planner(kg):
    planner = ScriptedPlanner(plan_json(LEAD_CODE))
    run(kg, planner, history=[("择天记的男主角是谁", "鹿晗")])
    assert planner.seen[0][1] == (("择天记的男主角是谁", "鹿晗"),)


def test_streaming_answerers_send_tokens_as_they_come(kg):
    pieces = []
    answer = run(kg, ScriptedPlanner(plan_json(LEAD_CODE)), StreamingAnswerer(), on_token=pieces.append)
    assert pieces == ["鹿", "晗"] and answer.answer == "鹿晗"


def test_ask_stream_yields_the_pieces_as_they_come_then_the_answer(kg):
    log = []

    class Logging(EchoAnswerer):
        def stream(self, question, calls, history=(), computed=()):
            for piece in ["鹿", "晗"]:
                log.append(f"made {piece}")
                yield piece

    with Agent(kg, ScriptedPlanner(plan_json(LEAD_CODE)), Logging()) as agent:
        items = []
        for item in agent.ask_stream("择天记的男主角是谁？"):
            log.append(f"got {item}" if isinstance(item, str) else "got Answer")
            items.append(item)
    assert log == ["made 鹿", "got 鹿", "made 晗", "got 晗", "got Answer"]
    assert items[-1].answer == "鹿晗" and items[-1].error is None


def test_ask_stream_of_an_answerer_that_cannot_stream_is_the_answer_alone(kg):
    with Agent(kg, ScriptedPlanner(plan_json(LEAD_CODE)), EchoAnswerer()) as agent:
        (answer,) = agent.ask_stream("择天记的男主角是谁？")
    assert isinstance(answer, Answer) and answer.answer


def test_the_answer_round_trips_through_json(kg):
    answer = run(kg, ScriptedPlanner(plan_json(LEAD_CODE)))
    assert Answer.model_validate_json(answer.model_dump_json()) == answer


@pytest.mark.parametrize("text, lang", [("谁写了三体", "zh"), ("Who wrote it?", "en"), ("《三体》author", "zh")])
def test_language(text, lang):
    assert language(text) == lang


class BatchingPlanner(ScriptedPlanner):
    def __init__(self, *replies):
        super().__init__(*replies)
        self.batches = []

    def plan_batch(self, questions):
        self.batches.append(list(questions))
        return [self.replies[0]] * len(questions)


class BatchingAnswerer(EchoAnswerer):
    def __init__(self):
        super().__init__()
        self.batches = []

    def answer_batch(self, items):
        self.batches.append(items)
        return [" / ".join(call.message for call in calls if call.message) for _, calls, _ in items]


def test_ask_batch_makes_one_planner_call_and_one_answerer_call_for_the_batch(kg):
    planner, answerer = BatchingPlanner(plan_json(LEAD_CODE)), BatchingAnswerer()
    with Agent(kg, planner, answerer) as agent:
        answers = agent.ask_batch(["问题一", "问题二", "问题三"])
    assert planner.batches == [["问题一", "问题二", "问题三"]] and planner.seen == []
    assert len(answerer.batches) == 1 and len(answerer.batches[0]) == 3
    assert [a.question for a in answers] == ["问题一", "问题二", "问题三"]
    assert all("重返20岁" in a.answer and a.attempts == 1 for a in answers)


def test_ask_batch_retries_a_bad_first_plan_alone(kg):
    planner = BatchingPlanner("not a plan", plan_json(LEAD_CODE))
    planner.seen.append(("batched", (), None))  # the scripted plan() now answers with the good plan
    with Agent(kg, planner, BatchingAnswerer()) as agent:
        first, second = agent.ask_batch(["问题一", "问题二"])
    assert first.attempts == 2 and second.attempts == 2 and first.error is None
    retries = planner.seen[1:]
    assert [question for question, _, _ in retries] == ["问题一", "问题二"] and all(f for _, _, f in retries)


def test_ask_batch_without_batching_models_matches_ask(kg):
    with Agent(kg, ScriptedPlanner(plan_json(LEAD_CODE)), EchoAnswerer()) as agent:
        batched = agent.ask_batch(["择天记的男主角是谁"])[0]
        single = agent.ask("择天记的男主角是谁")
    assert batched.answer == single.answer and batched.calls == single.calls


def test_what_the_plan_computed_reaches_the_answerer_apart_from_the_call_messages(kg):
    code = (
        "def search():\n\tmessages = ''\n"
        "\tr, msg = find_entity_or_value(entity_aliases = ['重返20岁'], relation_aliases = ['主演'])\n"
        "\tmessages += msg\n"
        "\tmessages += '\\n' + '主演共%d人。' % len(r)\n"
        "\treturn messages\n"
    )

    class Recording(EchoAnswerer):
        def answer(self, question, calls, history=(), computed=()):
            self.computed = list(computed)
            return "ok"

    answerer = Recording()
    with Agent(kg, ScriptedPlanner(plan_json(code)), answerer) as agent:
        answer = agent.ask("重返20岁的主演有几个")
    assert answerer.computed == answer.computed == [f"主演共{len(answer.calls[0].result)}人。"]


def test_on_event_reports_each_attempt_then_the_tokens_in_order(kg):
    events, pieces = [], []
    planner = ScriptedPlanner("I cannot do that", plan_json(LEAD_CODE))
    answer = run(kg, planner, StreamingAnswerer(), on_token=pieces.append, on_event=events.append)
    assert [(e.kind, getattr(e, "attempt", None)) for e in events] == [
        ("plan", 1), ("plan", 2), ("execution", 2), ("token", None), ("token", None)]
    assert events[0].plan is None and events[0].error and "男主角" in events[1].plan.code
    assert events[2].calls == answer.calls and events[2].error is None
    assert [e.text for e in events[3:]] == pieces == ["鹿", "晗"]


def test_on_event_carries_the_execution_error_of_each_failed_attempt(kg):
    events = []
    run(kg, ScriptedPlanner(plan_json("def search():\n\treturn undefined_name + 1\n")), on_event=events.append)
    failed = [e for e in events if e.kind == "execution"]
    assert [e.attempt for e in failed] == [1, 2] and all("undefined_name" in e.error for e in failed)


def test_on_event_reports_only_the_plan_when_no_knowledge_is_needed(kg):
    events = []
    run(kg, ScriptedPlanner(plan_json(None, need="否")), question="你好", on_event=events.append)
    assert [e.kind for e in events] == ["plan"] and events[0].plan.need_knowledge is False


def test_a_model_server_that_cannot_be_used_stops_at_once_and_a_long_prompt_is_not_retried(kg):
    from llm.base import ModelLoadError, PromptTooLongError

    class Failing:
        name = "failing"

        def __init__(self, error):
            self.error, self.calls = error, 0

        def plan(self, question, history=(), feedback=None):
            self.calls += 1
            raise self.error

    broken = Failing(ModelLoadError("http://127.0.0.1:9/v1/completions answered 0 choices, expected 1"))
    with Agent(kg, broken, EchoAnswerer()) as agent:
        answer = agent.ask("择天记的男主角是谁")
    assert answer.error_stage == "setup" and broken.calls == 1 and answer.error.startswith("http://127.0.0.1:9")
    long = Failing(PromptTooLongError("the prompt is too long"))
    with Agent(kg, long, EchoAnswerer()) as agent:
        answer = agent.ask("择天记的男主角是谁")
    # one question's problem, not the model's: its own stage; no retry (feedback would only lengthen
    # the prompt); worded as what it is, not as a fact the KG lacks
    assert answer.error_stage == "context" and long.calls == 1 and answer.answer == "抱歉，无法回答：the prompt is too long"


def test_ask_batch_stops_at_a_model_that_cannot_be_used(kg):
    # An endpoint that hangs failed the batch, then every question waited out its deadline again; a
    # model failing in the batched answer was an "answer" failure scored as a wrong answer.
    from llm.base import ModelLoadError, ModelRunError

    class DeadPlanner(BatchingPlanner):
        def plan_batch(self, questions):
            raise ModelLoadError("http://127.0.0.1:9/v1/completions did not answer in time")

    planner = DeadPlanner(plan_json(LEAD_CODE))
    with Agent(kg, planner, BatchingAnswerer()) as agent:
        answers = agent.ask_batch(["问题一", "问题二"])
    assert planner.seen == [] and all(a.error_stage == "setup" for a in answers)
    assert answers[0].answer == "抱歉，无法回答：http://127.0.0.1:9/v1/completions did not answer in time"

    class NanAnswerer(BatchingAnswerer):
        def answer_batch(self, items):
            raise ModelRunError("the model m fails when it generates: RuntimeError: probability tensor contains nan")

    with Agent(kg, BatchingPlanner(plan_json(LEAD_CODE)), NanAnswerer()) as agent:
        answers = agent.ask_batch(["问题一", "问题二"])
    assert all(a.error_stage == "setup" and "fails when it generates" in a.error for a in answers)
