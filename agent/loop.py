"""The whole flow: question → plan → sandbox → answer, with one retry on a bad plan or failing code."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence

from agent.plan import PlanParseError, parse_plan
from agent.sandbox import Sandbox
from agent.types import Answer, Answerer, Call, Plan, Planner, Turn
from kg.base import KnowledgeGraph

_CJK = re.compile(r"[\u4e00-\u9fff]")

FAILURE_TEXT = {
    "zh": "抱歉，没能从知识图谱中找到答案：{reason}",
    "en": "Sorry, I could not find the answer in the knowledge graph: {reason}",
}
FEEDBACK_TEXT = {
    "plan": {"zh": "输出不是有效的计划：{error}", "en": "the output is not a valid plan: {error}"},
    "execution": {"zh": "代码运行出错：{error}", "en": "the code failed: {error}"},
}


def detect_lang(text: str) -> str:
    """"zh" when the text has any CJK character, else "en"."""
    return "zh" if _CJK.search(text) else "en"


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
    ) -> Answer:
        """Answer one question; `on_token` receives the answer as it streams, when the answerer can."""
        lang = detect_lang(question)
        timings = {"plan_ms": 0.0, "execute_ms": 0.0}
        plan: Plan | None = None
        calls: list[Call] = []
        error = stage = feedback = None
        attempts = 0
        started = time.perf_counter()
        for attempts in range(1, self.retries + 2):
            tick = time.perf_counter()
            raw = self.planner.plan(question, history, feedback)
            try:
                plan, error, stage = parse_plan(raw), None, None
            except PlanParseError as exc:
                plan, error, stage = None, str(exc), "plan"
            timings["plan_ms"] += _ms_since(tick)
            if plan is not None and plan.need_knowledge and plan.code:
                tick = time.perf_counter()
                result = self.sandbox.run(plan.code)
                timings["execute_ms"] += _ms_since(tick)
                calls = result.calls
                if result.error is not None:
                    error, stage = str(result.error), "execution"
            if stage is None:
                break
            feedback = FEEDBACK_TEXT[stage][lang].format(error=error)

        messages = [call.message for call in calls if call.message]
        tick = time.perf_counter()
        if stage is not None and not messages:
            text = FAILURE_TEXT[lang].format(reason=error)
        else:
            text = self._answer(question, messages, history, on_token)
        timings["answer_ms"] = _ms_since(tick)
        timings["total_ms"] = _ms_since(started)
        return Answer(
            question=question,
            need_knowledge=plan.need_knowledge if plan else True,
            thought=plan.thought if plan else "",
            code=plan.code if plan else None,
            calls=calls,
            messages=messages,
            answer=text,
            error=error,
            error_stage=stage,
            timings_ms={name: round(ms, 3) for name, ms in timings.items()},
            planner=self.planner.name,
            answerer=self.answerer.name,
            attempts=attempts,
        )

    def _answer(self, question, messages, history, on_token) -> str:
        stream = getattr(self.answerer, "stream", None)
        if on_token is None or stream is None:
            return self.answerer.answer(question, messages, history)
        pieces = []
        for piece in stream(question, messages, history):
            pieces.append(piece)
            on_token(piece)
        return "".join(pieces).strip()

    def close(self) -> None:
        if self._own_sandbox:
            self.sandbox.close()

    def __enter__(self) -> Agent:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000
