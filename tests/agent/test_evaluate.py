"""Scoring rules and the questions-file reader of `agent eval`."""

import pytest

from agent.evaluate import EvalFileError, Question, is_correct, load_questions
from agent.types import Answer


def answer(text, need=True):
    return Answer(question="q", need_knowledge=need, answer=text)


@pytest.mark.parametrize(
    "golds, text, expected",
    [
        (["鹿晗"], "男主角是鹿晗。", True),
        (["鹿晗", "重返20岁"], "男主角是鹿晗。", False),
        (["鹿晗|Lu Han"], "The lead is LU HAN.", True),
        ([], "anything", True),
    ],
)
def test_every_gold_string_must_appear_with_alternatives_split_on_bars(golds, text, expected):
    assert is_correct(Question(question="q", answers=golds), answer(text)) is expected


def test_need_knowledge_must_match_when_the_line_gives_it():
    question = Question(question="你好", answers=[], need_knowledge=False)
    assert is_correct(question, answer("你好！", need=False))
    assert not is_correct(question, answer("你好！", need=True))


def test_load_questions_names_file_and_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "a", "answers": ["b"]}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"q.jsonl:3"):
        load_questions(path)


def test_load_questions_rejects_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="no questions"):
        load_questions(empty)
    with pytest.raises(EvalFileError, match="no such file"):
        load_questions(tmp_path / "missing.jsonl")


def test_read_records_reads_what_eval_writes_and_names_a_bad_line(tmp_path):
    from agent.evaluate import Record, read_records, write_record

    path = tmp_path / "records.jsonl"
    record = Record(question=Question(question="q", answers=["a"]), correct=True, result=answer("a"))
    with path.open("w", encoding="utf-8") as handle:
        write_record(handle, record)
        handle.write('{"question": {"question": "q"}}\n')
    with pytest.raises(EvalFileError, match=r"records.jsonl:2"):
        read_records(path)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert read_records(path) == [record]


def test_summarise_counts_types_errors_and_latency_of_records_read_back():
    from agent.evaluate import Record, summarise

    def record(kind, correct, stage=None, ms=10.0):
        result = Answer(question="q", need_knowledge=True, answer="a", error_stage=stage, timings_ms={"total_ms": ms})
        return Record(question=Question(question="q", type=kind), correct=correct, result=result)

    report = summarise([record("1hop", True), record("1hop", False, "plan", 30.0), record("2hop", False, "execution")])
    assert report.total == 3 and report.correct == 1 and report.by_type == {"1hop": (1, 2), "2hop": (0, 1)}
    assert report.plan_parse_rate == pytest.approx(2 / 3) and report.execution_error_rate == pytest.approx(1 / 3)
    assert report.latency_p50_ms == 10.0


def test_parse_records_names_the_upload_and_line_of_a_bad_record():
    from agent.evaluate import parse_records

    with pytest.raises(EvalFileError, match=r"upload.jsonl:2"):
        parse_records(b'\n{"question": {"question": "q"}}\n', "upload.jsonl")
    with pytest.raises(EvalFileError, match="not UTF-8"):
        parse_records(b"\xff\xfe", "upload.jsonl")


@pytest.mark.parametrize("line", ['{"question": "a"}', '{"question": "a", "answers": []}', '{"question": "a", "answers": [], "need_knowledge": true}'])
def test_a_question_without_gold_answers_is_refused_with_file_and_line(tmp_path, line):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "ok", "answers": ["b"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"q.jsonl:2: answers: no gold answers.*need_knowledge"):
        load_questions(path)


@pytest.mark.parametrize(("line", "says"), [
    ('{"question": "a", "answers": ["b"], "need_knowledge": "yes"}', r"q.jsonl:1: need_knowledge: Input should be a valid boolean"),
    ('{"question": "a", "answers": ["b"], "need_knowledge": 1}', r"q.jsonl:1: need_knowledge"),
    ('{"question": "a", "answers": ["\\u200b"]}', r"q.jsonl:1: answers\[0\].*empty gold string"),
    ('{"question": "a", "answers": ["b|\\ufeff "]}', r"q.jsonl:1: answers\[0\].*empty gold string"),
])
def test_a_gold_line_of_the_wrong_type_or_invisible_is_refused(tmp_path, line, says):
    path = tmp_path / "q.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=says):
        load_questions(path)


def test_a_no_knowledge_question_may_have_no_answers(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "你好", "answers": [], "type": "no_knowledge", "need_knowledge": false}\n', encoding="utf-8")
    assert load_questions(path)[0].type == "no_knowledge"


def test_lines_without_a_type_are_grouped_as_untyped_not_a_second_all():
    from agent.evaluate import Record, summarise

    record = Record(question=Question(question="q", answers=["x"]), correct=True, result=answer("x"))
    assert summarise([record]).by_type == {"(no type)": (1, 1)}


def test_an_empty_type_is_grouped_as_untyped_not_a_blank_name():
    assert Question(question="q", answers=["x"], type="").type == "(no type)"
    assert Question(question="q", answers=["x"], type="  ").type == "(no type)"


def test_a_files_own_type_named_all_or_untyped_is_a_group_of_its_own():
    from agent.evaluate import ALL_TYPES, NO_TYPE

    from agent.evaluate import Record, summarise

    records = [Record(question=Question(question="q", answers=["x"], **({"type": t} if t else {})), correct=True, result=answer("x"))
               for t in ("all", "untyped", None)]
    assert summarise(records).by_type == {NO_TYPE: (1, 1), "all": (1, 1), "untyped": (1, 1)}
    assert ALL_TYPES not in summarise(records).by_type
