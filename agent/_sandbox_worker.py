"""The worker side of `agent.sandbox`: run one plan at a time inside the limits, in a forked process
that holds nothing the host needs. The language layer is `agent._sandbox_guards`; what crosses the
pipe, and its bounds, is `agent._sandbox_wire`.

Bounds for the worker's whole life, not only during a run:
- RLIMIT_CPU: soft = CPU used so far + cpu_s, set at start and re-based at each run (the kernel
  counts a process's whole life); between runs it stays, so a worker spinning while idle dies.
- RLIMIT_AS: the size at run start + memory_mb, left in place after the run.
- PR_SET_PDEATHSIG (Linux): the kernel kills the worker when its host dies, whatever it is doing.
  It fires when the forking *thread* ends, so it is set only for workers forked by the main thread;
  the others see EOF when the host dies, and the CPU limit ends one that is mid-run.
- stdin, stdout and stderr are /dev/null: compile warnings and "Exception ignored in" reports quote
  the plan, and nothing a plan does may reach the user's terminal or the host's logs.
The alarm (SIGALRM at timeout_s) is armed during a run only; it also interrupts a slow KG call.

No plan code outside the limits: plan objects can outlive `exec` (the namespace is a reference
cycle; a suspended generator's `finally` runs when it is collected). After each run, still inside
the limits, the namespace is cleared; if a code object of the plan is still referenced (a function,
generator or frame of it is alive), the garbage is collected right there, and if even that leaves
one alive, the worker is retired instead of serving another run.
"""

from __future__ import annotations

import functools
import gc
import math
import os
import resource
import signal
import sys
import time
import warnings
from types import CodeType
from typing import NamedTuple

from agent._sandbox_guards import FILENAME, PolicyError, Run, compile_plan, namespace
from agent._sandbox_wire import (
    LimitExceeded,
    decode,
    describe,
    dumps,
    encode,
    receive,
    reply_bounds,
    scrub,
    send,
)

try:  # loaded once in the host: a worker must start in a few milliseconds
    import ctypes

    _LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except (ImportError, OSError):
    _LIBC = None
_PR_SET_PDEATHSIG = 1
_START_RSS: int | None = None  # the worker's resident size when it began serving


class _Program(NamedTuple):
    code: CodeType
    codes: tuple[CodeType, ...]  # every code object inside: functions, lambdas, generator bodies


@functools.lru_cache(maxsize=64)
def _program(code: str) -> _Program:
    """Compiled once per worker: RestrictedPython's rewrite costs more than the rest of a run, and
    a retried or re-asked plan sends the same text again."""
    compiled = compile_plan(code)
    codes, stack = [], [compiled]
    while stack:
        current = stack.pop()
        codes.append(current)
        stack.extend(const for const in current.co_consts if isinstance(const, CodeType))
    return _Program(compiled, tuple(codes))


def _refcounts(codes: tuple[CodeType, ...]) -> list[int]:
    return [sys.getrefcount(code) for code in codes]


def _settled(program: _Program, baseline: list[int]) -> bool:
    """No function, generator or frame of the plan is alive (none holds one of its code objects)."""
    return all(now <= before for now, before in zip(_refcounts(program.codes), baseline))


def _release(names: dict, run: Run) -> bool:
    """Drop the plan's objects inside the limits; False when some are alive even after a collection.

    The plan's own globals go first, so that a `finally` running now still finds the tools and
    builtins as it would at the end of a normal program; twice, as such a `finally` may make more."""
    for _ in range(2):
        for name in [name for name in names if name not in run.injected]:
            names.pop(name, None)
        if _settled(run.program, run.baseline):
            break
        gc.collect()  # a cycle holding a suspended generator: its `finally` runs here, under the alarm
    names.clear()
    return _settled(run.program, run.baseline)


def _error(kind: str, message: str, line: int | None = None) -> dict:
    return {"type": kind, "message": scrub(message[:2000]), "line": line}


def _plan_line(traceback) -> int | None:
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _statm() -> tuple[int, int] | None:
    """(size, resident) in bytes."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            fields = statm.read().split()
        page = os.sysconf("SC_PAGE_SIZE")
        return int(fields[0]) * page, int(fields[1]) * page
    except (OSError, ValueError, IndexError):
        return None


def _at_most(soft: int, hard: int) -> int:
    return soft if hard == resource.RLIM_INFINITY else min(soft, hard)


def _limit_cpu(seconds: int) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (_at_most(soft, hard), hard))


class _Limits:
    """Per-run rlimits relative to what the long-lived worker has already used. A worker keeps
    them after the run (`restore=False`); a caller in its own process gets its limits back."""

    def __init__(self, limits, restore: bool):
        self.limits = limits
        self.saved = (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS)) if restore else None

    def __enter__(self):
        _limit_cpu(self.limits.cpu_s)
        sizes = _statm()
        if sizes is not None:
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            resource.setrlimit(resource.RLIMIT_AS, (_at_most(sizes[0] + self.limits.memory_mb * 1024 * 1024, hard), hard))
        # Repeating: code that swallowed one alarm (several spinning `finally`s) meets the next.
        signal.setitimer(signal.ITIMER_REAL, self.limits.timeout_s, 0.05)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        if self.saved is not None:
            resource.setrlimit(resource.RLIMIT_AS, self.saved[1])
            resource.setrlimit(resource.RLIMIT_CPU, self.saved[0])
        return False


def _plan(code: str, kg, run: Run, names: dict) -> str:
    """Run the plan in `names`; the value as JSON text."""
    limits = run.limits
    if len(code) > limits.max_code_chars:
        raise run.trip("CodeTooLong", f"the code has {len(code)} characters, over {limits.max_code_chars}")
    run.program = _program(code)
    run.compiled_at = time.perf_counter()
    run.baseline = _refcounts(run.program.codes)
    names.update(namespace(kg, run))
    run.injected = frozenset(names)
    exec(run.program.code, names)
    search = names.get("search")
    if search is None:
        value = names.get("messages")
    elif callable(search) and not run.searched:  # `if False: search()` does not count as a call
        value = search()
    else:
        value = None
    value_json = dumps(run.budget.convert(value, plan_made=True))
    if len(value_json) > limits.max_output_chars:
        raise run.trip("OutputLimitExceeded", f"the return value exceeds {limits.max_output_chars} characters as JSON")
    return value_json


def execute(code: str, kg, limits, *, restore_limits: bool = True) -> tuple[bytes, bool]:
    """Compile and run one plan: (the reply, whether this worker must retire). Every outcome,
    including the model's errors, is a reply."""
    started = time.perf_counter()
    run = Run(limits)
    run.compiled_at = started
    value_json, error, released = "null", None, False
    names: dict = {}
    signal.signal(signal.SIGALRM, run.on_alarm)
    try:
        with _Limits(limits, restore_limits):
            try:
                value_json = _plan(code, kg, run, names)
            except SyntaxError as exc:
                error = _error(type(exc).__name__, describe(exc.msg), exc.lineno)
            except PolicyError as exc:
                error = _error("GuardError", str(exc), exc.line)
            except LimitExceeded as exc:
                error = _error(exc.kind, str(exc), _plan_line(exc.__traceback__))
            except MemoryError as exc:
                error = _error("MemoryError", f"the plan needed more than {limits.memory_mb} MB", _plan_line(exc.__traceback__))
            except BaseException as exc:  # the model's code raised: that is a result, not a crash
                error = _error(type(exc).__name__, describe(exc) or type(exc).__name__, _plan_line(exc.__traceback__))
            # Outside every handler: no traceback keeps the plan's frames alive any more.
            released = run.program is None or _release(names, run)
    except LimitExceeded as exc:  # the alarm fired in our own code, after the plan's handlers
        error = _error(exc.kind, str(exc))
    except MemoryError:
        error = _error("MemoryError", f"the plan needed more than {limits.memory_mb} MB")
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
    if run.tripped is not None:
        kind, message = run.tripped
        value_json = "null" if kind == "OutputLimitExceeded" else value_json
        error = _error(kind, message, (error or {}).get("line"))
    finished = time.perf_counter()
    retire = run.retire or not released or _bloated(limits)
    head = {
        "stdout": scrub("".join(run.stdout)),
        "error": error,
        "timings_ms": {
            "compile": round((run.compiled_at - started) * 1000, 3),
            "execute": round((finished - run.compiled_at) * 1000, 3),
            "kg": round(run.kg_seconds * 1000, 3),
        },
        "retire": retire,
    }
    reply = encode(f'{dumps(head)[:-1]}, "value": {value_json}, "calls": [{", ".join(run.calls)}]}}')
    if len(reply) > reply_bounds(limits).bytes:  # only characters that encode long (astral, escaped controls)
        head["error"] = _error("OutputLimitExceeded", "the run's reply exceeds the sandbox's size cap")
        reply = encode(f'{dumps(head)[:-1]}, "value": null, "calls": []}}')
    return reply, retire


def _bloated(limits) -> bool:
    """A run left the worker much bigger than it started: let the host fork a fresh one."""
    sizes = _statm() if _START_RSS is not None else None
    return sizes is not None and sizes[1] - _START_RSS > limits.memory_mb * 1024 * 1024


def _isolate(host_pid: int, limits, death_signal: bool) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the host, which kills us itself
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU must not leave core files behind
    _limit_cpu(limits.cpu_s)
    if death_signal and _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != host_pid:  # the host died before the line above took effect
        os._exit(0)
    warnings.simplefilter("ignore")
    sys.unraisablehook = lambda unraisable: None  # a plan's failing `finally` during a collection


def main(sock, kg, limits, inherited, host_pid: int, death_signal: bool) -> None:
    """Worker loop: one plan in, one JSON reply out, until the host closes its end (EOF, also when
    the host dies). `death_signal`: be killed by the kernel when the forking thread ends."""
    global _START_RSS
    for other in inherited:  # host ends of other workers: holding them would hide the host's exit
        try:
            other.close()
        except OSError:
            pass
    _isolate(host_pid, limits, death_signal)
    gc.freeze()  # keep the host's objects (the KG) out of our collections: fewer copied pages
    sizes = _statm()
    _START_RSS = sizes[1] if sizes else None
    request_cap = 4 * limits.max_code_chars + 1024
    while True:
        try:
            code = decode(receive(sock, request_cap))
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply, retire = execute(code, kg, limits, restore_limits=False)
        except BaseException as exc:  # our own machinery failed (e.g. MemoryError): report, retire
            error = _error("SandboxError", f"{type(exc).__name__}: {describe(exc)}")
            reply, retire = encode(dumps({"error": error, "retire": True})), True
        try:
            send(sock, reply)
        except BaseException:
            os._exit(1)
        if retire:
            os._exit(0)
