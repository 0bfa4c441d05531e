"""Held-out bars: two question sets written independently of the planner, never tuned on item by
item — one over its own KG (tests/data/heldout_kg.tsv), one paraphrasing the bundled sample KG."""

from pathlib import Path

import pytest

from agent.answerer import OfflineAnswerer
from agent.evaluate import evaluate, load_questions
from agent.loop import Agent
from agent.planner import OfflinePlanner
from kg import load_kg, load_sample_kg

DATA = Path(__file__).parent.parent / "data"


def _report(kg, name: str):
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        return evaluate(agent, load_questions(DATA / name))


@pytest.fixture(scope="module")
def heldout():
    return _report(load_kg(DATA / "heldout_kg.tsv"), "heldout_eval.jsonl")


@pytest.fixture(scope="module")
def paraphrase():
    return _report(load_sample_kg(), "heldout_paraphrase_eval.jsonl")


@pytest.mark.parametrize("name", ["heldout", "paraphrase"])
def test_the_offline_agent_reaches_90_percent_on_each_heldout_set(name, request):
    report = request.getfixturevalue(name)
    assert report.total >= 40
    assert report.accuracy >= 0.90, report.by_type


@pytest.mark.parametrize("name", ["heldout", "paraphrase"])
def test_every_heldout_plan_parses_and_runs(name, request):
    report = request.getfixturevalue(name)
    assert report.plan_parse_rate == 1.0
    assert report.execution_error_rate == 0.0
