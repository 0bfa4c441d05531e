"""`agent web` itself: what it says about where it listens, and a busy port as a one-line error."""

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture
def served(monkeypatch):
    """Replaces uvicorn's loop with a record of what would be served."""
    import cli.web

    seen = []
    monkeypatch.setattr(cli.web, "serve", lambda page, listening: seen.append((page, listening.getsockname())))
    return seen


def test_web_binds_loopback_by_default_and_says_so(served):
    result = runner.invoke(app, ["web", "--port", "0"])
    assert result.exit_code == 0, result.output
    (page, (host, port)), = served
    assert host == "127.0.0.1" and f"http://127.0.0.1:{port}/" in result.output
    assert "only this computer can open it" in result.output
    assert any(getattr(route, "path", "") == "/api/ask" for route in page.routes)


def test_web_on_all_interfaces_warns_who_can_reach_it(served):
    result = runner.invoke(app, ["web", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" in result.output


def test_a_busy_port_is_one_line_and_exit_code_2(served):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        result = runner.invoke(app, ["web", "--port", str(taken.getsockname()[1])])
    assert result.exit_code == 2 and "error:" in result.output and "in use" in result.output
    assert "Traceback" not in result.output and served == []


def test_web_help_names_the_views_and_the_loopback_default():
    result = runner.invoke(app, ["web", "--help"])
    assert result.exit_code == 0
    assert "browse the KG" in result.output and "127.0.0.1" in result.output and "--kg" in result.output
