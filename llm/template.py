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
from pathlib import Path
from typing import Any, Literal

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


# --------------------------------------------------------------------------- templates
# A template renders (query, history) for inference and (prompt, answer) text pieces for training;
# both come from the same rendering, so a training row is token for token what inference sends.

TemplateName = Literal["auto", "cutegpt", "chat"]
TEMPLATE_NAMES = ("auto", "cutegpt", "chat")


class TemplateError(ValueError):
    """A template that cannot be used with this tokenizer (the CLI prints it as one line)."""


class CuteGPTTemplate:
    """`问：/答：` after the meta instruction, answers closed by `<end>` (the functions above)."""

    name = "cutegpt"
    row_prefix = META_INSTRUCTION
    """Text a training row starts with, before its first turn."""

    def render(self, query: str, history: Sequence[tuple[str, str]] = (), max_history: int | None = MAX_HISTORY_TURNS) -> str:
        return render_prompt(query, history, max_history)

    def turn_pieces(self, turns: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """(prompt text, answer text) per turn of one dialogue; the answers are the training labels."""
        return [(render_query(query), answer + END_TOKEN) for query, answer in turns]


class ChatTemplate:
    """The tokenizer's own Jinja `chat_template` (Qwen, Llama 3, GLM, Yi…): the CuteKG prompt is the
    user turn, history turns are user/assistant messages, no system message."""

    name = "chat"
    row_prefix = ""

    def __init__(self, tokenizer: Any):
        if not getattr(tokenizer, "chat_template", None):
            raise TemplateError("--template chat needs a tokenizer with a chat_template (tokenizer_config.json)")
        self.tokenizer = tokenizer
        probe = "问一个问题"
        # transformers reads a chat_template.jinja beside tokenizer_config.json before the config's own
        folder = Path(str(getattr(tokenizer, "name_or_path", "") or "."))
        held = "chat_template.jinja" if (folder / "chat_template.jinja").is_file() else "tokenizer_config.json"
        try:  # a template that does not parse, or raises (raise_exception), fails here, not at the first question
            text = self._text([{"role": "user", "content": probe}], generation=True)
        except Exception as error:  # jinja2's TemplateError, and whatever a template's own code raises
            raise TemplateError(f"the tokenizer's chat_template ({held}) cannot render a question: "
                                f"{type(error).__name__}: {' '.join(str(error).split())}") from None
        if probe not in text:  # the model would answer a prompt without the question in it
            raise TemplateError(f"the tokenizer's chat_template ({held}) leaves the question out of the prompt "
                                f"it renders: {text[:60]!r}")

    def _text(self, messages: list[dict[str, str]], generation: bool) -> str:
        return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation)

    @staticmethod
    def _messages(turns: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
        return [m for q, a in turns for m in ({"role": "user", "content": q}, {"role": "assistant", "content": a})]

    def render(self, query: str, history: Sequence[tuple[str, str]] = (), max_history: int | None = MAX_HISTORY_TURNS) -> str:
        kept = list(history)
        if max_history is not None:
            kept = kept[len(kept) - max_history :] if max_history < len(kept) else kept
        return self._text(self._messages(kept) + [{"role": "user", "content": query}], generation=True)

    def turn_pieces(self, turns: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """Cut the rendered conversation at each generation prompt: what precedes an answer is
        prompt, the answer with the template's end-of-turn text is the label."""
        pieces, done = [], ""
        for index, (query, answer) in enumerate(turns):
            prompt = self._text(self._messages(turns[:index]) + [{"role": "user", "content": query}], generation=True)
            full = self._text(self._messages(turns[: index + 1]), generation=False)
            if not prompt.startswith(done) or not full.startswith(prompt):
                raise TemplateError("this chat_template does not render a conversation as a growing prefix; "
                                    "train with --template cutegpt")
            pieces.append((prompt[len(done) :], full[len(prompt) :]))
            done = full
        return pieces


CUTEGPT = CuteGPTTemplate()


def resolve_template(name: str, tokenizer: Any) -> CuteGPTTemplate | ChatTemplate:
    """auto: CuteGPT's format for CuteGPT-style checkpoints (an `<end>` token, or no chat_template),
    the tokenizer's chat_template otherwise."""
    if name not in TEMPLATE_NAMES:
        raise TemplateError(f"unknown template {name!r}; choose one of {', '.join(TEMPLATE_NAMES)}")
    if name == "cutegpt":
        return CUTEGPT
    if name == "chat":
        return ChatTemplate(tokenizer)
    cutegpt_style = END_TOKEN in tokenizer.get_vocab() or not getattr(tokenizer, "chat_template", None)
    return CUTEGPT if cutegpt_style else ChatTemplate(tokenizer)


def render_chat(messages: Sequence[tuple[str, str]], template: CuteGPTTemplate | ChatTemplate = CUTEGPT) -> str:
    """A chat, as (role, text) pairs, in `template`: (user, assistant) pairs become the history (the
    template keeps the last three), the last user message the query. Consecutive messages of one role
    are joined by a newline; system and tool messages are left out (CuteGPT's meta instruction is
    fixed), as is an assistant message before any user one. A lone user message that already is a
    CuteGPT prompt is used as is, so a client that renders prompts itself never gets the template twice.
    `agent serve` and the LangChain chat model (llm.langchain_chat) render chats here."""
    turns: list[list[str]] = []
    for role, text in messages:
        if role not in ("user", "assistant"):
            continue
        if turns and turns[-1][0] == role:
            turns[-1][1] += "\n" + text
        elif turns or role == "user":
            turns.append([role, text])
    if not turns or turns[-1][0] != "user":
        raise ValueError("the last message must come from the user")
    if len(turns) == 1 and turns[0][1].startswith(META_INSTRUCTION):
        return turns[0][1]
    history = [(turns[i][1], turns[i + 1][1]) for i in range(0, len(turns) - 1, 2)]
    return template.render(turns[-1][1], history)
