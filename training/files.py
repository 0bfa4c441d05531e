"""Writing an output file whole or not at all: a full disk or a crash leaves the old file."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """`data` into `path` through a file beside it renamed at the end: a full disk or a crash leaves
    the old file (or none), never half of the new one. An OSError names `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    return path
