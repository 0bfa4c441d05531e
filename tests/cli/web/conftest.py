"""The offline agent on the sample KG, a records file made by evaluating it, and the page's server
running on a free loopback port for the browser tests."""

from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("fastapi", reason="agent web needs the [web] extra (FastAPI, uvicorn)")


@pytest.fixture(scope="session")
def web_agent():
    from agent.loop import Agent
    from agent.offline import OfflineAnswerer, OfflinePlanner
    from kg import load_sample_kg

    kg = load_sample_kg()
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        yield agent


@pytest.fixture(scope="session")
def records_file(web_agent, tmp_path_factory):
    """Three evaluated questions, one of them a miss (its gold string is wrong on purpose)."""
    from agent.evaluate import Question, evaluate, write_record

    questions = [Question(question="择天记的男主角是谁", answers=["鹿晗"], type="1hop"),
                 Question(question="《三体》的作者是谁", answers=["刘慈欣"], type="1hop"),
                 Question(question="《三体》的作者还写过什么", answers=["三体", "不存在的书"], type="2hop")]
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        evaluate(web_agent, questions, lambda record: write_record(handle, record))
    return path


@pytest.fixture(scope="session")
def web_url(web_agent):
    """The page served by uvicorn in a thread, on a socket bound to 127.0.0.1:0; stopped after the session."""
    import uvicorn

    from cli.web import open_socket
    from cli.web.app import create_app

    listening = open_socket("127.0.0.1", 0)
    from llm.http_server import server_config

    server = uvicorn.Server(server_config(create_app(web_agent)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # uvicorn sets it once it accepts connections
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.01)
    yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    listening.close()
