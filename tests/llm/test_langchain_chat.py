"""ChatCuteKG: a CuteKG runtime as a LangChain chat model, over the scripted runtime and tiny Llamas."""

from __future__ import annotations

import pytest

pytest.importorskip("langchain_core")

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from llm.base import GenerationConfig  # noqa: E402
from llm.fake import ScriptedRuntime  # noqa: E402
from llm.langchain_chat import ChatCuteKG  # noqa: E402
from llm.template import ChatTemplate, render_prompt  # noqa: E402

CHAT = [SystemMessage("你是助手"), HumanMessage("早"), AIMessage("早上好"), HumanMessage("你是谁？")]
CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def test_history_turns_are_history_and_the_last_human_message_the_query_in_cutegpts_template():
    runtime = ScriptedRuntime(["我是CuteGPT。<end>"])
    reply = ChatCuteKG(runtime=runtime).invoke(CHAT)
    assert reply.content == "我是CuteGPT。"
    assert runtime.prompts == [render_prompt("你是谁？", [("早", "早上好")])]  # the system message is left out


def test_a_model_with_a_chat_template_gets_the_chat_in_its_own_template(full_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(full_dir)
    tokenizer.chat_template = CHATML
    runtime = ScriptedRuntime(["好"])
    runtime.template = ChatTemplate(tokenizer)
    ChatCuteKG(runtime=runtime).invoke(CHAT)
    assert runtime.prompts[0] == (
        "<|im_start|>user\n早<|im_end|>\n<|im_start|>assistant\n早上好<|im_end|>\n"
        "<|im_start|>user\n你是谁？<|im_end|>\n<|im_start|>assistant\n"
    )


def test_a_chat_must_end_with_a_human_message():
    with pytest.raises(ValueError, match="last message must come from the user"):
        ChatCuteKG(runtime=ScriptedRuntime(["x"])).invoke([HumanMessage("q"), AIMessage("a")])


def test_temperature_and_max_tokens_become_the_generation_config_at_init_and_per_call():
    runtime = ScriptedRuntime(lambda prompt: "好")
    ChatCuteKG(runtime=runtime).invoke("q")
    ChatCuteKG(runtime=runtime, temperature=0, max_tokens=7).invoke("q")
    ChatCuteKG(runtime=runtime, temperature=0).invoke("q", temperature=0.5, max_tokens=3)
    default, greedy, per_call = runtime.configs
    assert default == GenerationConfig()  # upstream CuteGPT's sampling
    assert (greedy.do_sample, greedy.max_new_tokens) == (False, 7)
    assert (per_call.do_sample, per_call.temperature, per_call.max_new_tokens) == (True, 0.5, 3)


def test_unknown_settings_are_refused_at_init_and_per_call():
    with pytest.raises(ValidationError, match="max_new_tokens"):
        ChatCuteKG(runtime=ScriptedRuntime(["x"]), max_new_tokens=5)
    with pytest.raises(TypeError, match="takes no top_q per call"):
        ChatCuteKG(runtime=ScriptedRuntime(["x"])).invoke("q", top_q=0.5)
    with pytest.raises(ValidationError, match="runtime"):
        ChatCuteKG(runtime="not a runtime")


@pytest.mark.parametrize("where", ["init", "call"])
def test_stop_strings_cut_the_reply_in_invoke_and_stream(where):
    model = ChatCuteKG(runtime=ScriptedRuntime(lambda prompt: "北京。上海。"), **({"stop": ["。"]} if where == "init" else {}))
    options = {"stop": ["。"]} if where == "call" else {}
    assert model.invoke("q", **options).content == "北京"
    assert "".join(chunk.content for chunk in model.stream("q", **options)) == "北京"


def test_streaming_yields_chunks_then_a_last_one_with_the_finish_reason():
    chunks = list(ChatCuteKG(runtime=ScriptedRuntime(["你好"])).stream("q"))
    assert [chunk.content for chunk in chunks] == ["你", "好", ""]
    assert chunks[-1].chunk_position == "last" and chunks[-1].response_metadata["finish_reason"] == "stop"
    assert chunks[-1].response_metadata["model_name"] == "scripted"


# --------------------------------------------------------------------------- tiny Llamas


@pytest.fixture(scope="module")
def loop_runtime(tmp_path_factory, full_dir):
    """Greedy output 你好，世界。你好，世界。… until max_tokens: only a stop string ends it early."""
    from transformers import AutoTokenizer

    from llm.hf_runtime import HFRuntime
    from tests.llm.conftest import script_chain

    chain = AutoTokenizer.from_pretrained(full_dir).encode("你好，世界。", add_special_tokens=False)
    assert len(set(chain)) == len(chain)  # one state per token
    return HFRuntime.load(script_chain(full_dir, tmp_path_factory.mktemp("loop"), chain))


def test_a_stop_string_ends_the_generation_not_only_the_text(loop_runtime):
    model = ChatCuteKG(runtime=loop_runtime, temperature=0, max_tokens=200)
    steps: list[int] = []
    hook = loop_runtime.model.register_forward_hook(lambda *args: steps.append(1))
    try:
        reply = model.invoke("q", stop=["世"])
    finally:
        hook.remove()
    assert reply.content == "你好，"
    assert reply.response_metadata["finish_reason"] == "stop"
    assert len(steps) < 50  # without the stop it writes 200 tokens


def test_the_local_model_streams_token_by_token_and_the_pieces_join_to_invoke(full_runtime):
    model = ChatCuteKG(runtime=full_runtime, temperature=0, max_tokens=30)
    steps: list[int] = []
    seen_at: list[int] = []
    hook = full_runtime.model.register_forward_hook(lambda *args: steps.append(1))
    try:
        chunks = []
        for chunk in model.stream("鲁迅的代表作是什么？"):
            seen_at.append(len(steps))
            chunks.append(chunk.content)
    finally:
        hook.remove()
    assert len([piece for piece in chunks if piece]) >= 2
    assert seen_at[0] < seen_at[-1]  # the first piece came before generation was done
    assert "".join(chunks).strip() == model.invoke("鲁迅的代表作是什么？").content


def test_invoke_reports_the_local_models_token_counts(full_runtime):
    reply = ChatCuteKG(runtime=full_runtime, temperature=0, max_tokens=5).invoke(CHAT)
    prompt_tokens = len(full_runtime.encode(render_prompt("你是谁？", [("早", "早上好")])))
    usage = reply.usage_metadata
    assert usage["input_tokens"] == prompt_tokens and 1 <= usage["output_tokens"] <= 5
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert reply.response_metadata["model_name"] == full_runtime.name


def test_a_prompt_too_long_for_the_context_raises_the_runtimes_error(full_dir):
    from llm.base import PromptTooLongError
    from llm.hf_runtime import HFRuntime

    small = HFRuntime.load(full_dir)
    small.model.config.max_position_embeddings = 32
    model = ChatCuteKG(runtime=small, max_tokens=8)
    question = "".join(chr(0x4E00 + i) for i in range(30))  # characters the tiny tokenizer never saw
    with pytest.raises(PromptTooLongError, match="reads 32 tokens"):
        model.invoke(question)
    with pytest.raises(PromptTooLongError, match="reads 32 tokens"):
        list(model.stream(question))
