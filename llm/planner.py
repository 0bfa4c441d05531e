"""CuteGPT as the agent's planner and answerer, over any `Runtime` (local, remote, scripted)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import prompts
from agent.types import Turn
from llm.base import GenerationConfig, Runtime
from llm.grammar import plan_schema
from llm.template import render_prompt

NO_KNOWLEDGE = {"zh": "（无）", "en": "(none)"}
"""What the answer prompt's $knowledge says when the plan retrieved nothing."""


class LLMPlanner:
    """Renders prompts/plan_{lang}.txt in CuteGPT's template and decodes greedily.

    With `constrained=True` the runtime is handed the plan JSON schema (llm.grammar); runtimes that
    cannot constrain ignore it, and `agent.plan.parse_plan` stays the safety net in any case.
    """

    def __init__(
        self, runtime: Runtime, *, lang: str = "zh", constrained: bool = True, config: GenerationConfig | None = None
    ):
        self.runtime = runtime
        self.lang = lang
        self.constrained = constrained
        self.config = config or GenerationConfig.greedy()
        self.name = f"cutegpt:{runtime.name}"

    def prompt(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        text = prompts.render("plan", self.lang, question=question).rstrip()
        if feedback is not None:
            text = prompts.render("plan_feedback", self.lang, plan_prompt=text, feedback=feedback).rstrip()
        # rstrip: the files' final newline would put a blank line before the template's 答：
        return render_prompt(text, history)

    def plan(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        return self.runtime.generate(self.prompt(question, history, feedback), self.config, json_schema=self._schema())

    def plan_batch(self, questions: Sequence[str]) -> list[str]:
        """First plans for many independent questions in one batched generation (for evaluation)."""
        prompts_ = [self.prompt(question) for question in questions]
        return self.runtime.generate_batch(prompts_, self.config, json_schema=self._schema())

    def _schema(self) -> dict | None:
        return plan_schema(self.lang) if self.constrained else None


class LLMAnswerer:
    """Renders prompts/answer_{lang}.txt with the retrieved messages; upstream sampling by default."""

    def __init__(self, runtime: Runtime, *, lang: str = "zh", config: GenerationConfig | None = None):
        self.runtime = runtime
        self.lang = lang
        self.config = config or GenerationConfig()
        self.name = f"cutegpt:{runtime.name}"

    def prompt(self, question: str, messages: Sequence[str], history: Sequence[Turn] = ()) -> str:
        knowledge = "\n".join(messages) if messages else NO_KNOWLEDGE[self.lang]
        body = prompts.render("answer", self.lang, knowledge=knowledge, question=question).rstrip()
        return render_prompt(body, history)

    def answer(self, question: str, messages: Sequence[str], history: Sequence[Turn] = ()) -> str:
        return self.runtime.generate(self.prompt(question, messages, history), self.config)

    def answer_batch(self, items: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
        """Answers for many (question, messages) pairs without history, in one batched generation."""
        return self.runtime.generate_batch([self.prompt(q, messages) for q, messages in items], self.config)

    def stream(self, question: str, messages: Sequence[str], history: Sequence[Turn] = ()) -> Iterator[str]:
        return self.runtime.stream(self.prompt(question, messages, history), self.config)
