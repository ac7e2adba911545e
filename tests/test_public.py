"""The public site on the real content, in headless Chromium and the Nu HTML Checker:
accessible (axe-core, WCAG 2.1 A/AA), private (no other hosts on load), valid HTML,
light (HTML + CSS + JS per page at most 30 KB), and readable without JavaScript.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from playwright.sync_api import sync_playwright

from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build

sys.path.insert(0, str(ROOT / "scripts"))
from page_weight import page_weights

pytestmark = pytest.mark.browser
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("public") / "_site"
    build(ROOT, out, base_url="http://127.0.0.1/", today=TODAY)
    return out


# The 342 municipality pages (in each language) share one template: the browser checks
# take these, which cover the longest and shortest names, an alias, accents and a status.
MUNICIPALITY_SAMPLE = {
    "amsterdam",
    "s-gravenhage",
    "sudwest-fryslan",
    "zwolle",
    "nuenen-gerwen-en-nederwetten",
}


def page_paths(site: Path) -> list[str]:
    """Every page's address, but of the municipality pages only the sample."""
    paths = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        parts = rel.split("/")
        if parts[-3:-2] == ["gemeenten"] and parts[-2] not in MUNICIPALITY_SAMPLE:
            continue
        paths.append("/" + rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def browser_and_address(real_build):
    with serve_folder(real_build) as address, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser, address
        browser.close()


def test_every_page_passes_axe_wcag_21_aa(browser_and_address, real_build):
    browser, address = browser_and_address
    axe = Axe()
    failures = {}
    for path in page_paths(real_build):
        page = browser.new_page()
        page.goto(address + path)
        results = axe.run(page, options=WCAG)
        if results.violations_count:
            failures[path] = [
                (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
        page.close()
    assert failures == {}


def test_no_page_requests_another_host_on_load(browser_and_address, real_build):
    browser, address = browser_and_address
    own = urlsplit(address).netloc
    foreign = {}
    for path in page_paths(real_build):
        page = browser.new_page()
        hosts: set[str] = set()
        page.on("request", lambda request, hosts=hosts: hosts.add(urlsplit(request.url).netloc))
        page.goto(address + path, wait_until="networkidle")
        if hosts - {own}:
            foreign[path] = sorted(hosts - {own})
        page.close()
    assert foreign == {}


def test_main_text_is_the_same_without_javascript(browser_and_address, real_build):
    browser, address = browser_and_address
    without = browser.new_context(java_script_enabled=False)
    differing = []
    for path in page_paths(real_build):
        page = browser.new_page()
        page.goto(address + path)
        page.evaluate("document.querySelectorAll('[data-enhanced]').forEach(e => e.remove())")
        with_js = page.inner_text("main")
        page.close()
        plain = without.new_page()
        plain.goto(address + path)
        if plain.inner_text("main") != with_js:
            differing.append(path)
        plain.close()
    without.close()
    assert differing == []


def test_one_h1_and_a_skip_link_on_every_page(real_build):
    for page in real_build.rglob("*.html"):
        html = page.read_text()
        assert html.count("<h1") == 1, page
        assert '<a class="skip-link" href="#inhoud">' in html
        lang = "en" if page.relative_to(real_build).parts[0] == "en" else "nl"
        assert f'<html lang="{lang}" dir="ltr">' in html


def test_html_is_valid_in_the_nu_checker(real_build):
    pages = sorted(str(p) for p in real_build.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [
        (m.get("url", "").rsplit("/_site/", 1)[-1], m.get("lastLine"), m["message"]) for m in messages
    ] == []
    assert result.returncode == 0


def test_the_nu_checker_really_reports_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=nl><title>x</title><p><div></p>")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1


MAP_PAGES = {"gemeenten/index.html", "en/gemeenten/index.html"}  # with the map of the 342: 60 KB


def test_every_page_is_light(real_build):
    heavy = [
        (w.page, w.text_total)
        for w in page_weights(real_build)
        if w.text_total > (60 if w.page in MAP_PAGES else 30) * 1024
    ]
    assert heavy == []
    assert {w.page for w in page_weights(real_build)} >= MAP_PAGES


def test_page_weight_counts_the_css_and_js_of_relative_links(real_build):
    """The build writes site links relative ("../static/css/site.css"); the weight once
    skipped every link not starting with "/", so each page weighed its HTML only."""
    tips = next(w for w in page_weights(real_build) if w.page == "tips/index.html")

    def size(folder: str, *names: str) -> int:
        return sum(
            next((real_build / "static" / folder).glob(f"{n}.*.{folder}")).stat().st_size for n in names
        )

    assert tips.css == size("css", "site", "tips", "share")  # (the tips page links these three)
    assert tips.js == size("js", "site", "share")


def test_film_loads_only_after_a_click_and_only_from_youtube_nocookie(tmp_path, browser_and_address):
    browser = browser_and_address[0]
    project = copy_project(tmp_path / "p")  # the mini fixture has a video id
    (project / "content" / "film.md").write_text(
        "---\ntitle: Film\nlayout: film.html\n---\nTekst.\n\n[[film]]\n"
    )
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    with serve_folder(out) as address:
        page = browser.new_page()
        hosts: list[str] = []
        page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
        page.route(
            "https://www.youtube-nocookie.com/**",
            lambda route: route.fulfill(body="<p>film</p>", content_type="text/html"),
        )
        page.goto(address + "/film/", wait_until="networkidle")
        assert set(hosts) == {urlsplit(address).netloc}
        buttons = page.get_by_role("button", name="Bekijk de film — laadt YouTube")
        assert buttons.count() == 2  # the layout's film and the editor's [[film]] embed
        buttons.first.click()
        page.wait_for_selector("iframe.film-frame")
        assert page.locator("iframe.film-frame").get_attribute("src") == (
            "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"
        )
        page.wait_for_load_state("networkidle")
        assert set(hosts) - {urlsplit(address).netloc} == {"www.youtube-nocookie.com"}
        page.close()


def test_without_javascript_the_film_is_a_plain_link(tmp_path):
    project = copy_project(tmp_path / "p")
    out = project / "_site"
    build(project, out, today=TODAY)
    html = (out / "film" / "index.html").read_text()
    assert '<a class="film-link" href="https://www.youtube.com/watch?v=abcDEF12345">' in html
    assert "<iframe" not in html


def test_sharing_and_finding(real_build):
    home = (real_build / "index.html").read_text()
    for needle in ('<meta name="description"', '<link rel="canonical"', '<meta property="og:image"', '<meta name="twitter:card"', 'rel="icon"', 'type="application/atom+xml"'):  # fmt: skip
        assert needle in home
    sitemap = (real_build / "sitemap.xml").read_text()
    assert "<loc>http://127.0.0.1/tips/</loc>" in sitemap and "404" not in sitemap
    assert "Sitemap: http://127.0.0.1/sitemap.xml" in (real_build / "robots.txt").read_text()
    image = re.search(r'<meta property="og:image" content="http://127\.0\.0\.1/([^"]+)"', home).group(1)
    assert (real_build / image).is_file()
    assert "<entry>" in (real_build / "verhalen" / "feed.xml").read_text()
    signed = (real_build / "ondertekenaars" / "feed.xml").read_text()
    assert "<feed" in signed and "<entry>" not in signed  # the makers have no confirmed signing date


def test_axe_really_reports_violations(browser_and_address):
    page = browser_and_address[0].new_page()
    page.set_content(
        '<html><body><img src="x.png"><p style="color:#aaa;background:#fff">grijs</p></body></html>'
    )
    ids = {v["id"] for v in Axe().run(page, options=WCAG).response["violations"]}
    page.close()
    assert {"image-alt", "color-contrast", "html-has-lang"} <= ids
