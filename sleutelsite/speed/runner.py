"""How a build's work is run: here in order, or shared over forked processes.

The stages hand their work to a runner and never fork themselves:

    pages = runner.map("pages", render_one, jobs)           # a list, in the order of jobs
    signatories = runner.start("signatories", parse, size)  # a Job; .result() waits for it

A SerialRunner (here) does all of it in this process. A ForkedRunner (forked.py) asks its
Plan whether the work is worth sharing; if so it forks worker processes, which inherit
everything they need and send back only their results; anything smaller it runs as a
SerialRunner does. `make_runner` picks one for the plan: stages see only this interface.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from sleutelsite.speed.plan import Plan

T = TypeVar("T")
R = TypeVar("R")


class Shared(Protocol):
    """Something a worker changes that the build process must know about (the memo)."""

    def after_fork(self) -> None:
        """In a new worker, before any work."""

    def changes(self) -> object:
        """In a worker: what it added since it was forked or last asked (picklable)."""

    def merge(self, changes: object) -> None:
        """In the build process: take a worker's changes."""


class Job(Generic[R]):
    """Work started meanwhile: `result()` waits for its value, `cancel()` stops it."""

    def result(self) -> R:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError


class _Later(Job[R]):
    """A job this process does itself, when its result is first asked for."""

    def __init__(self, work: Callable[[], R]) -> None:
        self._work: Callable[[], R] | None = work
        self._value: tuple[R] | None = None

    def result(self) -> R:
        if self._value is None:
            if self._work is None:
                raise RuntimeError("the job was cancelled")
            work, self._work = self._work, None
            self._value = (work(),)
        return self._value[0]

    def cancel(self) -> None:
        self._work = None


class SerialRunner:
    """Everything in this process, in order."""

    def __init__(self, plan: Plan | None = None, shared: Sequence[Shared] = ()) -> None:
        self.plan = plan or Plan.serial()
        self.shared = tuple(shared)

    def map(self, kind: str, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """fn(item) for every item, in order. `kind` names the work for the plan."""
        return [fn(item) for item in items]

    def start(self, kind: str, work: Callable[[], R], size: int = 0) -> Job[R]:
        """work(), to be asked for later with `.result()`. `size`: its input, for the plan."""
        return _Later(work)

    def packs(self, kind: str, count: int) -> bool:
        """Whether `count` results of this kind are held compressed (model.Packed)."""
        return self.plan.packs(kind, count)

    def close(self) -> None:
        """Cancel every job started here and never collected."""

    def __enter__(self) -> SerialRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_runner(plan: Plan, shared: Sequence[Shared] = ()) -> SerialRunner:
    """The runner for a plan: forked workers where there are cores for them."""
    from sleutelsite.speed.forked import ForkedRunner  # (a SerialRunner that shares its work)

    return ForkedRunner(plan, shared) if plan.workers >= 2 else SerialRunner(plan, shared)
