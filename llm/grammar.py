"""Grammar-constrained decoding of the plan JSON, as a transformers LogitsProcessor (xgrammar).

Why xgrammar: it compiles the schema once into a token mask automaton and fills a vocabulary bitmask
per step in C++; lm-format-enforcer walks a Python character parser over the token trie at each step
(bench/llm_bench.py measures both on the same model and prompt). xgrammar also takes the runtime's
own stop tokens (`<end>` for the full-finetune checkpoints), where lm-format-enforcer only knows eos.

When xgrammar is not installed `available()` is False and the runtime generates
unconstrained; `agent.plan.parse_plan` (with json-repair) stays the safety net either way.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

MAX_THOUGHT_CHARS = 600
MAX_CODE_CHARS = 3000
"""Bounds on the plan's strings, so a degenerate model cannot run `thought` to the token limit and
leave the JSON unclosed. The planning prompts' longest examples are 182 characters of thought and
319 of code (plan_en.txt; tests/llm/test_grammar.py measures them), synthesized trajectories stay
under them too (tests/training/test_synthesize.py): the bounds leave 3x and 9x room for real plans."""

PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "need_knowledge": {"type": "string", "enum": ["是", "否"]},
        "thought": {"type": "string", "maxLength": MAX_THOUGHT_CHARS},
        "code": {"type": "string", "maxLength": MAX_CODE_CHARS},
    },
    "required": ["need_knowledge", "thought", "code"],
    "additionalProperties": False,
}
"""The plan as prompts/plan_zh.txt asks for it: need_knowledge is 是 or 否, thought and code strings."""

_YES_NO = {"zh": ["是", "否"], "en": ["yes", "no"]}


def plan_schema(lang: str = "zh") -> dict[str, Any]:
    """The plan schema for a prompt language: prompts/plan_en.txt asks for "yes"/"no" instead."""
    if lang == "zh":
        return PLAN_SCHEMA
    properties = PLAN_SCHEMA["properties"] | {"need_knowledge": {"type": "string", "enum": _YES_NO[lang]}}
    return PLAN_SCHEMA | {"properties": properties}


MAX_SCHEMA_DEPTH = 64
"""How deeply a client's schema may nest (JSON levels; the plan schema has 4): xgrammar's conversion
time grows with the cube of the depth, about 25 ms at 64 levels and seconds past 200."""
_LAYOUT = {"any_whitespace": False, "indent": 0, "separators": (",", ": "), "strict_mode": True}


def schema_problem(schema: dict) -> str | None:
    """Why xgrammar cannot constrain to `schema` (an empty enum, an unknown type, a bad pattern, a
    $ref loop), in one bounded line; None when it can, or when xgrammar is not installed."""
    if _depth(schema) > MAX_SCHEMA_DEPTH:
        return f"nested deeper than {MAX_SCHEMA_DEPTH} levels"
    if not available():
        return None
    if (ignored := _ignored_by_xgrammar(schema)) is not None:
        return ignored
    import xgrammar as xgr

    try:
        xgr.Grammar.from_json_schema(json.dumps(schema, ensure_ascii=False), **_LAYOUT)
    except RuntimeError as error:  # "[07:28:54] /project/cpp/json_schema_converter.cc:5082: enum array must not be empty"
        reason = re.sub(r"^\[[\d:]+\] \S+:\d+: ", "", str(error).strip()).splitlines()[0]
        return reason if len(reason) <= 200 else reason[:199] + "…"
    return None


_LOOKAROUND = re.compile(r"\(\?<?[=!]")


def _ignored_by_xgrammar(schema: Any) -> str | None:
    """What xgrammar accepts but does not enforce (it only logs a warning), so output would break
    the schema: lookahead/lookbehind in a pattern, allOf of more than one schema."""
    pending = [schema]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pattern = item.get("pattern")
            if isinstance(pattern, str) and _LOOKAROUND.search(pattern):
                return f"pattern {pattern[:60]!r}: lookahead and lookbehind assertions are not supported"
            if isinstance(item.get("allOf"), list) and len(item["allOf"]) > 1:
                return "allOf with more than one schema is not supported"
            pending.extend(item.values())
    return None


def _depth(value: Any) -> int:
    deepest, pending = 0, [(value, 1)]
    while pending:  # a loop, not recursion: the JSON parser allows nesting deeper than Python's stack
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def available() -> bool:
    try:
        import xgrammar  # noqa: F401
    except ImportError:
        return False
    return True


class JsonConstraint:
    """Compiles JSON schemas for one tokenizer; `processor(schema)` gives a fresh LogitsProcessor.

    The layout is pinned to `json.dumps(..., indent=0)` — `{\\n"need_knowledge": "是",\\n...}` — the
    format of the planning prompt's examples, so the model is held to what it was tuned on and
    cannot spend tokens on whitespace.
    """

    def __init__(self, tokenizer: Any, vocab_size: int, stop_token_ids: list[int]):
        import xgrammar as xgr

        info = xgr.TokenizerInfo.from_huggingface(tokenizer, vocab_size=vocab_size, stop_token_ids=stop_token_ids)
        self._compiler = xgr.GrammarCompiler(info, max_threads=2)
        self._compiled: dict[str, Any] = {}

    def compiled(self, schema: dict) -> Any:
        key = json.dumps(schema, ensure_ascii=False)  # key order kept: it is the output's order
        if key not in self._compiled:
            self._compiled[key] = self._compiler.compile_json_schema(key, **_LAYOUT)
        return self._compiled[key]

    def processor(self, schema: dict) -> Any:
        """A processor for one `generate()` call: grammar matchers keep per-sequence state."""
        return _processor_class()(self.compiled(schema))


@cache
def _processor_class() -> type:
    # Built lazily so that importing llm.grammar never imports torch or transformers.
    import torch
    import xgrammar as xgr
    from transformers import LogitsProcessor

    class XGrammarLogitsProcessor(LogitsProcessor):
        def __init__(self, compiled: Any):
            self.compiled = compiled
            self.matchers: list[Any] = []
            self.bitmask: torch.Tensor | None = None
            self.prompt_length = 0

        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
            if not self.matchers:  # first step: nothing generated yet, input_ids is the prompt
                self.matchers = [xgr.GrammarMatcher(self.compiled) for _ in range(input_ids.shape[0])]
                self.bitmask = xgr.allocate_token_bitmask(input_ids.shape[0], self.compiled.tokenizer_info.vocab_size)
                self.prompt_length = input_ids.shape[1]
            else:
                for row, matcher in enumerate(self.matchers):
                    if not matcher.is_terminated():
                        matcher.accept_token(int(input_ids[row, -1]))
            for row, matcher in enumerate(self.matchers):
                if not matcher.is_terminated():
                    matcher.fill_next_token_bitmask(self.bitmask, row)
            # A terminated row has emitted its stop token; generate() pads it from now on.
            mask = self.bitmask.to(scores.device)
            if scores.device.type == "cuda":
                xgr.apply_token_bitmask_inplace(scores, mask)
                return scores
            cpu_scores = scores.float().cpu()
            xgr.apply_token_bitmask_inplace(cpu_scores, mask)
            return cpu_scores.to(scores.dtype)

    return XGrammarLogitsProcessor
