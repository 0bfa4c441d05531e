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
                                 "--grad-accum", "1", "--lora-r", "4"])
    assert result.exit_code == 0, result.output
    assert "trained 2 steps" in result.output
    assert "train step 2/2" in result.output  # no terminal here: plain progress lines instead of a bar
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


@pytest.fixture(scope="module")
def trained(tmp_path_factory, app, make_char_tokenizer, make_tiny_llama):
    """A converted dataset, a base model and a finished 2-step run, made once for the overwrite tests."""
    root = tmp_path_factory.mktemp("trained")
    (root / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    assert runner.invoke(app, ["data", "synth", str(root / "traj.jsonl"), "--kg", str(root / "kg.tsv"), "--n", "8"]).exit_code == 0
    text = (root / "traj.jsonl").read_text(encoding="utf-8")
    make_tiny_llama(root / "base", make_char_tokenizer([text.replace("\\n", "\n").replace("\\t", "\t")]))
    convert = ["data", "convert", str(root / "traj.jsonl"), "--tokenizer", str(root / "base"), "--out", str(root / "data"),
               "--max-length", "400", "--instruction", "question"]
    assert runner.invoke(app, convert).exit_code == 0
    train_args = ["train", "--model", str(root / "base"), "--data", str(root / "data"), "--out", str(root / "run"),
                  "--max-steps", "2", "--micro-batch-size", "2", "--grad-accum", "1", "--save-steps", "1"]
    result = runner.invoke(app, train_args)
    assert result.exit_code == 0, result.output
    return root, convert, train_args


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
    assert all(word in result.output for word in words), result.output


def test_convert_refuses_an_existing_dataset_folder_unless_force(trained, app):
    root, convert, _ = trained
    before = (root / "data" / "dataset.jsonl").read_text()
    (root / "few.jsonl").write_text("\n".join((root / "traj.jsonl").read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    smaller = [str(root / "few.jsonl") if arg.endswith("traj.jsonl") else arg for arg in convert]
    one_line_error(runner.invoke(app, smaller), "already holds a dataset", "dataset.jsonl", "--force")
    assert (root / "data" / "dataset.jsonl").read_text() == before
    result = runner.invoke(app, [*smaller, "--out", str(root / "data2")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*smaller[:-2], "--out", str(root / "data2"), "--force", "--max-length", "400", "--instruction", "question"])
    assert result.exit_code == 0 and "2 samples" in result.output
    assert not list(root.glob(".data2*")), "the staging folder is renamed into place"


def test_train_refuses_a_finished_run_unless_resume_or_force(trained, app):
    root, _, train_args = trained
    metrics = (root / "run" / "metrics.jsonl").read_text()
    adapter = (root / "run" / "adapter_model.safetensors").read_bytes()
    result = runner.invoke(app, [*train_args[:-6], "--max-steps", "1"])
    one_line_error(result, "already holds a training run", "metrics.jsonl", "--resume", "--force")
    assert (root / "run" / "metrics.jsonl").read_text() == metrics
    assert (root / "run" / "adapter_model.safetensors").read_bytes() == adapter


def test_train_force_replaces_the_run_only_once_the_new_one_is_complete(trained, app, tmp_path):
    import shutil

    root, _, train_args = trained
    shutil.copytree(root / "run", tmp_path / "run")
    args = [tmp_path / "run" if arg == str(root / "run") else arg for arg in train_args]
    args = [str(arg) for arg in args]
    broken = [*args, "--force", "--model", str(tmp_path / "no-model")]
    assert runner.invoke(app, broken).exit_code == 2
    assert (tmp_path / "run" / "adapter_model.safetensors").exists() and len((tmp_path / "run" / "metrics.jsonl").read_text().splitlines()) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]
    result = runner.invoke(app, [*args[:-6], "--max-steps", "1", "--grad-accum", "1", "--force"])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "run" / "metrics.jsonl").read_text().splitlines()) == 1
    assert [p.name for p in (tmp_path / "run" / "checkpoints").iterdir()] == ["step-000001"]
    assert json.loads((tmp_path / "run" / "cutekg_training.json").read_text())["config"]["output_dir"] == str(tmp_path / "run")


def test_export_refuses_an_existing_folder_unless_force(trained, app):
    root, _, _ = trained
    (root / "merged").mkdir()
    (root / "merged" / "mine.txt").write_text("keep me")
    one_line_error(runner.invoke(app, ["export", str(root / "run"), "--out", str(root / "merged")]), "mine.txt", "--force")
    assert (root / "merged" / "mine.txt").read_text() == "keep me"
    result = runner.invoke(app, ["export", str(root / "run"), "--out", str(root / "merged"), "--force"])
    assert result.exit_code == 0, result.output
    assert (root / "merged" / "config.json").exists() and not (root / "merged" / "mine.txt").exists()


def test_export_never_writes_over_its_own_adapter_and_checks_the_dtype(trained, app):
    root, _, _ = trained
    before = sorted(p.name for p in (root / "run").iterdir())
    one_line_error(runner.invoke(app, ["export", str(root / "run"), "--out", str(root / "run"), "--force"]), "overwrite the input")
    one_line_error(runner.invoke(app, ["export", str(root / "run"), "--out", str(root), "--force"]), "overwrite the input")
    assert sorted(p.name for p in (root / "run").iterdir()) == before
    one_line_error(runner.invoke(app, ["export", str(root / "run"), "--out", str(root / "m2"), "--dtype", "bogus"]), "float16")


def test_resume_keeps_the_recorded_arguments_and_refuses_other_data(trained, app, tmp_path):
    import shutil

    root, convert, train_args = trained
    shutil.copytree(root / "data", tmp_path / "other")
    base = ["train", "--out", str(root / "run"), "--resume"]
    result = runner.invoke(app, base)
    assert result.exit_code == 0 and "trained 2 steps (resumed from step-000002)" in result.output, result.output
    one_line_error(runner.invoke(app, [*base, "--data", str(tmp_path / "other"), "--max-steps", "5"]), "data", "max_steps 2 → 5")


def test_synth_with_n_0_is_an_error_not_an_empty_file(tmp_path, app):
    one_line_error(runner.invoke(app, ["data", "synth", str(tmp_path / "t.jsonl"), "--n", "0"]), "--n 0")
    assert not (tmp_path / "t.jsonl").exists()


def test_the_current_folder_as_an_output_is_one_line_even_with_force(tmp_path, app, monkeypatch):
    (tmp_path / "w").mkdir()
    monkeypatch.chdir(tmp_path / "w")
    one_line_error(runner.invoke(app, ["data", "synth", ".", "--n", "2", "--force"]), ". is a folder")
    one_line_error(runner.invoke(app, ["data", "synth", "s.jsonl", "--n", "2", "--dialogues", ".", "--force"]), "--dialogues . is a folder")
    (tmp_path / "run").mkdir()
    one_line_error(runner.invoke(app, ["export", str(tmp_path / "run"), "--out", ".", "--force"]), "--out . is the current folder")


def test_synth_refuses_to_overwrite_an_existing_file_unless_forced(tmp_path, app):
    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    out = tmp_path / "t.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    args = ["data", "synth", str(out), "--kg", str(tmp_path / "kg.tsv"), "--n", "4"]
    one_line_error(runner.invoke(app, args), "t.jsonl", "--force")
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0 and out.read_text(encoding="utf-8") != "keep me\n"


def test_convert_names_a_bad_lang_or_pack_size(tmp_path, app):
    for option, value, words in (("--lang", "fr", "--lang fr"), ("--pack-max", "0", "--pack-max 0")):
        result = runner.invoke(app, ["data", "convert", str(tmp_path / "t.jsonl"), "--tokenizer", str(tmp_path), "--out",
                                     str(tmp_path / "d"), option, value])
        one_line_error(result, words)


def test_lora_from_a_missing_folder_is_refused_before_any_hub_lookup(tmp_path):
    import pydantic
    import pytest

    from training.config import TrainConfig

    with pytest.raises(pydantic.ValidationError, match="not a saved LoRA adapter"):
        TrainConfig(model=tmp_path, data=tmp_path, output_dir=tmp_path / "run", lora_from=tmp_path / "missing")


def test_bad_model_folders_config_files_and_lora_targets_are_one_line(trained, app, tmp_path):
    root, _, _ = trained
    empty = tmp_path / "empty_model"
    empty.mkdir()
    (empty / "config.json").write_text("{}")
    base = ["train", "--data", str(root / "data"), "--max-steps", "1", "--micro-batch-size", "1", "--grad-accum", "1"]
    one_line_error(runner.invoke(app, [*base, "--model", str(empty), "--out", str(tmp_path / "a")]), "cannot load", "empty_model")
    one_line_error(runner.invoke(app, ["export", str(root / "run"), "--out", str(tmp_path / "m"), "--base", str(empty)]), "empty_model")
    (tmp_path / "bad.json").write_text('{"learning_rate": 0.001,\n oops}')
    one_line_error(runner.invoke(app, [*base, "--model", str(root / "base"), "--out", str(tmp_path / "b"), "--config",
                                       str(tmp_path / "bad.json")]), "bad.json:2:")
    one_line_error(runner.invoke(app, [*base, "--model", str(root / "base"), "--out", str(tmp_path / "c"), "--lora-target", "no_such_proj"]),
                   "--lora-target no_such_proj")


def test_train_says_what_a_data_or_model_path_is_as_the_user_typed_it(trained, app, tmp_path, monkeypatch):
    import os

    root, _, _ = trained
    monkeypatch.chdir(root)
    os.mkfifo(tmp_path / "pipe")
    base = ["train", "--max-steps", "1", "--micro-batch-size", "1", "--grad-accum", "1"]
    cases = (
        (["--model", "base", "--data", "data/dataset.jsonl"], "error: data/dataset.jsonl is a file, not a dataset folder", "give the folder it is in"),
        (["--model", "base", "--data", "nothere"], "error: no such folder: nothere", ""),
        (["--model", "kg.tsv", "--data", "data"], "error: kg.tsv is a file, not a model folder", ""),
        (["--model", "base", "--data", str(tmp_path / "pipe")], "is a pipe or a device, not a dataset folder", ""),
    )
    for number, (args, start, hint) in enumerate(cases):
        result = runner.invoke(app, [*base, *args, "--out", f"o{number}"])
        one_line_error(result, start, hint)
        assert str(root) not in result.output and not (root / f"o{number}").exists()


def test_a_bad_value_is_named_by_its_option(trained, app):
    root, _, train_args = trained
    for option, value, field in (("--lora-r", "0", "lora.r"), ("--micro-batch-size", "0", "micro_batch_size"),
                                 ("--grad-accum", "0", "gradient_accumulation_steps"), ("--method", "half", "method")):
        one_line_error(runner.invoke(app, [*train_args, option, value]), f"{option} ({field} in --config)")
    one_line_error(runner.invoke(app, ["data", "convert", str(root / "traj.jsonl"), "--tokenizer", str(root / "base"),
                                       "--out", str(root / "d0"), "--max-length", "0"]), "--max-length 0")


def test_a_run_started_with_relative_paths_can_be_exported_from_anywhere(trained, app, tmp_path, monkeypatch):
    from pathlib import Path

    from training.finetune import RUN_FILE

    root, _, _ = trained
    monkeypatch.chdir(root)
    args = ["train", "--model", "base", "--data", "data", "--out", "relative_run", "--max-steps", "1",
            "--micro-batch-size", "2", "--grad-accum", "1", "--save-steps", "1"]
    assert runner.invoke(app, args).exit_code == 0
    recorded = json.loads((root / "relative_run" / RUN_FILE).read_text(encoding="utf-8"))["config"]
    assert Path(recorded["model"]).resolve() == (root / "base").resolve() and Path(recorded["data"]).is_absolute()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", str(root / "relative_run"), "--out", str(tmp_path / "merged")])
    assert result.exit_code == 0, result.output


def copies(root, tmp_path, *names):
    import shutil

    for name in names:
        shutil.copytree(root / name, tmp_path / name)
    return [str(tmp_path / name) for name in names]


def test_train_and_convert_never_write_over_their_own_inputs(trained, app, tmp_path):
    root, _, _ = trained
    base, data, run = copies(root, tmp_path, "base", "data", "run")
    train_args = ["train", "--model", base, "--data", data, "--max-steps", "1", "--force"]
    for out in (base, data, str(tmp_path)):
        one_line_error(runner.invoke(app, [*train_args, "--out", out]), "would overwrite the input")
    one_line_error(runner.invoke(app, [*train_args, "--out", run, "--lora-from", run]), "would overwrite the input")
    convert = ["data", "convert", str(root / "traj.jsonl"), "--tokenizer", base, "--force", "--max-length", "400", "--instruction", "question"]
    one_line_error(runner.invoke(app, [*convert, "--out", base]), "would overwrite the input")
    one_line_error(runner.invoke(app, [*convert[:2], data + "/dataset.jsonl", *convert[3:], "--out", data]), "would overwrite the input")
    inner = [p for p in (tmp_path / "data").iterdir() if p.is_dir()] or [tmp_path / "data" / "part"]
    inner[0].mkdir(exist_ok=True)  # a folder inside the dataset: replacing it would break the dataset
    one_line_error(runner.invoke(app, [*train_args, "--out", str(inner[0])]), "is inside the input")
    # a new run folder inside the dataset or the model folder filled the user's input with outputs
    for out in (tmp_path / "data" / "run", tmp_path / "base" / "run"):
        one_line_error(runner.invoke(app, [*train_args, "--out", str(out)]), "is inside the input")
        assert not out.exists()
    assert (tmp_path / "base" / "model.safetensors").exists() and (tmp_path / "data" / "dataset.jsonl").exists()
    assert (tmp_path / "run" / "adapter_model.safetensors").exists()


def test_synth_refuses_one_file_for_two_outputs_or_an_output_over_its_kg(tmp_path, app):
    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    out = str(tmp_path / "t.jsonl")
    for force in ([], ["--force"]):
        one_line_error(runner.invoke(app, ["data", "synth", out, "--kg", str(tmp_path / "kg.tsv"), "--n", "4", "--dialogues", out, *force]),
                       "--dialogues", "OUT too")
    assert not (tmp_path / "t.jsonl").exists()
    one_line_error(runner.invoke(app, ["data", "synth", str(tmp_path / "kg.tsv"), "--kg", str(tmp_path / "kg.tsv"), "--force"]),
                   "overwrite the input")
    one_line_error(runner.invoke(app, ["data", "synth", out, "--kg", str(tmp_path / "kg.tsv"), "--dialogues", str(tmp_path / "kg.tsv"),
                                       "--force"]), "--dialogues", "overwrite the input")
    assert (tmp_path / "kg.tsv").read_text(encoding="utf-8") == KG_TSV


def damage(path, how: str) -> None:
    if how == "truncate":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 2)
    else:
        path.write_text("{not json\n")


def test_export_of_a_damaged_adapter_names_the_file(trained, app, tmp_path):
    root, _, _ = trained
    for name, how in (("adapter_config.json", "json"), ("adapter_model.safetensors", "truncate")):
        (run,) = copies(root, tmp_path / name, "run")
        damage(tmp_path / name / "run" / name, how)
        for base in ([], ["--base", str(root / "base")]):
            one_line_error(runner.invoke(app, ["export", run, "--out", str(tmp_path / name / "m"), *base]), f"run/{name}")
        assert not (tmp_path / name / "m").exists()


@pytest.mark.parametrize("name, how, words", [
    ("checkpoints/step-000002/optimizer.pt", "truncate", ("damaged", "to resume from step-000001", "--force")),
    ("checkpoints/step-000002/adapter_model.safetensors", "truncate", ("damaged", "to resume from step-000001", "--force")),
    ("checkpoints/step-000002/trainer_state.json", "json", ("trainer_state.json:1: not valid JSON", "to resume from step-000001")),
    ("cutekg_training.json", "json", ("cutekg_training.json:1: not valid JSON", "--force")),
])
def test_resume_from_a_damaged_checkpoint_names_the_file_and_the_way_out(trained, app, tmp_path, name, how, words):
    root, _, _ = trained
    (run,) = copies(root, tmp_path, "run")
    damage(tmp_path / "run" / name, how)
    one_line_error(runner.invoke(app, ["train", "--out", run, "--resume"]), name, *words)


def test_resume_notices_a_dataset_edited_in_place(trained, app, tmp_path):
    root, _, _ = trained
    (data,) = copies(root, tmp_path, "data")
    args = ["train", "--model", str(root / "base"), "--data", data, "--out", str(tmp_path / "run"), "--max-steps", "1",
            "--micro-batch-size", "2", "--grad-accum", "1"]
    assert runner.invoke(app, args).exit_code == 0
    rows = (tmp_path / "data" / "dataset.jsonl").read_text().splitlines()
    first = json.loads(rows[0])
    first["input_ids"][-2] = first["input_ids"][-3]  # same length, same stats.json
    (tmp_path / "data" / "dataset.jsonl").write_text("\n".join([json.dumps(first), *rows[1:]]) + "\n")
    one_line_error(runner.invoke(app, ["train", "--out", str(tmp_path / "run"), "--resume"]), "dataset.jsonl changed since the checkpoint")
    one_line_error(runner.invoke(app, ["train", "--out", str(tmp_path / "run"), "--resume", "--max-steps", "2"]),
                   "max_steps 1 → 2", "dataset.jsonl changed")


def test_a_lora_from_that_is_no_adapter_is_named_by_its_option(trained, app, tmp_path):
    root, _, _ = trained
    result = runner.invoke(app, ["train", "--model", str(root / "base"), "--data", str(root / "data"), "--out", str(tmp_path / "o"),
                                 "--lora-from", str(tmp_path / "nope")])
    one_line_error(result, f"error: --lora-from (lora_from in --config): {tmp_path / 'nope'} is not a saved LoRA adapter "
                           "(no adapter_config.json there)")


def test_convert_that_would_drop_every_sample_writes_nothing(trained, app, tmp_path):
    from llm.template import META_INSTRUCTION

    root, convert, _ = trained
    args = [*convert[:5], "--out", str(tmp_path / "d"), "--instruction", "question", "--max-length", str(len(META_INSTRUCTION) + 3)]
    one_line_error(runner.invoke(app, args), "all 8 samples", "dropped", "raise --max-length")
    assert not (tmp_path / "d").exists()


def test_resume_into_a_folder_without_a_run_says_so(app, tmp_path):
    one_line_error(runner.invoke(app, ["train", "--resume", "--out", str(tmp_path / "typo")]), "no run to resume", "typo")
    (tmp_path / "empty").mkdir()
    one_line_error(runner.invoke(app, ["train", "--resume", "--out", str(tmp_path / "empty")]), "no run to resume", "empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


@pytest.mark.parametrize("edit, words", [
    (lambda row: row["input_ids"].__setitem__(5, 999999), ("input_ids[5] is 999999", "tokens")),
    (lambda row: row["input_ids"].__setitem__(5, -7), ("input_ids[5] is -7",)),
    (lambda row: row.__setitem__("labels", row["labels"][:-3]), ("labels (one label per id)",)),
    (lambda row: row["input_ids"].__setitem__(5, "x"), ('input_ids[5] is "x"',)),
    (lambda row: row.__setitem__("labels", [-100] * len(row["labels"])), ("every row", "masked", "nothing to learn")),
])
def test_train_checks_every_dataset_row(trained, app, tmp_path, edit, words):
    root, _, _ = trained
    (data,) = copies(root, tmp_path, "data")
    rows = [json.loads(line) for line in (tmp_path / "data" / "dataset.jsonl").read_text().splitlines()]
    for row in rows:
        edit(row)
    (tmp_path / "data" / "dataset.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    args = ["train", "--model", str(root / "base"), "--data", data, "--out", str(tmp_path / "o"), "--max-steps", "1",
            "--micro-batch-size", "2", "--grad-accum", "1"]
    one_line_error(runner.invoke(app, args), "dataset.jsonl", *words)


def test_rows_with_every_label_masked_are_counted(trained, app, tmp_path):
    root, _, _ = trained
    (data,) = copies(root, tmp_path, "data")
    rows = [json.loads(line) for line in (tmp_path / "data" / "dataset.jsonl").read_text().splitlines()]
    rows[0]["labels"] = [-100] * len(rows[0]["labels"])
    (tmp_path / "data" / "dataset.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = runner.invoke(app, ["train", "--model", str(root / "base"), "--data", data, "--out", str(tmp_path / "o"),
                                 "--max-steps", "1", "--micro-batch-size", "2", "--grad-accum", "1"])
    assert result.exit_code == 0 and "note: 1 rows" in result.output and "every label masked" in result.output, result.output


def test_train_refuses_data_converted_with_another_tokenizer(trained, app, tmp_path, make_char_tokenizer):
    root, convert, _ = trained
    text = (root / "traj.jsonl").read_text(encoding="utf-8")
    make_char_tokenizer(["\x01" + text.replace("\\n", "\n")]).save_pretrained(tmp_path / "other_tok")  # the same pieces, other ids
    args = [*convert[:3], "--tokenizer", str(tmp_path / "other_tok"), "--out", str(tmp_path / "d"), *convert[7:]]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["train", "--model", str(root / "base"), "--data", str(tmp_path / "d"), "--out", str(tmp_path / "o"),
                                 "--max-steps", "1"])
    one_line_error(result, "another tokenizer", str(tmp_path / "d"), str(root / "base"), "--tokenizer")


def test_an_adapter_that_does_not_fit_the_base_model_is_one_line(trained, app, tmp_path, make_tiny_llama):
    from transformers import AutoTokenizer

    from llm.base import ModelLoadError
    from llm.hf_runtime import HFRuntime

    root, _, _ = trained
    wide = make_tiny_llama(tmp_path / "wide", AutoTokenizer.from_pretrained(str(root / "base")), hidden=48)
    run = str(root / "run")
    one_line_error(runner.invoke(app, ["train", "--model", str(wide), "--data", str(root / "data"), "--out", str(tmp_path / "o"),
                                       "--max-steps", "1", "--lora-from", run]), "does not fit the base model", run, str(wide), "in the adapter")
    one_line_error(runner.invoke(app, ["export", run, "--base", str(wide), "--out", str(tmp_path / "m")]), "does not fit", run, str(wide))
    one_line_error(runner.invoke(app, ["export", run, "--base", run, "--out", str(tmp_path / "m")]), "is a LoRA adapter, not a base model")
    with pytest.raises(ModelLoadError, match="does not fit the base model"):
        HFRuntime.load(wide, lora_path=run, device="cpu")
    (bad,) = copies(root, tmp_path, "run")
    config = json.loads((tmp_path / "run" / "adapter_config.json").read_text())
    (tmp_path / "run" / "adapter_config.json").write_text(json.dumps({**config, "r": "eight"}))
    one_line_error(runner.invoke(app, ["export", bad, "--out", str(tmp_path / "m")]), "adapter_config.json", 'r is "eight"')
    with pytest.raises(ModelLoadError, match='r is "eight"'):
        HFRuntime.load(root / "base", lora_path=bad, device="cpu")
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("state", ['{"global_step": "many"}', "[]", '{"step": 1, "epoch": 0, "window": "x"}'])
def test_resume_from_a_trainer_state_of_the_wrong_shape_is_one_line(trained, app, tmp_path, state):
    root, _, _ = trained
    (run,) = copies(root, tmp_path, "run")
    (tmp_path / "run" / "checkpoints" / "step-000002" / "trainer_state.json").write_text(state)
    one_line_error(runner.invoke(app, ["train", "--out", run, "--resume"]), "step-000002/trainer_state.json", "not a trainer state",
                   "to resume from step-000001")


def test_resume_ignores_a_folder_not_named_like_a_checkpoint(trained, app, tmp_path):
    root, _, _ = trained
    (run,) = copies(root, tmp_path, "run")
    (tmp_path / "run" / "checkpoints" / "step-000002").rename(tmp_path / "run" / "checkpoints" / "step-garbage")
    result = runner.invoke(app, ["train", "--out", run, "--resume"])
    assert result.exit_code == 0 and "resumed from step-000001" in result.output, result.output


def test_a_config_file_that_is_no_object_or_holds_an_unknown_key_is_named_as_the_files(trained, app, tmp_path):
    root, _, train_args = trained
    args = [*train_args[:5], "--out", str(tmp_path / "o"), "--config", str(tmp_path / "tc.json")]
    (tmp_path / "tc.json").write_text("[1, 2]")
    one_line_error(runner.invoke(app, args), "tc.json", "a JSON array, not an object")
    (tmp_path / "tc.json").write_text('{"modle": "tiny"}')
    one_line_error(runner.invoke(app, args), f"error: modle in {tmp_path / 'tc.json'}: unknown setting; the settings are model, data")
    (tmp_path / "tc.json").write_text('{"lora": {"rank": 4}}')
    one_line_error(runner.invoke(app, args), "lora.rank in", "unknown setting", "r, alpha")


def test_synth_from_eval_given_a_questions_file_says_so(tmp_path, app):
    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    (tmp_path / "q.jsonl").write_text('{"question": "三体的作者是谁", "answers": ["刘慈欣"]}\n', encoding="utf-8")
    one_line_error(runner.invoke(app, ["data", "synth", str(tmp_path / "t.jsonl"), "--kg", str(tmp_path / "kg.tsv"), "--n", "2",
                                       "--from-eval", str(tmp_path / "q.jsonl")]), "q.jsonl holds questions", "agent eval --out")


def test_a_pipe_given_as_a_folder_output_is_never_replaced_even_with_force(trained, app, tmp_path, monkeypatch):
    import os

    root, convert, train_args = trained
    pipe = tmp_path / "p"
    os.mkfifo(pipe)
    monkeypatch.chdir(tmp_path)
    to_pipe = {"--out": "p"}
    for args in (convert, train_args, ["export", str(root / "run"), "--out", "out"]):
        args = [to_pipe.get(before, arg) for before, arg in zip(["", *args], args)]
        one_line_error(runner.invoke(app, [*args, "--force"]), "--out p is not a regular file")
        assert pipe.is_fifo()


@pytest.mark.parametrize("option, words", [
    (["--learning-rate", "inf"], ["--learning-rate", "finite"]), (["--learning-rate", "1e400"], ["--learning-rate", "finite"]),
    (["--lora-r", "1000000000"], ["--lora-r", "8192"]), (["--method", "full", "--lora-r", "4"], ["--lora-r", "--method full"]),
])
def test_a_training_value_that_cannot_be_honoured_is_refused(trained, app, tmp_path, option, words):
    root, _, train_args = trained
    args = [str(tmp_path / "o") if before == "--out" else arg for before, arg in zip(["", *train_args], train_args)]
    one_line_error(runner.invoke(app, [*args, *option]), *words)
    assert not (tmp_path / "o").exists()


def test_export_of_a_file_says_it_is_a_file(trained, app, tmp_path):
    root, _, _ = trained
    one_line_error(runner.invoke(app, ["export", str(root / "kg.tsv"), "--out", str(tmp_path / "m")]), "kg.tsv is a file")


def test_a_long_synth_run_off_a_terminal_prints_a_progress_line(tmp_path, app, monkeypatch):
    from cli import training

    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    monkeypatch.setattr(training, "SYNTH_LOG_EVERY_S", 0.0)
    result = runner.invoke(app, ["data", "synth", str(tmp_path / "t.jsonl"), "--kg", str(tmp_path / "kg.tsv"), "--n", "3"])
    assert result.exit_code == 0 and "synth: 0 of 3 trajectories verified" in result.output, result.output


def test_a_seed_beyond_what_the_rngs_take_is_refused_as_the_option(tmp_path, app):
    # torch.manual_seed takes at most 2**64 - 1 and numpy 2**32 - 1: a bigger --seed was a traceback after loading.
    result = runner.invoke(app, ["train", "--model", str(tmp_path / "m"), "--data", str(tmp_path / "d"), "--out",
                                 str(tmp_path / "o"), "--seed", str(2**70)])
    one_line_error(result, "--seed", "4294967295")


def test_a_dataset_linked_to_a_device_and_a_model_link_loop_are_one_line(trained, app, tmp_path):
    import shutil

    root, _, _ = trained
    data = shutil.copytree(root / "data", tmp_path / "data", symlinks=True)
    (data / "dataset.jsonl").unlink()
    (data / "dataset.jsonl").symlink_to("/dev/zero")  # was read forever
    base = ["train", "--max-steps", "1", "--micro-batch-size", "1", "--grad-accum", "1"]
    one_line_error(runner.invoke(app, [*base, "--model", str(root / "base"), "--data", str(data), "--out", str(tmp_path / "a")]),
                   "dataset.jsonl: not a regular file")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    one_line_error(runner.invoke(app, [*base, "--model", str(tmp_path / "loop"), "--data", str(root / "data"), "--out", str(tmp_path / "b")]),
                   "a symbolic link that points back at itself")


def test_an_empty_deepspeed_option_is_refused_not_a_plain_run(trained, app, tmp_path):
    root, _, _ = trained
    args = ["train", "--model", str(root / "base"), "--data", str(root / "data"), "--out", str(tmp_path / "r"), "--max-steps", "1"]
    one_line_error(runner.invoke(app, [*args, "--deepspeed", ""]), "--deepspeed ''")
    assert not (tmp_path / "r").exists()


def test_settings_no_option_sets_a_deep_config_a_damaged_metrics_file_and_a_non_utf8_out_are_one_line(trained, app, tmp_path):
    import shutil

    root, _, train_args = trained
    base = ["train", "--model", str(root / "base"), "--data", str(root / "data"), "--max-steps", "1"]
    betas = tmp_path / "betas.json"
    betas.write_text('{"adam_betas": [2, 3]}')
    one_line_error(runner.invoke(app, [*base, "--out", str(tmp_path / "a"), "--config", str(betas)]), "adam_betas.0 in", "betas.json")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(runner.invoke(app, [*base, "--out", str(tmp_path / "b"), "--config", str(deep)]), "deep.json: nested too deep")
    one_line_error(runner.invoke(app, [*base, "--out", str(tmp_path) + "/\udcff"]), "--out", "not UTF-8")
    run = shutil.copytree(root / "run", tmp_path / "run")
    with (run / "metrics.jsonl").open("a") as metrics:
        metrics.write("{oops\n")
    one_line_error(runner.invoke(app, ["train", "--out", str(run), "--resume"]), "metrics.jsonl:", "not a metrics line")


def test_resuming_a_run_whose_recorded_data_is_gone_says_so(trained, app, tmp_path):
    import shutil

    root, _, _ = trained
    run = shutil.copytree(root / "run", tmp_path / "run")
    record = json.loads((run / "cutekg_training.json").read_text())
    record["config"]["data"] = str(tmp_path / "gone")
    (run / "cutekg_training.json").write_text(json.dumps(record))
    one_line_error(runner.invoke(app, ["train", "--out", str(run), "--resume"]), "the run's --data", "no longer exists; give --data")


def test_resume_with_a_config_file_keeps_the_run_records_model_and_data(trained, app, tmp_path):
    import shutil

    root, _, _ = trained
    run = shutil.copytree(root / "run", tmp_path / "run")
    config = tmp_path / "lr.json"
    config.write_text('{"learning_rate": 0.5}')
    # was "missing --model, --data (or give them in --config)": the record's were forgotten
    one_line_error(runner.invoke(app, ["train", "--out", str(run), "--resume", "--config", str(config)]), "learning_rate")


def test_a_pipe_given_as_eval_records_is_refused_not_read_forever(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)  # no writer: reading it blocks for good
    code = "import sys; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "data", "synth", str(tmp_path / "t.jsonl"), "--n", "2", "--from-eval", str(fifo)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "not a regular file" in done.stderr and not (tmp_path / "t.jsonl").exists(), done.stderr


def test_train_on_a_folder_that_is_no_dataset_says_what_is_missing(trained, app, tmp_path):
    root, _, _ = trained
    base, run = copies(root, tmp_path, "base", "run")
    # an adapter folder as --data: "no such folder: run/tokenizer", a path never typed
    one_line_error(runner.invoke(app, ["train", "--model", base, "--data", run, "--out", str(tmp_path / "o"), "--max-steps", "1"]),
                   "not a converted dataset (needs dataset.jsonl and stats.json")


def test_export_of_an_adapter_whose_config_is_nested_too_deep_is_one_error(trained, app, tmp_path):
    root, _, _ = trained
    (run,) = copies(root, tmp_path, "run")
    (tmp_path / "run" / "adapter_config.json").write_text("[" * 50_000 + "]" * 50_000)
    # a RecursionError traceback (agent ask said it in one line already)
    one_line_error(runner.invoke(app, ["export", run, "--out", str(tmp_path / "merged")]), "nested too deep to be a config file")


@pytest.mark.parametrize("failing", ["training.synthesize.write_trajectories", "training.data.write_dialogues"])
def test_synth_writes_its_pair_of_outputs_whole_or_not_at_all(tmp_path, app, monkeypatch, failing):
    (tmp_path / "kg.tsv").write_text(KG_TSV, encoding="utf-8")
    out, dialogues = tmp_path / "t.jsonl", tmp_path / "d.pkl"

    def full_disk(items, path):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(failing, full_disk)
    result = runner.invoke(app, ["data", "synth", str(out), "--kg", str(tmp_path / "kg.tsv"), "--n", "2", "--dialogues", str(dialogues)])
    one_line_error(result, "No space left on device")
    assert not out.exists() and not dialogues.exists()  # OUT was kept when the dialogues failed, and not said


def test_train_on_a_model_whose_tokenizer_is_damaged_names_it_and_writes_nothing(trained, app, tmp_path):
    root, _, _ = trained
    base, data = copies(root, tmp_path, "base", "data")
    (tmp_path / "base" / "tokenizer.json").write_text("[" * 100_000 + "]" * 100_000)
    # the check that the dataset's ids are the model's skipped a tokenizer it could not read, and trained
    result = runner.invoke(app, ["train", "--model", base, "--data", data, "--out", str(tmp_path / "o"), "--max-steps", "1"])
    one_line_error(result, "cannot load a tokenizer")
    assert not (tmp_path / "o").exists()
