"""Talking to a SPARQL 1.1 endpoint: escaping, one HTTP request per query, clear errors; and
writing triples as N-Triples that any triple store loads.

Every value that reaches a query goes through `literal()` or `iri()`: names come from users and
models (quotes, `}`, `#`, newlines in aliases are ordinary in real KGs) and are never pasted in raw.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import IO, Any

from kg.deadline import within
from kg.loaders import KGLoadError

ANSWER_LIMIT_S = 60.0
"""The most one query's whole answer may take (each read is bounded by timeout_s)."""

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
DEFAULT_NAMESPACE = "http://cutekg.local/"  # where write_ntriples puts entities (e/) and relations (r/)

# SPARQL ECHAR escapes; every other control character becomes \uXXXX. Backslashes are doubled
# first, so a name holding the six characters \u0022 stays those characters, not a quote.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Characters IRIREF forbids (SPARQL grammar [139]); percent-encoded if an IRI ever holds one.
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}


class SparqlError(KGLoadError):
    """An endpoint that cannot be reached, times out or answers with an error; `str()` names the
    endpoint and what went wrong, on one line."""

    def __init__(self, endpoint: str, reason: str) -> None:
        self.endpoint = endpoint
        super().__init__(endpoint, None, reason)


def literal(text: str, language: str | None = None) -> str:
    """A SPARQL string literal for any text: `"a\\"b"@zh`."""
    body = "".join(_ESCAPES.get(ch) or (f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch) for ch in text)
    return f'"{body}"@{language}' if language else f'"{body}"'


def iri(value: str) -> str:
    """`<value>`, with characters an IRI may not hold percent-encoded (never a raw `>`)."""
    if any(ch in _IRI_FORBIDDEN for ch in value):
        value = "".join(urllib.parse.quote(ch, safe="") if ch in _IRI_FORBIDDEN else ch for ch in value)
    return f"<{value}>"


def term(binding: dict[str, str]) -> str:
    """A result binding written back as a SPARQL term (IRIs and literals; blank nodes cannot be
    named in a later query, so they are skipped by the callers)."""
    if binding["type"] == "uri":
        return iri(binding["value"])
    lang = binding.get("xml:lang")
    datatype = binding.get("datatype")
    text = literal(binding["value"], lang)
    # RDF 1.1: a plain literal is an xsd:string; Virtuoso writes one either way in the same result.
    return f"{text}^^{iri(datatype)}" if datatype and not lang and datatype != XSD_STRING else text


def _is_bindings(value: Any) -> bool:
    """A list of rows, each mapping variables to {"type": …, "value": …} (SPARQL 1.1 JSON results)."""
    return isinstance(value, list) and all(
        isinstance(row, dict) and all(isinstance(cell, dict) and isinstance(cell.get("type"), str)
                                      and isinstance(cell.get("value"), str) for cell in row.values())
        for row in value)


class Endpoint:
    """One SPARQL endpoint; `select()` returns the bindings of one query."""

    def __init__(self, url: str, *, timeout_s: float = 10.0, graph: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self.answer_limit_s = ANSWER_LIMIT_S
        self.graph = graph  # sent as default-graph-uri (SPARQL protocol): query one named graph
        self.headers = {"Accept": "application/sparql-results+json", "User-Agent": "cutekg",
                        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", **(headers or {})}
        self.queries = 0  # counted so tests can hold each call to a bounded number of round trips

    def select(self, query: str) -> list[dict[str, Any]]:
        self.queries += 1
        form = {"query": query, **({"default-graph-uri": self.graph} if self.graph else {})}
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        def fetch() -> bytes:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 (the user's endpoint)
                return response.read()

        try:
            payload = within(self.answer_limit_s, fetch)  # a server trickling bytes trips no read timeout
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
            raise SparqlError(self.url, f"the endpoint answered HTTP {exc.code} {exc.reason}: {detail}") from None
        except (TimeoutError, socket.timeout):
            raise SparqlError(self.url, f"no answer within {self.timeout_s:g} s (timeout_s=), or no whole answer "
                                        f"within {self.answer_limit_s:g} s") from None
        except http.client.HTTPException as exc:  # a broken chunk size, no status line, a body cut short
            raise SparqlError(self.url, f"the endpoint's answer is not valid HTTP ({type(exc).__name__}: {str(exc)[:100]})") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise SparqlError(self.url, f"no answer within {self.timeout_s:g} s (timeout_s=)") from None
            raise SparqlError(self.url, f"cannot reach the endpoint: {getattr(reason, 'strerror', None) or reason}") from None
        except (ConnectionError, OSError) as exc:
            raise SparqlError(self.url, f"connection failed: {exc}") from None
        try:
            bindings = json.loads(payload)["results"]["bindings"]
        except (ValueError, KeyError, TypeError, RecursionError):
            bindings = None
        if not _is_bindings(bindings):  # callers read row["x"]["value"]: refused here, not a KeyError there
            start = " ".join(payload[:200].decode("utf-8", "replace").split())
            raise SparqlError(self.url, f"the answer is not SPARQL JSON results: {start!r}")
        return bindings


def write_ntriples(
    triples: Iterable[tuple[str, str, str]], handle: IO[str], namespace: str = DEFAULT_NAMESPACE, language: str = "zh"
) -> int:
    """Triples as N-Triples in the mapping `SparqlKG` reads by default: a subject is an IRI
    `{namespace}e/{name}` with its name as `rdfs:label`@language, a relation `{namespace}r/{name}`;
    an object that is also a subject is that IRI, any other object a plain literal. Two passes
    over a list: the subjects must be known before the first object is written."""
    rows = [(str(s), str(r), str(o)) for s, r, o in triples]
    subjects = {s for s, _, _ in rows}
    label = iri(RDFS_LABEL)

    def node(name: str) -> str:
        return iri(f"{namespace}e/{urllib.parse.quote(name, safe='')}")

    for s in dict.fromkeys(s for s, _, _ in rows):
        handle.write(f"{node(s)} {label} {literal(s, language)} .\n")
    for s, r, o in rows:
        obj = node(o) if o in subjects else literal(o)
        handle.write(f"{node(s)} {iri(namespace + 'r/' + urllib.parse.quote(r, safe=''))} {obj} .\n")
    return len(rows)
