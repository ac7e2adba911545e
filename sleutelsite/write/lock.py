"""One build at a time per output folder.

Two builds into the same folder (an editor's `serve --out _site` and a `make site`) would
share the hidden folders beside it (`._site.prev`, `._site.new-*`) and clear away each
other's work. So a build holds a lock beside the folder, `._site.lock`, from before it
makes anything there until its new site is swapped in. The lock is flock(2): the kernel
lets go of it when the process ends, however it ends, so a killed build never leaves a
lock behind (the file stays and names the last holder; it means nothing while nobody
holds it). A second build waits up to WAIT_S seconds for the first, then stops with a
message that names the other process and what to do.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from sleutelsite.errors import BuildError, problem
from sleutelsite.write import check_output_folder

WAIT_S = 5.0  # a preview's rebuild or a small site's build is over by then
_POLL_S = 0.05


def lock_file(out: Path) -> Path:
    """`._site.lock` beside `_site`, the same file however the folder is spelled."""
    out = Path(os.path.abspath(out))
    return Path(os.path.realpath(out.parent)) / f".{out.name}.lock"


def _take(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> tuple[str, str]:
    """(pid, command) that the holder wrote; a holder that has only just got the lock
    may not have written them yet."""
    text = os.pread(fd, 1000, 0).decode("utf-8", "replace")
    pid, _, command = text.partition("\n")
    return (pid.strip() or "?"), (command.strip() or "?")


class OutputLock:
    """Held from creation until `release` (or the end of a `with` block)."""

    def __init__(self, out: Path, project: Path, wait: float | None = None) -> None:
        check_output_folder(Path(os.path.abspath(out)), project)  # before anything is made beside it
        path = lock_file(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        self._fd: int | None = fd
        wait = WAIT_S if wait is None else wait
        deadline = time.monotonic() + wait
        try:
            while not _take(fd):
                if time.monotonic() >= deadline:
                    pid, command = _holder(fd)
                    where = str(out)
                    raise BuildError(
                        [
                            problem(
                                where, 0, "out_busy", out=where, pid=pid, command=command, seconds=f"{wait:g}"
                            )
                        ]
                    )
                time.sleep(_POLL_S)
        except BaseException:
            self.release()
            raise
        holder = f"{os.getpid()}\n{_command()}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, holder, 0)

    def release(self) -> None:
        """Let go (also for render processes forked meanwhile, which share the lock)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _command() -> str:
    """What this process is, as the other build's message shows it: `build.py serve`."""
    argv = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    return " ".join(argv)[:300].replace("\n", " ")
