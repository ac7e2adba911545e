"""The output folder and the hidden folders beside it: which folder a build may replace,
the folder the next site is made in, the atomic swap, and the repair after a killed build.

Beside `_site/` only folders marked as ours (MARKER) are ever used, and only they are
ever deleted: `._site.prev` (the site before last, where the next site is made),
`._site.new-*` (a new one, when there is no site before last) and `._site.old-swap` (for
an instant during a swap where the system cannot exchange two folders at once).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sleutelsite.errors import BuildError, problem

MARKER = ".sleutelsite-output"
MARKER_TEXT = "This folder is made by build.py and replaced on every build.\n"


def check_output_folder(out: Path, project: Path) -> None:
    """Refuse any folder whose loss would hurt: the project, its sources, home, /."""
    real = out.resolve()
    project = project.resolve()
    home = Path.home().resolve()
    protected = {Path("/"), home, project} | {project / d for d in ("content", "templates", "static")}
    code = ""
    if out.is_symlink():
        code = "out_symlink"
    elif real in protected or real in project.parents or project.is_relative_to(real):
        code = "out_protected"
    elif any(real.is_relative_to(project / d) for d in ("content", "templates", "static", ".git")):
        code = "out_inside_sources"
    elif real.exists() and not real.is_dir():
        code = "out_not_folder"
    elif real.is_dir() and any(real.iterdir()) and not (real / MARKER).is_file():
        code = "out_not_ours"
    if code:
        raise BuildError([problem(str(out), 0, code, out=str(out), marker=MARKER)])


def prev_folder(out: Path) -> Path:
    """Where the site before last is kept: `._site.prev` beside `_site/`."""
    return out.parent / f".{out.name}.prev"


def work_folder(out: Path) -> Path:
    """The site before last if we have it (most files already right), else a new folder."""
    prev = prev_folder(out)
    if prev.is_dir() and not prev.is_symlink() and (prev / MARKER).is_file():
        return prev
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    (work / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    os.chmod(work, 0o755)
    return work


def recover(out: Path) -> None:
    """Clean up after a build that was killed: restore or remove our own folders."""
    for leftover in sorted(out.parent.glob(f".{out.name}.*")):
        if leftover == prev_folder(out) or not (leftover / MARKER).is_file():
            continue
        if leftover.name.startswith(f".{out.name}.old-") and not out.exists():
            os.rename(leftover, out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def swap(new: Path, out: Path) -> None:
    """Put `new` at `out` atomically; the old site ends up at `new` (if there was one)."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    old = out.parent / f".{out.name}.old-swap"
    os.rename(out, old)  # a kill between these two renames is repaired by recover
    os.rename(new, out)
    os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    import ctypes  # only when a site is replaced

    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the C library this process already uses
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
