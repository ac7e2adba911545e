"""Memo of pure build steps by content hash: in memory, and kept on disk in .cache/.

Every key is salted with a fingerprint of the engine's own source and the Markdown
version, so a new version of the code never reads an old result. The folder is safe to
delete: the next build is simply cold. Nothing here decides *whether* something changed
(no "dirty" flags): a step's inputs are hashed, and equal inputs give equal outputs.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

import jinja2
import markdown
import yaml

CACHE_FOLDER = ".cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS memo (ns TEXT, key TEXT, value BLOB, PRIMARY KEY (ns, key))"


def engine_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    for version in (markdown.__version__, jinja2.__version__, yaml.__version__):
        digest.update(version.encode())
    return digest.hexdigest()


class BuildCache:
    """One per build or per `serve` process; pass it along, never keep it global."""

    def __init__(self, folder: Path | None = None) -> None:
        self.salt = engine_fingerprint().encode()
        self._memory: dict[tuple[str, str], object] = {}
        self._new: dict[tuple[str, str], object] = {}
        self._used: set[tuple[str, str]] = set()
        self._db: sqlite3.Connection | None = None
        self._path = folder / "build.sqlite" if folder is not None else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = sqlite3.connect(folder / "build.sqlite")
                self._db.execute(_SCHEMA)
            except sqlite3.DatabaseError:  # a damaged cache is thrown away, never trusted
                (folder / "build.sqlite").unlink(missing_ok=True)
                self._db = sqlite3.connect(folder / "build.sqlite")
                self._db.execute(_SCHEMA)

    def key(self, *parts: str | bytes) -> str:
        """A hash of the parts (each length-prefixed, so no two lists of parts collide)."""
        chunks = [self.salt]
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            chunks.append(len(data).to_bytes(8, "little"))
            chunks.append(data)
        return hashlib.blake2b(b"".join(chunks), digest_size=20).hexdigest()

    def get(self, ns: str, key: str) -> object | None:
        slot = (ns, key)
        if slot in self._memory:
            self._used.add(slot)
            return self._memory[slot]
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM memo WHERE ns = ? AND key = ?", slot).fetchone()
        if row is None:
            return None
        try:
            value = pickle.loads(row[0])
        except Exception:
            return None
        self._memory[slot] = value
        self._used.add(slot)
        return value

    def put(self, ns: str, key: str, value: object) -> None:
        slot = (ns, key)
        self._memory[slot] = value
        self._new[slot] = value
        self._used.add(slot)

    def new_since(self, mark: set[tuple[str, str]]) -> dict[tuple[str, str], object]:
        """Entries added after `mark` (from `marker()`): a render worker sends these back."""
        return {slot: value for slot, value in self._new.items() if slot not in mark}

    def marker(self) -> set[tuple[str, str]]:
        return set(self._new)

    def after_fork(self) -> None:
        """A forked worker must not share the parent's database connection."""
        if self._path is not None:
            self._db = sqlite3.connect(self._path)

    def add_entries(self, entries: dict[tuple[str, str], object]) -> None:
        for (ns, key), value in entries.items():
            self.put(ns, key, value)

    def start_round(self) -> None:
        """A long-running preview calls this before each rebuild."""
        self._used = set()

    def forget_unused(self) -> None:
        """Drop what the last round did not use, so memory stays flat over many edits."""
        self._memory = {slot: v for slot, v in self._memory.items() if slot in self._used}
        self._new = {slot: v for slot, v in self._new.items() if slot in self._used}

    def save(self, prune: bool = False) -> None:
        """Write new entries to disk; with `prune`, drop entries this build did not use."""
        if self._db is None:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO memo VALUES (?, ?, ?)",
                [
                    (ns, key, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
                    for (ns, key), v in self._new.items()
                ],
            )
            if prune:
                self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (ns TEXT, key TEXT)")
                self._db.execute("DELETE FROM used")
                self._db.executemany("INSERT INTO used VALUES (?, ?)", list(self._used))
                self._db.execute("DELETE FROM memo WHERE (ns, key) NOT IN (SELECT ns, key FROM used)")
        self._new.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
