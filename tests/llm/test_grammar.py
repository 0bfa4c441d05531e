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


def _example_lengths(field: str) -> list[int]:
    import re

    import prompts

    found = []
    for lang in ("zh", "en"):
        text = prompts.render("plan", lang, question="q")
        found += [len(json.loads(f'"{m}"')) for m in re.findall(rf'"{field}": "((?:[^"\\]|\\.)*)"', text)]
    return found


def test_plan_strings_are_bounded_with_room_for_the_prompts_longest_examples():
    from llm.grammar import MAX_CODE_CHARS, MAX_THOUGHT_CHARS

    for lang in ("zh", "en"):
        properties = plan_schema(lang)["properties"]
        assert properties["thought"]["maxLength"] == MAX_THOUGHT_CHARS
        assert properties["code"]["maxLength"] == MAX_CODE_CHARS
    assert max(_example_lengths("thought")) * 3 <= MAX_THOUGHT_CHARS
    assert max(_example_lengths("code")) * 3 <= MAX_CODE_CHARS


@pytest.fixture(scope="module")
def rambling_dir(tmp_path_factory, full_dir):
    """A model that wants to write 查 forever: unbounded, its thought never closes."""
    from transformers import AutoTokenizer

    from tests.llm.conftest import script_chain

    token = AutoTokenizer.from_pretrained(full_dir).encode("查", add_special_tokens=False)[-1]
    return script_chain(full_dir, tmp_path_factory.mktemp("rambling"), [token, token])


def test_a_model_that_rambles_still_closes_the_plan_within_the_string_bounds(rambling_dir, prompt):
    schema = json.loads(json.dumps(PLAN_SCHEMA))
    schema["properties"]["thought"]["maxLength"] = schema["properties"]["code"]["maxLength"] = 4
    done = HFRuntime.load(rambling_dir).complete(prompt, GenerationConfig.greedy(max_new_tokens=80), json_schema=schema)
    assert done.finish_reason == "stop"
    plan = json.loads(done.text)
    assert len(plan["thought"]) <= 4 and len(plan["code"]) <= 4
