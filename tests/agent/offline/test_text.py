"""One folding for the KG and the mention index; the question's language."""

import pytest

from agent.offline.text import fold, language, mention_length
from kg.linking import normalise


def test_fold_is_the_kg_normaliser_keeping_words():
    text = "《Jay  Chou》的 ＣＥＯ 是谁"
    assert fold(text) == "jay chou的 ceo 是谁"
    assert normalise(text) == fold(text).replace(" ", "")


def test_an_english_possessive_is_split_off_unless_asked_not_to():
    assert fold("Jay Chou's wife") == "jay chou s wife"
    assert fold("McDonald's", possessive=False) == "mcdonalds"


@pytest.mark.parametrize(("text", "lang"), [("择天记的男主角是谁", "zh"), ("Who wrote 三体?", "zh"),
                                            ("who wrote it", "en"), ("", "zh"), ("?!", "zh")])
def test_language(text, lang):
    assert language(text) == lang


def test_latin_letters_count_less_than_chinese_characters():
    assert mention_length("三体") == 2 and mention_length("abc") == 2
