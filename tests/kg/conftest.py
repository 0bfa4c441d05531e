"""Real SPARQL servers for the tests: Virtuoso (Debian's virtuoso-opensource) and Oxigraph (the
`oxigraph` wheel), each started on loopback in its own temporary directory on free ports, once
per test session, and stopped after. Each data set goes into a named graph of its own, queried
through `default-graph-uri`, so tests never see each other's triples.

.ci/run starts one Virtuoso itself (CUTEKG_VIRTUOSO_URL, CUTEKG_VIRTUOSO_ISQL) and stops it on
exit; the fixture then uses that one. It writes its config with `python tests/kg/conftest.py
virtuoso-ini DIR ISQL_PORT HTTP_PORT LOAD_DIR`, so both start the same server.

A missing server binary skips its tests with the reason, except in CI (CI=true), where it fails:
.ci/run installs both, and a green run must mean they ran.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from kg.sparql_client import write_ntriples

_graphs = count()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing(what: str, install: str) -> None:
    message = f"{what} not found ({install})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: CI must run the SPARQL tests, .ci/run installs it")
    pytest.skip(message)


def _wait_http(url: str, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not answering on {url} after {seconds:.0f} s: {log.read_text(errors='replace')[-2000:]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Server:
    def __init__(self, url: str, directory: Path) -> None:
        self.url, self.directory = url, directory

    def load(self, triples: list[tuple[str, str, str]]) -> str:
        """Write the triples in SparqlKG's default mapping into a fresh graph; returns its IRI."""
        graph = f"http://cutekg.test/graph/{next(_graphs)}"
        path = self.directory / f"data{graph.rsplit('/', 1)[1]}.nt"
        with path.open("w", encoding="utf-8") as handle:
            write_ntriples(triples, handle)
        self._load(path, graph)
        return graph

    def _load(self, path: Path, graph: str) -> None:
        raise NotImplementedError


class Virtuoso(Server):
    def __init__(self, url: str, directory: Path, isql_port: int) -> None:
        super().__init__(url, directory)
        self.isql_port = isql_port

    def _load(self, path: Path, graph: str) -> None:
        sql = f"DB.DBA.TTLP_MT(file_to_string_output('{path}'), '', '{graph}'); checkpoint;"
        subprocess.run(["isql-vt", f"127.0.0.1:{self.isql_port}", "dba", "dba", f"exec={sql}"],
                       check=True, capture_output=True, timeout=60)


class Oxigraph(Server):
    def _load(self, path: Path, graph: str) -> None:
        store = self.url.replace("/query", "/store") + "?" + urllib.parse.urlencode({"graph": graph})
        request = urllib.request.Request(store, data=path.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30):
            pass


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
DirsAllowed = ., {dir}, {load_dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    if os.environ.get("CUTEKG_VIRTUOSO_URL"):  # started by .ci/run, which also stops it
        yield Virtuoso(os.environ["CUTEKG_VIRTUOSO_URL"], tmp_path_factory.mktemp("virtuoso"), int(os.environ["CUTEKG_VIRTUOSO_ISQL"]))
        return
    binary = shutil.which("virtuoso-t")
    if binary is None or shutil.which("isql-vt") is None:
        _missing("virtuoso-t", "apt-get install virtuoso-opensource")
    directory = tmp_path_factory.mktemp("virtuoso")
    isql, http = _free_port(), _free_port()
    (directory / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=directory, isql=isql, http=http, load_dir=directory), encoding="utf-8")
    with (directory / "stdout.txt").open("wb") as output:
        proc = subprocess.Popen([binary, "-f", "-c", str(directory / "virtuoso.ini")], cwd=directory, stdout=output,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        _wait_http(url + "?query=" + urllib.parse.quote("SELECT * WHERE { } LIMIT 1"), proc, directory / "stdout.txt")
        yield Virtuoso(url, directory, isql)
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if binary is None:
        _missing("the oxigraph server", "pip install oxigraph, part of the [dev] extra")
    directory = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    with (directory / "stdout.txt").open("wb") as output:
        proc = subprocess.Popen([binary, "serve", "--location", str(directory / "db"), "--bind", f"127.0.0.1:{port}"],
                                stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_http(url + "?query=" + urllib.parse.quote("SELECT * WHERE { } LIMIT 1"), proc, directory / "stdout.txt")
        yield Oxigraph(url, directory)
    finally:
        _stop(proc)


if __name__ == "__main__" and sys.argv[1:2] == ["virtuoso-ini"]:
    directory, isql_port, http_port, load_dir = sys.argv[2:6]
    print(VIRTUOSO_INI.format(dir=directory, isql=isql_port, http=http_port, load_dir=load_dir), end="")
