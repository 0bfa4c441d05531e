import json

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




@pytest.fixture
def client():
    from fastapi.testclient import TestClient

    from llm.fake import ScriptedRuntime

    return TestClient(serve_module.create_app(ScriptedRuntime(lambda prompt: "好")), raise_server_exceptions=False)


CHAT = {"messages": [{"role": "user", "content": "你好"}]}


@pytest.mark.parametrize("path", ["/v1/completions", "/v1/chat/completions"])
@pytest.mark.parametrize("field, value", [("temperature", -1), ("max_tokens", 0), ("max_tokens", -5), ("top_p", 5),
                                          ("top_k", -1), ("repetition_penalty", 0), ("n", 3),
                                          ("max_tokens", serve_module.MAX_TOKENS_CAP + 1),
                                          ("max_completion_tokens", 0), ("max_completion_tokens", serve_module.MAX_TOKENS_CAP + 1),
                                          ("max_tokens", True), ("max_completion_tokens", True), ("temperature", True),
                                          ("top_p", True), ("top_k", False), ("seed", True), ("n", True), ("max_tokens", "8"),
                                          ("user", {"a": 1}), ("store", "yes"), ("metadata", [1]), ("parallel_tool_calls", 1)])
def test_a_bad_sampling_field_is_a_400_naming_it_never_a_500(client, path, field, value):
    body = ({"prompt": "p"} if path == "/v1/completions" else CHAT) | {field: value}
    response = client.post(path, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == field and response.json()["detail"].startswith(f"{field}: ")


def test_a_malformed_body_is_a_400_json_error(client):
    response = client.post("/v1/chat/completions", json={"messages": "hi"})
    assert response.status_code == 400 and response.json()["detail"].startswith("messages")
    assert client.post("/v1/chat/completions", json={"messages": []}).status_code == 400


def test_an_unknown_model_name_is_refused_and_the_served_one_answers(client):
    response = client.post("/v1/chat/completions", json=CHAT | {"model": "gpt-4"})
    assert response.status_code == 404 and "'gpt-4' is not served here" in response.json()["detail"]
    response = client.post("/v1/chat/completions", json=CHAT | {"model": "scripted", "max_tokens": serve_module.MAX_TOKENS_CAP, "n": 1})
    assert response.status_code == 200 and response.json()["choices"][0]["message"]["content"] == "好"


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


LONG = "".join(chr(0x4E00 + i) for i in range(100))  # characters the tiny tokenizer never saw: ~3 tokens each


@pytest.fixture(scope="module")
def short_context_client(full_dir):
    """`agent serve` over the tiny model, its context cut to 64 tokens."""
    from fastapi.testclient import TestClient

    from llm.hf_runtime import HFRuntime

    runtime = HFRuntime.load(full_dir)
    runtime.model.config.max_position_embeddings = 64
    return TestClient(serve_module.create_app(runtime), raise_server_exceptions=False)


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("path, body", [("/v1/chat/completions", {"messages": [{"role": "user", "content": LONG}]}),
                                        ("/v1/completions", {"prompt": render_prompt(LONG)})])
def test_a_prompt_longer_than_the_context_is_a_400_context_length_error_streaming_or_not(short_context_client, path, body, stream):
    response = short_context_client.post(path, json=body | {"stream": stream, "max_tokens": 8})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["type"], error["code"]) == ("invalid_request_error", "context_length_exceeded")
    assert error["param"] == ("messages" if "chat" in path else "prompt")
    assert "reads 64 tokens" in error["message"] and error["message"] == response.json()["detail"]


def test_consecutive_messages_of_one_role_are_joined_not_dropped():
    messages = _messages(("user", "早"), ("user", "在吗"), ("assistant", "在"), ("assistant", "请讲"), ("user", "你是谁？"))
    assert chat_prompt(messages) == render_prompt("你是谁？", [("早\n在吗", "在\n请讲")])


COMPLETION = {"prompt": "p"}


@pytest.mark.parametrize("path, body, param", [
    ("/v1/completions", {"prompt": []}, "prompt"),
    ("/v1/completions", {"prompt": ""}, "prompt"),
    ("/v1/completions", {"prompt": ["p"] * (serve_module.MAX_PROMPTS + 1)}, "prompt"),
    ("/v1/completions", {"prompt": ["a", "b"], "stream": True}, "prompt"),
    ("/v1/completions", COMPLETION | {"seed": 2**70}, "seed"),
    ("/v1/completions", COMPLETION | {"logprobs": 1}, "logprobs"),
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "  "}]}, "messages"),
    ("/v1/chat/completions", {"messages": [{"role": "assistant", "content": "x"}]}, "messages"),
    ("/v1/chat/completions", CHAT | {"response_format": "json"}, "response_format"),
    ("/v1/chat/completions", CHAT | {"response_format": {"type": "json_schema"}}, "response_format"),
    ("/v1/chat/completions", CHAT | {"response_format": {"type": "json_object"}}, "response_format.type"),
    ("/v1/chat/completions", CHAT | {"stop": ["x"] * (serve_module.MAX_STOPS + 1)}, "stop"),
    ("/v1/chat/completions", CHAT | {"frequency_penalty": 0.5}, "frequency_penalty"),
    ("/v1/chat/completions", CHAT | {"presence_penalty": 1}, "presence_penalty"),
    ("/v1/chat/completions", CHAT | {"logprobs": True}, "logprobs"),
    ("/v1/chat/completions", CHAT | {"tools": [{"type": "function"}]}, "tools"),
    ("/v1/chat/completions", CHAT | {"modalities": ["audio"]}, "modalities"),
    ("/v1/chat/completions", CHAT | {"modalities": ["text", "audio"]}, "modalities"),
    ("/v1/chat/completions", CHAT | {"audio": {"voice": "alloy", "format": "wav"}}, "audio"),
    ("/v1/chat/completions", CHAT | {"max_tokens": 8, "max_completion_tokens": 9}, "max_completion_tokens"),
])
def test_every_client_mistake_is_a_400_naming_the_field(client, path, body, param):
    response = client.post(path, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == param and response.json()["detail"].startswith(f"{param}: "), response.text


def test_the_values_that_mean_unused_are_accepted_and_a_schema_format_is_passed_on(client):
    unused = {"frequency_penalty": 0, "presence_penalty": 0.0, "logprobs": False, "best_of": 1, "user": "me", "echo": False,
              "modalities": ["text"], "audio": None}
    assert client.post("/v1/chat/completions", json=CHAT | unused).status_code == 200
    schema = {"type": "json_schema", "json_schema": {"name": "plan", "schema": {"type": "object"}, "strict": True}}
    assert client.post("/v1/chat/completions", json=CHAT | {"response_format": schema}).status_code == 200


def test_a_body_over_the_cap_is_a_413_with_or_without_its_length(client):
    big = b'{"prompt": "' + b"a" * (serve_module.MAX_BODY_BYTES + 1) + b'"}'
    response = client.post("/v1/completions", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "4,194,304 bytes" in response.json()["detail"]

    def chunks():  # sent without a Content-Length: the cap is counted while reading
        for start in range(0, len(big), 1 << 20):
            yield big[start:start + (1 << 20)]

    assert client.post("/v1/completions", content=chunks(), headers={"content-type": "application/json"}).status_code == 413


def test_serve_help_states_the_limits_the_server_enforces():
    from typer.testing import CliRunner

    from cli.main import app
    from llm import http_server

    shown = " ".join(CliRunner().invoke(app, ["serve", "--help"], terminal_width=200).output.split())
    assert f"max_tokens 1..{serve_module.MAX_TOKENS_CAP}" in shown and f"at most {serve_module.MAX_STOPS} stop strings" in shown
    assert f"{serve_module.MAX_BODY_BYTES >> 20} MB (headers {http_server.MAX_HEADER_BYTES >> 10} KB)" in shown
    assert "tool_choice other than none/auto are refused" in shown and "lookahead or lookbehind in a pattern" in shown


def test_max_completion_tokens_is_honoured_like_max_tokens():
    from fastapi.testclient import TestClient

    from llm.fake import ScriptedRuntime

    runtime = ScriptedRuntime(lambda prompt: "好")
    client = TestClient(serve_module.create_app(runtime))
    assert client.post("/v1/chat/completions", json=CHAT | {"max_completion_tokens": 2}).status_code == 200
    assert client.post("/v1/completions", json={"prompt": "p", "max_completion_tokens": 3, "max_tokens": 3}).status_code == 200
    assert [config.max_new_tokens for config in runtime.configs] == [2, 3]


DEEP_SCHEMA: dict = {"type": "string"}
for _ in range(70):
    DEEP_SCHEMA = {"type": "array", "items": DEEP_SCHEMA}


@pytest.mark.parametrize("schema, says", [
    ({"enum": []}, "enum array must not be empty"),
    ({"type": "nonsense"}, 'Unsupported type "nonsense"'),
    ({"type": "string", "pattern": "(("}, "The parenthesis is not closed"),
    ({"$ref": "#"}, "Circular $ref chain"),
    ({"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/a"}}}, "Circular $ref chain"),
    (DEEP_SCHEMA, "nested deeper than 64 levels"),
])
def test_a_schema_the_grammar_cannot_compile_is_a_400_naming_it_before_generation(full_runtime, schema, says):
    pytest.importorskip("xgrammar")
    from fastapi.testclient import TestClient

    client = TestClient(serve_module.create_app(full_runtime), raise_server_exceptions=False)
    response_format = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    for stream in (False, True):
        response = client.post("/v1/chat/completions", json=CHAT | {"max_tokens": 4, "response_format": response_format, "stream": stream})
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["param"] == "response_format.json_schema.schema" and says in error["message"]
        assert len(error["message"]) < 300 and "\n" not in error["message"] and ".cc:" not in error["message"]


@pytest.mark.parametrize("body, says", [
    (b'{"model": "tiny", "messages": [', "the request body is not valid JSON: Expecting value at character 31"),
    (b'{"messages": "\xe9t\xe9"}', "the request body is not UTF-8 JSON (invalid continuation byte at byte 14)"),
    (b"[" * 100_000, "the request body is nested too deeply to parse"),
    (b'{"max_tokens": ' + b"9" * 5000 + b"}", "the request body cannot be parsed: Exceeds the limit (4300 digits)"),
])
def test_a_body_that_is_not_json_is_a_400_in_the_openai_envelope(client, body, says):
    response = client.post("/v1/chat/completions", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["message"].startswith(says) and error["param"] is None and error["type"] == "invalid_request_error"
    assert response.json()["detail"] == error["message"]


@pytest.mark.parametrize("path, body, param", [
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "\ud800"}]}, "messages.0.content"),
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "\ud800"}], "stream": True}, "messages.0.content"),
    ("/v1/chat/completions", {"messages": [{"role": "system", "content": "a\udc00"}, {"role": "user", "content": "hi"}]},
     "messages.0.content"),
    ("/v1/completions", {"prompt": "\udc00x"}, "prompt"),
    ("/v1/completions", {"prompt": "\udc00x", "stream": True}, "prompt"),
    ("/v1/completions", {"prompt": ["ok", "\ud800"]}, "prompt"),
])
def test_a_lone_surrogate_is_a_400_naming_the_field(full_runtime, path, body, param):
    from fastapi.testclient import TestClient

    client = TestClient(serve_module.create_app(full_runtime), raise_server_exceptions=False)
    raw = json.dumps(body | {"max_tokens": 2})  # ensure_ascii: the surrogate travels as the escape \ud800
    response = client.post(path, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["param"] == param and error["message"].startswith(f"{param}: ")
    assert "not valid Unicode text" in error["message"]


@pytest.mark.parametrize("field, value", [
    ("tool_choice", "required"), ("tool_choice", {"type": "function", "function": {"name": "f"}}),
    ("function_call", {"name": "f"}),
])
def test_a_demand_for_a_tool_call_is_refused_not_dropped(client, field, value):
    response = client.post("/v1/chat/completions", json=CHAT | {field: value})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == field and "not supported" in response.json()["detail"]
    for unused in ("none", "auto"):
        assert client.post("/v1/chat/completions", json=CHAT | {field: unused}).status_code == 200


@pytest.mark.parametrize("schema, says", [
    ({"type": "string", "pattern": "(?=a)b"}, "lookahead and lookbehind assertions are not supported"),
    ({"type": "object", "properties": {"x": {"type": "string", "pattern": "(?<!a)b"}}}, "lookahead and lookbehind"),
    ({"allOf": [{"type": "string"}, {"type": "integer"}]}, "allOf with more than one schema is not supported"),
])
def test_a_schema_xgrammar_would_not_enforce_is_refused(full_runtime, schema, says):
    pytest.importorskip("xgrammar")
    from fastapi.testclient import TestClient

    client = TestClient(serve_module.create_app(full_runtime), raise_server_exceptions=False)
    response_format = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    response = client.post("/v1/chat/completions", json=CHAT | {"max_tokens": 4, "response_format": response_format})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == "response_format.json_schema.schema" and says in response.json()["detail"]


def test_a_misspelt_field_is_a_400_naming_it_and_a_harmless_client_field_is_accepted(client):
    response = client.post("/v1/chat/completions", json=CHAT | {"temprature": 0.5})
    assert response.status_code == 400 and response.json()["error"]["param"] == "temprature", response.json()
    assert client.post("/v1/completions", json={"prompt": "问：你好\n答：", "max_token": 4}).status_code == 400
    assert client.post("/v1/chat/completions", json=CHAT | {"user": "u1", "stream_options": None}).status_code == 200
    inside = client.post("/v1/chat/completions", json=CHAT | {"messages": [{"role": "user", "content": "你好", "foo": 1}]})
    assert inside.status_code == 400 and inside.json()["error"]["param"] == "messages.0.foo", inside.json()
    named = client.post("/v1/chat/completions", json=CHAT | {"messages": [{"role": "user", "content": "你好", "name": "u"}], "max_tokens": 4})
    assert named.status_code == 200, named.text
    options = client.post("/v1/chat/completions", json=CHAT | {"stream": True, "stream_options": {"bogus": 1}})
    assert options.status_code == 400 and options.json()["error"]["param"] == "stream_options.bogus", options.json()
    yes = client.post("/v1/chat/completions", json=CHAT | {"stream": "yes"})  # was a 200, streamed
    assert yes.status_code == 400 and yes.json()["error"]["param"] == "stream", yes.json()
    usage = client.post("/v1/chat/completions", json=CHAT | {"max_tokens": 4, "stream": True, "stream_options": {"include_usage": True}})
    assert usage.status_code == 200, usage.text


def _raw_exchange(url: str, request: bytes, *, end_sending: bool = False) -> bytes:
    import socket
    from urllib.parse import urlparse

    where = urlparse(url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(request)
        if end_sending:
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("request_, status", [
    # uvicorn closed at once on these: a client still sending its 200 KB header got a connection reset, no answer
    (b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\nContent-Length: 2\r\n\r\n{}", 431),
    (b"NOT AN HTTP REQUEST\r\n\r\n" + b"b" * 200_000, 400),
    # sent at once, 17 KB of headers (one, or 3,000 small ones) were read and served: h11 checks only what is still arriving
    (b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 17_000 + b"\r\nContent-Length: 2\r\n\r\n{}", 431),
    (b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(3000))
     + b"Content-Length: 2\r\n\r\n{}", 431),
])
def test_a_request_the_server_cannot_read_gets_its_status_and_the_server_goes_on(server_url, request_, status):
    answer = _raw_exchange(server_url, request_, end_sending=True)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), head[:80]
    assert json.loads(body)["error"]["type"] == "invalid_request_error"
    assert b'"object"' in _raw_exchange(server_url, b"GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")


def test_a_request_in_absolute_form_is_served(server_url):
    # RFC 9112: a server must accept "POST http://host/v1/… HTTP/1.1" (it was a 404)
    request = (f"GET {server_url}/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").encode()
    assert _raw_exchange(server_url, request).startswith(b"HTTP/1.1 200 ")
