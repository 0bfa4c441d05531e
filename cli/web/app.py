"""The FastAPI app behind `agent web`: the page's static files and its JSON/SSE API.

    GET  /                    the page (static/index.html); /static/* its scripts and styles
    GET  /api/info            planner, answerer, limits
    POST /api/ask             {question, history: [[q, a], …]} → server-sent events (cli.web.stream)
    GET  /api/kg/search?q=    entity names a mention links to
    GET  /api/kg/entity?name= one entity's facts both ways, and its neighbourhood to draw
    GET  /api/kg/stats        `agent kg stats`
    POST /api/records?name=   the bytes of an `agent eval --out` file → the eval report
    GET  /api/records?path=   the same, for a file on the server's disk

Every error is JSON `{"error": "one line"}` that the page shows as a message; a bug's traceback
goes to the server's log, never to the page. Request bodies are bounded by `WebLimits`; the page
may only talk to its own origin (Content-Security-Policy), and a server bound to loopback only
answers requests addressed to loopback names, so a web site cannot reach it by DNS rebinding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from agent.evaluate import EvalFileError, parse_records, read_records
from agent.loop import Agent
from cli.errors import describe
from cli.web import kg_view
from cli.web.payloads import report_payload
from cli.web.stream import Asker

STATIC = Path(__file__).parent / "static"
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
# The page may load and fetch only from its own origin: no CDN, no network.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class WebLimits:
    """Bounds on what one request may ask of the server."""

    max_body_bytes: int = 64 * 1024  # a question with its history, or any other small request
    max_records_bytes: int = 32 * 1024 * 1024  # an uploaded eval records file (118 offline-planner records are 248 KB)
    max_question_chars: int = 500  # longer is not a question; it would also make a long plan prompt
    max_turn_chars: int = 2000  # one earlier question or answer in the history
    max_history_turns: int = 6  # the planner reads the last few turns (CuteGPT keeps three)
    ask_timeout_s: float = 120.0  # a 13B model on one GPU plans and answers in well under this
    busy_wait_s: float = 10.0  # how long a second question waits for the first


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    history: list[tuple[str, str]] = Field(default_factory=list)


class UserError(ValueError):
    """Bad input from the page; its text is shown there as it is."""


def create_app(agent: Agent, *, limits: WebLimits | None = None, host: str = "127.0.0.1") -> FastAPI:
    """The app for one agent (its KG, planner and answerer). `host` is the address it is served
    on: on loopback, requests naming any other host are refused."""
    limits = limits or WebLimits()
    asker = Asker(agent, timeout_s=limits.ask_timeout_s, wait_s=limits.busy_wait_s)
    app = FastAPI(title="CuteKG", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    loopback = host in LOOPBACK_NAMES or host.startswith("127.")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES + [host] if loopback else ["*"])

    @app.middleware("http")
    async def bounded_and_private(request: Request, call_next):
        limit = limits.max_records_bytes if request.url.path == "/api/records" else limits.max_body_bytes
        if request.method == "POST":
            size = request.headers.get("content-length")
            if size is None or not size.isdigit():
                return failure(411, "the request must say its length (Content-Length)")
            if int(size) > limit:
                return failure(413, f"the request is {int(size):,} bytes; the limit is {limit:,}")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(UserError)
    @app.exception_handler(EvalFileError)
    async def user_error(request: Request, error: Exception) -> JSONResponse:
        return failure(400, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return failure(error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"] if part not in ("body", "query"))
        return failure(422, f"{where or 'request'}: {first['msg']}")

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> JSONResponse:  # uvicorn logs the traceback
        return failure(500, "the server failed (a bug: the terminal running agent web has the traceback)")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/api/info")
    def info() -> dict[str, Any]:
        return {"planner": agent.planner.name, "answerer": agent.answerer.name, "limits": asdict(limits)}

    @app.post("/api/ask")
    def ask(request: AskRequest) -> StreamingResponse:
        question = _checked_question(request, limits)
        history = [(q, a) for q, a in request.history[-limits.max_history_turns:]]
        return StreamingResponse(asker.events(question, history), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.get("/api/kg/search")
    def search(q: str) -> dict[str, Any]:
        return kg_view.search(agent.kg, _short_text(q, "the search", limits.max_question_chars))

    @app.get("/api/kg/entity")
    def entity(name: str) -> dict[str, Any]:
        return kg_view.entity(agent.kg, _short_text(name, "the entity name", limits.max_question_chars))

    @app.get("/api/kg/stats")
    def stats() -> dict[str, Any]:
        return kg_view.stats(agent.kg)

    @app.post("/api/records")
    async def upload_records(request: Request, name: str = "upload.jsonl") -> dict[str, Any]:
        data = await request.body()
        # Reading a big file takes a moment: in a worker thread, so streams of answers go on meanwhile.
        return await run_in_threadpool(lambda: report_payload(parse_records(data, name), name))

    @app.get("/api/records")
    def records_on_disk(path: str) -> dict[str, Any]:
        file = Path(_short_text(path, "the path", 4096)).expanduser()
        if file.is_file() and file.stat().st_size > limits.max_records_bytes:
            raise UserError(f"{file}: {file.stat().st_size:,} bytes; the limit is {limits.max_records_bytes:,}")
        if file.is_dir():
            raise UserError(f"{file}: a folder, not a records file")
        try:
            return report_payload(read_records(file), str(file))
        except OSError as error:  # unreadable: permissions, a device, …
            raise UserError(describe(error)) from None

    return app


def failure(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _short_text(text: str, what: str, limit: int) -> str:
    text = text.strip()
    if not text:
        raise UserError(f"{what} is empty")
    if len(text) > limit:
        raise UserError(f"{what} is {len(text)} characters long; the limit is {limit}")
    return text


def _checked_question(request: AskRequest, limits: WebLimits) -> str:
    question = _short_text(request.question, "the question", limits.max_question_chars)
    for turn in request.history:
        for text in turn:
            if len(text) > limits.max_turn_chars:
                raise UserError(f"an earlier turn is {len(text)} characters long; the limit is {limits.max_turn_chars}")
    return question
