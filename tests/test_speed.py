"""The speed seam: the plan decides, the runner runs; results come back in order, failures
are raised here, and no process is ever left behind or reads another's answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sleutelsite.speed import ForkedRunner, Plan, SerialRunner, make_runner

SHARED = Plan.sharing_everything()


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_shared_map_gives_every_result_in_order_from_other_processes():
    items = list(range(40))
    with make_runner(SHARED) as runner:
        results = runner.map("pages", lambda n: (n, os.getpid(), "x" * 100_000), items)
    assert [n for n, _, _ in results] == items  # more than a pipe holds, in order
    assert {pid for _, pid, _ in results} - {os.getpid()}
    assert no_child_left()


def test_a_map_of_more_items_than_chunk_numbers_fit_in_a_pipe_takes_bigger_chunks():
    with make_runner(SHARED) as runner:
        assert runner.map("pages", lambda n: n * 2, range(20_000)) == [n * 2 for n in range(20_000)]
    assert no_child_left()


def test_a_map_the_plan_finds_too_small_runs_here():
    plan = Plan(workers=2)  # pages are shared from 50
    with make_runner(plan) as runner:
        assert isinstance(runner, ForkedRunner)
        assert {pid for pid in runner.map("pages", lambda n: os.getpid(), range(49))} == {os.getpid()}
    assert isinstance(make_runner(Plan.serial()), SerialRunner)


def test_the_plan_decides_from_the_kind_and_amount_of_work():
    plan = Plan(workers=4)
    assert plan.workers_for("pages", 49) == 1
    assert plan.workers_for("pages", 50) == 4
    assert plan.workers_for("pages", 200) == 4
    assert plan.workers_for("pages", 60) == 4
    assert Plan(workers=4, chunk=100).workers_for("pages", 250) == 3  # no worker without a chunk
    assert plan.workers_for("something unknown", 10**6) == 1
    assert not plan.in_background("signatories", 256 * 1024 - 1)
    assert plan.in_background("signatories", 256 * 1024)
    assert not Plan(workers=1).in_background("signatories", 10**9)
    # A job whose one answer would hold too much at once runs here when asked for.
    assert plan.in_background("share cards", 1999)
    assert not plan.in_background("share cards", 2000)
    assert Plan.sharing_everything().in_background("share cards", 10**6)
    assert Plan.for_machine(1).workers == 1
    assert Plan.for_machine(64).workers == 8


def test_an_error_in_a_worker_is_raised_here_with_its_traceback():
    def fails(n: int) -> int:
        if n == 7:
            raise ValueError("kapot")
        return n

    with make_runner(SHARED) as runner, pytest.raises(ValueError, match="kapot") as info:
        runner.map("pages", fails, range(10))
    assert "pages failed in a worker" in info.value.__notes__[0]
    assert 'raise ValueError("kapot")' in info.value.__notes__[0]
    assert no_child_left()


def test_a_worker_that_dies_without_answering_is_an_error():
    with make_runner(SHARED) as runner, pytest.raises(RuntimeError, match="without an answer"):
        runner.map("pages", lambda n: os._exit(3), range(4))
    assert no_child_left()


def test_a_job_runs_in_another_process_and_its_result_comes_back():
    with make_runner(SHARED) as runner:
        job = runner.start("signatories", lambda: (os.getpid(), list(range(100_000))), size=1)
        pid, numbers = job.result()
        assert job.result() == (pid, numbers)  # asked again: the same value, nothing read
    assert pid != os.getpid() and numbers == list(range(100_000))
    assert no_child_left()
    with make_runner(Plan.serial()) as runner:
        assert runner.start("signatories", os.getpid, size=10**9).result() == os.getpid()


def test_a_job_the_build_needs_only_at_its_end_runs_at_a_lower_priority():
    here = os.getpriority(os.PRIO_PROCESS, 0)
    with make_runner(SHARED) as runner:
        low = runner.start("share cards", lambda: os.getpriority(os.PRIO_PROCESS, 0), size=1)
        normal = runner.start("signatories", lambda: os.getpriority(os.PRIO_PROCESS, 0), size=1)
        assert normal.result() == here
        assert low.result() == min(19, here + Plan().niceness["share cards"])  # (19: the lowest)
    assert os.getpriority(os.PRIO_PROCESS, 0) == here
    niceness = Plan().niceness
    assert niceness["share cards"] > niceness["word files"] > niceness.get("pictures", 0) == 0


def test_a_cancelled_job_leaves_no_process_behind():
    with make_runner(SHARED) as runner:
        job = runner.start("signatories", lambda: time.sleep(30), size=1)
        started = time.monotonic()
        job.cancel()
        assert time.monotonic() - started < 5
        assert no_child_left()
        with pytest.raises(RuntimeError, match="cancelled"):
            job.result()
        forgotten = runner.start("signatories", lambda: time.sleep(30), size=1)
    assert no_child_left()  # the end of the runner cancels what nobody collected
    with pytest.raises(RuntimeError, match="cancelled"):
        forgotten.result()


def test_a_worker_never_collects_or_cancels_a_job_it_inherited():
    """What crashed builds in issue 14: a forked render worker read the answer of a job of
    its parent, so the parent read garbage. A worker drops inherited jobs unread."""
    with make_runner(SHARED) as runner:
        job = runner.start("signatories", lambda: time.sleep(0.5) or "voor de ouder", size=1)

        def meddles(n: int) -> str:
            try:
                job.result()
            except RuntimeError as err:
                job.cancel()  # does nothing here: not this process's job
                return str(err)
            return "read it"

        answers = runner.map("pages", meddles, range(4))
        assert job.result() == "voor de ouder"
    assert all(f"a job belongs to process {os.getpid()}, not to" in answer for answer in answers), answers


class Recorder:
    """A Shared that remembers what each worker did, as the memo does."""

    def __init__(self) -> None:
        self.seen: list[int] = []
        self.forked = False

    def after_fork(self) -> None:
        self.forked, self.seen = True, []

    def changes(self) -> object:
        seen, self.seen = self.seen, []
        return seen

    def merge(self, changes: object) -> None:
        self.seen += changes  # type: ignore[arg-type]


def test_what_workers_add_to_a_shared_memo_comes_back():
    recorder = Recorder()

    def work(n: int) -> int:
        assert recorder.forked
        recorder.seen.append(n)
        return n

    with make_runner(SHARED, [recorder]) as runner:
        assert runner.map("pages", work, range(20)) == list(range(20))
        assert sorted(recorder.seen) == list(range(20))
        runner.start("signatories", lambda: recorder.seen.append(99), size=1).result()
    assert not recorder.forked and sorted(recorder.seen) == [*range(20), 99]


WORKER_OUTLIVES = """
import os, sys, time
sys.path.insert(0, {root!r})
from sleutelsite.speed import Plan, make_runner
runner = make_runner(Plan.sharing_everything())
def work(n):
    with open({pids!r}, "a") as f:
        f.write(f"{{os.getpid()}}\\n")
    time.sleep(60)
runner.map("pages", work, range(2))
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is gone but for its entry
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux only")
def test_a_worker_dies_with_the_process_that_forked_it(tmp_path: Path):
    pids = tmp_path / "pids"
    code = WORKER_OUTLIVES.format(root=str(ROOT), pids=str(pids))
    parent = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(pids.read_text().split() if pids.exists() else []) < 2:
        time.sleep(0.05)
    workers = [int(pid) for pid in pids.read_text().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)
