"""Know at once when a watched file changes: Linux inotify through ctypes, else polling.

Only a nudge: what changed is still found by comparing snapshots of the files (see
`serve.snapshot`), so a missed or extra event can never make the preview wrong.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
from pathlib import Path

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_ISDIR = 0x40000000
_MASK = _IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_EVENT = struct.Struct("iIII")


class FileEvents:
    """An inotify descriptor watching folders (and new subfolders as they appear)."""

    def __init__(self, libc: ctypes.CDLL, fd: int) -> None:
        self._libc = libc
        self.fd = fd
        self._folders: dict[int, Path] = {}

    @classmethod
    def open(cls, trees: list[Path], folders: list[Path]) -> FileEvents | None:
        """Watch `trees` with all their subfolders and `folders` alone (for single files in them).

        None where inotify is not available: the caller polls instead.
        """
        name = ctypes.util.find_library("c")
        if name is None:
            return None
        try:
            libc = ctypes.CDLL(name, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        events = cls(libc, fd)
        for tree in trees:
            events.watch_tree(tree)
        for folder in folders:
            events._watch(folder)
        return events

    def watch_tree(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        self._watch(folder)
        for dirpath, dirnames, _ in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in dirnames:
                self._watch(Path(dirpath) / name)

    def _watch(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), _MASK)
        if wd >= 0:
            self._folders[wd] = folder

    def drain(self) -> list[Path]:
        """Read all pending events: the paths they name. New folders are watched too."""
        seen: list[Path] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return seen
            if not data:
                return seen
            offset = 0
            while offset + _EVENT.size <= len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                offset += _EVENT.size + length
                if wd in self._folders:
                    seen.append(self._folders[wd] / os.fsdecode(name))
                if mask & _IN_ISDIR and mask & (_IN_CREATE | _IN_MOVED_TO) and wd in self._folders:
                    self.watch_tree(self._folders[wd] / os.fsdecode(name))

    def close(self) -> None:
        os.close(self.fd)
