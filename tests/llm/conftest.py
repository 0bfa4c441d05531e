"""Session fixtures: tiny CuteGPT look-alikes saved to disk and loaded like real checkpoints."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from llm.template import END_TOKEN, render_prompt
from llm.tiny import save_tiny_model

TEXTS = [
    "提出进化论的科学家是谁？达尔文提出了进化论。",
    "有哪些科幻小说和《三体》是同一个作者？刘慈欣写了《三体》和《球状闪电》。",
    "鲁迅的代表作是什么？《狂人日记》和《阿Q正传》。",
    '{"need_knowledge": "是", "thought": "查询", "code": "def search():\\n\\treturn messages"}',
    "你好，我是CuteGPT。The quick brown fox.",
]


@pytest.fixture(scope="session")
def full_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full-finetune-like checkpoint: the tokenizer has <end>."""
    pytest.importorskip("transformers")  # the template, planner and config tests run without it
    return save_tiny_model(tmp_path_factory.mktemp("tiny-ift"), TEXTS, vocab_size=600, hidden_size=32, heads=4)


@pytest.fixture(scope="session")
def base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    return save_tiny_model(
        tmp_path_factory.mktemp("tiny-base"), TEXTS, vocab_size=600, hidden_size=32, heads=4, add_end_token=False
    )


@pytest.fixture(scope="session")
def lora_dir(tmp_path_factory: pytest.TempPathFactory, base_dir: Path) -> Path:
    """A LoRA adapter with upstream CuteGPT's settings, its B matrices made non-zero so it matters."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base_dir)
    config = LoraConfig(
        r=8, lora_alpha=16, lora_dropout=0.05, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"
    )
    peft_model = get_peft_model(model, config)
    torch.manual_seed(1)
    with torch.no_grad():
        for name, parameter in peft_model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0, 1.0)
    out = tmp_path_factory.mktemp("tiny-lora")
    peft_model.save_pretrained(out)
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(base_dir)
    return out


@pytest.fixture(scope="session")
def full_runtime(full_dir: Path):
    from llm.hf_runtime import HFRuntime

    return HFRuntime.load(full_dir)


def script_chain(model_dir: Path, out: Path, chain: list[int], *, then_first: bool = True) -> Path:
    """Rewrite a tiny model so greedy decoding follows a fixed token chain whatever the prompt.

    Attention and MLP outputs are zeroed, so the last hidden state is the current token's embedding:
    each token is given a one-hot "state", and the output head maps state k to the chain's next token.
    Every token outside the chain is state 0 and leads to chain[0].
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(model_dir)
    hidden = model.config.hidden_size
    assert len(chain) < hidden
    with torch.no_grad():
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight.zero_()
            layer.mlp.down_proj.weight.zero_()
        embeddings = model.get_input_embeddings().weight
        head = model.get_output_embeddings().weight
        embeddings.zero_()
        embeddings[:, 0] = 1.0
        head.zero_()
        head[chain[0], 0] = 10.0
        for state, (token, following) in enumerate(zip(chain, chain[1:]), start=1):
            embeddings[token].zero_()
            embeddings[token, state] = 1.0
            head[following, state] = 10.0
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(model_dir).save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def hello_end_dir(tmp_path_factory: pytest.TempPathFactory, full_dir: Path) -> Path:
    """Greedy output: 你好 <end> 达尔文 … — text after <end> shows a missed stop."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(full_dir)
    hello = tokenizer.encode("你好", add_special_tokens=False)
    after = tokenizer.encode("达尔文", add_special_tokens=False)
    chain = hello + [tokenizer.convert_tokens_to_ids(END_TOKEN)] + after
    return script_chain(full_dir, tmp_path_factory.mktemp("hello-end"), chain)


@pytest.fixture(scope="session")
def quote_dir(tmp_path_factory: pytest.TempPathFactory, full_dir: Path) -> Path:
    """A model that always wants to say `"`: unconstrained it never writes a valid plan."""
    from transformers import AutoTokenizer

    quote = AutoTokenizer.from_pretrained(full_dir).convert_tokens_to_ids('"')
    return script_chain(full_dir, tmp_path_factory.mktemp("quote"), [quote, quote])


@pytest.fixture(scope="session")
def prompt() -> str:
    return render_prompt("鲁迅的代表作是什么？")


def _serve_in_thread(app) -> Iterator[str]:
    """uvicorn on a socket bound before the thread starts: clients can connect at once, no waiting."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    from llm.http_server import server_config

    server = uvicorn.Server(server_config(app))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def server_url(full_runtime) -> Iterator[str]:
    """`agent serve` (create_app over the tiny model), on loopback for the whole session."""
    from llm.serve import create_app

    yield from _serve_in_thread(create_app(full_runtime))


@pytest.fixture(scope="session")
def hello_server_url(hello_end_dir: Path) -> Iterator[str]:
    from llm.hf_runtime import HFRuntime
    from llm.serve import create_app

    yield from _serve_in_thread(create_app(HFRuntime.load(hello_end_dir)))


@pytest.fixture(scope="session")
def quote_server_url(quote_dir: Path) -> Iterator[str]:
    from llm.hf_runtime import HFRuntime
    from llm.serve import create_app

    yield from _serve_in_thread(create_app(HFRuntime.load(quote_dir)))
