"""`agent kg build` writes a store that `--kg` then opens; bad input is one line and exit 2."""

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
