"""How a worker's answer crosses its pipe: one message, its length then its pickle, and
the error a worker met, sent so that the build process can raise it.

Pickles only ever come from our own forked workers, never from a file.
"""

from __future__ import annotations

import os
import pickle


def failure(what: str, message: object) -> BaseException:
    """The error a worker met (with its traceback as a note), else a RuntimeError."""
    if not (isinstance(message, tuple) and message[0] == "error"):
        return RuntimeError(f"{what}: the process ended without an answer")
    _, text, error = message
    if isinstance(error, Exception):
        error.add_note(f"({what}:)\n{text}")
        return error
    return RuntimeError(f"{what}:\n{text}")


def sendable(error: BaseException) -> BaseException | None:
    """The error itself if it survives pickling, so the build process can raise it."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return None
    return error


def send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    for view in (memoryview(len(data).to_bytes(8, "little")), memoryview(data)):
        while view:
            view = view[os.write(fd, view) :]


def receive(fd: int) -> tuple | None:
    """The next message on a pipe, or None when the other end closed it first."""
    header = _read(fd, 8)
    if len(header) < 8:
        return None
    size = int.from_bytes(header, "little")
    data = _read(fd, size)
    return pickle.loads(data) if len(data) == size else None


def _read(fd: int, size: int) -> bytes:
    parts = []
    while size > 0:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
