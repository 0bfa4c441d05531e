"""The training loop on a random two-layer Llama: a few CPU steps each, seconds in all."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

from training.config import LoraSettings, TrainConfig
from training.data import encode_dialogues, save_dataset
from training.export import export
from training.finetune import (
    CHECKPOINTS,
    METRICS_FILE,
    TrainingSetupError,
    latest_checkpoint,
    lr_factor,
    train,
)

WORDS = "甲乙丙丁戊己庚辛壬癸"
DIALOGUES = [[{"instruction": WORDS[i % 10] * (1 + i % 3), "input": "", "output": WORDS[(i * 3) % 10] * (2 + i % 4)}] for i in range(24)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory, make_char_tokenizer, make_tiny_llama):
    build_char_tokenizer, save_tiny_llama = make_char_tokenizer, make_tiny_llama
    root = tmp_path_factory.mktemp("finetune")
    tokenizer = build_char_tokenizer([WORDS])
    base = save_tiny_llama(root / "base", tokenizer)
    rows, stats = encode_dialogues(DIALOGUES, tokenizer, max_length=96, pack_max=2, seed=0)
    data = save_dataset(root / "data", rows, stats, tokenizer)
    text_rows, text_stats = encode_dialogues(DIALOGUES, build_char_tokenizer([WORDS + "<end>"], end_token=False),
                                             max_length=128, pack_max=2, end_token_special=False)
    text_data = save_dataset(root / "data_text_end", text_rows, text_stats, build_char_tokenizer([WORDS + "<end>"], end_token=False))
    return root, base, data, text_data, tokenizer


def config(setup, out, **overrides) -> TrainConfig:
    root, base, data, _, _ = setup
    values = dict(model=base, data=data, output_dir=root / out, micro_batch_size=2, gradient_accumulation_steps=2,
                  epochs=2, save_steps=2, warmup_steps=0, learning_rate=1e-2, seed=3)
    return TrainConfig(**{**values, **overrides})


def test_lora_defaults_are_upstream_cutegpt(tmp_path):
    cfg = TrainConfig(model=tmp_path, data=tmp_path, output_dir=tmp_path)
    assert (cfg.method, cfg.lora.r, cfg.lora.alpha, cfg.lora.dropout, cfg.lora.target_modules) == ("lora", 8, 16, 0.05, ["q_proj", "v_proj"])
    assert (cfg.adam_betas, cfg.adam_eps, cfg.learning_rate, cfg.warmup_start_lr, cfg.warmup_steps) == ((0.98, 0.999), 1e-9, 3e-4, 1e-4, 300)
    assert (cfg.micro_batch_size, cfg.gradient_accumulation_steps, cfg.seed, cfg.save_steps) == (2, 8, 10, 1000)


def test_unknown_config_keys_are_refused(tmp_path):
    with pytest.raises(ValueError, match="lora_rank"):
        TrainConfig(model=tmp_path, data=tmp_path, output_dir=tmp_path, lora_rank=4)


def test_warmup_rises_like_deepspeed_warmuplr_then_stays_constant(tmp_path):
    cfg = TrainConfig(model=tmp_path, data=tmp_path, output_dir=tmp_path)
    rates = [lr_factor(step, cfg, 1000) * cfg.learning_rate for step in (0, 299, 300, 999)]
    assert rates[0] == pytest.approx(1e-4)
    assert rates[1] == pytest.approx(1e-4 + 2e-4 * math.log(300) / math.log(300))
    assert rates[2:] == [pytest.approx(3e-4)] * 2


def test_lora_run_saves_adapter_tokenizer_metrics_and_checkpoints(setup):
    result = train(config(setup, "lora_layout", max_steps=4))
    out = result.output_dir
    adapter = json.loads((out / "adapter_config.json").read_text())
    assert (adapter["r"], adapter["lora_alpha"], adapter["lora_dropout"]) == (8, 16, 0.05)
    assert sorted(adapter["target_modules"]) == ["q_proj", "v_proj"]
    assert (out / "adapter_model.safetensors").exists() and (out / "tokenizer.json").exists()
    assert [json.loads(line)["step"] for line in (out / METRICS_FILE).read_text().splitlines()] == [1, 2, 3, 4]
    assert sorted(p.name for p in (out / CHECKPOINTS).iterdir()) == ["step-000002", "step-000004"]
    assert {"optimizer.pt", "scheduler.pt", "rng.pt", "trainer_state.json", "adapter_model.safetensors"} <= {
        p.name for p in (out / CHECKPOINTS / "step-000004").iterdir()}
    assert result.losses[-1] < result.losses[0]


class Crash(Exception):
    pass


def test_resume_after_a_crash_continues_at_the_same_step_data_position_and_loss_sequence(setup):
    uninterrupted = train(config(setup, "straight", max_steps=8))

    def crash_after_step_5(log):
        if log.step == 5:
            raise Crash

    with pytest.raises(Crash):
        train(config(setup, "crashed", max_steps=8), on_log=crash_after_step_5)
    checkpoint = latest_checkpoint(setup[0] / "crashed")
    state = json.loads((checkpoint / "trainer_state.json").read_text())
    # 24 dialogues pack into rows; 2 rows per micro batch, 2 micro batches per step.
    assert checkpoint.name == "step-000004" and state["step"] == 4
    assert (state["epoch"], state["window"]) == (uninterrupted_position(setup, 4))

    resumed = train(config(setup, "crashed", max_steps=8, resume=True))
    assert resumed.resumed_from == checkpoint and resumed.steps == 8
    assert resumed.losses == uninterrupted.losses[4:]  # bit for bit: weights, optimizer, schedule, RNG, data order
    metrics = [json.loads(line)["step"] for line in (setup[0] / "crashed" / METRICS_FILE).read_text().splitlines()]
    assert metrics == list(range(1, 9))  # the crashed run's step 5 was rewritten, not duplicated


def test_resume_with_other_data_or_arguments_is_refused_naming_the_differences(setup):
    train(config(setup, "mismatch", max_steps=2))
    record = (setup[0] / "mismatch" / "cutekg_training.json").read_text()
    with pytest.raises(TrainingSetupError, match=r"data .*data_text_end.*max_steps 2 → 4") as caught:
        train(config(setup, "mismatch", max_steps=4, data=setup[3], resume=True))
    assert "\n" not in str(caught.value)
    assert (setup[0] / "mismatch" / "cutekg_training.json").read_text() == record


def test_a_resume_mismatch_names_paths_as_the_user_typed_them_not_the_records_absolute_ones(setup, monkeypatch):
    monkeypatch.chdir(setup[0])
    train(config(setup, "typed", max_steps=2, data=Path("data"), output_dir=Path("typed")))
    with pytest.raises(TrainingSetupError, match=r"data data → data_text_end") as caught:
        train(config(setup, "typed", max_steps=2, data=Path("data_text_end"), output_dir=Path("typed"), resume=True))
    assert str(setup[0]) not in str(caught.value)


def test_a_resumed_run_continues_tokens_and_elapsed_time_in_its_metrics(setup):
    def crash_after_step_3(log):
        if log.step == 3:
            raise Crash

    with pytest.raises(Crash):
        train(config(setup, "counters", max_steps=4), on_log=crash_after_step_3)
    train(config(setup, "counters", max_steps=4, resume=True))
    lines = [json.loads(line) for line in (setup[0] / "counters" / METRICS_FILE).read_text().splitlines()]
    assert [line["step"] for line in lines] == [1, 2, 3, 4]
    tokens, elapsed = [line["tokens"] for line in lines], [line["elapsed_s"] for line in lines]
    assert tokens == sorted(tokens) and tokens[2] > tokens[1] and elapsed[2] >= elapsed[1]


def test_a_missing_model_folder_says_no_such_folder_not_the_hubs_repo_id_wording(setup):
    with pytest.raises(TrainingSetupError, match=r"^no such folder: .*no-model$"):
        train(config(setup, "no_model", model=setup[0] / "no-model"))


def uninterrupted_position(setup, step: int) -> tuple[int, int]:
    rows = sum(1 for _ in (setup[2] / "dataset.jsonl").open())
    windows_per_epoch = math.ceil(math.ceil(rows / 2) / 2)
    return (step // windows_per_epoch, step % windows_per_epoch) if step % windows_per_epoch else (step // windows_per_epoch - 1, windows_per_epoch)


def test_resume_without_a_checkpoint_is_a_clear_error(setup):
    with pytest.raises(TrainingSetupError, match="no complete checkpoint"):
        train(config(setup, "nothing_here", resume=True))


def test_an_interrupted_checkpoint_write_is_never_picked(setup):
    out = setup[0] / "half"
    train(config(setup, "half", max_steps=2))
    (out / CHECKPOINTS / ".step-000004.tmp").mkdir()  # a save that died half way
    (out / CHECKPOINTS / "step-000006").mkdir()  # no trainer_state.json: incomplete
    assert latest_checkpoint(out).name == "step-000002"


def test_lora_from_continues_the_saved_adapter(setup):
    import torch
    from safetensors.torch import load_file

    first = train(config(setup, "first", max_steps=2)).output_dir
    second = train(config(setup, "second", max_steps=1, lora_from=first, learning_rate=1e-12, warmup_start_lr=0)).output_dir
    before, after = load_file(first / "adapter_model.safetensors"), load_file(second / "adapter_model.safetensors")
    assert before.keys() == after.keys()
    assert any(t.abs().sum() > 0 for k, t in before.items() if "lora_B" in k)  # trained, so not the zero init
    assert all(torch.allclose(before[k], after[k], atol=1e-6) for k in before)


def test_export_merge_gives_a_plain_model_with_the_adapter_models_outputs(setup):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    adapter = train(config(setup, "to_merge", max_steps=3)).output_dir
    merged_dir = export(adapter, setup[0] / "merged")
    assert not (merged_dir / "adapter_config.json").exists() and (merged_dir / "tokenizer.json").exists()
    ids = torch.tensor([[5, 9, 12, 7, 30, 31]])
    with torch.no_grad():
        with_adapter = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(str(setup[1])), str(adapter)).eval()(ids).logits
        merged = AutoModelForCausalLM.from_pretrained(str(merged_dir)).eval()(ids).logits
    assert torch.allclose(with_adapter, merged, atol=1e-5)


def test_full_finetune_adds_end_rows_initialised_near_zero(setup, make_tiny_llama):
    import torch
    from transformers import AutoModelForCausalLM

    root, _, data, _, tokenizer = setup
    base = make_tiny_llama(root / "base_without_end", tokenizer, vocab_size=len(tokenizer) - 1)
    out = train(config(setup, "full", model=base, method="full", max_steps=1, learning_rate=1e-12, warmup_start_lr=0)).output_dir
    model = AutoModelForCausalLM.from_pretrained(str(out))
    embeddings = model.get_input_embeddings().weight
    assert embeddings.shape[0] == len(tokenizer)
    assert embeddings[-1].abs().max() < 1e-4 < embeddings[:-1].abs().max()  # upstream: normal(std=1e-6)


def test_lora_cannot_learn_a_token_the_base_model_lacks(setup, make_tiny_llama):
    root, _, _, _, tokenizer = setup
    base = make_tiny_llama(root / "base_no_end_lora", tokenizer, vocab_size=len(tokenizer) - 1)
    with pytest.raises(TrainingSetupError, match="--end-token text"):
        train(config(setup, "lora_new_token", model=base))


def test_full_finetune_needs_end_as_a_special_token(setup):
    with pytest.raises(TrainingSetupError, match="--end-token special"):
        train(config(setup, "full_text_end", data=setup[3], method="full"))


def test_deepspeed_without_the_package_or_cuda_is_a_clear_error(setup):
    with pytest.raises(TrainingSetupError, match="deepspeed|CUDA"):
        train(config(setup, "ds", deepspeed="zero2"))


def test_bundled_deepspeed_configs_are_bf16_zero_stages():
    for stage in (1, 2, 3):
        cfg = TrainConfig(model=".", data=".", output_dir=".", deepspeed=f"zero{stage}")
        ds = json.loads(cfg.deepspeed_config_path().read_text())
        assert ds["zero_optimization"]["stage"] == stage and ds["bf16"]["enabled"] is True
        assert ds["train_micro_batch_size_per_gpu"] == "auto"  # filled from TrainConfig at launch


def test_gradient_checkpointing_gives_the_same_losses(setup):
    plain = train(config(setup, "no_ckpt", max_steps=2, save_steps=100))
    checkpointed = train(config(setup, "grad_ckpt", max_steps=2, save_steps=100, gradient_checkpointing=True))
    assert checkpointed.losses == pytest.approx(plain.losses, rel=1e-5)


def test_flash_attention_on_the_cpu_is_a_clear_error(setup):
    with pytest.raises(TrainingSetupError, match="flash"):
        train(config(setup, "flash", attn_implementation="flash_attention_2", device="cpu"))


def test_a_base_model_missing_a_tensor_is_refused_not_trained_from_random_weights(setup):
    import shutil

    from safetensors.torch import load_file, save_file

    damaged = setup[0] / "damaged-base"
    shutil.copytree(setup[1], damaged)
    weights = next(damaged.glob("*.safetensors"))
    tensors = load_file(weights)
    gone = next(name for name in tensors if "layers.0" in name and name.endswith("weight"))
    del tensors[gone]
    save_file(tensors, weights, metadata={"format": "pt"})
    with pytest.raises(TrainingSetupError, match=rf"damaged-base: the weights lack 1 tensor\(s\) .*{re.escape(gone)}"):
        train(config(setup, "damaged_run", model=damaged))


def test_train_refuses_a_model_folder_ask_refuses_in_one_line(setup, tmp_path):
    root, base, *_ = setup
    broken = shutil.copytree(base, tmp_path / "heads0")
    config = json.loads((broken / "config.json").read_text())
    (broken / "config.json").write_text(json.dumps(config | {"num_attention_heads": 0}))
    with pytest.raises(TrainingSetupError, match="num_attention_heads is 0"):  # was ZeroDivisionError in the tokenizer
        train(config_for(setup, tmp_path / "out", model=broken))
    assert not (tmp_path / "out").exists()


def test_a_loss_that_is_not_finite_stops_training_and_saves_nothing(setup, tmp_path):
    from safetensors.torch import load_file, save_file

    root, base, *_ = setup
    first = train(config(setup, "to_poison", max_steps=1))
    adapter = tmp_path / "inf_adapter"
    shutil.copytree(first.output_dir, adapter)
    weights = load_file(adapter / "adapter_model.safetensors")
    save_file({k: v.fill_(float("inf")) for k, v in weights.items()}, adapter / "adapter_model.safetensors")
    with pytest.raises(TrainingSetupError, match="step 1: the loss is nan"):
        train(config_for(setup, tmp_path / "poisoned", lora_from=adapter))
    assert not (tmp_path / "poisoned" / "adapter_model.safetensors").exists()


def config_for(setup, out, **overrides) -> TrainConfig:
    root, base, data, _, _ = setup
    values = dict(model=base, data=data, output_dir=out, micro_batch_size=2, gradient_accumulation_steps=2, max_steps=1,
                  save_steps=2, warmup_steps=0, learning_rate=1e-2, seed=3)
    return TrainConfig(**{**values, **overrides})


def test_a_resume_mismatch_from_a_subfolder_names_paths_relative_to_it_and_module_order_is_no_change(setup, monkeypatch):
    root = setup[0]
    (root / "sub").mkdir(exist_ok=True)
    monkeypatch.chdir(root / "sub")
    first = config(setup, "ordered", max_steps=2, lora=LoraSettings(target_modules=["q_proj", "v_proj"]))
    train(first)
    with pytest.raises(TrainingSetupError, match=r"data \.\./data → \.\./data_text_end"):
        train(config(setup, "ordered", max_steps=2, data=setup[3], resume=True))
    again = train(config(setup, "ordered", max_steps=2, resume=True, lora=LoraSettings(target_modules=["v_proj", "q_proj"])))
    assert again.resumed_from is not None
