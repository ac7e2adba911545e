"""How a cache entry is kept on disk: plain data, never code.

.cache/build.sqlite is a file anyone may have changed: a pull request could add one, and
the deploy workflow restores .cache/ from the Actions cache. So an entry is never pickled
(unpickling runs whatever code the bytes name). It is JSON of a closed set of types:

- JSON's own: str, int, float, bool, None and list;
- tuple, frozenset, set, dict (with keys of any of these types), datetime.date and
  datetime.datetime, each written as a JSON object with one key that names it;
- bytes, kept raw after the JSON text (pages and feeds are bytes: no base64);
- the project's own dataclasses and YAML containers listed in `stored_classes()`, made
  from that list by name, never by importing a name that a file holds.

Anything else in a file (another name, a wrong number of fields, broken JSON, bytes that
are not ours at all) makes `decode` raise `Unreadable`: the entry counts as missing and
is made again. Values of any other type are `Unstorable`: the cache keeps them in memory.
A file can still hold wrong data of the right types; it can never make this process run
code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

MAGIC = b"sleutelsite-cache-1\n"
_LENGTH = 8  # bytes of the JSON text's length, after MAGIC
_HEAD = len(MAGIC) + _LENGTH


class Unreadable(ValueError):
    """Bytes that are not an entry this codec wrote."""


class Unstorable(TypeError):
    """A value of a type the codec does not keep."""


def stored_classes() -> tuple[type, ...]:
    """Every class a cache entry may hold besides plain data (a new kind of entry that holds
    another class adds it here). Imported when a cache is made: the loaders import the cache."""
    from sleutelsite.errors import Problem
    from sleutelsite.geo import Geography, Municipality, Province
    from sleutelsite.kinds import Kind, KindField
    from sleutelsite.load.content import SourceFile
    from sleutelsite.load.municipality_entries import Status
    from sleutelsite.model import Entry, Language, Packed, Page, Settings, Signatory
    from sleutelsite.render.geo_map import Drawing

    return (
        *(Entry, Kind, KindField, Language, Page, Problem, Settings, Signatory, SourceFile),
        *(Geography, Municipality, Province, Status, Drawing, Packed),
    )


class CacheCodec:
    """Turns cache values into bytes and back. One per cache; holds no entries."""

    def __init__(self, classes: Iterable[type]) -> None:
        from sleutelsite.load.yaml_file import YamlList, YamlMap

        self._yaml_map, self._yaml_list = YamlMap, YamlList
        self._fields: dict[type, tuple[str, ...]] = {}
        self._classes: dict[str, tuple[type, int]] = {}  # "@Story" -> (Story, number of fields)
        for cls in classes:
            fields = dataclasses.fields(cls)
            assert all(f.init for f in fields), cls  # made again through its own __init__
            assert "@" + cls.__name__ not in self._classes, cls
            self._fields[cls] = tuple(f.name for f in fields)
            self._classes["@" + cls.__name__] = (cls, len(fields))
        self._writers = _writers(self._fields, YamlMap, YamlList)
        self._makers = _makers(YamlMap, YamlList)
        self._decoder = self._new_decoder(memoryview(b""))

    def encode(self, value: object) -> bytes:
        raw = bytearray()  # the bytes values, one after another
        writers = self._writers

        def plain(v: Any) -> object:  # (any value; its exact type picks how it is written)
            t = type(v)
            if t is str or t is int or t is bool or t is float or v is None:
                return v
            if t is list:
                return [plain(x) for x in v]
            if t is tuple:  # (the common kinds first, without a call)
                return {"t": [plain(x) for x in v]}
            write = writers.get(t)
            if write is None:
                raise Unstorable(f"the cache does not keep a {t.__module__}.{t.__qualname__}")
            return write(v, plain, raw)

        text = json.dumps(plain(value), separators=(",", ":"), check_circular=False).encode("ascii")
        return b"".join((MAGIC, len(text).to_bytes(_LENGTH, "little"), text, raw))

    def decode(self, blob: bytes) -> object:
        if not blob.startswith(MAGIC):
            raise Unreadable("not a cache entry")
        end = _HEAD + int.from_bytes(blob[len(MAGIC) : _HEAD], "little")
        try:
            text = blob[_HEAD:end].decode("ascii")
            # One decoder for entries without bytes (most): making one costs more than a small entry.
            decoder = self._decoder if end >= len(blob) else self._new_decoder(memoryview(blob)[end:])
            value, stop = decoder.raw_decode(text)
        except Unreadable:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as err:
            raise Unreadable(str(err)[:200]) from None
        if stop != len(text):
            raise Unreadable("more after the entry")
        return value

    def _new_decoder(self, raw: memoryview) -> json.JSONDecoder:
        """A JSON decoder that makes every object through the kinds of value the cache
        keeps, with `raw` the bytes after the JSON text."""
        makers, classes = self._makers, self._classes

        def made(obj: dict) -> object:
            ((name, payload),) = obj.items()  # (ValueError unless the object has one name)
            if name == "t" and type(payload) is list:  # by far the most common
                return tuple(payload)
            cls, count = classes.get(name, (None, 0))
            if cls is not None and type(payload) is list and len(payload) == count:
                return cls(*payload)
            maker = makers.get(name)
            if maker is not None:
                return maker(payload)
            if name == "b":
                start, end = _items(payload)
                if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(raw):
                    raise Unreadable("bytes outside the entry")
                return bytes(raw[start:end])
            raise Unreadable(f"not a kind of value the cache keeps: {name[:40]!r}")

        return json.JSONDecoder(object_hook=made)


def _items(payload: object) -> list:
    if type(payload) is not list:
        raise Unreadable("a list was expected")
    return payload


def _pairs(payload: object) -> dict:
    flat = iter(_items(payload))
    return dict(zip(flat, flat, strict=True))


# How a value is written: (value, `plain` for the values inside it, the entry's bytes so far).
Writer = Callable[[Any, Callable[[Any], object], bytearray], object]


def _writers(fields: dict[type, tuple[str, ...]], yaml_map: type, yaml_list: type) -> dict[type, Writer]:
    """How each kind of value that is not plain JSON is written, by its exact type (str,
    numbers, None, list and tuple are written in `encode`); `_makers` makes them again."""

    def written_bytes(v: bytes, plain: Callable[[Any], object], raw: bytearray) -> object:
        start = len(raw)
        raw += v
        return {"b": [start, len(raw)]}

    def written_map(v: Any, plain: Callable[[Any], object], raw: bytearray) -> object:
        pairs = [plain(x) for pair in v.items() for x in pair]
        return {"yaml-map": [v.line, plain(v.key_lines), plain(v.plain), pairs]}

    def written_list(v: Any, plain: Callable[[Any], object], raw: bytearray) -> object:
        return {"yaml-list": [v.line, list(v.item_lines), [plain(x) for x in v]]}

    writers: dict[type, Writer] = {
        bytes: written_bytes,
        dict: lambda v, plain, raw: {"d": [plain(x) for pair in v.items() for x in pair]},
        frozenset: lambda v, plain, raw: {"f": [plain(x) for x in v]},
        set: lambda v, plain, raw: {"s": [plain(x) for x in v]},
        dt.date: lambda v, plain, raw: {"date": v.isoformat()},
        dt.datetime: lambda v, plain, raw: {"datetime": v.isoformat()},
        yaml_map: written_map,
        yaml_list: written_list,
    }
    for cls, names in fields.items():
        writers[cls] = _dataclass_writer("@" + cls.__name__, names)
    return writers


def _dataclass_writer(name: str, fields: tuple[str, ...]) -> Writer:
    """A dataclass as its name and its fields' values in order (made again by its __init__)."""
    return lambda v, plain, raw: {name: [plain(getattr(v, field)) for field in fields]}


def _makers(yaml_map: type, yaml_list: type) -> dict[str, Callable[[object], object]]:
    """How each named kind of plain value is made from its JSON payload ("b", bytes, and
    the dataclasses are made in `decode`)."""

    def made_map(payload: object) -> object:
        line, key_lines, plain, values = _items(payload)
        found = yaml_map(int(line))
        found.update(_pairs(values))
        found.key_lines, found.plain = dict(key_lines), dict(plain)
        return found

    def made_list(payload: object) -> object:
        line, item_lines, values = _items(payload)
        found = yaml_list(int(line))
        found.extend(_items(values))
        found.item_lines = [int(n) for n in _items(item_lines)]
        return found

    return {
        "t": lambda p: tuple(_items(p)),
        "f": lambda p: frozenset(_items(p)),
        "s": lambda p: set(_items(p)),
        "d": _pairs,
        "date": lambda p: dt.date.fromisoformat(str(p)),
        "datetime": lambda p: dt.datetime.fromisoformat(str(p)),
        "yaml-map": made_map,
        "yaml-list": made_list,
    }
