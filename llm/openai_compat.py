"""CuteGPT over HTTP: any OpenAI-compatible server (vLLM, `agent serve`) as a `Runtime`.

The contract, so that the CuteGPT template is applied exactly once:
- `api="completions"` (default) POSTs the already-rendered CuteGPT prompt to /v1/completions as the
  raw `prompt`. vLLM serving CuteGPT and `agent serve` both take it verbatim: no template added.
- `api="chat"` POSTs it as the single user message to /v1/chat/completions, for servers that only
  offer chat. `agent serve` recognises a lone user message that is already a CuteGPT prompt (it
  starts with the meta instruction) and does not wrap it again; other servers apply their own
  chat template around it.
Plans ask for JSON through `response_format` (OpenAI's json_schema form, which vLLM and
`agent serve` honour); servers that ignore it generate unconstrained and parse_plan copes.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import httpx

from kg.deadline import iterate_within, within
from llm.base import GenerationConfig, ModelLoadError, PromptTooLongError
from llm.template import END_TOKEN, clean_response


def request_options(config: GenerationConfig) -> dict[str, Any]:
    """OpenAI fields, plus vLLM's top_k/repetition_penalty extensions (upstream CuteGPT sampling)."""
    options: dict[str, Any] = {
        "max_tokens": config.max_new_tokens,
        # OpenAI has no do_sample: temperature 0 is greedy on every compatible server.
        "temperature": config.temperature if config.do_sample else 0.0,
        "top_p": config.top_p,
        "top_k": config.top_k,
        "repetition_penalty": config.repetition_penalty,
        "stop": [END_TOKEN],
    }
    if config.seed is not None:
        options["seed"] = config.seed
    return options


CONNECT_TIMEOUT_S = 10.0
"""A server that does not accept the connection within this is not there."""
LIST_TIMEOUT_S = 30.0
"""/models answers at once on every server: the whole answer (headers and body) within this."""


def response_format(json_schema: dict) -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": "plan", "schema": json_schema, "strict": True}}


class OpenAICompatRuntime:
    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout: float = 300.0,
        api: Literal["completions", "chat"] = "completions",
    ):
        root = base_url.rstrip("/")
        url = httpx.URL(root if root.endswith("/v1") else root + "/v1")
        # user:password@ in the URL becomes HTTP basic auth, and never appears in a message
        auth = httpx.BasicAuth(url.username, url.password) if url.userinfo else None
        self.base_url = str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)
        self.api = api
        self._model = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.timeout = timeout
        """The most seconds one answer may take, all of it: a server that trickles bytes never trips a read timeout."""
        self._client = httpx.Client(base_url=self.base_url, headers=headers, auth=auth, timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT_S))
        self.name = model or httpx.URL(self.base_url).host

    def close(self) -> None:
        self._client.close()

    # -- HTTP -----------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, limit_s: float | None = None, **kwargs: Any) -> httpx.Response:
        url = self.base_url + path
        limit_s = limit_s or self.timeout
        try:
            with _http_errors(url):
                response = within(limit_s, lambda: self._client.request(method, path, **kwargs))
        except TimeoutError:
            raise ModelLoadError(f"{url} did not answer in time (no complete answer within {limit_s:g} s)") from None
        self._check(response, url)
        return response

    @staticmethod
    def _check(response: httpx.Response, url: str) -> None:
        if response.status_code >= 400:
            text = response.read().decode("utf-8", "replace").strip()
            body = text.splitlines()
            try:
                error = json.loads(text).get("error") or {}
            except (ValueError, AttributeError):
                error = {}
            if isinstance(error, dict) and error.get("code") == "context_length_exceeded":
                # The server's model cannot read a prompt this long: the same error a local model gives.
                raise PromptTooLongError(f"{url}: {error.get('message') or 'the prompt is longer than the model reads'}")
            raise ModelLoadError(f"{url} answered HTTP {response.status_code}: {body[0][:200] if body else ''}")

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The answer's JSON object; an HTML page or a cut-off body is one ModelLoadError naming the URL."""
        response = self._request(method, path, **kwargs)
        try:
            data = response.json()
        except RecursionError:  # JSON nested 100,000 deep
            raise ModelLoadError(f"{self.base_url}{path} answered JSON nested too deep to read") from None
        except ValueError as error:  # JSONDecodeError, or a body that is not UTF-8
            start = response.text.strip()[:60]
            raise ModelLoadError(f"{self.base_url}{path} did not answer JSON ({error}): {start!r}") from error
        if not isinstance(data, dict):
            raise ModelLoadError(f"{self.base_url}{path} answered JSON that is not an object: {type(data).__name__}")
        return data

    def _listed(self) -> list[str]:
        """The model ids /models lists (OpenAI's {"data": [{"id": …}, …]})."""
        data = self._json("GET", "/models", limit_s=LIST_TIMEOUT_S).get("data") or []
        if not isinstance(data, list) or not all(isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in data):
            raise ModelLoadError(f"{self.base_url}/models is not an OpenAI model list: data must be a list of {{\"id\": …}} objects")
        return [entry["id"] for entry in data]

    def _texts(self, path: str, body: dict[str, Any], count: int) -> list[str]:
        """The `count` choices' texts in index order; a missing or malformed choice is named."""
        choices = self._json("POST", path, json=body).get("choices")
        where = f"{self.base_url}{path}"
        if not isinstance(choices, list) or len(choices) != count:
            got = f"{len(choices)} choices" if isinstance(choices, list) else "no choices list"
            raise ModelLoadError(f"{where} answered {got}, expected {count}")
        try:
            choices = sorted(choices, key=lambda choice: choice.get("index", 0))
            texts = [self._choice_text(choice) for choice in choices]
        except (AttributeError, KeyError, TypeError) as error:
            raise ModelLoadError(f"{where} answered a choice without its text ({type(error).__name__}: {error})") from error
        if not all(text is None or isinstance(text, str) for text in texts):
            raise ModelLoadError(f"{where} answered a choice whose text is not a string")
        return [clean_response(text or "") for text in texts]

    @property
    def model(self) -> str:
        """The served model's id: the one given, else the first the server lists (vLLM requires it)."""
        if self._model is None:
            listed = self._listed()
            if not listed:
                raise ModelLoadError(f"{self.base_url}/models lists no model; pass one with --model")
            self._model = listed[0]
        return self._model

    def check(self) -> None:
        """Reach the server once and confirm it serves the model asked for, so that a wrong URL or
        model id is one setup error before any question, not a failure inside every answer."""
        listed = self._listed()
        if self._model is None:
            if not listed:
                raise ModelLoadError(f"{self.base_url}/models lists no model; pass one with --model")
            self._model = listed[0]
        elif listed and self._model not in listed:
            raise ModelLoadError(f"{self.base_url} does not serve the model {self._model!r}; it serves: {', '.join(map(str, listed[:10]))}")

    def _body(self, prompt: str | list[str], config: GenerationConfig, json_schema: dict | None) -> dict[str, Any]:
        body = {"model": self.model, **request_options(config)}
        if self.api == "chat":
            body["messages"] = [{"role": "user", "content": prompt}]
        else:
            body["prompt"] = prompt
        if json_schema is not None:
            body["response_format"] = response_format(json_schema)
        return body

    @property
    def _path(self) -> str:
        return "/chat/completions" if self.api == "chat" else "/completions"

    @staticmethod
    def _choice_text(choice: dict[str, Any]) -> str:
        return choice["message"]["content"] if "message" in choice else choice["text"]

    # -- Runtime --------------------------------------------------------------------------------
    def generate(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> str:
        return self._texts(self._path, self._body(prompt, config, json_schema), 1)[0]

    def generate_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[str]:
        if self.api == "chat":  # chat takes one conversation per request
            return [self.generate(prompt, config, json_schema=json_schema) for prompt in prompts]
        return self._texts("/completions", self._body(prompts, config, json_schema), len(prompts))

    def stream(self, prompt: str, config: GenerationConfig) -> Iterator[str]:
        """Server-sent events: one `data: {json}` line per piece, then `data: [DONE]`. The whole answer
        is bounded by `timeout`, as in `generate`: a server trickling bytes trips no read timeout."""
        url = self.base_url + self._path
        body = self._body(prompt, config, None) | {"stream": True}

        def events(stop: threading.Event) -> Iterator[str]:
            with _http_errors(url), self._client.stream("POST", self._path, json=body) as response:
                self._check(response, url)
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind != "text/event-stream":
                    raise ModelLoadError(f"{url} answered a streamed request with {kind or 'no content type'}, not server-sent events")
                texts = 0
                for payload in _sse_data(_utf8_lines(response, url)):
                    if stop.is_set():
                        return
                    if payload == "[DONE]":
                        if not texts:  # only [DONE], or a role or usage chunk and no text
                            raise ModelLoadError(f"{url} streamed no answer text, only [DONE]")
                        return
                    piece = _chunk_text(payload, url)
                    if piece:
                        texts += 1
                        yield piece
                raise ModelLoadError(f"{url} closed the stream before its end ([DONE]): the answer is cut off")

        try:
            yield from iterate_within(self.timeout, events)
        except TimeoutError:
            raise ModelLoadError(f"{url} did not answer in time (no complete answer within {self.timeout:g} s)") from None


def _chunk_text(payload: str, url: str) -> str | None:
    """The text of one OpenAI stream chunk (None for a role-only or usage chunk); an error event or
    anything else is the server's error."""
    try:
        event = json.loads(payload)
        if isinstance(event, dict) and event.get("error"):
            problem = event["error"].get("message") if isinstance(event["error"], dict) else event["error"]
            raise ModelLoadError(f"{url} streamed an error: {str(problem)[:200]}")
        choices = event.get("choices") or []
        piece = (choices[0].get("delta", {}).get("content") or choices[0].get("text")) if choices else None
    except (ValueError, AttributeError, TypeError, KeyError, IndexError) as error:
        raise ModelLoadError(f"{url} streamed an event that is not an OpenAI chunk: {payload[:60]!r}") from error
    if piece is not None and not isinstance(piece, str):  # 42, ['刘']: printed as if they were text
        raise ModelLoadError(f"{url} streamed a chunk whose content is not text: {payload[:60]!r}")
    return piece


def _sse_data(lines: Iterator[str]) -> Iterator[str]:
    """The data of each server-sent event: its `data:` lines joined by line breaks (one JSON may
    span two), dispatched at a blank line — or at the next `data:` line once what came is whole
    JSON, for servers that leave the blank line out. Comments and other fields are skipped. The
    lines end with a blank one (`_utf8_lines` adds it), which dispatches the last event."""
    pending: list[str] = []
    for line in lines:
        if not line:
            if pending:
                yield "\n".join(pending)
                pending = []
            continue
        field, _, value = line.partition(":")
        if field != "data":
            continue  # ": comment", event:, id:, retry:
        value = value[1:] if value.startswith(" ") else value
        if pending and _whole("\n".join(pending)):
            yield "\n".join(pending)
            pending = []
        pending.append(value)


def _whole(data: str) -> bool:
    if data.strip() == "[DONE]":
        return True
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        return False
    return True


_LINE_END = re.compile(rb"\r\n|\r|\n")


def _utf8_lines(response: httpx.Response, url: str) -> Iterator[str]:
    """The stream's lines (ended by LF, CRLF or CR, as server-sent events may be), decoded strictly:
    a byte that is not UTF-8 is the server's error, not "��". A leading BOM is dropped."""
    buffer, first = b"", True
    for chunk in response.iter_bytes():
        buffer += chunk
        if first and len(buffer) >= 3:
            buffer, first = buffer.removeprefix(b"\xef\xbb\xbf"), False
        *lines, buffer = _LINE_END.split(buffer)
        for raw in lines:
            yield _decoded(raw, url)
    if buffer.strip():
        yield _decoded(buffer.removeprefix(b"\xef\xbb\xbf") if first else buffer, url)
    yield ""  # the end dispatches an event left without its blank line


def _decoded(raw: bytes, url: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ModelLoadError(f"{url} streamed bytes that are not UTF-8: {raw[:40]!r}") from None


@contextmanager
def _http_errors(url: str) -> Iterator[None]:
    """httpx's ways of not getting an answer, each one ModelLoadError naming the URL."""
    try:
        yield
    except httpx.ConnectError as error:
        raise ModelLoadError(f"cannot connect to {url}: {error}") from error
    except httpx.TimeoutException as error:
        raise ModelLoadError(f"{url} did not answer in time ({type(error).__name__})") from error
    except httpx.RequestError as error:  # the connection dropped or reset before an answer, a redirect loop
        raise ModelLoadError(f"{url} gave no answer: {error or type(error).__name__}") from error
