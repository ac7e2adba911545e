"""One error type for editors and signers: file, line, message and a hint.

A `Problem` stores a message code and its arguments; the words come from
`messages.py`, in Dutch by default and in English on request, so the same
problem reads naturally to every signer.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sleutelsite.messages import MESSAGES


@dataclass(frozen=True)
class Problem:
    """A problem in one input file, worded for the person who has to fix it."""

    path: str  # relative to the project, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    code: str  # a key of messages.MESSAGES
    args: tuple[tuple[str, object], ...] = ()
    source: str = ""  # the offending source line(s), shown under the message
    extra: tuple[str, ...] = field(default=(), compare=False)  # detail lines, verbatim

    def message(self, lang: str = "nl") -> str:
        return _words(self.code, lang)[0].format(**dict(self.args))

    def hint(self, lang: str = "nl") -> str:
        return _words(self.code, lang)[1].format(**dict(self.args))

    def format(self, lang: str = "nl") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message(lang)}"
        for detail in self.extra:
            text += f"\n  {detail}"
        if self.source:
            text += "\n" + "\n".join(f"    | {_shortened(s)}" for s in self.source.splitlines())
        hint = self.hint(lang)
        if hint:
            text += f"\n  {'Tip' if lang == 'nl' else 'Hint'}: {hint}"
        return text

    def annotation(self, lang: str = "nl") -> str:
        """The GitHub Actions workflow command that shows this on a pull request."""
        hint = self.hint(lang)
        body = self.message(lang) + (f" {hint}" if hint else "")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={_escape_property(self.path)}{line}::{_escape_data(body)}"


def problem(path: str, line: int, code: str, /, source: str = "", **args: object) -> Problem:
    """Shorthand used by the loaders: `problem("a.yaml", 3, "unknown_key", key="x")`."""
    if code not in MESSAGES:
        raise KeyError(f"no message text for {code!r}")
    return Problem(path, line, code, tuple(sorted(args.items())), source)


SOURCE_WIDTH = 160  # a source line shown under a message is cut after this many characters


def _shortened(line: str) -> str:
    """A source line as shown: a 20,000-character line of brackets would bury the message."""
    return line if len(line) <= SOURCE_WIDTH else line[:SOURCE_WIDTH] + f"… (+{len(line) - SOURCE_WIDTH})"


def _words(code: str, lang: str) -> tuple[str, str]:
    texts: Mapping[str, tuple[str, str]] = MESSAGES[code]
    return texts.get(lang) or texts["nl"]


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class BuildError(Exception):
    """Raised with every problem found in a stage; the build stops before writing."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.code, repr(p.args))))
        super().__init__(self.report())

    def shown(self) -> tuple[Problem, ...]:
        """The problems reported one by one: the first MAX_REPORTED."""
        return self.problems[:MAX_REPORTED]

    def report(self, lang: str = "nl") -> str:
        text = "\n".join(p.format(lang) for p in self.shown())
        more = more_of_these_kinds(self.problems[MAX_REPORTED:], lang)
        return f"{text}\n{more}" if more else text


# A failed build reports this many problems with file and line, then only how many more
# there are of each kind: 600,000 messages help no one, and took half a minute to print.
MAX_REPORTED = 50


def more_of_these_kinds(rest: Sequence[Problem], lang: str = "nl") -> str:
    """'and 950 more of these kinds:' with a line per kind (its message, how many, the first)."""
    if not rest:
        return ""
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for p in rest:
        kinds.setdefault((p.code, str(dict(p.args).get("key", ""))), []).append(p)
    if lang == "en":
        head = f"and {len(rest)} more of {'this kind' if len(kinds) == 1 else 'these kinds'}:"
    else:
        count = f"{len(rest)} {'probleem' if len(rest) == 1 else 'problemen'}"
        head = f"en nog {count} van {'deze soort' if len(kinds) == 1 else 'deze soorten'}:"
    first = "first" if lang == "en" else "eerste"
    lines = [head]
    for found in kinds.values():
        where = f"{found[0].path}:{found[0].line}" if found[0].line else found[0].path
        lines.append(f"  {len(found)} × {_kind(found[0], lang)} ({first}: {where})")
    return "\n".join(lines)


def _kind(p: Problem, lang: str) -> str:
    """The problem's message with only its field name filled in: what kind of problem."""
    template = _words(p.code, lang)[0]
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    args = dict(p.args)
    return template.format(**{name: args[name] if name == "key" else "…" for name in names})


def report_for_terminal(error: BuildError, lang: str = "nl", env: Mapping[str, str] | None = None) -> str:
    """The text printed on failure; adds annotations when running under GitHub Actions."""
    env = os.environ if env is None else env
    count = len(error.problems)
    if lang == "en":
        summary = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
    else:
        summary = f"{count} {'probleem' if count == 1 else 'problemen'} gevonden; er is niets geschreven."
    lines = [error.report(lang), "", summary]
    if env.get("GITHUB_ACTIONS") == "true":
        lines += [p.annotation(lang) for p in error.shown()]
        more = more_of_these_kinds(error.problems[MAX_REPORTED:], lang)
        if more:
            lines.append(f"::error::{_escape_data(more)}")
    return "\n".join(lines)


def job_summary(error: BuildError | None, lang: str = "nl") -> str:
    """Markdown for the GitHub Actions job summary ($GITHUB_STEP_SUMMARY)."""
    if error is None:
        return (
            "### ✅ Alles in orde\n\nDe controle vond geen problemen.\n"
            if lang == "nl"
            else ("### ✅ All good\n\nThe check found no problems.\n")
        )
    head = "Wat moet er anders?" if lang == "nl" else "What needs to change?"
    rows = [f"### ❌ {head}", "", "| file | line | problem | fix |", "| --- | --- | --- | --- |"]
    for p in error.shown():
        cells = (p.path, str(p.line or ""), p.message(lang), p.hint(lang))
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    more = more_of_these_kinds(error.problems[MAX_REPORTED:], lang)
    if more:
        head_line, *kinds = more.split("\n")
        rows += ["", head_line, "", *(f"- {kind.strip()}" for kind in kinds)]
    return "\n".join(rows) + "\n"
