"""The supporters' badges in static/steun/: exactly what scripts/make_badges.py makes, in
SVG and PNG, light and dark, two sizes; accessible images with enough contrast."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

from PIL import Image

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_badges

STEUN = ROOT / "static" / "steun"
SVG = "{http://www.w3.org/2000/svg}"


def contrast(one: str, other: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_committed_badges_are_exactly_what_the_script_makes():
    made = make_badges.badge_files()
    committed = {f.name: f.read_bytes() for f in sorted(STEUN.iterdir()) if f.suffix in (".svg", ".png")}
    assert sorted(committed) == sorted(made), "run: python scripts/make_badges.py"
    assert [name for name in made if committed[name] != made[name]] == [], (
        "run: python scripts/make_badges.py"
    )


def test_every_language_theme_and_size_in_svg_and_png():
    names = {f.name for f in STEUN.iterdir()}
    for lang in ("nl", "en"):
        for theme in ("light", "dark"):
            for width in (200, 400):
                assert {f"badge-{lang}-{theme}-{width}.svg", f"badge-{lang}-{theme}-{width}.png"} <= names


def test_pngs_have_the_svgs_size():
    for badge in make_badges.all_badges():
        svg = ET.parse(STEUN / f"{badge.stem}.svg").getroot()
        with Image.open(STEUN / f"{badge.stem}.png") as png:
            assert png.size == (int(svg.get("width")), int(svg.get("height"))), badge.stem


def test_svg_badges_are_images_with_a_title_and_nothing_but_drawing():
    for badge in make_badges.all_badges():
        svg = ET.parse(STEUN / f"{badge.stem}.svg").getroot()
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == "title"
        assert svg.find(f"{SVG}title").text == badge.label
        assert svg.get("lang") == badge.lang
        tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
        assert tags <= {"svg", "title", "rect", "g", "circle", "path"}, badge.stem  # no text: no font needed
    assert make_badges.Badge("nl", "light", 200).label == "Wij steunen Sleutelpersonen Werken"


def test_badge_text_has_aa_contrast_on_light_and_dark():
    for name, theme in make_badges.THEMES.items():
        assert contrast(theme.lead, theme.background) >= 4.5, name
        assert contrast(theme.name, theme.background) >= 4.5, name
        assert contrast(theme.key, theme.tile) >= 3, name  # the key: a graphic, 3:1


def test_contrast_is_the_wcag_formula():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_png_text_pixels_are_the_theme_colour():
    """The PNG is drawn from the same theme: its darkest pixel on light is the text's ink."""
    with Image.open(STEUN / "badge-nl-light-400.png") as png:
        colours = {colour for _, colour in png.convert("RGB").getcolors(1 << 20)}
    assert (0x1D, 0x24, 0x30) in colours and (0x0B, 0x5D, 0x66) in colours
