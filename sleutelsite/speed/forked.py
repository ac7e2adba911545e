"""The ForkedRunner: a map shared over forked worker processes, and jobs started in one.

It forks plain os.fork processes (cheaper to start than multiprocessing, and a forked
process may fork again), which inherit everything they need and send back only their
results, through a pipe, pickled (pipe.py).

Every process of ours keeps these rules:

- A worker dies with the process that forked it (Linux PR_SET_PDEATHSIG, and a check
  of getppid after setting it, in case that process died first): a build killed with
  SIGKILL leaves no process behind.
- A job belongs to the process that started it: only that process collects or cancels
  it. A forked worker drops the jobs and pipes it inherited, unread.
- `map` returns only when every worker is done and waited for; on any failure the
  others are killed and waited for too. A runner's `close` (the end of the `with`)
  cancels the jobs that were never collected.
- A worker never writes the cache: what it adds to the memo comes back with its
  results (`Shared`), and the build process keeps it.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Sequence

from sleutelsite.speed import pipe
from sleutelsite.speed.plan import Plan
from sleutelsite.speed.runner import Job, R, SerialRunner, Shared, T, _Later

_MAX_CHUNKS = (
    1024  # chunk numbers, 4 bytes each, must fit in a pipe before any worker reads (Linux: 4 KiB at least)
)
_PR_SET_PDEATHSIG = 1


class _Forked(Job[R]):
    """A job running in a forked process."""

    def __init__(self, runner: ForkedRunner, kind: str, pid: int, read_end: int) -> None:
        self.runner, self.kind, self.pid, self.read_end = runner, kind, pid, read_end
        self.owner = os.getpid()
        self.done = False
        self._value: tuple[R] | None = None

    def result(self) -> R:
        if self._value is not None:
            return self._value[0]
        self._check_owner()
        if self.done:
            raise RuntimeError(f"{self.kind}: the job was cancelled")
        try:
            message = pipe.receive(self.read_end)
        except BaseException:  # interrupted while waiting: stop it, so that the wait below ends
            _kill(self.pid)
            raise
        finally:
            self._finish()
        if message is None or message[0] != "ok":
            raise pipe.failure(f"{self.kind} failed in another process", message)
        _, value, changes = message
        self.runner.merge(changes)
        self._value = (value,)
        return value

    def cancel(self) -> None:
        """Stop it: no process left behind. In any process but its owner, nothing happens."""
        if self.done or os.getpid() != self.owner:
            return
        _kill(self.pid)
        self._finish()

    def drop(self) -> None:
        """In a forked worker that inherited this job: let go of its pipe, unread."""
        if not self.done:
            self.done = True
            os.close(self.read_end)

    def _check_owner(self) -> None:
        if os.getpid() != self.owner:
            raise RuntimeError(f"{self.kind}: a job belongs to process {self.owner}, not to {os.getpid()}")

    def _finish(self) -> None:
        if not self.done:
            self.done = True
            os.close(self.read_end)
            os.waitpid(self.pid, 0)
            self.runner.forget(self)


class ForkedRunner(SerialRunner):
    """Shares a map over forked worker processes, and starts jobs in one, where the plan
    says it pays; anything smaller runs here as in a SerialRunner."""

    def __init__(self, plan: Plan, shared: Sequence[Shared] = ()) -> None:
        super().__init__(plan, shared)
        self._jobs: list[_Forked] = []  # started by this process and not yet collected
        self._pipes: list[int] = []  # read ends of the map under way
        self._prctl: Callable[..., int] | bool | None = False  # looked up at the first fork

    def map(self, kind: str, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        workers = self.plan.workers_for(kind, len(items))
        if workers < 2:
            return [fn(item) for item in items]
        chunk = max(self.plan.chunk, -(-len(items) // _MAX_CHUNKS))
        tasks, pending = os.pipe()
        os.write(pending, b"".join(n.to_bytes(4, "little") for n in range(0, len(items), chunk)))
        os.close(pending)  # the workers read numbers until there are none left

        def work(send: int) -> None:
            while number := os.read(tasks, 4):
                start = int.from_bytes(number, "little")
                results = [fn(item) for item in items[start : start + chunk]]
                pipe.send(send, ("ok", start, results, self._changes()))

        children = []
        try:
            for _ in range(workers):
                children.append(self._fork(work))
                self._pipes.append(children[-1][1])  # a later worker closes it: it is ours
        except BaseException:
            for pid, read_end in children:
                _kill(pid)
                self._reap(kind, read_end, pid, None, quiet=True)
            raise
        finally:
            os.close(tasks)
        return self._collect(kind, children, len(items))

    def start(self, kind: str, work: Callable[[], R], size: int = 0) -> Job[R]:
        if not self.plan.in_background(kind, size):
            return _Later(work)

        niceness = self.plan.niceness.get(kind, 0)

        def answer(send: int) -> None:
            if niceness:  # (its own workers inherit it)
                os.nice(niceness)
            pipe.send(send, ("ok", work(), self._changes()))

        pid, read_end = self._fork(answer)
        job: _Forked[R] = _Forked(self, kind, pid, read_end)
        self._jobs.append(job)
        return job

    def close(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def merge(self, changes: Sequence[object]) -> None:
        for shared, change in zip(self.shared, changes, strict=True):
            shared.merge(change)

    def forget(self, job: _Forked) -> None:
        if job in self._jobs:
            self._jobs.remove(job)

    def _changes(self) -> list[object]:
        return [shared.changes() for shared in self.shared]

    def _fork(self, work: Callable[[int], None]) -> tuple[int, int]:
        """A new worker doing work(write end of its pipe); returns (pid, read end)."""
        if self._prctl is False:
            self._prctl = _prctl()  # here, once: not again in every worker
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                os.close(read_end)
                self._become_worker(parent)
                try:
                    work(write_end)
                    status = 0
                except BaseException as err:
                    pipe.send(write_end, ("error", traceback.format_exc(), pipe.sendable(err)))
            finally:
                os._exit(status)  # never this process's exit handlers, nor its buffered output
        os.close(write_end)
        return pid, read_end

    def _become_worker(self, parent: int) -> None:
        if callable(self._prctl):
            self._prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # it died before the line above: nobody waits for us
            os._exit(1)
        for job in self._jobs:
            job.drop()  # the parent's, not ours
        self._jobs = []
        for read_end in self._pipes:
            os.close(read_end)  # other workers' answers are for the parent
        self._pipes = []
        for shared in self.shared:
            shared.after_fork()

    def _collect(self, kind: str, children: list[tuple[int, int]], count: int) -> list:
        """Every worker's results in order; on any failure every worker is killed."""
        import selectors  # only where work is shared: a build that shares nothing never needs it

        results: list = [_MISSING] * count
        running = dict((read_end, pid) for pid, read_end in children)
        try:
            with selectors.DefaultSelector() as selector:
                for read_end in running:
                    selector.register(read_end, selectors.EVENT_READ)
                while running:
                    for ready, _ in selector.select():
                        read_end = ready.fd
                        message = pipe.receive(read_end)
                        if message is not None and message[0] == "ok":
                            _, start, done, changes = message
                            results[start : start + len(done)] = done
                            self.merge(changes)
                            continue
                        selector.unregister(read_end)
                        self._reap(kind, read_end, running.pop(read_end), message)
        except BaseException:
            for read_end, pid in running.items():
                _kill(pid)
                self._reap(kind, read_end, pid, None, quiet=True)
            raise
        if any(result is _MISSING for result in results):
            raise RuntimeError(f"{kind}: a worker ended without an answer")
        return results

    def _reap(self, kind: str, read_end: int, pid: int, message: object, quiet: bool = False) -> None:
        os.close(read_end)
        if read_end in self._pipes:
            self._pipes.remove(read_end)
        _, status = os.waitpid(pid, 0)
        if not quiet and (message is not None or status != 0):
            raise pipe.failure(f"{kind} failed in a worker", message)


_MISSING = object()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _prctl() -> Callable[..., int] | None:
    """Linux's prctl, through the C library this process already uses (None elsewhere)."""
    import ctypes  # only where work is shared

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    except OSError:
        return None
