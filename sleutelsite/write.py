"""Stage 3: the only code that touches the output folder.

The new site is prepared in a hidden sibling folder (`._site.prev`, which holds the site
before last) and swapped in with one atomic rename, so the output folder always holds a
complete site: the old one or the new one, even if the build is killed half way. Only
files whose bytes differ are written, always as a new file renamed into place (files
may be hard links shared with the live site, so nothing is ever changed in place); a file
equal to the live one is hard-linked from it, so its time stays and rsync and CDNs see
only real changes. The build only ever deletes inside folders it made itself (marked).
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
    work = _work_folder(out)
    try:
        written, unchanged = _update(work, out, files)
        _swap(work, out)
    except BaseException:
        if work.name.startswith(f".{out.name}.new-"):
            shutil.rmtree(work, ignore_errors=True)
        raise
    if work.exists() and work != _prev(out):  # keep the old site: the next build starts from it
        if _prev(out).exists():
            shutil.rmtree(work, ignore_errors=True)
        else:
            os.rename(work, _prev(out))
    return WriteStats(written, unchanged)


def _prev(out: Path) -> Path:
    return out.parent / f".{out.name}.prev"


def _work_folder(out: Path) -> Path:
    """The site before last if we have it (most files already right), else a new folder."""
    prev = _prev(out)
    if prev.is_dir() and not prev.is_symlink() and (prev / MARKER).is_file():
        return prev
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    (work / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    os.chmod(work, 0o755)
    return work


def _update(work: Path, out: Path, files: dict[PurePosixPath, bytes | Path]) -> tuple[int, int]:
    """Make `work` hold exactly `files` (plus the marker)."""
    written = unchanged = 0
    wanted = {str(path) for path in files}
    for dirpath, _dirnames, filenames in os.walk(work, topdown=False):
        rel_dir = os.path.relpath(dirpath, work)
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if rel not in wanted and rel != MARKER:
                os.unlink(os.path.join(dirpath, name))
        if rel_dir != "." and not os.listdir(dirpath):
            os.rmdir(dirpath)
    made: set[Path] = set()
    for path in sorted(files):
        data = files[path]
        content = data.read_bytes() if isinstance(data, Path) else data
        target = work / path
        if _same(target, content):
            unchanged += 1
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if target.is_dir() and not target.is_symlink():  # was a folder in the site before last
            shutil.rmtree(target)
        temporary = target.with_name(f".{target.name}.tmp")
        live = out / path
        if _same(live, content):
            os.link(live, temporary)
            unchanged += 1
        else:
            temporary.write_bytes(content)
            os.chmod(temporary, 0o644)
            written += 1
        os.replace(temporary, target)
    return written, unchanged


def _same(file: Path, content: bytes) -> bool:
    try:
        with open(file, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != len(content):
                return False
            return handle.read() == content
    except OSError:
        return False


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
    for leftover in sorted(out.parent.glob(f".{out.name}.*")):
        if leftover == _prev(out) or not (leftover / MARKER).is_file():
            continue
        if leftover.name.startswith(f".{out.name}.old-") and not out.exists():
            os.rename(leftover, out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(new: Path, out: Path) -> None:
    """Put `new` at `out` atomically; the old site ends up at `new` (if there was one)."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    old = out.parent / f".{out.name}.old-swap"
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
