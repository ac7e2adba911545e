"""The supporters' kit (/steun/, /en/steun/): badges to download, a snippet that loads
nothing from this site when an organisation pastes it, the campaign image, a press text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, TODAY
from sleutelsite.build import build

BASE = "https://voorbeeld.invalid/campagne/"
STEUN = ROOT / "static" / "steun"
KIT_PAGES = {"nl": "steun/index.html", "en": "en/steun/index.html"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "_site"
    build(ROOT, out, base_url=BASE, today=TODAY)
    return out


def snippet_of(page: Path) -> str:
    """The code an organisation copies: the text of the page's <code id="badge-code">."""
    code = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("code#badge-code")
    assert code is not None, page
    return code.text(deep=True)


def elements(snippet: str) -> list:
    """The elements of pasted HTML, wherever the parser puts them (a <script> alone goes
    to the head)."""
    return [n for n in LexborHTMLParser(snippet).css("*") if n.tag not in ("html", "head", "body")]


def hot_links(snippet: str, base_url: str) -> list[str]:
    """Everything in pasted HTML that a browser would fetch from our site (or any other):
    an address in any attribute but an <a>'s href, and every <script>, <link>, <style>,
    <iframe> or inline style. A link to our site (<a href>) is fine: nothing loads."""
    ours = urlsplit(base_url).netloc
    found = []
    for node in elements(snippet):
        if node.tag in ("script", "link", "style", "iframe", "object", "embed", "source", "picture"):
            found.append(f"<{node.tag}>")
        for name, value in node.attributes.items():
            value = value or ""
            if node.tag == "a" and name == "href":
                continue
            if name == "style" or name == "srcset" or re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", value, re.I):
                found.append(f"{node.tag} {name}={value}")
            elif ours in value:
                found.append(f"{node.tag} {name}={value}")
    return found


@pytest.mark.parametrize("lang", sorted(KIT_PAGES))
def test_kit_snippet_references_no_address_that_a_copy_would_hot_link(site, lang):
    snippet = snippet_of(site / KIT_PAGES[lang])
    assert hot_links(snippet, BASE) == []
    doc = LexborHTMLParser(snippet)
    assert [node.tag for node in elements(snippet)] == ["a", "img"]
    home = BASE if lang == "nl" else BASE + "en/"
    assert doc.css_first("a").attributes["href"] == home
    img = doc.css_first("img").attributes
    assert img["src"] == f"badge-{lang}-light-200.svg"  # the file the organisation downloads and hosts
    svg = ET.parse(STEUN / img["src"]).getroot()
    assert (img["width"], img["height"]) == (svg.get("width"), svg.get("height"))
    assert img["alt"] == svg.find("{http://www.w3.org/2000/svg}title").text


def test_hot_link_check_finds_what_would_load_from_our_site():
    assert hot_links(
        f'<a href="{BASE}"><img src="{BASE}static/steun/badge-nl-light-200.svg" alt="x"></a>', BASE
    )
    assert hot_links(
        f'<img src="//voorbeeld.invalid/b.svg" alt="x"><link rel="stylesheet" href="{BASE}c.css">', BASE
    )
    assert hot_links('<script src="badge.js"></script>', BASE) == ["<script>"]
    assert hot_links('<img src="b.png" srcset="b.png 2x" alt="x">', BASE) == ["img srcset=b.png 2x"]
    assert hot_links(f'<a href="{BASE}"><img src="badge.svg" alt="x"></a>', BASE) == []


@pytest.mark.parametrize("lang", sorted(KIT_PAGES))
def test_kit_offers_every_badge_of_its_language_with_its_true_size(site, lang):
    page = site / KIT_PAGES[lang]
    doc = LexborHTMLParser(page.read_text(encoding="utf-8"))
    downloads = {}
    for link in doc.css(".badge-options a[download]"):
        file = (page.parent / link.attributes["href"]).resolve()
        downloads[file.name] = link.text()
        assert file.read_bytes() == (STEUN / file.name).read_bytes()
    expected = {f"badge-{lang}-{theme}-{width}.{ext}" for theme in ("light", "dark") for width in (200, 400) for ext in ("svg", "png")}  # fmt: skip
    assert set(downloads) == expected
    for name, text in downloads.items():
        svg = ET.parse(STEUN / (name.rsplit(".", 1)[0] + ".svg")).getroot()
        assert text == f"{name.rsplit('.', 1)[1].upper()} {svg.get('width')} × {svg.get('height')}"
    for img in doc.css(".badge-preview"):
        svg = ET.parse(STEUN / Path(img.attributes["src"]).name).getroot()
        assert (img.attributes["width"], img.attributes["height"]) == (svg.get("width"), svg.get("height"))


@pytest.mark.parametrize("lang", sorted(KIT_PAGES))
def test_kit_has_the_campaign_image_and_a_press_text(site, lang):
    html = (site / KIT_PAGES[lang]).read_text(encoding="utf-8")
    up = "../" if lang == "nl" else "../../"
    # a picture: the campaign image in three widths, and its download is the widest JPEG
    assert len(re.findall(rf'<img src="{up}static/img/campagne-960-[0-9a-f]{{10}}\.jpg"', html)) == 1
    assert re.search(rf'href="{up}static/img/campagne-1200-[0-9a-f]{{10}}\.jpg"', html)
    assert ("Perstekst" if lang == "nl" else "Press text") in html
    assert "31" in html and "De Stadscoalitie" in html


def test_sign_page_points_to_the_kit_in_its_language(site):
    for lang, page in (("nl", "onderteken/index.html"), ("en", "en/onderteken/index.html")):
        doc = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
        targets = {urljoin(BASE + page, a.attributes["href"]) for a in doc.css("main a[href]")}
        assert BASE + KIT_PAGES[lang].removesuffix("index.html") in targets, lang
