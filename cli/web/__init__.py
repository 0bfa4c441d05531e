"""`agent web`: a local page to ask with history and watch each plan run, see the part of the KG the
calls touched, browse the KG and read an eval report.

    app.py       the FastAPI app: routes, limits, one JSON error shape, the page's security headers
    stream.py    one question as server-sent events, from Agent.ask(on_event=…)
    payloads.py  records → the JSON the page reads (highlighted code, subgraphs, reports)
    subgraph.py  the entities and edges a plan's calls touched
    kg_view.py   search, one entity, stats for the browser view
    static/      the page: plain HTML, CSS and ES modules, no build step and nothing from a CDN

`app` imports FastAPI, so `cli.main` imports this package only when `agent web` runs
(`pip install 'cutekg[web]'`).
"""

from __future__ import annotations

import socket
from typing import Any


def open_socket(host: str, port: int) -> socket.socket:
    """A listening socket, bound here so that a busy port is a one-line error before anything starts
    (port 0 picks a free one: read it back with `getsockname()`)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    return socket.create_server((host.strip("[]"), port), family=family)


def serve(app: Any, listening: socket.socket) -> None:
    """Serve `app` on the socket until interrupted (Ctrl-C)."""
    import uvicorn

    from llm.http_server import server_config

    config = server_config(app, timeout_keep_alive=5)
    uvicorn.Server(config).run(sockets=[listening])
