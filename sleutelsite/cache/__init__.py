"""Memo of pure build steps by content hash: in memory, and kept on disk in .cache/.

Every key is salted with a fingerprint of the engine's own source and the library
versions (fingerprint.py), so a new version of the code never reads an old result. The
folder is safe to delete: the next build is simply cold. Nothing here decides *whether* something changed
(no "dirty" flags): a step's inputs are hashed, and equal inputs give equal outputs.

With a folder, every result goes to disk in batches as it is made; small kinds (front
matter, models, exports) are read back in one go per kind, big ones (whole pages,
Markdown HTML) one by one and not kept, so memory stays flat on large sites. Without a
folder (the preview) everything stays in memory.

What is on disk is plain data (codec.py), never pickled: anyone may have changed the
file. An entry that is not ours is made again, a damaged file set aside (file.py);
either costs a cold build and a warning in `warnings`, never the build.
"""

from __future__ import annotations

import hashlib
import pickle  # only between this build's own processes, never on disk
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from sleutelsite.cache.codec import CacheCodec, Unreadable, Unstorable, stored_classes
from sleutelsite.cache.file import CacheFile
from sleutelsite.cache.fingerprint import engine_fingerprint
from sleutelsite.cache.recall import Recall

CACHE_FOLDER = ".cache"
BIG = frozenset({"page", "md", "image"})  # (image: a picture's files, read one by one)
_FLUSH_BYTES = 32 * 1024 * 1024
_MANY = 200  # big entries read per query by get_many

Slot = tuple[str, str]


def framed(parts: Iterable[str | bytes]) -> bytes:
    """The parts one after another, each after its length: what a hash of a list of
    parts is taken of, so that ("ab", "c") and ("a", "bc") differ."""
    chunks = []
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        chunks.append(len(data).to_bytes(8, "little"))
        chunks.append(data)
    return b"".join(chunks)


class BuildCache(Recall):
    """One per build or per `serve` process; pass it along, never keep it global.

    `keep_big=False` (only without a folder: a build with --no-cache, `check`): what no
    later build can read is not kept either: the big kinds, which this build makes once
    each (the large benchmark's Markdown alone held 70 MB), nor sent back by workers."""

    def __init__(self, folder: Path | None = None, keep_big: bool = True) -> None:
        self.salt = engine_fingerprint().encode()
        self._keep_big = keep_big or folder is not None
        self._memory: dict[Slot, object] = {}
        self._pending: dict[Slot, bytes] = {}  # entries, encoded, to save
        self._inherited: dict[Slot, bytes] = {}  # a forked worker's: the build process saves them
        self._pending_bytes = 0
        self._stored: dict[str, dict[str, bytes]] = {}  # small kinds read from disk
        self._keys: dict[str, set[str]] = {}  # keys of big kinds on disk, when first asked
        self._used: set[Slot] = set()
        Recall.__init__(self)
        self._made: dict[Slot, tuple[bool, bytes]] | None = None  # in a forked worker: what it made
        self._db: CacheFile | None = None
        self._path = folder / "build.sqlite" if folder is not None else None
        self._codec = CacheCodec(stored_classes())
        self.warnings: list = []  # Problems: a damaged cache (the build goes on, cold)
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:  # (the database then says why, and the cache stays in memory)
                pass
            self._db = self._connect()

    def _connect(self) -> CacheFile:
        assert self._path is not None
        return CacheFile(self._path, self.warnings, f"{CACHE_FOLDER}/{self._path.name}")

    def encode(self, value: object) -> bytes:
        """A value as the cache stores it (plain data; see codec.py)."""
        return self._codec.encode(value)

    def _decoded(self, blob: bytes) -> object | None:
        try:
            return self._codec.decode(blob)
        except Unreadable as err:  # not written by us: as if it were not there, made again
            if not any(w.code == "cache_entry_unreadable" for w in self.warnings):
                from sleutelsite.errors import problem

                where = f"{CACHE_FOLDER}/{self._path.name if self._path else 'build.sqlite'}"
                self.warnings.append(problem(where, 0, "cache_entry_unreadable", detail=str(err)))
            return None

    def key(self, *parts: str | bytes) -> str:
        """A hash of the parts (framed, so no two lists of parts collide), salted."""
        return hashlib.sha256(self.salt + framed(parts)).hexdigest()[
            :40
        ]  # twice blake2b's speed where CPUs have SHA

    def get(self, ns: str, key: str) -> object | None:
        slot = (ns, key)
        if slot in self._memory:
            self._used.add(slot)
            return self._memory[slot]
        blob = self._pending.get(slot) or self._inherited.get(slot) or self._made_here(slot)
        if blob is None and self._db is not None:
            blob = self._read(ns, key, take=True)  # a small kind's value is kept unpickled below
        if blob is None:
            return None
        value = self._decoded(blob)
        if value is None:
            return None
        if ns not in BIG:
            self._memory[slot] = value
        self._used.add(slot)
        return value

    def get_many(self, ns: str, keys: set[str]) -> Iterator[tuple[str, object]]:
        """(key, value) for those of `keys` that are kept, in no particular order, one at a
        time: a few queries for all of them instead of one each. For big kinds (pages,
        Markdown), which are never kept in memory once on disk."""
        assert ns in BIG
        keys = set(keys)
        for key in list(keys):
            if self._held((ns, key)):
                value = self.get(ns, key)
                if value is not None:
                    keys.discard(key)
                    yield key, value
        if self._db is None or not keys:
            return
        wanted = sorted(keys)
        for start in range(0, len(wanted), _MANY):  # each batch read whole: no lock held meanwhile
            batch = wanted[start : start + _MANY]
            query = f"SELECT key, value FROM memo WHERE ns = ? AND key IN ({','.join('?' * len(batch))})"
            for key, blob in self._db.execute(query, (ns, *batch)).fetchall():
                value = self._decoded(blob)
                if value is None:
                    continue  # as if it were not there: made again
                self._used.add((ns, key))
                yield key, value

    def touch(self, ns: str, key: str) -> None:
        """Keep an entry that this build needs only if something changes (a page's Markdown,
        when the page itself came from the cache), so that pruning does not drop it."""
        self._used.add((ns, key))

    def has(self, ns: str, key: str) -> bool:
        """Whether `get` would find something, without reading a big value."""
        if self._held((ns, key)):
            return True
        if self._db is None:
            return False
        if ns in BIG:
            return key in self._stored_keys(ns)
        return self._read(ns, key) is not None

    def _held(self, slot: Slot) -> bool:
        """In this process's memory: made or read here, or left unwritten by the build
        process this render worker was forked from."""
        return (
            slot in self._memory
            or slot in self._pending
            or slot in self._inherited
            or bool(self._made_here(slot))
        )

    def _made_here(self, slot: Slot) -> bytes | None:
        """What this forked worker made and keeps for its parent, if the file can hold it
        (one the file cannot hold is in `_memory`, see `put`)."""
        made = self._made.get(slot) if self._made is not None else None
        return made[1] if made is not None and made[0] else None

    def _stored_keys(self, ns: str) -> set[str]:
        """The keys of a big kind on disk, read once: one query instead of one per page."""
        assert self._db is not None
        if ns not in self._keys:
            self._keys[ns] = {row[0] for row in self._db.execute("SELECT key FROM memo WHERE ns = ?", (ns,))}
        return self._keys[ns]

    def _read(self, ns: str, key: str, take: bool = False) -> bytes | None:
        assert self._db is not None
        if ns in BIG:
            if key not in self._stored_keys(ns):  # a miss costs no query (a cold build has only misses)
                return None
            row = self._db.execute("SELECT value FROM memo WHERE ns = ? AND key = ?", (ns, key)).fetchone()
            return row[0] if row else None
        if ns not in self._stored:
            self._stored[ns] = dict(self._db.execute("SELECT key, value FROM memo WHERE ns = ?", (ns,)))
        return self._stored[ns].pop(key, None) if take else self._stored[ns].get(key)

    def put(self, ns: str, key: str, value: object) -> None:
        slot = (ns, key)
        self._used.add(slot)
        if not self._keep_big and ns in BIG:
            return
        if self._made is not None:  # a forked worker: its parent keeps it (see `changes`)
            try:
                self._made[slot] = (True, self._codec.encode(value))
            except Unstorable:  # (kept in memory, as in a build process)
                self._made[slot] = (False, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                self._memory[slot] = value
            if ns not in BIG:
                self._memory[slot] = value
            return
        if self._db is not None:  # on disk: written in batches, never piled up in memory
            try:
                blob = self._codec.encode(value)
            except Unstorable:  # a type the file does not keep: this build keeps it in memory
                self._memory[slot] = value
                return
            self._pending[slot] = blob
            self._pending_bytes += len(blob)
            if ns not in BIG:
                self._memory[slot] = value
            if self._pending_bytes > _FLUSH_BYTES:
                self.flush()
            return
        self._memory[slot] = value

    def flush(self) -> None:
        """Write the entries made so far (in a forked worker: never; its parent does)."""
        if self._db is None or not self._pending or self._made is not None:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO memo VALUES (?, ?, ?)",
                [(ns, key, blob) for (ns, key), blob in self._pending.items()],
            )
        for ns, key in self._pending:
            if ns in self._keys:
                self._keys[ns].add(key)
        self._pending.clear()
        self._pending_bytes = 0

    def after_fork(self) -> None:
        """In a forked worker: its own database connection (one must never cross a fork),
        the parent's unsaved entries only read, and what it makes kept for `changes`."""
        if self._path is not None:
            self._db = self._connect()
        self._inherited = {**self._inherited, **self._pending}
        self._pending, self._pending_bytes = {}, 0
        self._made, self._used = {}, set()

    def changes(self) -> tuple[dict[Slot, tuple[bool, bytes]], set[Slot]]:
        """In a forked worker: the entries it made (encoded there, on its own core) and
        used since it was forked or last asked."""
        assert self._made is not None
        made, used = self._made, self._used
        self._made, self._used = {}, set()
        return made, used

    def merge(self, changes: object) -> None:
        """Keep a worker's entries as if this process had made them."""
        made, used = cast("tuple[dict[Slot, tuple[bool, bytes]], set[Slot]]", changes)
        self._used |= used
        for slot, (storable, blob) in made.items():
            self._used.add(slot)
            if not storable:  # a type the file does not keep: in memory only, as in `put`
                self._memory[slot] = pickle.loads(blob)  # (from our own forked worker)
                continue
            if self._db is not None:
                self._pending[slot] = blob
                self._pending_bytes += len(blob)
                if slot[0] in BIG:
                    continue
            self._memory[slot] = self._codec.decode(blob)
        if self._pending_bytes > _FLUSH_BYTES:
            self.flush()

    def start_round(self) -> None:
        """A long-running preview calls this before each rebuild."""
        self._used = set()
        self.start_recall_round()

    def forget_unused(self) -> None:
        """Drop what the last round did not use, so memory stays flat over many edits."""
        for slot in self._memory.keys() - self._used:  # (most is used: the difference is in C)
            del self._memory[slot]
        self.forget_unrecalled()
        if self._db is None:  # (with a database they are written, and pruned there)
            for slot in self._pending.keys() - self._used:
                del self._pending[slot]

    def save(self, prune: bool = False) -> None:
        """Write new entries to disk; with `prune`, drop entries this build did not use."""
        if self._db is None:
            return
        self.flush()
        if prune and (self._db.execute("SELECT COUNT(*) FROM memo").fetchone() or (0,))[0] == len(self._used):
            prune = False  # every entry was used (all are on disk now): nothing to drop
        with self._db:
            if prune:
                self._db.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS used (ns TEXT, key TEXT, PRIMARY KEY (ns, key))"
                )
                self._db.execute("DELETE FROM used")
                self._db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", list(self._used))
                self._db.execute(
                    "DELETE FROM memo WHERE NOT EXISTS (SELECT 1 FROM used WHERE used.ns = memo.ns AND used.key = memo.key)"
                )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
