"""The one place this package turns a conversation into prompt text and answer text.

A tokenizer with a `chat_template` gets `apply_chat_template`; every other one gets CuteGPT's
template from llm.template (`问：…\\n答：\\n`, answers closed by `<end>` as training writes them).
When llm/template.py learns chat templates, `render_conversation` and `answer_frame` become calls there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llm.base import ModelLoadError
from llm.template import END_TOKEN, render_prompt

Shots = Sequence[tuple[str, str]]
"""Earlier (question, answer) turns: the few-shot examples."""

_MARK = "\u2063ANSWER\u2063"  # invisible separators: no real answer contains this


def has_chat_template(tokenizer: Any) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def _messages(shots: Shots, query: str) -> list[dict[str, str]]:
    messages = []
    for question, answer in shots:
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return messages + [{"role": "user", "content": query}]


def render_conversation(tokenizer: Any, shots: Shots, query: str) -> str:
    """The prompt up to where the model's answer starts."""
    if has_chat_template(tokenizer):
        return tokenizer.apply_chat_template(_messages(shots, query), tokenize=False, add_generation_prompt=True)
    # Every shot is kept: the template's 3-turn default is a chat-memory limit, not part of the format.
    return render_prompt(query, shots, max_history=None)


def answer_frame(tokenizer: Any, shots: Shots, query: str, prompt: str) -> tuple[str, str]:
    """(lead, tail): a complete answer is `lead + answer + tail` after `prompt`. The tail ends the
    turn, so an option that is the start of another is not scored as if it were the longer one."""
    if not has_chat_template(tokenizer):
        return "", END_TOKEN
    messages = _messages(shots, query) + [{"role": "assistant", "content": _MARK}]
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    if not full.startswith(prompt) or _MARK not in full[len(prompt) :]:
        raise ModelLoadError("the tokenizer's chat template renders an answered turn differently from its generation prompt")
    lead, tail = full[len(prompt) :].split(_MARK, 1)
    return lead, tail


def encode_prompt(tokenizer: Any, text: str) -> list[int]:
    # A rendered chat template already spells its BOS; CuteGPT's prompt gets <s> as HFRuntime sends it.
    return tokenizer(text, add_special_tokens=not has_chat_template(tokenizer))["input_ids"]


def encode_answer(tokenizer: Any, text: str) -> list[int]:
    """Answer tokens encoded on their own, as training encodes every output after its prompt."""
    return tokenizer(text, add_special_tokens=False)["input_ids"]
