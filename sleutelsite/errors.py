"""One error type for editors and signers: file, line, message and a hint.

A `Problem` stores a message code and its arguments; the words come from
`messages.py`, in Dutch by default and in English on request, so the same
problem reads naturally to every signer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .messages import MESSAGES


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
            text += "\n" + "\n".join(f"    | {s}" for s in self.source.splitlines())
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

    def report(self, lang: str = "nl") -> str:
        return "\n".join(p.format(lang) for p in self.problems)


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
        lines += [p.annotation(lang) for p in error.problems]
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
    for p in error.problems:
        cells = (p.path, str(p.line or ""), p.message(lang), p.hint(lang))
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows) + "\n"
