"""Issue 16's share cards: 1200 x 630, well under WhatsApp's 300 KB, the same bytes for
the same words, in the campaign's colours, titles of any length fitted."""

from __future__ import annotations

import io
import random

import pytest
import yaml
from PIL import Image, ImageChops, ImageDraw

from conftest import ROOT
from sleutelsite.render.card_text import Face, font, lines
from sleutelsite.render.share_card import (
    CardColours,
    card_fonts,
    colours_from_css,
    share_card_png,
)

SITE = "Sleutelpersonen Werken"
LONG_TITLE = (
    "Ervaringsdeskundigheidsbevorderingsprogramma's voor naïeve coördinatoren: een héél lange "
    "titel over sleutelpersonen in de gemeente, met ë en ï, die veel te lang is voor één kaart, "
    "echt waar en nu écht"
)


@pytest.fixture(scope="module")
def fonts():
    return card_fonts(ROOT)


def real_titles() -> list[str]:
    titles = []
    for file in sorted((ROOT / "content").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
            titles += [str(meta[key]) for key in ("title", "name") if key in meta]
    return sorted(titles, key=len, reverse=True)


def test_card_is_1200_by_630_png_well_under_300_kb_for_the_longest_titles(fonts):
    assert len(LONG_TITLE) == 200
    titles = real_titles()
    assert len(titles) > 20
    for title in [*titles[:3], LONG_TITLE]:
        png = share_card_png(title, "Een verhaal uit het filmmanifest, met ë en ï.", SITE, fonts)
        im = Image.open(io.BytesIO(png))
        assert (im.format, im.size) == ("PNG", (1200, 630))
        assert len(png) < 300 * 1024, (title, len(png))


def test_same_words_give_the_same_bytes_and_other_words_other_bytes(fonts):
    first = share_card_png("Lubna", "Sleutelpersoon", SITE, fonts)
    assert share_card_png("Lubna", "Sleutelpersoon", SITE, fonts) == first
    assert share_card_png("Sakina", "Sleutelpersoon", SITE, fonts) != first
    assert share_card_png("Lubna", "Sleutelpersoon in Zwolle", SITE, fonts) != first


def test_card_is_in_the_campaign_colours(fonts):
    im = Image.open(io.BytesIO(share_card_png("Lubna", "", SITE, fonts))).convert("RGB")
    assert im.getpixel((5, 5)) == (0x0B, 0x5D, 0x66)  # --brand
    assert im.getpixel((600, 625)) == (0xF2, 0xB1, 0x38)  # --accent


def test_colours_come_from_the_stylesheet():
    css = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert colours_from_css(css) == CardColours()
    assert colours_from_css(":root { --brand: #123456; }").background == "#123456"


def test_long_word_is_broken_between_syllables(fonts):
    face = Face(font(fonts.bold, 80))
    found = lines("Ervaringsdeskundigheidsbevorderingsprogramma", face, 1040, 3)
    assert found == ["Ervaringsdeskundig-", "heidsbevorderingspro-", "gramma"]
    assert all(face.font.getlength(line) <= 1040 for line in found)


def test_too_long_title_ends_in_an_ellipsis_with_its_diacritics_kept(fonts):
    face = Face(font(fonts.bold, 50))
    found = lines(LONG_TITLE, face, 1040, 5)
    assert len(found) == 5
    assert found[-1] == "gemeente, met ë en ï, die veel te…"  # ends after a whole word
    assert "naïeve coördinatoren:" in " ".join(found)
    assert all(face.font.getlength(line) <= 1040 for line in found)
    assert lines("Kort", face, 1040, 5) == ["Kort"]


WORDS = (
    "sleutelpersoon gemeente wijk Ëlla Zoë zorg huisvesting bevorderingsprogramma's ÉÉN jjjj "
    "Tv AVAVA Wat? fjord 'citaat' (haakjes) Yvonne T.W. r,g … 12:30 — ÿ Ŋ ẞ ∑ 😀 عربي \u0308 \u0301a"
).split()  # (a combining mark after a space reaches back into the word before it)


@pytest.mark.parametrize("which,size", [("bold", 80), ("bold", 56), ("bold", 50), ("regular", 32)])
def test_a_line_drawn_word_by_word_has_the_pixels_of_the_line_drawn_whole(fonts, which, size):
    face = Face(font(getattr(fonts, which), size))
    rng = random.Random(size)
    lines_tried = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) for _ in range(60)]
    between_pixels = 0
    for line in [*lines_tried, "zorg zorg zorg", "a  b", "fjord \u0308", "AV \u0308", "T \u0308 T"]:
        whole = Image.new("L", (2600, 200), 0)
        ImageDraw.Draw(whole).text((80, 50), line, font=face.font, fill=255)
        by_word = Image.new("L", (2600, 200), 0)
        face.draw(by_word, (80, 50), line, bytes(range(256)))
        assert ImageChops.difference(whole, by_word).getbbox() is None, line
        assert face.width(line) == face.font.getlength(line), line
        between_pixels += face.width(line) % 1 != 0
    assert between_pixels  # kerned pairs leave the pen between pixels: that case is tried


def test_fonts_are_shipped_with_their_licence():
    folder = ROOT / "data" / "fonts"
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "fonts-dejavu-core" in readme and "DejaVuSans-Bold.ttf" in readme
