"""Read triples from files: TSV, CSV, JSON Lines, NLPCC-2016 `s ||| p ||| o`, RDF (kg/rdf_stream.py).

`load_kg(path)` is the one entry point (it also opens `.kgdb` stores and `sparql+http://` endpoints);
`iter_triples(path)` streams the triples of any format.
A bad line raises `KGLoadError` naming the file and line, or — with `skip_bad_lines=True` — is
counted in the load report. Nothing is dropped silently; duplicates are kept once and counted.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from kg.base import MAX_FIELD_CHARS, too_long
from kg.networkx_kg import NetworkXKG

FORMATS = ("tsv", "csv", "jsonl", "nlpcc", "rdf")
_EXTENSIONS = {
    ".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".kb": "nlpcc", ".nlpcc": "nlpcc", ".nt": "rdf", ".ttl": "rdf", ".n3": "rdf", ".rdf": "rdf",
    ".owl": "rdf", ".xml": "rdf", ".nq": "rdf", ".trig": "rdf", ".jsonld": "rdf",
}
_HEADERS = {
    ("subject", "relation", "object"), ("subject", "predicate", "object"), ("head", "relation", "tail"),
    ("s", "p", "o"), ("h", "r", "t"), ("主语", "谓语", "宾语"), ("头实体", "关系", "尾实体"), ("实体", "关系", "值"),
    ("实体", "属性", "值"),
}
_JSON_KEYS = (("subject", "relation", "object"), ("subject", "predicate", "object"), ("head", "relation", "tail"), ("s", "p", "o"))
# RDF syntaxes accepted as `format=` (else rdflib guesses from the extension).
_RDF_SYNTAXES = {"nt": "nt", "ntriples": "nt", "ttl": "turtle", "turtle": "turtle", "xml": "xml", "n3": "n3",
                 "json-ld": "json-ld", "nquads": "nquads", "trig": "trig"}
MAX_REPORTED_ERRORS = 5
SAMPLE_KG_PATH = Path(str(resources.files("kg").joinpath("data", "sample_kg.tsv")))


class KGLoadError(ValueError):
    """A file that cannot be read as triples; `str()` is one line: `path:line: reason`."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


class _BadLine(Exception):
    """A reason why one line is not a triple; turned into KGLoadError or a skip by the driver."""


@dataclass
class LoadReport:
    path: str
    format: str
    lines: int = 0
    triples: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)  # the first few skipped lines, as KGLoadError text

    def skip(self, error: KGLoadError) -> None:
        self.skipped += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(str(error))


Triple3 = tuple[str, str, str]


def detect_format(path: str | Path, format: str | None = None) -> str:
    """The format named, or the one the extension implies (`.gz` looked through)."""
    if format:
        fmt = format.lower().lstrip(".")
        fmt = "rdf" if fmt in _RDF_SYNTAXES else {"txt": "tsv", "json": "jsonl", "ndjson": "jsonl"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise KGLoadError(path, None, f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    ext = suffixes[-1] if suffixes else ""
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if ext in (".txt", ""):
        return "nlpcc" if "|||" in _first_data_line(path) else "tsv"
    known = ", ".join(sorted({*_EXTENSIONS, ".txt", ".kgdb"}))
    raise KGLoadError(path, None, f"unknown extension {ext!r}; KG files end in {known} (optionally .gz)")


def iter_triples(
    path: str | Path,
    format: str | None = None,
    *,
    skip_bad_lines: bool = False,
    progress: bool = False,
    report: LoadReport | None = None,
) -> Iterator[Triple3]:
    """Stream (subject, relation, object) from a file; see the module docstring for errors."""
    path = Path(path)
    if not path.is_file():
        reason = ("a folder, not a KG file" if path.is_dir() else
                  "not a regular file (a pipe, socket or device); save the triples to a file" if path.exists() else "no such file")
        raise KGLoadError(path, None, reason)
    fmt = detect_format(path, format)
    report = report or LoadReport(str(path), fmt)
    if fmt == "rdf":
        from kg.rdf_stream import rdf_triples

        syntax = (format or "").lower().lstrip(".")
        yield from rdf_triples(path, report, syntax if syntax in _RDF_SYNTAXES else None, skip_bad_lines,
                               lambda p, doing: _progress(p, progress, doing), _open_binary, KGLoadError)
        return
    if fmt == "csv":
        yield from _csv_triples(path, report, skip_bad_lines, progress)
        return
    if fmt == "jsonl" and _first_data_line(path).startswith("[") and not _one_triple(_first_data_line(path)):
        yield from _json_array_triples(path, report, skip_bad_lines)
        return
    parse = {"tsv": _parse_tsv, "nlpcc": _parse_nlpcc, "jsonl": _parse_jsonl}[fmt]
    with _progress(path, progress) as advance:
        first = True
        for number, line in _decoded_lines(path, report, skip_bad_lines, advance):
            try:
                triple = parse(line)
            except _BadLine as exc:
                error = KGLoadError(path, number, str(exc))
                if not skip_bad_lines:
                    raise error from None
                report.skip(error)
                continue
            if triple is None:
                continue
            if first and fmt == "tsv" and tuple(c.lower() for c in triple) in _HEADERS:
                first = False
                continue  # a header row
            first = False
            report.triples += 1
            yield triple


def load_kg(
    path: str | Path,
    format: str | None = None,
    *,
    skip_bad_lines: bool = False,
    progress: bool = False,
    alias_file: str | Path | None = None,
) -> Any:
    """Open a KG: a triples file in any format (read into a `NetworkXKG`), a store built by
    `agent kg build` (`StoreKG`, opened without reading triples) or a SPARQL endpoint
    `sparql+http://host:port/path` (`SparqlKG`). Raises KGLoadError (one line: file, line, reason)."""
    endpoint = sparql_url(path)
    if endpoint is not None:
        from urllib.parse import urlsplit

        from kg.sparql import SparqlKG

        try:
            parts = urlsplit(endpoint)
            host, _ = parts.hostname, parts.port
            if host and any(ch.isspace() or ord(ch) < 32 for ch in host):
                raise ValueError(f"a space or control character in the host {host!r}")
        except ValueError as error:  # "Invalid IPv6 URL" (an unclosed [), a port out of range
            raise KGLoadError(f"sparql+{endpoint}", None, f"not a SPARQL endpoint URL ({error})") from None
        if not host:
            raise KGLoadError(f"sparql+{endpoint}", None, "not a SPARQL endpoint URL: write sparql+http://HOST:PORT/PATH (or sparql+https://…)")
        return SparqlKG(endpoint)
    if str(path).lower().startswith("sparql+") and not Path(path).exists():
        raise KGLoadError(path, None, "not a SPARQL endpoint URL: write sparql+http://HOST:PORT/PATH (or sparql+https://…)")
    if format is None and Path(path).is_file() and _is_sqlite(Path(path)):
        from kg.store import open_store

        return open_store(path)
    fmt = detect_format(path, format) if Path(path).is_file() else (format or "?")
    report = LoadReport(str(path), fmt)
    triples = iter_triples(path, format, skip_bad_lines=skip_bad_lines, progress=progress, report=report)
    aliases = list(_alias_pairs(Path(alias_file))) if alias_file else None
    kg = NetworkXKG.from_triples(triples, aliases=aliases, stripped=True)
    if kg.triple_count == 0:
        why = f"no triples found ({report.skipped} bad lines skipped)" if report.skipped else "no triples found"
        raise KGLoadError(path, None, why)
    kg.load_report = {**asdict(report), "duplicates": kg.duplicates}
    return kg


_SPARQL_URL = re.compile(r"^sparql\+(https?):/{1,2}(.+)$", re.IGNORECASE)


def sparql_url(path: str | Path) -> str | None:
    """`sparql+http://host/sparql` → `http://host/sparql`. Also accepts the one-slash form a
    `pathlib.Path` leaves of it (`--kg` arrives as a Path), else None."""
    match = _SPARQL_URL.match(str(path))
    return f"{match.group(1).lower()}://{match.group(2)}" if match else None


def _is_sqlite(path: Path) -> bool:
    if path.suffix.lower() == ".kgdb":
        return True  # opened as a store whatever it holds, so a bad one gets the store's errors
    with _open_raw(path) as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def load_sample_kg() -> NetworkXKG:
    """The small Chinese KG bundled with the package (kg/data/sample_kg.tsv)."""
    return load_kg(SAMPLE_KG_PATH, "tsv")


# ---------------------------------------------------------------------------- line formats


def _parse_tsv(line: str) -> Triple3 | None:
    cells = line.split("\t")
    if len(cells) == 3:  # the common case, checked without the general path's allocations
        s, r, o = cells[0].strip(), cells[1].strip(), cells[2].strip()
        if s and r and o and len(line) <= MAX_FIELD_CHARS:
            return None if s[0] == "#" else (s, r, o)
    stripped = line.strip()
    if not stripped or stripped[0] == "#":
        return None
    while len(cells) > 3 and not cells[-1].strip():
        cells.pop()  # trailing tabs
    if len(cells) != 3:
        raise _BadLine(f"expected 3 tab-separated columns (subject, relation, object), found {len(cells)}")
    return _checked(cells)


def _parse_nlpcc(line: str) -> Triple3 | None:
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    cells = line.split("|||", 2)
    if len(cells) != 3:
        raise _BadLine("expected 'subject ||| relation ||| object'")
    return _checked(cells)


MAX_CSV_FIELD = 16 << 20  # characters in one CSV field (a long abstract), bounded: a broken quote stops there


def _no_constant(name: str) -> Any:
    raise _BadLine(f"{name} is not a JSON value (JSON has no NaN or Infinity)")


TOO_DEEP = "JSON nested too deeply to be a triple (arrays or objects inside each other thousands of times)"


def _json_loads(text: str) -> Any:
    """`json.loads`, an integer kept as the digits it is written with (a value, never arithmetic, and
    Python refuses to turn a number of more than 4300 digits into an int); NaN and Infinity refused."""
    return json.loads(text, parse_int=str, parse_constant=_no_constant)


def _parse_jsonl(line: str) -> Triple3 | None:
    if not line.strip():
        return None
    try:
        record = _json_loads(line)
    except json.JSONDecodeError as exc:
        raise _BadLine(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise _BadLine(TOO_DEEP) from None
    if isinstance(record, list) and len(record) == 3:
        return _checked([_json_cell(v, part) for v, part in zip(record, ("subject", "relation", "object"))])
    if not isinstance(record, dict):
        raise _BadLine('expected an object {"subject", "relation", "object"}')
    for keys in _JSON_KEYS:
        if all(k in record for k in keys):
            return _checked([_json_cell(record[k], k) for k in keys])
    missing = [k for k in _JSON_KEYS[0] if k not in record]
    raise _BadLine(f"missing key(s) {', '.join(missing)}")


def _json_cell(value: Any, part: str) -> str:
    """A name or value: text, or a number or true/false written as such; null, an object or an
    array names nothing ("null" would become an entity)."""
    if value is None or isinstance(value, (dict, list)):
        kind = "null" if value is None else "a JSON " + ("object" if isinstance(value, dict) else "array")
        raise _BadLine(f"{part} is {kind}, not a name or a value")
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a "\ud800" escape: no text holds it, and a store could not save it
        raise _BadLine(f"{part} holds a lone surrogate ({value[exc.start]!r}), not text") from None
    return value


def _one_triple(line: str) -> bool:
    """A JSONL line holding one [subject, relation, object] array (not the start of a JSON array file)."""
    try:
        record = _json_loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(record, list) and len(record) == 3 and not any(isinstance(v, (dict, list)) for v in record)


def _checked(cells: list[str]) -> Triple3:
    s, r, o = cells[0].strip(), cells[1].strip(), cells[2].strip()
    if not (s and r and o):
        empty = "subject" if not s else "relation" if not r else "object"
        raise _BadLine(f"empty {empty}")
    _bounded(s, r, o)
    return s, r, o


def _bounded(*triple: str) -> None:
    reason = too_long(triple)
    if reason:
        raise _BadLine(reason)


def _csv_triples(path: Path, report: LoadReport, skip: bool, progress: bool) -> Iterator[Triple3]:
    """CSV as the big Chinese dumps write it (CN-DBpedia, ownthink `实体,属性,值`): quoted fields
    may hold commas, quotes ("") and line breaks; an error names the line its record starts on."""
    with _progress(path, progress) as advance:
        lines = ((number, line + "\n") for number, line in _decoded_lines(path, report, skip, advance))
        numbers = [0]  # the line number of the last line the reader took
        csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))  # the module's 128 KB cuts long abstracts
        reader = csv.reader(_remember(lines, numbers), strict=True)
        first = True
        while True:
            start = numbers[0] + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                error = KGLoadError(path, start, f"bad CSV: {exc}")
                if not skip:
                    raise error from None
                report.skip(error)
                continue
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            while len(row) > 3 and not row[-1].strip():
                row.pop()
            try:
                if len(row) != 3:
                    raise _BadLine(f"expected 3 comma-separated columns (subject, relation, object), found {len(row)}")
                triple = _checked(row)
            except _BadLine as exc:
                error = KGLoadError(path, start, str(exc))
                if not skip:
                    raise error from None
                report.skip(error)
                continue
            if first and tuple(c.lower() for c in triple) in _HEADERS:
                first = False
                continue
            first = False
            report.triples += 1
            yield triple


def _remember(lines: Iterator[tuple[int, str]], numbers: list[int]) -> Iterator[str]:
    for number, line in lines:
        numbers[0] = number
        yield line


def _json_array_triples(path: Path, report: LoadReport, skip: bool) -> Iterator[Triple3]:
    """A .json file holding one array of records instead of one record per line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        records = _json_loads(text)
    except UnicodeDecodeError as exc:
        raise KGLoadError(path, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise KGLoadError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:  # the outermost array opens on the first line that is not blank
        raise KGLoadError(path, text[:len(text) - len(text.lstrip())].count("\n") + 1, TOO_DEEP) from None
    except _BadLine as exc:  # NaN or Infinity somewhere in the array
        raise KGLoadError(path, None, str(exc)) from None
    for index, record in enumerate(records):
        try:
            triple = _parse_jsonl(json.dumps(record, ensure_ascii=False))
        except _BadLine as exc:
            error = KGLoadError(path, None, f"item {index}: {exc}")
            if not skip:
                raise error from None
            report.skip(error)
            continue
        if triple is not None:
            report.triples += 1
            yield triple


# ---------------------------------------------------------------------------- reading bytes


def _open_raw(path: Path) -> IO[bytes]:
    return open(path, "rb")  # noqa: SIM115


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() != ".gz":
        return open(path, "rb")  # noqa: SIM115
    with open(path, "rb") as raw:
        magic = raw.read(2)
    if magic != b"\x1f\x8b":
        raise KGLoadError(path, None, "ends in .gz but is not a gzip file; compress it with gzip or drop the .gz")
    return gzip.open(path, "rb")  # noqa: SIM115


def _decoded_lines(
    path: Path, report: LoadReport, skip: bool, advance: Callable[[int], None]
) -> Iterator[tuple[int, str]]:
    """(line number, text) of a UTF-8 file. Lines are read and decoded a block at a time (a decode
    per line was a tenth of a load); a block that is not UTF-8 is decoded line by line, so the
    error names its line."""
    number = 0
    with _open_binary(path) as handle:
        for block in _raw_blocks(handle, path):
            advance(sum(map(len, block)))
            try:
                text = b"".join(block).decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                for line in text.removesuffix("\n").split("\n"):
                    number += 1
                    report.lines = number
                    yield number, line.rstrip("\r")
                continue
            for raw in block:
                number += 1
                report.lines = number
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    error = KGLoadError(path, number, f"not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); re-save the file as UTF-8")
                    if not skip:
                        raise error from None
                    report.skip(error)
                    continue
                yield number, line.rstrip("\r\n")


def _raw_blocks(handle: IO[bytes], path: Path) -> Iterator[list[bytes]]:
    """The file's lines, about a MiB of them at a time; a damaged or cut-off .gz is one clear error,
    not a bare EOFError."""
    try:
        while block := handle.readlines(1 << 20):
            yield block
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise KGLoadError(path, None, f"damaged or incomplete gzip file ({exc}); download or compress it again") from None


def _first_data_line(path: str | Path) -> str:
    try:
        with _open_binary(Path(path)) as handle:
            for raw in handle:
                line = raw.decode("utf-8", "replace").strip()
                if line and not line.startswith("#"):
                    return line
    except (OSError, EOFError, zlib.error):
        return ""
    return ""


def _progress(path: Path, enabled: bool, doing: str = "loading") -> Any:
    """A context giving `advance(nbytes)`: a rich progress bar over the bytes read, or a no-op."""
    if not enabled:
        return nullcontext(lambda n: None)
    return _RichProgress(path, doing)


class _RichProgress:
    STEP = 1 << 20  # redraw once per MiB: per-line updates would cost more than the parsing

    def __init__(self, path: Path, doing: str) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(), transient=True)
        self.task = self.progress.add_task(f"{doing} {path.name}", total=path.stat().st_size)
        self.pending = 0

    def __enter__(self) -> Callable[[int], None]:
        self.progress.start()
        return self.advance

    def advance(self, nbytes: int) -> None:
        self.pending += nbytes
        if self.pending >= self.STEP:
            self.progress.advance(self.task, self.pending)
            self.pending = 0

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _alias_pairs(path: Path) -> Iterator[tuple[str, str]]:
    """An alias file: `alias<TAB>entity` per line, # comments (see kg/data/README.md)."""
    report = LoadReport(str(path), "alias")
    for number, line in _decoded_lines(path, report, False, lambda n: None):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2 or not all(cells):
            raise KGLoadError(path, number, "expected 'alias<TAB>entity'")
        yield cells[0], cells[1]
