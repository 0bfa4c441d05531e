"""The remote backend against `agent serve` (create_app over a tiny model) on loopback."""

import json
import socket

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")

from llm.base import GenerationConfig, ModelLoadError, Runtime  # noqa: E402
from llm.grammar import PLAN_SCHEMA  # noqa: E402
from llm.openai_compat import OpenAICompatRuntime  # noqa: E402
from agent.llm_planner import LLMPlanner  # noqa: E402
from llm.template import render_prompt  # noqa: E402

GREEDY = GenerationConfig.greedy(max_new_tokens=8)


def test_models_endpoint_names_the_served_model(server_url, full_runtime):
    remote = OpenAICompatRuntime(server_url)
    assert isinstance(remote, Runtime)
    assert remote.model == full_runtime.name


def test_remote_completion_equals_local_generation(server_url, full_runtime, prompt):
    remote = OpenAICompatRuntime(server_url + "/v1/")
    assert remote.generate(prompt, GREEDY) == full_runtime.generate(prompt, GREEDY)


def test_chat_api_sends_the_rendered_prompt_once_not_twice(server_url, full_runtime, prompt):
    # Equal output proves the server used the prompt as is; a second template around it would differ.
    remote = OpenAICompatRuntime(server_url, api="chat")
    assert remote.generate(prompt, GREEDY) == full_runtime.generate(prompt, GREEDY)


def test_remote_batch_keeps_the_order_of_the_prompts(server_url, full_runtime):
    prompts = [render_prompt("你好"), render_prompt("《三体》的作者是谁？")]
    for api in ("completions", "chat"):
        remote = OpenAICompatRuntime(server_url, api=api)
        assert remote.generate_batch(prompts, GREEDY) == full_runtime.generate_batch(prompts, GREEDY)


@pytest.mark.parametrize("api", ["completions", "chat"])
def test_remote_stream_yields_the_pieces_of_the_local_text(server_url, full_runtime, prompt, api):
    config = GenerationConfig.greedy(max_new_tokens=12)
    pieces = list(OpenAICompatRuntime(server_url, api=api).stream(prompt, config))
    assert len(pieces) > 1
    assert "".join(pieces).strip() == full_runtime.generate(prompt, config)


def test_usage_and_finish_reason_come_from_the_model(hello_server_url, prompt):
    body = {"prompt": prompt, "max_tokens": 8, "temperature": 0}
    data = httpx.post(hello_server_url + "/v1/completions", json=body).json()
    assert data["object"] == "text_completion"
    assert (data["choices"][0]["text"], data["choices"][0]["finish_reason"]) == ("你好", "stop")
    assert data["usage"]["completion_tokens"] < 8
    assert data["usage"]["total_tokens"] == data["usage"]["prompt_tokens"] + data["usage"]["completion_tokens"]


def test_a_generic_chat_client_gets_the_cutegpt_template_with_history(hello_server_url):
    messages = [
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": "早"},
        {"role": "assistant", "content": "早上好"},
        {"role": "user", "content": "你是谁？"},
    ]
    body = {"messages": messages, "max_tokens": 8, "temperature": 0}
    data = httpx.post(hello_server_url + "/v1/chat/completions", json=body).json()
    assert data["choices"][0]["message"] == {"role": "assistant", "content": "你好"}
    assert data["usage"]["prompt_tokens"] > 0


def test_chat_stream_is_server_sent_events_ending_in_done(hello_server_url):
    body = {"messages": [{"role": "user", "content": "你是谁？"}], "max_tokens": 8, "temperature": 0, "stream": True}
    with httpx.stream("POST", hello_server_url + "/v1/chat/completions", json=body) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == "你好"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_planner_over_http_gets_constrained_json(quote_server_url, prompt):
    pytest.importorskip("xgrammar")
    remote = OpenAICompatRuntime(quote_server_url)
    config = GenerationConfig.greedy(max_new_tokens=60)
    assert set(remote.generate(prompt, config)) == {'"'}  # unconstrained, this model writes only quotes
    plan = json.loads(remote.generate(prompt, config, json_schema=PLAN_SCHEMA))
    assert plan["need_knowledge"] in ("是", "否")
    assert json.loads(LLMPlanner(remote, config=config).plan("谁？"))["need_knowledge"] in ("是", "否")


def test_connection_refused_names_the_url():
    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        remote = OpenAICompatRuntime(f"http://127.0.0.1:{port}", model="m")
        with pytest.raises(ModelLoadError, match=rf"cannot connect to http://127.0.0.1:{port}/v1/completions"):
            remote.generate("p", GREEDY)
        with pytest.raises(ModelLoadError, match="cannot connect to"):
            list(remote.stream("p", GREEDY))


def test_http_errors_become_one_line(server_url):
    remote = OpenAICompatRuntime(server_url, api="chat", model="m")
    with pytest.raises(ModelLoadError, match=r"/v1/chat/completions answered HTTP 400: .*last message must come from the user"):
        remote._request("POST", "/chat/completions", json={"messages": [{"role": "assistant", "content": "x"}]})
    with pytest.raises(ModelLoadError, match=r"answered HTTP 404"):
        OpenAICompatRuntime(server_url + "/nothing").generate("p", GREEDY)


def _streamed(url: str, path: str, body: dict) -> tuple[str, str]:
    """(joined text, last finish_reason) of a streamed request."""
    with httpx.stream("POST", url + path, json=body | {"stream": True}) as response:
        lines = [line for line in response.iter_lines() if line.startswith("data: {")]
    chunks = [json.loads(line.removeprefix("data: "))["choices"][0] for line in lines]
    text = "".join(c.get("text") or (c.get("delta") or {}).get("content") or "" for c in chunks)
    return text, chunks[-1]["finish_reason"]


def test_streamed_finish_reason_is_length_when_max_tokens_cut_it_off(quote_server_url, hello_server_url, prompt):
    body = {"prompt": prompt, "max_tokens": 5, "temperature": 0}
    assert _streamed(quote_server_url, "/v1/completions", body) == ('"' * 5, "length")
    assert _streamed(hello_server_url, "/v1/completions", body) == ("你好", "stop")  # ended by <end>


def test_streaming_honours_stop_strings(hello_server_url, prompt):
    body = {"prompt": prompt, "max_tokens": 8, "temperature": 0, "stop": ["好"]}
    assert _streamed(hello_server_url, "/v1/completions", body) == ("你", "stop")
    chat = {"messages": [{"role": "user", "content": "你是谁？"}], "max_tokens": 8, "temperature": 0, "stop": "好"}
    assert _streamed(hello_server_url, "/v1/chat/completions", chat) == ("你", "stop")


def test_streaming_honours_response_format(quote_server_url, prompt):
    pytest.importorskip("xgrammar")
    from llm.openai_compat import response_format

    body = {"prompt": prompt, "max_tokens": 60, "temperature": 0, "response_format": response_format(PLAN_SCHEMA)}
    text, finish = _streamed(quote_server_url, "/v1/completions", body)
    assert finish == "stop" and json.loads(text)["need_knowledge"] in ("是", "否")


def test_a_prompt_the_served_model_cannot_read_is_the_same_error_as_locally(server_url, full_runtime):
    from llm.base import PromptTooLongError

    remote = OpenAICompatRuntime(server_url)
    with pytest.raises(PromptTooLongError):
        full_runtime.generate("字" * 20000, GREEDY)
    with pytest.raises(PromptTooLongError, match="context|long|reads"):
        remote.generate("字" * 20000, GREEDY)


def test_check_reaches_the_server_once_and_refuses_a_model_it_does_not_serve(server_url, full_runtime):
    remote = OpenAICompatRuntime(server_url)
    remote.check()
    assert remote.model == full_runtime.name
    with pytest.raises(ModelLoadError, match=r"does not serve the model 'gpt-4'; it serves: "):
        OpenAICompatRuntime(server_url, model="gpt-4").check()
    with pytest.raises(ModelLoadError, match="cannot connect to"):
        OpenAICompatRuntime("http://127.0.0.1:9", model="m").check()


def _answering(models, chat=None, api="completions"):
    """A runtime whose server answers /models with `models` and completions with `chat` (bytes or JSON)."""
    def handle(request):
        answer = models if request.url.path.endswith("/models") else chat
        if isinstance(answer, bytes):
            kind = "text/event-stream" if answer.lstrip(b"\xef\xbb\xbf").startswith((b"data:", b":")) else "text/html"
            return httpx.Response(200, content=answer, headers={"content-type": kind})
        return httpx.Response(200, json=answer)

    remote = OpenAICompatRuntime("http://fake.test/v1", api=api)
    remote._client = httpx.Client(base_url=remote.base_url, transport=httpx.MockTransport(handle))
    return remote


GOOD_MODELS = {"data": [{"id": "m"}]}


@pytest.mark.parametrize("models, says", [
    (b"<html><body>hello</body></html>", r"^http://fake.test/v1/models did not answer JSON \(.*\): '<html><body>hello"),
    (b'{"data": [', r"^http://fake.test/v1/models did not answer JSON"),
    ([1, 2], r"^http://fake.test/v1/models answered JSON that is not an object: list"),
    ({"data": "nope"}, r"^http://fake.test/v1/models is not an OpenAI model list"),
    ({"data": [{"name": "m"}]}, r"^http://fake.test/v1/models is not an OpenAI model list"),
])
def test_a_models_answer_that_is_not_an_openai_list_is_one_load_error(models, says):
    with pytest.raises(ModelLoadError, match=says):
        _answering(models).check()
    with pytest.raises(ModelLoadError, match=says):
        _answering(models).generate("p", GREEDY)


@pytest.mark.parametrize("api", ["completions", "chat"])
@pytest.mark.parametrize("chat, says", [
    ({"choices": []}, r"answered 0 choices, expected 1"),
    ({"nothing": 1}, r"answered no choices list, expected 1"),
    ({"choices": ["x"]}, r"answered a choice without its text"),
    ({"choices": [{"index": 0}]}, r"answered a choice without its text"),
    ({"choices": [{"text": 5, "message": {"content": 5}}]}, r"answered a choice whose text is not a string"),
    (b"<html>busy</html>", r"did not answer JSON"),
])
def test_a_completion_answer_of_the_wrong_shape_is_one_load_error_naming_the_endpoint(api, chat, says):
    path = "/chat/completions" if api == "chat" else "/completions"
    remote = _answering(GOOD_MODELS, chat, api=api)
    with pytest.raises(ModelLoadError, match=f"^http://fake.test/v1{path} {says}"):
        remote.generate("p", GREEDY)


def test_a_batch_answer_with_too_few_choices_is_one_load_error():
    remote = _answering(GOOD_MODELS, {"choices": [{"index": 0, "text": "a"}]})
    with pytest.raises(ModelLoadError, match=r"/v1/completions answered 1 choices, expected 2"):
        remote.generate_batch(["p", "q"], GREEDY)
    assert _answering(GOOD_MODELS, {"choices": [{"index": 1, "text": "b"}, {"index": 0, "text": "a"}]}).generate_batch(["p", "q"], GREEDY) == ["a", "b"]


def test_a_stream_event_that_is_not_json_is_one_load_error():
    remote = _answering(GOOD_MODELS, b"data: {oops\n\ndata: [DONE]\n\n")
    with pytest.raises(ModelLoadError, match=r"^http://fake.test/v1/completions streamed an event that is not an OpenAI chunk"):
        list(remote.stream("p", GREEDY))


def test_a_server_that_drops_the_connection_is_one_load_error_naming_the_url():
    def hang_up(request):
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)

    remote = OpenAICompatRuntime("http://fake.test/v1", model="m")
    remote._client = httpx.Client(base_url=remote.base_url, transport=httpx.MockTransport(hang_up))
    with pytest.raises(ModelLoadError, match=r"^http://fake.test/v1/models gave no answer: Server disconnected"):
        remote.check()
    with pytest.raises(ModelLoadError, match=r"^http://fake.test/v1/completions gave no answer"):
        list(remote.stream("p", GREEDY))


def test_a_server_that_trickles_its_headers_is_bounded(monkeypatch):
    # A byte a second never trips httpx's read timeout: `agent ask --endpoint` waited past 130 s.
    import threading
    import time

    import llm.openai_compat as compat

    monkeypatch.setattr(compat, "LIST_TIMEOUT_S", 1.0)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    done = threading.Event()

    def trickle():
        connection, _ = server.accept()
        with connection:
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            for byte in b"X-Pad: " + b"a" * 100:
                if done.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.1)

    threading.Thread(target=trickle, daemon=True).start()
    port = server.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(ModelLoadError, match=rf"^http://127.0.0.1:{port}/v1/models did not answer in time"):
            OpenAICompatRuntime(f"http://127.0.0.1:{port}/v1").check()
    finally:
        done.set()
        server.close()
    assert time.monotonic() - started < 5


def test_a_server_that_trickles_its_stream_is_bounded():
    # Headers at once, then the events a byte at a time: every read gets a byte, so only a
    # deadline on the whole answer ends it (`agent ask --endpoint` streaming waited past 130 s).
    import threading
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    done = threading.Event()

    def trickle():
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            for byte in b'data: {"choices": [{"text": "' + b"a" * 100:
                if done.is_set():
                    return
                try:
                    connection.sendall(b"1\r\n" + bytes([byte]) + b"\r\n")
                except OSError:
                    return
                time.sleep(0.1)

    threading.Thread(target=trickle, daemon=True).start()
    port = server.getsockname()[1]
    started = time.monotonic()
    remote = OpenAICompatRuntime(f"http://127.0.0.1:{port}/v1", model="m", timeout=1.0)
    try:
        with pytest.raises(ModelLoadError, match=rf"^http://127.0.0.1:{port}/v1/completions did not answer in time"):
            list(remote.stream("p", GREEDY))
    finally:
        done.set()
        server.close()
    assert time.monotonic() - started < 5


def test_a_stream_closed_early_stops_reading():
    remote = _answering(GOOD_MODELS, b'data: {"choices": [{"text": "a"}]}\n\ndata: {"choices": [{"text": "b"}]}\n\ndata: [DONE]\n\n')
    remote._model = "m"
    pieces = remote.stream("p", GREEDY)
    assert next(pieces) == "a"
    pieces.close()


@pytest.mark.parametrize("body, says", [
    (b'data: {"choices": [{"text": "\xe5\x88\x98\xe6\x85\x88"}]}\n\n', "closed the stream before its end"),
    (b'data: {"error": {"message": "model overloaded"}}\n\n', "streamed an error: model overloaded"),
    (b"data: [DONE]\n\n", "streamed no answer text, only \\[DONE\\]"),
    (b'data: {"choices": [{"text": "\xff\xfe"}]}\n\ndata: [DONE]\n\n', "streamed bytes that are not UTF-8"),
    (b"<html><body>Bad gateway</body></html>", "answered a streamed request with text/html, not server-sent events"),
    (b'data: {"choices": [{"delta": {"role": "assistant"}}]}\n\ndata: {"choices": [], "usage": {}}\n\ndata: [DONE]\n\n',
     "streamed no answer text"),
    (b'data: {"choices": [{"text": 42}]}\n\ndata: [DONE]\n\n', "content is not text"),
    (b'data: {"choices": [{"text": "a"}]}\n\ndata: {"error": {"message": "worker died"}}\n\n', "streamed an error: worker died"),
])
def test_a_stream_that_is_cut_off_broken_or_not_a_stream_is_one_load_error(body, says):
    # Shown before as a partial answer ("刘慈"), an empty one, or "��" — with exit 0.
    remote = _answering(GOOD_MODELS, body)
    remote._model = "m"
    with pytest.raises(ModelLoadError, match=says):
        list(remote.stream("p", GREEDY))


@pytest.mark.parametrize("body", [
    b'\xef\xbb\xbfdata: {"choices": [{"text": "ab"}]}\n\ndata: [DONE]\n\n',  # a BOM before the first event
    b'data: {"choices":\ndata: [{"text": "ab"}]}\n\ndata: [DONE]\n\n',  # one event's JSON over two data: lines
    b'data: {"choices": [{"text": "ab"}]}\r\rdata: [DONE]\r\r',  # CR-only line ends
    b': comment\nevent: x\ndata:{"choices": [{"text": "ab"}]}\ndata: [DONE]\n',  # no space after data:, no blank lines
])
def test_valid_server_sent_events_of_every_shape_stream_the_text(body):
    remote = _answering(GOOD_MODELS, body)
    remote._model = "m"
    assert "".join(remote.stream("p", GREEDY)) == "ab"


def test_json_nested_too_deep_is_one_load_error():
    remote = _answering({"data": []}, None)
    deep = "[" * 100_000 + "]" * 100_000

    def handle(request):
        return httpx.Response(200, content=deep.encode(), headers={"content-type": "application/json"})

    remote._client = httpx.Client(base_url=remote.base_url, transport=httpx.MockTransport(handle))
    with pytest.raises(ModelLoadError, match="nested too deep"):
        remote.check()


def test_a_password_in_the_endpoint_url_is_sent_as_basic_auth_and_never_shown():
    remote = OpenAICompatRuntime("http://user:s3cret@fake.test", model="m")
    assert remote.base_url == "http://fake.test/v1" and "s3cret" not in remote.name
    seen = []

    def handle(request):
        seen.append(request.headers.get("authorization"))
        return httpx.Response(500, text="down")

    transport = httpx.MockTransport(handle)
    remote._client = httpx.Client(base_url=remote.base_url, auth=remote._client.auth, transport=transport)
    with pytest.raises(ModelLoadError) as error:
        remote.generate("p", GREEDY)
    assert "s3cret" not in str(error.value) and "fake.test" in str(error.value)
    assert seen and seen[0] == httpx.BasicAuth("user", "s3cret")._auth_header
