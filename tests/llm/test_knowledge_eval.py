"""C-Eval and Xiezhi on folders written here in the official formats, scored by tiny Llamas."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from llm.knowledge_eval import BenchDataError, ceval, metrics, samples, xiezhi
from llm.knowledge_eval.chat import answer_frame, encode_prompt, render_conversation
from llm.knowledge_eval.records import CevalRecord
from llm.knowledge_eval.run import normalise, rank_of
from llm.template import END_TOKEN, META_INSTRUCTION

PACKAGE = Path(ceval.__file__).parent


class _NoChatTemplate:
    chat_template = None


# --------------------------------------------------------------------------- data in the official formats


@pytest.fixture(scope="session")
def ceval_dir(tmp_path_factory) -> Path:
    """Four subjects (one per category, one of them in C-Eval Hard), 6 val and 3 test questions each."""
    return samples.synthetic_ceval(tmp_path_factory.mktemp("ceval"), val=6, test=3, question_chars=12, option_chars=4, alphabet=60)


@pytest.fixture(scope="session")
def xiezhi_file(tmp_path_factory) -> Path:
    return samples.synthetic_xiezhi(tmp_path_factory.mktemp("xiezhi") / "xiezhi.v1.json", 24, question_chars=10, option_chars=3, alphabet=60)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MAPPING = '{\n\t"logic": [\n\t\t"Logic",\n\t\t"逻辑学",\n\t\t"Humanities"\n\t]\n}'
VAL = (
    "id,question,A,B,C,D,answer\n"
    '0,"下列推理中，\n正确的是____",甲,乙,"丙,丁",戊,C\n'
    "1,若p则q，非q，所以____,p,非p,q,非q,B\n"
)


def test_the_official_layout_reads_quoted_multiline_rows_and_keeps_their_first_line(tmp_path):
    write(tmp_path / "subject_mapping.json", MAPPING)
    val = write(tmp_path / "val" / "logic_val.csv", VAL)
    write(tmp_path / "dev" / "logic_dev.csv", "id,question,A,B,C,D,answer,explanation\n0,问____,a,b,c,d,A,1. 因为\n")
    data = ceval.load_ceval(tmp_path, "val", shots=1)
    first, second = data.questions["logic"]
    assert first.question == "下列推理中，\n正确的是____" and first.choices == ("甲", "乙", "丙,丁", "戊") and first.answer == "C"
    assert (first.source, second.source) == (f"{val}:2", f"{val}:4")
    assert data.subjects["logic"].category == "Humanities" and not data.subjects["logic"].hard
    assert [shot.answer for shot in data.dev["logic"]] == ["A"]


def test_the_test_split_reads_without_answers_and_limit_cuts_each_subject(ceval_dir):
    data = ceval.load_ceval(ceval_dir, "test", limit=2)
    assert set(data.questions) == set(samples.SUBJECTS)
    assert all(len(questions) == 2 and questions[0].answer is None for questions in data.questions.values())


def _bad_ceval(tmp_path: Path, case: str) -> tuple[Path, str]:
    if case != "no mapping":
        write(tmp_path / "subject_mapping.json", MAPPING)
    if case == "wrong header":
        return write(tmp_path / "val" / "logic_val.csv", "id,question,A,B,C,D,label\n0,问,a,b,c,d,A\n"), ":1: header is id,question,A,B,C,D,label"
    if case == "letter outside A-D":
        return write(tmp_path / "val" / "logic_val.csv", VAL + "2,问,a,b,c,d,E\n"), ":5: answer 'E' is not one of A, B, C, D"
    if case == "subject not in mapping":
        return write(tmp_path / "val" / "law_val.csv", VAL), ": subject 'law' is not in"
    write(tmp_path / "val" / "logic_val.csv", VAL)
    if case == "mapping entry without category":
        return write(tmp_path / "subject_mapping.json", '{\n "law": ["Law", "法学", "Humanities"],\n "logic": ["Logic", "逻辑学"]\n}'), ":3: logic: expected"
    return tmp_path / "subject_mapping.json", ": not found; C-Eval's subject_mapping.json"


def test_val_files_holding_their_header_only_are_one_error(tmp_path):
    # the bench ran 0/0 and its table failed on the missing average (AttributeError)
    write(tmp_path / "subject_mapping.json", MAPPING)
    write(tmp_path / "val" / "logic_val.csv", VAL.splitlines()[0] + "\n")
    with pytest.raises(BenchDataError, match=r"val: no questions in the val files"):
        ceval.load_ceval(tmp_path, "val")


@pytest.mark.parametrize("case", ["no mapping", "wrong header", "letter outside A-D", "subject not in mapping", "mapping entry without category"])
def test_bad_ceval_input_is_one_error_naming_the_file_and_line(tmp_path, case):
    path, expected = _bad_ceval(tmp_path, case)
    with pytest.raises(BenchDataError) as caught:
        ceval.load_ceval(tmp_path, "val")
    assert str(caught.value).startswith(str(path)) and expected in str(caught.value)
    assert "\n" not in str(caught.value)


def _record(options, answer=None, **extra) -> str:
    return json.dumps({"question": "问_____", "labels": ["理学"], "options": options, "answer": answer or options.split("\n")[0], **extra}, ensure_ascii=False)


def test_a_xiezhi_record_with_fewer_than_four_options_is_a_file_line_error(tmp_path):
    path = write(tmp_path / "x.json", _record("甲\n乙\n丙\n丁") + "\n" + _record("甲\n乙\n乙\n丙") + "\n")
    with pytest.raises(BenchDataError, match=rf"^{path}:2: 3 distinct options"):
        xiezhi.read_questions(path)


def test_a_pool_with_fewer_than_fifty_distinct_options_is_a_file_line_error(tmp_path):
    lines = [_record("\n".join(f"选项{4 * i + k}" for k in range(4))) for i in range(12)]  # 48 distinct options
    path = write(tmp_path / "x.json", "\n".join(lines) + "\n")
    with pytest.raises(BenchDataError, match=rf"^{path}:1: the file's option pool has 48 distinct options, 44 besides"):
        xiezhi.build_options(xiezhi.read_questions(path), seed=0)


def test_the_release_format_reads_newline_joined_options_and_lists_too(tmp_path):
    path = write(tmp_path / "x.json", _record(" 甲\n乙 \n丙\n丁", answer="乙") + "\n\n" + _record(["子", "丑", "寅", "卯"], answer="卯") + "\n")
    first, second = xiezhi.read_questions(path)
    assert (first.options, first.answer, first.line) == (["甲", "乙", "丙", "丁"], "乙", 1)
    assert (second.options[-1], second.answer, second.source) == ("卯", "卯", f"{path}:3")


# --------------------------------------------------------------------------- options and prompts


def test_each_question_ranks_its_answer_its_three_options_and_46_from_other_questions(xiezhi_file):
    questions = xiezhi.read_questions(xiezhi_file)
    items = xiezhi.build_options(questions, seed=0)
    pool = {option for question in questions for option in question.options}
    for item in items:
        own = set(item.question.options)
        assert len(item.options) == len(set(item.options)) == 50
        assert item.options[item.answer_index] == item.question.answer
        assert own <= set(item.options) and set(item.options) <= pool
    assert [item.options for item in xiezhi.build_options(questions, seed=0)] == [item.options for item in items]
    assert [item.options for item in xiezhi.build_options(questions, seed=1)] != [item.options for item in items]
    assert len({item.answer_index for item in items}) > 4  # shuffled: the answer is not always among the first four


def test_shots_share_a_discipline_with_the_question_and_are_never_the_question(xiezhi_file):
    questions = xiezhi.read_questions(xiezhi_file)
    items = xiezhi.build_options(questions, seed=0)
    pool = xiezhi.ShotPool(questions)
    for item in items:
        shots = pool.pick(item, 3, seed=0)
        assert len(shots) == 3 and item.question not in shots
        assert all(set(shot.labels) & set(item.question.labels) for shot in shots)
        assert pool.pick(item, 3, seed=0) == shots and pool.pick(item, 0, seed=0) == []


def test_the_ceval_zero_shot_prompt_is_the_instruction_and_question_in_cutegpt_template():
    subject = ceval.Subject(name="logic", english="Logic", chinese="逻辑学", category="Humanities")
    question = ceval.CevalQuestion(subject="logic", id="0", question="若p则q____", choices=("a", "b", "c", "d"), answer="B", source="x:2")
    shots, query = ceval.conversation(subject, question, [])
    assert render_conversation(_NoChatTemplate, shots, query) == (
        META_INSTRUCTION + "问：以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n\n若p则q____\nA. a\nB. b\nC. c\nD. d\n答案：\n答：\n"
    )


def test_five_shots_are_five_earlier_turns_answered_with_their_letter(ceval_dir):
    data = ceval.load_ceval(ceval_dir, "val", shots=5)
    question = data.questions["logic"][0]
    shots, query = ceval.conversation(data.subjects["logic"], question, data.dev["logic"])
    prompt = render_conversation(_NoChatTemplate, shots, query)
    assert [answer for _, answer in shots] == [shot.answer for shot in data.dev["logic"]]
    assert prompt.count("问：") == 6 and prompt.count("以下是中国关于逻辑学考试") == 1
    assert prompt.endswith(ceval.format_question(question) + "\n答：\n")


def test_the_xiezhi_prompt_lists_the_fifty_options_and_an_answer_ends_with_end(xiezhi_file):
    item = xiezhi.build_options(xiezhi.read_questions(xiezhi_file), seed=0)[0]
    shots, query = xiezhi.conversation(item, [], "zh")
    prompt = render_conversation(_NoChatTemplate, shots, query)
    assert prompt.endswith("选项：\n" + "\n".join(item.options) + "\n答：\n")
    assert answer_frame(_NoChatTemplate, shots, query, prompt) == ("", END_TOKEN)


def test_a_tokenizer_with_a_chat_template_gets_it_and_no_second_bos(bench_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(bench_model_dir)
    tokenizer.chat_template = (
        "{{ bos_token }}{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}<|end|>{% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>{% endif %}"
    )
    prompt = render_conversation(tokenizer, [("一", "A")], "二")
    assert prompt == "<s><|user|>一<|end|><|assistant|>A<|end|><|user|>二<|end|><|assistant|>"
    assert answer_frame(tokenizer, [("一", "A")], "二", prompt) == ("", "<|end|>")
    assert encode_prompt(tokenizer, prompt).count(tokenizer.bos_token_id) == 1


def test_language_is_read_from_the_questions(tmp_path):
    english = [xiezhi.XiezhiQuestion(question="Which river is longest?", options=["a"], answer="a", labels=[], line=1, path="x")]
    assert xiezhi.language(english) == "en"
    assert xiezhi.language([english[0].model_copy(update={"question": "哪条河最长？"})]) == "zh"


# --------------------------------------------------------------------------- metrics


def _ceval_record(subject, category, correct, hard=False):
    return CevalRecord(model="m", subject=subject, category=category, hard=hard, split="val", id="0", answer="A",
                       prediction="A" if correct else "B", correct=correct, logprobs={}, shots=0)


def test_categories_average_their_subjects_not_their_questions():
    records = [_ceval_record("logic", "Humanities", True)] + [_ceval_record("law", "Humanities", False)] * 3
    records += [_ceval_record("college_physics", "STEM", True, hard=True)]
    report = metrics.ceval_report(records)
    assert report.categories["Humanities"].accuracy == 50.0 and report.categories["Humanities"].questions == 4
    assert report.average.accuracy == pytest.approx(200 / 3) and report.hard.accuracy == 100.0
    assert "Other" not in report.categories


def test_the_submission_is_subject_to_id_to_letter():
    records = [_ceval_record("logic", "Humanities", True).model_copy(update={"id": "7", "answer": None, "correct": None})]
    assert metrics.submission(records) == {"logic": {"7": "A"}}
    assert metrics.ceval_report(records) is None


def test_a_tie_ranks_against_the_answer_and_random_mrr_is_h50_over_50():
    assert rank_of([0.0, 0.0, -1.0], answer=0) == 2 and rank_of([0.5, 0.0, 1.0], answer=2) == 1
    assert metrics.XiezhiReport.model_fields["random_mrr"].default == pytest.approx(0.0900, abs=1e-4)
    assert (normalise(-6.0, 3, "甲乙", "token"), normalise(-6.0, 3, "甲乙", "char"), normalise(-6.0, 3, "甲乙", "sum")) == (-2.0, -3.0, -6.0)


def test_labels_count_under_their_first_level_discipline_with_a_taxonomy(tmp_path):
    tree = write(tmp_path / "tree.json", json.dumps({"理学": {"物理学": ["声学"]}, "工学": {"力学": []}}, ensure_ascii=False))
    taxonomy = xiezhi.read_taxonomy(tree)
    assert xiezhi.label_levels(["声学", "力学"], taxonomy) == {3: {"声学"}, 1: {"理学", "工学"}, 2: {"力学"}}
    assert xiezhi.label_levels(["声学", "医学"], None) == {1: {"医学"}}


# --------------------------------------------------------------------------- the model


def _prompt_texts(ceval_dir: Path, xiezhi_file: Path) -> list[str]:
    data = ceval.load_ceval(ceval_dir, "val", shots=5)
    texts = [render_conversation(_NoChatTemplate, *ceval.conversation(data.subjects[q.subject], q, data.dev[q.subject])) + q.answer
             for questions in data.questions.values() for q in questions]
    items = xiezhi.build_options(xiezhi.read_questions(xiezhi_file), seed=0)
    return texts + [render_conversation(_NoChatTemplate, *xiezhi.conversation(item, [], "zh")) + item.question.answer + END_TOKEN for item in items]


@pytest.fixture(scope="session")
def bench_model_dir(tmp_path_factory, ceval_dir, xiezhi_file) -> Path:
    """A random tiny Llama whose tokenizer learnt the bench texts (short prompts, fast training)."""
    pytest.importorskip("transformers")
    from llm.tiny import save_tiny_model

    return save_tiny_model(tmp_path_factory.mktemp("bench-tiny"), _prompt_texts(ceval_dir, xiezhi_file), vocab_size=1200, hidden_size=64, heads=4)


def _answer_rows(tokenizer, ceval_dir: Path, xiezhi_file: Path) -> tuple[list, list]:
    """(prompt, answer) ids of every zero-shot C-Eval and Xiezhi question, built by the code under test."""
    from llm.knowledge_eval.chat import encode_answer
    from llm.knowledge_eval.run import _prompt_and_frame

    data = ceval.load_ceval(ceval_dir, "val")
    ceval_rows, xiezhi_rows = [], []
    for question in (q for questions in data.questions.values() for q in questions):
        prompt, lead, _ = _prompt_and_frame(tokenizer, *ceval.conversation(data.subjects[question.subject], question, []))
        ceval_rows.append((prompt, encode_answer(tokenizer, lead + question.answer)))
    for item in xiezhi.build_options(xiezhi.read_questions(xiezhi_file), seed=0):
        prompt, lead, tail = _prompt_and_frame(tokenizer, *xiezhi.conversation(item, [], "zh"))
        xiezhi_rows.append((prompt, encode_answer(tokenizer, lead + item.question.answer + tail)))
    return ceval_rows, xiezhi_rows


@pytest.fixture(scope="session")
def trained_dir(tmp_path_factory, bench_model_dir, ceval_dir, xiezhi_file) -> Path:
    """The tiny model after 60 full-batch AdamW steps on the right answers (about 5 s on 2 cores)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(bench_model_dir)
    model = AutoModelForCausalLM.from_pretrained(bench_model_dir)
    batches = []
    for group in _answer_rows(tokenizer, ceval_dir, xiezhi_file):  # C-Eval prompts are short, Xiezhi's long: padded apart
        width = max(len(p) + len(a) for p, a in group)
        ids = torch.zeros(len(group), width, dtype=torch.long)
        labels = torch.full_like(ids, -100)
        for index, (prompt, answer) in enumerate(group):
            ids[index, : len(prompt) + len(answer)] = torch.tensor(prompt + answer)
            labels[index, len(prompt) : len(prompt) + len(answer)] = torch.tensor(answer)
        batches.append((ids, labels))
    torch.manual_seed(0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    model.train()
    for _ in range(60):
        for ids, labels in batches:
            model(input_ids=ids, labels=labels).loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    out = tmp_path_factory.mktemp("bench-trained")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def bench_lora_dir(tmp_path_factory, bench_model_dir) -> Path:
    """CuteGPT's LoRA settings on the bench model, B made non-zero so the adapter changes scores."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    config = LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(bench_model_dir), config)
    torch.manual_seed(1)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0, 0.1)
    out = tmp_path_factory.mktemp("bench-lora")
    model.save_pretrained(out)
    return out


def _load(path):
    from llm.hf_runtime import HFRuntime

    return HFRuntime.load(path, device="cpu")


def _reference(model, prompt: list[int], option: list[int]) -> float:
    """The same sum from one forward pass over prompt + option, nothing shared or padded."""
    import torch

    with torch.no_grad():
        logprobs = model(torch.tensor([prompt + option])).logits[0].float().log_softmax(-1)
    return sum(float(logprobs[len(prompt) - 1 + step, token]) for step, token in enumerate(option))


def _requests(tokenizer, ceval_dir, xiezhi_file):
    from llm.knowledge_eval.chat import encode_answer

    ceval_rows, xiezhi_rows = _answer_rows(tokenizer, ceval_dir, xiezhi_file)
    rows = ceval_rows + xiezhi_rows
    # Real prompts of different lengths, each with options of one to many tokens.
    options = [encode_answer(tokenizer, text) for text in ("A", "丙", "甲乙丙丁" + END_TOKEN, "Z" * 7)]
    return [(prompt, options + [answer]) for prompt, answer in rows[::5]]


@pytest.mark.parametrize("fixture", ["bench_model_dir", "bench_lora_dir"])
def test_option_loglikelihood_equals_a_forward_pass_over_the_whole_sequence(request, fixture, ceval_dir, xiezhi_file):
    from llm.knowledge_eval.scorer import OptionScorer

    runtime = _load(request.getfixturevalue(fixture))
    requests = _requests(runtime.tokenizer, ceval_dir, xiezhi_file)
    scores = OptionScorer(runtime.model, batch_size=3).score(requests)
    for (prompt, options), got in zip(requests, scores):
        assert got == pytest.approx([_reference(runtime.model, list(prompt), list(option)) for option in options], abs=1e-5)
    if fixture == "bench_lora_dir":  # the adapter is really applied: the base model scores otherwise
        base = OptionScorer(_load(request.getfixturevalue("bench_model_dir")).model).score(requests[:1])
        assert max(abs(a - b) for a, b in zip(base[0], scores[0])) > 1e-2


def test_batched_scores_equal_unbatched_ones(bench_model_dir, ceval_dir, xiezhi_file):
    from llm.knowledge_eval.scorer import OptionScorer

    runtime = _load(bench_model_dir)
    requests = _requests(runtime.tokenizer, ceval_dir, xiezhi_file)
    one = OptionScorer(runtime.model, batch_size=1).score(requests)
    many = OptionScorer(runtime.model, batch_size=4).score(requests)
    assert all(a == pytest.approx(b, abs=1e-5) for a, b in zip(one, many))


def _ceval_accuracy(path, ceval_dir) -> float:
    from llm.knowledge_eval.run import run_ceval

    runtime = _load(path)
    return metrics.ceval_report(run_ceval(runtime.model, runtime.tokenizer, ceval.load_ceval(ceval_dir, "val"), name="m")).average.accuracy


def _xiezhi_mrr(path, xiezhi_file) -> float:
    from llm.knowledge_eval.run import run_xiezhi

    runtime = _load(path)
    items = xiezhi.build_options(xiezhi.read_questions(xiezhi_file), seed=0)
    return metrics.xiezhi_report(run_xiezhi(runtime.model, runtime.tokenizer, items, name="m")).overall.mrr


def test_ceval_a_model_trained_on_the_answers_beats_random_and_the_untrained_one_does_not(bench_model_dir, trained_dir, ceval_dir):
    # 24 questions: a random guesser's accuracy has a standard deviation of 8.8 points around 25.
    assert abs(_ceval_accuracy(bench_model_dir, ceval_dir) - 25.0) <= 20.0
    assert _ceval_accuracy(trained_dir, ceval_dir) >= 60.0


def test_xiezhi_a_model_trained_on_the_answers_beats_random_and_the_untrained_one_does_not(bench_model_dir, trained_dir, xiezhi_file):
    # 24 questions: a random ranking's MRR is 0.090 with a standard deviation of about 0.03.
    assert _xiezhi_mrr(bench_model_dir, xiezhi_file) < 0.2
    assert _xiezhi_mrr(trained_dir, xiezhi_file) >= 0.5


def test_few_shot_runs_rank_the_same_options_whatever_the_batch_size(bench_model_dir, xiezhi_file):
    from llm.knowledge_eval.run import run_xiezhi

    runtime = _load(bench_model_dir)
    questions = xiezhi.read_questions(xiezhi_file)
    items = xiezhi.build_options(questions, seed=3)[:6]
    small, large = (run_xiezhi(runtime.model, runtime.tokenizer, items, name="m", examples=questions, shots=3, seed=3, batch_size=size) for size in (1, 16))
    assert [r.rank for r in small] == [r.rank for r in large] and small[0].shots == 3 and small[0].seed == 3
    assert small[0].scores == pytest.approx(large[0].scores, abs=1e-5)


# --------------------------------------------------------------------------- the package's place


def test_importing_the_package_loads_no_heavy_library():
    modules = ", ".join(f"llm.knowledge_eval.{path.stem}" for path in sorted(PACKAGE.glob("*.py")) if path.stem != "__init__")
    code = f"import sys, {modules}; print(sorted(m for m in ('torch', 'transformers', 'peft') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_imports_nothing_from_the_layers_above_llm():
    above = ("agent", "training", "cli")
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [name for name in names if name.split(".")[0] in above], f"{path.name} imports {names}"


def test_a_xiezhi_file_that_is_not_utf8_or_is_a_folder_is_one_error_naming_it(tmp_path):
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('\n{"question": "café"}\n'.encode("latin-1"))
    with pytest.raises(BenchDataError, match=r"latin1.json:2: not UTF-8 text \(byte 0xe9\)"):
        xiezhi.read_questions(latin1)
    with pytest.raises(BenchDataError, match=r"latin1.json: not UTF-8 text"):
        xiezhi.read_taxonomy(latin1)
    with pytest.raises(BenchDataError, match=rf"^{tmp_path}: a folder; give the question file in it"):
        xiezhi.read_questions(tmp_path)


def test_a_ceval_csv_that_is_not_utf8_is_one_error_naming_its_line(tmp_path):
    bad = tmp_path / "law_val.csv"
    bad.write_bytes("id,question,A,B,C,D,answer\n0,问题,甲,乙,丙,丁,A\n".encode() + b"1,\xf5\xff,a,b,c,d,B\n")
    with pytest.raises(BenchDataError, match=r"law_val.csv:3: not UTF-8 text \(byte 0xf5\)"):
        ceval.read_questions(bad, "law", need_answers=True)


def test_a_taxonomy_nested_deep_is_one_error_naming_it(tmp_path):
    deep = tmp_path / "tax.json"
    deep.write_text("{" + '"a": {' * 50_000 + "}" * 50_001)
    with pytest.raises(BenchDataError, match=r"tax.json:1: nested too deep to be a taxonomy"):
        xiezhi.read_taxonomy(deep)


def test_a_xiezhi_file_that_is_a_pipe_is_not_called_missing(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(BenchDataError, match="not a regular file"):
        xiezhi.read_questions(fifo)
