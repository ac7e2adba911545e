"""Issue 16's share cards on the built site: every story (and every other page) has its
own og:image, a 1200 x 630 PNG under 300 KB at an absolute address, the same bytes from
two cold builds, and a warm build draws no card again."""

from __future__ import annotations

import dataclasses
import html
import io
import re
from pathlib import Path

import pytest
from PIL import Image

import sleutelsite.render.share_card as share_card
from conftest import ROOT, TODAY
from sleutelsite.build import build
from sleutelsite.kinds import STORY
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.model import Page
from sleutelsite.render.cards import CardWords, card_words
from sleutelsite.speed import Plan

REAL_BASE = "https://example.org/campagne/"


def head(page: Path) -> dict[str, str]:
    """The <meta property|name=... content=...> of a page."""
    text = page.read_text(encoding="utf-8")
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', text)
    return {name: html.unescape(value) for name, value in found}


def cards(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "kaarten").glob("*.png"))}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cards") / "_site"
    build(ROOT, out, base_url=REAL_BASE, today=TODAY, use_cache=False)
    return out


def test_every_story_page_has_its_own_card_as_og_image(real_site):
    stories = sorted(p for p in (real_site / "verhalen").glob("*/index.html"))
    assert len(stories) >= 3
    seen = set()
    for page in stories:
        meta = head(page)
        url = meta["og:image"]
        assert re.fullmatch(re.escape(REAL_BASE) + r"kaarten/[0-9a-f]{16}\.png", url), url
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["og:image:type"] == "image/png"
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:title"] in meta["og:image:alt"]
        png = (real_site / url.removeprefix(REAL_BASE)).read_bytes()
        assert len(png) < 300 * 1024
        with Image.open(io.BytesIO(png)) as im:
            assert (im.format, im.size) == ("PNG", (1200, 630))
        seen.add(url)
    assert len(seen) == len(stories)  # distinct


def test_every_page_of_the_real_site_has_a_card_that_exists(real_site):
    pages = sorted(real_site.rglob("*.html"))
    images = {head(page)["og:image"] for page in pages}
    assert all(url.startswith(REAL_BASE + "kaarten/") for url in images)
    assert {url.removeprefix(REAL_BASE + "kaarten/") for url in images} == set(cards(real_site))


def story(name: str) -> str:
    return f"---\nname: {name}\ndate: 2026-11-02\nsummary: Over {name}.\n---\nTekst.\n"


@pytest.fixture
def project(make_project) -> Path:
    return make_project({f"content/verhalen/persoon-{n}.md": story(f"Persoon {n}") for n in range(6)})


def test_two_cold_builds_give_the_same_card_bytes(project, tmp_path):
    build(project, tmp_path / "one", today=TODAY, use_cache=False, plan=Plan.serial())
    build(project, tmp_path / "two", today=TODAY, use_cache=False, plan=Plan.sharing_everything())
    first = cards(tmp_path / "one")
    assert len(first) >= 6 + 1  # the stories and the other pages
    assert cards(tmp_path / "two") == first


def test_a_warm_build_draws_no_card_again(project, tmp_path, monkeypatch):
    drawn: list[str] = []
    draw = share_card.CardPainter.png

    def counting(painter, title, subtitle):
        drawn.append(title)
        return draw(painter, title, subtitle)

    monkeypatch.setattr(share_card.CardPainter, "png", counting)
    build(project, tmp_path / "cold", today=TODAY, plan=Plan.serial())
    assert len(drawn) == len(cards(tmp_path / "cold"))
    assert "Persoon 3" in drawn
    drawn.clear()
    build(project, tmp_path / "warm", today=TODAY, plan=Plan.serial())
    assert drawn == []
    assert cards(tmp_path / "warm") == cards(tmp_path / "cold")
    (project / "content/verhalen/persoon-3.md").write_text(story("Persoon Drie"), encoding="utf-8")
    build(project, tmp_path / "edited", today=TODAY, plan=Plan.serial())
    assert drawn == ["Persoon Drie"]  # only the card whose words changed
    assert len(cards(tmp_path / "edited")) == len(cards(tmp_path / "cold"))  # the old card is gone


def test_a_page_with_its_own_picture_keeps_it(make_project, tmp_path):
    project = make_project(
        {
            "content/extra.md": "---\ntitle: Extra\nimage: /static/img/favicon.svg\nimage_alt: Het logo.\n---\nTekst.\n"
        }
    )
    build(project, tmp_path / "out", today=TODAY, use_cache=False)
    meta = head(tmp_path / "out" / "extra" / "index.html")
    assert meta["og:image"].endswith("/static/img/favicon.svg")
    assert meta["og:image:alt"] == "Het logo."
    assert "og:image:width" not in meta


def test_a_kind_that_declares_no_share_card_gets_none(make_project):
    site = load_site(make_project(), Options(today=TODAY))
    page = Page("/verhalen/a/", "a.md", 1, "A", "Over A.", "", "story.html", "nl")
    assert card_words(site, [(STORY, page)]) == {"/verhalen/a/": CardWords("A", "Over A.")}
    assert card_words(site, [(dataclasses.replace(STORY, share_card=False), page)]) == {}
    untitled = dataclasses.replace(page, description="")
    assert card_words(site, [(STORY, untitled)])["/verhalen/a/"].subtitle == site.settings.description


def test_a_project_kind_with_share_card_false_shares_the_card_of_its_index_page(make_project, tmp_path):
    from test_kinds import event_project

    project = event_project(make_project)
    kinds = (project / "kinds.yaml").read_text(encoding="utf-8")
    assert "\n  plural: events\n" in kinds
    (project / "kinds.yaml").write_text(
        kinds.replace("\n  plural: events\n", "\n  plural: events\n  share_card: false\n"), encoding="utf-8"
    )
    result = build(project, tmp_path / "out", today=TODAY, use_cache=False)
    assert result.site.kind("event").share_card is False
    meta = head(tmp_path / "out" / "agenda" / "buurtavond" / "index.html")
    index = head(tmp_path / "out" / "agenda" / "index.html")
    assert index["og:image"].startswith("https://example.org/kaarten/")
    assert meta["og:image"] == index["og:image"]


def test_a_card_is_named_after_all_it_is_drawn_from():
    from sleutelsite.render.cards import CardMaker, CardNames, _colours, _fonts
    from sleutelsite.render.share_card import CardColours, CardFonts

    maker = CardMaker("Sleutelpersonen Werken", _fonts(ROOT), _colours(ROOT))
    words = CardWords("Lubna", "Sleutelpersoon")
    name = CardNames(maker.inputs())(words)
    assert re.fullmatch(r"[0-9a-f]{16}\.png", name)
    assert CardNames(maker.inputs())(words) == name  # the same inputs: the same address
    others = [
        CardMaker("Een andere campagne", maker.fonts, maker.colours),
        CardMaker(maker.site_name, CardFonts(maker.fonts.regular, maker.fonts.regular), maker.colours),
        CardMaker(maker.site_name, maker.fonts, CardColours(background="#123456")),
    ]
    names = {CardNames(other.inputs())(words) for other in others}
    names |= {
        CardNames(maker.inputs())(CardWords(*other))
        for other in [("Lubna", ""), ("Sakina", "Sleutelpersoon")]
    }
    names |= {CardNames(maker.inputs())(CardWords("Lubn", "aSleutelpersoon"))}  # (parts kept apart)
    assert name not in names and len(names) == 6
    inputs = maker.inputs()
    assert share_card.RENDERER_VERSION in inputs  # a new drawing: new addresses
    from sleutelsite.cache.fingerprint import pillow_release

    assert pillow_release() in inputs


def test_a_font_folder_without_both_fonts_draws_with_the_engines(make_project, tmp_path):
    project = make_project({"data/fonts/README.md": "Onze eigen letters, later.\n"})
    for font in (project / "data" / "fonts").glob("*.ttf"):
        font.unlink()
    build(project, tmp_path / "_site", today=TODAY, use_cache=False, plan=Plan.serial())
    assert cards(tmp_path / "_site")


def test_a_stylesheet_that_is_not_utf8_is_named_with_its_line(make_project, tmp_path):
    from sleutelsite.errors import BuildError

    project = make_project()
    css = project / "static" / "css" / "site.css"
    lines = css.read_bytes().count(b"\n")
    css.write_bytes(css.read_bytes() + b"/* caf\xe9 */\n")
    with pytest.raises(BuildError) as info:
        build(project, tmp_path / "_site", today=TODAY, use_cache=False, plan=Plan.serial())
    report = info.value.report()
    assert f"static/css/site.css:{lines + 1}: het bestand is geen UTF-8-tekst" in report
    assert "byte 0xE9" in report
