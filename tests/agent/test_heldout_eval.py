"""Bars on the sets written independently of the planner (tests/data/README.md says what each is).

`heldout_eval.jsonl` (its own KG) and `heldout_paraphrase_eval.jsonl` (the sample KG, new wording)
were fixed rule by rule after their first run, so they are dev sets now: the bar guards against
regressions, it does not measure generalisation. `heldout_v2_eval.jsonl` is still held out: first
run 65/72 (90.3%); its bar sits a little below that, so a regression shows but no rule is tuned
to it.
"""

from pathlib import Path

import pytest

from agent.evaluate import evaluate, load_questions
from agent.loop import Agent
from agent.offline import OfflineAnswerer, OfflinePlanner
from kg import load_kg, load_sample_kg

DATA = Path(__file__).parent.parent / "data"
SETS = {
    "heldout": ("heldout_eval.jsonl", "heldout_kg.tsv", 0.90),
    "paraphrase": ("heldout_paraphrase_eval.jsonl", None, 0.90),
    "heldout_v2": ("heldout_v2_eval.jsonl", "heldout_v2_kg.tsv", 0.875),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request):
    questions, kg_file, bar = SETS[request.param]
    kg = load_kg(DATA / kg_file) if kg_file else load_sample_kg()
    with Agent(kg, OfflinePlanner(kg), OfflineAnswerer()) as agent:
        return evaluate(agent, load_questions(DATA / questions)), bar


def test_the_offline_agent_keeps_its_bar_on_each_independent_set(report):
    result, bar = report
    assert result.total >= 40
    assert result.accuracy >= bar, result.by_type


def test_every_plan_parses_and_runs(report):
    result, _ = report
    assert result.plan_parse_rate == 1.0
    assert result.execution_error_rate == 0.0
