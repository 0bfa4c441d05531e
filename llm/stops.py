"""Stop strings a caller asks for (an OpenAI `stop`, a LangChain `stop`), on any runtime.

A runtime stops on its own stop tokens (`<end>`, eos); these helpers cut the text at the caller's
strings as well, in one call or while streaming. `agent serve` and the LangChain chat model share them.
"""

from __future__ import annotations

import inspect
from collections.abc import Generator, Iterator, Sequence

from llm.base import GenerationConfig, Runtime
from llm.template import END_TOKEN


def stop_strings(stop: str | Sequence[str] | None) -> list[str]:
    """The caller's stop strings, without empty ones and without `<end>`, a stop token every
    CuteGPT runtime already obeys (clients send it, as llm.openai_compat does)."""
    stops = [stop] if isinstance(stop, str) else list(stop or [])
    return [text for text in stops if text and text != END_TOKEN]


def cut_at_stop(text: str, stops: Sequence[str]) -> str:
    """`text` up to the first of `stops` (which is left out, as OpenAI servers do)."""
    for stop in stops:
        text = text.split(stop, 1)[0]
    return text


def stream_until_stop(
    runtime: Runtime, prompt: str, config: GenerationConfig, stops: Sequence[str], json_schema: dict | None = None
) -> Generator[str, None, str]:
    """The runtime's pieces cut at the first stop string (text is held back until it cannot be the
    start of one); the generator returns the finish reason ("stop" or "length").

    `runtime.stream` is called here, before the first piece is asked for, so a prompt the runtime
    refuses (llm.base.PromptTooLongError) fails now, while a server can still answer 400."""
    takes_schema = "json_schema" in inspect.signature(runtime.stream).parameters  # Runtime's stream need not
    if json_schema is not None and takes_schema:
        pieces = runtime.stream(prompt, config, json_schema=json_schema)
    else:
        pieces = runtime.stream(prompt, config)
    return _until_stop(pieces, list(stops))


def _until_stop(pieces: Iterator[str], stops: list[str]) -> Generator[str, None, str]:
    hold = max((len(stop) for stop in stops), default=1) - 1
    pending, finish = "", "stop"
    try:
        while True:
            try:
                pending += next(pieces)
            except StopIteration as end:
                finish = end.value or "stop"
                break
            hits = [pending.find(stop) for stop in stops if stop in pending]
            if hits:
                if min(hits):
                    yield pending[: min(hits)]
                return "stop"
            if len(pending) > hold:
                yield pending[: len(pending) - hold]
                pending = pending[len(pending) - hold :]
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:  # a stop string or a reader gone: end the generation too
            close()
    if pending:
        yield pending
    return finish
