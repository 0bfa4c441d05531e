"""parse_plan against the replies models really emit (tests/data/plans) and a few pinned details."""

import ast
import json
from pathlib import Path

import pytest

from agent.plan import PlanParseError, parse_plan, repair_code
from agent.types import Plan

DATA = Path(__file__).resolve().parent.parent / "data" / "plans"


def _load(name):
    with open(DATA / name, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


RECOVERABLE = _load("recoverable.jsonl")
UNRECOVERABLE = _load("unrecoverable.jsonl")


def _shape(code: str) -> str:
    """The code's structure, blind to indentation width and quoting style."""
    return ast.dump(ast.parse(code))


def test_corpus_has_the_promised_size():
    assert len(RECOVERABLE) >= 40 + 5
    assert len(UNRECOVERABLE) >= 10
    assert sum(case["name"].startswith("cutegpt readme") for case in RECOVERABLE) >= 5


@pytest.mark.parametrize("case", RECOVERABLE, ids=[case["name"] for case in RECOVERABLE])
def test_recoverable_reply_gives_the_intended_plan(case):
    plan = parse_plan(case["reply"])
    expect = case["expect"]
    assert isinstance(plan, Plan)
    assert plan.need_knowledge is expect["need_knowledge"]
    assert plan.thought == expect["thought"]
    if expect["code"] is None:
        assert plan.code is None
    else:
        assert plan.code is not None
        compile(plan.code, "<plan>", "exec")
        assert "\t" not in plan.code
        assert _shape(plan.code) == _shape(expect["code"])


@pytest.mark.parametrize("case", UNRECOVERABLE, ids=[case["name"] for case in UNRECOVERABLE])
def test_unrecoverable_reply_raises_one_readable_sentence(case):
    with pytest.raises(PlanParseError) as caught:
        parse_plan(case["reply"])
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert 10 < len(message) < 300 and "\n" not in message
    assert message.rstrip().endswith((".", "。", ")"))


def test_error_names_the_field_that_was_wrong():
    with pytest.raises(PlanParseError, match="need_knowledge"):
        parse_plan('{"need_knowledge": "可能", "thought": "t", "code": "def search():\\n\\treturn 1"}')
    with pytest.raises(PlanParseError, match="code.*line 2"):
        parse_plan('{"need_knowledge": "是", "thought": "t", "code": "def search():\\n\\treturn (1"}')


def test_code_defining_only_another_function_that_nothing_calls_is_no_plan():
    # def other(): … ran nothing, called no KG function, and the answer said "found nothing"
    with pytest.raises(PlanParseError, match=r"defines other\(\) but no search\(\)"):
        parse_plan('{"need_knowledge": "是", "thought": "t", "code": "def other():\\n    return get_entity_info([\'x\'])"}')
    helper = "def helper(x):\\n    return x\\nmessages = helper(get_entity_info(['x'])[1])"
    assert parse_plan('{"need_knowledge": "是", "thought": "t", "code": "' + helper + '"}').code  # called at the top: runs


def test_need_knowledge_no_keeps_valid_code_and_drops_broken_code():
    kept = parse_plan('{"need_knowledge": "no", "thought": "t", "code": "def search():\\n\\treturn 1"}')
    assert kept.need_knowledge is False and kept.code is not None
    dropped = parse_plan('{"need_knowledge": "否", "thought": "t", "code": "<你的代码>"}')
    assert dropped.need_knowledge is False and dropped.code is None


def test_first_usable_object_wins_over_later_ones():
    first = json.dumps({"need_knowledge": "否", "thought": "一"}, ensure_ascii=False)
    second = json.dumps({"need_knowledge": "是", "thought": "二", "code": "def search():\n\treturn get_entity_info(['x'])"}, ensure_ascii=False)
    assert parse_plan(first + "\n" + second).thought == "一"
    assert parse_plan("{broken\n" + second).thought == "二"


def test_repair_code_rebuilds_nested_blocks_and_leaves_good_code_alone():
    flat = "def search():\nmessages = ''\nfor a in ['x']:\nif a:\nr, msg = get_entity_info([a])\nmessages += msg\nelse:\nbreak\nreturn messages"
    assert repair_code(flat) == (
        "def search():\n    messages = ''\n    for a in ['x']:\n        if a:\n            r, msg = get_entity_info([a])\n"
        "            messages += msg\n        else:\n            break\n    return messages\n"
    )
    good = "def search():\n  x = 1\n  return x\n"
    assert repair_code(good) == good
    assert repair_code("def search():\n\tif 1:\n\t\treturn 1\n") == "def search():\n    if 1:\n        return 1\n"


def test_a_call_of_the_function_being_defined_goes_to_the_top_level():
    code = repair_code("def search():\nmessages = ''\nreturn messages\nprint(search())")
    assert code.endswith("\nprint(search())\n")


def test_escapes_in_raw_code_keep_their_python_meaning():
    reply = "{\"need_knowledge\": \"是\", \"thought\": \"t\", \"code\": \"def search():\n\tr, msg = get_entity_info(['a'])\n\treturn '\\n'.join([msg])\"}"
    assert parse_plan(reply).code == "def search():\n    r, msg = get_entity_info(['a'])\n    return '\\n'.join([msg])\n"


@pytest.mark.parametrize(
    ("flat", "expected"),
    [
        (  # a helper first; `break` closes the if, and `elif` still finds it
            "def helper(x):\nreturn x\ndef search():\nmessages = ''\nfor a in ['x']:\nr, msg = get_entity_info([a])\n"
            "if r:\nmessages += msg\nbreak\nelif a:\ncontinue\nreturn messages",
            "def helper(x):\n    return x\ndef search():\n    messages = ''\n    for a in ['x']:\n"
            "        r, msg = get_entity_info([a])\n        if r:\n            messages += msg\n            break\n"
            "        elif a:\n            continue\n    return messages\n",
        ),
        (  # an early return closes its if; the rest stays in the function
            "def search():\nr, msg = find_relationship(['a'], ['b'])\nif not r:\nreturn msg\nmsg += '!'\nreturn msg",
            "def search():\n    r, msg = find_relationship(['a'], ['b'])\n    if not r:\n        return msg\n"
            "    msg += '!'\n    return msg\n",
        ),
        (  # the function's last return is found before a top-level call of it
            "def search():\nmessages = ''\nwhile len(messages) < 3:\nr, msg = get_entity_info(['a'])\nmessages += msg\n"
            "return messages\nresult = search()",
            "def search():\n    messages = ''\n    while len(messages) < 3:\n        r, msg = get_entity_info(['a'])\n"
            "        messages += msg\n    return messages\nresult = search()\n",
        ),
        (  # recursion through `return f(...)` stays inside f
            "def f(n):\nif n <= 0:\nreturn get_entity_info(['a'])\nreturn f(n - 1)",
            "def f(n):\n    if n <= 0:\n        return get_entity_info(['a'])\n    return f(n - 1)\n",
        ),
    ],
)
def test_lost_indentation_is_rebuilt_from_the_token_stream(flat, expected):
    assert repair_code(flat) == expected
