"""The worker side of `agent.sandbox`: compile a plan with RestrictedPython and run it, in a forked
process that holds nothing the host needs.

Everything here runs in the child. The generated code sees only the names in `_BUILTINS`, the three
recording tool wrappers and the guard hooks RestrictedPython's compiler inserts (`_getattr_`,
`_getitem_`, `_getiter_`, `_write_`, `_inplacevar_`, ...), whose names start with `_` and so
cannot be written in the code itself. KG results are converted to plain JSON data before the code
sees them, so no object of the backend ever reaches it.
"""

from __future__ import annotations

import _string  # the parser str.format itself uses
import ast
import gc
import json
import math
import operator
import os
import resource
import signal
import string
import time
from typing import Any

from RestrictedPython import compile_restricted_exec
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
)
from RestrictedPython.transformer import INSPECT_ATTRIBUTES, RestrictingNodeTransformer

from kg.base import KG_FUNCTIONS, KGFindings

FILENAME = "<plan>"
# The short list, plus a few the planning prompt's style of code reaches for (sorted, zip,
# tuple, float, `except Exception`); none of them gives access to anything but values.
_BUILTINS: dict[str, Any] = {
    f.__name__: f
    for f in (len, list, dict, str, int, range, enumerate, set, min, max, sum, any, all, isinstance,
              bool, float, tuple, sorted, reversed, zip, abs, round,
              Exception, ValueError, TypeError, KeyError, IndexError)
}
_BUILTINS.update({"None": None, "True": True, "False": False})
_INPLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
            "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
            "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
            "|=": operator.ior, "^=": operator.ixor, "@=": operator.imatmul}


class LimitExceeded(BaseException):
    """A sandbox limit; BaseException so `except Exception` in generated code does not swallow it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class _Policy(RestrictingNodeTransformer):
    """RestrictedPython's policy, refusing imports outright (there is no `__import__` to call)."""

    def visit_Import(self, node):  # noqa: N802 (ast visitor name)
        self.error(node, "import statements are not allowed; only the KG functions and basic builtins exist.")

    visit_ImportFrom = visit_Import


class _Run:
    """Per-run state shared by the guards, the tools and the print collector."""

    def __init__(self, limits):
        self.limits = limits
        self.calls: list[dict] = []
        self.stdout: list[str] = []
        self.stdout_chars = 0
        self.kg_seconds = 0.0
        self.tripped: LimitExceeded | None = None  # sticky: reported even if the code swallows it
        self.in_kg = False
        self.alarm_pending = False

    def trip(self, kind: str, message: str) -> LimitExceeded:
        if self.tripped is None:
            self.tripped = LimitExceeded(kind, message)
        return self.tripped

    def check(self) -> None:
        """Re-raise a tripped limit at every guarded operation, so swallowing it buys little."""
        if self.tripped is not None:
            raise self.tripped

    def on_alarm(self, signum, frame) -> None:
        if self.in_kg:  # never interrupt the backend half-way; the tool raises on return
            self.alarm_pending = True
            return
        raise self.trip("Timeout", f"the plan ran longer than {self.limits.timeout_s:g} s")


def jsonable(value: Any, depth: int = 0) -> Any:
    """Plain JSON data: tuples → lists, sets → sorted lists, other objects → their str()."""
    if depth > 50:
        raise ValueError("value nested deeper than 50 levels")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(key): jsonable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(item, depth + 1) for item in value), key=repr)
    return str(value)


def _guarded_getattr(run: _Run):
    formatter = _SafeFormatter(run)

    def getattr_(obj, name, *default):
        run.check()
        if type(name) is not str or name.startswith("_") or name in INSPECT_ATTRIBUTES:
            raise AttributeError(f"attribute {name!r} is not accessible in a plan")
        if name in ("format", "format_map") and isinstance(obj, type):
            raise AttributeError(f"{obj.__name__}.{name} is not accessible in a plan")
        if isinstance(obj, str) and name == "format":
            return lambda *args, **kwargs: formatter.vformat(obj, args, kwargs)
        if isinstance(obj, str) and name == "format_map":
            return lambda mapping: formatter.vformat(obj, (), mapping)
        return getattr(obj, name, *default)

    return getattr_


class _SafeFormatter(string.Formatter):
    """str.format whose fields may index but not reach attributes starting with '_'."""

    def __init__(self, run: _Run):
        self.run = run

    def get_field(self, field_name, args, kwargs):
        first, rest = _string.formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                if key.startswith("_") or key in INSPECT_ATTRIBUTES:
                    raise AttributeError(f"attribute {key!r} is not accessible in a plan")
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first


class _PrintCollector:
    """Target of RestrictedPython's `print` rewrite; keeps at most max_output_chars."""

    def __init__(self, run: _Run):
        self.run = run

    def write(self, text: str) -> None:
        run = self.run
        room = run.limits.max_output_chars - run.stdout_chars
        if len(text) > room:
            run.stdout.append(text[: max(room, 0)])
            run.stdout_chars += max(room, 0)
            raise run.trip("OutputLimitExceeded", f"printed output exceeds {run.limits.max_output_chars} characters")
        run.stdout.append(text)
        run.stdout_chars += len(text)

    def _call_print(self, *objects, sep=" ", end="\n", file=None, flush=False):
        self.run.check()
        print(*objects, sep=sep, end=end, file=self)


def _tool(name: str, kg, run: _Run):
    parameters = KG_FUNCTIONS[name]
    # What the call found, as records for the answerer, when the backend says (kg.findings).
    explain = kg.call_with_findings if isinstance(kg, KGFindings) else None

    def tool(*args, **kwargs):
        run.check()
        if len(args) > len(parameters) or set(kwargs) - set(parameters):
            raise TypeError(f"{name}() takes the arguments {', '.join(parameters)}")
        bound = dict(zip(parameters, args))
        for key, value in kwargs.items():
            if key in bound:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            bound[key] = value
        missing = [p for p in parameters if p not in bound]
        if missing:
            raise TypeError(f"{name}() is missing the argument {missing[0]!r}")
        if len(run.calls) >= run.limits.max_calls:
            raise run.trip("CallLimitExceeded", f"more than {run.limits.max_calls} KG calls in one plan")
        arguments = {key: jsonable(value) for key, value in bound.items()}
        started = time.perf_counter()
        run.in_kg = True
        findings: list = []
        try:
            if explain is not None:
                result, message, findings = explain(name, arguments)
            else:
                result, message = getattr(kg, name)(**arguments)
        except Exception as error:  # a backend bug must not look like the model's fault
            result, message = None, f"{name} 调用出错：{type(error).__name__}: {error}"
        finally:
            run.in_kg = False
            run.kg_seconds += time.perf_counter() - started
        result = jsonable(result)
        message = "" if message is None else str(message)
        run.calls.append({"function": name, "arguments": arguments, "result": result, "message": message,
                          "findings": jsonable(findings)})
        if run.alarm_pending:
            raise run.trip("Timeout", f"the plan ran longer than {run.limits.timeout_s:g} s")
        return result, message

    tool.__name__ = tool.__qualname__ = name
    return tool


def _globals(kg, run: _Run) -> dict:
    def getiter(obj):
        run.check()
        return iter(obj)

    def getitem(obj, key):
        run.check()
        return obj[key]

    def inplacevar(op, target, value):
        run.check()
        if op == "+=" and value is None and isinstance(target, str):
            return target  # `messages += msg` after a call whose message was None
        return _INPLACE[op](target, value)

    namespace = {
        "__builtins__": _BUILTINS,
        "__name__": "plan",
        "_getattr_": _guarded_getattr(run),
        "_getitem_": getitem,
        "_getiter_": getiter,
        "_write_": full_write_guard,
        "_inplacevar_": inplacevar,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_apply_": lambda function, *args, **kwargs: function(*args, **kwargs),
        "_print_": lambda _getattr=None: _PrintCollector(run),
    }
    for name in KG_FUNCTIONS:
        namespace[name] = _tool(name, kg, run)
    return namespace


def _error(kind: str, message: str, line: int | None = None) -> dict:
    return {"type": kind, "message": message[:2000], "line": line}


def _plan_line(traceback) -> int | None:
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _without_main_guard(tree: ast.Module) -> ast.Module:
    """Drop `if __name__ == "__main__":` blocks: the sandbox calls search() itself, and the
    policy would refuse the dunder name and fail an otherwise good plan."""
    def is_main_guard(node) -> bool:
        test = node.test if isinstance(node, ast.If) else None
        return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
                and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
                and test.comparators[0].value == "__main__")

    tree.body = [node for node in tree.body if not is_main_guard(node)]
    return tree


def _calls_search_at_top(tree: ast.Module) -> bool:
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "search":
                return True
    return False


def _vm_size_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _at_most(soft: int, hard: int) -> int:
    return soft if hard == resource.RLIM_INFINITY else min(soft, hard)


class _Limits:
    """Per-run rlimits relative to what the long-lived worker has already used."""

    def __init__(self, limits):
        self.limits = limits
        self.cpu = resource.getrlimit(resource.RLIMIT_CPU)
        self.address_space = resource.getrlimit(resource.RLIMIT_AS)

    def __enter__(self):
        usage = resource.getrusage(resource.RUSAGE_SELF)  # RLIMIT_CPU counts the worker's whole life
        cpu_soft = math.ceil(usage.ru_utime + usage.ru_stime + self.limits.cpu_s)
        hard = self.cpu[1]
        resource.setrlimit(resource.RLIMIT_CPU, (_at_most(cpu_soft, hard), hard))
        size = _vm_size_bytes()
        if size is not None:
            soft = size + self.limits.memory_mb * 1024 * 1024
            hard = self.address_space[1]
            resource.setrlimit(resource.RLIMIT_AS, (_at_most(soft, hard), hard))
        signal.setitimer(signal.ITIMER_REAL, self.limits.timeout_s)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        resource.setrlimit(resource.RLIMIT_AS, self.address_space)
        resource.setrlimit(resource.RLIMIT_CPU, self.cpu)
        return False


def execute(code: str, kg, limits) -> dict:
    """Compile and run one plan; every outcome, including the model's errors, is a result dict."""
    started = time.perf_counter()
    run = _Run(limits)
    value, error, compiled_at = None, None, started
    signal.signal(signal.SIGALRM, run.on_alarm)
    try:
        with _Limits(limits):
            try:
                if len(code) > limits.max_code_chars:
                    raise run.trip("CodeTooLong", f"the code has {len(code)} characters, over {limits.max_code_chars}")
                tree = _without_main_guard(ast.parse(code, FILENAME, "exec"))
                calls_search = _calls_search_at_top(tree)
                compiled = compile_restricted_exec(tree, FILENAME, policy=_Policy)
                compiled_at = time.perf_counter()
                if compiled.errors:
                    first = compiled.errors[0]
                    line = int(first.split(":")[0].split()[1]) if first.startswith("Line ") else None
                    error = _error("GuardError", first.split(": ", 1)[-1], line)
                else:
                    namespace = _globals(kg, run)
                    exec(compiled.code, namespace)
                    search = namespace.get("search")
                    if callable(search) and not calls_search:
                        value = search()
                    elif search is None:
                        value = namespace.get("messages")
                    value = jsonable(value)
                    if len(json.dumps(value, ensure_ascii=False)) > limits.max_output_chars:
                        value = None
                        limit = limits.max_output_chars
                        raise run.trip("OutputLimitExceeded", f"the return value exceeds {limit} characters as JSON")
            except SyntaxError as exc:
                error = _error(type(exc).__name__, str(exc.msg), exc.lineno)
            except LimitExceeded as exc:
                error = _error(exc.kind, str(exc), _plan_line(exc.__traceback__))
            except MemoryError as exc:
                message = f"the plan needed more than {limits.memory_mb} MB"
                error = _error("MemoryError", message, _plan_line(exc.__traceback__))
            except BaseException as exc:  # the model's code raised: that is a result, not a crash
                error = _error(type(exc).__name__, str(exc) or type(exc).__name__, _plan_line(exc.__traceback__))
    except LimitExceeded as exc:  # the alarm fired between the inner handlers and the disarm
        error = _error(exc.kind, str(exc))
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
    if run.tripped is not None:
        value = None if run.tripped.kind == "OutputLimitExceeded" else value
        error = _error(run.tripped.kind, str(run.tripped), (error or {}).get("line"))
    finished = time.perf_counter()
    return {
        "value": value,
        "calls": run.calls,
        "stdout": "".join(run.stdout),
        "error": error,
        "timings_ms": {
            "compile": round((compiled_at - started) * 1000, 3),
            "execute": round((finished - compiled_at) * 1000, 3),
            "kg": round(run.kg_seconds * 1000, 3),
        },
    }


def main(conn, kg, limits, inherited) -> None:
    """Worker loop: one JSON request in, one JSON result out, until the host closes the pipe."""
    for other in inherited:  # host-side pipe ends: holding them would hide the host's exit from us
        try:
            other.close()
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the host, which kills us itself
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU must not leave core files behind
    gc.freeze()  # keep the host's objects (the KG) out of our collections: fewer copied pages
    parent = os.getppid()
    start_rss = _rss_bytes()
    while True:
        if not conn.poll(2.0):
            if os.getppid() != parent:
                os._exit(0)
            continue
        try:
            request = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply = execute(request["code"], kg, limits)
        except BaseException as exc:  # our own machinery failed (e.g. MemoryError): report, retire
            reply = {"error": _error("SandboxError", f"{type(exc).__name__}: {exc}"), "_retire": True}
        rss = _rss_bytes()
        if rss is not None and start_rss is not None and rss - start_rss > limits.memory_mb * 1024 * 1024:
            reply["_retire"] = True  # a run left us bloated: let the host fork a fresh worker
        try:
            conn.send_bytes(json.dumps(reply).encode("ascii"))  # ASCII: lone surrogates survive
        except BaseException:
            os._exit(1)
        if reply.get("_retire"):
            os._exit(0)


def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None
