"""Where the next site is made: `Staging` puts each file in place in the folder of the
site before last (or a new one), removes what is no longer wanted and swaps the folder in
(folders.py). `TreeMemory` is the preview's record of what it wrote, so that a rebuild
compares a file without reading it again.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sleutelsite.model import Packed
from sleutelsite.write.folders import MARKER, check_output_folder, prev_folder, recover, swap, work_folder


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


class Staging:
    """The folder the next site is made in: the site before last (most files already
    right), else a new hidden folder. `finish` writes the files, removes what is no
    longer wanted and swaps the folder in. Until then the live site is untouched."""

    def __init__(self, out: Path, project: Path, memory: TreeMemory | None = None) -> None:
        self.out = Path(os.path.abspath(out))
        check_output_folder(self.out, project)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)
        self.work = work_folder(self.out)
        self.fresh = self.work.name.startswith(f".{self.out.name}.new-")  # empty but for the marker
        self.memory = memory
        self._live = self.out.is_dir()  # else no file can be linked from the live site
        mask = os.umask(0o022)
        os.umask(mask)
        self._chmod = bool(mask & 0o644)  # only when the umask would take bits from 0644
        self._folders: set[str] = set()  # made already
        self._work_prefix = os.path.join(self.work, "")  # (paths as strings: see place)
        self._live_prefix = os.path.join(self.out, "")

    def place(
        self, rel: str, content: bytes, known: tuple[dict | None, dict | None]
    ) -> tuple[str, tuple[int, int, int]]:
        """Put one file (its path relative to the site, as a string: a build places
        thousands of files, the preview as many on every save) in place; returns
        (outcome, stamp). `known`: what the preview's memory holds of the two trees."""
        known_work, known_live = known
        target = self._work_prefix + rel
        if not self.fresh and _same(target, content, known_work, rel):
            return "same", (0, 0, 0)
        self._make_parent(target, rel)
        was_folder = (
            not self.fresh and os.path.isdir(target) and not os.path.islink(target)
        )  # in the site before last
        if was_folder:
            shutil.rmtree(target)
        live = self._live_prefix + rel
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

    def _make_parent(self, target: str, rel: str) -> None:
        folder = os.path.dirname(target)
        if folder in self._folders:
            return
        try:
            os.makedirs(folder, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # In the site before last a file (or link) stands where a folder must go now.
            step = self.work
            for part in rel.split("/")[:-1]:
                step = step / part
                if step.is_symlink() or (step.exists() and not step.is_dir()):
                    step.unlink(missing_ok=True)
            os.makedirs(folder, exist_ok=True)
        self._folders.add(folder)

    def finish(self, files: dict[PurePosixPath, bytes | Packed | Path]) -> WriteStats:
        """Make the folder hold exactly `files` (plus the marker) and swap it in."""
        written, unchanged = self._update(files)
        work, out, memory = self.work, self.out, self.memory
        swap(work, out)
        if memory is not None:
            memory.swap(work, out)
        if work.exists() and work != prev_folder(out):  # keep the old site: the next build starts from it
            if prev_folder(out).exists():
                shutil.rmtree(work, ignore_errors=True)
            else:
                os.rename(work, prev_folder(out))
                if memory is not None:
                    memory.moved(work, prev_folder(out))
        return WriteStats(written, unchanged)

    def abandon(self) -> None:
        """After a failed build: a new folder goes; the site before last stays for the next."""
        if self.fresh:
            shutil.rmtree(self.work, ignore_errors=True)

    def _update(self, files: dict[PurePosixPath, bytes | Packed | Path]) -> tuple[int, int]:
        """Remove what is no longer wanted, then put every file in place: (written, unchanged)."""
        rels = {path: str(path) for path in files}
        wanted = set(rels.values())
        known_work = self._remove_unwanted(wanted)
        known = self._known()
        written = unchanged = 0
        for path in sorted(files, key=_parts):  # (the order of paths: parts compared in C, not in pathlib)
            data = files[path]
            content = data.read_bytes() if isinstance(data, Path) else data
            if isinstance(content, Packed):
                content = content.unpacked()
            rel = rels[path]
            outcome, stamp = self.place(rel, content, known)
            if outcome.startswith("written"):
                written += 1
            else:
                unchanged += 1
            if outcome != "same" and known_work is not None:
                _remember(known_work, rel, outcome, stamp, content)
        if self.memory is not None and known_work is not None and known_work.keys() == wanted:
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


def _parts(path: PurePosixPath) -> tuple[str, ...]:
    return path.parts


def _remember(known: dict, rel: str, outcome: str, stamp: tuple[int, int, int], content: bytes) -> None:
    """What the preview's memory keeps of a file it put in place."""
    if outcome.endswith("+folder"):  # a folder that became a file: forget what was in it
        for inner in [k for k in known if k.startswith(rel + "/")]:
            del known[inner]
    known[rel] = (stamp, content)


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
