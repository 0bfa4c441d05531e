"""The `agent` command on the bundled KG and on KGs written in the test."""

import json

import pytest
from typer.testing import CliRunner

from cli.main import app
from agent.evaluate import Record
from agent.types import Answer

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def tiny_kg(tmp_path):
    path = tmp_path / "movies.tsv"
    path.write_text("霸王别姬\t导演\t陈凯歌\n霸王别姬\t主演\t张国荣\n陈凯歌\t出生地\t北京\n", encoding="utf-8")
    return path


def test_ask_names_the_male_lead_of_the_demo_question():
    result = invoke("ask", "择天记的男主角是谁")
    assert result.exit_code == 0, result.output
    assert "鹿晗" in result.output


def test_ask_json_validates_against_the_answer_model():
    result = invoke("ask", "《三体》的作者是谁", "--json")
    assert result.exit_code == 0, result.output
    answer = Answer.model_validate_json(result.stdout)
    payload = json.loads(result.stdout)
    for field in ("question", "need_knowledge", "thought", "code", "calls", "messages", "answer", "error", "timings_ms"):
        assert field in payload
    assert answer.need_knowledge and answer.calls and "刘慈欣" in answer.answer


def test_trace_shows_the_planner_the_code_and_the_calls(tiny_kg):
    result = invoke("ask", "霸王别姬的导演是谁", "--trace", "--kg", str(tiny_kg))
    assert result.exit_code == 0, result.output
    assert "offline" in result.output and "find_entity_or_value" in result.output
    assert "陈凯歌" in result.output


def test_a_custom_kg_answers_a_two_hop_question(tiny_kg):
    result = invoke("ask", "霸王别姬的导演的出生地是哪里", "--kg", str(tiny_kg))
    assert result.exit_code == 0, result.output
    assert "北京" in result.output


def test_a_bad_kg_file_is_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\tc\nonly two\tcolumns\n", encoding="utf-8")
    result = invoke("ask", "a的b", "--kg", str(bad))
    assert result.exit_code == 2
    assert "bad.tsv" in result.output and ":2" in result.output and "Traceback" not in result.output


def test_a_missing_model_directory_is_a_usage_error(tmp_path):
    result = invoke("ask", "你好", "--model", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "nowhere" in result.output and len(result.output.strip().splitlines()) == 1


def test_kg_stats_and_lookup(tiny_kg):
    stats = invoke("kg", "stats", str(tiny_kg))
    assert stats.exit_code == 0 and "3" in stats.output
    lookup = invoke("kg", "lookup", str(tiny_kg), "陈凯歌", "导演作品")
    assert lookup.exit_code == 0 and "霸王别姬" in lookup.output


def test_eval_scores_writes_records_and_reports_per_type(tmp_path, tiny_kg):
    questions = tmp_path / "q.jsonl"
    lines = [
        {"question": "霸王别姬的导演是谁", "answers": ["陈凯歌"], "type": "one_hop"},
        {"question": "霸王别姬是谁主演的", "answers": ["张国荣"], "type": "one_hop"},
        {"question": "霸王别姬的导演是谁", "answers": ["不存在的人"], "type": "wrong_gold"},
    ]
    questions.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    records = tmp_path / "records.jsonl"
    result = invoke("eval", str(questions), "--kg", str(tiny_kg), "--out", str(records), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["by_type"] == {"one_hop": [2, 2], "wrong_gold": [0, 1]}
    assert report["plan_parse_rate"] == 1.0
    written = [Record.model_validate_json(line) for line in records.read_text(encoding="utf-8").splitlines()]
    assert [record.correct for record in written] == [True, True, False]


def test_eval_names_the_bad_line_of_a_questions_file(tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"question": "a", "answers": [], "need_knowledge": false}\n{"answers": ["x"]}\n', encoding="utf-8")
    result = invoke("eval", str(questions))
    assert result.exit_code == 2 and "q.jsonl:2" in result.output


@pytest.mark.parametrize("command", [[], ["ask"], ["chat"], ["eval"], ["kg", "stats"], ["kg", "lookup"]])
def test_every_command_has_help(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_chat_keeps_history_for_pronouns():
    result = runner.invoke(app, ["chat"], input="择天记的男主角是谁\n他还有什么代表作品\n/exit\n")
    assert result.exit_code == 0, result.output
    assert "鹿晗" in result.output


def test_chat_says_when_a_streamed_answer_broke_after_some_text(monkeypatch):
    from agent.loop import Agent

    def broken(self, question, history=(), on_token=None, **_):
        on_token("刘慈")  # the endpoint closed its stream here
        return Answer(question=question, need_knowledge=True, answer="抱歉，无法回答：X closed the stream before its end",
                      error="X closed the stream before its end", error_stage="setup")

    monkeypatch.setattr(Agent, "ask", broken)
    result = runner.invoke(app, ["chat"], input="三体的作者是谁\n/exit\n")
    assert result.exit_code == 0 and "刘慈" in result.output and "closed the stream before its end" in result.output, result.output


def _free_port() -> int:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def test_serve_loads_the_model_and_runs_uvicorn_on_loopback(full_dir, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets: seen.update(app=server.config.app, bound=sockets[0].getsockname()))
    port = _free_port()
    result = runner.invoke(app, ["serve", "--model", str(full_dir), "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert seen["bound"] == ("127.0.0.1", port)
    assert {route.path for route in seen["app"].routes} >= {"/v1/models", "/v1/completions", "/v1/chat/completions"}


def test_serve_on_a_busy_port_or_a_bad_host_is_one_line_before_the_model_loads(tmp_path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--model", str(tmp_path / "nope"), "--port", str(port)])
    assert result.exit_code == 2 and result.output == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    result = runner.invoke(app, ["serve", "--model", str(tmp_path / "nope"), "--host", "999.1.1.1"])
    assert result.exit_code == 2 and result.output.startswith("error: cannot listen on 999.1.1.1:8000: ")
    assert len(result.output.splitlines()) == 1 and "Errno" not in result.output
    with socket.create_server(("127.0.0.1", 0)) as busy:  # agent web says it the same way
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["web", "--port", str(port)])
    assert result.exit_code == 2 and result.output == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


@pytest.mark.parametrize("command", ["serve", "web"])
def test_an_empty_host_is_refused_not_every_interface(tmp_path, command):
    args = [command, "--host", "", "--port", str(_free_port())] + (["--model", str(tmp_path / "nope")] if command == "serve" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.output.startswith("error: --host is empty: give an address"), result.output
    assert len(result.output.splitlines()) == 1


def test_serve_on_a_shared_host_says_who_can_reach_it(full_dir, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets: None)
    port = _free_port()
    result = runner.invoke(app, ["serve", "--model", str(full_dir), "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert f"note: bound to 0.0.0.0: anyone who can reach this machine on port {port} can use the model" in result.output
    result = runner.invoke(app, ["serve", "--model", str(full_dir), "--port", str(_free_port())])
    assert result.exit_code == 0 and "note:" not in result.output


def test_truncated_weights_are_one_line_in_ask_and_serve(full_dir, tmp_path):
    import shutil

    damaged = shutil.copytree(full_dir, tmp_path / "m")
    with open(damaged / "model.safetensors", "r+b") as weights:
        weights.truncate(1000)
    for args in (["ask", "你好", "--model", str(damaged)], ["serve", "--model", str(damaged), "--port", str(_free_port())]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"error: {damaged / 'model.safetensors'}: damaged or truncated weights (")
        assert len(result.output.splitlines()) == 1


def test_a_model_that_fails_when_it_generates_stops_ask_and_eval(full_dir, tiny_kg, questions_file, tmp_path, monkeypatch):
    # Weights that load but sample from NaN fail every prompt: one error and exit 2, never plan
    # failures scored as wrong answers ("accuracy 0.0%", exit 0).
    from transformers import GenerationMixin

    def nan_sampling(self, *args, **kwargs):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")

    monkeypatch.setattr(GenerationMixin, "generate", nan_sampling)
    one_line_error(invoke("ask", "霸王别姬的导演是谁", "--model", str(full_dir), "--kg", str(tiny_kg)),
                   f"the model {full_dir} fails when it generates", "nan")  # the folder as typed, not its short name
    out = tmp_path / "records.jsonl"
    result = invoke("eval", str(questions_file), "--model", str(full_dir), "--kg", str(tiny_kg), "--out", str(out))
    assert result.exit_code == 2 and "accuracy" not in result.output and not out.exists(), result.output
    assert result.output.startswith("error: ") and "fails when it generates" in result.output


def test_a_model_lora_or_config_path_that_exists_is_not_called_missing(full_dir, tiny_kg, tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe")
    for args, words in (
        (["--model", str(full_dir), "--lora", str(tiny_kg)], ("movies.tsv is a file, not a LoRA adapter folder",)),
        (["--model", str(tmp_path / "pipe")], ("pipe is a pipe or a device, not a model folder",)),
        (["--config", "/dev/null"], ("config file is not a file (a pipe or a device): /dev/null",)),
    ):
        one_line_error(invoke("ask", "霸王别姬的导演是谁", "--kg", str(tiny_kg), *args), *words)


def test_serve_help_documents_its_options():
    output = runner.invoke(app, ["serve", "--help"], terminal_width=200).output
    assert "--model" in output and "--lora" in output and "--int8" in output and "OpenAI-compatible" in output


def test_lora_without_a_model_is_a_one_line_error_not_the_offline_planner(tmp_path):
    result = runner.invoke(app, ["ask", "择天记的男主角是谁", "--lora", str(tmp_path)])
    assert result.exit_code == 2 and "--lora needs --model" in result.output


def test_an_error_message_keeps_its_brackets(capsys):
    from cli.errors import describe, fail

    assert fail("install the extra: pip install 'cutekg[gpu]'").exit_code == 2
    assert "pip install 'cutekg[gpu]'" in capsys.readouterr().err
    assert describe(FileNotFoundError(2, "No such file or directory", "a[b].tsv")) == "a[b].tsv: No such file or directory"


def test_every_command_that_answers_takes_the_same_model_options():
    for command in ("ask", "chat", "eval"):
        output = runner.invoke(app, [command, "--help"], terminal_width=200).output
        assert all(option in output for option in ("--kg", "--model", "--lora", "--int8", "--endpoint", "--config")), command


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
    assert all(word in result.output for word in words), result.output


@pytest.fixture
def questions_file(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "择天记的男主角是谁", "answers": ["鹿晗"]}\n', encoding="utf-8")
    return path


def test_eval_out_that_is_a_folder_or_in_a_missing_folder_is_one_line(tmp_path, questions_file):
    one_line_error(invoke("eval", str(questions_file), "--out", str(tmp_path)), "is a folder")
    one_line_error(invoke("eval", str(questions_file), "--out", str(tmp_path / "nowhere" / "r.jsonl")), "no such folder", "nowhere")


def test_a_questions_file_that_is_a_folder_or_in_a_missing_folder_is_one_line(tmp_path):
    one_line_error(invoke("eval", str(tmp_path)), str(tmp_path))
    one_line_error(invoke("eval", str(tmp_path / "nowhere" / "q.jsonl")), "q.jsonl")


@pytest.mark.parametrize("command", [["ask", "择天记的男主角是谁"], ["eval", "QUESTIONS"]])
def test_an_endpoint_that_is_not_a_url_is_one_line(command, questions_file):
    args = [str(questions_file) if arg == "QUESTIONS" else arg for arg in command]
    one_line_error(invoke(*args, "--endpoint", "not-a-url"), "--endpoint not-a-url", "http")


def test_ask_dash_reads_the_question_from_standard_input():
    result = runner.invoke(app, ["ask", "-"], input="择天记的男主角是谁\n")
    assert result.exit_code == 0 and "鹿晗" in result.output, result.output


@pytest.mark.parametrize("question, says", [("   ", "empty"), ("问" * 2001, "2001 characters")])
def test_an_empty_or_overlong_question_is_refused_before_planning(question, says):
    result = invoke("ask", question)
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_ask_exits_1_when_the_plan_could_not_be_made(monkeypatch):
    from agent.offline.planner import OfflinePlanner

    monkeypatch.setattr(OfflinePlanner, "plan", lambda self, question, history=(), feedback=None: "not a plan")
    result = invoke("ask", "择天记的男主角是谁")
    assert result.exit_code == 1 and "抱歉" in result.output, result.output


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:  # bound, never listening: nobody answers there once it closes
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("command", [["ask", "择天记的男主角是谁"], ["eval", "QUESTIONS"]])
def test_an_unreachable_endpoint_is_one_line_before_any_question(command, questions_file):
    args = [str(questions_file) if arg == "QUESTIONS" else arg for arg in command]
    one_line_error(invoke(*args, "--endpoint", f"http://127.0.0.1:{_closed_port()}/v1"), "cannot connect to")


def test_lora_with_an_endpoint_is_refused_not_ignored(tmp_path):
    one_line_error(invoke("ask", "择天记的男主角是谁", "--endpoint", "http://127.0.0.1:9/v1", "--lora", str(tmp_path)),
                   "--lora", "agent serve --lora")


def test_ask_dash_takes_one_question_and_refuses_undecodable_bytes():
    one_line_error(runner.invoke(app, ["ask", "-"], input="择天记的男主角是谁\n三体的作者是谁\n"), "2 lines", "agent eval")
    one_line_error(runner.invoke(app, ["ask", "-"], input=b"\xff\xfe\xe6\x8b\xa9"), "not valid UTF-8")
    result = runner.invoke(app, ["ask", "-"], input="\n择天记的男主角是谁\n\n")
    assert result.exit_code == 0 and "鹿晗" in result.output, result.output


def test_chat_commands_are_never_questions():
    result = runner.invoke(app, ["chat"], input="/help\n/nonsense\n/exit\n")
    assert result.exit_code == 0 and "/reset" in result.output and "unknown command /nonsense" in result.output
    assert "抱歉" not in result.output and "知识图谱" not in result.output, result.output


@pytest.mark.parametrize("argv, words", [(["eval", "q.jsonl", "--batch-size", "0"], ["--batch-size", "agent eval --help"]),
                                         (["ask"], ["Missing argument", "agent ask --help"]),
                                         (["ask", "--bogus", "q"], ["--bogus"]), (["nosuch"], ["nosuch", "agent --help"]),
                                         # an endless wait per question (and a page that never says it timed out): refused
                                         (["web", "--timeout", "inf"], ["--timeout", "86400"]),
                                         (["web", "--timeout", "1e400"], ["--timeout", "86400"])])
def test_a_usage_error_of_the_console_script_is_one_line_exit_2(monkeypatch, capsys, argv, words):
    from cli.main import main

    monkeypatch.setattr("sys.argv", ["agent", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    printed = capsys.readouterr().err
    assert stop.value.code == 2 and len(printed.strip().splitlines()) == 1 and "╭" not in printed, printed
    assert printed.startswith("error: ") and all(word in printed for word in words), printed


def test_the_console_script_keeps_exit_codes_and_help(monkeypatch, capsys):
    from cli.main import main

    for argv, code in ((["ask", "择天记的男主角是谁"], 0), (["--help"], 0), (["ask", " "], 2)):
        monkeypatch.setattr("sys.argv", ["agent", *argv])
        with pytest.raises(SystemExit) as stop:
            main()
        assert stop.value.code == code, argv
    assert "鹿晗" in capsys.readouterr().out


def test_a_sparql_url_without_a_host_is_named_as_such():
    one_line_error(invoke("kg", "stats", "sparql+http://"), "not a SPARQL endpoint URL")


def test_chat_reset_says_the_history_is_gone_and_refuses_overlong_input():
    result = runner.invoke(app, ["chat"], input="择天记的男主角是谁\n/reset\n" + "问" * 2001 + "\n/exit\n")
    assert result.exit_code == 0
    assert "history cleared" in result.output and "2001 characters" in result.output


def test_eval_refuses_to_overwrite_records_unless_forced(tmp_path, tiny_kg):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "霸王别姬的导演是谁", "answers": ["陈凯歌"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text("keep me\n", encoding="utf-8")
    refused = invoke("eval", str(questions), "--kg", str(tiny_kg), "--out", str(records))
    assert refused.exit_code == 2 and "--force" in refused.output and records.read_text(encoding="utf-8") == "keep me\n"
    forced = invoke("eval", str(questions), "--kg", str(tiny_kg), "--out", str(records), "--force")
    assert forced.exit_code == 0 and "陈凯歌" in records.read_text(encoding="utf-8")


def test_eval_never_overwrites_its_questions_and_keeps_old_records_when_stopped(tmp_path, tiny_kg, monkeypatch):
    questions = tmp_path / "q.jsonl"
    line = json.dumps({"question": "霸王别姬的导演是谁", "answers": ["陈凯歌"]}, ensure_ascii=False) + "\n"
    questions.write_text(line * 3, encoding="utf-8")
    refused = invoke("eval", str(questions), "--kg", str(tiny_kg), "--out", str(questions), "--force")
    assert refused.exit_code == 2 and "overwrite the input" in refused.output and questions.read_text(encoding="utf-8") == line * 3
    records = tmp_path / "records.jsonl"
    records.write_text("keep me\n", encoding="utf-8")
    import agent.evaluate

    real = agent.evaluate.evaluate

    def stopped(agent_, items, on_record, **kwargs):  # the user presses Ctrl-C after the first record
        real(agent_, items[:1], on_record, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(agent.evaluate, "evaluate", stopped)
    result = invoke("eval", str(questions), "--kg", str(tiny_kg), "--out", str(records), "--force")
    assert result.exit_code != 0 and records.read_text(encoding="utf-8") == "keep me\n"
    assert "陈凯歌" in next(tmp_path.glob("records.jsonl.*.partial")).read_text(encoding="utf-8")


def test_empty_or_control_only_questions_are_refused_in_ask_and_eval(tmp_path):
    result = invoke("ask", "\x01\x02\x03")
    assert result.exit_code == 2 and "control characters" in result.output
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "三体的作者", "answers": ["刘慈欣"]}, ensure_ascii=False) + "\n"
                         + json.dumps({"question": "  ", "answers": ["x"]}) + "\n", encoding="utf-8")
    result = invoke("eval", str(questions))
    assert result.exit_code == 2 and "q.jsonl:2: question: the question is empty" in result.output


def _commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_help_at_80_columns_shows_every_option_name_whole():
    import typer.main

    for path, command in _commands(typer.main.get_command(app)):
        result = runner.invoke(app, [*path, "--help"], terminal_width=80, env={"COLUMNS": "80"})
        assert result.exit_code == 0, path
        assert max(len(line) for line in result.output.splitlines()) <= 80, path
        for param in command.params:
            for name in [*param.opts, *param.secondary_opts]:
                if name.startswith("--"):
                    assert name in result.output, (path, name)


def test_help_paragraphs_reflow_but_examples_keep_their_lines():
    from cli.main import _reflow

    doc = """First line
    continues here.

    A paragraph broken
    in the source, then examples:
      agent one
      agent two
    """
    assert _reflow(doc) == "First line continues here.\n\nA paragraph broken in the source, then examples:\n  agent one\n  agent two"


def test_trace_wraps_long_code_instead_of_cropping_it():
    from io import StringIO

    from rich.console import Console

    from cli.render import render_answer

    tail = "终点标记"
    buffer = StringIO()
    render_answer(Console(file=buffer, width=60), Answer(question="q", need_knowledge=True, answer="a",
                                                         code="def search():\n    return '" + "长" * 80 + tail + "'"))
    assert tail in buffer.getvalue().replace("\n", "").replace(" ", "").replace("│", "")


def test_an_output_that_is_a_pipe_or_a_link_is_never_replaced(tmp_path, questions_file):
    import os

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    one_line_error(invoke("eval", str(questions_file), "--out", str(pipe), "--force"), "not a regular file")
    assert pipe.is_fifo()
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "nowhere.jsonl")
    one_line_error(invoke("eval", str(questions_file), "--out", str(link)), "symbolic link")
    assert link.is_symlink()
    one_line_error(invoke("kg", "build", str(questions_file), "--out", str(pipe)), "not a regular file")


@pytest.mark.parametrize("args, words", [
    (["--endpoint", "http://[::1/v1"], ["--endpoint", "not a valid URL"]),
    (["--endpoint", "http://127.0.0.1:99999/v1"], ["--endpoint", "Port out of range"]),
    (["--kg", "sparql+http://[::1/sparql"], ["not a SPARQL endpoint URL"]),
    (["--kg", "sparql+http:///sparql"], ["sparql+http:///sparql", "not a SPARQL endpoint URL"]),  # no host, as typed
])
def test_a_url_that_cannot_be_split_is_one_line(args, words):
    one_line_error(invoke("ask", "三体的作者是谁", *args), *words)


def test_an_endpoint_from_a_config_file_or_the_environment_is_named_there(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('endpoint = "ftp://x"\n')
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(config)), f"endpoint ftp://x (in {config})", "not an http(s) URL")
    monkeypatch.setenv("CUTEKG_ENDPOINT", "nope")
    one_line_error(invoke("ask", "三体的作者是谁"), "endpoint nope (CUTEKG_ENDPOINT)")


@pytest.mark.parametrize("command", [["eval", "QUESTIONS", "--out"], ["kg", "build", "QUESTIONS", "--out"], ["data", "synth"]])
def test_an_output_file_written_as_a_folder_is_refused_not_written_as_a_file(tmp_path, questions_file, command,
                                                                            monkeypatch, capsys):
    from cli.main import main

    folder = tmp_path / "new"
    args = [str(questions_file) if part == "QUESTIONS" else part for part in command]
    monkeypatch.setattr("sys.argv", ["agent", *args, f"{folder}/"])
    with pytest.raises(SystemExit) as stop:
        main()
    printed = capsys.readouterr().err
    assert stop.value.code == 2 and len(printed.strip().splitlines()) == 1 and f"{folder}/ names a folder" in printed, printed
    assert not folder.exists()


def test_a_gz_file_that_is_not_gzip_names_the_file(tmp_path):
    fake = tmp_path / "k.nt.gz"
    fake.write_text("nope\n")
    one_line_error(invoke("kg", "stats", str(fake)), "k.nt.gz", "not a gzip file")


def test_ask_dash_reads_no_more_than_one_question_can_hold():
    one_line_error(runner.invoke(app, ["ask", "-"], input="三体" * 200_000), "standard input holds more than", "agent eval")


def test_a_config_file_with_a_misspelt_key_or_bad_bytes_is_one_line(tmp_path):
    typo = tmp_path / "typo.toml"
    typo.write_text('modle = "/models/mine"\n')
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(typo)), "unknown setting 'modle'", "model")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe = 1\n")
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(binary)), "binary.toml", "not UTF-8")


@pytest.mark.parametrize("answers", [[""], ["  "], ["莫言|"]])
def test_an_empty_gold_string_is_refused_since_every_answer_contains_it(tmp_path, answers):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": "三体的作者是谁", "answers": answers}, ensure_ascii=False) + "\n", encoding="utf-8")
    one_line_error(invoke("eval", str(path)), "q.jsonl:1", "empty gold string")


def test_a_questions_file_names_the_line_of_bad_bytes_and_accepts_a_bom(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_bytes('{"question": "择天记的男主角是谁", "answers": ["鹿晗"]}\n'.encode() + b"\xff\xfe\n")
    one_line_error(invoke("eval", str(path)), "q.jsonl:2", "not UTF-8")
    path.write_bytes(b"\xef\xbb\xbf" + '{"question": "择天记的男主角是谁", "answers": ["鹿晗"]}\n'.encode())
    assert invoke("eval", str(path)).exit_code == 0


def test_building_a_store_from_a_store_says_what_to_do(tmp_path, tiny_kg):
    store = tmp_path / "movies.kgdb"
    assert invoke("kg", "build", str(tiny_kg), "--out", str(store)).exit_code == 0
    one_line_error(invoke("kg", "build", str(store), "--out", str(tmp_path / "again.kgdb")), "already a store", "--kg")


def test_a_kg_that_cannot_be_read_mid_run_stops_ask_and_eval(tmp_path, tiny_kg, questions_file, monkeypatch):
    # A damaged store or an endpoint going down answers a KG call with KGLoadError: no score, no answer.
    from kg.loaders import KGLoadError
    from kg.networkx_kg import NetworkXKG

    def broken(self, *args, **kwargs):
        raise KGLoadError(tiny_kg, None, "the store is damaged (database disk image is malformed)")

    monkeypatch.setattr(NetworkXKG, "find_entity_or_value", broken)
    monkeypatch.setattr(NetworkXKG, "get_entity_info", broken)
    monkeypatch.setattr(NetworkXKG, "call_with_findings", broken)
    one_line_error(invoke("ask", "霸王别姬的导演是谁", "--kg", str(tiny_kg)), "movies.tsv", "damaged")
    out = tmp_path / "records.jsonl"
    result = invoke("eval", str(questions_file), "--kg", str(tiny_kg), "--out", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output and "accuracy" not in result.output
    assert result.output.startswith("error: ") and "damaged" in result.output.splitlines()[0]
    assert not out.exists() and "stopped after 0 questions" in result.output


def test_chat_names_a_line_of_bad_bytes_as_such(monkeypatch):
    from agent.loop import question_problem
    from cli import main

    assert question_problem("\udcff\udcfe") == "the question is not valid UTF-8 text"  # bytes kept as surrogates
    lines = iter([UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "/exit"])  # a strict locale

    def typed(prompt):
        line = next(lines)
        if isinstance(line, Exception):
            raise line
        return line

    monkeypatch.setattr(main, "_chat_line", lambda: typed("问> "))
    result = runner.invoke(app, ["chat"])
    assert result.exit_code == 0 and "not valid UTF-8" in result.output, result.output
    monkeypatch.undo()
    piped = runner.invoke(app, ["chat"], input=b"\xff\xfe\n" + b"a" * 50_000 + b"\n/exit\n")  # bytes from a pipe
    assert "not valid UTF-8" in piped.output and "longer than" in piped.output, piped.output


def test_eval_records_never_go_over_the_kg_or_the_config(tmp_path, tiny_kg, questions_file):
    config = tmp_path / "c.toml"
    config.write_text('lang = "zh"\n')
    for out, extra in ((tiny_kg, ["--kg", str(tiny_kg)]), (config, ["--config", str(config)])):
        one_line_error(invoke("eval", str(questions_file), *extra, "--out", str(out), "--force"), "would overwrite the input")
    assert "霸王别姬" in tiny_kg.read_text(encoding="utf-8") and config.read_text() == 'lang = "zh"\n'


def test_a_kg_the_planner_cannot_read_stops_ask_with_exit_2(tiny_kg, monkeypatch):
    from kg.loaders import KGLoadError
    from kg.networkx_kg import NetworkXKG

    def broken(self, *args, **kwargs):
        raise KGLoadError(tiny_kg, None, "the store is damaged (no table out)")

    monkeypatch.setattr(NetworkXKG, "edges", broken)
    one_line_error(invoke("ask", "霸王别姬的导演是谁", "--kg", str(tiny_kg)), "movies.tsv", "no table out")


def test_a_misspelt_key_in_a_questions_line_is_refused_other_keys_are_kept(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "择天记的男主角是谁", "answers": ["鹿晗"], "need_knowlege": true}\n', encoding="utf-8")
    one_line_error(invoke("eval", str(path)), "q.jsonl:1", "'need_knowlege'", "'need_knowledge'")
    path.write_text('{"question": "择天记的男主角是谁", "answers": ["鹿晗"], "gold_size": 1, "id": "x"}\n', encoding="utf-8")
    assert invoke("eval", str(path)).exit_code == 0


def test_lookup_and_paths_that_are_no_files_say_what_they_are(tmp_path, tiny_kg, questions_file):
    import os

    one_line_error(invoke("kg", "lookup", str(tiny_kg), " "), "ENTITY is empty")
    one_line_error(invoke("kg", "lookup", str(tiny_kg), "霸王别姬", ""), "RELATION is empty")
    pipe = tmp_path / "p.tsv"
    os.mkfifo(pipe)
    one_line_error(invoke("kg", "stats", str(pipe)), "not a regular file")
    one_line_error(invoke("eval", str(questions_file), "--out", str(questions_file / "r.jsonl")), "is a file, not a folder")
    folder = tmp_path / "c.toml"
    folder.mkdir()
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(folder)), "is a folder")


def test_kg_lookup_of_a_damaged_kg_or_a_name_too_long_is_one_line(tiny_kg, monkeypatch):
    from kg.linking import MAX_ALIAS_CHARS
    from kg.loaders import KGLoadError
    from kg.networkx_kg import NetworkXKG

    one_line_error(invoke("kg", "lookup", str(tiny_kg), "三" * 40_000, "作者"), "ENTITY is 40,000 characters", str(MAX_ALIAS_CHARS))

    def damaged(self, *args, **kwargs):
        raise KGLoadError(tiny_kg, None, "the store is damaged (page 7)")

    monkeypatch.setattr(NetworkXKG, "find_entity_or_value", damaged)
    one_line_error(invoke("kg", "lookup", str(tiny_kg), "霸王别姬", "导演"), "movies.tsv", "page 7")


@pytest.mark.parametrize("argv, words", [
    (["ask", "q", "--kg", ""], ["--kg", "''"]), (["ask", "q", "--kg="], ["--kg", "''"]),
    (["eval", "q.jsonl", "--out", ""], ["--out", "''"]), (["kg", "build", "k.tsv", "--out", ""], ["--out", "''"]),
    (["data", "synth", ""], ["OUT", "''"]), (["data", "convert", "t.jsonl", "--tokenizer", "t", "--out", ""], ["--out", "''"]),
    (["export", "run", "--out", ""], ["--out", "''"]), (["ask", "q", "--kg", "KG/"], ["--kg", "is a file, not a folder"]),
])
def test_an_empty_path_or_a_file_typed_as_a_folder_is_refused_as_typed(monkeypatch, capsys, tiny_kg, argv, words):
    from cli.main import main

    monkeypatch.setattr("sys.argv", ["agent", *[f"{tiny_kg}/" if part == "KG/" else part for part in argv]])
    with pytest.raises(SystemExit) as stop:
        main()
    printed = capsys.readouterr().err
    assert stop.value.code == 2 and len(printed.strip().splitlines()) == 1 and printed.startswith("error: "), printed
    assert all(word in printed for word in words) and " . " not in printed and "would overwrite" not in printed, printed


def test_an_empty_endpoint_or_an_unknown_table_in_the_config_is_refused(tmp_path):
    one_line_error(invoke("ask", "三体的作者是谁", "--endpoint", ""), "--endpoint ''", "empty")
    config = tmp_path / "c.toml"
    config.write_text("[foo]\nx = 1\n")
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(config)), "[foo] is a table")


def test_a_line_separator_inside_a_question_is_text_not_a_line_break(tmp_path):
    asked = runner.invoke(app, ["ask", "-"], input="三体\u2028的作者是谁\n")
    assert asked.exit_code == 0 and "刘慈欣" in asked.output, asked.output
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "三体\u2028的作者是谁", "answers": ["刘慈欣"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("eval", str(questions), "--json").exit_code == 0


@pytest.mark.parametrize("args, option", [
    (["ask", "三体的作者是谁", "--lora", ""], "--lora"), (["ask", "三体的作者是谁", "--model", ""], "--model"),
    (["ask", "三体的作者是谁", "--config", ""], "--config"), (["train", "--model", "", "--data", "d", "--out", "o"], "--model"),
    (["bench", "xiezhi", "--model", "m", "--data", ""], "--data"), (["data", "convert", "x.jsonl", "--tokenizer", "", "--out", "o"], "--tokenizer"),
    (["export", "run", "--base", "", "--out", "o"], "--base"),
])
def test_an_empty_input_path_is_refused_naming_its_option(monkeypatch, capsys, args, option):
    from cli.main import main

    monkeypatch.setattr("sys.argv", ["agent", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    printed = capsys.readouterr().err
    assert stop.value.code == 2 and len(printed.strip().splitlines()) == 1 and option in printed and "''" in printed, printed


def test_an_input_file_written_as_a_folder_is_refused(tmp_path, monkeypatch, capsys):
    from cli.main import main

    config = tmp_path / "c.toml"
    config.write_text('lang = "zh"\n')
    monkeypatch.setattr("sys.argv", ["agent", "ask", "三体的作者是谁", "--config", f"{config}/"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 2 and "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("how, says", [
    ("dev_full", "error: cannot write the output: No space left on device"),
    ("ascii", "error: the output's encoding (ascii) cannot write"),
    ("stdin_closed", "error: agent ask -: standard input is closed"),
    ("stdout_closed", ""),
])
def test_an_output_or_input_the_process_cannot_use_is_one_line(how, says, tmp_path):
    # > /dev/full, PYTHONIOENCODING=ascii and <&- each gave a traceback.
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONIOENCODING="ascii") if how == "ascii" else dict(os.environ)
    question = "-" if how == "stdin_closed" else "三体的作者是谁"
    code = f"import sys; sys.argv = ['agent', 'ask', {question!r}]; from cli.main import main; main()"
    stdout = open("/dev/full", "w") if how == "dev_full" else subprocess.PIPE
    try:
        done = subprocess.run([sys.executable, "-c", code], stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=120,
                              stdin=None if how != "stdin_closed" else subprocess.DEVNULL,
                              preexec_fn={"stdin_closed": lambda: os.close(0), "stdout_closed": lambda: os.close(1)}.get(how))
    finally:
        if how == "dev_full":
            stdout.close()
    err = done.stderr.decode()
    if how == "stdout_closed":  # `>&-`: nothing to write the answer to, and no traceback either (was the final flush's)
        assert done.returncode in (0, 2) and "Traceback" not in err, err
        return
    assert done.returncode == 2 and "Traceback" not in err and err.startswith(says), err


@pytest.mark.parametrize("change, says", [
    ({"hidden_act": "bogus_act"}, "KeyError: 'bogus_act'"),
    ({"rope_scaling": {"type": "bogus", "factor": 2.0}}, "KeyError: 'bogus'"),
    ({"rope_parameters": {"rope_theta": 10000.0, "rope_type": "dynamic"}}, "KeyError: \"Missing required keys"),
])
def test_a_config_transformers_cannot_build_is_one_line(full_dir, tmp_path, change, says):
    import json
    import shutil

    model = shutil.copytree(full_dir, tmp_path / "m")
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | change))
    result = invoke("ask", "你好", "--model", str(model))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert f"{model / 'config.json'}: transformers cannot build this model ({says}" in result.output


def test_transformers_own_warnings_about_a_config_it_cannot_build_are_not_printed_before_the_error(full_dir, tmp_path):
    import shutil
    import subprocess
    import sys

    model = shutil.copytree(full_dir, tmp_path / "m")
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | {"rope_scaling": {"type": "bogus", "factor": 2.0}}))
    code = f"import sys; sys.argv = ['agent', 'ask', '你好', '--model', {str(model)!r}]; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.splitlines() == [done.stderr.strip()], done.stderr  # was "[transformers] Missing validation function…" first
    assert done.stderr.startswith("error: ")


def test_a_weights_index_naming_a_file_outside_the_folder_or_a_config_nested_deep_is_refused(full_dir, tmp_path):
    import json
    import shutil

    model = shutil.copytree(full_dir, tmp_path / "m", ignore=shutil.ignore_patterns("*.safetensors"))
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(next(full_dir.glob("*.safetensors")), tmp_path / "elsewhere" / "model.safetensors")
    (model / "model.safetensors.index.json").write_text(json.dumps({"weight_map": {"lm_head.weight": "../elsewhere/model.safetensors"}}))
    one_line_error(invoke("ask", "你好", "--model", str(model)), "model.safetensors.index.json", "is not a file of")
    deep = shutil.copytree(full_dir, tmp_path / "deep")
    (deep / "config.json").write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(invoke("ask", "你好", "--model", str(deep)), "config.json: nested too deep")


def test_transformers_advice_on_an_odd_setting_it_runs_anyway_is_not_printed(full_dir, tmp_path):
    import shutil
    import subprocess
    import sys

    model = shutil.copytree(full_dir, tmp_path / "m")
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | {"rope_parameters": {"rope_theta": 10000.0, "rope_type": "linear", "factor": -1.0}}))
    code = f"import sys; sys.argv = ['agent', 'ask', '你好', '--model', {str(model)!r}]; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "[transformers]" not in done.stderr and "Warning" not in done.stderr, done.stderr  # "factor field must be … >= 1", twice


@pytest.mark.parametrize("change, says", [
    ({"base_model_name_or_path": "tiny\nx"}, "base_model_name_or_path is \"tiny\\nx\", not a folder name on one line"),
    ({"use_rslora": "x"}, 'use_rslora is "x", not true or false'),  # was taken as true: another LoRA scale
    ({"base_model_name_or_path": "SELF"}, "base_model_name_or_path names the adapter itself"),
])
def test_an_adapter_config_peft_would_misread_is_one_line(full_dir, tmp_path, change, says):
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    config = {"peft_type": "LORA", "base_model_name_or_path": str(full_dir), "r": 2, "lora_alpha": 4,
              "target_modules": ["q_proj"], "task_type": "CAUSAL_LM"} | change
    if config["base_model_name_or_path"] == "SELF":
        config["base_model_name_or_path"] = str(adapter)
    (adapter / "adapter_config.json").write_text(json.dumps(config))
    one_line_error(invoke("ask", "你好", "--model", str(adapter)), "adapter_config.json", says)


def test_a_config_asking_for_the_folders_own_code_is_refused_without_a_prompt(full_dir, tmp_path):
    import shutil

    model = shutil.copytree(full_dir, tmp_path / "m")
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | {"model_type": "evil_arch", "auto_map": {"AutoConfig": "evil.EvilConfig"}}))
    result = invoke("ask", "你好", "--model", str(model))  # transformers asked "Do you wish to run the custom code? [y/N]"
    one_line_error(result, "auto_map asks to run the folder's own Python code")
    assert "[y/N]" not in result.output


def test_an_adapter_bin_holding_a_pickled_object_is_refused_in_one_line(full_dir, tmp_path):
    import json
    import pickle

    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({
        "peft_type": "LORA", "base_model_name_or_path": str(full_dir), "r": 2, "lora_alpha": 4,
        "target_modules": ["q_proj"], "task_type": "CAUSAL_LM"}))
    (adapter / "adapter_model.bin").write_bytes(pickle.dumps(print))  # torch.load(weights_only) refuses it
    result = invoke("ask", "你好", "--model", str(full_dir), "--lora", str(adapter))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "cannot load the adapter weights in" in result.output and "save the weights as safetensors" in result.output


def test_records_on_a_full_disk_leave_the_old_out_and_no_partial_file(tmp_path, capsys):
    import errno

    import typer

    from cli.errors import records_beside

    out = tmp_path / "records.jsonl"
    out.write_text("old\n")
    with pytest.raises(typer.Exit) as raised, records_beside(out) as handle:
        handle.write("x")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert raised.value.exit_code == 2 and out.read_text() == "old\n" and not list(tmp_path.glob("records.jsonl*.partial"))
    assert f"{out}: No space left on device while writing the records" in capsys.readouterr().err


def test_a_records_write_failing_inside_a_commands_own_error_handling_still_names_out(tmp_path, capsys):
    # bench wraps each model's run in user_errors: the full disk said "[Errno 28] …" and left OUT.partial
    import errno

    import typer

    from cli.errors import records_beside, user_errors

    out = tmp_path / "records.jsonl"
    out.write_text("old\n")
    with pytest.raises(typer.Exit), records_beside(out) as handle:
        handle.handle = type("Full", (), {"write": _full_write, "flush": lambda self: None, "close": lambda self: None})()
        with user_errors():
            handle.write("x")
    assert out.read_text() == "old\n" and not list(tmp_path.glob("records.jsonl*.partial"))
    assert f"{out}: No space left on device while writing the records" in capsys.readouterr().err


def _full_write(self, text):
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_path_or_setting_with_a_line_break_is_named_whole_on_one_line(tmp_path, tiny_kg):
    # --kg $'no\nwhere.tsv' printed "error: no"; model = "tiny\n" said "no such folder: tiny".
    typed = invoke("ask", "霸王别姬的导演是谁", "--kg", "no\nwhere.tsv")  # a usage error: main() prints it on one line
    assert typed.exit_code == 2 and "holds a line break" in typed.output
    config = tmp_path / "c.toml"
    config.write_text('model = "tiny\\n"\n')
    one_line_error(invoke("ask", "霸王别姬的导演是谁", "--config", str(config)), "c.toml", "holds a line break")
    config.write_text(f'model = "{"x" * 100_000}"\n')
    result = invoke("ask", "霸王别姬的导演是谁", "--config", str(config))
    one_line_error(result, "100,000 characters")
    assert len(result.output) < 2000


def test_an_error_message_is_one_line_and_bounded(capsys):
    from cli.errors import fail

    fail("first\nsecond " + "y" * 5000)
    printed = capsys.readouterr().err
    assert printed.count("\n") == 1 and "first\\nsecond" in printed and "characters)" in printed


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_unwind_like_ctrl_c_without_a_traceback(name):
    # kill / a scheduler's timeout left a half-built X.kgdb.building beside the output: SIGTERM now
    # raises SystemExit in the command, so the cleanup Ctrl-C runs (except BaseException) runs too;
    # SIGHUP (the terminal closing) killed the process where it stood.
    import signal
    import subprocess
    import sys
    import time

    code = "import sys; sys.argv = ['agent', 'ask', '-']; from cli.main import main; print('ready', flush=True); main()"
    waiting = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert waiting.stdout.readline() == b"ready\n"  # imported: main() sets its handler, then reads stdin
    time.sleep(2)
    waiting.send_signal(getattr(signal, name))
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 128 + getattr(signal, name) and b"Traceback" not in err, err


def test_a_lora_setting_without_a_model_is_an_error_not_ignored(tiny_kg, tmp_path, monkeypatch):
    monkeypatch.setenv("CUTEKG_LORA", str(tmp_path))
    one_line_error(invoke("ask", "霸王别姬的导演是谁", "--kg", str(tiny_kg)), "lora (CUTEKG_LORA)", "needs a model setting")


@pytest.mark.parametrize("pad, refused", [(999_999, True), (-1, False)])
def test_a_special_token_id_outside_the_vocabulary_is_one_line(full_dir, tmp_path, pad, refused):
    # transformers printed two warnings, then an AssertionError traceback; -1 (early LLaMA
    # configs, CuteGPT's lineage) is the last row for torch and loads.
    import json
    import shutil

    model = shutil.copytree(full_dir, tmp_path / "m")
    config = json.loads((model / "config.json").read_text())
    (model / "config.json").write_text(json.dumps(config | {"pad_token_id": pad}))
    result = invoke("ask", "你好", "--model", str(model))
    if refused:
        one_line_error(result, f"{model / 'config.json'}: pad_token_id is 999999, outside the vocabulary")
    else:
        assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output


def test_an_output_that_is_a_hard_link_of_an_input_is_refused(tmp_path):
    import os

    kg = tmp_path / "kg.tsv"
    kg.write_text("三体\t作者\t刘慈欣\n", encoding="utf-8")
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "三体的作者是谁", "answers": ["刘慈欣"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    os.link(kg, tmp_path / "link.kgdb")
    os.link(questions, tmp_path / "link.jsonl")
    # --force replaced the file's contents, and the input with them (one inode, two names)
    one_line_error(runner.invoke(app, ["kg", "build", str(kg), "--out", str(tmp_path / "link.kgdb"), "--force"]),
                   "would overwrite the input")
    one_line_error(runner.invoke(app, ["eval", str(questions), "--kg", str(kg), "--out", str(tmp_path / "link.jsonl"), "--force"]),
                   "would overwrite the input")
    assert kg.read_text(encoding="utf-8") == "三体\t作者\t刘慈欣\n" and "刘慈欣" in questions.read_text(encoding="utf-8")


def test_a_store_damaged_where_only_the_counts_read_is_one_error(tmp_path):
    from pathlib import Path

    kg = Path(__file__).parents[2] / "kg" / "data" / "sample_kg.tsv"
    store = tmp_path / "kg.kgdb"
    assert runner.invoke(app, ["kg", "build", str(kg), "--out", str(store)]).exit_code == 0
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2] + b"\0" * (len(data) - len(data) // 2))
    # the counts met the damaged pages outside the error handling: a traceback
    one_line_error(runner.invoke(app, ["kg", "stats", str(store)]), "the store is damaged")


@pytest.mark.parametrize("staged, typed", [
    ("ro/.ds.tmp", "ro/ds"), ("ro/x.jsonl.partial", "ro/x.jsonl"), ("ro/x.jsonl.4242.partial", "ro/x.jsonl"), ("ro/new.kgdb.building", "ro/new.kgdb"), ("ro/new.kgdb.77.building", "ro/new.kgdb"), ("ro/plain.tmp", "ro/plain.tmp"),
])
def test_a_failed_write_names_the_output_typed_not_its_staging_file(staged, typed):
    import errno

    from cli.errors import describe

    # a read-only file system was said of "ro/.ds.tmp", a name the user never typed
    assert describe(OSError(errno.EROFS, "Read-only file system", staged)) == f"{typed}: Read-only file system"


def test_chat_on_an_endless_line_stops_with_one_error():
    import subprocess
    import sys

    code = "import sys; sys.argv = ['agent', 'chat']; from cli.main import main; main()"
    with open("/dev/zero", "rb") as zeros:  # a line that never ends: chat read on forever
        done = subprocess.run([sys.executable, "-c", code], stdin=zeros, capture_output=True, timeout=300)
    assert done.returncode == 2 and b"with no end; agent chat stopped" in done.stdout + done.stderr


@pytest.mark.parametrize("width", ["0", "-5", "wide"])
def test_a_terminal_width_that_is_no_positive_number_is_ignored(width):
    import os
    import subprocess
    import sys

    code = "import sys; sys.argv = ['agent', 'ask', '三体的作者是谁', '--kg', 'nope.tsv']; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ | {"COLUMNS": width})
    assert done.returncode == 2 and done.stderr.startswith("error: nope.tsv: no such file"), done.stderr  # COLUMNS=0: nothing printed


def test_an_output_in_a_current_folder_that_was_removed_says_so(tmp_path, questions_file):
    import os
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    code = (f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
            f"sys.argv = ['agent', 'eval', {str(questions_file)!r}, '--out', 'e.jsonl']; from cli.main import main; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    # it said "a symbolic link that points back at itself (a loop)"
    assert done.returncode == 2 and "the current folder no longer exists" in done.stderr, done.stderr


def test_a_config_value_nested_too_deep_is_one_line(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("lang = " + "[" * 5000 + "]" * 5000 + "\n")
    one_line_error(invoke("ask", "三体的作者是谁", "--config", str(config)), "c.toml", "nested too deep")


@pytest.mark.parametrize("width", ["1", "99999999", "9" * 5000, "²"])
def test_a_terminal_width_no_terminal_has_is_brought_within_reach(width):
    import os
    import subprocess
    import sys

    # COLUMNS=1 dropped the Chinese of the answer (two columns a character); 99999999 laid out --help for minutes
    code = "import sys; sys.argv = ['agent', 'ask', '三体的作者是谁']; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ | {"COLUMNS": width})
    assert done.returncode == 0 and "刘慈欣" in done.stdout, done.stdout + done.stderr
    code = "import sys; sys.argv = ['agent', 'ask', '--help']; from cli.main import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ | {"COLUMNS": width})
    assert done.returncode == 0 and "--kg" in done.stdout


def test_records_that_cannot_take_the_place_of_the_old_out_are_one_line_and_leave_nothing(tmp_path, capsys, monkeypatch):
    import pathlib

    import typer

    from cli.errors import records_beside

    out = tmp_path / "records.jsonl"
    out.write_text("old\n")

    def refused(self, target):  # chattr +i on --out, or its folder made read-only while the run went on
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(pathlib.Path, "replace", refused)
    with pytest.raises(typer.Exit) as raised, records_beside(out) as handle:
        handle.write("x")
    assert raised.value.exit_code == 2 and out.read_text() == "old\n" and not list(tmp_path.glob("records.jsonl*.partial"))
    assert f"{out}: Operation not permitted; {out} is unchanged" in capsys.readouterr().err


def test_two_runs_writing_the_same_records_at_once_each_write_their_own(tmp_path):
    import json
    import threading

    from cli.errors import records_beside

    out, both = tmp_path / "records.jsonl", threading.Barrier(2)

    def run(word):
        with records_beside(out) as handle:
            for number in range(200):
                handle.write(json.dumps({"run": word, "n": number}) + "\n")
                if number == 100:
                    both.wait(timeout=10)  # both files are open and half written here

    # (runs of two processes have two pids; two threads of one are told apart here by patching getpid)
    import os
    from unittest import mock

    ids = iter([101, 202])
    with mock.patch.object(os, "getpid", lambda: next(ids)):
        first = threading.Thread(target=run, args=("a",))
        first.start()
        import time
        time.sleep(0.2)
        second = threading.Thread(target=run, args=("b",))
        second.start()
        first.join(), second.join()
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 200 and len({line["run"] for line in lines}) == 1 and not list(tmp_path.glob("*.partial"))
