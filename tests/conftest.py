"""Tiny offline stand-ins: a one-character-per-token tokenizer (so token counts equal character
counts and can be pinned on literal strings) and a random Llama small enough to train in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from llm.template import END_TOKEN, META_INSTRUCTION

SPECIALS = ["<unk>", "<s>", "</s>", "<pad>"]


def build_char_tokenizer(texts: list[str], end_token: bool = True):
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    chars = sorted(set("".join([META_INSTRUCTION, "问：答\n", *texts])))
    vocab = {token: i for i, token in enumerate(SPECIALS + chars)}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, unk_token="<unk>", bos_token="<s>", eos_token="</s>", pad_token="<pad>"
    )
    if end_token:
        tokenizer.add_tokens([END_TOKEN], special_tokens=True)
    return tokenizer


def save_tiny_llama(path: Path, tokenizer, *, vocab_size: int | None = None, hidden: int = 32, seed: int = 0) -> Path:
    """A random two-layer Llama saved with its tokenizer; `vocab_size` smaller than the tokenizer
    makes a base model that lacks the tokenizer's added tokens."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=vocab_size or len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 2,
        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=512,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=False,
    )
    torch.manual_seed(seed)
    LlamaForCausalLM(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def char_tokenizer():
    return build_char_tokenizer(["甲乙丙丁戊己庚辛壬癸abcdefghij{}\":,是否"])


@pytest.fixture(scope="session")
def make_char_tokenizer():
    """`build_char_tokenizer` for test modules (importlib mode cannot import conftest by name)."""
    return build_char_tokenizer


@pytest.fixture(scope="session")
def make_tiny_llama():
    return save_tiny_llama
