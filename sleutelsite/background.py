"""Run a pure piece of work in a forked process while this one goes on.

Plain os.fork and a pipe rather than multiprocessing: cheaper to start, and a forked
process may fork again (multiprocessing forbids children of its daemon processes),
which lets a long signatory list be read by two processes while content/ is read.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable


def can_fork() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return cores > 1 and hasattr(os, "fork")


def in_background(work: Callable[[], object], what: str) -> Callable[[], object]:
    """Start `work` in a forked process; the returned function waits for its result.

    `work` must not touch what the processes share (the cache's database, the output
    folder): it computes and returns a picklable value, nothing else.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the new process: work, send, and leave without running this one's exit code
        status = 1
        try:
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

    def wait() -> object:
        try:
            with os.fdopen(read_end, "rb") as received:
                status, payload = pickle.load(received)
        except EOFError:
            status, payload = "error", "the process ended without an answer"
        finally:
            os.waitpid(pid, 0)
        if status != "ok":
            raise RuntimeError(f"{what} failed:\n{payload}")
        return payload

    return wait
