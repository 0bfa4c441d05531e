"""Records that cross the agent's seams (plan → sandbox → answer) and the model interfaces."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

Turn = tuple[str, str]
"""One earlier exchange of a conversation: (question, answer)."""

class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    need_knowledge: bool
    thought: str = ""
    code: str | None = None


class Call(BaseModel):
    """One KG call made by generated code, recorded by the sandbox itself."""

    function: str
    arguments: dict[str, Any]
    result: Any = None
    message: str = ""
    findings: list[dict[str, Any]] = Field(default_factory=list)
    """What the call found, as records (kg.findings), when the backend gives them; else []."""


class ExecutionError(BaseModel):
    """An error the generated code caused: syntax, guard refusal, timeout, limit, exception."""

    type: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.type}{where}: {self.message}"


class ExecutionResult(BaseModel):
    value: Any = None
    calls: list[Call] = Field(default_factory=list)
    stdout: str = ""
    error: ExecutionError | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @property
    def messages(self) -> list[str]:
        return [call.message for call in self.calls if call.message]


class Answer(BaseModel):
    """What `Agent.ask` returns and `agent ask --json` prints; these field names are stable."""

    question: str
    need_knowledge: bool
    thought: str = ""
    code: str | None = None
    calls: list[Call] = Field(default_factory=list)
    messages: list[str] = Field(default_factory=list)
    computed: list[str] = Field(default_factory=list)
    """What search() returned beyond its calls' messages: the lines its own code computed (a
    count, a comparison, a filtered set); see agent.loop.computed_lines."""
    answer: str
    error: str | None = None
    error_stage: str | None = None
    """Where the last attempt failed: "plan" (no usable plan, or the planner failed), "execution"
    (the code or the sandbox failed), "setup" (the KG or the model server itself is unusable: a
    damaged store, a KG endpoint down, a model endpoint answering nonsense; no retry, and `agent
    ask`/`agent eval` stop with that error), "context" (the prompt is longer than the model reads: no
    retry; `agent ask` stops with it, `agent eval` counts the question wrong and goes on) or "answer"
    (the answerer failed)."""
    timings_ms: dict[str, float] = Field(default_factory=dict)
    planner: str = ""
    answerer: str = ""
    attempts: int = 1


class PlanEvent(BaseModel):
    """`Agent.ask(on_event=…)`: one attempt's plan was made and parsed (`plan` None: it did not parse)."""

    kind: Literal["plan"] = "plan"
    attempt: int
    plan: Plan | None = None
    error: str | None = None


class ExecutionEvent(BaseModel):
    """`Agent.ask(on_event=…)`: one attempt's code ran; the calls it made, and its error if it failed."""

    kind: Literal["execution"] = "execution"
    attempt: int
    calls: list[Call] = Field(default_factory=list)
    error: str | None = None


class TokenEvent(BaseModel):
    """`Agent.ask(on_event=…)`: a piece of the answer, from an answerer that streams."""

    kind: Literal["token"] = "token"
    text: str


AgentEvent = PlanEvent | ExecutionEvent | TokenEvent
"""What `Agent.ask` reports while it works, in order: a plan, then (when it has code) an execution,
for each attempt; then the answer's tokens. The final `Answer` is the return value, as ever."""


class Planner(Protocol):
    """Question (+ history, + feedback on a failed attempt) → raw model text holding a plan."""

    name: str

    def plan(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        """The raw text of a plan (JSON, as parse_plan reads it) for the question; `feedback` says
        why the previous attempt's plan did not parse or its code failed."""
        ...


class Answerer(Protocol):
    """Question + the KG calls its plan made (+ history) → the final answer text."""

    name: str

    def answer(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> str:
        """The answer, from the calls' records and the lines the plan's code computed: a model
        reads their messages, a rule answerer may read their findings."""
        ...


@runtime_checkable
class BatchPlanner(Protocol):
    """Optional: first plans for many independent questions in one batched generation."""

    def plan_batch(self, questions: Sequence[str]) -> list[str]: ...


@runtime_checkable
class BatchAnswerer(Protocol):
    """Optional: answers for many (question, calls) pairs, without history, in one generation."""

    def answer_batch(self, items: Sequence[tuple[str, Sequence[Call], Sequence[str]]]) -> list[str]:
        """(question, calls, computed lines) per item, in order."""
        ...


@runtime_checkable
class StreamingAnswerer(Protocol):
    """Optional: the answer as it is generated, piece by piece."""

    def stream(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> Iterator[str]: ...
