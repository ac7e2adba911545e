"""The cache's database file, which a build never needs: whatever is wrong with it costs a
cold build and a warning, never the build.

A file that is damaged (not a database, "malformed", a folder where the file should be,
tables of another shape) is set aside as build.sqlite.damaged, to look at or delete, and
a new one is started. A file that cannot be used now (locked by another program for
longer than the wait, read-only, a full disk) is left as it is, and the build keeps its
entries in memory instead. Either way a warning says so, once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from sleutelsite.errors import Problem, problem

SCHEMA = "CREATE TABLE IF NOT EXISTS memo (ns TEXT, key TEXT, value BLOB, PRIMARY KEY (ns, key))"
WAIT_S = 60  # for another build that is writing the same cache
# Errors that say nothing about the file's contents: it stays where it is.
_NOT_NOW = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR",
            "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_CANTOPEN", "SQLITE_AUTH")  # fmt: skip


class Rows(list):
    """The rows of a query, all read at once (a damaged page shows while reading)."""

    def fetchone(self) -> tuple | None:
        return self[0] if self else None

    def fetchall(self) -> list[tuple]:
        return list(self)


class CacheFile:
    """The few things the cache asks of its database, made safe: `execute`, `executemany`,
    `with` for a transaction, `close`. After a failure the same statement runs again on the
    new (empty) database, so the caller sees a cache that simply has no such entry."""

    def __init__(self, path: Path, warnings: list[Problem], shown: str) -> None:
        self.path = path
        self.warnings = warnings  # the cache's own list: shown after the build
        self.shown = shown  # the path as the warning names it: ".cache/build.sqlite"
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=WAIT_S)
            db.execute(SCHEMA)
            return db
        except sqlite3.DatabaseError as err:
            return self._instead(err, None)

    def _instead(
        self, err: sqlite3.DatabaseError | OSError, db: sqlite3.Connection | None
    ) -> sqlite3.Connection:
        """A database to go on with after `err`: a new file, or one in memory."""
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass
        name = getattr(err, "sqlite_errorname", "")
        if self.path.is_dir() or not name.startswith(_NOT_NOW):
            aside = self.path.with_name(self.path.name + ".damaged")
            try:
                _set_aside(self.path, aside)
                self._warn("cache_damaged", aside=self.shown + ".damaged", detail=str(err))
                fresh = sqlite3.connect(self.path, timeout=WAIT_S)
                fresh.execute(SCHEMA)
                return fresh
            except (OSError, sqlite3.DatabaseError) as second:
                err = second
        self._warn("cache_unusable", detail=str(err))
        memory = sqlite3.connect(":memory:")
        memory.execute(SCHEMA)
        return memory

    def _warn(self, code: str, **args: object) -> None:
        if not any(w.code == code for w in self.warnings):
            self.warnings.append(problem(self.shown, 0, code, "", **args))

    def execute(self, sql: str, parameters: tuple | list = ()) -> Rows:
        try:
            return Rows(self._db.execute(sql, parameters).fetchall())
        except sqlite3.DatabaseError as err:
            self._db = self._instead(err, self._db)
            return Rows(self._db.execute(sql, parameters).fetchall())

    def executemany(self, sql: str, rows: list) -> None:
        try:
            self._db.executemany(sql, rows)
        except sqlite3.DatabaseError as err:
            self._db = self._instead(err, self._db)
            self._db.executemany(sql, rows)

    def __enter__(self) -> CacheFile:
        return self

    def __exit__(self, kind: type | None, *_: object) -> None:
        try:
            if kind is None:
                self._db.commit()
            else:
                self._db.rollback()
        except sqlite3.DatabaseError as err:  # what was to be written is lost: a memo, no more
            self._db = self._instead(err, self._db)

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass


def _set_aside(path: Path, aside: Path) -> None:
    """Move the damaged file (and SQLite's journal beside it) to `aside`, replacing an
    earlier one: a journal left beside a new file would be played into it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        old, new = Path(f"{path}{suffix}"), Path(f"{aside}{suffix}")
        if not os.path.lexists(old):
            continue
        if new.is_dir() and not new.is_symlink():
            shutil.rmtree(new)
        elif os.path.lexists(new):
            new.unlink()
        os.rename(old, new)
