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
