"""The values the YAML reader builds from the parser's events, and how each is built.

`YamlMap` and `YamlList` remember the line of every key and item; a scalar gets the type
PyYAML's resolver would give it, of the plain ones only (text, numbers, booleans, null,
dates). What a signer or editor never means to write is reported where it stands and
left out: a tag, an anchor or alias, a merge key, a duplicate key, a key that is not
text, a comment that cuts a plain value short. yaml_file.py reads the events, bounds
them, and hands each to this builder.
"""

from __future__ import annotations

import re
from typing import cast

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark

from sleutelsite.errors import Problem, problem

Loader: type[yaml.SafeLoader | yaml.CSafeLoader]
try:  # the C parser is much faster; the pure Python one gives the same events
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _CORE + "str"
_MERGE = _CORE + "merge"
_COLLECTION_TAGS = (None, "!", _CORE + "seq", _CORE + "map")


class _Rejected:
    """A value the reader refused (a tag, an alias); the problem is already reported."""

    def __repr__(self) -> str:
        return "REJECTED"


REJECTED = _Rejected()


class YamlMap(dict):
    """A mapping that knows its own line and the line of each key."""

    __slots__ = ("key_lines", "line", "plain")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.plain: dict[str, str] = {}  # unquoted scalar values as written

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence that knows its own line and the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


# The open collections, innermost last: (the collection, the value it is placed as when
# it ends (itself, or REJECTED when its tag is refused), its start event).
Stack = list[tuple[YamlMap | YamlList, object, yaml.Event]]

NO_KEY = object()  # an open mapping waits for a key
_SKIP = object()  # ... or for the value of a key it leaves out (reported already)
# The parser's implicit types per first character ("" for an empty value), as PyYAML's
# resolver looks them up; None holds those tried for every value.
_RESOLVERS = {
    first: tuple(found) + tuple(Loader.yaml_implicit_resolvers.get(None, ()))
    for first, found in Loader.yaml_implicit_resolvers.items()
    if first is not None
}


class ValueBuilder:
    """Builds YamlMap/YamlList/values from parser events, one event at a time; the caller
    keeps the open collections (`stack`) and, for each open mapping, the key waiting for
    its value (`keys`: NO_KEY, a (key, line) pair, or a key left out)."""

    def __init__(
        self, path: str, offset: int, lines: list[str], problems: list[Problem], comments: bool
    ) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.problems = problems
        self.comments = comments  # the text has a "#": a comment may cut a value short
        self.constructor = Loader("")
        self.anchors: dict[str, Mark] = {}

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark  # (the parser sets it on every event)
        return (mark.line if mark else 0) + 1 + self.offset

    def open(self, event: yaml.CollectionStartEvent, stack: Stack, keys: list[object]) -> None:
        """A list or mapping begins: open it (refused, and so placed as REJECTED, when it
        has a tag)."""
        if event.anchor is not None:
            self.anchor(event)
        line = self.line(event)
        collection = YamlMap(line) if isinstance(event, yaml.MappingStartEvent) else YamlList(line)
        placed: object = collection
        if event.tag not in _COLLECTION_TAGS:
            tag = str(event.tag).replace(_CORE, "!!")
            self.problems.append(problem(self.path, line, "yaml_tag", tag=tag))
            placed = REJECTED
        stack.append((collection, placed, event))
        if type(collection) is YamlMap:
            keys.append(NO_KEY)

    def alias(self, event: yaml.AliasEvent, stack: Stack, keys: list[object], root: list[object]) -> None:
        """`*name`: refused (its anchor was reported); an undefined one is a syntax error."""
        if event.anchor not in self.anchors:
            raise ComposerError(None, None, "found undefined alias", mark_of(event))
        self.problems.append(problem(self.path, self.line(event), "yaml_alias", name=event.anchor))
        self.place(REJECTED, event, None, stack, keys, root)

    def anchor(self, event: yaml.NodeEvent) -> None:
        name = str(event.anchor)  # (only called for an event with an anchor)
        first = self.anchors.get(name)
        if first is not None:
            raise ComposerError(
                "found duplicate anchor; first occurrence", first, "second occurrence", mark_of(event)
            )
        self.anchors[name] = mark_of(event)
        self.problems.append(problem(self.path, self.line(event), "yaml_anchor", name=name))

    def key(self, event: yaml.ScalarEvent, mapping: YamlMap) -> object:
        """What the mapping waits for after this key: (key, line), or _SKIP."""
        if event.anchor is not None:
            self.anchor(event)
        line = self.line(event)
        if event.tag == _MERGE or (event.value == "<<" and event.tag is None and event.implicit[0]):
            self.problems.append(problem(self.path, line, "yaml_merge"))
            return _SKIP
        key = event.value
        if key in mapping.key_lines:
            self.problems.append(
                problem(self.path, line, "yaml_duplicate_key", key=key, first=mapping.key_lines[key])
            )
            return _SKIP
        return (key, line)

    def place(
        self,
        value: object,
        start: yaml.Event,
        scalar: yaml.ScalarEvent | None,
        stack: Stack,
        keys: list[object],
        root: list[object],
    ) -> None:
        """Put a finished value into the collection that is open (or make it the root)."""
        if not stack:
            root.append(value)
            return
        top = stack[-1][0]
        if isinstance(top, YamlList):
            top.item_lines.append(self.line(start))
            top.append(value)
            return
        pending = keys[-1]
        if pending is NO_KEY:  # a list, a mapping or an alias where a key belongs
            if value is not REJECTED or scalar is not None:
                self.problems.append(problem(self.path, self.line(start), "yaml_complex_key"))
            keys[-1] = _SKIP
            return
        keys[-1] = NO_KEY
        if pending is _SKIP:
            return
        key, line = cast("tuple[str, int]", pending)
        top.key_lines[key] = line
        top[key] = value
        if scalar is not None and not scalar.style:
            top.plain[key] = scalar.value
            if self.comments:
                self.check_comment_cut(key, scalar)

    def scalar(self, event: yaml.ScalarEvent) -> object:
        """The value a scalar (not a key) stands for."""
        if event.anchor is not None:
            self.anchor(event)
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a plain '!': text
                return value
            resolvers = _RESOLVERS.get(value[:1])
            if resolvers is None:  # most text: no implicit type starts with its first letter
                return value
            tag = next((t for t, pattern in resolvers if pattern.match(value)), _STR)
        if tag == _STR:
            return value
        if tag not in _ALLOWED_TAGS:
            self.problems.append(
                problem(self.path, self.line(event), "yaml_tag", tag=tag.replace(_CORE, "!!"))
            )
            return REJECTED
        node = yaml.ScalarNode(tag, value, mark_of(event), mark_of(event, end=True), event.style)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. an impossible date such as 2026-02-30: keep the text, the
            # field check explains what is wrong with it
            return value

    def check_comment_cut(self, key: str, event: yaml.ScalarEvent) -> None:
        """`name: Wijkteam #3` silently becomes 'Wijkteam'; say so."""
        end = mark_of(event, end=True)
        if end.line != mark_of(event).line or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if "#" in rest and _COMMENT_AFTER.match(rest) and event.value:
            self.problems.append(
                problem(
                    self.path,
                    self.line(event),
                    "yaml_comment_cut",
                    source=self.lines[end.line],
                    key=key,
                    kept=event.value,
                )
            )


_COMMENT_AFTER = re.compile(r"\s+#")


def mark_of(event: yaml.Event, end: bool = False) -> Mark:
    """Where an event starts (or ends). The parser sets both marks on every event; PyYAML's
    stubs allow None and keep the C parser's Mark apart from the Python one (same fields)."""
    return cast(Mark, event.end_mark if end else event.start_mark)
