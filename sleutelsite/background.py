"""Run a pure piece of work in a forked process while this one goes on.

Plain os.fork and a pipe rather than multiprocessing: cheaper to start, and a forked
process may fork again (multiprocessing forbids children of its daemon processes),
which lets a long signatory list be read by two processes while content/ is read.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def die_with_parent(parent: int) -> None:
    """In a forked process: be killed when `parent` dies, even by SIGKILL (Linux prctl
    PR_SET_PDEATHSIG), so no process of a killed build lives on holding the cache open.
    Where the parent died before this was set, leave at once."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: a killed build may leave its workers
        pass
    if os.getppid() != parent:
        os._exit(1)


def can_fork() -> bool:
    """Whether work can go to another process on another core."""
    return cores() > 1 and hasattr(os, "fork")


class Pending:
    """Work running in a forked process: `result()` waits for it, `cancel()` stops it."""

    def __init__(self, pid: int, read_end: int, what: str) -> None:
        self.pid, self.read_end, self.what = pid, read_end, what
        self.done = False

    def result(self) -> object:
        try:
            with os.fdopen(self.read_end, "rb") as received:
                status, payload = pickle.load(received)
        except EOFError:
            status, payload = "error", "the process ended without an answer"
        finally:
            self._reap()
        if status != "ok":
            raise RuntimeError(f"{self.what} failed:\n{payload}")
        return payload

    def cancel(self) -> None:
        """When its result is no longer wanted (the build failed): no process left behind."""
        if self.done:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.read_end)
        self._reap()

    def _reap(self) -> None:
        if not self.done:
            self.done = True
            os.waitpid(self.pid, 0)


def in_background(work: Callable[[], object], what: str) -> Pending:
    """Start `work` in a forked process and go on; `.result()` waits for its value.

    `work` must not touch what the processes share (the cache's database, the output
    folder): it computes and returns a picklable value, nothing else.
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the new process: work, send, and leave without running this one's exit code
        status = 1
        try:
            die_with_parent(parent)
            os.close(read_end)
            try:
                payload: tuple[str, object] = ("ok", work())
            except BaseException:
                payload = ("error", traceback.format_exc())
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return Pending(pid, read_end, what)
