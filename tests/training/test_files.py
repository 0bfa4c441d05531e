"""Outputs written whole or not at all: a full disk leaves the old file or folder and no leftovers."""

import errno
from pathlib import Path

import pytest

from training.files import built_beside, write_atomically


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_written_on_a_full_disk_keeps_the_old_one_and_names_it(tmp_path, monkeypatch):
    out = tmp_path / "s.jsonl"
    out.write_text("old\n")
    monkeypatch.setattr(Path, "write_bytes", _full_disk)
    with pytest.raises(OSError) as raised:
        write_atomically(out, b"new\n")
    assert raised.value.filename == str(out) and raised.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert out.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["s.jsonl"]


def test_a_folder_built_on_a_full_disk_keeps_the_old_one_and_names_it(tmp_path):
    out = tmp_path / "ds"
    out.mkdir()
    (out / "dataset.jsonl").write_text("old\n")
    with pytest.raises(OSError) as raised, built_beside(out) as tmp:
        (tmp / "dataset.jsonl").write_text("new\n")
        _full_disk()
    assert raised.value.filename == str(out)
    assert (out / "dataset.jsonl").read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_a_full_disk_reported_by_a_rust_library_is_one_oserror_naming_the_output(tmp_path):
    # safetensors' SafetensorError and tokenizers' Exception quote "os error 28" but are no OSError
    out = tmp_path / "merged"
    out.mkdir()
    (out / "old.txt").write_text("old")
    with pytest.raises(OSError) as raised, built_beside(out):
        raise Exception("Error while serializing: I/O error: No space left on device (os error 28)")
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(out)
    assert (out / "old.txt").read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["merged"]


def test_a_users_own_file_under_the_staging_name_is_kept_and_named(tmp_path):
    (tmp_path / ".out.tmp").write_text("mine")
    with pytest.raises(FileExistsError) as raised, built_beside(tmp_path / "out"):
        pass
    assert raised.value.filename == str(tmp_path / ".out.tmp") and "a file of yours has it" in str(raised.value)
    assert (tmp_path / ".out.tmp").read_text() == "mine" and not (tmp_path / "out").exists()
