"""The forked helper: results come back, failures are reported, never swallowed."""

from __future__ import annotations

import os

import pytest

from sleutelsite.background import in_background


def test_the_result_comes_back_from_the_other_process():
    wait = in_background(lambda: (os.getpid(), list(range(100_000))), "counting")
    pid, numbers = wait()
    assert pid != os.getpid()
    assert numbers == list(range(100_000))  # larger than a pipe holds at once


def test_an_error_in_the_other_process_is_raised_here_with_its_traceback():
    def fails():
        raise ValueError("kapot")

    wait = in_background(fails, "the work")
    with pytest.raises(RuntimeError, match=r"the work failed:(.|\n)*ValueError: kapot"):
        wait()


def test_a_process_that_dies_without_answering_is_an_error():
    wait = in_background(lambda: os._exit(3), "the work")
    with pytest.raises(RuntimeError, match="without an answer"):
        wait()
