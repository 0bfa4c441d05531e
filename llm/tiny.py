"""A tiny random CuteGPT look-alike (Llama architecture + in-process tokenizer) for tests and benches.

It is saved with `save_pretrained`, so it loads through exactly the code path real CuteGPT weights
take (`HFRuntime.load`, the training helper's loader). No hub access is needed at any point.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from llm.template import END_TOKEN, META_INSTRUCTION

# Llama's special tokens (CuteGPT keeps the LLaMA tokenizer's <unk>/<s>/</s>); a separate <pad> keeps
# padding distinguishable from real tokens in batched generation and training label masks.
UNK, BOS, EOS, PAD = "<unk>", "<s>", "</s>", "<pad>"


def _train_tokenizer(texts: Iterable[str], vocab_size: int, add_end_token: bool):
    """Byte-level BPE: every string (Chinese included) round-trips, even characters never seen."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    specials = [UNK, BOS, EOS, PAD] + ([END_TOKEN] if add_end_token else [])
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    # The template's fixed text is always in the corpus, so its pieces become merges.
    tokenizer.train_from_iterator([META_INSTRUCTION, "问：\n答：\n", *texts], trainer)
    # Like the LLaMA tokenizer: a <s> in front of every encoded text, nothing at the end.
    bos_id = tokenizer.token_to_id(BOS)
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{BOS} $A", pair=f"{BOS} $A $B", special_tokens=[(BOS, bos_id)]
    )
    return tokenizer


def save_tiny_model(
    path: str | Path,
    texts: Iterable[str],
    *,
    vocab_size: int = 2000,
    hidden_size: int = 64,
    layers: int = 2,
    heads: int = 4,
    add_end_token: bool = True,
    seed: int = 0,
) -> Path:
    """Train a tokenizer on `texts`, build a random LlamaForCausalLM, save both into `path`.

    `add_end_token=True` gives a full-finetune-like checkpoint (stops on `<end>`); False a base one.
    """
    import torch
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    backend = _train_tokenizer(texts, vocab_size, add_end_token)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token=BOS,
        eos_token=EOS,
        unk_token=UNK,
        pad_token=PAD,
        additional_special_tokens=[END_TOKEN] if add_end_token else None,
        model_max_length=2048,
        padding_side="left",  # decoder-only batched generation pads on the left
    )
    tokenizer.save_pretrained(path)

    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        max_position_embeddings=4096,  # the planning prompt is ~2k tokens in a 600-piece test vocabulary
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=False,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(
        bos_token_id=config.bos_token_id, eos_token_id=config.eos_token_id, pad_token_id=config.pad_token_id
    )
    model.save_pretrained(path)
    return path
