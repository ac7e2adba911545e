"""Stage 3: the only code that touches the output folder.

The new site is written into a hidden sibling folder and swapped in with one
atomic rename, so the output folder always holds a complete site: the old one
or the new one, even if the build is killed half way. Files whose bytes did not
change are hard-linked from the old site, so their times stay (rsync and CDNs
see only real changes). The build only ever deletes folders it made itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError, problem

MARKER = ".sleutelsite-output"
MARKER_TEXT = "This folder is made by build.py and replaced on every build.\n"


@dataclass(frozen=True)
class WriteStats:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept from the previous site


def write_site(files: dict[PurePosixPath, bytes | Path], out: Path, project: Path) -> WriteStats:
    out = Path(os.path.abspath(out))
    check_output_folder(out, project)
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(new, 0o755)
        written = unchanged = 0
        made: set[Path] = set()
        for path in sorted(files):
            dest = new / path
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            if _keep_old(files[path], out / path, dest):
                unchanged += 1
                continue
            data = files[path]
            if isinstance(data, Path):
                shutil.copyfile(data, dest)
            else:
                dest.write_bytes(data)
            os.chmod(dest, 0o644)
            written += 1
        _swap(new, out)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if new.exists():  # after the swap it holds the previous site
        shutil.rmtree(new, ignore_errors=True)
    return WriteStats(written, unchanged)


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


def _keep_old(data: bytes | Path, old: Path, dest: Path) -> bool:
    """Hard-link the previous file when its bytes are the same."""
    try:
        stat = old.stat()
    except OSError:
        return False
    if isinstance(data, Path):
        if stat.st_size != data.stat().st_size or old.read_bytes() != data.read_bytes():
            return False
    elif stat.st_size != len(data) or old.read_bytes() != data:
        return False
    try:
        os.link(old, dest)
    except OSError:
        return False
    return True


def _recover(out: Path) -> None:
    """Clean up after a build that was killed: restore or remove our own folders."""
    for leftover in sorted(out.parent.glob(f".{out.name}.*-*")):
        if not (leftover / MARKER).is_file():
            continue
        if leftover.name.startswith(f".{out.name}.old-") and not out.exists():
            os.rename(leftover, out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(new: Path, out: Path) -> None:
    """Put `new` at `out` atomically; the old site ends up at `new`."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    old = out.parent / f".{out.name}.old-{new.name.rsplit('-', 1)[-1]}"
    os.rename(out, old)  # a kill between these two renames is repaired by _recover
    os.rename(new, out)
    os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
