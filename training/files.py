"""Outputs written whole or not at all: a file or folder is built beside its final name (hidden,
`beside`) and renamed into place, so a full disk, a crash or a kill leaves the old one."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def beside(final: Path) -> Path:
    """The hidden name `final`'s replacement is built under: ds → .ds.tmp."""
    return final.with_name(f".{final.name}.tmp")


def write_atomically(path: Path, data: bytes) -> Path:
    """`data` into `path` through a file beside it renamed at the end: a full disk or a crash leaves
    the old file (or none), never half of the new one. An OSError names `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = beside(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    return path


@contextmanager
def built_beside(final: Path) -> Iterator[Path]:
    """A folder to build `final`'s replacement in, renamed into place when the block completes;
    on any failure it goes, and the old `final` stays. A write that fails (a full disk) names
    `final`, not the hidden folder beside it."""
    tmp = staging_dir(final)  # (a file of the user's under its name is said as such, not as a write to `final`)
    try:
        yield tmp
        replace_dir(tmp, final)
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OSError(error.errno, error.strerror, str(final)) from None
    except BaseException as error:
        shutil.rmtree(tmp, ignore_errors=True)
        if disk_full(error):  # safetensors' SafetensorError, tokenizers' Exception: no OSError of their own
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(final)) from None
        raise


def disk_full(error: BaseException) -> bool:
    """A full disk, whichever library reported it: an OSError ENOSPC, or the Rust libraries'
    own exceptions quoting it ("No space left on device (os error 28)")."""
    if isinstance(error, OSError):
        return error.errno == errno.ENOSPC
    return "No space left on device" in str(error) or "os error 28" in str(error)


def staging_dir(final: Path) -> Path:
    """An empty hidden folder beside `final` to build its replacement in."""
    tmp = beside(final)
    if (tmp.exists() and not tmp.is_dir()) or tmp.is_symlink():  # the user's own file of that name is never replaced
        raise FileExistsError(errno.EEXIST, f"{final.name} is built under this name before it replaces the old one, and "
                              "a file of yours has it; move or rename it", str(tmp))
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def replace_dir(tmp: Path, final: Path) -> None:
    """Move the finished `tmp` to `final`; the old `final` is removed only once the new one is in place."""
    if not final.exists():
        os.replace(tmp, final)
        return
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(final, old)
    os.replace(tmp, final)
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
    else:
        old.unlink(missing_ok=True)
