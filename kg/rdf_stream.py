"""RDF files streamed into (subject, relation, object) names: N-Triples, N-Quads, Turtle, TriG, N3,
RDF/XML, JSON-LD, through pyoxigraph's parser (Rust, incremental: a 10 GB dump is never in memory).

Names follow the RDF mapping of kg.loaders: a resource is named by its rdfs:label (a Chinese one
first, then an untagged one, then any), else by its IRI's local name; a literal by its text; the
label that became a name is not repeated as a fact, other labels stay facts (and so aliases).
Labels may come after the triples that use them, so the file is read twice: once for the labels
(N-Triples lines without `rdf-schema#label` are not even parsed), once for the triples.

Line-based syntaxes (N-Triples, N-Quads) are parsed in batches of lines, so a bad line is an
error with its line number, or — with skip_bad_lines — skipped and counted while the rest loads.
In the other syntaxes a statement may span lines and a syntax error stops the load (with its line).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kg.base import too_long

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BATCH_LINES = 20_000
_BY_EXTENSION = {".nt": "N_TRIPLES", ".nq": "N_QUADS", ".ttl": "TURTLE", ".trig": "TRIG", ".n3": "N3",
                 ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD"}
_BY_NAME = {"nt": "N_TRIPLES", "ntriples": "N_TRIPLES", "nquads": "N_QUADS", "ttl": "TURTLE", "turtle": "TURTLE",
            "trig": "TRIG", "n3": "N3", "xml": "RDF_XML", "json-ld": "JSON_LD"}
LINE_BASED = {"N_TRIPLES", "N_QUADS"}

Triple3 = tuple[str, str, str]


def rdf_syntax(path: Path, name: str | None) -> str:
    """The pyoxigraph format name for a file (`.gz` looked through) or a format= argument."""
    if name and name.lower() in _BY_NAME:
        return _BY_NAME[name.lower()]
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    return _BY_EXTENSION.get(suffixes[-1] if suffixes else "", "TURTLE")


def rdf_triples(path: Path, report: Any, syntax_name: str | None, skip: bool,
                progress: Callable[[Path, str], Any], open_binary: Callable[[Path], Any],
                error: Callable[[Path, int | None, str], Exception]) -> Iterator[Triple3]:
    """Stream the triples of an RDF file as names (see the module docstring); `progress`,
    `open_binary` and `error` are kg.loaders' own, passed in to keep the import one way."""
    import pyoxigraph as ox

    syntax = rdf_syntax(path, syntax_name)
    if syntax == "RDF_XML":
        _refuse_nested_entities(path, open_binary, error)
    fmt = getattr(ox.RdfFormat, syntax)
    quads = _line_batches if syntax in LINE_BASED else _whole_stream
    labels: dict[str, tuple[int, str]] = {}
    with progress(path, "reading labels") as advance:
        for quad in _intact(quads(path, fmt, report, skip, advance, open_binary, error, only=b"rdf-schema#label", count=False), path, error):
            if quad.predicate.value == RDFS_LABEL and isinstance(quad.object, ox.Literal) and not isinstance(quad.subject, ox.Triple):
                lang = (quad.object.language or "").lower()
                rank = 0 if lang.startswith("zh") else 1 if not lang else 2
                subject = quad.subject.value
                if subject not in labels or rank < labels[subject][0]:
                    labels[subject] = (rank, quad.object.value)
    names = {subject: label for subject, (_, label) in labels.items()}
    del labels

    def name_of(term: Any) -> str:
        if isinstance(term, ox.NamedNode):
            return names.get(term.value) or _local_name(term.value)
        if isinstance(term, ox.BlankNode):  # _:b1 rdfs:label "三体": named by its label too
            return names.get(term.value) or term.value
        return term.value if isinstance(term, ox.Literal) else str(term)

    with progress(path, "reading triples") as advance:
        for quad in _intact(quads(path, fmt, report, skip, advance, open_binary, error, only=None, count=True), path, error):
            s, p, o = quad.subject, quad.predicate, quad.object
            if p.value == RDFS_LABEL and isinstance(o, ox.Literal) and names.get(s.value) == o.value:
                continue  # the label that is the name
            triple = (name_of(s).strip(), name_of(p).strip(), name_of(o).strip())
            reason = "" if not all(triple) else too_long(triple)
            if all(triple) and not reason:
                report.triples += 1
                yield triple
            elif reason and not skip:
                raise error(path, _first_long_line(path, open_binary), f"{reason} ({triple[0][:40]} {triple[1][:40]} …)")
            else:
                report.skip(error(path, None, reason or f"empty name in {s} {p} {o}"))


def _intact(quads: Iterator[Any], path: Path, error: Callable[[Path, int | None, str], Exception]) -> Iterator[Any]:
    """The quads, a cut-off or damaged .gz being one error (as kg.loaders says it for text files)."""
    try:
        yield from quads
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise error(path, None, f"damaged or incomplete gzip file ({exc}); download or compress it again") from None


def _line_batches(path, fmt, report, skip, advance, open_binary, error, only: bytes | None, count: bool):
    """N-Triples/N-Quads: batches of lines, each parsed alone; a bad line is reported with its
    number and (skip mode) the batch goes on after it."""
    import pyoxigraph as ox

    with open_binary(path) as handle:
        number = 0
        while True:
            first = number + 1
            lines = []
            for raw in handle:
                number += 1
                advance(len(raw))
                if number == 1:
                    raw = raw.removeprefix(BOM)  # a UTF-8 byte-order mark, as editors write it
                if only is None or only in raw:
                    lines.append((number, raw))
                if number - first + 1 >= BATCH_LINES:
                    break
            if count:
                report.lines = number
            if number < first:
                return
            while lines:
                data = b"".join(raw if raw.endswith(b"\n") else raw + b"\n" for _, raw in lines)
                try:
                    yield from ox.parse(data, format=fmt)
                    break
                except SyntaxError as exc:
                    at = max(1, min(exc.lineno or 1, len(lines))) - 1
                    bad = error(path, lines[at][0], f"bad RDF ({fmt}): {_reason(exc)}")
                    if not skip:
                        raise bad from None
                    if count:
                        report.skip(bad)
                    lines = lines[at + 1:]  # the lines before the bad one were yielded already


def _first_long_line(path, open_binary: Callable[[Path], Any]) -> int | None:
    """The number of the first line long enough to hold an over-long field (read again, on the way to
    that error only: the parser does not say where a triple stood)."""
    from kg.base import MAX_FIELD_CHARS

    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if len(raw) > MAX_FIELD_CHARS and len(raw.decode("utf-8", "replace")) > MAX_FIELD_CHARS:
                return number
    return None


BOM = b"\xef\xbb\xbf"
XML_HEAD = 1 << 20  # bytes of an RDF/XML file where its DOCTYPE and entity declarations stand
MAX_ENTITY_VALUE = 1024  # an OWL file's &xsd; or &owl; is a namespace IRI of a few dozen bytes
_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[\w.:-]+\s+(?:\"([^\"]*)\"|'([^']*)')")


def _refuse_nested_entities(path: Path, open_binary: Callable[[Path], Any], error: Callable[[Path, int | None, str], Exception]) -> None:
    """An XML entity whose value names another entity can expand without bound ("billion laughs":
    1 KB → gigabytes): refused. Plain ones (an OWL file's namespace abbreviations) are read."""
    with open_binary(path) as handle:
        head = handle.read(XML_HEAD)
    for match in _ENTITY.finditer(head):
        value = match.group(1) or match.group(2) or b""
        line = head.count(b"\n", 0, match.start()) + 1
        if b"&" in value:
            raise error(path, line, "an XML entity defined by other entities (it could expand without bound): not read")
        if len(value) > MAX_ENTITY_VALUE:  # one long entity used thousands of times: gigabytes from a small file
            raise error(path, line, f"an XML entity of {len(value):,} bytes (at most {MAX_ENTITY_VALUE:,}: entities abbreviate "
                                    "namespaces, and a long one repeated expands the file many times over): not read")


def _whole_stream(path, fmt, report, skip, advance, open_binary, error, only: bytes | None, count: bool):
    import pyoxigraph as ox

    with open_binary(path) as handle:
        reader = _Counting(handle, advance)
        try:
            yield from ox.parse(reader, format=fmt)
        except SyntaxError as exc:
            raise error(path, exc.lineno, f"bad RDF ({fmt}): {_reason(exc)}") from None
        except UnicodeDecodeError as exc:
            raise error(path, None, f"not UTF-8 ({exc.reason})") from None
        if count:
            report.lines = reader.lines


class _Counting:
    """A binary reader that reports the bytes read (for the progress bar) and counts lines."""

    def __init__(self, handle: Any, advance: Callable[[int], None]) -> None:
        self.handle, self.advance, self.lines, self.started = handle, advance, 0, False

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.advance(len(data))
        self.lines += data.count(b"\n")
        if not self.started:  # a UTF-8 byte-order mark before the first statement
            self.started, data = True, data.removeprefix(BOM)
        return data

    def readable(self) -> bool:
        return True


def _reason(exc: SyntaxError) -> str:
    text = exc.msg or str(exc)
    return " ".join(text.split(": ", 1)[-1].split())[:300] if text.startswith("Parser error at line") else " ".join(text.split())[:300]


def _local_name(text: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
            break
    return unquote(text)
