"""Editors may write raw HTML in Markdown, but nothing that runs or loads elsewhere.

Checked on the HTML that Markdown produced (so code blocks, which are escaped, are
fine, and entity tricks such as `&#106;avascript:` are decoded as a browser would).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .errors import Problem, problem

_FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "form"}  # fmt: skip
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset"}  # fmt: skip
_MEDIA_TAGS = {"img", "source", "video", "audio", "track", "input"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_SCHEME_WORDS = ("script", "data", "file")  # javascript:, vbscript:, data:, file:
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []  # (code, args)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.found.append(("unsafe_tag", {"tag": tag, "needle": f"<{tag}"}))
        for name, value in attrs:
            if (
                tag in _MEDIA_TAGS
                and name in ("src", "srcset")
                and value
                and not value.lstrip().startswith("/")
            ):
                self.found.append(("image_outside_static", {"src": value, "needle": value[:30]}))
            if name.startswith("on"):
                self.found.append(("unsafe_handler", {"attribute": name, "needle": name}))
            elif name in _URL_ATTRIBUTES and value:
                plain = _INVISIBLE.sub("", value).lower()
                scheme = next(
                    (s for s in _BAD_SCHEMES if s in plain.split(",")[0][:12] or plain.startswith(s)), ""
                )
                if scheme:
                    self.found.append(("unsafe_url", {"scheme": scheme.rstrip(":"), "needle": value[:12]}))

    handle_startendtag = handle_starttag


Finding = tuple[str, tuple[tuple[str, str], ...], int]  # (code, args, line index in the Markdown)


def unsafe_findings(html: str, markdown: str) -> tuple[Finding, ...]:
    """Script, frames, event handlers and script URLs in the HTML a page's Markdown made."""
    if not _maybe_unsafe(markdown):
        return ()
    finder = _Finder()
    finder.feed(html)
    finder.close()
    lines = markdown.lower().split("\n")
    found = []
    for code, args in finder.found:
        needle = args.pop("needle").lower()
        index = next((i for i, line in enumerate(lines) if needle in line), 0)
        found.append((code, tuple(sorted(args.items())), index))
    return tuple(found)


def _maybe_unsafe(markdown: str) -> bool:
    """Whether the text has raw markup, an entity or a script-like scheme at all.

    Plain `in` and `find` calls: a regular expression with alternatives and IGNORECASE
    took 0.4 ms per 6 KB page, more than the rest of the check on a clean page.
    """
    if "<" in markdown or "&" in markdown:
        return True
    colon = markdown.find(":")
    while colon != -1:
        end = colon
        while end > 0 and markdown[end - 1].isspace():
            end -= 1
        if markdown[max(0, end - 6) : end].lower().endswith(_SCHEME_WORDS):
            return True
        colon = markdown.find(":", colon + 1)
    return False


def unsafe_problems(findings: tuple[Finding, ...], markdown: str, path: str, body_line: int) -> list[Problem]:
    if not findings:  # nearly always: then the text is not split into lines at all
        return []
    lines = markdown.split("\n")
    return [
        problem(path, body_line + index, code, source=lines[index].strip()[:200], **dict(args))
        for code, args, index in findings
    ]
