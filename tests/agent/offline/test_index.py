"""The mention index: longest match wins, ASCII names are whole words, typed forms are found."""

from agent.offline.index import MentionIndex
from kg.linking import mention_keys as surface_keys
from agent.offline.text import fold


def index(*pairs):
    return MentionIndex(pairs)


def test_the_longest_of_overlapping_mentions_wins():
    found = index(("李晓", "李晓"), ("李晓平", "李晓平")).find(fold("李晓平是谁"))
    assert [m.surface for m in found] == ["李晓平"]


def test_an_ascii_name_must_be_a_whole_word():
    assert index(("art", "art")).find(fold("a party")) == []
    assert [m.entities for m in index(("art", "Art")).find(fold("what is art"))] == [("Art",)]


def test_names_are_found_without_their_disambiguation_or_legal_form():
    assert "活着" in surface_keys("活着（小说）")
    assert "贵州盐业" in surface_keys("贵州盐业(集团)有限责任公司")
    assert "哈维尔埃尔南德斯" in surface_keys("哈维尔·埃尔南德斯")


def test_punctuation_alone_is_never_a_mention():
    assert surface_keys("？") == [] and index(("？", "？")).find("？") == []


def test_a_store_answers_mention_lookups_with_the_same_mentions_as_the_automaton(tmp_path):
    import json
    from pathlib import Path

    from agent.offline.index import LookupIndex
    from kg import SAMPLE_KG_PATH, load_sample_kg
    from kg.base import MentionLookup
    from kg.store import build_store, open_store

    build_store(SAMPLE_KG_PATH, tmp_path / "sample.kgdb")
    store = open_store(tmp_path / "sample.kgdb")
    assert isinstance(store, MentionLookup)
    automaton, lookup = MentionIndex(load_sample_kg().mentions()), LookupIndex(store)
    data = Path(__file__).parents[2] / "data" / "bundled_eval.jsonl"
    questions = [json.loads(line)["question"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    for question in questions + ["Who wrote The Three-Body Problem?", "三體的作者是誰"]:
        text = fold(question)
        assert lookup.find(text) == automaton.find(text), question


def test_a_transliterated_name_is_found_by_its_surname_after_every_full_name():
    from kg.linking import short_name_keys

    assert short_name_keys("卡尔·奥托·施密特") == ["奥托·施密特", "奥托施密特", "施密特"]
    assert short_name_keys("施密特") == [] and short_name_keys("某人（画家）") == []
    found = index(("卡尔·施密特", "卡尔·施密特"), ("施密特", "施密特镇")).find(fold("施密特在哪里"))
    assert found[0].entities == ("施密特镇", "卡尔·施密特")  # the name spelled so in full first


def test_a_collective_name_is_found_without_its_country_or_era():
    from kg.linking import short_name_keys

    assert short_name_keys("东洋三大名园") == [] and short_name_keys("中国三大名园") == ["三大名园"]
    assert short_name_keys("宋代八大名楼") == ["八大名楼"]
    assert short_name_keys("中国银行") == [] and short_name_keys("唐诗三百首") == []  # two characters left; no era word
    found = index(("中国三大名园", "中国三大名园")).find(fold("三大名园里哪座最大"))
    assert found[0].entities == ("中国三大名园",)


def test_an_english_event_is_found_by_its_year_after_the_year_itself():
    from kg.linking import short_name_keys

    assert "2009" in short_name_keys("2009 Grand Prix season") and short_name_keys("2009") == []
    assert "12" not in short_name_keys("12 Angry Men")  # a year has four digits
    found = index(("2009", "2009"), ("2009 Grand Prix season", "2009 Grand Prix season")).find(fold("the 2009 title"))
    assert found[0].entities == ("2009", "2009 Grand Prix season")


def test_a_company_is_found_without_its_group_or_company_suffix():
    from kg.linking import short_name_keys

    assert "某某" in short_name_keys("某某汽车集团") and "某某科技" in short_name_keys("某某科技有限公司")
    assert short_name_keys("集团") == [] and "某" not in short_name_keys("某公司")  # two characters left at least


def test_an_english_surname_is_a_key_only_where_no_name_is_spelled_so_in_the_store_too(tmp_path):
    from agent.offline.index import LookupIndex
    from kg import load_kg
    from kg.linking import surname_keys
    from kg.store import build_store, open_store

    assert surname_keys("Garry Kasparov") == ["kasparov"] and surname_keys("Ludwig van Beethoven") == ["beethoven"]
    assert surname_keys("The Matrix") == surname_keys("block cipher") == surname_keys("Geta") == []
    tsv = tmp_path / "people.tsv"
    tsv.write_text("Garry Kasparov\ttrainer\tMikhail Botvinnik\nDalton Trumbo\twrote\tTrumbo\nTrumbo\tgenre\tDrama\n", encoding="utf-8")
    automaton = MentionIndex(load_kg(tsv).mentions())
    build_store(tsv, tmp_path / "people.kgdb")
    lookup = LookupIndex(open_store(tmp_path / "people.kgdb"))
    for question in ("Who trained Kasparov?", "Who wrote Trumbo?", "Botvinnik and Kasparov"):
        assert lookup.find(fold(question)) == automaton.find(fold(question)), question
    assert [m.entities for m in automaton.find(fold("Who trained Kasparov?"))] == [("Garry Kasparov",)]
    assert [m.entities for m in automaton.find(fold("Who wrote Trumbo?"))] == [("Trumbo",)]


def test_a_name_longer_than_any_mention_is_not_put_in_the_automaton():
    from agent.offline.index import MAX_LOOKUP_KEY

    long = "长" * 300_000  # as a key it made the trie 300,000 nodes deep; freeing a 2M-deep one crashed
    built = index((long, long), ("长河", "长河"))
    assert not built._automaton.exists(long) and built._automaton.exists("长河")
    assert [m.entities for m in built.find(fold("长" * (MAX_LOOKUP_KEY + 5)))] == []
