"""Every internal link and #anchor of the rendered site must resolve."""

from __future__ import annotations

import html as htmllib
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from .errors import Problem, problem


class Rendered(Protocol):
    url: str
    source: str
    template: str
    hrefs: tuple[str, ...]
    ids: frozenset[str]


def broken_links(
    pages: Iterable[Rendered], base_path: str, project: Path, other_urls: Iterable[str] = ()
) -> list[Problem]:
    """Problems for links to pages, files or anchors that the build does not produce."""
    pages = list(pages)
    ids = {page.url: page.ids for page in pages}
    known = set(ids) | set(other_urls)
    problems: list[Problem] = []
    verdicts: dict[str, tuple[str, str] | None] = {}  # most links repeat on every page
    for page in pages:
        for href in page.hrefs:
            if href.startswith("#"):
                found = _check(href, page.url, base_path, known, ids)
            elif href in verdicts:
                found = verdicts[href]
            elif _is_internal(href):
                found = verdicts[href] = _check(href, page.url, base_path, known, ids)
            else:
                continue
            if found is not None:
                code, anchor = found
                where, line = _locate(href, base_path, page, project)
                problems.append(problem(where, line, code, href=_shown(href, base_path), anchor=anchor))
    return problems


def _is_internal(href: str) -> bool:
    return href.startswith(("/", "#")) and not href.startswith("//")


def _check(
    href: str, here: str, base_path: str, known: set[str], ids: dict[str, frozenset[str]]
) -> tuple[str, str] | None:
    target, _, anchor = href.partition("#")
    target = target.split("?", 1)[0]
    if not target:
        target = here
    elif base_path:
        if not (target + "/").startswith(base_path + "/"):
            return "broken_link", anchor
        target = target[len(base_path) :] or "/"
    if target not in known:
        return "broken_link", anchor
    if anchor and target in ids and anchor not in ids[target]:
        return "broken_anchor", anchor
    return None


def _shown(href: str, base_path: str) -> str:
    return href[len(base_path) :] if base_path and href.startswith(base_path + "/") else href


def _locate(href: str, base_path: str, page: Rendered, project: Path) -> tuple[str, int]:
    """The content file and line that hold the link, else the template."""
    written = _shown(href, base_path)
    for rel in (page.source, f"templates/{page.template}"):
        file = project / rel
        try:
            lines = file.read_text(encoding="utf-8").split("\n")
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            if written in line or htmllib.escape(written) in line:
                return rel, number
    return page.source, 0
