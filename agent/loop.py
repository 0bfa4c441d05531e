"""The whole flow: question → plan → sandbox → answer, with one retry on a bad plan or failing code."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from agent.offline.text import language
from agent.plan import PlanParseError, parse_plan
from agent.sandbox import KG_UNAVAILABLE, Sandbox
from agent.types import (
    AgentEvent, Answer, Answerer, BatchAnswerer, BatchPlanner, Call, ExecutionError, ExecutionEvent, ExecutionResult,
    Plan, PlanEvent, Planner, StreamingAnswerer, TokenEvent, Turn,
)
from kg.base import KnowledgeGraph
from kg.loaders import KGLoadError
from llm.base import ModelLoadError, PromptTooLongError

MAX_QUESTION_CHARS = 2000
"""The longest question the command line and `agent eval` plan (planning is linear in the length;
a longer text is a document, not a question)."""


def question_problem(text: str) -> str | None:
    """Why a text is no question to plan (empty, only control characters, over the cap), or None."""
    length = len(text.strip())
    if not length:
        return "the question is empty"
    if any("\ud800" <= ch <= "\udfff" for ch in text):  # undecodable bytes, kept by Python as lone surrogates
        return "the question is not valid UTF-8 text"
    if not any(ch.isprintable() and not ch.isspace() for ch in text):
        return "the question holds only control characters"
    if length > MAX_QUESTION_CHARS:
        return f"the question has {length} characters; at most {MAX_QUESTION_CHARS} are planned"
    return None

FAILURE_TEXT = {
    "zh": "抱歉，没能从知识图谱中找到答案：{reason}",
    "en": "Sorry, I could not find the answer in the knowledge graph: {reason}",
}
UNANSWERABLE = ("setup", "context")
"""Stages no retry helps: the KG or model itself unusable, or a prompt longer than the model reads."""
SETUP_FAILURE_TEXT = {  # the KG or the model itself cannot be used: not a fact the KG lacks
    "zh": "抱歉，无法回答：{reason}",
    "en": "Sorry, I cannot answer: {reason}",
}
FEEDBACK_TEXT = {
    "plan": {"zh": "输出不是有效的计划：{error}", "en": "the output is not a valid plan: {error}"},
    "execution": {"zh": "代码运行出错：{error}", "en": "the code failed: {error}"},
}


@dataclass
class _State:
    """One question on its way through the loop."""

    question: str
    lang: str
    plan: Plan | None = None
    calls: list[Call] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    computed: list[str] = field(default_factory=list)
    error: str | None = None
    stage: str | None = None
    attempts: int = 0
    text: str | None = None  # set early when there is nothing to answer from
    timings: dict[str, float] = field(default_factory=lambda: {"plan_ms": 0.0, "execute_ms": 0.0})

    @property
    def needs_answer(self) -> bool:
        return self.text is None


class Agent:
    """Plans with `planner`, runs the plan's code against `kg` in a sandbox, answers with `answerer`.

    `retries` extra attempts are made when the plan does not parse or its code fails; the error is
    fed back to the planner. After that the agent still answers, saying what went wrong.
    """

    def __init__(
        self,
        kg: KnowledgeGraph,
        planner: Planner,
        answerer: Answerer,
        *,
        sandbox: Sandbox | None = None,
        retries: int = 1,
    ) -> None:
        self.kg, self.planner, self.answerer, self.retries = kg, planner, answerer, retries
        self._own_sandbox = sandbox is None
        self.sandbox = sandbox or Sandbox(kg)

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        on_token: Callable[[str], None] | None = None,
        on_event: Callable[[AgentEvent], None] | None = None,
    ) -> Answer:
        """Answer one question; `on_token` receives the answer as it streams, when the answerer can.
        `on_event` sees each step as it happens (agent.types.AgentEvent: each attempt's plan and
        execution, then the tokens), for a view that shows the work before the answer is done."""
        if on_event is not None:
            on_token = _also_as_events(on_token, on_event)
        *_, answer = self._steps(question, history, stream=on_token is not None, on_token=on_token, on_event=on_event)
        return answer  # type: ignore[return-value]  # the last step is always the Answer

    def ask_stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """The answer's text pieces as they are generated, then the `Answer` record, always last.
        An answerer that cannot stream gives no pieces, only the Answer. Closing the iterator early
        stops the answer's generation."""
        return self._steps(question, history, stream=True)

    def _steps(
        self,
        question: str,
        history: Sequence[Turn],
        *,
        stream: bool,
        on_token: Callable[[str], None] | None = None,
        on_event: Callable[[AgentEvent], None] | None = None,
    ) -> Iterator[str | Answer]:
        """Plan, run, answer: the answer's pieces when `stream` (each also to `on_token`), then the Answer."""
        state = self._plan_and_run(question, history, on_event=on_event)
        if state.needs_answer:
            tick = time.perf_counter()
            try:
                if stream and isinstance(self.answerer, StreamingAnswerer):
                    pieces = []
                    for piece in self.answerer.stream(question, state.calls, history, computed=state.computed):
                        pieces.append(piece)
                        if on_token is not None:
                            on_token(piece)
                        yield piece
                    state.text = "".join(pieces).strip()
                else:
                    state.text = self.answerer.answer(question, state.calls, history, computed=state.computed)
            except Exception as exc:  # every failure is an Answer with error_stage, never a raise
                _fail(state, "setup" if _unusable(exc) else "answer", exc)
            state.timings["answer_ms"] = _ms_since(tick)
        yield self._finish(state)

    def ask_batch(self, questions: Sequence[str]) -> list[Answer]:
        """Independent questions, with one batched model call for the first plans and one for the
        answers when the planner and answerer offer `plan_batch` / `answer_batch` (the LLM ones do);
        otherwise the same as asking one by one. Retries still go one question at a time."""
        batch_plans = isinstance(self.planner, BatchPlanner)
        batch_answers = isinstance(self.answerer, BatchAnswerer)
        if not batch_plans and not batch_answers:
            return [self.ask(question) for question in questions]
        first_plans: list[str | None] = [None] * len(questions)
        share = 0.0
        if batch_plans:
            tick = time.perf_counter()
            try:
                first_plans = self.planner.plan_batch(list(questions))
            except Exception as exc:  # then each question is planned on its own, where failures are caught
                if _unusable(exc):  # a model or endpoint that cannot be used: every question would wait for it again
                    return [self._finish(_failed(question, exc)) for question in questions]
                first_plans = [None] * len(questions)
            share = _ms_since(tick) / max(len(questions), 1)
        states = [self._plan_and_run(q, (), raw, share) for q, raw in zip(questions, first_plans)]
        waiting = [state for state in states if state.needs_answer]
        if waiting:
            tick = time.perf_counter()
            try:
                if batch_answers:
                    texts = self.answerer.answer_batch([(state.question, state.calls, state.computed) for state in waiting])
                else:
                    texts = [self.answerer.answer(state.question, state.calls, computed=state.computed) for state in waiting]
            except Exception as exc:
                texts = []
                for state in waiting:
                    _fail(state, "setup" if _unusable(exc) else "answer", exc)
            share = _ms_since(tick) / len(waiting)
            for state, text in zip(waiting, texts):
                state.text, state.timings["answer_ms"] = text, share
        return [self._finish(state) for state in states]

    def _plan_and_run(
        self,
        question: str,
        history: Sequence[Turn],
        first_plan: str | None = None,
        first_plan_ms: float = 0.0,
        on_event: Callable[[AgentEvent], None] | None = None,
    ) -> _State:
        """Plan, parse and run, retrying with feedback; `first_plan` is a plan text made beforehand."""
        state = _State(question=question, lang=language(question))
        state.timings["plan_ms"] = first_plan_ms
        feedback = None
        for state.attempts in range(1, self.retries + 2):
            tick = time.perf_counter()
            try:
                if state.attempts == 1 and first_plan is not None:
                    raw = first_plan
                else:
                    raw = self.planner.plan(question, history, feedback)
                state.plan, state.error, state.stage = parse_plan(raw), None, None
            except PlanParseError as exc:
                state.plan, state.error, state.stage = None, str(exc), "plan"
            except Exception as exc:  # a planner that failed: still an Answer
                if _unusable(exc):  # a KG or a model server that cannot be used: no retry helps
                    state.plan, state.error, state.stage = None, _message(exc), "setup"
                    break
                if isinstance(exc, PromptTooLongError):  # a retry's feedback only makes the prompt longer
                    state.plan, state.error, state.stage = None, _message(exc), "context"
                    break
                state.plan, state.error, state.stage = None, _reason(exc), "plan"
            state.timings["plan_ms"] += _ms_since(tick)
            if on_event is not None:
                on_event(PlanEvent(attempt=state.attempts, plan=state.plan, error=state.error))
            plan = state.plan
            if plan is not None and plan.need_knowledge and plan.code:
                tick = time.perf_counter()
                try:
                    result = self.sandbox.run(plan.code)
                except Exception as exc:  # the sandbox's own failure (SandboxError): reported like the plan's
                    result = ExecutionResult(error=ExecutionError(type=type(exc).__name__, message=_message(exc)))
                state.timings["execute_ms"] += _ms_since(tick)
                state.calls = result.calls
                state.computed = computed_lines(result.value, [call.message for call in result.calls])
                if result.error is not None:
                    state.error, state.stage = str(result.error), "execution"
                    if result.error.type == KG_UNAVAILABLE:  # no other plan can help: the caller is told (stage "setup")
                        state.error, state.stage = result.error.message, "setup"
                if on_event is not None:
                    on_event(ExecutionEvent(attempt=state.attempts, calls=result.calls, error=state.error))
            if state.stage is None or state.stage in UNANSWERABLE:
                break
            feedback = FEEDBACK_TEXT[state.stage][state.lang].format(error=state.error)
        state.messages = [call.message for call in state.calls if call.message]
        if state.stage in UNANSWERABLE or (state.stage is not None and not state.messages):
            state.text = _failure_text(state)
        return state

    def _finish(self, state: _State) -> Answer:
        plan = state.plan
        timings = state.timings
        timings.setdefault("answer_ms", 0.0)
        timings["total_ms"] = timings["plan_ms"] + timings["execute_ms"] + timings["answer_ms"]
        return Answer(
            question=state.question,
            need_knowledge=plan.need_knowledge if plan else True,
            thought=plan.thought if plan else "",
            code=plan.code if plan else None,
            calls=state.calls,
            messages=state.messages,
            computed=state.computed,
            answer=state.text or "",
            error=state.error,
            error_stage=state.stage,
            timings_ms={name: round(ms, 3) for name, ms in timings.items()},
            planner=self.planner.name,
            answerer=self.answerer.name,
            attempts=state.attempts,
        )

    def close(self) -> None:
        if self._own_sandbox:
            self.sandbox.close()

    def __enter__(self) -> Agent:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def computed_lines(value: object, messages: Sequence[str]) -> list[str]:
    """The lines search() returned beyond its calls' messages: what the plan's own code computed.

    Plans return `messages`, the calls' messages joined, plus any sentence the code wrote (a
    count, a comparison, a filtered set), one per line; each call message is taken out once."""
    if not isinstance(value, str):
        return []
    rest = value
    for message in messages:
        rest = rest.replace(message, "", 1)
    return [line.strip() for line in rest.splitlines() if line.strip()]


def _also_as_events(on_token: Callable[[str], None] | None, on_event: Callable[[AgentEvent], None]) -> Callable[[str], None]:
    def both(piece: str) -> None:
        if on_token is not None:
            on_token(piece)
        on_event(TokenEvent(text=piece))

    return both


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # an exception whose message cannot be printed
        return ""


def _unusable(exc: BaseException) -> bool:
    """The KG or the model server itself cannot be used (a damaged store, an endpoint answering
    nonsense) — not one question's prompt being too long, which the next question may not be."""
    return isinstance(exc, (KGLoadError, ModelLoadError)) and not isinstance(exc, PromptTooLongError)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {_message(exc)}"


def _failed(question: str, exc: Exception) -> _State:
    """A question never planned: the model or endpoint it needed is unusable (stage "setup")."""
    state = _State(question=question, lang=language(question))
    _fail(state, "setup", exc)
    return state


def _fail(state: _State, stage: str, exc: Exception) -> None:
    state.error, state.stage = (_message(exc) if stage == "setup" else _reason(exc)), stage
    state.text = _failure_text(state)


def _failure_text(state: _State) -> str:
    texts = SETUP_FAILURE_TEXT if state.stage in UNANSWERABLE else FAILURE_TEXT
    return texts[state.lang].format(reason=state.error)


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000
