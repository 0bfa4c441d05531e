"""`agent kg build` writes a store that `--kg` then opens; bad input is one line and exit 2."""

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def test_build_then_ask_from_the_store(tmp_path):
    source = tmp_path / "movies.tsv"
    source.write_text("霸王别姬\t导演\t陈凯歌\n霸王别姬\t主演\t张国荣\n陈凯歌\t出生地\t北京\n", encoding="utf-8")
    store = tmp_path / "movies.kgdb"
    result = runner.invoke(app, ["kg", "build", str(source), "--out", str(store)])
    assert result.exit_code == 0, result.output
    assert "3 triples" in result.output
    result = runner.invoke(app, ["ask", "--kg", str(store), "霸王别姬的导演是谁"])
    assert result.exit_code == 0 and "陈凯歌" in result.output, result.output


def test_build_bad_line_is_one_line_with_file_and_line(tmp_path):
    source = tmp_path / "bad.tsv"
    source.write_text("霸王别姬\t导演\t陈凯歌\n坏行\n", encoding="utf-8")
    result = runner.invoke(app, ["kg", "build", str(source), "--out", str(tmp_path / "bad.kgdb")])
    assert result.exit_code == 2
    assert "bad.tsv:2:" in result.output


def test_build_never_replaces_its_source_or_an_existing_store_silently(tmp_path):
    source = tmp_path / "kg.tsv"
    source.write_text("甲\t作者\t乙\n", encoding="utf-8")
    result = runner.invoke(app, ["kg", "build", str(source), "--out", str(source), "--force"])
    assert result.exit_code == 2 and "overwrite the input" in result.output
    assert source.read_text(encoding="utf-8") == "甲\t作者\t乙\n"
    store = tmp_path / "kg.kgdb"
    store.write_bytes(b"mine")
    result = runner.invoke(app, ["kg", "build", str(source), "--out", str(store)])
    assert result.exit_code == 2 and "--force" in result.output and store.read_bytes() == b"mine"
    assert runner.invoke(app, ["kg", "build", str(source), "--out", str(store), "--force"]).exit_code == 0


def test_build_into_a_missing_folder_or_a_folder_is_one_line(tmp_path):
    source = tmp_path / "kg.tsv"
    source.write_text("甲\t作者\t乙\n", encoding="utf-8")
    (tmp_path / "stores").mkdir()
    for out, words in ((tmp_path / "nowhere" / "kg.kgdb", "no such folder"), (tmp_path / "stores", "is a folder")):
        result = runner.invoke(app, ["kg", "build", str(source), "--out", str(out)])
        assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("name", "line"), [("kg.tsv.gz", "甲\t作者\t乙\n"), ("kg.nt.gz", "<http://x/a> <http://x/b> <http://x/c> .\n"),
                                            ("kg.ttl.gz", "<http://x/a> <http://x/b> <http://x/c> .\n")])
def test_a_cut_off_gzip_file_is_one_line_naming_it(tmp_path, name, line):
    import gzip

    whole = gzip.compress((line * 2000).encode("utf-8"))
    (tmp_path / name).write_bytes(whole[: len(whole) // 2])
    for args in (["kg", "stats", str(tmp_path / name)], ["ask", "--kg", str(tmp_path / name), "甲的作者是谁"],
                 ["kg", "build", str(tmp_path / name), "--out", str(tmp_path / "k.kgdb")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and name in result.output and "gzip" in result.output, result.output
