"""Read YAML safely and keep the line of every key and value.

PyYAML's loaders forget where values came from, silently keep the last of two
duplicate keys and expand aliases. We read the parser's events ourselves (from the C
parser when available) and build plain dicts and lists that remember their lines,
rejecting what a signer or editor never means to write.

Reading events, not PyYAML's node tree, also bounds what hostile input can cost: the
tree is composed recursively (a value nested 30,000 deep crashed the C composer, 1,000
deep raised RecursionError), and libyaml needs time that grows with the square of the
nesting depth. Here nothing recurses, and reading stops at the first value nested
deeper than MAX_DEPTH, before the parser has looked any further. A line longer than
MAX_LINE is refused before the parser sees the text at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark

from sleutelsite.errors import Problem, problem

_Loader: type[yaml.SafeLoader | yaml.CSafeLoader]
try:  # the C parser is much faster; the pure Python one gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# Far above real use: signatories.yaml nests 2 deep, site.yaml and i18n 3, front matter 3;
# the longest line of any YAML in the project is under 300 characters.
MAX_DEPTH = 20
MAX_LINE = 4000  # characters
# Reading (and checking) a file stops after this many problems: more help no one (a
# report shows 50), and 250,000 duplicate keys in 1 MB took seconds to list.
MAX_PROBLEMS = 500

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


def read_yaml(
    text: str, path: str, first_line: int = 1, source_lines: list[str] | None = None
) -> tuple[object, list[Problem]]:
    """Parse `text`; line numbers count from `first_line` (front matter starts at 2).

    Returns the data (None when the syntax is broken) and the problems found.
    """
    lines = source_lines if source_lines is not None else text.split("\n")
    offset = first_line - 1
    if lines and max(map(len, lines)) > MAX_LINE:  # before the parser: it would read it all
        index = next(i for i, line in enumerate(lines) if len(line) > MAX_LINE)
        length = len(lines[index])
        return None, [problem(path, index + first_line, "yaml_line_too_long", length=length, limit=MAX_LINE)]
    problems: list[Problem] = []
    reader = _Reader(path, offset, lines, problems, comments="#" in text)
    loader = _Loader(text)
    try:
        data = reader.read(loader.get_event)
    except _Stop as stop:
        if stop.too_deep:
            return None, [problem(path, stop.line, "yaml_too_deep", limit=MAX_DEPTH)]
        return None, [*problems, problem(path, stop.line, "checking_stopped", count=len(problems))]
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, path, offset, text)]
    except yaml.YAMLError as err:  # e.g. a NUL byte or an unreadable character
        line = first_line
        if isinstance(err, yaml.reader.ReaderError) and isinstance(err.character, int):
            # (the C reader counts bytes, not characters: find the character itself)
            at = text.find(chr(err.character))
            line += text.count("\n", 0, at) if at >= 0 else 0
        return None, [problem(path, line, "yaml_unreadable", detail=str(err).split("\n")[0])]
    finally:
        loader.dispose()
    return data, problems


def undecodable(path: str, err: UnicodeDecodeError) -> Problem:
    """A file that is not UTF-8, at the line and column of its first bad byte (for every
    file the project reads: content, signatories, settings, translations)."""
    data, start = err.object, err.start  # (the bytes after a byte-order mark, if any)
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8")) + 1  # what comes before it is UTF-8
    return problem(
        path, data.count(b"\n", 0, start) + 1, "not_utf8_at", column=column, byte=f"0x{data[start]:02X}"
    )


class _Stop(Exception):
    """Reading stops at `line`: a value nested too deep, or MAX_PROBLEMS problems found."""

    def __init__(self, line: int, too_deep: bool) -> None:
        super().__init__(line)
        self.line = line
        self.too_deep = too_deep


_NO_KEY = object()  # an open mapping waits for a key
_SKIP = object()  # ... or for the value of a key it leaves out (reported already)
# The parser's implicit types per first character ("" for an empty value), as PyYAML's
# resolver looks them up; None holds those tried for every value.
_RESOLVERS = {
    first: tuple(found) + tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
    for first, found in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


class _Reader:
    """Builds YamlMap/YamlList/values from parser events, with a stack instead of recursion."""

    def __init__(
        self, path: str, offset: int, lines: list[str], problems: list[Problem], comments: bool
    ) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.problems = problems
        self.comments = comments  # the text has a "#": a comment may cut a value short
        self.constructor = _Loader("")
        self.anchors: dict[str, Mark] = {}

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark  # (the parser sets it on every event)
        return (mark.line if mark else 0) + 1 + self.offset

    def read(self, next_event: Callable[[], yaml.Event | None]) -> object:
        # Open collections: (the collection, whether it is refused, its start event);
        # for each open mapping, in `keys`, the key waiting for its value.
        stack: list[tuple[YamlMap | YamlList, bool, yaml.Event]] = []
        keys: list[object] = []
        root: list[object] = []
        document: yaml.Event | None = None
        while (event := next_event()) is not None:
            if len(self.problems) >= MAX_PROBLEMS:
                raise _Stop(self.line(event), too_deep=False)
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    self.anchor(event)
                if stack and keys and keys[-1] is _NO_KEY and type(stack[-1][0]) is YamlMap:
                    keys[-1] = self.key(event, stack[-1][0])
                else:
                    self.place(self.scalar(event), event, event, stack, keys, root)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(self.line(event), too_deep=True)
                if event.anchor is not None:
                    self.anchor(event)
                refused = event.tag not in _COLLECTION_TAGS
                if refused:
                    tag = str(event.tag).replace(_CORE, "!!")
                    self.problems.append(problem(self.path, self.line(event), "yaml_tag", tag=tag))
                if isinstance(event, yaml.MappingStartEvent):
                    stack.append((YamlMap(self.line(event)), refused, event))
                    keys.append(_NO_KEY)
                else:
                    stack.append((YamlList(self.line(event)), refused, event))
            elif isinstance(event, yaml.CollectionEndEvent):
                collection, refused, start = stack.pop()
                if isinstance(event, yaml.MappingEndEvent):
                    keys.pop()
                self.place(REJECTED if refused else collection, start, None, stack, keys, root)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise ComposerError(None, None, "found undefined alias", _mark(event))
                self.problems.append(problem(self.path, self.line(event), "yaml_alias", name=event.anchor))
                self.place(REJECTED, event, None, stack, keys, root)
            elif isinstance(event, yaml.DocumentStartEvent):
                if document is not None:
                    raise ComposerError(
                        "expected a single document in the stream",
                        _mark(document),
                        "but found another document",
                        _mark(event),
                    )
                document = event
        return root[0] if root else None

    def anchor(self, event: yaml.NodeEvent) -> None:
        name = str(event.anchor)  # (only called for an event with an anchor)
        first = self.anchors.get(name)
        if first is not None:
            raise ComposerError(
                "found duplicate anchor; first occurrence", first, "second occurrence", _mark(event)
            )
        self.anchors[name] = _mark(event)
        self.problems.append(problem(self.path, self.line(event), "yaml_anchor", name=name))

    def key(self, event: yaml.ScalarEvent, mapping: YamlMap) -> object:
        """What the mapping waits for after this key: (key, line), or _SKIP."""
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
        stack: list[tuple[YamlMap | YamlList, bool, yaml.Event]],
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
        if pending is _NO_KEY:  # a list, a mapping or an alias where a key belongs
            if value is not REJECTED or scalar is not None:
                self.problems.append(problem(self.path, self.line(start), "yaml_complex_key"))
            keys[-1] = _SKIP
            return
        keys[-1] = _NO_KEY
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
        node = yaml.ScalarNode(tag, value, _mark(event), _mark(event, end=True), event.style)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. an impossible date such as 2026-02-30: keep the text, the
            # field check explains what is wrong with it
            return value

    def check_comment_cut(self, key: str, event: yaml.ScalarEvent) -> None:
        """`name: Wijkteam #3` silently becomes 'Wijkteam'; say so."""
        end = _mark(event, end=True)
        if end.line != _mark(event).line or end.line >= len(self.lines):
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


def _mark(event: yaml.Event, end: bool = False) -> Mark:
    """Where an event starts (or ends). The parser sets both marks on every event; PyYAML's
    stubs allow None and keep the C parser's Mark apart from the Python one (same fields)."""
    return cast(Mark, event.end_mark if end else event.start_mark)


# PyYAML's own words (C and pure Python parsers), mapped to an explanation.
_SYNTAX_EXPLANATIONS = (
    ("tab", "yaml_tab"),
    ("mapping values are not allowed", "yaml_colon"),
    ("did not find expected key", "yaml_quote_then_text"),
    ("expected '-' indicator", "yaml_indent"),
    ("expected <block end>", "yaml_indent"),
    ("could not find expected ':'", "yaml_missing_colon"),
    ("end of stream", "yaml_unclosed_quote"),
    ("found unexpected end", "yaml_unclosed_quote"),
    ("expected ',' or ']'", "yaml_unclosed_bracket"),
    ("expected ',' or '}'", "yaml_unclosed_bracket"),
    ("cannot start any token", "yaml_bad_start"),
    ("undefined alias", "yaml_alias_undefined"),
)


def _syntax_problem(err: yaml.MarkedYAMLError, path: str, offset: int, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    words = f"{err.problem or ''} {err.context or ''}"
    code = next((c for needle, c in _SYNTAX_EXPLANATIONS if needle in words), "yaml_syntax")
    lines = text.split("\n")
    line_index = _syntax_line(err, code, len(lines))
    source = lines[line_index] if lines else ""
    stopped_at = mark.column if mark is not None and mark.line == line_index else None
    if code == "yaml_colon" and stopped_at is not None and _no_key_before(source[:stopped_at]):
        code = "yaml_indent"
    column = (stopped_at or 0) + 1
    return problem(
        path,
        line_index + 1 + offset,
        code,
        source=source.replace("\t", "→"),
        column=column,
        detail=(err.problem or "").strip(),
    )


def _syntax_line(err: yaml.MarkedYAMLError, code: str, line_count: int) -> int:
    """The index of the line a syntax error is shown at: where the parser stopped, or for a
    quote left open, where it was opened."""
    mark = err.problem_mark or err.context_mark
    line_index = mark.line if mark else 0
    if code == "yaml_unclosed_quote" and err.context_mark is not None:
        line_index = err.context_mark.line  # where the quote was opened
    return min(line_index, max(line_count - 1, 0))


def _no_key_before(before: str) -> bool:
    """No key on the line before an unexpected colon: then the indent is off."""
    return not re.search(r":\s", before.lstrip(" -"))
