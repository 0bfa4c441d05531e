import json

import pytest

transformers = pytest.importorskip("transformers")
AutoConfig, AutoTokenizer = transformers.AutoConfig, transformers.AutoTokenizer

from llm.template import END_TOKEN


def test_chinese_round_trips_through_the_tokenizer_even_unseen_characters(full_dir):
    tokenizer = AutoTokenizer.from_pretrained(full_dir)
    for text in ["问：鲁迅的代表作是什么？\n答：\n《狂人日记》", "龘靐齉，emoji 🙂 and\ttabs"]:
        ids = tokenizer.encode(text, add_special_tokens=False)
        assert tokenizer.decode(ids) == text
        assert tokenizer.unk_token_id not in ids


def test_special_tokens_are_single_ids_and_bos_is_prepended_like_llama(full_dir, base_dir):
    tokenizer = AutoTokenizer.from_pretrained(full_dir)
    assert (tokenizer.bos_token, tokenizer.eos_token, tokenizer.pad_token, tokenizer.unk_token) == (
        "<s>", "</s>", "<pad>", "<unk>"
    )
    end_id = tokenizer.convert_tokens_to_ids(END_TOKEN)
    assert tokenizer.encode("好<end>", add_special_tokens=False)[-1] == end_id
    assert tokenizer.encode("好")[0] == tokenizer.bos_token_id
    assert END_TOKEN not in AutoTokenizer.from_pretrained(base_dir).get_vocab()


def test_saved_config_is_a_small_llama_matching_the_tokenizer(full_dir):
    config = AutoConfig.from_pretrained(full_dir)
    tokenizer = AutoTokenizer.from_pretrained(full_dir)
    assert config.model_type == "llama"
    assert config.vocab_size == len(tokenizer) <= 600
    assert (config.hidden_size, config.num_hidden_layers) == (32, 2)
    assert json.loads((full_dir / "config.json").read_text())["eos_token_id"] == tokenizer.eos_token_id
