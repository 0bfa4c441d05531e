import importlib.util
import json
import re
import sys

import pytest

from llm.base import GenerationConfig, ModelLoadError, Runtime
from llm.hf_runtime import HFRuntime
from llm.template import render_prompt

GREEDY = GenerationConfig.greedy(max_new_tokens=8)


def test_full_checkpoint_is_detected_by_its_end_token_and_stops_on_it(full_runtime, hello_end_dir, prompt):
    assert full_runtime.kind == "full"
    assert isinstance(full_runtime, Runtime)
    runtime = HFRuntime.load(hello_end_dir)
    done = runtime.complete(prompt, GREEDY)
    # The scripted model writes 你好 <end> 达尔文 …: generation stops at <end>, counted as a token.
    assert (done.text, done.finish_reason) == ("你好", "stop")
    assert done.completion_tokens == len(runtime.tokenizer.encode("你好", add_special_tokens=False)) + 1
    assert done.prompt_tokens == len(runtime.tokenizer.encode(prompt, add_special_tokens=False))  # no <s>


def test_without_the_end_stop_generation_runs_to_the_token_limit(hello_end_dir, prompt):
    runtime = HFRuntime.load(hello_end_dir)
    runtime.stop_token_ids = [runtime.tokenizer.eos_token_id]  # <end> no longer stops generation
    done = runtime.complete(prompt, GREEDY)
    assert (done.text, done.finish_reason, done.completion_tokens) == ("你好", "length", 8)


def test_base_checkpoint_stops_on_eos_only(base_dir):
    runtime = HFRuntime.load(base_dir)
    assert runtime.kind == "base"
    assert runtime.stop_token_ids == [runtime.tokenizer.eos_token_id]


def test_lora_adapter_loads_on_its_base_and_changes_the_output(base_dir, lora_dir, prompt):
    base = HFRuntime.load(base_dir)
    with_lora = HFRuntime.load(base_dir, lora_path=lora_dir)
    by_adapter_dir = HFRuntime.load(lora_dir)  # the adapter names its own base
    assert (with_lora.kind, by_adapter_dir.kind) == ("lora", "lora")
    assert with_lora.name == f"{base_dir.name}+{lora_dir.name}"
    config = GenerationConfig.greedy(max_new_tokens=12)
    assert with_lora.generate(prompt, config) == by_adapter_dir.generate(prompt, config)
    assert with_lora.generate(prompt, config) != base.generate(prompt, config)


def test_streamed_pieces_join_to_the_generated_text(full_runtime, prompt):
    config = GenerationConfig.greedy(max_new_tokens=12)
    pieces = list(full_runtime.stream(prompt, config))
    assert len(pieces) > 1
    assert "".join(pieces).strip() == full_runtime.generate(prompt, config)


def test_batched_generation_matches_one_prompt_at_a_time(full_runtime):
    prompts = [render_prompt("你好"), render_prompt("提出进化论的科学家是谁？后面还有更长的一段话")]
    batch = full_runtime.generate_batch(prompts, GREEDY)
    assert batch == [full_runtime.generate(p, GREEDY) for p in prompts]


def test_sampling_with_a_seed_is_reproducible(full_runtime, prompt):
    config = GenerationConfig(max_new_tokens=10, seed=7)
    assert full_runtime.generate(prompt, config) == full_runtime.generate(prompt, config)


def test_missing_directory_is_a_one_line_error(tmp_path):
    with pytest.raises(ModelLoadError, match="no such folder: .*nope"):
        HFRuntime.load(tmp_path / "nope")


def test_directory_without_config_is_not_a_model(tmp_path):
    with pytest.raises(ModelLoadError, match="not a Hugging Face model directory"):
        HFRuntime.load(tmp_path)


def test_adapter_whose_base_is_not_local_asks_for_model(tmp_path):
    (tmp_path / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": "XuYipei/kw-cutegpt-13b-base"}))
    with pytest.raises(ModelLoadError, match="its base model XuYipei/kw-cutegpt-13b-base is not found locally; pass the base with --model"):
        HFRuntime.load(tmp_path)
    (tmp_path / "triples.tsv").write_text("a\tb\tc\n")  # a base that is a file was "not found locally" too
    (tmp_path / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": str(tmp_path / "triples.tsv")}))
    with pytest.raises(ModelLoadError, match=f"adapter_config.json: its base model {re.escape(str(tmp_path))}/triples.tsv is a file"):
        HFRuntime.load(tmp_path)


def test_lora_path_that_is_no_adapter_is_refused(full_dir, base_dir):
    with pytest.raises(ModelLoadError, match="not a LoRA adapter directory"):
        HFRuntime.load(base_dir, lora_path=full_dir)


def test_int8_without_bitsandbytes_is_a_clear_error(full_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "bitsandbytes", None)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "bitsandbytes" else real_find_spec(name, *a)
    )
    with pytest.raises(ModelLoadError, match="needs bitsandbytes"):
        HFRuntime.load(full_dir, int8=True, device="cpu")


def test_int8_on_the_cpu_with_an_old_bitsandbytes_is_refused(full_dir, monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.43.1")
    with pytest.raises(ModelLoadError, match=r"without a CUDA GPU needs bitsandbytes>=0\.49 \(found 0\.43\)"):
        HFRuntime.load(full_dir, int8=True, device="cpu")


def test_int8_on_the_cpu_works_with_a_recent_bitsandbytes(full_dir, prompt):
    pytest.importorskip("bitsandbytes")
    runtime = HFRuntime.load(full_dir, int8=True, device="cpu")
    assert type(runtime.model.model.layers[0].self_attn.q_proj).__name__ == "Linear8bitLt"
    assert isinstance(runtime.generate(prompt, GREEDY), str)


def test_flash_attention_requested_but_missing_is_a_clear_error(full_dir):
    if importlib.util.find_spec("flash_attn") is not None:
        pytest.skip("flash-attn is installed here")
    with pytest.raises(ModelLoadError, match="flash_attention_2 requested but flash-attn is not installed"):
        HFRuntime.load(full_dir, attn_implementation="flash_attention_2")


def test_sdpa_is_the_default_attention(full_runtime):
    assert full_runtime.model.config._attn_implementation == "sdpa"


def test_unknown_dtype_is_refused(full_dir):
    with pytest.raises(ModelLoadError, match="unknown dtype 'fp8'"):
        HFRuntime.load(full_dir, dtype="fp8")


def test_closing_a_stream_early_stops_the_generation(full_runtime, prompt):
    steps = []
    hook = full_runtime.model.register_forward_hook(lambda *args: steps.append(1))
    try:
        stream = full_runtime.stream(prompt, GenerationConfig.greedy(max_new_tokens=400))
        assert next(stream)
        stream.close()  # sets the stop flag and joins the worker thread
    finally:
        hook.remove()
    assert len(steps) < 400  # it returned at the next step instead of writing all 400 tokens


@pytest.fixture
def copy_of(tmp_path):
    import shutil

    return lambda folder: shutil.copytree(folder, tmp_path / folder.name)


@pytest.mark.parametrize("size", [1000, 100_000])  # inside the header, inside the tensors
def test_truncated_weights_are_a_load_error_naming_the_file(full_dir, copy_of, size):
    damaged = copy_of(full_dir)
    with open(damaged / "model.safetensors", "r+b") as weights:
        weights.truncate(size)
    with pytest.raises(ModelLoadError, match=rf"^{re.escape(str(damaged / 'model.safetensors'))}: damaged or truncated weights \("):
        HFRuntime.load(damaged)


def test_a_damaged_pytorch_bin_is_a_load_error(full_dir, copy_of):
    import torch
    from transformers import AutoModelForCausalLM

    damaged = copy_of(full_dir)
    (damaged / "model.safetensors").unlink()
    torch.save(AutoModelForCausalLM.from_pretrained(full_dir).state_dict(), damaged / "pytorch_model.bin")
    with open(damaged / "pytorch_model.bin", "r+b") as weights:
        weights.truncate(1000)
    with pytest.raises(ModelLoadError, match=f"cannot load the weights in {re.escape(str(damaged))}: PytorchStreamReader failed"):
        HFRuntime.load(damaged)


@pytest.mark.parametrize("text, says", [("{not json", "not valid JSON"), ("", "not valid JSON"), ("[]", "not a JSON object")])
def test_a_corrupt_config_json_is_a_load_error_naming_it(full_dir, lora_dir, copy_of, text, says):
    model = copy_of(full_dir)
    (model / "config.json").write_text(text)
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(model / 'config.json'))}: {says}"):
        HFRuntime.load(model)
    adapter = copy_of(lora_dir)
    (adapter / "adapter_config.json").write_text(text)
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(adapter / 'adapter_config.json'))}: {says}"):
        HFRuntime.load(adapter)


def test_a_damaged_tokenizer_json_is_named(full_dir, copy_of):
    model = copy_of(full_dir)
    tokenizer = model / "tokenizer.json"
    tokenizer.write_text("{oops")
    with pytest.raises(ModelLoadError, match=f"^cannot load the tokenizer {re.escape(str(tokenizer))}: "):
        HFRuntime.load(model)


def test_a_garbage_pytorch_bin_is_a_load_error_naming_it(full_dir, copy_of):
    damaged = copy_of(full_dir)
    (damaged / "model.safetensors").unlink()
    (damaged / "pytorch_model.bin").write_bytes(b"\x00garbage" * 600)
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(damaged / 'pytorch_model.bin'))}: not PyTorch weights"):
        HFRuntime.load(damaged)


@pytest.mark.parametrize("field, value, says", [
    ("hidden_size", 64, r"is \[\d+(, \d+)?\] in the weights but \[\d+(, \d+)?\] by config.json"),
    ("vocab_size", 100, r"is \[\d+, 32\] in the weights but \[100, 32\] by config.json"),
])
def test_a_config_that_does_not_match_the_weights_is_one_line_and_transformers_stays_quiet(
        full_dir, copy_of, capfd, field, value, says):
    model = copy_of(full_dir)
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | {field: value}))
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(model))}: config.json does not match the weights: .*{says}"):
        HFRuntime.load(model)
    err = capfd.readouterr().err
    assert "LOAD REPORT" not in err and "Loading weights" not in err  # no bar when stderr is not a terminal


def test_a_broken_generation_config_is_named_not_ignored(full_dir, copy_of):
    model = copy_of(full_dir)
    (model / "generation_config.json").write_text("{oops")
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(model / 'generation_config.json'))}: not valid JSON"):
        HFRuntime.load(model)


@pytest.mark.parametrize("file, change, says", [
    # each generated noise or failed deep inside generation ("the model … fails when it generates: ZeroDivisionError")
    ("generation_config.json", {"num_beams": 0}, "num_beams is 0, not a whole number ≥ 1"),
    ("generation_config.json", {"eos_token_id": "x"}, 'eos_token_id is "x", not a token id'),
    ("generation_config.json", {"eos_token_id": [2, 1.5]}, "eos_token_id is \\[2, 1.5\\], not a token id"),
    ("config.json", {"rms_norm_eps": -1.0}, "rms_norm_eps is -1.0, not a number above 0"),
    ("config.json", {"rope_parameters": {"rope_type": "default", "rope_theta": 0.0}}, "rope_parameters.rope_theta is 0.0, not a number above 0"),
    ("config.json", {"num_hidden_layers": 10_000_000}, "num_hidden_layers is 10,000,000; no model this tool runs has more than 1,000 .*"),  # built for hours
])
def test_a_setting_the_model_cannot_generate_with_is_named_with_its_file(full_dir, copy_of, file, change, says):
    model = copy_of(full_dir)
    path = model / file
    path.write_text(json.dumps(json.loads(path.read_text()) | change))
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(path))}: {says}$"):
        HFRuntime.load(model)


def test_a_failed_load_shows_no_transformers_or_peft_warnings_before_its_error(full_dir, lora_dir, copy_of, tmp_path):
    import shutil
    import subprocess
    import sys

    from llm.tiny import save_tiny_model

    odd = copy_of(full_dir)
    (odd / "config.json").write_text(json.dumps(json.loads((odd / "config.json").read_text()) | {"model_type": "wat"}))
    # An adapter with a bigger tokenizer on a narrower base: resizing warns, then the adapter does not fit.
    narrow = save_tiny_model(tmp_path / "narrow", ["你好。"], vocab_size=300, hidden_size=48, heads=4)
    adapter = shutil.copytree(lora_dir, tmp_path / "adapter")
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if (full_dir / name).exists():
            shutil.copy(full_dir / name, adapter / name)
    for model, lora, says in ((odd, None, "model type `wat`"), (narrow, adapter, "does not fit the base model")):
        script = ("import sys\nfrom llm.base import ModelLoadError\nfrom llm.hf_runtime import HFRuntime\n"
                  f"try:\n    HFRuntime.load({str(model)!r}, lora_path={str(lora) if lora else None!r})\n"
                  "except ModelLoadError as error:\n    print(error)\n")
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)  # warnings as a user sees them
        assert says in run.stdout, run.stdout + run.stderr
        assert run.stderr == "", run.stderr


def _damaged(full_dir, tmp_path, config=None, tokenizer_config=None, files=None):
    """A copy of the tiny model with config.json / tokenizer_config.json values changed or files replaced."""
    import shutil

    folder = shutil.copytree(full_dir, tmp_path / "damaged")
    for name, changes in (("config.json", config), ("tokenizer_config.json", tokenizer_config)):
        if changes:
            path = folder / name
            path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")) | changes), encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("damage, options, words", [
    ({"config": {"num_attention_heads": 5, "num_key_value_heads": 5, "head_dim": None}}, {}, "config.json: The hidden size"),
    ({"config": {"vocab_size": -1}}, {}, "config.json: vocab_size is -1"),
    ({"config": {"dtype": "float128", "torch_dtype": "float128"}}, {}, 'config.json: dtype is "float128", not a torch dtype'),
    ({"config": {"max_position_embeddings": 8}}, {"max_new_tokens": 512}, "config.json: max_position_embeddings is 8"),
    ({"files": {"tokenizer.json": "{}"}}, {}, "wrong shape"),
    # the tokenizers library's own errors (a bare Exception) and a file nested too deep were tracebacks
    ({"files": {"tokenizer.json": '{"version": "1.0", "added_tokens": [], "model": null}'}}, {}, "cannot load the tokenizer"),
    ({"files": {"tokenizer.json": "[" * 100_000 + "]" * 100_000}}, {}, "cannot load the tokenizer"),
    ({"tokenizer_config": {"chat_template": "{% if %}{{ messages }}"}}, {"template": "chat"}, "TemplateSyntaxError"),
    ({"tokenizer_config": {"chat_template": "{{ raise_exception('template says no') }}"}}, {"template": "chat"}, "template says no"),
    ({"tokenizer_config": {"model_max_length": "lots"}}, {}, 'model_max_length is "lots", not a number'),  # a TypeError at every question
    # a broken chat_template.jinja (read before the config's template) was said of tokenizer_config.json
    ({"files": {"chat_template.jinja": "{% if %}"}}, {"template": "chat"}, "chat_template (chat_template.jinja) cannot render"),
    # the model answered a prompt without the question in it
    ({"tokenizer_config": {"chat_template": "{% for m in messages %}{% endfor %}"}}, {"template": "chat"}, "leaves the question out"),
])
def test_a_damaged_model_folder_is_one_load_error_naming_it(full_dir, tmp_path, damage, options, words):
    # Each was a traceback at load, or a failure at every answer (exit 1) instead of a load error.
    folder = _damaged(full_dir, tmp_path, **damage)
    with pytest.raises(ModelLoadError, match=re.escape(str(folder))) as error:
        HFRuntime.load(folder, **options)
    assert words in str(error.value) and "\n" not in str(error.value)


def test_nan_weights_are_refused_at_load(full_dir, tmp_path):
    # Every generation failed with "probability tensor contains either inf, nan or element < 0".
    import torch
    from safetensors.torch import load_file, save_file

    folder = _damaged(full_dir, tmp_path)
    tensors = load_file(folder / "model.safetensors")
    save_file({name: torch.full_like(t, float("nan")) if t.is_floating_point() else t for name, t in tensors.items()},
              folder / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(folder))}: the weights hold NaN"):
        HFRuntime.load(folder)


@pytest.mark.parametrize("weights, words", [(None, "no adapter weights (adapter_model.safetensors or .bin)"),
                                            ({}, "lacks 8 of the adapter's tensors"),
                                            ("renamed", "lacks 8 of the adapter's tensors")])
def test_an_adapter_without_its_tensors_is_refused(base_dir, lora_dir, tmp_path, recwarn, weights, words):
    # No file: peft asked the Hugging Face Hub (a traceback offline); no or foreign tensors: peft warned
    # and the adapter changed nothing, used silently.
    import shutil

    from safetensors.torch import load_file, save_file

    adapter = shutil.copytree(lora_dir, tmp_path / "adapter")
    tensors = load_file(adapter / "adapter_model.safetensors")
    (adapter / "adapter_model.safetensors").unlink()
    if weights is not None:
        save_file({"x." + name: t for name, t in tensors.items()} if weights == "renamed" else {}, adapter / "adapter_model.safetensors")
    with pytest.raises(ModelLoadError, match=f"^{re.escape(str(adapter))}: ") as error:
        HFRuntime.load(base_dir, lora_path=adapter)
    assert words in str(error.value)
    assert not [w for w in recwarn if "missing adapter keys" in str(w.message)]


def test_a_checkpoint_missing_a_tensor_is_refused_not_filled_with_random_weights(full_dir, copy_of):
    from safetensors.torch import load_file, save_file

    model = copy_of(full_dir)
    weights = next(model.glob("*.safetensors"))
    tensors = load_file(weights)
    gone = next(name for name in tensors if "layers.0.mlp.down_proj" in name)
    del tensors[gone]
    save_file(tensors, weights, metadata={"format": "pt"})
    with pytest.raises(ModelLoadError, match=rf"^{re.escape(str(model))}: the weights lack 1 tensor\(s\) .*{re.escape(gone)}"):
        HFRuntime.load(model)


@pytest.mark.parametrize("extra, refused", [("model.bonus.weight", True), ("model.layers.0.self_attn.rotary_emb.inv_freq", False)])
def test_weights_with_tensors_config_json_does_not_describe(full_dir, copy_of, capsys, extra, refused):
    # A tensor no layer of config.json has (or layers past num_hidden_layers) was loaded silently
    # after transformers' LOAD REPORT table; an old checkpoint's rotary inv_freq buffer is harmless.
    import torch
    from safetensors.torch import load_file, save_file

    model = copy_of(full_dir)
    tensors = load_file(model / "model.safetensors")
    save_file(tensors | {extra: torch.zeros(4)}, model / "model.safetensors", metadata={"format": "pt"})
    if refused:
        with pytest.raises(ModelLoadError, match=rf"{re.escape(str(model))}: the weights hold 1 tensor\(s\) config.json does not describe \(e.g. {extra}\)"):
            HFRuntime.load(model)
    else:
        HFRuntime.load(model)
        assert "LOAD REPORT" not in capsys.readouterr().err



@pytest.mark.parametrize("change, says", [
    ({"layer_replication": [[0, 5]]}, "does not fit the base model"),  # layers past the model's: an IndexError traceback
    (None, "nested too deep to be a config file"),
])
def test_an_adapter_config_peft_cannot_apply_is_one_load_error(base_dir, lora_dir, copy_of, change, says):
    adapter = copy_of(lora_dir)
    path = adapter / "adapter_config.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | change) if change else "[" * 50_000 + "]" * 50_000)
    with pytest.raises(ModelLoadError, match=says):
        HFRuntime.load(base_dir, lora_path=adapter)
