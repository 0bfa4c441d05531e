"""`agent serve`: a local runtime behind OpenAI-compatible endpoints (FastAPI + uvicorn).

/v1/completions takes the raw prompt (a rendered CuteGPT prompt passes through untouched);
/v1/chat/completions renders the messages with the CuteGPT template: user/assistant pairs become
history (the last three turns, as upstream), the last user message the query, system messages are
dropped (CuteGPT's meta instruction is fixed). A lone user message that already is a CuteGPT
prompt is used as is, so `OpenAICompatRuntime(api="chat")` never gets the template twice.
Generation is serialised by a lock: one model, one request at a time.
"""

from __future__ import annotations

import inspect
import json
import threading
import time
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from llm.base import Completion, CompletionRuntime, GenerationConfig, Runtime
from llm.template import CUTEGPT, END_TOKEN, META_INSTRUCTION

MAX_TOKENS_CAP = 4096
"""The most tokens one request may ask for: CuteGPT's context is 2048 tokens (upstream), so more
is a client mistake that would hold the one generation lock for minutes."""


class _Sampling(BaseModel):
    # Clients send fields we do not use (logprobs, user…); every field we use is checked against
    # the ranges GenerationConfig accepts, so a bad value is a 400 naming it, never a 500.
    model_config = ConfigDict(extra="ignore")

    model: str | None = None
    max_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS_CAP)
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, gt=0, le=1)
    top_k: int | None = Field(None, ge=0)
    repetition_penalty: float | None = Field(None, gt=0)
    seed: int | None = None
    n: int = Field(1, ge=1, le=1, description="one choice per request: ask again for another")
    stop: str | list[str] | None = None
    stream: bool = False
    response_format: dict[str, Any] | None = None

    def config(self) -> GenerationConfig:
        values: dict[str, Any] = {"do_sample": self.temperature != 0}
        if self.max_tokens is not None:
            values["max_new_tokens"] = self.max_tokens
        if self.temperature:
            values["temperature"] = self.temperature
        for field in ("top_p", "top_k", "repetition_penalty", "seed"):
            if getattr(self, field) is not None:
                values[field] = getattr(self, field)
        return GenerationConfig(**values)

    def json_schema(self) -> dict | None:
        if self.response_format and self.response_format.get("type") == "json_schema":
            return self.response_format.get("json_schema", {}).get("schema")
        return None

    def stop_strings(self) -> list[str]:
        stops = [self.stop] if isinstance(self.stop, str) else self.stop or []
        return [stop for stop in stops if stop and stop != END_TOKEN]

    def cut_at_stop(self, text: str) -> str:
        stops = [self.stop] if isinstance(self.stop, str) else self.stop or []
        for stop in stops:
            if stop and stop != END_TOKEN:  # <end> is a stop token the runtime already obeys
                text = text.split(stop, 1)[0]
        return text


class CompletionRequest(_Sampling):
    prompt: str | list[str]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | None = ""


class ChatRequest(_Sampling):
    messages: list[ChatMessage]


def chat_prompt(messages: list[ChatMessage], template: Any = CUTEGPT) -> str:
    """The prompt for a chat in the served model's template (llm.template; CuteGPT's by default):
    (user, assistant) pairs as history, the last user as query."""
    turns = [m for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise ValueError("the last message must come from the user")
    if len(turns) == 1 and (turns[0].content or "").startswith(META_INSTRUCTION):
        return turns[0].content or ""
    history: list[tuple[str, str]] = []
    pending: str | None = None
    for message in turns[:-1]:
        if message.role == "user":
            pending = message.content or ""
        elif pending is not None:
            history.append((pending, message.content or ""))
            pending = None
    return template.render(turns[-1].content or "", history)


def _complete(runtime: Runtime, prompts: list[str], config: GenerationConfig, schema: dict | None) -> list[Completion]:
    if isinstance(runtime, CompletionRuntime):  # HFRuntime reports token counts and finish reasons
        return runtime.complete_batch(prompts, config, json_schema=schema)
    if schema is None and len(prompts) > 1:
        return [Completion(text=text) for text in runtime.generate_batch(prompts, config)]
    return [Completion(text=runtime.generate(prompt, config, json_schema=schema)) for prompt in prompts]


def _stream_until_stop(
    runtime: Runtime, prompt: str, config: GenerationConfig, schema: dict | None, stops: list[str]
) -> Generator[str, None, str]:
    """The runtime's pieces under the request's JSON schema, cut at the first stop string (held back
    until it cannot be the start of one); returns the finish reason."""
    takes_schema = "json_schema" in inspect.signature(runtime.stream).parameters  # Runtime's stream need not
    pieces = runtime.stream(prompt, config, json_schema=schema) if schema is not None and takes_schema else runtime.stream(prompt, config)
    hold = max((len(stop) for stop in stops), default=1) - 1
    pending, finish = "", "stop"
    try:
        while True:
            try:
                pending += next(pieces)
            except StopIteration as end:
                finish = end.value or "stop"
                break
            hits = [pending.find(stop) for stop in stops if stop in pending]
            if hits:
                if min(hits):
                    yield pending[: min(hits)]
                return "stop"
            if len(pending) > hold:
                yield pending[: len(pending) - hold]
                pending = pending[len(pending) - hold :]
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:  # a stop string or a client gone: end the generation too
            close()
    if pending:
        yield pending
    return finish


def _sse(chunks: Iterator[dict[str, Any]]) -> Iterator[str]:
    for chunk in chunks:
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


def create_app(runtime: Runtime) -> Any:
    from fastapi import FastAPI, HTTPException
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, StreamingResponse

    app = FastAPI(title="CuteKG model server", description="CuteGPT over an OpenAI-compatible API")
    lock = threading.Lock()

    @app.exception_handler(RequestValidationError)
    def bad_request(_request: Any, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"] if part != "body") or "body"
        message = f"{field}: {first['msg']}"
        return JSONResponse({"detail": message, "error": {"message": message, "type": "invalid_request_error", "param": field}}, 400)

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

    def streamed(prompt: str, request: _Sampling, chunk: Any) -> StreamingResponse:
        def pieces() -> Iterator[dict[str, Any]]:
            with lock:
                stream = _stream_until_stop(runtime, prompt, request.config(), request.json_schema(), request.stop_strings())
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
                raise HTTPException(400, "streaming takes one prompt")
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
            raise HTTPException(400, str(error)) from error
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

    return app


def load_and_serve(
    model: Path, *, lora: Path | None = None, int8: bool = False, host: str = "127.0.0.1", port: int = 8000,
    template: str = "auto",
) -> None:
    """Load a model directory and serve it until interrupted (`agent serve`)."""
    import uvicorn

    from llm.hf_runtime import HFRuntime

    runtime = HFRuntime.load(model, lora_path=lora, int8=int8, template=template)
    uvicorn.run(create_app(runtime), host=host, port=port, log_level="warning")
