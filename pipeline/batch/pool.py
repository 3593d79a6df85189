"""Worker processes that keep input order and really stop a task that runs too long.

The state (``init(*initargs)``, e.g. ``Extractor.load()``) is loaded once: in this process
before forking where processes are forked (workers share it copy-on-write, and a replacement
worker starts at once), else in each worker. Workers run ``func(state, payload)`` for one
task at a time. A task over the time limit has its
worker killed (a signal cannot interrupt a C-level regex; killing the process can) and a
fresh worker takes its place. Results come back in task order.
"""
import gc
import multiprocessing
import os
import signal
import time
from multiprocessing.connection import wait

from ..errors import CamketError

OK, ERROR, TIMEOUT, CRASH = "ok", "error", "timeout", "crash"


_PARENT_CHECK_S = 1.0  # how often an idle worker checks that its parent is alive
_NOT_LOADED = None  # a forked worker inherits the state; other workers load it themselves


def _worker_main(conn, parent_end, parent_pid, init, initargs, func, state=_NOT_LOADED):
    """The loop inside a worker process: load once (unless inherited), then answer tasks until told to stop.

    The worker exits by itself when the parent dies, even by SIGKILL: it closes its copy of the
    parent's end of the pipe and, while idle, checks that its parent is still the one that started it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent_end.close()
    if state is _NOT_LOADED:
        try:
            state = init(*initargs)
        except BaseException as exc:  # reported to the parent, which stops the run
            _send(conn, ("init_error", f"{type(exc).__name__}: {exc}"))
            return
    if not _send(conn, ("ready", None)):
        return
    while True:
        try:
            if not conn.poll(_PARENT_CHECK_S):
                if os.getppid() != parent_pid:  # orphaned: the parent was killed
                    return
                continue
            msg = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if msg is None:
            return
        seq, payload = msg
        try:
            out = (OK, func(state, payload))
        except Exception as exc:
            out = (ERROR, f"{type(exc).__name__}: {exc}")
        if not _send(conn, (seq, out)):
            return


def _send(conn, message):
    """Send to the parent; False (and no traceback) when the parent is gone."""
    try:
        conn.send(message)
        return True
    except (OSError, EOFError):
        return False


class _Worker:
    def __init__(self, ctx, init, initargs, func, state=_NOT_LOADED):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main,
                                args=(child, self.conn, os.getpid(), init, initargs, func, state), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.seq = None      # the task it is running
        self.started = None  # when that task was sent

    def stop(self, kill=False):
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(1 if not kill else None)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class TimeoutPool:
    """``jobs`` worker processes; ``imap`` yields (key, (status, value)) in task order.

    status is OK (value = func's result), ERROR (func raised; value = message),
    TIMEOUT (over ``timeout`` seconds; the worker was killed) or CRASH (the worker died).
    """

    def __init__(self, jobs, init, initargs, func, timeout=None, max_ahead=None, start_method=None):
        self.jobs = max(1, int(jobs))
        self.init, self.initargs, self.func = init, tuple(initargs), func
        self.timeout = timeout if timeout and timeout > 0 else None
        self.max_ahead = max_ahead or 16 * self.jobs
        methods = multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context(start_method or ("fork" if "fork" in methods else "spawn"))
        self.state = _NOT_LOADED
        self.workers = []

    def __enter__(self):
        if self.ctx.get_start_method() == "fork":
            try:
                self.state = self.init(*self.initargs)
            except CamketError:
                raise
            except Exception as exc:
                raise CamketError(f"cannot load the pipeline: {type(exc).__name__}: {exc}") from None
            gc.freeze()  # keep the loaded objects out of the collector, so forked workers keep sharing them
        self.workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc):
        self.close(kill=exc[0] is not None)

    def _spawn(self):
        return _Worker(self.ctx, self.init, self.initargs, self.func, self.state)

    def close(self, kill=False):
        for w in self.workers:
            w.stop(kill=kill)
        self.workers = []

    def _replace(self, w):
        i = self.workers.index(w)
        w.stop(kill=True)
        self.workers[i] = self._spawn()

    def imap(self, tasks):
        """Run ``(key, payload)`` tasks; yield ``(key, outcome)`` in the order of the tasks."""
        tasks = iter(tasks)
        keys, done = {}, {}
        next_seq = next_out = 0
        exhausted = False
        while True:
            # hand tasks to idle workers, keeping at most max_ahead results waiting for their turn
            for w in self.workers:
                if exhausted or not w.ready or w.seq is not None or next_seq - next_out >= self.max_ahead:
                    continue
                try:
                    key, payload = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                keys[next_seq] = key
                w.seq, w.started = next_seq, time.monotonic()
                w.conn.send((next_seq, payload))
                next_seq += 1
            while next_out in done:
                yield keys.pop(next_out), done.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_seq:
                return
            self._wait(done)

    def _wait(self, done):
        """Wait for a message, a dead worker or a deadline; record what happened in ``done``."""
        now = time.monotonic()
        deadline = None
        if self.timeout:
            starts = [w.started for w in self.workers if w.seq is not None]
            if starts:
                deadline = max(0.0, min(starts) + self.timeout - now)
        ready = wait([w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers], deadline)
        for w in list(self.workers):
            if w.conn in ready or w.proc.sentinel in ready:
                self._receive(w, done)
        if self.timeout:
            now = time.monotonic()
            for w in list(self.workers):
                if w.seq is not None and now - w.started >= self.timeout:
                    done[w.seq] = (TIMEOUT, self.timeout)
                    self._replace(w)

    def _receive(self, w, done):
        try:
            if not w.conn.poll():
                raise EOFError
            msg = w.conn.recv()
        except (EOFError, OSError):
            w.proc.join(1)
            code = w.proc.exitcode
            if not w.ready:
                raise CamketError(f"a worker process died while loading the pipeline (exit code {code})") from None
            if w.seq is not None:
                done[w.seq] = (CRASH, f"the worker process died (exit code {code})")
            self._replace(w)
            return
        tag, value = msg
        if tag == "ready":
            w.ready = True
        elif tag == "init_error":
            raise CamketError(f"cannot load the pipeline in a worker: {value}")
        else:
            done[tag] = value
            w.seq = w.started = None


class InlinePool:
    """The same interface run in this process, without time limit (``--timeout 0`` with one job)."""

    def __init__(self, init, initargs, func):
        try:
            self.state = init(*initargs)
        except CamketError:
            raise
        except Exception as exc:
            raise CamketError(f"cannot load the pipeline: {type(exc).__name__}: {exc}") from None
        self.func = func

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def imap(self, tasks):
        for key, payload in tasks:
            try:
                yield key, (OK, self.func(self.state, payload))
            except Exception as exc:
                yield key, (ERROR, f"{type(exc).__name__}: {exc}")
