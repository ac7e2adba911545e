"""Site links in the output, and the check that every internal link and #anchor resolves.

Templates and Markdown write site paths ("/tips/", "/static/css/site.css"); each finished
page gets them relative to itself (`../../tips/` on /verhalen/naam/), so one output folder
works at a domain's root, under a subpath and opened from disk. The check reads the site
paths as written, before they are made relative.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Protocol

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem


class Rendered(Protocol):
    """What link checking reads of a rendered page (read-only: pages are frozen)."""

    @property
    def url(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def template(self) -> str: ...
    @property
    def hrefs(self) -> tuple[str, ...]: ...
    @property
    def ids(self) -> frozenset[str]: ...


def link_prefix(page_url: str, base_path: str) -> str:
    """What the leading "/" of a site path becomes on a page: the way up to the site's
    root ("./" on the home page, "../../" on /verhalen/naam/). A 404 page is shown by the
    server at any missing address, so there it is the path the site is published at
    ("/" or "/sub/", from the base URL): relative links would resolve wrongly there."""
    if page_url.endswith("/404.html"):
        return base_path + "/"
    depth = page_url.count("/") - 1
    return "../" * depth if depth else "./"


def site_links(html: str, prefix: str) -> str:
    """The page with the leading "/" of every site link replaced by `prefix`: an href,
    src or srcset attribute (quoted) whose value starts with one "/". Addresses on other
    hosts ("//cdn", "https:") and attribute-like text outside tags (a code sample) stay.

    One split at each `="/` (or `='/`) and a look at what stands before it: linear in the
    page; a few times the split itself (benchmarks/link_speed.py)."""
    if prefix == "/":
        return html
    parts = _VALUE_FROM_ROOT.split(html)  # text, quote, text, quote, ...
    out = [parts[0]]
    in_tag = False  # whether the text so far ends inside a tag
    before = parts[0]
    pieces = iter(parts)
    next(pieces)
    for quote, after in zip(pieces, pieces, strict=True):
        opened, closed = before.rfind("<"), before.rfind(">")  # only since the last split: linear
        if opened != closed:
            in_tag = opened > closed
        size = 4 if before.endswith("href") else 3 if before.endswith("src") else 0
        if not size and before.endswith("srcset"):
            size = 6
        if not (in_tag and size and len(before) > size and before[-size - 1].isspace()) or after[:1] == "/":
            out += ("=", quote, "/", after)
        elif size == 6:  # every address of the set: "/a.png 1x, /b.png 2x"
            end = after.find(quote)
            value = after if end < 0 else after[:end]
            out += (
                "=",
                quote,
                prefix,
                _SRCSET_SITE_PATH.sub(lambda m: m.group(1) + prefix, value),
                after[len(value) :],
            )
        else:
            out += ("=", quote, prefix, after)
        before = after
    return "".join(out)


_VALUE_FROM_ROOT = re.compile(r"""=(["'])/""")
_SRCSET_SITE_PATH = re.compile(r"(,\s*)/(?!/)")


def broken_links(
    pages: Iterable[Rendered], project: Path, other_urls: Iterable[str] = (), cache: BuildCache | None = None
) -> list[Problem]:
    """Problems for links to pages, files or anchors that the build does not produce
    (`hrefs` are the site paths as written, before `site_links`). With the memo, a page
    is not looked at again while it is the same object (a page from the memo: see
    render_pages) and the site's addresses and anchors are equal to those it was checked with."""
    pages = list(pages)
    ids = {page.url: page.ids for page in pages}
    known = set(ids) | set(other_urls)
    fine: set[str] = set()  # links that lead somewhere from any page (or are not ours to check)
    verdicts: dict[str, tuple[str, str]] = {}  # links found broken, from any page

    def check(page: Rendered) -> tuple[Problem, ...]:
        if fine.issuperset(page.hrefs):  # (most pages: every link seen on an earlier page)
            return ()
        return tuple(_page_problems(page, project, known, ids, fine, verdicts))

    if cache is None:
        return [found for page in pages for found in check(page)]
    around = (frozenset(known), tuple(ids.items()))  # (ids: frozensets, whose hashes are kept)
    around = cache.by_value("links around", around, lambda: around)
    return [
        found
        for page in pages
        for found in cache.by_identity(("links", page.url), (page, around), partial(check, page))
    ]


def _page_problems(
    page: Rendered,
    project: Path,
    known: set[str],
    ids: dict[str, frozenset[str]],
    fine: set[str],
    verdicts: dict[str, tuple[str, str]],
) -> Iterator[Problem]:
    for href in page.hrefs:
        if href in fine:
            continue
        if href.startswith("#"):  # an anchor on the page itself
            anchor = href[1:]
            found = ("broken_anchor", anchor) if anchor and anchor not in page.ids else None
        elif not _is_internal(href):
            fine.add(href)
            continue
        elif href in verdicts:
            found = verdicts[href]
        else:
            found = _check(href, page.url, known, ids)
            if found is None:
                fine.add(href)
                continue
            verdicts[href] = found
        if found is not None:
            code, anchor = found
            where, line = _locate(href, page, project)
            yield problem(where, line, code, href=href, anchor=anchor)


def _is_internal(href: str) -> bool:
    return href.startswith(("/", "#")) and not href.startswith("//")


def _check(href: str, here: str, known: set[str], ids: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    target, _, anchor = href.partition("#")
    target = target.split("?", 1)[0] or here
    if target not in known:
        return "broken_link", anchor
    if anchor and target in ids and anchor not in ids[target]:
        return "broken_anchor", anchor
    return None


def _locate(written: str, page: Rendered, project: Path) -> tuple[str, int]:
    """The content file and line that hold the link, else the template."""
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
