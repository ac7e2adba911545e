"""The built site in real headless Chromium."""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder, wait_until
from playwright.sync_api import Browser, sync_playwright

from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build

pytestmark = pytest.mark.browser

PROVINCES = ["Drenthe", "Fryslân", "Utrecht", "Utrecht", "Zeeland", "Utrecht"]


def synthetic_signatories() -> str:
    entries = []
    for number, (letter, province) in enumerate(zip("ABCDEF", PROVINCES, strict=True), start=1):
        entries.append(
            f"- name: {letter}-testorganisatie\n  type: {'zorg' if number % 2 else 'stichting'}\n"
            f"  municipality: Plaats{letter}\n  province: {province}\n"
            f"  url: https://{letter.lower()}.example.net/\n  signed: 2026-0{number}-01\n  verified: e-mail\n"
        )
    return "\n".join(entries)


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("p") / "p", {"signatories.yaml": synthetic_signatories()})
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    with serve_folder(out) as address:
        yield address


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "_site"
    build(ROOT, out, base_url="http://127.0.0.1/", today=TODAY)
    with serve_folder(out) as address:
        yield address


def visible_names(page) -> list[str]:
    return page.locator(".signatory:visible .signatory-name").all_inner_texts()


def test_filter_by_province_shows_the_right_entries_and_count(browser, mini_site):
    page = browser.new_page()
    page.goto(mini_site + "/ondertekenaars/")
    assert page.locator("#filter-count").inner_text() == "6 van 6 organisaties"
    page.select_option("select[name=province]", "Utrecht")
    assert visible_names(page) == ["C-testorganisatie", "D-testorganisatie", "F-testorganisatie"]
    assert page.locator("#filter-count").inner_text() == "3 van 6 organisaties"
    assert page.locator("#filter-count").get_attribute("aria-live") == "polite"
    page.select_option("select[name=type]", "zorg")
    assert visible_names(page) == ["C-testorganisatie"]
    page.select_option("select[name=province]", "")
    page.select_option("select[name=type]", "")
    page.fill("input[name=q]", "plaatse")
    assert visible_names(page) == ["E-testorganisatie"]
    page.fill("input[name=q]", "bestaat niet")
    assert visible_names(page) == []
    assert page.locator("[data-empty]").is_visible()
    page.close()


def test_without_javascript_every_entry_is_listed(browser, mini_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(mini_site + "/ondertekenaars/")
    assert len(visible_names(page)) == 6
    assert not page.locator("form.filter").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path", ["/", "/manifest/", "/tips/", "/ondertekenaars/", "/verhalen/sakina/", "/onderteken/"]
)
def test_real_pages_reflow_at_320px_without_horizontal_scrolling(browser, real_site, path):
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(real_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_waiting_in_the_browser_works_under_our_content_security_policy(tmp_path, browser):
    """The wait the browser tests use polls from Python, so a condition that becomes true
    only after the first look still passes on a page whose policy forbids eval (Playwright's
    own wait_for_function failed there with an EvalError, only when the page was slow)."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'self'; script-src 'self'\"><script src=\"late.js\"></script>"
        "</head><body>x</body></html>"
    )
    (tmp_path / "late.js").write_text("setTimeout(function () { window.__late = true; }, 400);")
    with serve_folder(tmp_path) as address:
        page = browser.new_page()
        page.goto(address + "/")
        assert page.evaluate("window.__late === true") is False  # so the wait has to poll
        wait_until(page, "window.__late === true", timeout=5)
        with pytest.raises(AssertionError, match="still false"):
            wait_until(page, "window.__never === true", timeout=0.3)
        page.close()
