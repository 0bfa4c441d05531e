"""The HTTP server under `agent serve` and `agent web`: uvicorn with h11, whose refusals of a
request it cannot read are answered with their status (431 or 400) instead of a dropped connection."""

from __future__ import annotations

import asyncio
import json
from typing import Any

MAX_HEADER_BYTES = 16 * 1024
"""The largest request line plus headers read (431 beyond; h11's own limit)."""
_REFUSED_DRAIN_S = 5.0
"""How long the rest of a refused request is read and dropped before the connection closes."""


def server_config(app: Any, **settings: Any) -> Any:
    """uvicorn's settings for `app` (`agent serve`, `agent web`): h11, whose refusals are answered as below."""
    import uvicorn

    return uvicorn.Config(app, log_level="warning", http=_http_protocol(), h11_max_incomplete_event_size=MAX_HEADER_BYTES, **settings)


def _http_protocol() -> type:
    """uvicorn's h11 protocol, with one change: a request it cannot read (headers over
    MAX_HEADER_BYTES, a malformed request line) gets its status — 431 or 400 — and the rest of the
    request is read and dropped before the connection closes. uvicorn closed at once, so a client
    still sending a 200 KB header got a connection reset instead of the answer."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        _refused: int | None = None

        def data_received(self, data: bytes) -> None:
            if self._refused is None:
                super().data_received(data)

        def handle_events(self) -> None:
            next_event = self.conn.next_event

            def remembered() -> Any:
                try:
                    event = next_event()
                except h11.RemoteProtocolError as error:
                    self._refused = error.error_status_hint
                    raise
                # h11 refuses only headers still arriving past its buffer: 17 KB sent at once was read
                if isinstance(event, h11.Request) and len(event.target) + sum(len(n) + len(v) + 4 for n, v in event.headers) > MAX_HEADER_BYTES:
                    self._refused = 431
                    raise h11.RemoteProtocolError("request headers too large", error_status_hint=431)
                return event

            self.conn.next_event = remembered
            try:
                super().handle_events()
            finally:
                del self.conn.next_event

        def send_400_response(self, msg: str) -> None:
            status = self._refused or 400
            self._refused = status
            text = (f"the request line and headers are over {MAX_HEADER_BYTES // 1024} KB" if status == 431
                    else "not an HTTP/1.1 request this server can read")
            body = json.dumps({"error": {"message": text, "type": "invalid_request_error", "param": None, "code": None}})
            head = (f"HTTP/1.1 {status} {'Request Header Fields Too Large' if status == 431 else 'Bad Request'}\r\n"
                    f"content-type: application/json\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n")
            self.transport.write(head.encode() + body.encode())
            if self.transport.can_write_eof():
                self.transport.write_eof()  # the answer is all sent; what the client still sends is dropped
                asyncio.get_running_loop().call_later(_REFUSED_DRAIN_S, self.transport.close)
            else:
                self.transport.close()

    return Protocol
