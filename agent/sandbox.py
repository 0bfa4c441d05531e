"""Run a plan's generated `search()` safely: RestrictedPython inside a pool of forked workers.

    from agent.sandbox import Sandbox
    with Sandbox(kg) as sandbox:
        result = sandbox.run(code)      # ExecutionResult: .value .calls .stdout .error .timings_ms

Two layers, because each misses what the other catches:
- RestrictedPython (in `agent._sandbox_guards`) rewrites the code so that attribute, item, iteration
  and write access go through guards; names starting with `_`, imports, exec/eval are refused at
  compile time; the only callables are the three recording KG tools and a short list of builtins.
- A worker process (`agent._sandbox_worker`) bounds what the language layer cannot: a soft SIGALRM
  at `timeout_s` (repeated every 50 ms, and reaching into KG calls), then a SIGKILL from the host at
  `timeout_s + kill_grace_s` (code that keeps swallowing the alarm with a bare `except:`, or sits
  inside one C call, is only stopped this way), an RLIMIT_CPU the kernel enforces even inside C code,
  and an RLIMIT_AS for memory; no plan code runs outside them. A dead, killed or retired worker is
  replaced; the host never waits longer than the deadline.

How the worker reaches the KG: workers are *forked* from the host and inherit the already-loaded KG
read-only (copy-on-write), instead of asking the host over RPC for every call. Reasons: a KG call
stays an in-process function call (microseconds, not a pipe round trip each), the KG is loaded once
and never pickled, the host needs no second thread to serve calls while it waits, and the worker
keeps all state of a run to itself. The price: fork is POSIX-only (the memory limit reads /proc, so
it applies on Linux), and a backend holding sockets or threads should open them lazily, after the
fork; a backend bug can only corrupt the worker's copy, which is replaced on any crash. Calls are
recorded by the worker's tool wrappers, not by the code (plans often overwrite `messages = msg`),
as JSON text at call time, and results cross back as JSON, never pickle. Workers call `gc.freeze()`
so that their collections do not touch (and copy) the host's pages.

The host never waits past `timeout_s + kill_grace_s`: the reply is read under that deadline and a
size cap, and its nesting and size are checked before it is parsed (`agent._sandbox_wire`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import signal
import socket
import sys
import threading
import time
import weakref

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent import _sandbox_wire as wire
from agent import _sandbox_worker
from agent._sandbox_guards import KG_UNAVAILABLE
from agent.types import ExecutionError, ExecutionResult
from kg.base import KG_FUNCTIONS, KnowledgeGraph

__all__ = ["Sandbox", "SandboxError", "SandboxLimits"]


class SandboxError(RuntimeError):
    """The sandbox itself failed (cannot fork, used after close): the host's fault, not the model's."""


class SandboxLimits(BaseModel):
    """Bounds on one run of a plan. Defaults suit a planner's few-call programs with room to spare."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_s: float = Field(5.0, gt=0, description="wall clock per run; soft alarm, then hard kill")
    kill_grace_s: float = Field(0.5, ge=0, description="how long past timeout_s before SIGKILL")
    cpu_s: int = Field(10, gt=0, description="RLIMIT_CPU per run; the kernel kills even inside C code")
    memory_mb: int = Field(512, gt=0, description="RLIMIT_AS above the worker's size at run start")
    max_calls: int = Field(50, gt=0, description="KG calls per run; plans need a handful")
    max_output_chars: int = Field(100_000, gt=0, description="printed output, and the value as JSON")
    max_reply_chars: int = Field(
        2_000_000, gt=0, description="everything a run sends back (value, calls, arguments, messages); a tenth as many values"
    )
    max_code_chars: int = Field(20_000, gt=0, description="longer code is refused before compiling")


class _Worker:
    def __init__(self, process, sock: socket.socket):
        self.process = process
        self.sock = sock

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=2)
        self.sock.close()


# Host-side socket ends of every worker of every sandbox: a new child closes them all, so that each
# worker sees EOF as soon as the host goes away, whoever forked it.
_host_ends: weakref.WeakSet = weakref.WeakSet()


class Sandbox:
    """A warm pool of forked workers that run plans against one knowledge graph."""

    def __init__(self, kg: KnowledgeGraph, *, workers: int = 2, limits: SandboxLimits | None = None):
        missing = [name for name in KG_FUNCTIONS if not callable(getattr(kg, name, None))]
        if missing:
            raise TypeError(f"kg does not implement the KnowledgeGraph protocol: no {', '.join(missing)}")
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if sys.platform == "win32":
            raise SandboxError("the sandbox forks its workers and needs a POSIX system")
        self.kg = kg
        self.limits = limits or SandboxLimits()
        self._context = multiprocessing.get_context("fork")
        self._size = workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._finalizer = weakref.finalize(self, _shutdown, self._all)
        for _ in range(workers):
            self._idle.put(self._spawn())

    def run(self, code: str) -> ExecutionResult:
        """Run one plan. The model's errors are in `.error`; only the sandbox's own raise."""
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, not {type(code).__name__}")
        if self._closed:
            raise SandboxError("the sandbox is closed")
        started = time.perf_counter()
        if len(code) > self.limits.max_code_chars:  # refused here: no need to ship it to a worker
            result = _failure("CodeTooLong", f"the code has {len(code)} characters, over {self.limits.max_code_chars}")
            result.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 3)
            return result
        worker, healthy = self._take(), False
        try:
            if not self._send(worker, code):  # the idle worker died (OOM killer, a stray kill)
                self._retire(worker)
                worker = self._spawn()
                if not self._send(worker, code):
                    raise SandboxError("a freshly started sandbox worker does not accept work")
            result, healthy = self._receive(worker)
        finally:  # also on KeyboardInterrupt: a worker left mid-run is killed, never reused
            if healthy and not self._closed:
                self._idle.put(worker)
            else:
                self._retire(worker)
                if not self._closed:
                    try:
                        self._idle.put(self._spawn())
                    except SandboxError:
                        pass  # `_take` tries again on the next run, and raises there
        result.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 3)
        return result

    def close(self) -> None:
        self._closed = True
        self._finalizer()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ workers

    def _take(self) -> _Worker:
        """An idle worker; a fresh one if the pool lost some (a failed respawn), else wait."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                short = len(self._all) < self._size
            return self._spawn() if short else self._idle.get()

    def _spawn(self) -> _Worker:
        host_end, child_end = socket.socketpair()
        _host_ends.add(host_end)
        process = self._context.Process(
            target=_sandbox_worker.main,
            args=(child_end, self.kg, self.limits, list(_host_ends), os.getpid(),
                  threading.current_thread() is threading.main_thread()),
            name="cutekg-sandbox",
            daemon=True,
        )
        try:
            process.start()
        except OSError as error:
            host_end.close()
            raise SandboxError(f"cannot start a sandbox worker: {error}") from error
        finally:
            child_end.close()
        worker = _Worker(process, host_end)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _send(self, worker: _Worker, code: str) -> bool:
        try:
            wire.send(worker.sock, wire.encode(code), self.limits.timeout_s)
        except OSError:
            return False
        return True

    def _receive(self, worker: _Worker) -> tuple[ExecutionResult, bool]:
        limits, bounds = self.limits, wire.reply_bounds(self.limits)
        try:
            data = wire.receive(worker.sock, bounds.bytes, time.monotonic() + limits.timeout_s + limits.kill_grace_s)
        except TimeoutError:
            worker.kill()
            return _failure("Timeout", f"the plan ran longer than {limits.timeout_s:g} s and was killed"), False
        except wire.ReplyTooLarge as error:
            worker.kill()
            return _failure("OutputLimitExceeded", f"the worker's reply is too large: {error}"), False
        except (EOFError, OSError):
            worker.process.join(timeout=2)
            return _crash(worker.process.exitcode, limits), False
        try:  # before parsing: json.loads and pydantic would pay for any depth and size first
            wire.check_shape(data, bounds.depth, bounds.marks)
            reply = json.loads(wire.decode(data))
        except (ValueError, RecursionError, MemoryError) as error:  # the plan's doing: what it left is too big
            return _failure("OutputLimitExceeded", f"the worker's reply cannot be read: {type(error).__name__}: {error}"), False
        try:
            retire = bool(reply.pop("retire", False))
            return ExecutionResult.model_validate(reply), not retire
        except (ValueError, ValidationError, AttributeError, TypeError) as error:
            return _failure("SandboxError", f"the worker sent an unreadable reply: {error}"), False


def _failure(kind: str, message: str) -> ExecutionResult:
    return ExecutionResult(error=ExecutionError(type=kind, message=message))


def _crash(exitcode: int | None, limits: SandboxLimits) -> ExecutionResult:
    if exitcode == -signal.SIGXCPU:
        return _failure("CPULimitExceeded", f"the plan used more than {limits.cpu_s} s of CPU time")
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return _failure("WorkerCrashed", f"the worker running the plan died from {name}")
    return _failure("WorkerCrashed", f"the worker running the plan exited with status {exitcode}")


def _shutdown(workers: set[_Worker]) -> None:
    for worker in list(workers):
        worker.sock.close()  # EOF: an idle worker exits on its own
    for worker in list(workers):
        worker.process.join(timeout=0.2)
        worker.kill()
    workers.clear()
