"""Read YAML safely and keep the line of every key and value.

PyYAML's loaders forget where values came from, silently keep the last of two
duplicate keys and expand aliases. We compose the node tree ourselves (with the
C parser when available) and turn it into plain dicts and lists that remember
their lines, rejecting what a signer or editor never means to write.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem, problem

try:  # the C parser is much faster; the pure Python one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _CORE + "str"


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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, path, offset, text)]
    except yaml.YAMLError as err:  # e.g. a NUL byte or an unreadable character
        return None, [problem(path, first_line, "yaml_unreadable", detail=str(err).split("\n")[0])]
    if node is None:
        return None, []
    problems: list[Problem] = []
    if "&" in text or "*" in text:
        problems += _anchor_problems(text, path, offset)
    converter = _Converter(path, offset, lines, problems, comments="#" in text, aliases="*" in text)
    return converter.value(node), problems


class _Converter:
    def __init__(
        self,
        path: str,
        offset: int,
        lines: list[str],
        problems: list[Problem],
        comments: bool = True,
        aliases: bool = True,
    ) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.problems = problems
        self.comments = comments  # the text has a "#": a comment may cut a value short
        self.aliases = aliases  # the text has a "*": a node may come twice
        self.seen: set[int] = set()
        self.constructor = _Loader("")

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def value(self, node: yaml.Node) -> object:
        if self.aliases:
            if id(node) in self.seen:  # an alias: the same node met twice
                return REJECTED
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            result = YamlList(self.line(node))
            for item in node.value:
                result.item_lines.append(self.line(item))
                result.append(self.value(item))
            return result
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag == _STR:
            return node.value
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_CORE, "!!")
            self.problems.append(problem(self.path, self.line(node), "yaml_tag", tag=tag))
            return REJECTED
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. an impossible date such as 2026-02-30: keep the text, the
            # field check explains what is wrong with it
            return node.value

    def mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap(self.line(node))
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if key_node.tag == _CORE + "merge":
                self.problems.append(problem(self.path, line, "yaml_merge"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(problem(self.path, line, "yaml_complex_key"))
                continue
            key = key_node.value
            if key in result.key_lines:
                self.problems.append(
                    problem(self.path, line, "yaml_duplicate_key", key=key, first=result.key_lines[key])
                )
                continue
            result.key_lines[key] = line
            result[key] = self.value(value_node)
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
                result.plain[key] = value_node.value
                if self.comments:
                    self.check_comment_cut(key, value_node)
        return result

    def check_comment_cut(self, key: str, node: yaml.ScalarNode) -> None:
        """`name: Wijkteam #3` silently becomes 'Wijkteam'; say so."""
        end = node.end_mark
        if end.line != node.start_mark.line or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if "#" in rest and _COMMENT_AFTER.match(rest) and node.value:
            self.problems.append(
                problem(
                    self.path,
                    self.line(node),
                    "yaml_comment_cut",
                    source=self.lines[end.line],
                    key=key,
                    kept=node.value,
                )
            )


_COMMENT_AFTER = re.compile(r"\s+#")


def _anchor_problems(text: str, path: str, offset: int) -> list[Problem]:
    found = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                found.append(
                    problem(path, event.start_mark.line + 1 + offset, "yaml_alias", name=event.anchor)
                )
            elif getattr(event, "anchor", None):
                found.append(
                    problem(path, event.start_mark.line + 1 + offset, "yaml_anchor", name=event.anchor)
                )
    except yaml.YAMLError:  # compose already succeeded; cannot happen, but never hide it
        raise
    return found


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
    line_index = mark.line if mark else 0
    lines = text.split("\n")
    if code == "yaml_unclosed_quote" and err.context_mark is not None:
        line_index = err.context_mark.line  # where the quote was opened
    line_index = min(line_index, max(len(lines) - 1, 0))
    source = lines[line_index] if lines else ""
    if code == "yaml_colon" and mark is not None and mark.line == line_index:
        before = source[: mark.column]
        if not re.search(r":\s", before.lstrip(" -")):  # no earlier key: the indent is off
            code = "yaml_indent"
    column = (mark.column if mark and mark.line == line_index else 0) + 1
    result = problem(
        path,
        line_index + 1 + offset,
        code,
        source=source.replace("\t", "→"),
        column=column,
        detail=(err.problem or "").strip(),
    )
    return result
