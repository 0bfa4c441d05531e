"""The language layer of `agent.sandbox`: what a plan is compiled to and the only names it sees.

Everything here runs in a worker. The generated code sees only the names in `_BUILTINS`, the three
recording tool wrappers and the guard hooks RestrictedPython's compiler inserts (`_getattr_`,
`_getitem_`, `_getiter_`, `_write_`, `_inplacevar_`, ...), whose names start with `_` and so
cannot be written in the code itself. KG results are converted to fresh plain JSON data before the
code sees them, so no object of the backend ever reaches it, and each call is recorded as JSON text
at call time, so nothing the code does afterwards can change what the record says the KG returned.
"""

from __future__ import annotations

import _string  # the parser str.format itself uses
import ast
import json
import operator
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

from agent._sandbox_wire import Budget, LimitExceeded, describe, reply_bounds
from kg.base import KG_FUNCTIONS, KGFindings
from kg.loaders import KGLoadError

FILENAME = "<plan>"
SEARCH_MARKER = "_search_entered_"  # called first thing in every `def search`; unwritable in a plan
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


KG_UNAVAILABLE = "KGUnavailable"
"""The error type of a run whose KG call found the KG itself unusable (kg.loaders.KGLoadError)."""


class Run:
    """Per-run state shared by the guards, the tools and the print collector."""

    def __init__(self, limits):
        self.limits = limits
        self.budget = Budget(limits.max_reply_chars, reply_bounds(limits).values)
        self.calls: list[str] = []  # each call's record, already JSON text
        self.stdout: list[str] = []
        self.stdout_chars = 0
        self.kg_seconds = 0.0
        self.tripped: tuple[str, str] | None = None  # sticky: reported even if the code swallows it
        self.in_kg = False
        self.searched = False  # the program ran a `def search` itself
        self.retire = False  # the worker must not serve another run (its KG copy may be half-updated)
        self.program = None  # set by the worker once the code compiled
        self.baseline: list[int] = []
        self.injected: frozenset[str] = frozenset()  # names the sandbox put in the plan's globals
        self.compiled_at: float | None = None

    def trip(self, kind: str, message: str) -> LimitExceeded:
        if self.tripped is None:
            self.tripped = (kind, message)
        return LimitExceeded(*self.tripped)  # a fresh one each time: no traceback keeps frames alive

    def check(self) -> None:
        """Re-raise a tripped limit at every guarded operation, so swallowing it buys little."""
        if self.tripped is not None:
            raise LimitExceeded(*self.tripped)

    def on_alarm(self, signum, frame) -> None:
        # Also inside a KG call: a backend's slow path must not run on to the host's SIGKILL. The
        # backend may be left half-way through an update, so the worker is retired after the run.
        if self.in_kg:
            self.retire = True
        raise self.trip("Timeout", f"the plan ran longer than {self.limits.timeout_s:g} s")

    def enter_search(self) -> None:
        self.searched = True


# ------------------------------------------------------------------ compiling


class _Policy(RestrictingNodeTransformer):
    """RestrictedPython's policy, refusing imports outright (there is no `__import__` to call), and
    marking `def search` so the sandbox knows whether the program already ran it."""

    def visit_Import(self, node):  # noqa: N802 (ast visitor name)
        self.error(node, "import statements are not allowed; only the KG functions and basic builtins exist.")

    visit_ImportFrom = visit_Import

    def visit_FunctionDef(self, node):  # noqa: N802
        node = super().visit_FunctionDef(node)
        if node.name == "search" and node.body:
            # Inserted after the policy's checks: the plan itself cannot name SEARCH_MARKER.
            marker = ast.Expr(ast.Call(ast.Name(SEARCH_MARKER, ast.Load()), [], []))
            for part in ast.walk(marker):
                ast.copy_location(part, node.body[0])
            node.body.insert(0, marker)
        return node


class PolicyError(ValueError):
    """The policy refused the code; `line` is where."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line


def _is_main_guard(node) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [side for side in sides if isinstance(side, ast.Name) and side.id == "__name__"]
    constants = [side for side in sides if isinstance(side, ast.Constant) and side.value == "__main__"]
    return len(names) == 1 and len(constants) == 1


def compile_plan(code: str):
    """Code object of a plan, or raise SyntaxError, or PolicyError for a refusal.

    `if __name__ == "__main__":` becomes `if False:` — the plan's `__name__` is not "__main__" —
    so its body (usually `print(search())`) does not run and its `else` does, and both still go
    through the policy, which would refuse the dunder name and fail an otherwise good plan."""
    tree = ast.parse(code, FILENAME, "exec")
    for node in tree.body:
        if _is_main_guard(node):
            node.test = ast.copy_location(ast.Constant(False), node.test)
    compiled = compile_restricted_exec(tree, FILENAME, policy=_Policy)
    if compiled.errors:
        first = compiled.errors[0]
        line = int(first.split(":")[0].split()[1]) if first.startswith("Line ") else None
        raise PolicyError(line, first.split(": ", 1)[-1])
    return compiled.code


# ------------------------------------------------------------------ the guards


def _guarded_getattr(run: Run):
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

    def __init__(self, run: Run):
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

    def __init__(self, run: Run):
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


def _tool(name: str, kg, run: Run):
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
        try:
            arguments = {key: run.budget.convert(value, plan_made=True) for key, value in bound.items()}
        except LimitExceeded as exc:
            raise run.trip(exc.kind, str(exc)) from None
        started = time.perf_counter()
        run.in_kg = True
        findings: list = []
        try:
            if explain is not None:
                result, message, findings = explain(name, arguments)
            else:
                result, message = getattr(kg, name)(**arguments)
        except MemoryError:
            run.retire = True  # the backend failed half-way: this worker's copy may be inconsistent
            raise
        except KGLoadError as error:  # the KG itself is unusable (a damaged store, an endpoint down): no plan can help
            raise run.trip(KG_UNAVAILABLE, describe(error)) from None
        except Exception as error:  # a backend bug must not look like the model's fault
            result, message = None, f"{name} 调用出错：{type(error).__name__}: {describe(error)}"
        finally:
            run.in_kg = False
            run.kg_seconds += time.perf_counter() - started
        run.check()  # an alarm the backend's own `except:` swallowed still ends the run
        try:
            result = run.budget.convert(result)
            message = "" if message is None else run.budget.text(message)
            findings = run.budget.convert(findings)
        except LimitExceeded as exc:
            raise run.trip(exc.kind, str(exc)) from None
        record = {"function": name, "arguments": arguments, "result": result, "message": message, "findings": findings}
        run.calls.append(json.dumps(record, ensure_ascii=False))
        return result, message

    tool.__name__ = tool.__qualname__ = name
    return tool


def namespace(kg, run: Run) -> dict:
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

    names = {
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
        SEARCH_MARKER: run.enter_search,
    }
    for name in KG_FUNCTIONS:
        names[name] = _tool(name, kg, run)
    return names
