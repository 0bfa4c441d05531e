import pytest

pytest.importorskip("fastapi")

from llm import serve as serve_module  # noqa: E402
from llm.serve import ChatMessage, chat_prompt  # noqa: E402
from llm.template import render_prompt  # noqa: E402


def _messages(*pairs):
    return [ChatMessage(role=role, content=content) for role, content in pairs]


def test_chat_messages_become_history_and_query():
    messages = _messages(("system", "x"), ("user", "早"), ("assistant", "早上好"), ("user", "你是谁？"))
    assert chat_prompt(messages) == render_prompt("你是谁？", [("早", "早上好")])


def test_a_lone_user_message_that_is_already_a_cutegpt_prompt_is_not_wrapped_again():
    ready = render_prompt("你是谁？", [("早", "早上好")])
    assert chat_prompt(_messages(("user", ready))) == ready
    assert chat_prompt(_messages(("user", "你是谁？"))) == render_prompt("你是谁？")


def test_a_chat_must_end_with_the_user():
    with pytest.raises(ValueError, match="last message must come from the user"):
        chat_prompt(_messages(("user", "q"), ("assistant", "a")))




def test_streaming_from_a_runtime_that_cannot_constrain_still_answers():
    import json

    from fastapi.testclient import TestClient

    from llm.fake import ScriptedRuntime
    from llm.openai_compat import response_format
    from llm.serve import create_app

    client = TestClient(create_app(ScriptedRuntime(["你好，世界"])))
    body = {"prompt": "p", "stream": True, "response_format": response_format({"type": "object"}), "stop": ["世"]}
    lines = [line for line in client.post("/v1/completions", json=body).text.splitlines() if line.startswith("data: {")]
    assert "".join(json.loads(line[6:])["choices"][0]["text"] for line in lines) == "你好，"
