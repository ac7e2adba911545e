"""The forked helper: results come back, failures are reported, never swallowed."""

from __future__ import annotations

import os

import pytest

from sleutelsite.background import in_background


def test_the_result_comes_back_from_the_other_process():
    pid, numbers = in_background(lambda: (os.getpid(), list(range(100_000))), "counting").result()
    assert pid != os.getpid()
    assert numbers == list(range(100_000))  # larger than a pipe holds at once


def test_an_error_in_the_other_process_is_raised_here_with_its_traceback():
    def fails():
        raise ValueError("kapot")

    wait = in_background(fails, "the work")
    with pytest.raises(RuntimeError, match=r"the work failed:(.|\n)*ValueError: kapot"):
        wait.result()


def test_a_process_that_dies_without_answering_is_an_error():
    wait = in_background(lambda: os._exit(3), "the work")
    with pytest.raises(RuntimeError, match="without an answer"):
        wait.result()


def test_cancelled_work_leaves_no_process_behind():
    import time

    pending = in_background(lambda: time.sleep(30), "sleeping")
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pending.pid, os.WNOHANG)  # already reaped: no zombie
