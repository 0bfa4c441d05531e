"""LangChain both ways, with langchain-core's own fake chat models (no network, no weights)."""

from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("langchain_core")

from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage  # noqa: E402

from agent.langchain_bridge import ChatModelRuntime, agent_runnable, chat_model_agent, kg_tools  # noqa: E402
from agent.types import Answer  # noqa: E402
from kg import load_sample_kg  # noqa: E402

QUESTION = "《三体》的作者是谁？"
PLAN = json.dumps({
    "need_knowledge": "是", "thought": "查询作者",
    "code": "def search():\n\tmessages = ''\n\tresult, msg = find_entity_or_value(entity_aliases=['三体'], "
            "relation_aliases=['作者'])\n\tmessages += msg\n\treturn messages\n",
}, ensure_ascii=False)


@pytest.fixture(scope="module")
def kg():
    return load_sample_kg()


def test_kg_functions_are_typed_tools_returning_message_and_result(kg):
    tools = {tool.name: tool for tool in kg_tools(kg)}
    assert set(tools) == {"get_entity_info", "find_entity_or_value", "find_relationship"}
    assert set(tools["find_entity_or_value"].args) == {"entity_aliases", "relation_aliases"}
    call = {"name": "find_entity_or_value", "args": {"entity_aliases": "三体", "relation_aliases": ["作者"]},
            "id": "1", "type": "tool_call"}
    reply = tools["find_entity_or_value"].invoke(call)
    assert isinstance(reply, ToolMessage) and "刘慈欣" in reply.content and reply.artifact == ["刘慈欣"]


def test_a_langchain_agent_of_core_pieces_and_a_fake_model_calls_the_cutekg_tools(kg):
    tools = {tool.name: tool for tool in kg_tools(kg)}
    script = iter([
        AIMessage("", tool_calls=[{"name": "find_entity_or_value", "id": "a",
                                   "args": {"entity_aliases": ["三体"], "relation_aliases": ["作者"]}}]),
        AIMessage("刘慈欣。"),
    ])
    model = GenericFakeChatModel(messages=script)  # a real chat model gets .bind_tools(list(tools.values()))
    messages = [HumanMessage(QUESTION)]
    while True:  # the smallest tool-calling loop: model, tools, model
        reply = model.invoke(messages)
        messages.append(reply)
        if not reply.tool_calls:
            break
        messages += [tools[call["name"]].invoke(call) for call in reply.tool_calls]
    facts = [m for m in messages if isinstance(m, ToolMessage)]
    assert facts and "刘慈欣" in facts[0].content and messages[-1].content == "刘慈欣。"


def test_the_agent_is_a_runnable_invoke_batch_stream_and_async(kg):
    from agent.loop import Agent
    from agent.offline import OfflineAnswerer, OfflinePlanner

    runnable = agent_runnable(Agent(kg, OfflinePlanner(kg), OfflineAnswerer()))
    answer = runnable.invoke(QUESTION)
    assert isinstance(answer, Answer) and "刘慈欣" in answer.answer
    assert [a.question for a in runnable.batch([QUESTION, {"question": "刘慈欣的出生地是哪里？", "history": []}])] == [
        QUESTION, "刘慈欣的出生地是哪里？"]
    assert "刘慈欣" in list(runnable.stream(QUESTION))[-1].answer
    assert "刘慈欣" in asyncio.run(runnable.ainvoke({"question": QUESTION})).answer


def test_any_langchain_chat_model_plans_and_answers(kg):
    planner_model = FakeListChatModel(responses=[PLAN])
    answerer_model = FakeListChatModel(responses=["《三体》的作者是刘慈欣。"])
    answer = chat_model_agent(kg, planner_model, answerer_model).ask(QUESTION)
    assert answer.error is None, answer.error
    assert [call.result for call in answer.calls] == [["刘慈欣"]]
    assert answer.answer == "《三体》的作者是刘慈欣。" and answer.planner == "langchain:FakeListChatModel"


def test_the_cutekg_prompt_is_the_user_message_and_history_earlier_messages():
    seen: list = []

    class Recording(FakeListChatModel):
        def invoke(self, messages, *args, **kwargs):  # type: ignore[override]
            seen.append(messages)
            return super().invoke(messages, *args, **kwargs)

    runtime = ChatModelRuntime(Recording(responses=["好"]))
    from agent.llm_planner import LLMAnswerer

    assert LLMAnswerer(runtime).answer("q", [], history=[("你好", "你好！")]) == "好"
    first, second, last = seen[0]
    assert (first.content, second.content, type(second).__name__) == ("你好", "你好！", "AIMessage")
    import prompts
    from agent.llm_planner import NO_KNOWLEDGE

    # The answer prompt itself is the user turn: no CuteGPT template around it.
    assert isinstance(last, HumanMessage) and last.content == prompts.answer_request("q", NO_KNOWLEDGE["zh"], "zh")


# --------------------------------------------------------------------------- streaming runnable


class LoggingAnswerer:
    """Streams a fixed answer piece by piece, logging each piece it makes and whether it was closed."""

    name = "logging"

    def __init__(self, pieces, log):
        self.pieces, self.log = pieces, log

    def answer(self, question, calls, history=(), computed=()):
        self.log.append("answer")
        return "".join(self.pieces)

    def stream(self, question, calls, history=(), computed=()):
        try:
            for piece in self.pieces:
                self.log.append(f"made {piece}")
                yield piece
        finally:
            self.log.append("closed")


def _agent(kg, answerer):
    from agent.loop import Agent
    from agent.offline import OfflinePlanner

    return Agent(kg, OfflinePlanner(kg), answerer)


def test_stream_yields_text_pieces_as_they_are_made_then_the_answer(kg):
    log: list[str] = []
    runnable = agent_runnable(_agent(kg, LoggingAnswerer(["刘", "慈", "欣"], log)))
    items = []
    for item in runnable.stream(QUESTION):
        log.append("got Answer" if isinstance(item, Answer) else f"got {item}")
        items.append(item)
    assert log == ["made 刘", "got 刘", "made 慈", "got 慈", "made 欣", "got 欣", "closed", "got Answer"]
    assert items[:-1] == ["刘", "慈", "欣"] and items[-1].answer == "刘慈欣" and items[-1].calls


def test_invoke_and_batch_still_return_answers_without_streaming(kg):
    log: list[str] = []
    runnable = agent_runnable(_agent(kg, LoggingAnswerer(["刘慈欣"], log)))
    assert runnable.invoke(QUESTION).answer == "刘慈欣"
    assert [answer.answer for answer in runnable.batch([QUESTION, {"question": QUESTION}])] == ["刘慈欣", "刘慈欣"]
    assert log == ["answer"] * 3


def test_astream_yields_the_pieces_then_the_answer(kg):
    runnable = agent_runnable(_agent(kg, LoggingAnswerer(["刘", "慈欣"], [])))

    async def collect():
        return [item async for item in runnable.astream({"question": QUESTION, "history": []})]

    *pieces, answer = asyncio.run(collect())
    assert pieces == ["刘", "慈欣"] and isinstance(answer, Answer) and answer.answer == "刘慈欣"


def test_leaving_a_stream_early_closes_the_answerers_stream(kg):
    log: list[str] = []
    stream = agent_runnable(_agent(kg, LoggingAnswerer(["刘", "慈", "欣"], log))).stream(QUESTION)
    assert next(stream) == "刘"
    stream.close()
    assert log == ["made 刘", "closed"]


def test_a_langchain_chat_models_tokens_stream_through_the_runnable(kg):
    from agent.llm_planner import LLMAnswerer

    reply = "The author is Liu Cixin."
    answerer = LLMAnswerer(ChatModelRuntime(GenericFakeChatModel(messages=iter([AIMessage(reply)]))), lang="en")
    *pieces, answer = agent_runnable(_agent(kg, answerer)).stream(QUESTION)
    assert len(pieces) > 1 and "".join(pieces) == reply and answer.answer == reply


def test_chat_cutekg_as_the_planner_sees_exactly_the_llm_planners_prompt(kg):
    from agent.llm_planner import LLMPlanner
    from llm.fake import ScriptedRuntime
    from llm.langchain_chat import ChatCuteKG

    runtime = ScriptedRuntime([PLAN, "《三体》的作者是刘慈欣。"])
    answer = chat_model_agent(kg, ChatCuteKG(runtime=runtime, temperature=0)).ask(QUESTION)
    assert answer.error is None and answer.answer == "《三体》的作者是刘慈欣。"
    assert runtime.prompts[0] == LLMPlanner(runtime).prompt(QUESTION)  # the CuteGPT template, applied once
    assert answer.planner == "langchain:scripted"
