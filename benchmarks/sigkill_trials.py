"""SIGKILL a cold build while its forked processes work: is any process of ours left?

    python benchmarks/sigkill_trials.py [--trials 20] [--stories 400]

Generates a project (benchmarks/generate.py), then per trial starts a cold `build.py`,
waits until it has forked (the early Markdown process or the render workers), kills the
build with SIGKILL and looks, after a moment, for any of the processes it had made.
Prints one line per trial and a total.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc (Linux)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for its (new) parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def trial(project: Path, out: Path, delay: float) -> tuple[int, int]:
    """(processes seen below the build, processes still alive 2 s after the kill)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)  # a cold build that writes its cache
    build = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while not seen and build.poll() is None and time.monotonic() < deadline:
        seen = descendants(build.pid)
        time.sleep(0.005)
    until = time.monotonic() + delay
    while time.monotonic() < until and build.poll() is None:  # the render workers come later
        seen |= descendants(build.pid)
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    time.sleep(2)
    return len(seen), sum(alive(pid) for pid in seen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--stories", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(project), "--stories",
             str(args.stories), "--signatories", "100"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        started = time.monotonic()  # one whole cold build, to spread the kills over its time
        shutil.rmtree(project / ".cache", ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out",
                        str(Path(folder) / "out")], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        duration = time.monotonic() - started
        left_in_all = 0
        for number in range(args.trials):
            seen, left = trial(project, Path(folder) / "out", delay=duration * (number % 10 + 0.5) / 10)
            left_in_all += left
            print(f"trial {number + 1}: {seen} processes made, {left} left after SIGKILL")
        print(f"{args.trials} trials: {left_in_all} processes left in all")
    return 1 if left_in_all else 0


if __name__ == "__main__":
    sys.exit(main())
