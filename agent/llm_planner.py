"""CuteGPT (or any model behind a `Runtime`: local, remote, scripted) as the agent's planner and
answerer. Here, above llm/, because it speaks the agent's records (`Call`, `Turn`); llm/ itself
knows only prompts and text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import prompts
from agent.types import Call, Turn
from llm.base import GenerationConfig, Runtime
from llm.config import ModelSettings, build_runtime
from llm.grammar import plan_schema
from llm.template import CUTEGPT


def template_of(runtime: Runtime):
    """The runtime's own template (a local model may use its chat_template); CuteGPT's for the rest:
    an HTTP endpoint is sent CuteGPT prompts (llm.openai_compat)."""
    return getattr(runtime, "template", None) or CUTEGPT

NO_KNOWLEDGE = {"zh": "（无）", "en": "(none)"}
"""What the answer prompt's $knowledge says when the plan retrieved nothing."""


class LLMPlanner:
    """Renders prompts/plan_{lang}.txt in the runtime's template (CuteGPT's by default), decodes greedily.

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
        self.name = f"{template_of(runtime).name}:{runtime.name}"

    def prompt(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        # prompts.plan_request is also what training.data writes as the instruction: one text.
        return template_of(self.runtime).render(prompts.plan_request(question, self.lang, feedback), history)

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
        self.name = f"{template_of(runtime).name}:{runtime.name}"

    def prompt(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> str:
        """The answer prompt: the calls' messages and the plan's computed lines are the retrieved
        knowledge, one per line."""
        messages = [call.message for call in calls if call.message] + list(computed)
        knowledge = "\n".join(messages) if messages else NO_KNOWLEDGE[self.lang]
        return template_of(self.runtime).render(prompts.answer_request(question, knowledge, self.lang), history)

    def answer(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> str:
        return self.runtime.generate(self.prompt(question, calls, history, computed), self.config)

    def answer_batch(self, items: Sequence[tuple[str, Sequence[Call], Sequence[str]]]) -> list[str]:
        """Answers for many (question, calls, computed) items without history, in one batched generation."""
        return self.runtime.generate_batch([self.prompt(q, calls, (), computed) for q, calls, computed in items], self.config)

    def stream(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> Iterator[str]:
        return self.runtime.stream(self.prompt(question, calls, history, computed), self.config)


def build_models(settings: ModelSettings) -> tuple[LLMPlanner, LLMAnswerer]:
    """(LLMPlanner, LLMAnswerer) sharing one runtime, local or remote."""
    runtime = build_runtime(settings)
    planner = LLMPlanner(
        runtime,
        lang=settings.lang,
        constrained=settings.constrained,
        config=GenerationConfig.greedy(max_new_tokens=settings.max_new_tokens),
    )
    answerer = LLMAnswerer(runtime, lang=settings.lang, config=GenerationConfig(max_new_tokens=settings.max_new_tokens))
    return planner, answerer
