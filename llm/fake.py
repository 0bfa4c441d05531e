"""A scripted runtime: replies from a list or a function, every prompt recorded (tests, demos)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from llm.base import GenerationConfig
from llm.template import clean_response


class ScriptedRuntime:
    """`ScriptedRuntime(["reply 1", "reply 2"])` answers in order; a callable maps prompt → reply.

    Replies go through `clean_response` like a real model's output, so `<end>` in a script behaves.
    """

    name = "scripted"

    def __init__(self, replies: list[str] | Callable[[str], str]):
        self._replies = replies if callable(replies) else list(replies)
        self._next = 0
        self.prompts: list[str] = []
        self.configs: list[GenerationConfig] = []
        self.schemas: list[dict | None] = []

    def _reply(self, prompt: str, config: GenerationConfig, json_schema: dict | None) -> str:
        self.prompts.append(prompt)
        self.configs.append(config)
        self.schemas.append(json_schema)
        if callable(self._replies):
            return clean_response(self._replies(prompt))
        if self._next >= len(self._replies):
            raise IndexError(f"scripted runtime ran out of replies after {len(self._replies)}")
        self._next += 1
        return clean_response(self._replies[self._next - 1])

    def generate(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> str:
        return self._reply(prompt, config, json_schema)

    def generate_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[str]:
        return [self._reply(prompt, config, json_schema) for prompt in prompts]

    def stream(self, prompt: str, config: GenerationConfig) -> Iterator[str]:
        # One character at a time, so consumers of a stream are exercised like with a real model.
        yield from self._reply(prompt, config, None)
