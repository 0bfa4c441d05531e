"""Training rows and inference prompts are the same token ids (issue 12): one template, one
planning prompt text, the same history layout, no BOS on either side, `<end>` as one token."""

from __future__ import annotations

import pytest

pytest.importorskip("transformers")

import prompts  # noqa: E402
from agent.llm_planner import LLMPlanner  # noqa: E402
from llm.template import END_TOKEN, render_prompt  # noqa: E402
from llm.tiny import save_tiny_model  # noqa: E402
from training.data import IGNORE_INDEX, encode_dialogues, render_instruction  # noqa: E402

QUESTION = "《三体》的作者是谁？"
PLAN = '{\n"need_knowledge": "是",\n"thought": "查询作者",\n"code": "def search():\\n\\treturn messages"\n}'
HISTORY = [("你好", "你好！")]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    from llm.hf_runtime import HFRuntime

    texts = [prompts.render("plan", "zh", question=QUESTION), PLAN, "你好！"]
    path = save_tiny_model(tmp_path_factory.mktemp("tiny-identity"), texts, vocab_size=800, hidden_size=32, heads=4)
    return HFRuntime.load(path)


def _prompt_and_answer(row: tuple[list[int], list[int]]) -> tuple[list[int], list[int]]:
    """Split a one-dialogue row at its last answer: (everything before it, its ids without EOS)."""
    ids, labels = row
    last_prompt = max(i for i, label in enumerate(labels[:-1]) if label == IGNORE_INDEX)
    return ids[: last_prompt + 1], ids[last_prompt + 1 : -1]


def test_training_row_of_a_planning_example_is_token_for_token_the_planner_prompt(runtime):
    dialogue = [{"instruction": render_instruction(QUESTION, "prompt"), "input": "", "output": PLAN}]
    rows, stats = encode_dialogues([dialogue], runtime.tokenizer, pack_max=1, max_length=4096)
    prompt_ids, answer_ids = _prompt_and_answer(rows[0])
    assert prompt_ids == runtime.encode(LLMPlanner(runtime).prompt(QUESTION))
    assert answer_ids == runtime.encode(PLAN + END_TOKEN)
    assert answer_ids[-1] == runtime.tokenizer.convert_tokens_to_ids(END_TOKEN)  # one token, as the stop id
    assert prompt_ids[0] != runtime.tokenizer.bos_token_id and not stats.bos  # no BOS, as upstream


def test_training_row_with_history_matches_the_planner_prompt_with_that_history(runtime):
    dialogue = [
        {"instruction": q, "input": "", "output": a} for q, a in HISTORY
    ] + [{"instruction": render_instruction(QUESTION, "prompt"), "input": "", "output": PLAN}]
    rows, _ = encode_dialogues([dialogue], runtime.tokenizer, pack_max=1, max_length=4096)
    prompt_ids, _ = _prompt_and_answer(rows[0])
    assert prompt_ids == runtime.encode(LLMPlanner(runtime).prompt(QUESTION, HISTORY))
    assert prompt_ids == runtime.encode(render_prompt(prompts.plan_request(QUESTION), HISTORY))


def test_the_runtime_feeds_the_model_what_encode_returns(runtime):
    batch = runtime._encode([render_prompt("你好"), render_prompt(prompts.plan_request(QUESTION))])
    row = batch["input_ids"][0][batch["attention_mask"][0].bool()].tolist()
    assert row == runtime.encode(render_prompt("你好"))  # left padding only, no BOS added
