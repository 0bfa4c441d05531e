"""CuteGPT's chat template, exactly as the model was trained (upstream README, 推理时的prompt模版).

The upstream page shows `prompt = ...` inside the history loop; the original is `prompt += ...`
(the page rendering dropped `+`), so history turns are appended, never overwritten. Colons are
full-width (`问：`/`答：`); the page rendering turned them half-width.
"""

from __future__ import annotations

from collections.abc import Sequence

META_INSTRUCTION = "你是复旦大学知识工场实验室训练出来的语言模型CuteGPT。给定任务描述，请给出对应请求的回答。\n"
END_TOKEN = "<end>"
"""The special token the full-finetune checkpoints end every answer with (upstream finetune.py)."""
STRIP_TOKENS = ("<s>", "</s>", END_TOKEN)
MAX_HISTORY_TURNS = 3
"""Upstream keeps the last three turns: older ones push the question out of a 2048-token window."""


def render_turn(query: str, response: str) -> str:
    return f"问：{query}\n答：\n{response}\n"


def render_prompt(
    query: str, history: Sequence[tuple[str, str]] = (), max_history: int | None = MAX_HISTORY_TURNS
) -> str:
    """The prompt for `query` after `history` as (query, response) pairs; keeps the last `max_history`."""
    kept = list(history)
    if max_history is not None:
        kept = kept[len(kept) - max_history :] if max_history < len(kept) else kept
    return META_INSTRUCTION + "".join(render_turn(q, r) for q, r in kept) + f"问：{query}\n答：\n"


def clean_response(text: str) -> str:
    """Cut generated text at the first `<end>` or `</s>` and drop the special tokens left in it."""
    for stop in (END_TOKEN, "</s>"):
        text = text.split(stop, 1)[0]
    for token in STRIP_TOKENS:
        text = text.replace(token, "")
    return text.strip()
