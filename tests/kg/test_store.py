"""The persistent store: same answers as the in-memory backend, and every way a store file can be wrong."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kg import KGLoadError, load_kg
from kg.store import StoreKG, build_store, open_store
from kg.store_build import FORMAT_VERSION

TSV = "三体\t作者\t刘慈欣\n球状闪电\t作者\t刘慈欣\n刘慈欣\t别名\t大刘、刘老师\n刘慈欣\t又名\t大刘\n三体\t作者\t刘慈欣\n" \
      "中国\t首都\t北京\n刘慈欣\t出生地\t北京\n三体（电视剧）\t导演\t杨磊\n"


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    path = tmp_path / "kg.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


@pytest.fixture()
def store(source: Path, tmp_path: Path) -> StoreKG:
    build_store(source, tmp_path / "kg.kgdb")
    return open_store(tmp_path / "kg.kgdb")


def test_store_answers_exactly_like_the_file_loaded_in_memory(store: StoreKG, source: Path) -> None:
    memory = load_kg(source)
    assert list(store.triples()) == list(memory.triples())
    assert list(store.mentions()) == list(memory.mentions())
    assert store.relation_names() == memory.relation_names()
    for name, _ in memory.mentions():
        assert store.edges(name) == memory.edges(name)
        assert store.link_entity(name) == memory.link_entity(name)
        assert store.get_entity_info(name) == memory.get_entity_info(name)
        for relation in ("作者", "作品", "别名", "首都", "价格", "^作者", "^首都"):
            assert store.find_entity_or_value(name, relation) == memory.find_entity_or_value(name, relation)
        assert store.find_relationship(name, "北京") == memory.find_relationship(name, "北京")
    assert store.stats()["triples"] == memory.stats()["triples"] == 7
    assert store.duplicates == memory.duplicates == 1


def test_alias_file_is_stored(source: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("# alias\tentity\n慈欣\t刘慈欣\n", encoding="utf-8")
    build_store(source, tmp_path / "a.kgdb", alias_file=aliases)
    store = open_store(tmp_path / "a.kgdb")
    assert store.find_entity_or_value("慈欣", "出生地")[0] == ["北京"]
    assert store.get_entity_info("慈欣")[0]["aliases"] == ["大刘、刘老师", "大刘", "慈欣"]


def test_load_kg_opens_a_store_by_extension_or_content(store: StoreKG, tmp_path: Path) -> None:
    assert isinstance(load_kg(store.path), StoreKG)
    renamed = tmp_path / "kg.db"
    renamed.write_bytes(store.path.read_bytes())
    assert isinstance(load_kg(renamed), StoreKG)


def test_build_reports_phases_and_counts(source: Path, tmp_path: Path) -> None:
    phases: list[str] = []
    report = build_store(source, tmp_path / "kg.kgdb", on_phase=phases.append)
    assert report.triples == 7 and report.duplicates == 1 and report.relations == 6
    assert "sorting and de-duplicating triples" in phases


def test_bad_line_names_file_and_line_and_leaves_no_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("三体\t作者\t刘慈欣\n只有两列\t作者\n", encoding="utf-8")
    with pytest.raises(KGLoadError, match=r"bad\.tsv:2: expected 3 tab-separated columns"):
        build_store(bad, tmp_path / "bad.kgdb")
    assert not list(tmp_path.glob("bad.kgdb*"))
    report = build_store(bad, tmp_path / "bad.kgdb", skip_bad_lines=True)
    assert report.triples == 1 and report.load["skipped"] == 1


def test_every_loader_format_builds(tmp_path: Path) -> None:
    nt = tmp_path / "kg.nt"
    nt.write_text('<http://x/a> <http://x/作者> <http://x/b> .\n<http://x/a> <http://www.w3.org/2000/01/rdf-schema#label> "三体"@zh .\n',
                  encoding="utf-8")
    build_store(nt, tmp_path / "nt.kgdb")
    assert open_store(tmp_path / "nt.kgdb").find_entity_or_value("三体", "作者")[0] == ["b"]


def test_not_a_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.kgdb"
    junk.write_text("三体\t作者\t刘慈欣\n", encoding="utf-8")
    with pytest.raises(KGLoadError, match="junk.kgdb: not a CuteKG store"):
        load_kg(junk)
    other = tmp_path / "other.kgdb"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(KGLoadError, match="a SQLite database, but not a CuteKG store"):
        load_kg(other)


def test_truncated_store(store: StoreKG, tmp_path: Path) -> None:
    cut = tmp_path / "cut.kgdb"
    cut.write_bytes(store.path.read_bytes()[: store.path.stat().st_size // 2])
    with pytest.raises(KGLoadError, match=r"cut.kgdb: the store is truncated \(.* bytes\); rebuild"):
        load_kg(cut)


def test_damaged_pages_are_a_clear_error_not_a_crash(store: StoreKG, tmp_path: Path) -> None:
    data = bytearray(store.path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page, len(data)):  # every page but the header's: the schema and all tables
        data[at] = 0xFF
    bad = tmp_path / "damaged.kgdb"
    bad.write_bytes(bytes(data))
    with pytest.raises(KGLoadError, match=r"damaged.kgdb: the store is damaged \(.*\); rebuild"):
        open_store(bad).find_entity_or_value("三体", "作者")


def test_a_store_damaged_only_in_pages_a_query_may_not_read_fails_its_check(tmp_path: Path) -> None:
    source = tmp_path / "many.tsv"
    source.write_text("".join(f"实体{i}\t关系{i % 7}\t值{i}\n" for i in range(3000)), encoding="utf-8")
    build_store(source, tmp_path / "many.kgdb")
    data = bytearray((tmp_path / "many.kgdb").read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(3, len(data) // page, 3):  # some pages of the tables, not the schema
        data[number * page + 100: number * page + 164] = bytes(range(64))
    bad = tmp_path / "patchy.kgdb"
    bad.write_bytes(bytes(data))
    store = open_store(bad, check_source=False)  # opens: the pages it reads to open are whole
    with pytest.raises(KGLoadError, match=r"patchy.kgdb: the store is damaged"):
        store.check()
    open_store(tmp_path / "many.kgdb").check()  # an intact store passes


def test_store_of_another_format_version(store: StoreKG, tmp_path: Path) -> None:
    old = tmp_path / "old.kgdb"
    old.write_bytes(store.path.read_bytes())
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    with pytest.raises(KGLoadError, match=f"store format 0, this CuteKG reads format {FORMAT_VERSION}: rebuild it with `agent kg build"):
        load_kg(old)


def test_changed_source_is_detected(store: StoreKG, source: Path) -> None:
    source.write_text(TSV + "新\t关系\t值\n", encoding="utf-8")
    with pytest.raises(KGLoadError, match=r"kg.tsv changed since this store was built from it .*rebuild it with `agent kg build"):
        load_kg(store.path)
    assert open_store(store.path, check_source=False).find_entity_or_value("三体", "作者")[0] == ["刘慈欣"]
    source.unlink()  # a deleted dump is fine: nothing to compare with
    assert load_kg(store.path).find_entity_or_value("三体", "作者")[0] == ["刘慈欣"]


def test_store_works_in_a_forked_process_after_use_in_the_parent(store: StoreKG) -> None:
    assert store.find_entity_or_value("三体", "作者")[0] == ["刘慈欣"]  # the parent's connection is open
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the sandbox forks its workers the same way
        ok = store.find_entity_or_value("球状闪电", "作者")[0] == ["刘慈欣"] and store._pid == os.getpid()
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"


def test_hub_reverse_facts_are_limited_without_reading_them_all(tmp_path: Path) -> None:
    source = tmp_path / "hub.tsv"
    source.write_text("".join(f"人{i}\t国籍\t中国\n" for i in range(250)), encoding="utf-8")
    build_store(source, tmp_path / "hub.kgdb")
    store = open_store(tmp_path / "hub.kgdb")
    info, message = store.get_entity_info("中国")
    assert len(info["reverse_facts"]["国籍"]) == 100 and info["reverse_facts"]["国籍"][0] == "人0"
    assert store.find_entity_or_value("中国", "国籍")[0][-1] == "人249"
    assert store.find_relationship("人1", "人2")[0] == [[["人1", "国籍", "中国"], ["人2", "国籍", "中国"]]]


def test_a_store_missing_a_table_or_with_bad_meta_is_named_at_open(store: StoreKG, tmp_path: Path) -> None:
    import shutil

    for name, sql, says in (("dropped.kgdb", "DROP TABLE out", "no table out"),
                            ("meta.kgdb", "UPDATE meta SET value = '{not json' WHERE key = 'source'", "its meta table")):
        bad = tmp_path / name
        shutil.copy(store.path, bad)
        with sqlite3.connect(bad) as db:
            db.execute(sql)
        with pytest.raises(KGLoadError, match=f"{name}: the store is damaged \\({says}"):
            open_store(bad, check_source=False)


def test_a_relation_asked_as_caret_is_only_the_edges_pointing_at_the_entity(tmp_path: Path) -> None:
    # 甲队 beat 乙队 and was beaten by 丙队: plain 击败 answers the outgoing edge, ^击败 the incoming.
    source = tmp_path / "games.tsv"
    source.write_text("甲队\t击败\t乙队\n丙队\t击败\t甲队\n", encoding="utf-8")
    build_store(source, tmp_path / "games.kgdb")
    for kg in (load_kg(source), open_store(tmp_path / "games.kgdb")):
        assert kg.find_entity_or_value(["甲队"], ["击败"])[0] == ["乙队"]
        found, message = kg.find_entity_or_value(["甲队"], ["^击败"])
        assert found == ["丙队"] and message == "以“甲队”为击败的有：丙队。"
        assert kg.find_entity_or_value(["丙队"], ["^击败"])[0] is None  # nothing beat 丙队: no fallback to its outgoing edge


def test_a_store_whose_record_of_its_source_is_damaged_is_one_error(store: StoreKG, tmp_path: Path) -> None:
    path = store.path
    with sqlite3.connect(path) as db:
        db.execute("update meta set value = '\"/some/folder\"' where key = 'source'")
    with pytest.raises(KGLoadError, match="the store's record of its source is damaged"):
        open_store(path)
