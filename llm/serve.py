"""`agent serve`: a local runtime behind OpenAI-compatible endpoints (FastAPI + uvicorn).

/v1/completions takes the raw prompt (a rendered CuteGPT prompt passes through untouched);
/v1/chat/completions renders the messages with the CuteGPT template: user/assistant pairs become
history (the last three turns, as upstream), the last user message the query, system messages are
dropped (CuteGPT's meta instruction is fixed). A lone user message that already is a CuteGPT
prompt is used as is, so `OpenAICompatRuntime(api="chat")` never gets the template twice
(llm.template.render_chat). Generation is serialised by a lock: one model, one request at a time.
A prompt longer than the model's context is a 400 `context_length_exceeded`, streaming or not.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationInfo, field_validator, model_validator

from llm.base import MAX_TOKENS_CAP, Completion, CompletionRuntime, GenerationConfig, PromptTooLongError, Runtime
from llm.http_server import server_config
from llm.stops import cut_at_stop, stop_strings, stream_until_stop
from llm.template import CUTEGPT, render_chat

MAX_BODY_BYTES = 4 * 1024 * 1024
"""The largest request body read (413 beyond): a 2048-token context is a few KB of text."""
MAX_STOPS, MAX_STOP_CHARS = 16, 200
MAX_PROMPTS = 64
"""Prompts in one /v1/completions request (each is generated under the one lock)."""
_UNSUPPORTED = {
    # OpenAI fields this server cannot honour, with the values that mean "not used": any other
    # value is a 400 naming the field, never silently ignored.
    "frequency_penalty": ("not supported; repetition_penalty (vLLM's extension) is", (0, 0.0)),
    "presence_penalty": ("not supported; repetition_penalty (vLLM's extension) is", (0, 0.0)),
    "logprobs": ("log probabilities are not returned by this server", (False, 0)),
    "top_logprobs": ("log probabilities are not returned by this server", (0,)),
    "logit_bias": ("not supported", ({},)),
    "best_of": ("one choice per request", (1,)),
    "echo": ("the prompt is not echoed", (False,)),
    "suffix": ("insertion is not supported", ("",)),
    "tools": ("tool calls are not supported (CuteKG plans with code)", ([],)),
    "tool_choice": ("tool calls are not supported (CuteKG plans with code)", ("none", "auto")),
    "functions": ("function calls are not supported (CuteKG plans with code)", ([],)),
    "function_call": ("function calls are not supported (CuteKG plans with code)", ("none", "auto")),
    "modalities": ("only text is generated", (["text"],)),
    "audio": ("audio output is not supported", ()),
}


class JsonSchemaFormat(BaseModel):
    name: str = "output"
    schema_: dict[str, Any] = Field(alias="schema")
    strict: bool | None = None

    @field_validator("schema_")
    @classmethod
    def _constrainable(cls, schema: dict[str, Any]) -> dict[str, Any]:
        # Checked before generation: xgrammar failing on it inside the handler would be a 500.
        from llm.grammar import schema_problem

        if (problem := schema_problem(schema)) is not None:
            raise ValueError(problem)
        return schema


class StreamOptions(BaseModel):
    """OpenAI's stream_options: what it defines is accepted (a usage chunk is not sent); a key it
    does not define is a 400 naming it, as at the top level."""

    model_config = ConfigDict(extra="forbid")

    include_usage: bool | None = Field(None, strict=True)
    include_obfuscation: bool | None = Field(None, strict=True)


class ResponseFormat(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["text", "json_schema"]
    json_schema: JsonSchemaFormat | None = None

    @model_validator(mode="after")
    def _schema_given(self) -> ResponseFormat:
        if self.type == "json_schema" and self.json_schema is None:
            raise ValueError("type json_schema needs json_schema: {name, schema}")
        return self


class _Sampling(BaseModel):
    # Every field we use is checked against the ranges GenerationConfig accepts, a field asking for
    # what we cannot do is refused, and a field OpenAI does not define either ("temprature") is a
    # 400 naming it — never a 500, a silent default or a typo ignored. Fields clients send that
    # change nothing here (user, metadata, …) are accepted. Numbers are strict: `true` is not 1.
    model_config = ConfigDict(extra="forbid")

    # (accepted, but of the types OpenAI defines them with: "user": {"a": 1} is a 400 too)
    user: StrictStr | None = None
    metadata: dict[str, StrictStr] | None = None
    store: StrictBool | None = None
    service_tier: StrictStr | None = None
    stream_options: StreamOptions | None = None
    parallel_tool_calls: StrictBool | None = None
    reasoning_effort: StrictStr | None = None
    prediction: dict[str, Any] | None = None
    web_search_options: dict[str, Any] | None = None

    model: str | None = None
    max_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS_CAP, strict=True)
    max_completion_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS_CAP, strict=True,
                                              description="what current OpenAI clients send instead of max_tokens")
    temperature: float | None = Field(None, ge=0, le=2, strict=True)
    top_p: float | None = Field(None, gt=0, le=1, strict=True)
    top_k: int | None = Field(None, ge=0, strict=True)
    repetition_penalty: float | None = Field(None, gt=0, le=10, strict=True)
    seed: int | None = Field(None, ge=0, le=2**63 - 1, strict=True)
    n: int = Field(1, ge=1, le=1, strict=True, description="one choice per request: ask again for another")
    stop: str | list[str] | None = None
    stream: bool = Field(False, strict=True)  # "yes" was taken as true
    response_format: ResponseFormat | None = None
    frequency_penalty: Any = None
    presence_penalty: Any = None
    logprobs: Any = None
    top_logprobs: Any = None
    logit_bias: Any = None
    best_of: Any = None
    echo: Any = None
    suffix: Any = None
    tools: Any = None
    tool_choice: Any = None
    functions: Any = None
    function_call: Any = None
    modalities: Any = None
    audio: Any = None

    @field_validator("max_completion_tokens")
    @classmethod
    def _one_token_limit(cls, value: int | None, info: ValidationInfo) -> int | None:
        given = info.data.get("max_tokens")
        if value is not None and given is not None and value != given:
            raise ValueError(f"is {value} but max_tokens is {given}: give one of them")
        return value

    @field_validator(*_UNSUPPORTED)
    @classmethod
    def _off(cls, value: Any, info: ValidationInfo) -> Any:
        why, unused = _UNSUPPORTED[info.field_name]
        if value is not None and not any(type(value) is type(off) and value == off for off in unused):
            raise ValueError(why)
        return value

    @field_validator("stop")
    @classmethod
    def _bounded_stops(cls, stop: str | list[str] | None) -> str | list[str] | None:
        stops = [stop] if isinstance(stop, str) else stop or []
        if len(stops) > MAX_STOPS or any(len(text) > MAX_STOP_CHARS for text in stops):
            raise ValueError(f"at most {MAX_STOPS} stop strings of at most {MAX_STOP_CHARS} characters")
        return stop

    def config(self) -> GenerationConfig:
        return GenerationConfig.for_temperature(
            self.temperature, max_new_tokens=self.max_completion_tokens or self.max_tokens, top_p=self.top_p,
            top_k=self.top_k, repetition_penalty=self.repetition_penalty, seed=self.seed,
        )

    def json_schema(self) -> dict | None:
        fmt = self.response_format
        return fmt.json_schema.schema_ if fmt is not None and fmt.json_schema is not None and fmt.type == "json_schema" else None

    def stop_strings(self) -> list[str]:
        return stop_strings(self.stop)

    def cut_at_stop(self, text: str) -> str:
        return cut_at_stop(text, self.stop_strings())


def _not_empty(text: str) -> str:
    if not text.strip():
        raise ValueError("the prompt is empty")
    return _unicode(text)


def _unicode(text: str) -> str:
    """JSON's \\ud800 escapes decode to lone surrogates, which no tokenizer can encode: a 400, not a 500."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"not valid Unicode text (a lone surrogate at character {error.start})") from None
    return text


class CompletionRequest(_Sampling):
    prompt: str | list[str]

    @field_validator("prompt")
    @classmethod
    def _prompts(cls, prompt: str | list[str]) -> str | list[str]:
        prompts = [prompt] if isinstance(prompt, str) else prompt
        if not 1 <= len(prompts) <= MAX_PROMPTS:
            raise ValueError(f"give 1 to {MAX_PROMPTS} prompts")
        for text in prompts:
            _not_empty(text)
        return prompt


class ChatMessage(BaseModel):
    # A misspelt or unknown key in a message is a 400 naming it, as at the top level; OpenAI's
    # other message fields that change nothing here are accepted.
    model_config = ConfigDict(extra="forbid")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | None = ""
    name: Any = None
    tool_calls: Any = None
    tool_call_id: Any = None
    refusal: Any = None

    @field_validator("content")
    @classmethod
    def _text(cls, content: str | None) -> str | None:
        return content if content is None else _unicode(content)


class ChatRequest(_Sampling):
    messages: list[ChatMessage] = Field(min_length=1)

    @field_validator("messages")
    @classmethod
    def _asks_something(cls, messages: list[ChatMessage]) -> list[ChatMessage]:
        users = [m for m in messages if m.role == "user"]
        if users and not (users[-1].content or "").strip():
            raise ValueError("the last user message is empty")
        return messages


def chat_prompt(messages: list[ChatMessage], template: Any = CUTEGPT) -> str:
    """The prompt for a chat in the served model's template (llm.template; CuteGPT's by default)."""
    return render_chat([(m.role, m.content or "") for m in messages], template)


def _complete(runtime: Runtime, prompts: list[str], config: GenerationConfig, schema: dict | None) -> list[Completion]:
    if isinstance(runtime, CompletionRuntime):  # HFRuntime reports token counts and finish reasons
        return runtime.complete_batch(prompts, config, json_schema=schema)
    if schema is None and len(prompts) > 1:
        return [Completion(text=text) for text in runtime.generate_batch(prompts, config)]
    return [Completion(text=runtime.generate(prompt, config, json_schema=schema)) for prompt in prompts]


def _sse(chunks: Iterator[dict[str, Any]]) -> Iterator[str]:
    for chunk in chunks:
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


def _unreadable(cause: BaseException | None) -> str:
    """Why FastAPI could not parse a body it answers only "There was an error parsing the body" for."""
    if isinstance(cause, UnicodeDecodeError):
        return f"the request body is not UTF-8 JSON ({cause.reason} at byte {cause.start})"
    if isinstance(cause, RecursionError):
        return "the request body is nested too deeply to parse"
    reason = str(cause).split(";")[0][:200] if cause is not None else "unknown error"  # a 5000-digit number
    return f"the request body cannot be parsed: {reason}"


def create_app(runtime: Runtime) -> Any:
    from fastapi import FastAPI, HTTPException
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, StreamingResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    app = FastAPI(title="CuteKG model server", description="CuteGPT over an OpenAI-compatible API")
    lock = threading.Lock()

    def client_error(message: str, param: str | None, status: int = 400, code: str | None = None) -> JSONResponse:
        # OpenAI's error envelope (clients read error.param / error.code), and FastAPI's `detail`.
        body = {"message": message, "type": "invalid_request_error", "param": param, "code": code}
        return JSONResponse({"detail": message, "error": body}, status)

    @app.exception_handler(RequestValidationError)
    def bad_request(_request: Any, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        if first["type"] == "json_invalid":  # its loc is ("body", character offset)
            return client_error(f"the request body is not valid JSON: {first['ctx']['error']} at character {first['loc'][-1]}", None)
        field = ".".join(str(part) for part in first["loc"] if part != "body") or "body"
        return client_error(f"{field}: {first['msg'].removeprefix('Value error, ')}", field)

    @app.exception_handler(StarletteHTTPException)
    def http_error(_request: Any, error: StarletteHTTPException) -> JSONResponse:
        # Every error in OpenAI's envelope, not only ours; a body FastAPI could not parse says why.
        unparsed = error.status_code == 400 and error.detail == "There was an error parsing the body"
        response = client_error(_unreadable(error.__cause__) if unparsed else str(error.detail), None, error.status_code)
        response.headers.update(error.headers or {})
        return response

    def check_model(request: _Sampling) -> None:
        if request.model is not None and request.model != runtime.name:
            raise HTTPException(404, f"model {request.model!r} is not served here; this server serves {runtime.name!r}")

    def envelope(kind: str, prefix: str) -> dict[str, Any]:
        identity = f"{prefix}-{uuid.uuid4().hex}"
        return {"id": identity, "object": kind, "created": int(time.time()), "model": runtime.name}

    def usage(completions: list[Completion]) -> dict[str, int]:
        prompt = sum(c.prompt_tokens for c in completions)
        generated = sum(c.completion_tokens for c in completions)
        return {"prompt_tokens": prompt, "completion_tokens": generated, "total_tokens": prompt + generated}

    @app.exception_handler(PromptTooLongError)
    def prompt_too_long(request: Any, error: PromptTooLongError) -> JSONResponse:
        param = "messages" if request.url.path.endswith("/chat/completions") else "prompt"
        return client_error(str(error), param, code="context_length_exceeded")

    def streamed(prompt: str, request: _Sampling, chunk: Any) -> StreamingResponse:
        # Called before the response starts: a prompt the runtime refuses is still a plain HTTP error.
        stream = stream_until_stop(runtime, prompt, request.config(), request.stop_strings(), request.json_schema())

        def pieces() -> Iterator[dict[str, Any]]:
            with lock:
                while True:
                    try:
                        yield chunk(next(stream), None)
                    except StopIteration as end:
                        finish = end.value
                        break
            yield chunk(None, finish)

        return StreamingResponse(_sse(pieces()), media_type="text/event-stream")

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": runtime.name, "object": "model", "owned_by": "cutekg"}]}

    @app.post("/v1/completions")
    def completions(request: CompletionRequest) -> Any:
        check_model(request)
        prompts = [request.prompt] if isinstance(request.prompt, str) else request.prompt
        config = request.config()
        if request.stream:
            if len(prompts) != 1:
                return client_error("prompt: streaming takes one prompt", "prompt")
            base = envelope("text_completion", "cmpl")

            def chunk(text: str | None, finish: str | None) -> dict[str, Any]:
                return base | {"choices": [{"index": 0, "text": text or "", "finish_reason": finish}]}

            return streamed(prompts[0], request, chunk)
        with lock:
            done = _complete(runtime, prompts, config, request.json_schema())
        choices = [
            {"index": i, "text": request.cut_at_stop(c.text), "finish_reason": c.finish_reason, "logprobs": None}
            for i, c in enumerate(done)
        ]
        return envelope("text_completion", "cmpl") | {"choices": choices, "usage": usage(done)}

    @app.post("/v1/chat/completions")
    def chat_completions(request: ChatRequest) -> Any:
        check_model(request)
        try:
            prompt = chat_prompt(request.messages, getattr(runtime, "template", None) or CUTEGPT)
        except ValueError as error:
            return client_error(f"messages: {error}", "messages")
        config = request.config()
        if request.stream:
            base = envelope("chat.completion.chunk", "chatcmpl")

            def chunk(text: str | None, finish: str | None) -> dict[str, Any]:
                delta = {"role": "assistant", "content": text} if text is not None else {}
                return base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

            return streamed(prompt, request, chunk)
        with lock:
            done = _complete(runtime, [prompt], config, request.json_schema())
        message = {"role": "assistant", "content": request.cut_at_stop(done[0].text)}
        choice = {"index": 0, "message": message, "finish_reason": done[0].finish_reason}
        return envelope("chat.completion", "chatcmpl") | {"choices": [choice], "usage": usage(done)}

    app.add_middleware(_BodyLimit, client_error=client_error)
    return app


class _BodyLimit:
    """ASGI wrapper: a body over MAX_BODY_BYTES is refused (413) from its Content-Length, and one
    sent in chunks without it stops being read at the cap."""

    def __init__(self, app: Any, client_error: Any):
        self.app, self.client_error = app, client_error

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from fastapi import HTTPException

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = scope.get("headers") or []
        if scope.get("path", "").startswith(("http://", "https://")):  # absolute form (RFC 9112 §3.2.2): its path is the target
            from urllib.parse import urlsplit

            scope = scope | {"path": urlsplit(scope["path"]).path or "/"}
        declared = dict(headers).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return await self.client_error(f"the request body is over {MAX_BODY_BYTES:,} bytes", None, 413)(scope, receive, send)
        seen = 0

        async def bounded() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise HTTPException(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")
            return message

        await self.app(scope, bounded, send)


def load_and_serve(
    model: Path, listening: socket.socket, *, lora: Path | None = None, int8: bool = False, template: str = "auto",
) -> None:
    """Load a model directory and serve it on a bound socket until interrupted (`agent serve`; the
    caller binds it first, so a busy port is its one-line error before the model loads)."""
    import uvicorn

    from llm.hf_runtime import HFRuntime

    runtime = HFRuntime.load(model, lora_path=lora, int8=int8, template=template)
    server = uvicorn.Server(server_config(create_app(runtime)))
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:  # Ctrl-C: uvicorn shut down cleanly, then re-raised the signal (uvicorn.run passes too)
        pass
