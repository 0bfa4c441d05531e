"""The free functions entity and relation linking are built from."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.linking import (
    ALIAS_RELATIONS,
    RelationLexicon,
    RelationPlan,
    as_aliases,
    default_lexicon,
    load_lexicon,
    match_relation,
    _MARKS,
    normalise,
    parse_inverses,
    parse_synonyms,
    relation_score,
    split_alias_value,
    strip_suffix,
    suffix_of,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("《三体》", "三体"),
        ("“三体”", "三体"),
        ("'三体'", "三体"),
        ("三 体", "三体"),
        ("ＡＢＣ", "abc"),
        ("Apple Inc.", "appleinc."),
        ("刘晓华（广东工业大学教授）", "刘晓华(广东工业大学教授)"),
        ("列夫•托尔斯泰", "列夫·托尔斯泰"),
        ("三体\u3000", "三体"),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("name", "base", "suffix"),
    [
        ("刘晓华（广东工业大学教授）", "刘晓华", "广东工业大学教授"),
        ("活着(电影)", "活着", "电影"),
        ("Titanic (film)", "Titanic", "film"),
        ("三体", "三体", ""),
        ("（开头）不是后缀", "（开头）不是后缀", ""),
    ],
)
def test_strip_suffix_both_bracket_widths(name: str, base: str, suffix: str) -> None:
    assert strip_suffix(name) == base
    assert suffix_of(name) == suffix


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, []),
        ("", []),
        ("  三体 ", ["三体"]),
        ([], []),
        (["三体", "三体", "球状闪电"], ["三体", "球状闪电"]),
        (("三体",), ["三体"]),
        ([["三体", "作者", "刘慈欣"]], ["三体", "作者", "刘慈欣"]),
        ([None, "", 1963], ["1963"]),
        ({"三体": 1}, []),
        (True, []),
    ],
)
def test_as_aliases(value: object, expected: list[str]) -> None:
    assert as_aliases(value) == expected


def test_as_aliases_is_bounded() -> None:
    assert len(as_aliases([str(i) for i in range(1000)], limit=50)) == 50


def test_split_alias_value() -> None:
    assert split_alias_value("小A、小B") == ["小A、小B", "小A", "小B"]
    assert split_alias_value("大刘") == ["大刘"]


def test_synonym_groups_are_symmetric_and_merge() -> None:
    table = parse_synonyms("# comment\n妻子\t老婆\t配偶\n丈夫\t配偶\n\n")
    assert table["老婆"] == ["妻子", "配偶"]
    assert table["配偶"] == ["妻子", "老婆", "丈夫"]


def test_inverse_pairs_read_both_ways() -> None:
    table = parse_inverses("作品\t作者\t导演\n配偶\t配偶\n")
    assert table["作品"] == ["作者", "导演"]
    assert table["作者"] == ["作品"]
    assert table["导演"] == ["作品"]
    assert table["配偶"] == ["配偶"]


def test_bundled_lexicon_covers_common_relations() -> None:
    lexicon = default_lexicon()
    assert "妻子" in lexicon.expand("老婆")
    assert "出生地" in lexicon.expand("哪里人")
    assert "作者" in lexicon.expand("写")
    assert "作者" in lexicon.inverse("作品")
    assert "导演" in lexicon.inverse("导演作品")
    assert "丈夫" in lexicon.inverse("妻子")
    for relation in ["作者", "导演", "主演", "配偶", "父亲", "出生日期", "国籍", "毕业院校", "首都", "创始人", "总部", "歌手", "作词", "作曲", "配音"]:
        assert lexicon.expand(relation), relation


_FOLDED_CHARS = _MARKS + "•・‧∙⋅･ \t\r\n\f\v\u3000\xa0\u2028（）ＡＢ"


@given(st.text(alphabet=st.sampled_from(_FOLDED_CHARS + "三体ab·"), max_size=8) | st.text(max_size=8))
def test_normalise_skips_translate_only_when_nothing_would_change(text: str) -> None:
    # normalise checks with a regex whether str.translate is needed: it must give what always translating gives
    expected = unicodedata.normalize("NFKC", text).translate(str.maketrans({**{c: None for c in _MARKS + " \t\r\n\f\v"},
                                                                             **{c: "·" for c in "•・‧∙⋅･"}})).casefold()
    assert normalise(text) == expected


def test_lexicon_looks_up_normalised_words() -> None:
    lexicon = RelationLexicon(synonyms=parse_synonyms("首席执行官\tCEO\n"))
    assert lexicon.expand("ceo") == ["首席执行官"]


def test_load_lexicon_from_files(tmp_path) -> None:
    synonyms, inverses = tmp_path / "s.tsv", tmp_path / "i.tsv"
    synonyms.write_text("队长\t领队\n", encoding="utf-8")
    inverses.write_text("队员\t所属队伍\n", encoding="utf-8")
    lexicon = load_lexicon(synonyms, inverses)
    assert lexicon.expand("领队") == ["队长"]
    assert lexicon.inverse("所属队伍") == ["队员"]


def test_alias_relations_include_the_usual_ones() -> None:
    assert {"别名", "又名", "本名", "简称", "别称", "外文名", "英文名", "中文名", "alias"} <= ALIAS_RELATIONS


def test_relation_score() -> None:
    assert relation_score("作者", "作者") == 100
    assert relation_score("课程", "主讲课程") >= 80
    assert relation_score("毕业学校", "毕业院校") >= 60
    assert relation_score("作者", "身高") < 60


def _plan(*relations: str) -> RelationPlan:
    lexicon = RelationLexicon(synonyms=parse_synonyms("作者\t写\n"), inverses=parse_inverses("作品\t作者\n"))
    return RelationPlan.build(list(relations), lexicon)


def test_match_prefers_literal_over_synonym() -> None:
    match = match_relation({"写": ["甲"], "作者": ["乙"]}, {}, _plan("写", "作者"))
    assert match and match.relation == "写" and match.via == "literal"


def test_match_literal_wins_over_an_earlier_synonym() -> None:
    match = match_relation({"作者": ["乙"], "写": ["甲"]}, {}, _plan("写"))
    assert match and match.values == ["甲"]


def test_match_order_out_then_incoming_then_inverse_then_fuzzy() -> None:
    assert match_relation({"作者": ["x"]}, {"作者": ["y"]}, _plan("作者")).direction == "out"  # type: ignore[union-attr]
    incoming = match_relation({}, {"作者": ["y"]}, _plan("作者"))
    assert incoming and (incoming.direction, incoming.via) == ("in", "literal")
    inverse = match_relation({}, {"作者": ["y"]}, _plan("作品"))
    assert inverse and (inverse.direction, inverse.via, inverse.values) == ("in", "inverse", ["y"])
    fuzzy = match_relation({"主讲课程": ["物理"]}, {}, _plan("课程"))
    assert fuzzy and fuzzy.via == "fuzzy" and fuzzy.strength > inverse.strength
    assert match_relation({"身高": ["1"]}, {}, _plan("作者")) is None


def test_inverse_line_without_tab_is_an_error() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_inverses("作品\t作者\n作品 作者\n")


def test_synonym_line_without_tab_is_an_error() -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_synonyms("妻子 老婆 太太\n")
