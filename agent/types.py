"""Records that cross the agent's seams (plan → sandbox → answer) and the model interfaces."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

Turn = tuple[str, str]
"""One earlier exchange of a conversation: (question, answer)."""

KG_FUNCTIONS = ("get_entity_info", "find_entity_or_value", "find_relationship")


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
    answer: str
    error: str | None = None
    error_stage: str | None = None
    """Where the last attempt failed: "plan" (no usable plan, or the planner failed), "execution"
    (the code or the sandbox failed) or "answer" (the answerer failed)."""
    timings_ms: dict[str, float] = Field(default_factory=dict)
    planner: str = ""
    answerer: str = ""
    attempts: int = 1


class Planner(Protocol):
    """Question (+ history, + feedback on a failed attempt) → raw model text holding a plan."""

    name: str

    def plan(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str: ...


class Answerer(Protocol):
    """Question + retrieved messages (+ history) → the final answer text."""

    name: str

    def answer(self, question: str, messages: Sequence[str], history: Sequence[Turn] = ()) -> str: ...
