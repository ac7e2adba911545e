"""Markdown that would make Python-Markdown slow (or crash it) is refused at load time.

Python-Markdown is quadratic in a few places, measured on Markdown 3.11 (see
benchmarks/markdown_limits.py, which times the worst texts these limits let through):

- a link's text is found by walking, character by character in Python, from each `[`
  to its `]` (and from `](` to its `)`): an unclosed `[` walks to the end of its
  paragraph, so 8 KB of `[` took 9 s;
- the raw-HTML reader re-reads from each `<x` that does not end in `>` to the end of
  the text (8 KB of `<a ` took 1.8 s);
- every inline match (emphasis, code, link, tag, entity, escape) rebuilds its whole
  paragraph, and a heading or list item taken from a run of lines puts the rest of the
  run back as a new string: a long paragraph with much markup or many lines is slow
  (128 KB of `<b>` in one paragraph: 11 s; 32 KB of empty list items: 2.4 s);
- lists, quotes and `markdown="1"` HTML nested a few hundred deep overflow Python's
  stack.

Each limit is checked in time linear in the text (the tag scan, which uses the raw-HTML
reader's own pattern, stops at its budget) and is far above what a real page needs:
the campaign's longest page uses well under a hundredth of each.
"""

from __future__ import annotations

import re

from sleutelsite.errors import Problem, problem

MAX_PIECES = 5_000  # lines plus markup characters in one text
MAX_PARAGRAPH_WORK = 30_000_000  # (lines + markup characters) times characters, summed over paragraphs
MAX_BRACKET_WALK = 300_000  # characters walked from each [ to its ] (and ( to its ))
MAX_TAG_WALK = 300_000  # characters read from each <x to where its tag ends
MAX_DEPTH = 20  # lists and quotes inside each other; HTML inside markdown="1"

_MARKUP = "`\\*_[<&"  # characters that start an inline construct
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]")
# Python-Markdown's code span pattern (BACKTICK_RE): brackets inside are not links.
_CODE_SPAN = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))", re.DOTALL)
_BRACKET_TOKEN = re.compile(r"""\\[\\`*_{}\[\]()>#+\-.!]|[\[\]()"']""")
# The raw-HTML reader's test for a whole start tag (html.parser's
# locatestarttagend_tolerant in Python 3.11), which Python-Markdown re-runs from the
# next character when a tag does not end.
_START_TAG = re.compile(
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*
      (?:\s*=+\s*
        (?:'[^']*'
          |"[^"]*"
          |(?!['"])[^>\s]*
         )
        \s*
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*
""",
    re.VERBOSE,
)
_TAG_OPEN = re.compile(r"<[a-zA-Z]")
# A line's containers: indentation (four columns a level), then quote and list markers.
_DEEP_PREFIX = re.compile(rf"\n[ \t>*+\-0-9.)]{{{MAX_DEPTH + 1}}}")  # found from a newline: fast
_MARKER = re.compile(r"[ ]{0,3}(?:>|[*+\-][ \t]|[0-9]{1,9}[.)][ \t])[ \t]*")
_MD_ATTRIBUTE = re.compile(r"\smarkdown\s*=", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def markdown_limit_problems(body: str, path: str, body_line: int) -> list[Problem]:
    """What in a text's Markdown would make the build slow or crash; at most one of each kind."""
    found: list[Problem] = []
    lines = body.split("\n")

    def report(index: int, code: str, **args: object) -> None:
        index = min(max(index, 0), len(lines) - 1)
        found.append(problem(path, body_line + index, code, source=lines[index].strip()[:200], **args))

    pieces = _pieces(body)
    if pieces > MAX_PIECES:
        report(0, "markdown_too_big", pieces=pieces, limit=MAX_PIECES)
        return found  # the other checks are linear, but need not read such a text at all
    # Each paragraph's work is at most its pieces times the whole text's length, and each
    # bracket walks at most that length: most texts need not be split into paragraphs.
    size = len(body)
    paragraphs = _paragraphs(body) if pieces * size > MAX_PARAGRAPH_WORK else []
    if sum(pieces * len(text) for _, text, pieces in paragraphs) > MAX_PARAGRAPH_WORK:
        first, text, pieces = max(paragraphs, key=lambda p: p[2] * len(p[1]))
        report(first, "markdown_dense_paragraph", size=len(text), pieces=pieces)
    if (body.count("[") + body.count("(")) * size > MAX_BRACKET_WALK:
        walked = [
            (_bracket_walk(text), first, text)
            for first, text, _ in paragraphs or _paragraphs(body)
            if "[" in text
        ]
        if sum(w[0][0] for w in walked) > MAX_BRACKET_WALK:
            (_, offset), first, text = max(walked, key=lambda w: w[0][0])
            report(first + text.count("\n", 0, offset), "markdown_open_bracket")
    if "<" in body:
        tag_at = _long_tag(body)
        if tag_at is not None:
            report(body.count("\n", 0, tag_at), "markdown_open_tag")
    index = _too_deep(body)
    if index is not None:
        report(index, "markdown_too_deep", limit=MAX_DEPTH)
    return found


def _paragraphs(body: str) -> list[tuple[int, str, int]]:
    """(index of the first line, text, lines plus markup characters) of each run of
    non-blank lines: no inline construct reaches past one."""
    out = []
    start = line = 0
    for blank in _BLANK_LINE.finditer(body):
        text = body[start : blank.start()]
        out.append((line, text, _pieces(text)))
        line += text.count("\n") + blank.group().count("\n")
        start = blank.end()
    text = body[start:]
    out.append((line, text, _pieces(text)))
    return out


def _pieces(text: str) -> int:
    return text.count("\n") + 1 + sum(text.count(c) for c in _MARKUP)


def _bracket_walk(text: str) -> tuple[int, int]:
    """(characters Python-Markdown walks to match the brackets of a paragraph, offset of
    the bracket that walks furthest).

    From each `[` to its `]` (an unclosed one: to the end), and from each `(` right
    after a link text's `]` to its `)`; a `(` with a quote before its `)` may be a title
    that does not end, so it counts to the end. Code spans and escaped brackets are left
    out, as Python-Markdown handles them first.
    """
    text = _without_code_spans(text)
    end = len(text)
    walked, longest, at = 0, -1, 0
    brackets: list[int] = []
    parens: list[tuple[int, int, bool]] = []  # (offset, quotes before it, after a link text)
    quotes = 0
    link_text_end = -1
    for token in _BRACKET_TOKEN.finditer(text):
        c, pos = token.group(), token.start()
        if len(c) == 2:  # an escaped character
            continue
        if c == "[":
            brackets.append(pos)
        elif c == "]" and brackets:
            start = brackets.pop()
            walked += pos - start
            if pos - start > longest:
                longest, at = pos - start, start
            link_text_end = pos + 1
        elif c == "(":
            parens.append((pos, quotes, pos == link_text_end))
        elif c == ")" and parens:
            start, quotes_before, after_link = parens.pop()
            if after_link:
                span = pos - start if quotes == quotes_before else end - start
                walked += span
                if span > longest:
                    longest, at = span, start
        elif c in "\"'":
            quotes += 1
    return _with_walks_left_open(brackets, parens, end, walked, longest, at)


def _with_walks_left_open(
    brackets: list[int], parens: list[tuple[int, int, bool]], end: int, walked: int, longest: int, at: int
) -> tuple[int, int]:
    """_bracket_walk's count so far (characters walked, the longest walk and its offset)
    with the walks of the brackets left open, each to the end: (characters, offset)."""
    for start in [*brackets, *(offset for offset, _, after_link in parens if after_link)]:
        walked += end - start
        if end - start > longest:
            longest, at = end - start, start
    return walked, at


def _without_code_spans(text: str) -> str:
    """The text with each code span blanked out (its brackets are no link)."""
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)


def _long_tag(body: str) -> int | None:
    """The offset of the `<` read furthest, when reading every start tag (as the raw-HTML
    reader does, up to where its pattern ends) costs more than MAX_TAG_WALK characters."""
    budget, longest, at = MAX_TAG_WALK, -1, 0
    for opening in _TAG_OPEN.finditer(body):
        start = opening.start()
        match = _START_TAG.match(body, start, min(len(body), start + budget + 1))
        read = (match.end() if match else start + 1) - start
        if read > longest:
            longest, at = read, start
        budget -= read
        if budget < 0:
            return at
    return None


def _too_deep(body: str) -> int | None:
    """The index of a line nested more than MAX_DEPTH deep (indentation, quote and list
    markers), or of the line where HTML gets that deep inside a markdown="1" element."""
    for candidate in _DEEP_PREFIX.finditer("\n" + body):
        start = candidate.start()  # (in body: the line after the newline found)
        end = body.find("\n", start)
        line = body[start : end if end != -1 else len(body)]
        if _depth(line) > MAX_DEPTH:
            return body.count("\n", 0, start)
    if "markdown" in body.lower() and _MD_ATTRIBUTE.search(body):
        depth = 0
        for tag in _HTML_TAG.finditer(body):
            closing, name, empty = tag.groups()
            if closing:
                depth = max(0, depth - 1)
            elif not empty and name.lower() not in _VOID:
                depth += 1
                if depth > MAX_DEPTH:
                    return body.count("\n", 0, tag.start())
    return None


def _depth(line: str) -> int:
    stripped = line.lstrip(" \t")
    columns = len(line[: len(line) - len(stripped)].expandtabs(4))
    depth, at = columns // 4, len(line) - len(stripped)
    while depth <= MAX_DEPTH and (marker := _MARKER.match(line, at)):
        depth, at = depth + 1, marker.end()
    return depth
