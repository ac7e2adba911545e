"""One built site works wherever it is put: at a domain's root, under a subpath and opened
from disk (issue 14). Built once as `make site` builds it (for the published address,
https://sleutelpersonen.github.io/sleutelpersonen-werken/), then served by Python's
http.server at the root, under that subpath and under another one, and opened as files.
"""

from __future__ import annotations

import html as htmllib
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from browser import serve_folder

from conftest import ROOT, TODAY
from sleutelsite.build import build

PUBLISHED = urlsplit(yaml.safe_load((ROOT / "site.yaml").read_text())["base_url"]).path.strip("/")
_ATTRIBUTE = re.compile(r"""\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The site as `make site` builds it, in a folder of its own under a parent that is
    served for the subpath deployments (links that climb out of the site would land there)."""
    parent = tmp_path_factory.mktemp("deploy")
    out = parent / PUBLISHED
    build(ROOT, out, today=TODAY)
    (parent / "elders").symlink_to(out, target_is_directory=True)  # the same files at /elders/
    return out


@contextmanager
def served(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """http.server on 127.0.0.1 serving `folder`; yields "http://127.0.0.1:PORT/"."""
    with serve_folder(folder, not_found) as address:
        yield address + "/"


def links_in(text: str, css: bool = False) -> list[str]:
    """Every address a page (href, src, each of a srcset) or a style sheet (url()) loads."""
    if css:
        return _CSS_URL.findall(text)
    found = []
    for name, double, single in _ATTRIBUTE.findall(text):
        value = htmllib.unescape(double or single)
        if name == "srcset":
            found += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
        else:
            found.append(value)
    return found


def pages(site: Path, with_404: bool) -> list[str]:
    """Every HTML page's address relative to the site's folder ("", "tips/", "404.html")."""
    found = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if with_404 or not rel.endswith("404.html"):
            found.append(rel.removesuffix("index.html"))
    return found


def crawl(start: str, site: Path, with_404: bool = True) -> tuple[set[str], list[str]]:
    """Fetch every page below `start` and everything it links to on this server; what
    was fetched (relative to `start`), and what did not answer 200 or left `start`."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(start))
    queue = [(start + rel, "(start)") for rel in pages(site, with_404)]
    seen: set[str] = set()
    bad = []
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get_content_type()
                body = response.read()
        except urllib.error.HTTPError as err:
            bad.append(f"{url} (linked from {referrer}): {err.code}")
            continue
        if kind not in ("text/html", "text/css"):
            continue
        for link in links_in(body.decode("utf-8"), css=kind == "text/css"):
            target = urldefrag(urljoin(url, link)).url
            if not target.startswith(origin):
                continue  # another site (or mailto:): not this test's business
            if not target.startswith(start):
                bad.append(f"{target} (linked from {url}): outside {start}")
            else:
                queue.append((target, url))
    return {unhashed(url.removeprefix(start)) for url in seen}, bad


def unhashed(path: str) -> str:
    """ "static/css/site.1a2b3c4d5e.css" -> "static/css/site.css" (the published name)."""
    return re.sub(r"\.[0-9a-f]{10}(\.(?:css|js))$", r"\1", path)


# Linked from the pages, so fetched by every crawl: styles, script, images, feeds, exports.
LOADED = {
    "static/css/site.css", "static/js/site.js", "static/js/ondertekenaars.js", "static/img/favicon.svg",
    "static/img/film-poster.svg", "verhalen/feed.xml", "en/ondertekenaars/feed.xml", "ondertekenaars.csv",
    "", "en/", "tips/", "verhalen/lubna/",
}  # fmt: skip


def test_served_at_the_root_every_page_and_every_link_answers(built):
    with served(built) as address:
        fetched, bad = crawl(address, built, with_404=False)  # 404 pages: see the next test
    assert not bad
    assert LOADED <= fetched


def test_served_under_its_published_subpath_everything_answers_even_on_404_pages(built):
    with served(built.parent) as address:
        fetched, bad = crawl(address + PUBLISHED + "/", built, with_404=True)
    assert not bad
    assert LOADED | {"404.html", "en/404.html"} <= fetched


def test_served_under_another_subpath_every_page_and_every_link_answers(built):
    with served(built.parent) as address:
        _, bad = crawl(address + "elders/", built, with_404=False)
    assert not bad


def test_opened_from_disk_every_link_reaches_a_file(built):
    bad = []
    for rel in pages(built, with_404=False):
        page = built / rel / "index.html" if not rel.endswith(".html") else built / rel
        for link in links_in(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z][a-z0-9+.-]*:|//|#", link, re.I):
                continue  # another site, or a place on this page
            path = unquote(urlsplit(link).path)
            target = (page.parent / path).resolve()
            if not target.is_relative_to(built.resolve()):
                bad.append(f"{rel}: {link} leaves the site's folder")
            elif not (target / "index.html" if path.endswith("/") else target).is_file():
                bad.append(f"{rel}: {link} has no file")
    assert not bad


def test_a_404_page_links_from_the_published_path_because_it_is_shown_at_any_address(built):
    html = (built / "404.html").read_text(encoding="utf-8")
    assert re.search(
        rf'<link rel="stylesheet" href="/{PUBLISHED}/static/css/site\.[0-9a-f]{{10}}\.css">', html
    )
    assert 'href="../' not in html and 'href="./' not in html


# In Chromium: the style sheet is applied (the header gets the campaign's colour instead of
# the browser's transparent default) and the menu leads to the next styled page.

STYLED = "getComputedStyle(document.querySelector('.site-header')).backgroundColor != 'rgba(0, 0, 0, 0)'"


@pytest.fixture(scope="module")
def browser():
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def visit_styled_pages(browser, start: str, index: str = "") -> list[str]:
    """Open a story, follow the menu to the tips and the brand link home; what each showed."""
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    response = page.goto(start + "verhalen/lubna/" + index)
    assert response is not None and response.ok
    seen = [page.evaluate(STYLED)]
    page.click(".menu >> text=Tips voor gemeenten")
    page.wait_for_load_state()
    seen += [page.url.removeprefix(start), page.locator("h1").inner_text(), page.evaluate(STYLED)]
    page.click(".brand")
    page.wait_for_load_state()
    poster = "document.querySelector('.film img').naturalWidth"
    seen += [page.url.removeprefix(start), page.evaluate(STYLED), page.evaluate(poster) > 0]
    page.close()
    assert not failed
    return seen


@pytest.mark.browser
def test_styled_with_working_links_at_the_root_in_chromium(built, browser):
    with served(built) as address:
        seen = visit_styled_pages(browser, address)
    assert seen == [True, "tips/", "Tien tips voor gemeenten", True, "", True, True]


@pytest.mark.browser
def test_styled_with_working_links_under_a_subpath_in_chromium(built, browser):
    with served(built.parent) as address:
        seen = visit_styled_pages(browser, address + PUBLISHED + "/")
    assert seen == [True, "tips/", "Tien tips voor gemeenten", True, "", True, True]


@pytest.mark.browser
def test_styled_with_working_links_opened_from_disk_in_chromium(built, browser):
    """From disk a folder link would show the folder: site.js adds index.html there."""
    seen = visit_styled_pages(browser, built.as_uri() + "/", "index.html")
    assert seen == [True, "tips/index.html", "Tien tips voor gemeenten", True, "index.html", True, True]


@pytest.mark.browser
def test_a_missing_address_deep_under_the_subpath_shows_the_styled_404_page(built, browser):
    with served(built.parent, not_found=built / "404.html") as address:
        page = browser.new_page()
        response = page.goto(address + PUBLISHED + "/verhalen/bestaat/niet/")
        assert response is not None and response.status == 404
        assert page.evaluate(STYLED)
        page.click(".brand")
        page.wait_for_load_state()
        assert page.url == address + PUBLISHED + "/"
        page.close()
