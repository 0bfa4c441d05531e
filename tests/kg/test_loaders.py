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


@pytest.mark.parametrize("line, says", [('{"subject": "三体", "relation": "作者", "object": null}', "object is null"),
                                         ('{"subject": null, "relation": "作者", "object": "刘慈欣"}', "subject is null"),
                                         ('{"subject": "三体", "relation": "作者", "object": {"name": "刘慈欣"}}', "object is a JSON object")])
def test_jsonl_null_objects_and_arrays_name_nothing(tmp_path: Path, line: str, says: str) -> None:
    with pytest.raises(KGLoadError, match=f"kg.jsonl:1: {says}"):
        load_kg(write(tmp_path, "kg.jsonl", line + "\n"))


def test_jsonl_of_triple_arrays_is_read_line_by_line(tmp_path: Path) -> None:
    text = '["三体", "作者", "刘慈欣"]\n["球状闪电", "作者", "刘慈欣"]\n["刘慈欣", "别名", "大刘"]\n'
    assert triples_of(load_kg(write(tmp_path, "kg.jsonl", text))) == EXPECTED


def test_a_sparql_url_with_a_space_in_its_host_is_named() -> None:
    with pytest.raises(KGLoadError, match="not a SPARQL endpoint URL .*space"):
        load_kg("sparql+http://exa mple.com/sparql")


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
    with pytest.raises(KGLoadError, match="unknown extension '.xlsx'"):
        load_kg(write(tmp_path, "kg.xlsx", "x"))
    with pytest.raises(KGLoadError, match="unknown format"):
        load_kg(write(tmp_path, "kg.tsv", "a\tb\tc\n"), format="parquet")


def test_an_unknown_extension_lists_the_supported_ones_not_a_format_option(tmp_path: Path) -> None:
    with pytest.raises(KGLoadError) as caught:
        load_kg(write(tmp_path, "kg.xlsx", "x"))
    message = str(caught.value)
    assert all(ext in message for ext in (".tsv", ".csv", ".jsonl", ".nt", ".ttl", ".kgdb")) and "format=" not in message


def test_a_folder_given_as_a_kg_says_folder(tmp_path: Path) -> None:
    with pytest.raises(KGLoadError, match="a folder, not a KG file"):
        load_kg(tmp_path)


@pytest.mark.parametrize("bad", ['<http://a/x> <http://a/r> "open .\n', "<http://a/x> <http://a/r> .\n"])
def test_an_ntriples_syntax_error_names_its_line_and_a_reason(tmp_path: Path, bad: str) -> None:
    with pytest.raises(KGLoadError, match=r"kg.nt:2: bad RDF \(N-Triples\): \S"):
        load_kg(write(tmp_path, "kg.nt", "<http://a/x> <http://a/r> <http://a/y> .\n" + bad))


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


# ---------------------------------------------------------------------------- streamed RDF, dump-style CSV

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def test_ntriples_labels_after_their_use_still_name_resources(tmp_path: Path) -> None:
    text = (f"<http://ex.org/santi> <http://ex.org/p/writer> <http://ex.org/liu> .\n"
            f"<http://ex.org/p/writer> {LABEL} \"作者\"@zh .\n"
            f"<http://ex.org/liu> {LABEL} \"刘慈欣\"@zh .\n<http://ex.org/santi> {LABEL} \"三体\" .\n")
    path = tmp_path / "kg.nt.gz"
    path.write_bytes(gzip.compress(text.encode()))
    assert triples_of(load_kg(path)) == {("三体", "作者", "刘慈欣")}


def test_ntriples_bad_line_is_named_and_skip_mode_loads_the_rest(tmp_path: Path) -> None:
    good = [f"<http://ex.org/e{i}> <http://ex.org/rel> \"v{i}\" ." for i in range(5)]
    lines = good[:2] + ["<http://ex.org/broken> <http://ex.org/rel> ."] + good[2:] + ['<http://ex.org/x> "not an iri" "v" .']
    path = write(tmp_path, "dump.nt", "\n".join(lines) + "\n")
    with pytest.raises(KGLoadError, match=r"dump\.nt:3: bad RDF"):
        load_kg(path)
    kg = load_kg(path, skip_bad_lines=True)
    assert triples_of(kg) == {(f"e{i}", "rel", f"v{i}") for i in range(5)}
    assert kg.load_report["skipped"] == 2
    assert kg.load_report["errors"][0].startswith(f"{path}:3: bad RDF") and f"{path}:7:" in kg.load_report["errors"][1]


def test_ntriples_escapes_and_blank_nodes(tmp_path: Path) -> None:
    text = '_:b1 <http://ex.org/说> "他说\\"你好\\"\\n第二行" .\n<http://ex.org/%E4%B8%89> <http://ex.org/rel> _:b1 .\n'
    assert triples_of(load_kg(write(tmp_path, "kg.nt", text))) == {("b1", "说", '他说"你好"\n第二行'), ("三", "rel", "b1")}


def test_turtle_is_streamed_and_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = "@prefix ex: <http://ex.org/> .\nex:a ex:rel ex:b ;\n   ex:rel2 \"x\" .\nex:c ex:rel .\n"
    with pytest.raises(KGLoadError, match=r"kg\.ttl:4: bad RDF .*"):
        load_kg(write(tmp_path, "kg.ttl", text))


def test_rdf_progress_bar_runs_both_passes(tmp_path: Path) -> None:
    path = write(tmp_path, "kg.nt", f"<http://ex.org/a> <http://ex.org/rel> <http://ex.org/b> .\n<http://ex.org/a> {LABEL} \"甲\" .\n")
    assert triples_of(load_kg(path, progress=True)) == {("甲", "rel", "b")}


def test_dump_style_csv_with_line_breaks_and_quotes_inside_fields(tmp_path: Path) -> None:
    text = ('实体,属性,值\n三体,作者,刘慈欣\n三体,简介,"第一行\n第二行，含逗号, 和""引号"""\n'
            '"A, Inc.",简称,A\n\n"多行\n实体",类型,公司\n')
    kg = load_kg(write(tmp_path, "ownthink.csv", text))
    assert triples_of(kg) == {("三体", "作者", "刘慈欣"), ("三体", "简介", '第一行\n第二行，含逗号, 和"引号"'),
                              ("A, Inc.", "简称", "A"), ("多行\n实体", "类型", "公司")}


def test_csv_bad_record_names_the_line_it_starts_on(tmp_path: Path) -> None:
    text = '三体,作者,刘慈欣\n"多行\n值",只有两列\n球状闪电,作者,刘慈欣\n'
    path = write(tmp_path, "kg.csv", text)
    with pytest.raises(KGLoadError, match=r"kg\.csv:2: expected 3 comma-separated columns"):
        load_kg(path)
    kg = load_kg(path, skip_bad_lines=True)
    assert triples_of(kg) == {("三体", "作者", "刘慈欣"), ("球状闪电", "作者", "刘慈欣")} and kg.load_report["skipped"] == 1


def test_json_nested_thousands_deep_is_a_load_error_not_a_recursion_error(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(KGLoadError, match=r"deep.jsonl:1: JSON nested too deeply"):
        load_kg(write(tmp_path, "deep.jsonl", deep + "\n"))
    with pytest.raises(KGLoadError, match=r"deep2.jsonl:2: .*nested too deeply"):
        load_kg(write(tmp_path, "deep2.jsonl", '["a", "b", "c"]\n{"subject": ' + deep + "}\n"))


def test_a_lone_surrogate_in_a_jsonl_kg_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "s.jsonl", '{"subject":"三体","relation":"作者","object":"刘慈欣"}\n'
                                     '{"subject":"\\ud800","relation":"作者","object":"刘慈欣"}\n')
    with pytest.raises(KGLoadError, match=r"s.jsonl:2: subject holds a lone surrogate"):
        load_kg(path)
    array = write(tmp_path, "a.json", '[{"subject":"x","relation":"r","object":"\\udfff"}]')
    with pytest.raises(KGLoadError, match=r"item 0: object holds a lone surrogate"):
        load_kg(array)


def test_an_rdf_xml_entity_built_of_entities_is_refused_and_a_plain_one_is_read(tmp_path):
    head = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY ex "http://example.org/">\n{more}]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;">\n'
            '<rdf:Description rdf:about="&ex;x"><ex:p>{value}</ex:p></rdf:Description>\n</rdf:RDF>\n')
    plain = tmp_path / "plain.rdf"
    plain.write_text(head.format(more="", value="v"), encoding="utf-8")
    assert load_kg(plain).triple_count == 1  # namespace abbreviations, as OWL files write them
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(head.format(more='<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n', value="&b;"), encoding="utf-8")
    with pytest.raises(KGLoadError, match=r"bomb\.rdf:5: an XML entity defined by other entities"):
        load_kg(bomb)
    # One long plain entity used thousands of times is the same blow-up in two steps (160 KB → 5.9 GB).
    long = tmp_path / "long.rdf"
    long.write_text(head.format(more=f'<!ENTITY big "{"x" * 5000}">\n', value="&big;" * 2000), encoding="utf-8")
    with pytest.raises(KGLoadError, match=r"long\.rdf:4: an XML entity of 5,000 bytes"):
        load_kg(long)


def test_a_byte_order_mark_a_long_csv_field_and_nan_in_jsonl(tmp_path):
    nt = tmp_path / "bom.nt"
    nt.write_bytes(b'\xef\xbb\xbf<http://e.org/a> <http://e.org/p> "x" .\n')
    ttl = tmp_path / "bom.ttl"
    ttl.write_bytes(b'\xef\xbb\xbf@prefix e: <http://e.org/> .\ne:a e:p "x" .\n')
    assert load_kg(nt).triple_count == 1 and load_kg(ttl).triple_count == 1  # as editors save them
    long = tmp_path / "long.csv"
    long.write_text('a,b,"' + "长" * 200_000 + '"\n', encoding="utf-8")
    assert load_kg(long).triple_count == 1  # a long abstract, past the csv module's 128 KB
    nan = tmp_path / "nan.jsonl"
    nan.write_text('{"subject": NaN, "relation": "r", "object": "o"}\n', encoding="utf-8")
    with pytest.raises(KGLoadError, match=r"nan\.jsonl:1: NaN is not a JSON value"):
        load_kg(nan)


def test_a_jsonl_integer_longer_than_pythons_digit_limit_is_kept_as_its_digits(tmp_path):
    # int() of more than 4300 digits raises ValueError (CVE-2020-10735): a value is text, never arithmetic.
    digits = "9" * 5000
    path = tmp_path / "big.jsonl"
    path.write_text('{"subject": "三体", "relation": "页数", "object": ' + digits + '}\n[1, "作者", 42]\n', encoding="utf-8")
    assert list(iter_triples(path)) == [("三体", "页数", digits), ("1", "作者", "42")]
    array = tmp_path / "big.json"
    array.write_text('[{"subject": "三体", "relation": "页数", "object": ' + digits + '}]', encoding="utf-8")
    assert list(iter_triples(array)) == [("三体", "页数", digits)]


def test_a_blank_node_is_named_by_its_rdfs_label_like_an_iri(tmp_path):
    path = tmp_path / "b.nt"
    path.write_text('_:b1 <http://www.w3.org/2000/01/rdf-schema#label> "三体" .\n'
                    '_:b1 <http://cutekg.local/r/作者> "刘慈欣" .\n', encoding="utf-8")
    kg = load_kg(path)
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"] and kg.triple_count == 1


@pytest.mark.parametrize("name, text", [
    ("big.tsv", "三体\t简介\t{long}\n三体\t作者\t刘慈欣\n"),
    ("big.csv", '三体,简介,"{long}"\n三体,作者,刘慈欣\n'),
    ("big.jsonl", '["三体", "简介", "{long}"]\n["三体", "作者", "刘慈欣"]\n'),
    ("big.nt", '<http://x/三体> <http://x/简介> "{long}" .\n<http://x/三体> <http://x/作者> "刘慈欣" .\n'),
])
def test_a_field_of_millions_of_characters_is_a_bad_line_in_every_format(tmp_path: Path, name: str, text: str) -> None:
    # a 2M-character value crashed `agent ask` (an automaton millions of nodes deep) and broke every answer quoting it
    path = tmp_path / name
    path.write_text(text.replace("{long}", "长" * 500_001), encoding="utf-8")
    with pytest.raises(KGLoadError, match=f"{name}:1: the object is 500,001 characters long; a field holds at most 500,000"):
        load_kg(path)  # (N-Triples named no line)
    assert load_kg(path, skip_bad_lines=True).get_entity_info(["三体"])[1].count("刘慈欣") == 1
