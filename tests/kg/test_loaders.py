"""load_kg and iter_triples: every format, and every way a file can be wrong."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg import KGLoadError, NetworkXKG, iter_triples, load_kg
from kg.loaders import detect_format

EXPECTED = {("三体", "作者", "刘慈欣"), ("刘慈欣", "别名", "大刘"), ("球状闪电", "作者", "刘慈欣")}


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def triples_of(kg: NetworkXKG) -> set[tuple[str, str, str]]:
    return {tuple(t) for t in kg.triples()}


def test_readme_snippet_tsv(tmp_path: Path) -> None:
    path = write(tmp_path, "triples.tsv", "三体\t作者\t刘慈欣\n球状闪电\t作者\t刘慈欣\n刘慈欣\t别名\t大刘\n")
    kg = load_kg(path)
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"]
    assert kg.find_entity_or_value(["大刘"], ["作品"])[0] == ["三体", "球状闪电"]  # alias + inverse
    authors, _ = kg.find_entity_or_value(["三体"], ["作者"])
    assert kg.find_entity_or_value(authors, ["作品"])[0] == ["三体", "球状闪电"]  # two hops


def test_tsv_comments_blank_lines_header_and_trailing_tab(tmp_path: Path) -> None:
    text = "# my KG\nsubject\trelation\tobject\n\n三体\t作者\t刘慈欣\t\n  \n球状闪电\t作者\t刘慈欣\r\n刘慈欣\t别名\t大刘\n"
    assert triples_of(load_kg(write(tmp_path, "kg.tsv", text))) == EXPECTED


def test_tsv_header_only_on_first_line(tmp_path: Path) -> None:
    kg = load_kg(write(tmp_path, "kg.tsv", "三体\t作者\t刘慈欣\nhead\trelation\ttail\n"))
    assert ("head", "relation", "tail") in triples_of(kg)


def test_tsv_utf8_bom(tmp_path: Path) -> None:
    kg = load_kg(write(tmp_path, "kg.tsv", "\ufeff三体\t作者\t刘慈欣\n".encode()))
    assert triples_of(kg) == {("三体", "作者", "刘慈欣")}


def test_csv_with_header_and_quotes(tmp_path: Path) -> None:
    text = 'head,relation,tail\n三体,作者,刘慈欣\n"球状闪电",作者,刘慈欣\n刘慈欣,别名,大刘\n"A, Inc.",简称,A\n'
    kg = load_kg(write(tmp_path, "kg.csv", text))
    assert triples_of(kg) == EXPECTED | {("A, Inc.", "简称", "A")}


def test_jsonl(tmp_path: Path) -> None:
    rows = [{"subject": s, "relation": r, "object": o} for s, r, o in sorted(EXPECTED)]
    text = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n\n"
    assert triples_of(load_kg(write(tmp_path, "kg.jsonl", text))) == EXPECTED


def test_jsonl_number_object_and_head_tail_keys(tmp_path: Path) -> None:
    text = '{"head": "姚明", "relation": "身高", "tail": 226}\n'
    assert triples_of(load_kg(write(tmp_path, "kg.jsonl", text))) == {("姚明", "身高", "226")}


def test_nlpcc(tmp_path: Path) -> None:
    text = "三体 ||| 作者 ||| 刘慈欣\n球状闪电 ||| 作者 ||| 刘慈欣\n刘慈欣 ||| 别名 ||| 大刘\n"
    assert triples_of(load_kg(write(tmp_path, "nlpcc-iccpol-2016.kbqa.kb", text))) == EXPECTED
    assert triples_of(load_kg(write(tmp_path, "kb.txt", text))) == EXPECTED  # .txt sniffed as NLPCC


def test_nlpcc_object_may_contain_separator(tmp_path: Path) -> None:
    kg = load_kg(write(tmp_path, "kb.kb", "A ||| 描述 ||| x ||| y\n"))
    assert triples_of(kg) == {("A", "描述", "x ||| y")}


def test_rdf_ntriples_labels_become_names(tmp_path: Path) -> None:
    text = (
        '<http://ex.org/santi> <http://www.w3.org/2000/01/rdf-schema#label> "三体"@zh .\n'
        '<http://ex.org/santi> <http://www.w3.org/2000/01/rdf-schema#label> "The Three-Body Problem"@en .\n'
        '<http://ex.org/liu> <http://www.w3.org/2000/01/rdf-schema#label> "刘慈欣" .\n'
        "<http://ex.org/santi> <http://ex.org/prop/作者> <http://ex.org/liu> .\n"
        '<http://ex.org/liu> <http://ex.org/prop#birthYear> "1963" .\n'
    )
    kg = load_kg(write(tmp_path, "kg.nt", text))
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"]
    assert kg.find_entity_or_value(["刘慈欣"], ["birthYear"])[0] == ["1963"]
    assert kg.link_entity("The Three-Body Problem")[0] == "三体"  # other labels stay, as aliases


def test_rdf_turtle_with_predicate_label(tmp_path: Path) -> None:
    text = """@prefix ex: <http://ex.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:writer rdfs:label "作者"@zh .
ex:santi rdfs:label "三体"@zh ; ex:writer ex:liu .
ex:liu rdfs:label "刘慈欣"@zh .
"""
    kg = load_kg(write(tmp_path, "kg.ttl", text))
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"]


def test_gzip(tmp_path: Path) -> None:
    path = tmp_path / "kg.tsv.gz"
    path.write_bytes(gzip.compress("三体\t作者\t刘慈欣\n".encode()))
    assert triples_of(load_kg(path)) == {("三体", "作者", "刘慈欣")}


def test_format_argument_overrides_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "data.dat", "三体 ||| 作者 ||| 刘慈欣\n")
    assert triples_of(load_kg(path, format="nlpcc")) == {("三体", "作者", "刘慈欣")}


def test_duplicates_kept_once_and_counted(tmp_path: Path) -> None:
    kg = load_kg(write(tmp_path, "kg.tsv", "三体\t作者\t刘慈欣\n三体\t作者\t刘慈欣\n 三体 \t作者\t刘慈欣\n"))
    assert list(kg.triples()) == [("三体", "作者", "刘慈欣")]
    assert kg.duplicates == 2
    assert kg.stats()["duplicates"] == 2 and kg.load_report["duplicates"] == 2
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"]


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("kg.tsv", "三体\t作者\t刘慈欣\n三体\t作者\n", 2, "3 tab-separated columns"),
        ("kg.tsv", "三体\t作者\t刘慈欣\ta\tb\n", 1, "found 5"),
        ("kg.tsv", "三体\t\t刘慈欣\n", 1, "empty relation"),
        ("kg.csv", "三体,作者,刘慈欣\n三体,作者\n", 2, "3 comma-separated columns"),
        ("kg.jsonl", '{"subject": "三体", "relation": "作者", "object": "刘慈欣"}\n{"subject": "三体"\n', 2, "invalid JSON"),
        ("kg.jsonl", '{"subject": "三体", "relation": "作者"}\n', 1, "missing key(s) object"),
        ("kg.jsonl", '"just a string"\n', 1, "expected an object"),
        ("kg.kb", "三体 ||| 作者 ||| 刘慈欣\n三体 作者 刘慈欣\n", 2, "|||"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path: Path, name: str, text: str, line: int, words: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(KGLoadError) as info:
        load_kg(path)
    error = info.value
    assert (error.path, error.line) == (str(path), line)
    assert str(error).startswith(f"{path}:{line}: ") and words in str(error)
    assert "\n" not in str(error)


def test_bad_encoding_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "kg.tsv", "三体\t作者\t刘慈欣\n".encode() + "球状闪电\t作者\t刘慈欣\n".encode("gbk"))
    with pytest.raises(KGLoadError, match=r"kg\.tsv:2: not UTF-8"):
        load_kg(path)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "subject\trelation\tobject\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(KGLoadError, match="no triples found"):
        load_kg(write(tmp_path, "kg.tsv", text))


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(KGLoadError, match="no such file"):
        load_kg(tmp_path / "nope.tsv")
    with pytest.raises(KGLoadError, match="cannot tell the format"):
        load_kg(write(tmp_path, "kg.xlsx", "x"))
    with pytest.raises(KGLoadError, match="unknown format"):
        load_kg(write(tmp_path, "kg.tsv", "a\tb\tc\n"), format="parquet")


def test_bad_rdf_is_a_load_error(tmp_path: Path) -> None:
    path = write(tmp_path, "kg.nt", "<http://ex.org/a> <http://ex.org/b> .\n")
    with pytest.raises(KGLoadError, match="bad RDF"):
        load_kg(path)


def test_skip_mode_counts_and_reports(tmp_path: Path) -> None:
    good = "三体\t作者\t刘慈欣\n"
    path = write(tmp_path, "kg.tsv", (good + "坏行\n" + "球状闪电\t作者\t刘慈欣\n").encode() + "坏\t编\t码\n".encode("gbk"))
    kg = load_kg(path, skip_bad_lines=True)
    assert len(list(kg.triples())) == 2
    report = kg.load_report
    assert report["skipped"] == 2 and report["triples"] == 2 and report["lines"] == 4
    assert report["errors"][0].startswith(f"{path}:2: ") and report["errors"][1].startswith(f"{path}:4: ")
    assert kg.stats()["load"]["skipped"] == 2


def test_skip_mode_on_an_all_bad_file_still_fails(tmp_path: Path) -> None:
    with pytest.raises(KGLoadError, match="2 bad lines skipped"):
        load_kg(write(tmp_path, "kg.tsv", "a\tb\nc\n"), skip_bad_lines=True)


def test_iter_triples_streams(tmp_path: Path) -> None:
    path = write(tmp_path, "kg.tsv", "三体\t作者\t刘慈欣\n")
    assert list(iter_triples(path)) == [("三体", "作者", "刘慈欣")]


def test_progress_bar_runs_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "kg.tsv", "三体\t作者\t刘慈欣\n" * 3)
    load_kg(path)
    assert capsys.readouterr().out == ""
    assert triples_of(load_kg(path, progress=True)) == {("三体", "作者", "刘慈欣")}


def test_alias_file(tmp_path: Path) -> None:
    kg_path = write(tmp_path, "kg.tsv", "刘慈欣\t出生地\t北京\n")
    aliases = write(tmp_path, "aliases.tsv", "# alias\tentity\n慈欣\t刘慈欣\n")
    kg = load_kg(kg_path, alias_file=aliases)
    assert kg.find_entity_or_value(["慈欣"], ["出生地"])[0] == ["北京"]
    assert "慈欣" in kg.get_entity_info("刘慈欣")[0]["aliases"]
    with pytest.raises(KGLoadError, match=r"bad\.tsv:1: expected 'alias<TAB>entity'"):
        load_kg(kg_path, alias_file=write(tmp_path, "bad.tsv", "only-one-column\n"))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.tsv", "tsv"), ("a.csv", "csv"), ("a.jsonl", "jsonl"), ("a.json", "jsonl"), ("a.nt", "rdf"), ("a.ttl", "rdf"), ("a.kb", "nlpcc"), ("a.tsv.gz", "tsv")],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_json_array_file(tmp_path: Path) -> None:
    rows = [{"subject": s, "relation": r, "object": o} for s, r, o in sorted(EXPECTED)]
    path = write(tmp_path, "kg.json", json.dumps(rows, ensure_ascii=False, indent=1))
    assert triples_of(load_kg(path)) == EXPECTED
    with pytest.raises(KGLoadError, match="item 1: missing key"):
        load_kg(write(tmp_path, "bad.json", '[{"s": "a", "p": "b", "o": "c"}, {"s": "a"}]'))


def test_csv_unterminated_quote(tmp_path: Path) -> None:
    with pytest.raises(KGLoadError, match=r"kg\.csv:1: bad CSV"):
        load_kg(write(tmp_path, "kg.csv", '"三体,作者,刘慈欣\n'))


def test_rdf_syntax_as_format_argument(tmp_path: Path) -> None:
    path = write(tmp_path, "dump.txt", "<http://ex.org/a> <http://ex.org/rel> <http://ex.org/b> .\n")
    assert triples_of(load_kg(path, format="nt")) == {("a", "rel", "b")}
