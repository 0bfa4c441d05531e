"""The word lists are data: bundled ones load, a user's folder replaces them, bad lines say where."""

import shutil
from importlib import resources

import pytest

from agent.offline.words import WORDS, WordListError, alternation, load_words, read_lists, read_table


def test_the_bundled_lists_hold_what_the_planner_reads():
    assert "的" in WORDS.function_chars and "他们" in WORDS.pronouns
    assert WORDS.kinship["爷爷"] == "父亲的父亲"
    assert WORDS.english_relations["wife"][0] == "妻子"
    assert WORDS.en_wh["who"] == "person" and "哪一年" in WORDS.ask["time"]
    assert WORDS.relation_in_english["发布日期"] == "release date"


def test_a_list_may_span_several_rows_and_keeps_file_order():
    assert read_lists("a\tx\ty\n# comment\n\na\tz\nb\tw\n") == {"a": ["x", "y", "z"], "b": ["w"]}


def test_a_row_without_a_tab_names_file_and_line():
    with pytest.raises(WordListError, match=r"words.tsv:2: .*'a x y'"):
        read_lists("ok\tword\na x y\n")


def test_a_key_given_twice_in_a_table_is_an_error():
    with pytest.raises(WordListError, match="kinship.tsv:2: '外公' is listed twice"):
        read_table("外公\t母亲的父亲\n外公\t父亲的父亲\n", "kinship.tsv")


def test_a_user_folder_replaces_the_bundled_lists(tmp_path):
    source = resources.files("agent.offline").joinpath("data")
    for name in ("words.tsv", "kinship.tsv", "english_relations.tsv", "relation_in_english.tsv", "adjectives.tsv"):
        shutil.copy(source.joinpath(name), tmp_path / name)
    with (tmp_path / "kinship.tsv").open("a", encoding="utf-8") as handle:
        handle.write("曾祖父\t父亲的父亲的父亲\n")
    assert load_words(tmp_path).kinship["曾祖父"] == "父亲的父亲的父亲"
    (tmp_path / "words.tsv").write_text("pronouns\t他\n", encoding="utf-8")
    with pytest.raises(WordListError, match="missing the lists .*function_chars"):
        load_words(tmp_path)


def test_alternations_put_longer_words_first():
    assert alternation(["他", "他们", "它"]) == "他们|他|它"
