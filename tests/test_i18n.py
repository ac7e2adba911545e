"""Languages: the switcher, reciprocal hreflang with x-default, sitemap alternates, the
missing-translations list, checks of the translation files, and a right-to-left fixture
language (Arabic) that is mirrored on screen and passes axe."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from playwright.sync_api import sync_playwright

from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build, check
from sleutelsite.errors import BuildError
from sleutelsite.load import missing_translations

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
_HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("i18n") / "_site"
    build(ROOT, out, base_url="https://example.org/", today=TODAY)
    return out


def page_file(site: Path, url: str) -> Path:
    rel = url.removeprefix("https://example.org/")
    return site / (rel + "index.html" if not rel or rel.endswith("/") else rel)


def test_switcher_goes_to_the_translation_or_to_the_home_with_a_note(real_site):
    manifest = (real_site / "manifest" / "index.html").read_text()
    assert '<a href="../en/manifest/" hreflang="en" lang="en" dir="ltr">English</a></li>' in manifest
    stories = (real_site / "verhalen" / "index.html").read_text()
    assert '<a href="../en/" hreflang="en" lang="en" dir="ltr">English</a>' in stories
    assert "this page is not translated yet" in stories
    english = (real_site / "en" / "tips" / "index.html").read_text()
    assert '<a href="../../tips/" hreflang="nl" lang="nl" dir="ltr">Nederlands</a>' in english


def test_hreflang_is_reciprocal_with_x_default(real_site):
    checked = 0
    for page in real_site.rglob("*.html"):
        links = dict(_HREFLANG.findall(page.read_text()))
        if not links:
            continue
        assert set(links) == {"nl", "en", "x-default"}
        assert links["x-default"] == links["nl"]
        for code in ("nl", "en"):
            other = dict(_HREFLANG.findall(page_file(real_site, links[code]).read_text()))
            assert other == links, page
        checked += 1
    # home, manifesto, tips, signing, signatories, about, 404, the supporters' kit, the
    # toolkit's four pages (index, motion, letter, facts), the map of the municipalities and
    # each of the 342 municipalities, in two languages
    assert checked == 2 * (13 + 342)


def test_sitemap_lists_the_alternates(real_site):
    sitemap = (real_site / "sitemap.xml").read_text()
    entry = sitemap.split("<loc>https://example.org/manifest/</loc>", 1)[1].split("</url>", 1)[0]
    assert '<xhtml:link rel="alternate" hreflang="nl" href="https://example.org/manifest/"/>' in entry
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/manifest/"/>' in entry
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/manifest/"/>' in entry


def test_every_dutch_page_has_an_english_counterpart_or_is_on_the_to_do_list():
    site = check(ROOT, today=TODAY, strict=True)
    todo = set(missing_translations(site)["en"])
    for page in [*site.pages, *site.stories]:
        if page.lang != "nl":
            continue
        has_english = (ROOT / "content" / "en" / Path(page.source).relative_to("content")).is_file()
        assert has_english != (page.source in todo), page.source
    required = {
        "content/index.md",
        "content/manifest.md",
        "content/onderteken.md",
        "content/over.md",
        "content/tips/index.md",
    }
    assert not required & todo


def test_feeds_per_language(real_site):
    assert 'xml:lang="en"' in (real_site / "en" / "ondertekenaars" / "feed.xml").read_text()
    assert 'xml:lang="nl"' in (real_site / "verhalen" / "feed.xml").read_text()
    # The makers of the manifesto have no confirmed signing date: no news item for them.
    assert "<entry>" not in (real_site / "en" / "ondertekenaars" / "feed.xml").read_text()


def test_signatories_feed_in_english_names_who_signed_and_leaves_makers_out(tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", ".cache", "_site*")
    )
    entries = (project / "signatories.yaml").read_text()
    dated = "- name: Stichting Zeebrug\n  type: stichting\n  municipality: Vlissingen\n"
    dated += (
        "  province: Zeeland\n  url: https://zeebrug.example.org/\n  signed: 2026-11-02\n  verified: e-mail\n"
    )
    (project / "signatories.yaml").write_text(entries + "\n" + dated)
    build(project, tmp_path / "_site", base_url="https://example.org/", today=TODAY)
    feed = (tmp_path / "_site" / "en" / "ondertekenaars" / "feed.xml").read_text()
    assert feed.count("<entry>") == 1
    assert "<title>Stichting Zeebrug signs</title>" in feed
    assert "Wikistad" not in feed


def english_project(tmp_path: Path, en_yaml: str) -> Path:
    settings = (ROOT / "tests" / "fixtures" / "mini" / "site.yaml").read_text()
    settings += "  - code: en\n    name: English\n"
    return copy_project(tmp_path / "p", {"site.yaml": settings, "i18n/en.yaml": en_yaml})


def test_a_missing_or_broken_translation_is_named_with_file_and_line(tmp_path):
    text = (ROOT / "i18n" / "en.yaml").read_text()
    text = text.replace("skip_link: Skip to content\n", "").replace(
        'feed_signed: "{name} signs"', 'feed_signed: "Someone signs"'
    )
    text = text.replace("menu_label: Main menu", "menu_labl: Main menu")
    with pytest.raises(BuildError) as info:
        check(english_project(tmp_path, text), today=TODAY)
    report = info.value.report()
    assert "i18n/en.yaml:2: de tekst 'skip_link' ontbreekt (die staat wel in i18n/nl.yaml)." in report
    assert "i18n/en.yaml:4: onbekend veld 'menu_labl'. Bedoel je 'menu_label'?" in report
    assert "de tekst 'feed_signed' moet dezelfde invulplekken hebben als de Nederlandse: {name}." in report


def arabic_translation() -> str:
    """The fixture language: English keys with Arabic text where a reader looks first."""
    data = yaml.safe_load((ROOT / "i18n" / "en.yaml").read_text())
    data.update(
        language_name="العربية", locale="ar", skip_link="انتقل إلى المحتوى", menu_label="القائمة الرئيسية",
        language_switch_label="لغات أخرى", not_translated="هذه الصفحة غير مترجمة بعد",
        footer_call="تطلب من كل بلدية الاعتراف بالأشخاص المفتاحيين.", footer_sign="وقّع البيان",
        footer_film="الفيلم", footer_contact="اتصل بنا", footer_source="الشيفرة المصدرية",
        footer_privacy="هذا الموقع لا يستخدم ملفات تعريف الارتباط.", signed_on="وقّعت في",
    )  # fmt: skip
    data["menu"] = [
        {"title": "البيان", "url": "/manifest/"},
        {"title": "الموقّعون", "url": "/ondertekenaars/"},
    ]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    settings = (ROOT / "tests" / "fixtures" / "mini" / "site.yaml").read_text()
    settings += "  - code: ar\n    name: العربية\n    direction: rtl\n"
    files = {
        "site.yaml": settings,
        "i18n/ar.yaml": arabic_translation(),
        "content/ar/index.md": "---\ntitle: الأشخاص المفتاحيون يعملون\ndescription: صفحة تجريبية.\n---\nنص قصير باللغة العربية.\n",
        "content/ar/ondertekenaars.md": "---\ntitle: الموقّعون\ndescription: قائمة.\nlayout: signatories.html\n---\nهذه المنظمات وقّعت.\n",
    }
    project = copy_project(tmp_path_factory.mktemp("rtl") / "p", files)
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    with serve_folder(out) as address:
        yield out, address


def test_rtl_language_is_marked_and_names_are_isolated(arabic_site):
    out, _ = arabic_site
    html = (out / "ar" / "ondertekenaars" / "index.html").read_text()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<bdi>Stichting Alfa Testhuis</bdi>" in html


def test_rtl_layout_is_mirrored_and_passes_axe(arabic_site, tmp_path):
    _, address = arabic_site
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(address + "/ar/ondertekenaars/")
        page.screenshot(path=str(tmp_path / "rtl.png"), full_page=True)
        brand = page.locator(".brand").bounding_box()
        first_menu = page.locator(".menu li").first.bounding_box()
        heading = page.locator("h1").bounding_box()
        assert brand["x"] > 640  # the site name sits on the right
        assert first_menu["x"] < brand["x"]  # the menu follows it towards the left
        assert heading["x"] + heading["width"] > 640  # the heading starts at the right
        for path in ("/ar/", "/ar/ondertekenaars/"):
            page.goto(address + path)
            violations = Axe().run(page, options=WCAG).response["violations"]
            assert [v["id"] for v in violations] == [], path
        page.goto(address + "/")  # the Dutch page stays left to right
        assert page.locator(".brand").bounding_box()["x"] < 640
        browser.close()
