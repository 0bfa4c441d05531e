"""CuteGPT's chat template, exactly as the model was trained (upstream README, 推理时的prompt模版).

The upstream page shows `prompt = ...` inside the history loop; the original is `prompt += ...`
(the page rendering dropped `+`), so history turns are appended, never overwritten. Colons are
full-width (`问：`/`答：`); the page rendering turned them half-width.

This module is the one place a prompt becomes text and then token ids, for inference (llm.hf_runtime,
`agent serve`, the HTTP client, which all send `render_prompt`'s text) and for training
(training.data, which encodes the same turns with `encode_text`/`encode_piece`):
- a history turn is `问：{q}\n答：\n{r}<end>`, exactly the layout a fine-tuning row has (every
  answer ends in `<end>`, the next turn follows at once), so a multi-turn prompt is a prefix the model
  was trained on;
- no BOS. Upstream CuteGPT inference (inference_ft.py, inference_lora.py) encodes the prompt with
  `add_special_tokens=False` and its dataset.py writes no `<s>`, so the released checkpoints never saw
  one in front of the meta instruction. Rows and prompts both start at the meta instruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

META_INSTRUCTION = "你是复旦大学知识工场实验室训练出来的语言模型CuteGPT。给定任务描述，请给出对应请求的回答。\n"
END_TOKEN = "<end>"
"""The special token the full-finetune checkpoints end every answer with (upstream finetune.py)."""
STRIP_TOKENS = ("<s>", "</s>", END_TOKEN)
MAX_HISTORY_TURNS = 3
"""Upstream keeps the last three turns: older ones push the question out of a 2048-token window."""


ADD_BOS = False
"""See the module doc: upstream encodes with add_special_tokens=False, in training and inference."""


def render_query(query: str) -> str:
    """`问：{query}\n答：\n`: one turn's prompt part (the model's answer follows)."""
    return f"问：{query}\n答：\n"


def render_turn(query: str, response: str) -> str:
    """A past turn as a training row holds it: the answer closed by `<end>`."""
    return render_query(query) + response + END_TOKEN


def render_prompt(
    query: str, history: Sequence[tuple[str, str]] = (), max_history: int | None = MAX_HISTORY_TURNS
) -> str:
    """The prompt for `query` after `history` as (query, response) pairs; keeps the last `max_history`."""
    kept = list(history)
    if max_history is not None:
        kept = kept[len(kept) - max_history :] if max_history < len(kept) else kept
    return META_INSTRUCTION + "".join(render_turn(q, r) for q, r in kept) + render_query(query)


def encode_text(tokenizer: Any, text: str) -> list[int]:
    """Token ids of a whole prompt, as every runtime encodes it: no BOS (`ADD_BOS`), special tokens
    such as `<end>` kept as the single ids the tokenizer has for them."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if ADD_BOS and tokenizer.bos_token_id is not None:
        ids = [tokenizer.bos_token_id] + ids
    return ids


def encode_piece(tokenizer: Any, piece: str, after: str = "\n") -> list[int]:
    """Ids of `piece` as they come out when it follows `after` inside one encoded text.

    Training encodes a row piece by piece (to mask prompts and cut answers); a SentencePiece
    tokenizer (LLaMA's, CuteGPT's) puts a `▁` before every separately encoded text, which the whole
    prompt at inference does not have. Encoding `after + piece` and dropping `after`'s ids gives the
    in-context ids; when `after`'s ids are not a prefix (a merge across the seam) the plain ids are used.
    """
    context = tokenizer(after, add_special_tokens=False)["input_ids"]
    joined = tokenizer(after + piece, add_special_tokens=False)["input_ids"]
    if joined[: len(context)] == context:
        return joined[len(context) :]
    return tokenizer(piece, add_special_tokens=False)["input_ids"]


def clean_response(text: str) -> str:
    """Cut generated text at the first `<end>` or `</s>` and drop the special tokens left in it."""
    for stop in (END_TOKEN, "</s>"):
        text = text.split(stop, 1)[0]
    for token in STRIP_TOKENS:
        text = text.replace(token, "")
    return text.strip()
