"""Dialogue formats and conversion, pinned on literal examples with a one-char-per-token tokenizer.

With that tokenizer the meta instruction is 49 tokens, `问：甲\\n答：\\n` is 7 and `乙<end>` is 2,
so every expected length below can be checked by counting characters."""

from __future__ import annotations

import json
import pickle
import re

import pytest

from llm.template import END_TOKEN, META_INSTRUCTION
from training.data import (
    IGNORE_INDEX,
    DataFormatError,
    collate,
    encode_dialogues,
    load_dataset,
    read_dialogues,
    save_dataset,
    turn_prompt,
    write_dialogues,
)

META = len(META_INSTRUCTION)  # 49 characters = 49 tokens
UPSTREAM_EXAMPLE = [  # the shape of upstream's README "Data Format" example
    [{"instruction": "请帮我生成一首诗。", "input": "", "output": "好的，请给我一些关键词。"},
     {"instruction": "月亮、海浪、夜晚。", "input": "", "output": "心中的孤独由天空掩盖，\n夜幕笼罩下。"}],
    [{"instruction": "根据给定的数据集，训练一个模型。", "input": "垃圾邮件数据集", "output": "要训练一个能..."}],
]


def one_turn(instruction: str, output: str) -> list[dict[str, str]]:
    return [{"instruction": instruction, "input": "", "output": output}]


def encode(dialogues, tokenizer, **kwargs):
    return encode_dialogues(dialogues, tokenizer, add_bos=False, **{"seed": 0, **kwargs})


@pytest.mark.parametrize("suffix", [".pkl", ".jsonl"])
def test_dialogues_round_trip_through_pickle_and_jsonl(tmp_path, suffix):
    path = write_dialogues(UPSTREAM_EXAMPLE, tmp_path / f"ift_data{suffix}")
    assert read_dialogues(path) == UPSTREAM_EXAMPLE


def test_pickle_written_is_upstreams_plain_list_of_lists_of_dicts(tmp_path):
    path = write_dialogues(UPSTREAM_EXAMPLE, tmp_path / "ift_data.pkl")
    assert pickle.loads(path.read_bytes()) == UPSTREAM_EXAMPLE  # what upstream's convert_data.py loads


def test_pickle_and_jsonl_convert_into_each_other(tmp_path):
    jsonl = write_dialogues(read_dialogues(write_dialogues(UPSTREAM_EXAMPLE, tmp_path / "a.pkl")), tmp_path / "b.jsonl")
    assert read_dialogues(write_dialogues(read_dialogues(jsonl), tmp_path / "c.pkl")) == UPSTREAM_EXAMPLE


def test_a_pickle_that_would_run_code_is_refused(tmp_path):
    path = tmp_path / "evil.pkl"
    path.write_bytes(pickle.dumps([[{"instruction": "x", "output": "y", "input": pickle.PickleError()}]]))
    with pytest.raises(DataFormatError, match="refusing"):
        read_dialogues(path)


def test_a_bad_jsonl_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('[{"instruction": "a", "input": "", "output": "b"}]\n{"instruction": "a"}\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"d.jsonl:2"):
        read_dialogues(path)


def test_turn_prompt_is_the_inference_template_with_input_on_its_own_line():
    assert turn_prompt({"instruction": "甲", "input": "", "output": "x"}) == "问：甲\n答：\n"
    assert turn_prompt({"instruction": "甲", "input": "乙", "output": "x"}) == "问：甲\n乙\n答：\n"


def test_only_answers_and_end_and_eos_are_labelled(char_tokenizer):
    rows, stats = encode([one_turn("甲", "乙")], char_tokenizer, max_length=100)
    (ids, labels), = rows
    end, eos = char_tokenizer.convert_tokens_to_ids(END_TOKEN), char_tokenizer.eos_token_id
    assert char_tokenizer.decode(ids) .replace(" ", "") == (META_INSTRUCTION + "问：甲\n答：\n乙" + END_TOKEN + "</s>").replace(" ", "")
    assert len(ids) == META + 7 + 2 + 1
    assert labels == [IGNORE_INDEX] * (META + 7) + [ids[META + 7], end, eos]
    assert (stats.tokens, stats.label_tokens, stats.truncated, stats.dropped) == (59, 3, [], [])


def test_bos_starts_every_row_as_the_runtime_encodes_prompts(char_tokenizer):
    rows, stats = encode_dialogues([one_turn("甲", "乙")], char_tokenizer, max_length=100, add_bos=True)
    assert rows[0][0][0] == char_tokenizer.bos_token_id and rows[0][1][0] == IGNORE_INDEX
    assert stats.bos and len(rows[0][0]) == 60


def test_dialogues_pack_into_one_multi_turn_row_when_they_fit(char_tokenizer):
    dialogues = [one_turn("甲", "乙"), one_turn("丙", "丁")]
    rows, stats = encode(dialogues, char_tokenizer, max_length=100, pack_max=10, seed=1)
    assert stats.sequences == 1 and len(rows[0][0]) == META + 2 * (7 + 2) + 1
    text = char_tokenizer.decode(rows[0][0]).replace(" ", "")
    assert text.count("问：") == 2 and text.count(END_TOKEN) == 2 and text.count(META_INSTRUCTION[:10]) == 1


def test_pack_max_one_turns_packing_off(char_tokenizer):
    rows, stats = encode([one_turn("甲", "乙")] * 3, char_tokenizer, max_length=100, pack_max=1)
    assert stats.sequences == 3 and all(len(ids) == META + 10 for ids, _ in rows)


def test_a_pack_closes_before_it_would_overflow(char_tokenizer):
    # meta + one 9-token sample + EOS is 59; two samples need 68, one more than max_length 67.
    rows, stats = encode([one_turn("甲", "乙")] * 3, char_tokenizer, max_length=67, pack_max=10)
    assert stats.sequences == 3 and stats.truncated == [] and stats.dropped == []
    assert sum(1 for ids, _ in rows for token in ids if token == char_tokenizer.convert_tokens_to_ids(END_TOKEN)) == 3
    rows, stats = encode([one_turn("甲", "乙")] * 3, char_tokenizer, max_length=68, pack_max=10)
    assert sorted(len(ids) for ids, _ in rows) == [59, 68]


def test_a_long_answer_is_truncated_and_counted(char_tokenizer):
    rows, stats = encode([one_turn("甲", "乙" * 20)], char_tokenizer, max_length=META + 7 + 5 + 1)
    (ids, labels), = rows
    assert stats.truncated == [(0, 0)] and stats.dropped == []
    assert len(ids) == META + 7 + 5 + 1
    assert sum(1 for x in labels if x != IGNORE_INDEX) == 6  # 5 answer tokens kept + EOS; <end> was cut


def test_a_sample_whose_prompt_cannot_fit_is_dropped_and_reported_not_lost_silently(char_tokenizer):
    dialogues = [one_turn("甲", "乙"), one_turn("丙" * 30, "丁")]
    rows, stats = encode(dialogues, char_tokenizer, max_length=META + 20, pack_max=1)
    assert stats.dropped == [(1, 0)] and stats.samples == 2 and stats.sequences == 1
    assert len(rows[0][0]) == META + 10


def test_a_dialogue_longer_than_a_row_continues_in_a_new_row(char_tokenizer):
    dialogue = one_turn("甲", "乙" * 10) + one_turn("丙", "丁" * 10)  # 7 + 11 tokens per turn
    rows, stats = encode([dialogue], char_tokenizer, max_length=META + 25)
    assert stats.split_dialogues == 1 and stats.sequences == 2 and stats.truncated == []


def test_a_max_length_shorter_than_the_meta_instruction_is_an_error(char_tokenizer):
    with pytest.raises(ValueError, match="no room"):
        encode([one_turn("甲", "乙")], char_tokenizer, max_length=40)


def test_same_seed_same_rows(char_tokenizer):
    dialogues = [one_turn(c, c * i) for i, c in enumerate("甲乙丙丁戊己庚辛", 1)]
    first, _ = encode(dialogues, char_tokenizer, max_length=200, pack_max=3, seed=7)
    again, _ = encode(dialogues, char_tokenizer, max_length=200, pack_max=3, seed=7)
    assert first == again


def test_stats_report_lengths(char_tokenizer):
    _, stats = encode([one_turn("甲", "乙"), one_turn("甲", "乙乙乙")], char_tokenizer, max_length=100, pack_max=1)
    assert stats.lengths == {"min": 59.0, "mean": 60.0, "p50": 61.0, "p95": 61.0, "max": 61.0}


def test_saved_dataset_loads_back_with_its_tokenizer(tmp_path, char_tokenizer):
    rows, stats = encode([one_turn("甲", "乙")], char_tokenizer, max_length=100)
    save_dataset(tmp_path / "ds", rows, stats, char_tokenizer)
    loaded, loaded_stats = load_dataset(tmp_path / "ds")
    assert loaded == rows and loaded_stats == stats
    assert (tmp_path / "ds" / "tokenizer" / "tokenizer.json").exists()


def test_collate_pads_right_with_ignored_labels_and_zero_attention():
    batch = collate([([5, 6, 7], [-100, 6, 7]), ([8], [8])], pad_id=0)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["labels"].tolist() == [[-100, 6, 7], [8, -100, -100]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]


def test_a_broken_or_incomplete_trajectory_line_names_file_and_line(tmp_path):
    from training.data import DataFormatError, read_any

    good = '{"question": "q", "kind": "no_knowledge", "plan": {"need_knowledge": false, "thought": "t", "code": ""}}'
    (tmp_path / "broken.jsonl").write_text(good + "\n\n" + '{"question": "x", broken\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"broken.jsonl:3: not JSON"):
        read_any(tmp_path / "broken.jsonl")
    (tmp_path / "noplan.jsonl").write_text('{"question": "x", "kind": "one_hop"}\n' + good + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"noplan.jsonl:1: plan"):
        read_any(tmp_path / "noplan.jsonl")


def test_an_empty_input_or_a_folder_is_not_converted(tmp_path):
    from training.data import DataFormatError, read_any

    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="empty.jsonl: no dialogues"):
        read_any(tmp_path / "empty.jsonl")
    with pytest.raises(DataFormatError, match="a folder"):
        read_any(tmp_path)


def test_a_missing_or_empty_tokenizer_folder_says_so_in_local_words(tmp_path):
    from training.data import EncodingSetupError, prepare_tokenizer

    with pytest.raises(EncodingSetupError, match=f"no such folder: {tmp_path / 'nope'}$"):
        prepare_tokenizer(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(EncodingSetupError, match="empty: no tokenizer files") as caught:
        prepare_tokenizer(tmp_path / "empty")
    assert "\n" not in str(caught.value)


def test_a_corrupt_dataset_line_names_the_file_and_line(tmp_path, char_tokenizer):
    from training.data import DataFormatError, load_dataset

    rows, stats = encode_dialogues([[{"instruction": "甲", "input": "", "output": "乙"}]] * 3, char_tokenizer, max_length=64, pack_max=1)
    out = save_dataset(tmp_path / "data", rows, stats, char_tokenizer)
    lines = (out / "dataset.jsonl").read_text().splitlines()
    (out / "dataset.jsonl").write_text(lines[0] + "\n" + lines[1][:50] + "\n")
    with pytest.raises(DataFormatError, match=r"dataset.jsonl:2: not JSON"):
        load_dataset(out)


def test_a_row_longer_than_the_datasets_max_length_or_with_a_mask_of_another_length_is_named(tmp_path, char_tokenizer):
    import json

    from training.data import DataFormatError, load_dataset

    rows, stats = encode_dialogues([[{"instruction": "甲", "input": "", "output": "乙"}]] * 3, char_tokenizer, max_length=64, pack_max=1)
    out = save_dataset(tmp_path / "data", rows, stats, char_tokenizer)
    lines = (out / "dataset.jsonl").read_text().splitlines()
    long = json.loads(lines[1])
    long = {key: (value * 40)[:100] for key, value in long.items()}
    (out / "dataset.jsonl").write_text("\n".join([lines[0], json.dumps(long), lines[2]]) + "\n")
    with pytest.raises(DataFormatError, match=r"dataset.jsonl:2: 100 tokens, more than the dataset's max_length 64"):
        load_dataset(out)  # (trained on without a word)
    masked = json.loads(lines[0]) | {"attention_mask": [1, 1]}
    (out / "dataset.jsonl").write_text("\n".join([json.dumps(masked), lines[1], lines[2]]) + "\n")
    with pytest.raises(DataFormatError, match=r"dataset.jsonl:1: attention_mask has 2 entries for \d+ input_ids"):
        load_dataset(out)


def test_a_stats_file_of_the_wrong_shape_is_named_in_a_sentence_not_pydantics_dump(tmp_path, char_tokenizer):
    from training.data import DataFormatError, load_dataset

    rows, stats = encode_dialogues([[{"instruction": "甲", "input": "", "output": "乙"}]] * 3, char_tokenizer, max_length=64, pack_max=1)
    out = save_dataset(tmp_path / "data", rows, stats, char_tokenizer)
    (out / "stats.json").write_text("[]")
    with pytest.raises(DataFormatError, match=r"stats.json: not a stats file \(the file: Input should be an object\)") as raised:
        load_dataset(out)
    assert "errors.pydantic.dev" not in str(raised.value)


def test_a_file_that_is_not_utf8_names_its_line_in_every_reader(tmp_path):
    from training.data import read_any

    good = '[{"instruction": "a", "input": "", "output": "b"}]\n'
    path = tmp_path / "d.jsonl"
    path.write_bytes(good.encode() + b'\xff\xfe{"x"\n')
    for read in (read_dialogues, read_any):
        with pytest.raises(DataFormatError, match=r"d.jsonl:2: not UTF-8 text \(byte 0xff\)"):
            read(path)
    store = tmp_path / "k.kgdb"
    store.write_bytes(b"SQLite format 3\x00\xff")
    with pytest.raises(DataFormatError, match=r"k.kgdb: a KG store, not dialogues"):
        read_any(store)
    dataset = tmp_path / "ds"
    dataset.mkdir()
    (dataset / "dataset.jsonl").write_bytes(b"\x9a\x00binary")
    (dataset / "stats.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"dataset.jsonl:1: not UTF-8 text .*convert the data again"):
        load_dataset(dataset)


def test_a_trajectory_whose_question_is_blank_names_file_and_line(tmp_path):
    from training.data import DataFormatError, read_any

    line = '{"question": "   ", "kind": "no_knowledge", "plan": {"need_knowledge": false, "thought": "t", "code": ""}}'
    (tmp_path / "blank.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"blank.jsonl:1: question is empty or only whitespace"):
        read_any(tmp_path / "blank.jsonl")


def test_a_tokenizer_json_of_the_wrong_shape_or_a_broken_chat_template_names_the_folder(tmp_path, char_tokenizer):
    # `agent data convert --tokenizer` and `agent train` (the dataset's tokenizer/) load through these.
    from training.data import EncodingSetupError, load_tokenizer, training_template

    folder = tmp_path / "tok"
    char_tokenizer.save_pretrained(folder)
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    (folder / "tokenizer_config.json").write_text(json.dumps(config | {"chat_template": "{% if %}{{ messages }}"}), encoding="utf-8")
    with pytest.raises(EncodingSetupError, match=f"^{re.escape(str(folder))}: .*chat_template.*TemplateSyntaxError"):
        training_template("chat", load_tokenizer(folder))
    (folder / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(EncodingSetupError, match=f"^{re.escape(str(folder))}: cannot load a tokenizer: .*wrong shape"):
        load_tokenizer(folder)


def test_a_trajectory_that_needs_knowledge_but_has_no_code_names_file_and_line(tmp_path):
    from training.data import DataFormatError, read_any

    good = '{"question": "你好", "kind": "no_knowledge", "plan": {"need_knowledge": false, "thought": "t"}}'
    bad = '{"question": "三体的作者是谁", "kind": "one_hop", "plan": {"need_knowledge": true, "thought": "查作者"}}'
    (tmp_path / "t.jsonl").write_text(good + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"t.jsonl:2: plan.need_knowledge is true but plan.code is missing or empty"):
        read_any(tmp_path / "t.jsonl")
