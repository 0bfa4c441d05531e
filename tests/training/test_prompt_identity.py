"""Training rows and inference prompts are the same token ids (issue 12): one template, one
planning prompt text, the same history layout, no BOS on either side, `<end>` as one token."""

from __future__ import annotations

import re

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


# --------------------------------------------------------------------------- a chat-template model

CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


@pytest.fixture(scope="module")
def chat_dir(tmp_path_factory):
    """A tiny non-CuteGPT model: no <end>, a Jinja chat_template, <|im_end|> in its generation config."""
    from transformers import AutoTokenizer, GenerationConfig

    texts = [prompts.render("plan", "zh", question=QUESTION), PLAN, "你好！"]
    path = save_tiny_model(tmp_path_factory.mktemp("tiny-chat"), texts, vocab_size=800, hidden_size=32, heads=4,
                           add_end_token=False)
    tokenizer = AutoTokenizer.from_pretrained(path)
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|im_start|>", "<|im_end|>"]})
    tokenizer.chat_template = CHATML
    tokenizer.save_pretrained(path)
    config = GenerationConfig.from_pretrained(path)
    config.eos_token_id = [tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids("<|im_end|>")]
    config.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def chat_runtime(chat_dir):
    from llm.hf_runtime import HFRuntime

    return HFRuntime.load(chat_dir)


def test_auto_template_uses_the_tokenizers_chat_template_for_a_non_cutegpt_model(chat_runtime, runtime):
    assert (chat_runtime.template.name, runtime.template.name) == ("chat", "cutegpt")
    prompt = LLMPlanner(chat_runtime).prompt(QUESTION, HISTORY)
    assert prompt.startswith("<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n你好！<|im_end|>\n<|im_start|>user\n")
    assert prompt.endswith(prompts.plan_request(QUESTION) + "<|im_end|>\n<|im_start|>assistant\n")
    assert chat_runtime.tokenizer.convert_tokens_to_ids("<|im_end|>") in chat_runtime.stop_token_ids


def test_chat_template_training_rows_are_the_planner_prompt_token_for_token(chat_runtime):
    dialogue = [{"instruction": q, "input": "", "output": a} for q, a in HISTORY]
    dialogue += [{"instruction": render_instruction(QUESTION, "prompt"), "input": "", "output": PLAN}]
    rows, _ = encode_dialogues([dialogue], chat_runtime.tokenizer, pack_max=1, max_length=4096,
                               template=chat_runtime.template)
    prompt_ids, answer_ids = _prompt_and_answer(rows[0])
    assert prompt_ids == chat_runtime.encode(LLMPlanner(chat_runtime).prompt(QUESTION, HISTORY))
    assert answer_ids == chat_runtime.encode(PLAN + "<|im_end|>\n")


def test_template_can_be_forced_and_chat_needs_a_chat_template(chat_dir, runtime):
    from llm.base import ModelLoadError
    from llm.hf_runtime import HFRuntime
    assert HFRuntime.load(chat_dir, template="cutegpt").template.name == "cutegpt"
    with pytest.raises(ModelLoadError, match="--template chat needs a tokenizer with a chat_template"):
        HFRuntime.load(runtime.tokenizer.name_or_path, template="chat")  # the CuteGPT look-alike has none


def test_a_prompt_longer_than_the_context_fails_with_a_clear_message(chat_dir):
    from llm.base import GenerationConfig, PromptTooLongError
    from llm.hf_runtime import HFRuntime

    small = HFRuntime.load(chat_dir)
    small.model.config.max_position_embeddings = 128
    # the folder as given, not its last part ("but chat reads 128 tokens")
    with pytest.raises(PromptTooLongError, match=rf"the prompt is \d+ tokens .* but {re.escape(str(chat_dir))} reads 128 tokens"):
        small.generate(LLMPlanner(small).prompt(QUESTION), GenerationConfig.greedy(max_new_tokens=4))


def test_agent_ask_with_a_chat_template_model_plans_in_its_template(chat_dir):
    from typer.testing import CliRunner

    from cli.main import app

    result = CliRunner().invoke(app, ["ask", QUESTION, "--model", str(chat_dir), "--trace"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"planner chat:{chat_dir.name}" in result.output
    forced = CliRunner().invoke(app, ["ask", QUESTION, "--model", str(chat_dir), "--template", "cutegpt", "--trace"],
                                terminal_width=200)
    assert f"planner cutegpt:{chat_dir.name}" in forced.output


def test_agent_serve_renders_a_chat_in_the_served_models_template(chat_runtime):
    pytest.importorskip("fastapi")
    from llm.serve import ChatMessage, chat_prompt

    messages = [ChatMessage(role="user", content="你好"), ChatMessage(role="assistant", content="你好！"),
                ChatMessage(role="user", content=QUESTION)]
    assert chat_prompt(messages, chat_runtime.template) == chat_runtime.template.render(QUESTION, HISTORY)
    assert chat_prompt(messages) == render_prompt(QUESTION, HISTORY)
