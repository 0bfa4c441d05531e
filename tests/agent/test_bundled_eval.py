"""The acceptance bar: the offline agent on the bundled KG's own evaluation set."""

from pathlib import Path

import pytest

from agent.offline import OfflineAnswerer
from agent.evaluate import evaluate, load_questions
from agent.loop import Agent
from agent.offline import OfflinePlanner
from kg import load_sample_kg

EVAL_FILE = Path(__file__).parent.parent / "data" / "bundled_eval.jsonl"


@pytest.fixture(scope="module")
def report():
    kg = load_sample_kg()
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        return evaluate(agent, load_questions(EVAL_FILE))


def test_the_eval_set_is_large_and_covers_every_pattern(report):
    assert report.total >= 80
    assert len(report.by_type) >= 8


def test_the_offline_agent_reaches_90_percent_on_the_bundled_eval_set(report):
    assert report.accuracy >= 0.90, report.by_type


def test_every_plan_parses_and_no_generated_code_fails(report):
    assert report.plan_parse_rate == 1.0
    assert report.execution_error_rate == 0.0
