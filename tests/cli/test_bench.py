"""`agent bench ceval|xiezhi` end to end: tiny random Llamas on tiny data in the official formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from llm.knowledge_eval import samples
from llm.knowledge_eval.records import CevalRecord, XiezhiRecord

pytest.importorskip("transformers")
runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench-data")
    samples.synthetic_ceval(root / "ceval", val=3, test=2, question_chars=8, option_chars=3, alphabet=40)
    samples.synthetic_xiezhi(root / "xiezhi.json", 14, question_chars=8, option_chars=3, alphabet=40)
    return root


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> tuple[Path, Path]:
    """Two random tiny Llamas with the same tokenizer: a model and its 'fine-tune'."""
    from llm.tiny import save_tiny_model

    root = tmp_path_factory.mktemp("bench-models")
    texts = ["以下是中国关于考试的单项选择题，请选出其中的正确答案。答案：请从下面的选项中选出正确答案"] * 3
    return tuple(save_tiny_model(root / name, texts, vocab_size=500, hidden_size=32, heads=4, seed=seed) for name, seed in (("base", 0), ("tuned", 1)))


def test_help_teaches_what_is_scored_and_shows_examples():
    for command, words in (("ceval", ("answer-only", "--shots", "--split", "submission", "Examples")), ("xiezhi", ("MRR", "50 options", "--norm", "--seed", "Examples"))):
        result = invoke("bench", command, "--help")
        assert result.exit_code == 0 and all(word in result.output for word in words), result.output


def test_ceval_prints_the_readme_table_and_writes_one_record_per_question(data, models, tmp_path):
    out = tmp_path / "runs" / "ceval.jsonl"
    result = invoke("bench", "ceval", "--model", models[0], "--data", data / "ceval", "--shots", 5, "--out", out, "--device", "cpu")
    assert result.exit_code == 0, result.output
    for row in ("STEM", "Social Science", "Humanities", "Other", "Average", "C-Eval Hard", "random"):
        assert row in result.stdout
    records = [CevalRecord.model_validate_json(line) for line in out.read_text().splitlines()]
    assert len(records) == 12 and {r.shots for r in records} == {5} and {r.hard for r in records} == {True, False}


def test_vs_scores_both_models_and_prints_the_difference(data, models, tmp_path):
    out = tmp_path / "both.jsonl"
    result = invoke("bench", "ceval", "--model", models[0], "--vs", models[1], "--data", data / "ceval", "--out", out, "--batch-size", 3)
    assert result.exit_code == 0, result.output
    assert "Δ" in result.stdout and "base" in result.stdout and "tuned" in result.stdout and "only A gets right" in result.stdout
    assert {json.loads(line)["model"] for line in out.read_text().splitlines()} == {"base", "tuned"}


def test_the_test_split_writes_the_leaderboard_submission(data, models, tmp_path):
    refused = invoke("bench", "ceval", "--model", models[0], "--data", data / "ceval", "--split", "test")
    assert refused.exit_code == 2 and "--out" in refused.output and "Traceback" not in refused.output
    out = tmp_path / "test.jsonl"
    result = invoke("bench", "ceval", "--model", models[0], "--data", data / "ceval", "--split", "test", "--out", out)
    assert result.exit_code == 0, result.output
    submission = json.loads((tmp_path / "test.submission.json").read_text())
    assert set(submission) == set(samples.SUBJECTS) and submission["logic"].keys() == {"0", "1"}
    assert all(letter in "ABCD" for answers in submission.values() for letter in answers.values())


def test_xiezhi_prints_mrr_per_discipline_and_records_the_fifty_options(data, models, tmp_path):
    out = tmp_path / "xiezhi.jsonl"
    result = invoke("bench", "xiezhi", "--model", models[0], "--data", data / "xiezhi.json", "--shots", 1, "--seed", 7, "--limit", 5, "--out", out)
    assert result.exit_code == 0, result.output
    assert "overall" in result.stdout and "random" in result.stdout and "0.090" in result.stdout
    records = [XiezhiRecord.model_validate_json(line) for line in out.read_text().splitlines()]
    assert len(records) == 5 and all(len(r.options) == 50 and r.seed == 7 and 1 <= r.rank <= 50 for r in records)


def test_xiezhi_json_reports_both_models(data, models):
    result = invoke("bench", "xiezhi", "--model", models[0], "--vs", models[1], "--data", data / "xiezhi.json", "--limit", 3, "--json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["model"] for r in reports] == ["base", "tuned"] and all(r["overall"]["questions"] == 3 for r in reports)


def test_bad_input_is_one_line_naming_the_file_and_line_with_exit_code_2(data, models, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"question": "问", "options": "甲\n乙", "answer": "甲"}, ensure_ascii=False) + "\n", encoding="utf-8")
    for args in (
        ("xiezhi", "--model", models[0], "--data", bad),
        ("ceval", "--model", models[0], "--data", tmp_path),
        ("ceval", "--model", tmp_path / "nowhere", "--data", data / "ceval"),
        ("xiezhi", "--model", models[0], "--vs", tmp_path / "nowhere", "--data", data / "xiezhi.json"),  # before A is scored
    ):
        result = invoke("bench", *args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert f"{bad}:1: 2 distinct options" in invoke("bench", "xiezhi", "--model", models[0], "--data", bad).output


def test_bench_never_overwrites_its_records_or_its_data_without_force(data, models, tmp_path):
    previous = tmp_path / "previous.jsonl"
    previous.write_text("precious\n")
    args = ("bench", "xiezhi", "--model", models[0], "--data", data / "xiezhi.json", "--limit", 2)
    refused = invoke(*args, "--out", previous)
    assert refused.exit_code == 2 and "already exists" in refused.output and previous.read_text() == "precious\n"
    into_data = invoke(*args, "--out", data / "xiezhi.json", "--force")
    assert into_data.exit_code == 2 and "would overwrite the input" in into_data.output
    assert invoke(*args, "--out", previous, "--force").exit_code == 0 and previous.read_text() != "precious\n"


def test_an_unknown_device_is_refused_before_a_model_loads(data, monkeypatch, capsys):
    from cli.main import main

    monkeypatch.setattr("sys.argv", ["agent", "bench", "xiezhi", "--model", "nowhere", "--data", str(data / "xiezhi.json"), "--device", "tpu"])
    with pytest.raises(SystemExit) as stop:
        main()
    printed = capsys.readouterr().err
    assert stop.value.code == 2 and len(printed.strip().splitlines()) == 1 and "--device" in printed and "'tpu'" in printed, printed


def test_xiezhi_help_fits_80_columns_without_cutting_a_text(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["bench", "xiezhi", "--help"], terminal_width=80)
    assert result.exit_code == 0 and "subjects_tree_chn.json" in result.output, result.output
    import re

    assert not any(re.search(r"\w…", line) for line in result.output.splitlines()), result.output  # a word cut short


def test_an_interrupted_bench_leaves_the_old_records_as_they_were(data, models, tmp_path, monkeypatch):
    previous = tmp_path / "previous.jsonl"
    previous.write_text("precious\n")

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("cli.bench._load", interrupted)  # Ctrl-C while the model loads
    result = invoke("bench", "xiezhi", "--model", models[0], "--data", data / "xiezhi.json", "--limit", 2, "--out", previous, "--force")
    assert result.exit_code != 0 and previous.read_text() == "precious\n"
    assert list(tmp_path.glob("previous.jsonl.*.partial"))


def test_a_vs_model_whose_config_is_broken_is_refused_before_the_first_model_is_scored(data, models, tmp_path):
    import shutil

    broken = shutil.copytree(models[1], tmp_path / "broken")
    config = json.loads((broken / "config.json").read_text())
    (broken / "config.json").write_text(json.dumps(config | {"num_attention_heads": 7}))  # hidden size not a multiple
    result = invoke("bench", "xiezhi", "--model", models[0], "--vs", broken, "--data", data / "xiezhi.json")
    assert result.exit_code == 2 and "broken" in result.output and "MRR" not in result.output, result.output


def test_cuda_asked_on_a_machine_without_one_is_one_line(data, models, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    result = invoke("bench", "xiezhi", "--model", models[0], "--data", data / "xiezhi.json", "--limit", 1, "--device", "cuda")
    assert result.exit_code == 2 and "--device cuda but no CUDA GPU is visible" in result.output, result.output  # was AssertionError


def test_a_vs_adapter_whose_weights_are_a_pickle_of_code_is_refused_before_the_first_model_is_scored(data, models, tmp_path):
    import pickle

    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({
        "base_model_name_or_path": str(models[0]), "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 4, "lora_alpha": 8,
        "target_modules": ["q_proj", "v_proj"]}))
    (adapter / "adapter_model.bin").write_bytes(pickle.dumps(print))  # a callable, not tensors
    result = invoke("bench", "xiezhi", "--model", models[0], "--vs", adapter, "--data", data / "xiezhi.json")
    # it was refused only after model A had been scored in full
    assert result.exit_code == 2 and "a pickle that is not plain tensors is refused" in result.output and "MRR" not in result.output, result.output
