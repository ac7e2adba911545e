"""Read YAML safely and keep the line of every key and value.

PyYAML's loaders forget where values came from, silently keep the last of two
duplicate keys and expand aliases. We read the parser's events ourselves (from the C
parser when available) and build plain dicts and lists that remember their lines,
rejecting what a signer or editor never means to write. This module reads the events
and explains syntax errors; yaml_values.py builds the values.

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
from pathlib import Path

import yaml
from yaml.composer import ComposerError

from sleutelsite.errors import Problem, problem
from sleutelsite.load.yaml_values import NO_KEY, Loader, Stack, ValueBuilder, YamlMap, mark_of

# What read_yaml returns is built by yaml_values.py; its readers import the types from here.
from sleutelsite.load.yaml_values import REJECTED as REJECTED
from sleutelsite.load.yaml_values import YamlList as YamlList

# Far above real use: signatories.yaml nests 2 deep, site.yaml and i18n 3, front matter 3;
# the longest line of any YAML in the project is under 300 characters.
MAX_DEPTH = 20
MAX_LINE = 4000  # characters
# Reading (and checking) a file stops after this many problems: more help no one (a
# report shows 50), and 250,000 duplicate keys in 1 MB took seconds to list.
MAX_PROBLEMS = 500


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
    loader = Loader(text)
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


def leads_outside(file: Path, project: Path) -> bool:
    """Whether a file of the project is a symbolic link to somewhere outside it (refused
    for every file the project reads: a pull request could otherwise publish any file of
    the machine that builds it); a link within the project is read like any file."""
    return file.is_symlink() and not file.resolve().is_relative_to(project.resolve())


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


class _Reader(ValueBuilder):
    """Reads the parser's events in order, with a stack instead of recursion, and stops
    at the first value nested deeper than MAX_DEPTH or at MAX_PROBLEMS problems."""

    def read(self, next_event: Callable[[], yaml.Event | None]) -> object:
        stack: Stack = []  # the open collections
        keys: list[object] = []  # for each open mapping, the key waiting for its value
        root: list[object] = []
        document: yaml.Event | None = None
        while (event := next_event()) is not None:
            if len(self.problems) >= MAX_PROBLEMS:
                raise _Stop(self.line(event), too_deep=False)
            if isinstance(event, yaml.ScalarEvent):
                # (keys holds a slot for each open mapping: where there is one, stack is not empty)
                if keys and keys[-1] is NO_KEY and type(stack[-1][0]) is YamlMap:
                    keys[-1] = self.key(event, stack[-1][0])
                else:
                    self.place(self.scalar(event), event, event, stack, keys, root)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(self.line(event), too_deep=True)
                self.open(event, stack, keys)
            elif isinstance(event, yaml.CollectionEndEvent):
                _, placed, start = stack.pop()
                if isinstance(event, yaml.MappingEndEvent):
                    keys.pop()
                self.place(placed, start, None, stack, keys, root)
            elif isinstance(event, yaml.AliasEvent):
                self.alias(event, stack, keys, root)
            elif isinstance(event, yaml.DocumentStartEvent):
                document = _only_document(document, event)
        return root[0] if root else None


def _only_document(first: yaml.Event | None, event: yaml.Event) -> yaml.Event:
    """The start of the file's one document; a second one is a syntax error."""
    if first is not None:
        raise ComposerError(
            "expected a single document in the stream",
            mark_of(first),
            "but found another document",
            mark_of(event),
        )
    return event


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
