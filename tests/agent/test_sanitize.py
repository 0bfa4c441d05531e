"""Issue 14, class 6: one sanitising step at the output boundary, for every renderer and writer."""

import json

import pytest
from typer.testing import CliRunner

from cli import main as cli
from agent.evaluate import Record, read_records
from agent.sanitize import clean, clean_text
from agent.types import Answer, Call

ESC, CSI, BIDI, LONE = "\x1b", "\x9b", "\u202e", "\udcff"
HOSTILE = f"{LONE}三体{ESC}[2J{ESC}]0;pwned\x07{CSI}31m\r[INFO] fake{BIDI}txt.exe\x08"
FORBIDDEN = [ESC, CSI, BIDI, LONE, "\x07", "\r", "\x08"]


def test_clean_text_makes_controls_visible_and_replaces_lone_surrogates():
    assert clean_text(HOSTILE) == "\ufffd三体\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x0d[INFO] fake\\u202etxt.exe\\x08"
    assert clean_text("\ud83d\ude00") == "\ufffd\ufffd"  # a pair split into two code points is no character
    assert clean_text("\U0001f600") == "\U0001f600"


def test_clean_keeps_ordinary_text_and_the_very_objects():
    text = "三体的作者是刘慈欣\n\tdef search():\n"
    assert clean_text(text) is text
    answer = Answer(question="三体", need_knowledge=True, answer="刘慈欣", calls=[Call(function="f", arguments={"a": ["b"]})])
    assert clean(answer) is answer
    value = {"k": [1, 2.5, None, True, ("x",)]}
    assert clean(value) is value


def test_clean_walks_models_dicts_and_lists_and_cuts_what_is_too_deep():
    call = Call(function="get_entity_info", arguments={HOSTILE: [HOSTILE]}, result={"x": (HOSTILE, 1)}, message=HOSTILE)
    answer = Answer(question=HOSTILE, need_knowledge=True, answer=HOSTILE, calls=[call], messages=[HOSTILE])
    safe = clean(answer)
    dumped = safe.model_dump_json()  # would raise on the lone surrogate
    assert not any(char in json.loads(dumped).__repr__() for char in FORBIDDEN)
    assert safe.calls[0].result["x"][1] == 1 and answer.answer == HOSTILE  # the original is untouched
    deep = [1]
    for _ in range(200):
        deep = [deep]
    assert json.dumps(clean(deep)).count("[") <= 64


# ------------------------------------------------------------------ every renderer and writer

runner = CliRunner()


def hostile_answer(question: str = HOSTILE) -> Answer:
    call = Call(function="find_entity_or_value", arguments={"entity_aliases": [HOSTILE], "relation_aliases": ["作者"]},
                result=[HOSTILE], message=f"没有在知识图谱中找到实体“{HOSTILE}”。")
    return Answer(question=question, need_knowledge=True, thought=HOSTILE, code=f"print('{HOSTILE}')\n", calls=[call],
                  messages=[call.message], answer=f"抱歉：{HOSTILE}", error=HOSTILE, error_stage="execution",
                  planner="scripted", answerer="scripted")


class FakeAgent:
    """What build_agent returns, answering every question with hostile text (streamed in chat)."""

    class planner:
        name = "scripted"

    class answerer:
        name = "scripted"

    def ask(self, question, history=(), on_token=None):
        if on_token is not None:
            for piece in (HOSTILE[:5], HOSTILE[5:]):
                on_token(piece)
        return hostile_answer()

    def ask_batch(self, questions):
        return [hostile_answer() for _ in questions]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


@pytest.fixture
def fake_agent(monkeypatch):
    monkeypatch.setattr(cli, "build_agent", lambda *args, **kwargs: FakeAgent())


def assert_safe(text: str) -> None:
    assert not [char for char in FORBIDDEN if char in text], repr(text[:400])


@pytest.mark.parametrize("flags", [[], ["--trace"], ["--json"]], ids=["plain", "trace", "json"])
def test_ask_renders_hostile_text_safely(fake_agent, flags):
    result = runner.invoke(cli.app, ["ask", "三体的作者是谁", *flags])
    assert result.exit_code == 1, result.output  # the hostile answer carries an error_stage
    assert_safe(result.output)
    assert "\\x1b" in result.output or "\\\\x1b" in result.output  # visible, not dropped
    if flags == ["--json"]:
        assert Answer.model_validate_json(result.stdout).answer.startswith("抱歉")


@pytest.mark.parametrize("flags", [[], ["--trace"]], ids=["streamed", "trace"])
def test_chat_renders_hostile_text_safely(fake_agent, flags):
    result = runner.invoke(cli.app, ["chat", *flags], input="三体的作者是谁\n/exit\n")
    assert result.exit_code == 0, result.output
    assert_safe(result.output)


def test_eval_writes_records_and_reports_hostile_text_safely(fake_agent, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "三体的作者是谁", "answers": ["刘慈欣"], "type": f"单跳{ESC}[31m"}) + "\n",
                         encoding="utf-8")
    records = tmp_path / "records.jsonl"
    for flags in ([], ["--json"]):
        result = runner.invoke(cli.app, ["eval", str(questions), "--out", str(records), *flags, "--force"])
        assert result.exit_code == 0, result.output
        assert_safe(result.output)
    text = records.read_text(encoding="utf-8")  # UTF-8 without surrogates, or this raises
    assert_safe(text)
    [record] = read_records(records)
    assert isinstance(record, Record) and record.result.answer.startswith("抱歉")


def test_kg_lookup_and_stats_render_hostile_names_safely(tmp_path):
    graph = tmp_path / "kg.tsv"
    graph.write_text(f"三体{ESC}[31m\t作者{BIDI}\t刘慈欣{CSI}2J\n", encoding="utf-8")
    for args in (["kg", "lookup", str(graph), f"三体{ESC}[31m"], ["kg", "lookup", str(graph), f"三体{ESC}[31m", f"作者{BIDI}"],
                 ["kg", "stats", str(graph)], ["kg", "lookup", str(graph), f"无{LONE}{ESC}[2J"]):
        result = runner.invoke(cli.app, args)
        assert result.exit_code == 0, result.output
        assert_safe(result.output)


@pytest.mark.parametrize("flags", [[], ["--trace"], ["--json"]], ids=["plain", "trace", "json"])
def test_an_escape_in_the_question_comes_back_through_the_kg_made_visible(flags):
    result = runner.invoke(cli.app, ["ask", f"《{ESC}[2J{ESC}]0;x\x07不存在的书{CSI}31m》的作者是谁", *flags])
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
