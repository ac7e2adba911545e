"""Share links (templates/_share.html) on the home page, the tips and every story: plain
links to WhatsApp, e-mail and LinkedIn with the page's canonical address, "copy link" and
the browser's share menu only with JavaScript, and nothing loaded from another host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder, wait_until
from playwright.sync_api import sync_playwright
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, TODAY
from sleutelsite.build import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real site, built for the address it is served at (so canonical = location)."""
    out = tmp_path_factory.mktemp("share") / "_site"
    out.mkdir()
    with serve_folder(out) as address, sync_playwright() as pw:
        build(ROOT, out, base_url=address + "/", today=TODAY)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield out, address, browser
        browser.close()


def share_pages(site: Path) -> list[str]:
    """Pages that must have share links: both home pages and tips pages, every story."""
    stories = sorted(p.parent for p in site.glob("**/verhalen/*/index.html"))
    pages = ["/", "/en/", "/tips/", "/en/tips/"] + [
        "/" + p.relative_to(site).as_posix() + "/" for p in stories
    ]
    assert len(stories) >= 3
    return pages


def test_every_story_home_and_tips_page_shares_its_canonical_address(served):
    site, address, _ = served
    for path in share_pages(site):
        doc = LexborHTMLParser((site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
        canonical = doc.css_first('link[rel="canonical"]').attributes["href"]
        assert canonical == address + path
        share = doc.css_first("section.share")
        assert share is not None, path
        links = {
            urlsplit(a.attributes["href"]).netloc or "mailto": a.attributes["href"] for a in share.css("a")
        }
        assert sorted(links) == ["mailto", "wa.me", "www.linkedin.com"], path
        assert parse_qs(urlsplit(links["wa.me"]).query)["text"][0].endswith(" " + canonical)
        assert parse_qs(urlsplit(links["www.linkedin.com"]).query) == {"url": [canonical]}
        assert links["www.linkedin.com"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
        mail = urlsplit(links["mailto"])
        assert mail.path == "" and parse_qs(mail.query)["body"] == [canonical]
        assert share.css_first("button[data-copy]").attributes["data-copy"] == canonical
        assert share.css_first("button[data-share]").attributes["data-share"] == canonical
        assert all("hidden" in b.attributes for b in share.css("button")), path
        assert all(svg.attributes.get("aria-hidden") == "true" for svg in share.css("svg")), path
        assert all(a.text(strip=True) for a in share.css("a, button")), path  # visible text
        assert not share.css("img, iframe, link, script"), path


def test_no_request_leaves_the_site_on_load_or_when_the_share_links_are_shown(served):
    site, address, browser = served
    own = urlsplit(address).netloc
    foreign, seen = {}, set()
    for path in share_pages(site):
        page = browser.new_page(viewport={"width": 375, "height": 700})
        hosts: set[str] = set()
        page.on("request", lambda request, hosts=hosts: hosts.add(urlsplit(request.url).netloc))
        page.goto(address + path, wait_until="networkidle")
        share = page.locator("section.share")
        share.scroll_into_view_if_needed()
        for link in share.locator("a, button:visible").all():
            link.hover()
            link.focus()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        if hosts - {own}:
            foreign[path] = sorted(hosts - {own})
        seen |= hosts
        page.close()
    assert foreign == {}
    assert own in seen  # the recorder saw the page itself


def test_copy_link_copies_the_canonical_address_and_says_so(served):
    _, address, browser = served
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(address + "/verhalen/lubna/")
    status = page.locator("#share-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == ""
    page.get_by_role("button", name="Kopieer de link").click()
    wait_until(page, "document.getElementById('share-status').textContent !== ''")
    assert status.inner_text() == "De link is gekopieerd."
    assert page.evaluate("navigator.clipboard.readText()") == address + "/verhalen/lubna/"
    context.close()


def test_a_failed_copy_says_what_to_do_instead(served):
    _, address, browser = served
    page = browser.new_page()
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('no'))}});"
        "document.execCommand = () => false;"
    )
    page.goto(address + "/en/tips/")
    page.get_by_role("button", name="Copy link").click()
    wait_until(page, "document.getElementById('share-status').textContent !== ''")
    assert page.locator("#share-status").inner_text() == (
        "Copying did not work: copy the address from your browser's address bar."
    )
    page.close()


def test_without_javascript_only_the_plain_share_links_show(served):
    _, address, browser = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(address + "/verhalen/lubna/")
    share = page.locator("section.share")
    assert [a.inner_text() for a in share.locator("a").all()] == ["WhatsApp", "E-mail", "LinkedIn"]
    assert all(a.is_visible() for a in share.locator("a").all())
    assert share.locator("button").count() == 2
    assert share.locator("button:visible").count() == 0
    context.close()


def test_web_share_button_only_where_the_browser_can_share(served):
    _, address, browser = served
    page = browser.new_page()
    page.goto(address + "/tips/")
    has_share = page.evaluate("typeof navigator.share === 'function'")
    assert page.get_by_role("button", name="Delen via…").is_visible() == has_share
    page.close()
    page = browser.new_page()
    page.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    page.goto(address + "/tips/")
    page.get_by_role("button", name="Delen via…").click()
    assert page.evaluate("window.shared") == {"title": "Tien tips voor gemeenten · Sleutelpersonen Werken", "url": address + "/tips/"}  # fmt: skip
    page.close()


def test_kit_copy_button_copies_the_snippet(served):
    _, address, browser = served
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(address + "/en/steun/")
    page.get_by_role("button", name="Copy the code").click()
    wait_until(page, "document.getElementById('code-status').textContent !== ''")
    assert page.locator("#code-status").inner_text() == "The code has been copied."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#badge-code").inner_text()
    assert copied.startswith(f'<a href="{address}/en/"><img src="badge-en-light-200.svg" ')
    context.close()
