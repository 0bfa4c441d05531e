"""SparqlKG against real servers (Virtuoso, Oxigraph), and every way an endpoint can fail."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import load_kg
from kg.loaders import sparql_url
from kg.sparql import SparqlKG
from kg.sparql_client import SparqlError, iri, literal

SERVERS = ["virtuoso", "oxigraph"]
# Names that would break a query pasted together from strings.
NASTY = [
    ('他说"你好"', "作者", '引号"} UNION { ?s ?p ?o } #'),
    ("大括号}{", "别名", "井号#注释"),
    ("换行\n名字", "作者", "反斜杠\\u0022结束\\"),
    ("单引号'名'", "作者", "制表\t符"),
    ("普通", "作者", "值"),
]


def test_literal_and_iri_escape_everything_a_name_may_hold() -> None:
    assert literal('a"b') == '"a\\"b"'
    assert literal("a\nb\\c", "zh") == '"a\\nb\\\\c"@zh'
    assert literal("x\\u0022") == '"x\\\\u0022"'  # the six characters stay six characters
    assert literal("\x01") == '"\\u0001"'
    assert iri("http://x/a>b c") == "<http://x/a%3Eb%20c>"


@pytest.mark.parametrize("server", SERVERS)
def test_names_with_quotes_braces_hashes_and_newlines_are_data_not_query(server: str, request: pytest.FixtureRequest) -> None:
    backend = request.getfixturevalue(server)
    kg = SparqlKG(backend.url, graph=backend.load(NASTY))
    for s, r, o in NASTY:
        assert kg.find_entity_or_value([s], [r])[0] == [o], (s, r)
        assert kg.get_entity_info([s])[0]["name"] == s
    assert kg.find_entity_or_value(["井号#注释"], ["作者"])[0] is None  # an alias, but no such relation
    assert kg.get_entity_info(["井号#注释"])[0]["name"] == "大括号}{"  # the 别名 links back
    injected, message = kg.find_entity_or_value(['" } ?s ?p ?o . { "', '普通" || true || "'], ["作者"])
    assert injected is None and "没有" in message
    assert kg.find_relationship(["他说\"你好\""], ["普通"])[0] is None


@pytest.mark.parametrize("server", SERVERS)
def test_an_exact_hit_costs_a_bounded_number_of_queries(server: str, request: pytest.FixtureRequest) -> None:
    backend = request.getfixturevalue(server)
    kg = SparqlKG(backend.url, graph=backend.load([("三体", "作者", "刘慈欣"), ("刘慈欣", "出生地", "北京")]))
    kg.relation_names()  # read once per session, on the first relation lookup
    before = kg.endpoint.queries
    assert kg.find_entity_or_value(["三体"], ["作者"])[0] == ["刘慈欣"]
    assert kg.endpoint.queries - before <= 2  # link every spelling, read the edges
    before = kg.endpoint.queries
    assert kg.get_entity_info(["刘慈欣"])[0]["reverse_facts"] == {"作者": ["三体"]}
    assert kg.endpoint.queries - before <= 2


@pytest.mark.parametrize("server", SERVERS)
def test_load_kg_opens_an_endpoint_url_also_as_a_path_leaves_it(server: str, request: pytest.FixtureRequest) -> None:
    backend = request.getfixturevalue(server)
    url = "sparql+" + backend.url
    assert isinstance(load_kg(url), SparqlKG)
    assert isinstance(load_kg(Path(url)), SparqlKG)  # `--kg` arrives as a Path: "sparql+http:/host…"
    assert sparql_url(Path(url)) == backend.url


@pytest.mark.parametrize("server", SERVERS)
def test_stats_count_the_graph(server: str, request: pytest.FixtureRequest) -> None:
    backend = request.getfixturevalue(server)
    stats = SparqlKG(backend.url, graph=backend.load([("三体", "作者", "刘慈欣"), ("球状闪电", "作者", "刘慈欣")])).stats()
    assert stats["triples"] == 4  # two facts and two names (rdfs:label)
    assert ["作者", 2] in stats["top_relations"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_endpoint_names_it() -> None:
    url = f"http://127.0.0.1:{_free_port()}/sparql"
    with pytest.raises(SparqlError, match=rf"^{url}: cannot reach the endpoint: .*refused"):
        SparqlKG(url)


def test_endpoint_that_never_answers_times_out() -> None:
    with socket.socket() as listener:  # accepts connections (the backlog), never replies
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        with pytest.raises(SparqlError, match=rf"^{url}: no answer within 0.3 s"):
            SparqlKG(url, timeout_s=0.3)


@pytest.fixture()
def answering() -> Iterator[callable]:
    """A local HTTP server answering every request with the given status and body."""
    reply: dict = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(reply["status"])
            self.end_headers()
            self.wfile.write(reply["body"])

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def answer(status: int, body: bytes) -> str:
        reply.update(status=status, body=body)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield answer
    server.shutdown()
    server.server_close()


def test_http_error_and_non_sparql_answers_are_clear(answering) -> None:
    url = answering(400, b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error")
    with pytest.raises(SparqlError, match=rf"^{url}: the endpoint answered HTTP 400 Bad Request: Virtuoso 37000 Error SP030"):
        SparqlKG(url)
    url = answering(200, b"<html>login</html>")
    with pytest.raises(SparqlError, match=rf"^{url}: the answer is not SPARQL JSON results: '<html>login</html>'"):
        SparqlKG(url)


def test_an_answer_whose_bindings_are_not_rows_of_terms_is_one_error(answering) -> None:
    for body in (b'{"results": {"bindings": "x"}}', b'{"results": {"bindings": [{"s": "x"}]}}', b'{"results": {"bindings": [1]}}'):
        url = answering(200, body)
        with pytest.raises(SparqlError, match=rf"^{url}: the answer is not SPARQL JSON results"):
            SparqlKG(url)


@pytest.mark.parametrize("how", ["trickle", "bad_chunk"])
def test_an_endpoint_trickling_or_garbling_its_answer_is_one_error(how: str, monkeypatch) -> None:
    # A byte every 0.1 s trips no read timeout (kg stats waited past 100 s); a broken chunk size
    # was an http.client traceback.
    import time

    import kg.sparql_client as client

    monkeypatch.setattr(client, "ANSWER_LIMIT_S", 1.0)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                if how == "bad_chunk":
                    connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n")
                    continue
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                for _ in range(1000):
                    if done.is_set():
                        return
                    try:
                        connection.sendall(b" ")
                    except OSError:
                        break
                    time.sleep(0.1)

    threading.Thread(target=serve, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    started = time.monotonic()
    says = "no whole answer within 1 s" if how == "trickle" else "not valid HTTP"
    try:
        with pytest.raises(SparqlError, match=says):
            SparqlKG(url, timeout_s=5.0)
    finally:
        done.set()
        listener.close()
    assert time.monotonic() - started < 5


def test_a_deadline_holds_for_items_that_keep_coming_fast() -> None:
    import itertools
    import time

    from kg.deadline import iterate_within

    def forever(stop):
        for number in itertools.count():
            if stop.is_set():
                return
            time.sleep(0.001)  # faster than the reader: the queue is never empty when it looks
            yield number

    started = time.monotonic()
    with pytest.raises(TimeoutError):
        for _ in iterate_within(0.3, forever):
            time.sleep(0.002)
    assert time.monotonic() - started < 3
