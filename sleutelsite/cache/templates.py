"""Compiled templates kept in .cache/jinja/, signed so that no other file is ever run.

A compiled template is Python code, and Jinja's own file cache reads it with pickle and
marshal: a file put into .cache/ (by a pull request, or a restored Actions cache) would
run as the build. So each file here carries an HMAC-SHA256 of its bytes with a key that
never leaves this machine (`machine_key`: in the user's own cache folder, outside every
project, made on first use). A file without the right signature is simply not used, and
the template is compiled again (about 0.2 s for the real site's templates), as on a
new machine or CI's first run.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import jinja2

_KEY_BYTES = 32
_SIGNATURE = hashlib.sha256().digest_size


def template_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """The compiled-template cache in `folder`, or None when no key can be had or kept
    (no home folder, or a read-only one, or the key would lie inside the project)."""
    key = machine_key(project=folder.parent)
    if key is None:
        return None
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return SignedBytecodeCache(folder / "jinja", key)


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sleutelsite" / "template-key"


def machine_key(project: Path) -> bytes | None:
    path = key_file()
    if not path.is_absolute() or Path(os.path.abspath(path)).is_relative_to(os.path.abspath(project)):
        return None  # a key inside the project could come with it
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(handle, secrets.token_bytes(_KEY_BYTES))
        finally:
            os.close(handle)
    except FileExistsError:
        pass  # another build made it first
    except OSError:
        return None
    try:
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        key = os.read(handle, _KEY_BYTES + 1)
    finally:
        os.close(handle)
    return key if len(key) == _KEY_BYTES else None


class SignedBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self.key = key

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.signed"

    def _signature(self, bucket: jinja2.bccache.Bucket, data: bytes) -> bytes:
        return hmac.new(self.key, bucket.key.encode() + b"\0" + data, hashlib.sha256).digest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            signed = self._file(bucket).read_bytes()
        except OSError:
            return
        signature, data = signed[:_SIGNATURE], signed[_SIGNATURE:]
        if hmac.compare_digest(signature, self._signature(bucket, data)):
            bucket.bytecode_from_string(data)  # written by this machine, for this template

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        file = self._file(bucket)
        temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(self._signature(bucket, data) + data)
            os.replace(temporary, file)
        except OSError:  # a full or read-only disk: the template is compiled again next time
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
