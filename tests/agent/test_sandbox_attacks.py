"""Attacks on what surrounds the sandbox's language layer: the call record, the size of what crosses
the pipe, plan code that outlives a run, the worker's stdio, slow KG calls, and the small holes of
issue 14 (classes 1–4, 7, 8; the parser's are in test_plan_attacks.py, output in test_sanitize.py).
Every attack is followed by an innocent plan that must be answered right."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from agent import _sandbox_wire as wire
from agent.sandbox import Sandbox, SandboxLimits
from agent.types import Answer

LIMITS = SandboxLimits(timeout_s=0.5, kill_grace_s=0.3, cpu_s=3, memory_mb=256, max_calls=20,
                       max_output_chars=10_000, max_reply_chars=200_000)
DEADLINE = LIMITS.timeout_s + LIMITS.kill_grace_s + 0.5  # what the issue allows a run to take at most
NORMAL = "def search():\n    author, msg = find_entity_or_value(['三体'], ['作者'])\n    return msg\n"


class DictKG:
    facts = {("三体", "作者"): ["刘慈欣"], ("刘慈欣", "作品"): ["三体", "球状闪电"]}

    def get_entity_info(self, entity_aliases):
        name = entity_aliases[0] if entity_aliases else None
        facts = {rel: list(objs) for (subj, rel), objs in self.facts.items() if subj == name}
        return ({"name": name, "facts": facts, "reverse_facts": {}}, f"{name}的信息") if facts else (None, f"没有找到{name}")

    def find_entity_or_value(self, entity_aliases, relation_aliases):
        for name in entity_aliases or []:
            for relation in relation_aliases or []:
                if (name, relation) in self.facts:
                    found = self.facts[name, relation]
                    return list(found), f"{name}的{relation}是{'、'.join(found)}"
        return None, "没有找到"

    def find_relationship(self, entity1_aliases, entity2_aliases):
        if entity1_aliases == ["慢"]:  # a backend's slow path, in Python code
            while True:
                pass
        if entity1_aliases == ["吞"]:  # a slow path whose own bare `except:` swallows the alarm once
            try:
                while True:
                    pass
            except BaseException:
                return None, "swallowed"
        return None, "没有找到关系"


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(DictKG(), workers=2, limits=LIMITS) as box:
        yield box


def timed_run(sandbox, code):
    started = time.monotonic()
    result = sandbox.run(code)
    elapsed = time.monotonic() - started
    assert elapsed <= DEADLINE, f"the run took {elapsed:.2f} s"
    return result


def still_serves(sandbox):
    for _ in range(3):  # every worker of the pool, not only the one the attack left
        result = sandbox.run(NORMAL)
        assert result.error is None and result.value == "三体的作者是刘慈欣", result.error
        assert [call.function for call in result.calls] == ["find_entity_or_value"]


def pids(sandbox):
    return {worker.process.pid for worker in sandbox._all}


# ------------------------------------------------------------------ 1. the record is not the plan's


def test_mutating_a_result_after_the_call_does_not_change_the_record(sandbox):
    code = """def search():
    found, msg = find_entity_or_value(['三体'], ['作者'])
    found[0] = '假作者'
    found.append('伪造')
    info, msg2 = get_entity_info(['刘慈欣'])
    info['name'] = '伪造'
    info['facts']['作品'].append('伪造')
    info['facts']['国籍'] = ['伪造']
    return found
"""
    result = timed_run(sandbox, code)
    assert result.error is None and result.value == ["假作者", "伪造"]  # the plan's own copy changed
    assert result.calls[0].result == ["刘慈欣"]
    assert result.calls[1].result == {"name": "刘慈欣", "facts": {"作品": ["三体", "球状闪电"]}, "reverse_facts": {}}
    assert "伪造" not in json.dumps([call.model_dump() for call in result.calls], ensure_ascii=False)


def test_mutating_an_argument_after_the_call_does_not_change_the_record(sandbox):
    code = "names = ['三体']\nrelations = ['作者']\nr, m = find_entity_or_value(names, relations)\nnames[0] = '假'\nrelations.append('假')\n"
    result = timed_run(sandbox, code)
    assert result.calls[0].arguments == {"entity_aliases": ["三体"], "relation_aliases": ["作者"]}


def test_a_result_made_to_contain_itself_leaves_the_record_intact(sandbox):
    code = "def search():\n    r, m = find_entity_or_value(['三体'], ['作者'])\n    r.append(r)\n    return r\n"
    result = timed_run(sandbox, code)
    assert result.error is not None and result.error.type == "OutputLimitExceeded"
    assert result.calls[0].result == ["刘慈欣"]
    still_serves(sandbox)


# ------------------------------------------------------------------ 2. one budget for what crosses

SHARED_DAG = "x = ['y' * 50]\nfor i in range(60):\n    x = [x, x]\n"  # 2**60 leaves once expanded


@pytest.mark.parametrize(
    "code",
    [
        SHARED_DAG + "r, m = get_entity_info(x)\n",
        SHARED_DAG + "def search():\n    return x\n",
        SHARED_DAG + "r, m = find_entity_or_value(['三体'], ['作者'])\nr.append(x)\nmessages = r\n",
        "s = 'x' * 1_000_000\nfor i in range(20):\n    r, m = find_entity_or_value([s], [s])\n",
        "s = ['长' * 100] * 5000\nfor i in range(20):\n    r, m = get_entity_info(s)\n",
        "d = {}\nfor i in range(200000):\n    d[str(i)] = i\nr, m = get_entity_info(d)\n",
    ],
    ids=["shared DAG as argument", "shared DAG as value", "shared DAG in a result", "one huge string many times",
         "many long strings", "a large dict"],
)
def test_what_crosses_the_pipe_is_bounded_by_one_budget(sandbox, code):
    result = timed_run(sandbox, code)
    assert result.error is not None and result.error.type in {"OutputLimitExceeded", "Timeout"}, result.error
    size = len(result.model_dump_json())
    assert size < 4 * LIMITS.max_reply_chars
    still_serves(sandbox)


@pytest.mark.parametrize("depth", [40, 300, 5000, 100_000])
def test_deep_nesting_is_refused_and_every_record_still_renders(sandbox, depth):
    code = f"def search():\n    r, m = find_entity_or_value(['三体'], ['作者'])\n    v = r\n    for i in range({depth}):\n        v = [v]\n    r.append(v)\n    return v\n"
    result = timed_run(sandbox, code)
    assert result.error is not None and result.error.type == "OutputLimitExceeded"
    answer = Answer(question="q", need_knowledge=True, answer="a", calls=result.calls)
    json.loads(answer.model_dump_json())  # would raise at a few hundred levels
    result = timed_run(sandbox, f"v = 1\nfor i in range({depth}):\n    v = [v]\nr, m = get_entity_info([v])\n")
    assert result.error is not None and result.error.type == "OutputLimitExceeded"
    still_serves(sandbox)


def test_a_deep_value_under_the_limit_crosses(sandbox):
    result = timed_run(sandbox, "def search():\n    v = 'x'\n    for i in range(20):\n        v = [v]\n    return v\n")
    assert result.error is None and json.dumps(result.value).count("[") == 20


def test_the_host_refuses_a_reply_too_deep_or_too_wide_before_parsing():
    shallow = json.dumps({"a": [[1, "[[[[", {"b": "\\\"[["}]], "c": '"'}).encode()
    wire.check_shape(shallow, 4, 100)
    with pytest.raises(ValueError):
        wire.check_shape(b"[" * 50 + b"]" * 50, 40, 10**6)
    with pytest.raises(ValueError):
        wire.check_shape(b"[" + b"0," * 5000 + b"0]", 40, 1000)
    started = time.monotonic()
    with pytest.raises(ValueError):
        wire.check_shape(b'["' + b"x" * 10_000_000 + b'",' + b"[" * 10_000 + b"]" * 10_000 + b"]", 40, 10**6)
    assert time.monotonic() - started < 5.0  # one linear pass over 10 MB (loose: CI may be busy)


def test_the_host_never_waits_for_a_stalled_or_oversized_reply():
    import socket

    host, worker = socket.socketpair()
    try:
        worker.sendall((100).to_bytes(8, "big") + b"x" * 10)  # a header, then silence
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            wire.receive(host, 1000, time.monotonic() + 0.2)
        assert time.monotonic() - started < 2.0  # the 0.2 s deadline, not the 10 bytes never sent
        host2, worker2 = socket.socketpair()
        worker2.sendall((10**12).to_bytes(8, "big"))
        with pytest.raises(wire.ReplyTooLarge):
            wire.receive(host2, 1000, time.monotonic() + 1)
        host2.close(), worker2.close()
    finally:
        host.close(), worker.close()


def test_an_exception_with_an_unprintable_message_is_the_plans_error(sandbox):
    result = timed_run(sandbox, "raise Exception(10**5000)")
    assert result.error is not None and result.error.type == "Exception"
    result = timed_run(sandbox, "def search():\n    return 10**5000\n")
    assert result.error is not None and result.error.type == "OutputLimitExceeded"
    still_serves(sandbox)


# ------------------------------------------------------------------ 3. no plan code after the limits

LATE_FINALLY = """def late():
    try:
        yield 1
    finally:
        {body}
def search():
    global kept
    kept = late()
    for first in kept:
        break
    {extra}
    return 'done'
"""
CYCLE = "cycle = [kept]\n    cycle.append(cycle)"


@pytest.mark.parametrize(
    ("body", "extra", "kind", "stdout"),
    [
        ("while True:\n            pass", "", "Timeout", ""),
        ("while True:\n            pass", CYCLE, "Timeout", ""),
        ("print('late')\n        x = 'y' * 10**10", "", None, "late\n"),
        ("for i in range(10**9):\n            get_entity_info(['刘慈欣'])", CYCLE, "CallLimitExceeded", ""),
    ],
    ids=["spins", "spins inside a cycle", "allocates", "calls the KG inside a cycle"],
)
def test_a_suspended_generators_finally_runs_inside_the_limits_of_its_own_run(sandbox, body, extra, kind, stdout):
    result = timed_run(sandbox, LATE_FINALLY.format(body=body, extra=extra))
    assert result.value == "done"
    assert (result.error.type if result.error else None) == kind  # this run's record says what it did
    assert result.stdout == stdout
    assert len(result.calls) == (LIMITS.max_calls if kind == "CallLimitExceeded" else 0)
    started = time.monotonic()
    still_serves(sandbox)  # and it never runs again in a later, innocent run
    assert time.monotonic() - started < 5.0  # not killed as a timeout by leftover plan code


def test_a_finally_that_swallows_the_alarm_is_killed_at_the_deadline(sandbox):
    body = "while True:\n            try:\n                pass\n            except:\n                pass"
    result = timed_run(sandbox, LATE_FINALLY.format(body=body, extra=""))
    assert result.error is not None and result.error.type == "Timeout"
    still_serves(sandbox)


def test_workers_die_with_their_host_even_mid_run(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys, threading, time
        sys.path.insert(0, {os.getcwd()!r})
        from agent.sandbox import Sandbox, SandboxLimits
        from kg import NetworkXKG
        kg = NetworkXKG.from_triples([("三体", "作者", "刘慈欣")])
        box = Sandbox(kg, workers=2, limits=SandboxLimits(timeout_s=60, cpu_s=60))
        print(" ".join(str(w.process.pid) for w in box._all), flush=True)
        threading.Thread(target=box.run, args=("while True:\\n    try:\\n        pass\\n    except:\\n        pass",), daemon=True).start()
        time.sleep(0.3)
        os.kill(os.getpid(), 9)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    workers = [int(pid) for pid in done.stdout.split()]
    assert len(workers) == 2, done.stderr
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_retired_workers_leave_no_zombies():
    before = set(_children())  # the module's sandbox
    with Sandbox(DictKG(), workers=1, limits=LIMITS) as box:
        for code in ["while True:\n    try:\n        pass\n    except:\n        pass", "x = 'y' * 10**10", LATE_FINALLY.format(body="pass", extra=CYCLE)] * 2:
            box.run(code)
        assert [pid for pid in _children() if _state(pid) == "Z"] == []
    assert [pid for pid in set(_children()) - before if _state(pid) != "gone"] == []


def _children() -> list[int]:
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as listing:
            return [int(pid) for pid in listing.read().split()]
    except FileNotFoundError:
        pytest.skip("no /proc children listing")


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0]
    except FileNotFoundError:
        return "gone"


# ------------------------------------------------------------------ 4. the worker's stdio


NOISY = """def noisy():
    try:
        yield 1
    finally:
        raise ValueError('\\x1b[31mERROR fake log line' + 'x' * 100000)
def search():
    global g
    g = noisy()
    for first in g:
        break
    cycle = [g]
    cycle.append(cycle)
    return 'ok'
"""


def test_nothing_a_plan_does_reaches_the_hosts_stderr():
    # In a fresh interpreter: pytest's own hooks would catch the warnings and "Exception ignored" reports.
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {os.getcwd()!r})
        from agent.sandbox import Sandbox
        from kg import NetworkXKG
        with Sandbox(NetworkXKG.from_triples([("三体", "作者", "刘慈欣")]), workers=1) as box:
            print(box.run({NOISY!r}).value)
            for _ in range(2):  # a collection in a later run, a SyntaxWarning
                box.run("x = [[i] for i in range(300000)]\\ny = 1 is 1\\n")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout == "ok\n" and done.stderr == ""


# ------------------------------------------------------------------ 7. the alarm reaches into KG calls


@pytest.mark.parametrize("entity", ["慢", "吞"])
def test_a_slow_kg_call_is_stopped_by_the_alarm_and_its_worker_retired(entity):
    with Sandbox(DictKG(), workers=1, limits=LIMITS) as box:
        before = pids(box)
        started = time.monotonic()
        result = box.run(f"r, m = find_relationship(['{entity}'], ['b'])\nprint(m)\n")
        elapsed = time.monotonic() - started
        assert result.error is not None and result.error.type == "Timeout"
        assert "killed" not in result.error.message  # the alarm ended it, not the host's SIGKILL
        assert elapsed < LIMITS.timeout_s + LIMITS.kill_grace_s
        assert result.stdout == ""
        still_serves(box)
        assert pids(box).isdisjoint(before)


# ------------------------------------------------------------------ 8. smaller holes


def test_search_behind_a_dead_branch_is_still_called(sandbox):
    result = timed_run(sandbox, NORMAL + "if False:\n    search()\n")
    assert result.error is None and result.value == "三体的作者是刘慈欣" and len(result.calls) == 1


def test_search_called_through_another_name_runs_once(sandbox):
    result = timed_run(sandbox, NORMAL + "run = search\nprint(run())\n")
    assert result.stdout == "三体的作者是刘慈欣\n" and len(result.calls) == 1


def test_the_else_of_a_main_guard_runs_and_is_checked(sandbox):
    result = timed_run(sandbox, NORMAL + "if __name__ == '__main__':\n    print(search())\nelse:\n    print('plan')\n")
    assert result.error is None and result.stdout == "plan\n" and len(result.calls) == 1
    result = timed_run(sandbox, NORMAL + "if '__main__' == __name__:\n    pass\nelse:\n    import os\n")
    assert result.error is not None and result.error.type == "GuardError"


def test_no_memory_address_leaves_the_sandbox(sandbox):
    code = """def search():
    it = zip([1], [2])
    print(get_entity_info, it, search)
    r, m = get_entity_info([str(it)])
    return [str(get_entity_info), f'{it!r}', '%s' % search, str(enumerate([]))]
"""
    result = timed_run(sandbox, code)
    assert result.error is None, result.error
    text = result.model_dump_json()
    assert "0x" not in text and "<function get_entity_info>" in text


def _host_rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.parametrize(
    "code",
    [
        "names = [str(i) for i in range(20000)]\nfor i in range(50):\n    r, m = get_entity_info(names)\n",
        "x = [[]] * 1000\nfor i in range(50):\n    r, m = get_entity_info([x] * 100)\n",
        "for i in range(50):\n    r, m = get_entity_info(['长' * 40000])\n",
        "def search():\n    return [[str(i)] for i in range(10**6)]\n",
    ],
    ids=["many distinct strings", "many empty lists", "long strings", "a wide value"],
)
def test_a_hostile_run_costs_the_host_little_memory(code):
    with Sandbox(DictKG(), workers=1) as box:  # the default limits, as a user gets them
        box.run(NORMAL)
        before = _host_rss()
        result = box.run(code)
        grown = _host_rss() - before
        assert result.error is not None and result.error.type == "OutputLimitExceeded", result.error
        assert grown <= 64 * 1024 * 1024, f"the host grew by {grown / 2**20:.0f} MB"
        assert box.run(NORMAL).value == "三体的作者是刘慈欣"


def test_a_worker_forked_by_a_thread_that_ends_keeps_serving_other_threads():
    import threading

    slow = "x = 0\nfor i in range(2 * 10**6):\n    x += 1\n"  # most of a second
    with Sandbox(DictKG(), workers=1, limits=SandboxLimits(timeout_s=5, cpu_s=10, memory_mb=256)) as box:
        for worker in list(box._all):  # the next run finds its worker dead and forks another...
            worker.process.kill()
            worker.process.join()
        forked, leave = threading.Event(), threading.Event()

        def forking_thread():  # ...from this thread, which then ends
            box.run("x = 1")
            forked.set()
            leave.wait()

        thread = threading.Thread(target=forking_thread)
        thread.start()
        forked.wait()
        results = []
        other = threading.Thread(target=lambda: results.append(box.run(slow)))
        other.start()
        time.sleep(0.1)
        leave.set()  # the forking thread ends while its worker runs another thread's plan
        thread.join()
        other.join()
        assert results[0].error is None, results[0].error
