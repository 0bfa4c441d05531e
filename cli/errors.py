"""One user-error handler for every command: a line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from contextlib import contextmanager
from typing import IO

import typer
from rich.console import Console
from rich.text import Text

from agent.sanitize import clean

err = Console(stderr=True)


def _user_error_types() -> tuple[type[BaseException], ...]:
    # Imported when a command runs: `agent ask` must not import training or torch to start.
    from pydantic import ValidationError

    from agent.evaluate import EvalFileError
    from agent.offline.words import WordListError
    from kg.loaders import KGLoadError
    from llm.base import ModelLoadError
    from llm.knowledge_eval.records import BenchDataError
    from training.data import DataFormatError, EncodingSetupError
    from training.finetune import TrainingSetupError
    from training.synthesize import SynthesisError

    return (KGLoadError, EvalFileError, ModelLoadError, BenchDataError, DataFormatError, EncodingSetupError, TrainingSetupError, SynthesisError,
            WordListError, ValidationError, OSError)


MAX_ERROR_CHARS = 1000
"""An error line quoting a 5 MB config value or path is cut, saying how long it was."""


def fail(message: str) -> typer.Exit:
    """Print `error: message` (literally: brackets such as [gpu] are not markup) and give the exit.
    One line whatever the message holds: a line break in a path is written as \\n."""
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    if len(message) > MAX_ERROR_CHARS:
        message = f"{message[:MAX_ERROR_CHARS]}… ({len(message):,} characters)"
    err.print(Text.assemble(("error: ", "red"), clean(message)), soft_wrap=True, highlight=False)
    return typer.Exit(2)


def refuse_existing_file(path, force: bool, label: str = "", what: str = "file") -> None:
    """An output file is never replaced silently: a non-empty one is refused unless --force; a
    link, device or pipe is never replaced (writing goes through a rename, which would replace it).
    `what` is the output's kind, for the hint: a file, or a folder."""
    if path.is_symlink():
        raise fail(f"{label}{path} is a symbolic link; give the path of a real {what}")
    if what == "file" and path.is_dir():  # `agent data synth . --force` reached the rename with a folder
        raise fail(f"{label}{path} is a folder; give a file name such as {path / 'out.jsonl'}")
    if path.exists() and not path.is_file() and not path.is_dir():
        raise fail(f"{label}{path} is not a regular file (a device, pipe or socket); give the path of a {what}")
    if not force and path.is_file() and path.stat().st_size:
        raise fail(f"{label}{path} already exists ({path.stat().st_size:,} bytes); --force replaces it")


def check_output_file(path, force: bool, example: str = "records.jsonl", make_folder: bool = False) -> None:
    """Say what is wrong with an --out file before any work is done: a folder, a missing folder
    (unless the command makes it), a file that exists (without --force), a link or a device."""
    if path.is_dir():
        raise fail(f"--out {path} is a folder; give a file name such as {path / example}")
    if not make_folder and not path.parent.is_dir():
        where = f"{path.parent} is a file, not a folder" if path.parent.exists() else f"no such folder: {path.parent}"
        raise fail(f"--out {path}: {where}")
    refuse_existing_file(path, force, "--out ")


class _RecordsUnwritable(Exception):
    """A write to the records file failed: no OSError, so that a command's own `user_errors` around
    the work (bench's, per model) leaves it to records_beside, which names --out and cleans up."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Records:
    """The records file, its write errors raised as _RecordsUnwritable."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, text: str) -> None:
        try:
            self.handle.write(text)
        except OSError as error:
            raise _RecordsUnwritable(error) from None

    def flush(self) -> None:
        try:
            self.handle.flush()
        except OSError as error:
            raise _RecordsUnwritable(error) from None


@contextmanager
def records_beside(out_path, stopped: Callable[[], str] = lambda: "stopped") -> Iterator[_Records | None]:
    """A file for a run's records as they come, renamed over `out_path` when the block completes: an
    interrupted run leaves the old --out as it was and what it wrote beside it (OUT.PID.partial: two
    runs at once each write their own), and says so, `stopped()` leading the note. None when there
    is no --out."""
    if out_path is None:
        yield None
        return
    partial = out_path.with_name(f"{out_path.name}.{os.getpid()}.partial")
    try:
        partial.parent.mkdir(parents=True, exist_ok=True)
        handle = partial.open("w", encoding="utf-8")
    except OSError as error:
        raise fail(describe(error)) from None
    try:
        yield _Records(handle)
        handle.close()
    except (OSError, _RecordsUnwritable) as failed:  # a full disk: what could be written is of no use, the old --out stays
        error = failed.error if isinstance(failed, _RecordsUnwritable) else failed
        with contextlib.suppress(OSError):
            handle.close()
        partial.unlink(missing_ok=True)
        raise fail(f"{out_path}: {error.strerror or error} while writing the records; {out_path} is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        note(f"{stopped()}: the records so far are in {partial}; {out_path} is unchanged")
        raise
    try:
        partial.replace(out_path)
    except OSError as error:  # an immutable or vanished --out, its folder made read-only meanwhile
        partial.unlink(missing_ok=True)
        raise fail(f"{out_path}: {error.strerror or error}; {out_path} is unchanged") from None


def refuse_input_as_output(out, *inputs, label: str = "--out") -> None:
    """Writing an output over one of the command's own inputs (or into a folder holding one) would
    destroy it whatever --force says: refused."""
    target = _resolved(out)
    for given in inputs:
        if given is None:
            continue
        source = _resolved(given)
        if target == source or target in source.parents or _same_file(target, source):  # (a hard link is the same file)
            raise fail(f"{label} {out} would overwrite the input {given}; write somewhere else")
        if source in target.parents:  # ds/tokenizer replaced breaks the input; ds/run, tiny/run fill it with outputs
            raise fail(f"{label} {out} is inside the input {given}; write somewhere else")


def _same_file(a, b) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _resolved(path):
    try:
        return path.resolve()
    except FileNotFoundError:  # a relative path in a folder that was deleted under the shell
        raise fail(f"{path}: the current folder no longer exists (it was removed); cd into one that does") from None
    except (RuntimeError, OSError):  # a symbolic link to itself (Python < 3.13 raises RuntimeError)
        raise fail(f"{path}: a symbolic link that points back at itself (a loop)") from None


def note(message: str) -> None:
    """Print `note: message` on stderr, literally (paths and names may hold brackets)."""
    err.print(Text.assemble(("note: ", "yellow"), clean(message)), soft_wrap=True, highlight=False)


def describe(error: BaseException) -> str:
    """One line for a user error; a pydantic error names the field first."""
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "config"
        return f"{where}: {first['msg']}"
    if isinstance(error, OSError) and error.filename is not None:
        return f"{_as_typed(str(error.filename))}: {error.strerror or error}"
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


_STAGING = re.compile(r"^(?P<dir>.*?)(?:\.(?P<hidden>[^/]+)\.tmp|(?P<plain>[^/]+?)(?:\.\d+)?\.(?:partial|building))$")


def _as_typed(filename: str) -> str:
    """The output the user named for the staging file it is written under (ro/.ds.tmp → ro/ds,
    e.jsonl.123.partial → e.jsonl, new.kgdb.123.building → new.kgdb): a read-only or full disk is said of it."""
    found = _STAGING.match(filename)
    return f"{found['dir']}{found['hidden'] or found['plain']}" if found else filename


@contextmanager
def user_errors(typed: Mapping[Path, Path] | None = None) -> Iterator[None]:
    """Turn the errors a user can fix (a bad file, model path, config, data set) into one line and exit 2.
    Anything else is a bug of ours and keeps its traceback. `typed` maps paths the command made
    absolute back to the way the user typed them, for the message."""
    try:
        yield
    except _user_error_types() as error:
        message = describe(error)
        for absolute, given in sorted((typed or {}).items(), key=lambda pair: -len(str(pair[0]))):
            message = message.replace(str(absolute), str(given))
        raise fail(message) from None


def guarded(command):
    """The command, run inside `user_errors` (typer reads the wrapped signature and docstring)."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        with user_errors():
            return command(*args, **kwargs)

    return run
