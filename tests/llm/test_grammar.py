import json

import pytest

from llm.base import GenerationConfig
from llm.grammar import PLAN_SCHEMA, plan_schema
from llm.hf_runtime import HFRuntime

pytest.importorskip("xgrammar")

PLAN = GenerationConfig.greedy(max_new_tokens=60)


def test_a_model_that_only_wants_quotes_writes_no_plan_unconstrained(quote_dir, prompt):
    text = HFRuntime.load(quote_dir).generate(prompt, PLAN)
    assert set(text) == {'"'}


def test_constrained_decoding_turns_the_same_model_into_a_valid_plan(quote_dir, prompt):
    runtime = HFRuntime.load(quote_dir)
    done = runtime.complete(prompt, PLAN, json_schema=PLAN_SCHEMA)
    assert done.finish_reason == "stop"  # the grammar allows a stop token once the object is closed
    plan = json.loads(done.text)
    assert list(plan) == ["need_knowledge", "thought", "code"]
    assert plan["need_knowledge"] in ("是", "否")
    # The layout of the planning prompt's examples: one key per line, no indentation.
    assert done.text.startswith('{\n"need_knowledge": "')


def test_a_random_model_is_held_to_the_plan_layout_from_the_first_token(full_runtime, prompt):
    text = full_runtime.generate(prompt, GenerationConfig.greedy(max_new_tokens=12), json_schema=PLAN_SCHEMA)
    head = '{\n"need_knowledge": "'
    assert text[: len(head)] == head[: len(text)]
    if len(text) > len(head):
        assert text[len(head)] in "是否"


def test_english_plans_use_yes_or_no():
    assert plan_schema("en")["properties"]["need_knowledge"]["enum"] == ["yes", "no"]
    assert plan_schema("zh") is PLAN_SCHEMA
    assert PLAN_SCHEMA["properties"]["need_knowledge"]["enum"] == ["是", "否"]


def test_without_xgrammar_the_runtime_generates_unconstrained(quote_dir, prompt, monkeypatch):
    from llm import grammar

    monkeypatch.setattr(grammar, "available", lambda: False)
    runtime = HFRuntime.load(quote_dir)
    assert runtime._logits_processors(PLAN_SCHEMA) == []
    assert set(runtime.generate(prompt, PLAN, json_schema=PLAN_SCHEMA)) == {'"'}
