"""The training commands end to end through typer, on a graph and model written in the test."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from cli.training import data_app, export, train

runner = CliRunner()
KG_TSV = "".join(f"{s}\t{r}\t{o}\n" for s, r, o in [
    ("三体", "作者", "刘慈欣"), ("三体", "类型", "科幻小说"), ("球状闪电", "作者", "刘慈欣"), ("刘慈欣", "国籍", "中国"),
    ("刘慈欣", "职业", "作家"), ("鲁迅", "职业", "作家"), ("鲁迅", "出生地", "绍兴"), ("绍兴", "所属省份", "浙江"),
])


@pytest.fixture(scope="module")
def app():
    main = typer.Typer()
    main.add_typer(data_app, name="data")
    main.command("train")(train)
    main.command("export")(export)
    return main


def test_synth_convert_train_export_from_the_command_line(tmp_path, app, make_char_tokenizer, make_tiny_llama):
    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    result = runner.invoke(app, ["data", "synth", str(tmp_path / "traj.jsonl"), "--kg", str(tmp_path / "kg.tsv"), "--n", "12",
                                 "--dialogues", str(tmp_path / "ift_data.pkl")])
    assert result.exit_code == 0, result.output
    assert "wrote 12 trajectories" in result.output and (tmp_path / "ift_data.pkl").exists()

    text = (tmp_path / "traj.jsonl").read_text(encoding="utf-8")
    tokenizer = make_char_tokenizer([text.replace("\\n", "\n").replace("\\t", "\t")])
    make_tiny_llama(tmp_path / "base", tokenizer)
    result = runner.invoke(app, ["data", "convert", str(tmp_path / "traj.jsonl"), "--tokenizer", str(tmp_path / "base"),
                                 "--out", str(tmp_path / "data"), "--max-length", "400", "--instruction", "question"])
    assert result.exit_code == 0, result.output
    stats = json.loads((tmp_path / "data" / "stats.json").read_text())
    assert stats["samples"] == 12 and stats["end_token_special"] is True and "12 samples" in result.output

    result = runner.invoke(app, ["train", "--model", str(tmp_path / "base"), "--data", str(tmp_path / "data"),
                                 "--out", str(tmp_path / "run"), "--max-steps", "2", "--micro-batch-size", "2",
                                 "--gradient-accumulation-steps", "1", "--lora-r", "4"])
    assert result.exit_code == 0, result.output
    assert "trained 2 steps" in result.output
    assert json.loads((tmp_path / "run" / "adapter_config.json").read_text())["r"] == 4

    result = runner.invoke(app, ["export", str(tmp_path / "run"), "--out", str(tmp_path / "merged")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "merged" / "config.json").exists()


def test_user_errors_are_one_line_and_exit_2(tmp_path, app):
    result = runner.invoke(app, ["data", "convert", str(tmp_path / "missing.jsonl"), "--tokenizer", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "error:" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["train", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "missing --model" in result.output


def test_train_config_file_is_overridden_by_options(tmp_path, app):
    (tmp_path / "run.json").write_text(json.dumps({"model": "m", "data": str(tmp_path / "nowhere"), "output_dir": "o"}))
    result = runner.invoke(app, ["train", "--config", str(tmp_path / "run.json"), "--method", "fulll"])
    assert result.exit_code == 2 and "method" in result.output
