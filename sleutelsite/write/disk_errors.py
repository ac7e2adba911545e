"""When the disk says no: a full disk, a read-only one, no permission. Those are the
editor's to fix (or the computer's), not a bug in build.py, so they become a Problem that
names the path and the cause, with a hint."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sleutelsite.errors import Problem, problem

CODES = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_quota",
    errno.EROFS: "disk_read_only",
    errno.EACCES: "disk_no_permission",
    errno.EPERM: "disk_no_permission",
    errno.ENOENT: "disk_missing",
    errno.ENOTDIR: "disk_missing",
    errno.EIO: "disk_broken",
}


def disk_problem(err: OSError, project: Path, out: Path | None = None) -> Problem | None:
    """The problem for `err`, or None when it is not about the disk (then it is a bug)."""
    number = err.errno
    code = CODES.get(number) if number is not None else None
    if code is None or number is None:
        return None
    where = _shown(err.filename, project, out)
    detail = err.strerror or os.strerror(number)
    return problem(where, 0, code, detail=detail)


def _shown(filename: str | bytes | None, project: Path, out: Path | None) -> str:
    """The path as an editor knows it: relative to the project, and a file in the hidden
    folder a build makes the new site in (`._site.new-...`) as the output folder itself."""
    if filename is None:
        return str(out) if out is not None else "."
    path = Path(os.path.abspath(os.fsdecode(filename)))
    if out is not None:
        out = Path(os.path.abspath(out))
        if path.is_relative_to(out.parent) and path != out.parent:
            first, *rest = path.relative_to(out.parent).parts
            if first.startswith(f".{out.name}."):
                path = out.joinpath(*rest)
    project = Path(os.path.abspath(project))
    if path.is_relative_to(project) and path != project:
        return path.relative_to(project).as_posix()
    return str(path)
