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

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sleutelsite.errors import BuildError, problem

MARKER = ".sleutelsite-output"
MARKER_TEXT = "This folder is made by build.py and replaced on every build.\n"


@dataclass(frozen=True)
class WriteStats:
    written: int  # files whose bytes are new or changed
    unchanged: int  # files kept from the previous site


class TreeMemory:
    """What a long-running preview wrote into its two trees, to compare without reading.

    A file counts as known only while its inode, size and modification time are exactly
    those recorded when it was written; anything else is read and compared as usual.
    """

    def __init__(self) -> None:
        self.trees: dict[str, dict[str, tuple[tuple[int, int, int], bytes]]] = {}
        self.complete: set[str] = set()  # trees whose every file is in `trees`

    def moved(self, old: Path, new: Path) -> None:
        self.trees[str(new)] = self.trees.pop(str(old), {})
        self.complete.discard(str(new))
        if str(old) in self.complete:
            self.complete.discard(str(old))
            self.complete.add(str(new))

    def swap(self, a: Path, b: Path) -> None:
        self.trees[str(a)], self.trees[str(b)] = self.trees.get(str(b), {}), self.trees.get(str(a), {})
        flags = {str(a): str(b) in self.complete, str(b): str(a) in self.complete}
        self.complete = {tree for tree in self.complete if tree not in flags} | {
            t for t, f in flags.items() if f
        }


def write_site(
    files: dict[PurePosixPath, bytes | Path], out: Path, project: Path, memory: TreeMemory | None = None
) -> WriteStats:
    staging = Staging(out, project, memory)
    try:
        return staging.finish(files)
    except BaseException:
        staging.abandon()
        raise


class Staging:
    """The folder the next site is made in: the site before last (most files already
    right), else a new hidden folder. `finish` writes the files, removes what is no
    longer wanted and swaps the folder in. Until then the live site is untouched."""

    def __init__(self, out: Path, project: Path, memory: TreeMemory | None = None) -> None:
        self.out = Path(os.path.abspath(out))
        check_output_folder(self.out, project)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _recover(self.out)
        self.work = _work_folder(self.out)
        self.fresh = self.work.name.startswith(f".{self.out.name}.new-")  # empty but for the marker
        self.memory = memory
        self._live = self.out.is_dir()  # else no file can be linked from the live site
        mask = os.umask(0o022)
        os.umask(mask)
        self._chmod = bool(mask & 0o644)  # only when the umask would take bits from 0644
        self._folders: set[str] = set()  # made already

    def place(self, path: PurePosixPath, content: bytes) -> tuple[str, tuple[int, int, int]]:
        """Put one file in place; returns (outcome, stamp). (Paths as strings: a build
        places thousands of files, the preview as many on every save.)"""
        rel = str(path)
        target = os.path.join(self.work, rel)
        known_work, known_live = self._known()
        if not self.fresh and _same(target, content, known_work, rel):
            return "same", (0, 0, 0)
        self._make_parent(target, path)
        was_folder = (
            not self.fresh and os.path.isdir(target) and not os.path.islink(target)
        )  # in the site before last
        if was_folder:
            shutil.rmtree(target)
        live = os.path.join(self.out, rel)
        folder, name = os.path.split(target)
        temporary = target if self.fresh else os.path.join(folder, f".{name}.tmp")
        if self._live and _same(live, content, known_live, rel):
            os.link(live, temporary)
            outcome = "linked"
        else:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                if self._chmod:
                    os.fchmod(handle, 0o644)
                view = memoryview(content)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
            outcome = "written"
        if temporary != target:
            os.replace(temporary, target)
        stamp = _stamp(os.stat(target)) if self.memory is not None else (0, 0, 0)
        return outcome + ("+folder" if was_folder else ""), stamp

    def _known(self):
        if self.memory is None:
            return None, None
        return self.memory.trees.setdefault(str(self.work), {}), self.memory.trees.get(str(self.out), {})

    def _make_parent(self, target: str, path: PurePosixPath) -> None:
        folder = os.path.dirname(target)
        if folder in self._folders:
            return
        try:
            os.makedirs(folder, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # In the site before last a file (or link) stands where a folder must go now.
            step = self.work
            for part in path.parent.parts:
                step = step / part
                if step.is_symlink() or (step.exists() and not step.is_dir()):
                    step.unlink(missing_ok=True)
            os.makedirs(folder, exist_ok=True)
        self._folders.add(folder)

    def finish(self, files: dict[PurePosixPath, bytes | Path]) -> WriteStats:
        """Make the folder hold exactly `files` (plus the marker) and swap it in."""
        written, unchanged = self._update(files)
        work, out, memory = self.work, self.out, self.memory
        _swap(work, out)
        if memory is not None:
            memory.swap(work, out)
        if work.exists() and work != _prev(out):  # keep the old site: the next build starts from it
            if _prev(out).exists():
                shutil.rmtree(work, ignore_errors=True)
            else:
                os.rename(work, _prev(out))
                if memory is not None:
                    memory.moved(work, _prev(out))
        return WriteStats(written, unchanged)

    def abandon(self) -> None:
        """After a failed build: a new folder goes; the site before last stays for the next."""
        if self.fresh:
            shutil.rmtree(self.work, ignore_errors=True)

    def _update(self, files: dict[PurePosixPath, bytes | Path]) -> tuple[int, int]:
        """Remove what is no longer wanted, then put every file in place: (written, unchanged)."""
        known_work = self._remove_unwanted({str(path) for path in files})
        written = unchanged = 0
        for path in sorted(files):
            data = files[path]
            content = data.read_bytes() if isinstance(data, Path) else data
            outcome, stamp = self.place(path, content)
            if outcome.startswith("written"):
                written += 1
            else:
                unchanged += 1
            if outcome != "same" and known_work is not None:
                _remember(known_work, str(path), outcome, stamp, content)
        if self.memory is not None and known_work is not None and set(known_work) == set(map(str, files)):
            self.memory.complete.add(str(self.work))
        return written, unchanged

    def _remove_unwanted(self, wanted: set[str]) -> dict | None:
        """Delete the files of the site before last that are not wanted now; returns what
        the preview's memory knows of the folder (None in a build)."""
        work, memory = self.work, self.memory
        known_work, _ = self._known()
        if self.fresh:
            pass  # nothing there but the marker
        elif memory is not None and known_work is not None and str(work) in memory.complete:
            _remove_known_extras(work, known_work, wanted)  # we wrote every file there: no need to look
        else:
            _remove_extras(work, wanted)
            if known_work is not None:  # forget what is gone
                for rel in [rel for rel in known_work if rel not in wanted]:
                    del known_work[rel]
        return known_work


def _remember(known: dict, rel: str, outcome: str, stamp: tuple[int, int, int], content: bytes) -> None:
    """What the preview's memory keeps of a file it put in place."""
    if outcome.endswith("+folder"):  # a folder that became a file: forget what was in it
        for inner in [k for k in known if k.startswith(rel + "/")]:
            del known[inner]
    known[rel] = (stamp, content)


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


def _remove_extras(work: Path, wanted: set[str]) -> None:
    for dirpath, _dirnames, filenames in os.walk(work, topdown=False):
        rel_dir = os.path.relpath(dirpath, work)
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if rel not in wanted and rel != MARKER:
                os.unlink(os.path.join(dirpath, name))
        if rel_dir != "." and not os.listdir(dirpath):
            os.rmdir(dirpath)


def _remove_known_extras(work: Path, known: dict, wanted: set[str]) -> None:
    for rel in [rel for rel in known if rel not in wanted]:
        del known[rel]
        file = work / rel
        file.unlink(missing_ok=True)
        parent = file.parent
        while parent != work and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _same(file: Path | str, content: bytes, known: dict | None = None, rel: str = "") -> bool:
    if known is not None and rel in known:
        try:
            stamp = _stamp(os.stat(file))
        except OSError:
            return False
        recorded_stamp, recorded = known[rel]
        if stamp == recorded_stamp:
            return recorded == content
    try:
        with open(file, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != len(content):
                return False
            same = handle.read() == content
    except OSError:
        return False
    if same and known is not None:
        known[rel] = (_stamp(os.stat(file)), content)
    return same


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
