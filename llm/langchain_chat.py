"""A CuteKG runtime (the local CuteGPT, or any `llm.base.Runtime`) as a LangChain chat model.

`ChatCuteKG(runtime=HFRuntime.load(path))` goes wherever LangChain takes a chat model. The messages
are rendered in the runtime's own template by `llm.template.render_chat`, exactly as `agent serve`
renders a chat: (human, AI) pairs are the history, the last human message is the query, system
messages are left out (CuteGPT's meta instruction is fixed). `stream` yields the runtime's pieces as
they are generated; `stop` strings end the generation itself, not only the text.

langchain-core (the `langchain` extra) is imported here at the top: nothing else in `llm` imports
this module, so it loads only for a program that asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from llm.base import CompletionRuntime, GenerationConfig, Runtime
from llm.stops import stop_strings, stream_until_stop
from llm.template import CUTEGPT, render_chat

ROLES = {"human": "user", "ai": "assistant"}
"""LangChain message types as chat roles; every other type (system, tool) is left out of the prompt."""
CALL_OPTIONS = ("temperature", "max_tokens")
"""What `invoke(..., **kwargs)` / `bind(...)` may change per call (besides `stop`)."""


class ChatCuteKG(BaseChatModel):
    """A LangChain chat model over a CuteKG runtime (llm.hf_runtime.HFRuntime, llm.fake.ScriptedRuntime…)."""

    # Unknown keys are refused (a `max_new_tokens=` typo would otherwise be dropped without a word).
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    runtime: Runtime = Field(description="the model: its template renders the chat, its stream feeds `stream`")
    temperature: float | None = Field(None, ge=0, description="0 decodes greedily; None keeps upstream CuteGPT's sampling")
    max_tokens: int | None = Field(None, ge=1, description="the most tokens to generate; None: GenerationConfig's 512")
    stop: list[str] | None = Field(None, description="strings that end the reply (left out of it), as OpenAI's `stop`")
    streaming: bool = Field(False, description="invoke() streams underneath, for callbacks that want each token")
    # Accepted so code written for hosted chat models runs unchanged (they are LangChain's standard
    # parameters); a local runtime has no network to wait on and nothing to retry.
    timeout: float | None = Field(None, description="accepted, unused: no network")
    max_retries: int | None = Field(None, description="accepted, unused: nothing is retried")

    @property
    def model_name(self) -> str:
        """The runtime's name (the model folder): what traces and `ChatModelRuntime` report."""
        return self.runtime.name

    @property
    def _llm_type(self) -> str:
        return "cutekg"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.runtime.name, "template": self._template.name, "temperature": self.temperature,
                "max_tokens": self.max_tokens, "stop": self.stop}

    @property
    def _template(self) -> Any:
        return getattr(self.runtime, "template", None) or CUTEGPT  # an HTTP runtime is sent CuteGPT prompts

    def prompt(self, messages: list[BaseMessage]) -> str:
        """The text the runtime is given for `messages` (llm.template.render_chat)."""
        return render_chat([(ROLES.get(message.type, message.type), message.text) for message in messages], self._template)

    def _config(self, options: dict[str, Any]) -> GenerationConfig:
        unknown = sorted(set(options) - set(CALL_OPTIONS))
        if unknown:
            raise TypeError(f"ChatCuteKG takes no {', '.join(unknown)} per call; it takes stop, {', '.join(CALL_OPTIONS)}")
        return GenerationConfig.for_temperature(options.get("temperature", self.temperature),
                                                max_new_tokens=options.get("max_tokens", self.max_tokens))

    def _metadata(self, finish_reason: str) -> dict[str, Any]:
        return {"model_name": self.runtime.name, "finish_reason": finish_reason}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt, config = self.prompt(messages), self._config(kwargs)
        stops = stop_strings(stop if stop is not None else self.stop)
        usage: UsageMetadata | None = None
        if stops:  # streamed underneath, so generation ends at the stop string, not at max_tokens
            pieces, finish = _drain(stream_until_stop(self.runtime, prompt, config, stops))
            text = "".join(pieces).strip()
        elif isinstance(self.runtime, CompletionRuntime):  # the local runtime counts tokens
            done = self.runtime.complete_batch([prompt], config)[0]
            text, finish = done.text, done.finish_reason
            usage = UsageMetadata(input_tokens=done.prompt_tokens, output_tokens=done.completion_tokens,
                                  total_tokens=done.prompt_tokens + done.completion_tokens)
        else:
            text, finish = self.runtime.generate(prompt, config), "stop"
        message = AIMessage(content=text, response_metadata=self._metadata(finish), usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        prompt, config = self.prompt(messages), self._config(kwargs)
        pieces = stream_until_stop(self.runtime, prompt, config, stop_strings(stop if stop is not None else self.stop))
        try:
            while True:
                try:
                    piece = next(pieces)
                except StopIteration as end:
                    finish = end.value or "stop"
                    break
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                if run_manager is not None:
                    run_manager.on_llm_new_token(piece, chunk=chunk)
                yield chunk
        finally:
            pieces.close()  # a reader that stops early stops the generation too
        last = AIMessageChunk(content="", chunk_position="last", response_metadata=self._metadata(finish))
        yield ChatGenerationChunk(message=last)


def _drain(pieces: Iterator[str]) -> tuple[list[str], str]:
    """All pieces of a stream and the finish reason it returns."""
    collected = []
    while True:
        try:
            collected.append(next(pieces))
        except StopIteration as end:
            return collected, end.value or "stop"
