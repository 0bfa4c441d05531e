"""The sandbox runs the planner's normal programs, records every KG call itself, and survives attacks."""

import os

import pytest

from agent.sandbox import Sandbox, SandboxError, SandboxLimits
from kg.base import KG_FUNCTIONS
from agent.types import ExecutionResult
from kg.base import KnowledgeGraph


class TinyKG:
    """Three functions over a dict, answering in the protocol's (result, message) shape."""

    facts = {
        ("进化论", "提出者"): ["达尔文"],
        ("三体", "作者"): ["刘慈欣"],
        ("刘慈欣", "作品"): ["三体", "球状闪电"],
        ("择天记", "主演"): ["吴磊"],
        ("吴磊", "作品"): ["沙海", "斗破苍穹"],
    }

    def get_entity_info(self, entity_aliases):
        names = [entity_aliases] if isinstance(entity_aliases, str) else list(entity_aliases or [])
        if "炸弹" in names:
            raise RuntimeError("backend bug")
        for name in names:
            facts = {rel: objs for (subj, rel), objs in self.facts.items() if subj == name}
            if facts:
                return {"name": name, "aliases": [], "facts": facts, "reverse_facts": {}}, f"{name}的信息：{facts}"
        return None, f"没有找到{names}的信息"

    def find_entity_or_value(self, entity_aliases, relation_aliases):
        names = [entity_aliases] if isinstance(entity_aliases, str) else list(entity_aliases or [])
        relations = [relation_aliases] if isinstance(relation_aliases, str) else list(relation_aliases or [])
        for name in names:
            for relation in relations:
                if (name, relation) in self.facts:
                    found = self.facts[name, relation]
                    return tuple(found), f"{name}的{relation}是{'、'.join(found)}"
        return None, None  # a message of None: plans still do `messages += msg`

    def find_relationship(self, entity1_aliases, entity2_aliases):
        return [[["刘慈欣", "作品", "三体"]]], "刘慈欣的作品是三体"


LIMITS = SandboxLimits(timeout_s=0.5, kill_grace_s=0.3, cpu_s=3, memory_mb=256, max_calls=10, max_output_chars=10_000)
NORMAL = "def search():\n\tauthor, msg = find_entity_or_value(['三体'], ['作者'])\n\treturn msg\n"


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(TinyKG(), workers=2, limits=LIMITS) as box:
        yield box


def _still_serves(sandbox):
    result = sandbox.run(NORMAL)
    assert result.error is None and result.value == "三体的作者是刘慈欣"
    assert [call.function for call in result.calls] == ["find_entity_or_value"]


def test_tiny_kg_implements_the_protocol():
    assert isinstance(TinyKG(), KnowledgeGraph)
    assert set(KG_FUNCTIONS) == {"get_entity_info", "find_entity_or_value", "find_relationship"}


def test_prompt_example_with_tabs_runs_and_records_calls_in_order(sandbox):
    code = (
        "def search():\n\tmessages = ''\n\tauthor, msg = find_entity_or_value(entity_aliases = ['三体'], "
        "relation_aliases = ['作者', '创作', '写作'])\n\tmessages += msg\n\tif author:\n\t\tworks, msg = "
        "find_entity_or_value(entity_aliases = author, relation_aliases = ['作品', '创作', '写作'])\n"
        "\t\tmessages += msg\n\treturn messages\n"
    )
    result = sandbox.run(code)
    assert isinstance(result, ExecutionResult) and result.error is None
    assert result.value == "三体的作者是刘慈欣刘慈欣的作品是三体、球状闪电"
    assert [call.arguments for call in result.calls] == [
        {"entity_aliases": ["三体"], "relation_aliases": ["作者", "创作", "写作"]},
        {"entity_aliases": ["刘慈欣"], "relation_aliases": ["作品", "创作", "写作"]},
    ]
    assert result.calls[1].result == ["三体", "球状闪电"]  # the backend's tuple arrives as a list
    assert set(result.timings_ms) >= {"compile", "execute", "kg", "total"}


def test_calls_are_recorded_even_when_the_code_overwrites_messages(sandbox):
    code = (
        "def search():\n    messages = ''\n    actor, msg = find_entity_or_value(['择天记'], ['主演'])\n"
        "    messages = msg\n    works, msg = find_entity_or_value(actor, ['作品'])\n    messages = msg\n    return messages\n"
    )
    result = sandbox.run(code)
    assert result.value == "吴磊的作品是沙海、斗破苍穹"
    assert result.messages == ["择天记的主演是吴磊", "吴磊的作品是沙海、斗破苍穹"]


def test_everyday_idioms_work_in_the_restricted_environment(sandbox):
    code = """def search():
    messages = ''
    none, msg = find_entity_or_value(['无名'], ['作者'])
    messages += msg
    info, msg = get_entity_info(entity_aliases=['刘慈欣'])
    if info:
        for relation, objects in info['facts'].items():
            messages += f"{relation}: {', '.join(objects)}; "
        keys = [k for k in info.get('facts', {}).keys()]
        messages += '{} {}'.format(len(keys), sorted(objects)[0])
    paths, msg = find_relationship(['刘慈欣'], ['三体'])
    first = paths[0][0]
    subject, relation, obj = first
    counts = {name: len(name) for name in first}
    counts['x'] = 1
    print('paths', len(paths), relation, obj[-1:], counts.get('x'))
    return [messages, min(counts.values()), isinstance(first, list), list(enumerate(first))[0]]
"""
    result = sandbox.run(code)
    assert result.error is None, result.error
    assert result.value == ["作品: 三体, 球状闪电; 1 三体", 1, True, [0, "刘慈欣"]]
    assert result.stdout == "paths 1 作品 体 1\n"
    assert result.calls[0].result is None and result.calls[0].message == ""


def test_module_body_without_search_runs_and_returns_messages(sandbox):
    result = sandbox.run("messages = ''\nr, msg = find_entity_or_value(['进化论'], ['提出者'])\nmessages += msg\n")
    assert result.error is None and result.value == "进化论的提出者是达尔文"
    assert len(result.calls) == 1


def test_program_that_calls_search_itself_is_not_run_twice(sandbox):
    result = sandbox.run(NORMAL + "print(search())\n")
    assert result.stdout == "三体的作者是刘慈欣\n" and len(result.calls) == 1


def test_backend_exception_becomes_a_recorded_none_result(sandbox):
    result = sandbox.run("def search():\n    info, msg = get_entity_info(['炸弹'])\n    return [info, msg]\n")
    assert result.error is None
    assert result.value[0] is None and "RuntimeError" in result.value[1]
    assert result.calls[0].result is None and "backend bug" in result.calls[0].message


@pytest.mark.parametrize(
    ("code", "kind", "line"),
    [
        ("def search():\n    x = 1\n    return x / 0\n", "ZeroDivisionError", 3),
        ("def search():\n    return get_entity_info(['a'], ['b'], ['c'])\n", "TypeError", 2),
        ("def search():\n    return find_entity_or_value(entity=['a'])\n", "TypeError", 2),
        ("def search(:\n    pass\n", "SyntaxError", 1),
        ("x = 1\ny = x.__class__\n", "GuardError", 2),
    ],
)
def test_model_errors_are_values_with_the_line_in_the_generated_code(sandbox, code, kind, line):
    result = sandbox.run(code)
    assert result.error is not None and result.error.type == kind and result.error.line == line
    assert result.value is None


ATTACKS = {
    "class hierarchy walk": ("x = ().__class__.__bases__[0].__subclasses__()", {"GuardError"}),
    "__import__": ("os = __import__('os')", {"GuardError"}),
    "import statement": ("import os\nos.system('true')", {"GuardError"}),
    "from import": ("from subprocess import run", {"GuardError"}),
    "open a file": ("data = open('/etc/passwd').read()", {"NameError"}),
    "getattr with a computed dunder": ("x = getattr((), '__cl' + 'ass__')", {"NameError"}),
    "eval": ("eval('1 + 1')", {"GuardError"}),
    "exec": ("exec('x = 1')", {"GuardError"}),
    "globals": ("g = globals()", {"NameError"}),
    "type()": ("t = type(1)", {"NameError"}),
    "class statement": ("class A:\n    pass", {"NameError"}),
    "frame via a generator": ("g = (x for x in [1])\nf = g.gi_frame.f_back", {"GuardError"}),
    "frame via a traceback": ("try:\n    1 / 0\nexcept Exception as e:\n    tb = e.__traceback__", {"GuardError"}),
    "format-string attribute access": ("s = '{0.__class__.__mro__}'.format(1)", {"AttributeError"}),
    "format_map attribute access": ("s = '{x.__class__}'.format_map({'x': 1})", {"AttributeError"}),
    "str.format on the type": ("s = str.format('{0.__class__}', 1)", {"AttributeError"}),
    "guard name": ("f = _getattr_", {"GuardError"}),
    "write to a tool": ("get_entity_info.cache = {}", {"TypeError", "AttributeError"}),
    "while True": ("while True:\n    pass", {"Timeout"}),
    "except BaseException: continue": (
        "while True:\n    try:\n        pass\n    except BaseException:\n        continue", {"Timeout"}),
    "bare except swallows the alarm": (
        "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass", {"Timeout"}),
    "huge string": ("s = 'a' * 10**10", {"MemoryError"}),
    "huge list": ("x = [0] * 10**9", {"MemoryError"}),
    "huge integer power": ("x = 10**10**10", {"Timeout", "CPULimitExceeded", "MemoryError"}),
    "deep recursion": ("def f(n):\n    return f(n + 1)\nf(0)", {"RecursionError"}),
    "print 100 MB in 1 MB pieces": ("for i in range(100):\n    print('x' * 1_000_000)", {"OutputLimitExceeded"}),
    # One 100 MB string costs more than the test's 0.5 s on a slow VM: bounded either way.
    "print 100 MB at once": ("print('x' * 100_000_000)", {"OutputLimitExceeded", "Timeout", "MemoryError"}),
    "print forever": ("while True:\n    try:\n        print('x' * 1000)\n    except:\n        pass", {"OutputLimitExceeded", "Timeout"}),
    "too many KG calls": ("for i in range(1000):\n    get_entity_info(['a'])", {"CallLimitExceeded"}),
    "swallowed call limit": (
        "for i in range(1000):\n    try:\n        get_entity_info(['a'])\n    except:\n        pass", {"CallLimitExceeded"}),
    "huge return value": ("def search():\n    return ['x' * 100] * 1000", {"OutputLimitExceeded"}),
    "code too long": ("x = 1\n" * 5000, {"CodeTooLong"}),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_rejected_or_bounded_and_the_host_serves_the_next_plan(sandbox, name):
    code, kinds = ATTACKS[name]
    result = sandbox.run(code)
    assert result.error is not None and result.error.type in kinds, result.error
    assert len(result.stdout) <= LIMITS.max_output_chars
    assert len(result.calls) <= LIMITS.max_calls
    _still_serves(sandbox)


def test_rebinding_a_tool_stays_inside_one_run(sandbox):
    code = (
        "def search():\n    global get_entity_info\n    get_entity_info = lambda x: ('fake', 'fake')\n"
        "    r, m = get_entity_info(['a'])\n    real, msg = find_entity_or_value(['三体'], ['作者'])\n    return m\n"
    )
    result = sandbox.run(code)
    assert result.value == "fake" and [call.function for call in result.calls] == ["find_entity_or_value"]
    assert sandbox.run("r, messages = get_entity_info(['刘慈欣'])").calls[0].function == "get_entity_info"


def test_cpu_rlimit_kills_a_loop_inside_one_c_call():
    limits = SandboxLimits(timeout_s=20, cpu_s=1, memory_mb=256)
    with Sandbox(TinyKG(), workers=1, limits=limits) as box:
        result = box.run("x = sum(range(10**12))")
        assert result.error is not None and result.error.type == "CPULimitExceeded"
        _still_serves(box)


def test_a_worker_killed_from_outside_is_replaced():
    with Sandbox(TinyKG(), workers=1, limits=LIMITS) as box:
        for worker in list(box._all):
            os.kill(worker.process.pid, 9)
            worker.process.join(timeout=5)
        _still_serves(box)


def test_host_errors_raise():
    with pytest.raises(TypeError):
        Sandbox(object())
    box = Sandbox(TinyKG(), workers=1, limits=LIMITS)
    with pytest.raises(TypeError):
        box.run(b"print(1)")
    box.close()
    with pytest.raises(SandboxError):
        box.run(NORMAL)


def test_networkx_backend_runs_in_the_sandbox():
    networkx_kg = pytest.importorskip("kg.networkx_kg")
    kg = networkx_kg.NetworkXKG.from_triples([("三体", "作者", "刘慈欣"), ("刘慈欣", "作品", "球状闪电")])
    with Sandbox(kg, workers=1, limits=LIMITS) as box:
        result = box.run("def search():\n    r, msg = find_entity_or_value(['三体'], ['作者'])\n    return r\n")
    assert result.error is None and result.value == ["刘慈欣"]
    assert isinstance(result.calls[0].message, str) and result.calls[0].message


def test_main_guard_is_dropped_and_search_called_once(sandbox):
    result = sandbox.run(NORMAL + "if __name__ == '__main__':\n    print(search())\n")
    assert result.error is None and result.value == "三体的作者是刘慈欣" and result.stdout == ""
    assert len(result.calls) == 1


def test_lone_surrogates_in_code_and_output_cross_the_boundary(sandbox):
    result = sandbox.run("def search():\n    print('\\ud800')\n    return '\\udfff'\n")
    assert result.error is None and result.value == "\udfff" and result.stdout == "\ud800\n"
    _still_serves(sandbox)
