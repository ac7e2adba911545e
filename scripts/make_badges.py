#!/usr/bin/env python3
"""Makes the supporters' badges in static/steun/ ("Wij steunen Sleutelpersonen Werken").

    python scripts/make_badges.py

One template, drawn per language (nl, en), theme (light, dark) and width (200, 400 px),
as SVG and as PNG: static/steun/badge-nl-light-200.svg, ... (16 files). The SVG draws its
text as paths (from the DejaVu fonts in data/fonts/, with fontTools), so it looks the same
everywhere and needs no font; it is an image with a <title> for screen readers. The PNG is
drawn with Pillow from the same layout. Run it again after changing this file and commit
the output; tests/test_badges.py checks that the committed files equal what it makes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "data" / "fonts"
OUT = ROOT / "static" / "steun"

# The words per language: the campaign's name stays Dutch in every language.
WORDS = {
    "nl": ("Wij steunen", "Sleutelpersonen", "Werken"),
    "en": ("We support", "Sleutelpersonen", "Werken"),
}
WIDTHS = (200, 400)  # px, the badge's two sizes


@dataclass(frozen=True)
class Theme:
    background: str
    border: str  # "" for none
    lead: str  # "Wij steunen"
    name: str  # "Sleutelpersonen Werken"
    tile: str  # the square behind the key
    key: str


# The site's colours (static/css/site.css). Text contrast is checked in tests/test_badges.py.
THEMES = {
    "light": Theme("#fffdf9", "#0b5d66", "#1d2430", "#0b5d66", "#0b5d66", "#f2b138"),
    "dark": Theme("#07434a", "", "#ffffff", "#f2b138", "#0b5d66", "#f2b138"),
}

# The layout in units of a 120-unit-high badge. Lines: (text index, font, size, baseline).
HEIGHT = 120
TEXT_X = 112
PAD_END = 18
LINES = (
    (0, "DejaVuSans.ttf", 21, 40),
    (1, "DejaVuSans-Bold.ttf", 25, 72),
    (2, "DejaVuSans-Bold.ttf", 25, 102),
)
TILE = (16, 20, 80)  # x, y, size of the square behind the key
RADIUS = 14


@dataclass(frozen=True)
class Badge:
    lang: str
    theme: str
    width: int  # px

    @property
    def stem(self) -> str:
        return f"badge-{self.lang}-{self.theme}-{self.width}"

    @property
    def label(self) -> str:
        return " ".join(WORDS[self.lang])


def all_badges() -> list[Badge]:
    return [Badge(lang, theme, width) for lang in WORDS for theme in THEMES for width in WIDTHS]


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _font(name: str) -> TTFont:
    return TTFont(FONTS / name)


def text_width(font: TTFont, text: str, size: float) -> float:
    """The advance of `text` in badge units (no kerning, as Pillow's basic layout)."""
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return sum(metrics[cmap[ord(c)]][0] for c in text) * size / font["head"].unitsPerEm


def text_path(font: TTFont, text: str, size: float, x: float, baseline: float) -> str:
    """The outline of `text` as SVG path data, its baseline starting at (x, baseline)."""
    cmap, glyphs = font.getBestCmap(), font.getGlyphSet()
    scale = size / font["head"].unitsPerEm
    parts = []
    for char in text:
        name = cmap[ord(char)]
        pen = SVGPathPen(glyphs, ntos=_number)
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        parts.append(pen.getCommands())
        x += font["hmtx"].metrics[name][0] * scale
    return "".join(parts)


def units_wide(fonts: dict[str, TTFont]) -> int:
    """The badge's width in units: the same for every language, so sizes match."""
    longest = max(
        text_width(fonts[font], words[i], size) for words in WORDS.values() for i, font, size, _ in LINES
    )
    return round(TEXT_X + longest + PAD_END)


def key_shapes(theme: Theme) -> str:
    """The key of the favicon (static/img/favicon.svg) on its square."""
    x, y, size = TILE
    return (
        f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="{RADIUS}" fill="{theme.tile}"/>'
        f'<g transform="translate({x} {y}) scale({_number(size / 32)})" fill="none" stroke="{theme.key}"'
        ' stroke-width="3.5" stroke-linecap="round">'
        '<circle cx="13" cy="14" r="6"/><path d="M17 18l8 8M21 22l2-2M23.5 24.5l2-2"/></g>'
    )


def badge_svg(badge: Badge, fonts: dict[str, TTFont]) -> bytes:
    theme, words = THEMES[badge.theme], WORDS[badge.lang]
    wide = units_wide(fonts)
    px_high = round(badge.width * HEIGHT / wide)
    border = (
        f'<rect x="1" y="1" width="{wide - 2}" height="{HEIGHT - 2}" rx="{RADIUS - 1}" fill="{theme.background}"'
        f' stroke="{theme.border}" stroke-width="2"/>'
        if theme.border
        else f'<rect width="{wide}" height="{HEIGHT}" rx="{RADIUS}" fill="{theme.background}"/>'
    )
    lines = "".join(
        f'<path fill="{theme.lead if i == 0 else theme.name}" d="{text_path(fonts[font], words[i], size, TEXT_X, base)}"/>'
        for i, font, size, base in LINES
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{badge.width}" height="{px_high}"'
        f' viewBox="0 0 {wide} {HEIGHT}" role="img" aria-labelledby="title" lang="{badge.lang}">'
        f'<title id="title">{badge.label}</title>{border}{key_shapes(theme)}{lines}</svg>\n'
    )
    return svg.encode("utf-8")


def badge_png(badge: Badge, fonts: dict[str, TTFont]) -> bytes:
    """The same badge drawn with Pillow, four times larger and scaled down (smooth edges)."""
    theme, words = THEMES[badge.theme], WORDS[badge.lang]
    wide = units_wide(fonts)
    px_high = round(badge.width * HEIGHT / wide)
    k = 4 * badge.width / wide  # pixels of the large drawing per unit
    image = Image.new("RGBA", (4 * badge.width, round(4 * px_high)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    box = (0, 0, image.width - 1, image.height - 1)
    if theme.border:
        draw.rounded_rectangle(box, RADIUS * k, fill=theme.border)
        inset = 2 * k
        inner = (inset, inset, image.width - 1 - inset, image.height - 1 - inset)
        draw.rounded_rectangle(inner, (RADIUS - 2) * k, fill=theme.background)
    else:
        draw.rounded_rectangle(box, RADIUS * k, fill=theme.background)
    x, y, size = TILE
    draw.rounded_rectangle((x * k, y * k, (x + size) * k, (y + size) * k), RADIUS * k, fill=theme.tile)
    unit = k * size / 32  # pixels per unit of the favicon's 32-unit drawing
    stroke = 3.5 * unit

    def at(px: float, py: float) -> tuple[float, float]:
        return (x * k + px * unit, y * k + py * unit)

    cx, cy = at(13, 14)
    r = 6 * unit + stroke / 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=theme.key, width=round(stroke))
    for start, end in (((17, 18), (25, 26)), ((21, 22), (23, 20)), ((23.5, 24.5), (25.5, 22.5))):
        a, b = at(*start), at(*end)
        draw.line((a, b), fill=theme.key, width=round(stroke))
        for px, py in (a, b):  # round caps
            draw.ellipse((px - stroke / 2, py - stroke / 2, px + stroke / 2, py + stroke / 2), fill=theme.key)
    for i, font, size, base in LINES:
        face = ImageFont.truetype(str(FONTS / font), round(size * k), layout_engine=ImageFont.Layout.BASIC)
        colour = theme.lead if i == 0 else theme.name
        draw.text((TEXT_X * k, base * k), words[i], font=face, fill=colour, anchor="ls")
    small = image.resize((badge.width, px_high), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


def badge_files() -> dict[str, bytes]:
    """Every badge file: name in static/steun/ -> bytes."""
    fonts = {name: _font(name) for _, name, _, _ in LINES}
    files = {}
    for badge in all_badges():
        files[badge.stem + ".svg"] = badge_svg(badge, fonts)
        files[badge.stem + ".png"] = badge_png(badge, fonts)
    return dict(sorted(files.items()))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in badge_files().items():
        (OUT / name).write_bytes(data)
        print(f"{OUT / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
