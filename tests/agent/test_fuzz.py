"""Fuzzing `parse_plan` and the sandbox with hypothesis (issue 14): inputs are built from the pieces
hostile text is made of — brackets, quotes, runs of spaces and control characters, keys, fences,
deep and shared structures, generators, swallowed exceptions — with a time bound per input and a
fixed number of examples (derandomised: CI sees the same inputs every run, in well under a minute)."""

import json
import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.plan import PlanParseError, parse_plan
from agent.sanitize import clean
from agent.sandbox import Sandbox, SandboxLimits
from agent.types import ExecutionResult
from kg import NetworkXKG

FUZZ = settings(derandomize=True, database=None, deadline=timedelta(seconds=2), print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------------ parse_plan

PIECES = ['{', '}', '[', ']', '"', "'", ':', '：', ',', '\\', '\\"', '\\n', '\n', ' ', '\t', '\x1c', '“', '”',
          '"need_knowledge"', "need_knowledge", '"code"', "code:", "代码", "'thought'", '"是"', "否", "yes", "null",
          "```", "```python\n", "```json\n", "def search():", "\n    ", "return msg", "r, msg = get_entity_info(['三体'])",
          "if x:", "else:", "for a in b:", "(", ")", "\ud800", "\x1b[31m", "#"]
piece = st.sampled_from(PIECES) | st.text(max_size=8)
run = st.tuples(st.sampled_from(PIECES), st.integers(1, 3000)).map(lambda pair: pair[0] * pair[1])
replies = st.lists(piece | run, max_size=60).map("".join)
good_plan = st.fixed_dictionaries({"need_knowledge": st.sampled_from(["是", "否", True]), "thought": st.text(max_size=20),
                                   "code": st.just("def search():\n    r, msg = get_entity_info(['三体'])\n    return msg\n")})


@settings(FUZZ, max_examples=1000)
@given(replies)
def test_parse_plan_returns_a_plan_or_one_sentence_quickly(text):
    try:
        plan = parse_plan(text)
    except PlanParseError as error:
        assert 0 < len(str(error)) < 300
    else:
        if plan.code is not None:
            compile(plan.code, "<plan>", "exec")  # what the parser hands on always compiles


@settings(FUZZ, max_examples=300)
@given(good_plan, replies, replies)
def test_a_plan_survives_hostile_text_around_it(fields, before, after):
    reply = json.dumps(fields, ensure_ascii=False)
    try:
        plan = parse_plan(f"{before[:200]}\n{reply}\n{after}")
    except PlanParseError:
        return  # the text before it may hold an object of its own that fails first; it must not raise else
    assert isinstance(plan.need_knowledge, bool)


# ------------------------------------------------------------------ the sandbox

LIMITS = SandboxLimits(timeout_s=0.3, kill_grace_s=0.2, cpu_s=2, memory_mb=256, max_calls=10,
                       max_output_chars=5_000, max_reply_chars=100_000)
DEADLINE = LIMITS.timeout_s + LIMITS.kill_grace_s + 0.5

names = st.sampled_from(["'三体'", "'刘慈欣'", "'a' * 300", "'\\x1b[2J'", "'\\ud800'", "'长' * 5000", "10**50", "None", "r", "m", "x"])
arguments = names | st.lists(names, max_size=4).map(lambda items: f"[{', '.join(items)}]")
relations = st.sampled_from(["['作者']", "['作品', '作者']", "[str(i) for i in range(1000)]", "x", "m"])
calls = st.one_of(
    st.builds("r, m = get_entity_info({})".format, arguments),
    st.builds("r, m = find_entity_or_value({}, {})".format, arguments, relations),
    st.builds("r, m = find_relationship({}, {})".format, arguments, arguments),
)
simple = st.one_of(
    calls,
    st.sampled_from([
        "x = [x, x]", "x = [x]", "x = {'k': x, 'v': [x]}", "x = 'y' * 100000", "x = str(get_entity_info)",
        "if r:\n    r.append(r)", "if isinstance(r, dict):\n    r['facts'] = x", "print(x, r, m)", "print('\\x1b[31m' * 100)",
        "raise Exception(10**5000)", "raise ValueError(x)", "x = 1 / 0", "x = [0] * 10**8", "x = sorted(set([1, 'a']))",
        "def gen():\n    try:\n        yield 1\n    finally:\n        while True:\n            pass\ng = gen()\nfor v in g:\n    break",
        "def gen():\n    try:\n        yield 1\n    finally:\n        print('late')\nkept = [gen()]\nkept.append(kept)\nfor v in kept[0]:\n    break",
        "x = f'{x!r}'",
    ]),
)


def block(statements):
    return "\n".join(statements)


def indented(statement):
    return "\n".join("    " + line for line in statement.split("\n"))


statements = st.recursive(
    simple,
    lambda inner: st.one_of(
        st.builds(lambda n, body: f"for i in range({n}):\n{indented(body)}", st.sampled_from([2, 50, 10**6]), inner),
        st.builds(lambda body: f"try:\n{indented(body)}\nexcept:\n    pass", inner),
        st.builds(lambda body: f"def search():\n{indented(body)}\n    return x", inner),
    ),
    max_leaves=6,
)
programs = st.lists(statements, min_size=1, max_size=6).map(lambda items: "x = 'seed'\nr, m = None, ''\n" + block(items))


@pytest.fixture(scope="module")
def sandbox():
    kg = NetworkXKG.from_triples([("三体", "作者", "刘慈欣"), ("刘慈欣", "作品", "三体"), ("刘慈欣", "国籍", "中国")])
    with Sandbox(kg, workers=2, limits=LIMITS) as box:
        yield box


@settings(FUZZ, max_examples=250, deadline=timedelta(seconds=DEADLINE + 1))
@given(code=programs)
def test_any_program_ends_bounded_with_a_record_that_renders(sandbox, code):
    started = time.monotonic()
    result = sandbox.run(code)
    assert time.monotonic() - started <= DEADLINE
    assert isinstance(result, ExecutionResult)
    assert len(result.calls) <= LIMITS.max_calls and len(result.stdout) <= LIMITS.max_output_chars
    dumped = clean(result).model_dump_json()  # never too deep; the output boundary's step suffices
    assert len(dumped) < 8 * LIMITS.max_reply_chars and "0x" not in dumped
    innocent = sandbox.run("r, messages = find_entity_or_value(['三体'], ['作者'])")
    assert innocent.error is None and innocent.value.startswith("“三体”的作者是")
