"""Share cards (issue 16): the 1200 x 630 picture a chat app or social site shows when a
page is shared, as `og:image`. Pure: the fonts come in as bytes and the colours as
values, so a card can be memoised by a hash of its words.

The card is in the campaign's colours (read from the custom properties in
static/css/site.css by `colours_from_css`): the site's mark and name at the top, the
title large and wrapped to fit (a word too long for a line is broken with a hyphen; a
title too long for the card ends in an ellipsis), the subtitle under it. Drawn with
DejaVu Sans, shipped in data/fonts/ (see its README for where it comes from and its
licence), laid out with FreeType's basic layout, so the same words give the same bytes
on every machine with the same Pillow. Saved as a PNG with a fixed palette: the
background, and 15 steps from it to each colour drawn on it (the edges of smooth text
are such blends), so the brand colours stay exact. `CardPainter` draws what every card
shares once and pastes each card's words, drawn once per process, straight into
palette entries (card_text.py); zlib's RLE strategy packs it, and only the rows with
words are packed per card (card_png.py). About
5-30 KB, far under the 300 KB above which WhatsApp drops a preview; choosing 64 colours
and `optimize` took 110 ms a card (benchmarks/card_speed.py prints today's figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sleutelsite.render.card_png import PalettePng
from sleutelsite.render.card_text import Face, fit, font, lines, plain

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: a warm build draws none
    from PIL import Image

WIDTH, HEIGHT = 1200, 630
FONT_FOLDER = Path("data") / "fonts"
FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf")  # bold, regular
_MARGIN = 80
_TITLE_SIZES = (80, 72, 64, 56, 50)
_TITLE_BOX = 300  # pixels of height for the title
_SUBTITLE_SIZE = 32
_BLEND_STEPS = 15  # palette entries from the background to each colour on it
# Bump when the drawing changes: it is part of each card's memo key and address.
RENDERER_VERSION = "4"
# Per coverage 0-255 of drawn text: the palette entry of its step of blending (0: none).
_STEP_OF = tuple(round(value * _BLEND_STEPS / 255) for value in range(256))
_TITLE_ENTRIES = bytes(_STEP_OF)
_SUBTITLE_ENTRIES = bytes(_BLEND_STEPS + step if step else 0 for step in _STEP_OF)


@dataclass(frozen=True)
class CardFonts:
    bold: bytes  # a TrueType font's bytes
    regular: bytes


@dataclass(frozen=True)
class CardColours:
    background: str = "#0b5d66"  # --brand
    accent: str = "#f2b138"  # --accent
    accent_shade: str = "#e0962a"  # the brand mark's shadow in site.css
    title: str = "#fffdf9"  # --paper
    subtitle: str = "#f6efe4"  # --sand


def card_fonts(project: Path) -> CardFonts:
    """The fonts shipped in data/fonts/ (the one step here that reads a file)."""
    folder = project / FONT_FOLDER
    return CardFonts(*((folder / name).read_bytes() for name in FONT_FILES))


def colours_from_css(css: str) -> CardColours:
    """The campaign's colours from the stylesheet's custom properties; defaults where one
    is missing."""
    found = dict(re.findall(r"--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\b", css))
    shade = re.search(r"\.brand-mark\s*\{[^}]*box-shadow:[^;}]*?(#[0-9a-fA-F]{3,8})", css)
    default = CardColours()
    return CardColours(
        background=found.get("brand", default.background),
        accent=found.get("accent", default.accent),
        accent_shade=shade.group(1) if shade else default.accent_shade,
        title=found.get("paper", default.title),
        subtitle=found.get("sand", default.subtitle),
    )


def share_card_png(
    title: str, subtitle: str, site_name: str, fonts: CardFonts, colours: CardColours = CardColours()
) -> bytes:
    """The card as PNG bytes: 1200 x 630, the same bytes for the same arguments."""
    return CardPainter(site_name, fonts, colours).png(title, subtitle)


class CardPainter:
    """Draws the cards of one site: what every card shares (the background, the mark, the
    site's name, the band, the loaded fonts) is made once, by the first card."""

    def __init__(self, site_name: str, fonts: CardFonts, colours: CardColours = CardColours()) -> None:
        self.site_name = site_name
        self.fonts = fonts
        self.colours = colours
        self._faces: dict[tuple[bytes, int], Face] = {}
        self._shared: tuple[Image.Image, PalettePng] | None = None  # made by the first card

    def png(self, title: str, subtitle: str) -> bytes:
        """The card as PNG bytes, the same for the same words."""
        base, writer = self._shared_part()
        card = base.copy()
        text_width = WIDTH - 2 * _MARGIN
        # The title, as large as fits, in palette entries 1 to 15 (its blends).
        top = 170
        title_face, title_lines = fit(
            plain(title), _TITLE_SIZES, _TITLE_BOX, text_width, lambda size: self._face(self.fonts.bold, size)
        )
        line_height = round(title_face.size * 1.18)
        rows: list[int] = []  # the first and the end row of what each line painted
        for index, line in enumerate(title_lines):
            rows += title_face.draw(card, (_MARGIN, top + index * line_height), line, _TITLE_ENTRIES)
        # The subtitle, under the title, at most two lines, in entries 16 to 30.
        sub_face = self._face(self.fonts.regular, _SUBTITLE_SIZE)
        sub_top = top + len(title_lines) * line_height + 24
        sub_height = round(_SUBTITLE_SIZE * 1.3)
        room = max(0, min(2, (HEIGHT - 60 - sub_top) // sub_height))
        for index, line in enumerate(lines(plain(subtitle), sub_face, text_width, room)):
            rows += sub_face.draw(card, (_MARGIN, sub_top + index * sub_height), line, _SUBTITLE_ENTRIES)
        band_top, band_end = (max(0, min(rows)), min(HEIGHT, max(rows))) if rows else (0, 0)
        if band_end <= band_top:  # (nothing inside the card: a font of the project's own)
            band_top = band_end = 0
        return writer.png(card.crop((0, band_top, WIDTH, band_end)).tobytes(), band_top)

    def _face(self, data: bytes, size: int) -> Face:
        if (data, size) not in self._faces:
            self._faces[data, size] = Face(font(data, size))
        return self._faces[data, size]

    def _shared_part(self) -> tuple[Image.Image, PalettePng]:
        """The background, the mark and the site's name, and the band, as palette indices,
        and the PNG writer that packs the rows of them once."""
        if self._shared is not None:
            return self._shared
        from PIL import Image, ImageDraw

        colours = self.colours
        card = Image.new("RGB", (WIDTH, HEIGHT), colours.background)
        draw = ImageDraw.Draw(card)
        # The mark: the site header's key-yellow circle with its shadow, and the site's name.
        mark = _mark(colours)
        card.paste(mark, (_MARGIN, 60), mark.getchannel("A"))
        name_face = self._face(self.fonts.bold, 34)
        name = lines(plain(self.site_name), name_face, WIDTH - 2 * _MARGIN - 80, 1)
        draw.text(
            (_MARGIN + 80, 88), name[0] if name else "", font=name_face.font, fill=colours.title, anchor="lm"
        )
        # A key-yellow band along the bottom.
        draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=colours.accent)
        palette = _palette(colours)
        indexed = card.quantize(palette=palette, dither=Image.Dither.NONE)
        rows = indexed.tobytes()  # palette indices, kept as an "L" image to paste into
        writer = PalettePng(rows, WIDTH, HEIGHT, bytes(palette.getpalette() or []))
        self._shared = (Image.frombytes("L", indexed.size, rows), writer)
        return self._shared


def _palette(colours: CardColours) -> Image.Image:
    """The card's colours: the background, then per colour drawn on it (and the mark's
    shade on its accent) the steps of blending towards it."""
    from PIL import Image, ImageColor

    background = ImageColor.getrgb(colours.background)
    pairs = [(background, ImageColor.getrgb(c)) for c in (colours.title, colours.subtitle, colours.accent)]
    pairs += [(background, ImageColor.getrgb(colours.accent_shade))]
    entries = [background[:3]]
    # Pillow finds a colour's entry at 5 to 6 bits a channel: steps closer than that would
    # take an exact colour's place, so the accent and its shade (close colours) get 3.
    steps = [_BLEND_STEPS] * len(pairs) + [3]
    pairs += [(ImageColor.getrgb(colours.accent), ImageColor.getrgb(colours.accent_shade))]
    for (start, end), count in zip(pairs, steps, strict=True):
        for step in range(1, count + 1):
            part = step / count
            red, green, blue = (round(a + (b - a) * part) for a, b in zip(start[:3], end[:3], strict=True))
            entries.append((red, green, blue))
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for entry in entries for value in entry])
    return palette


def _mark(colours: CardColours, size: int = 56) -> Image.Image:
    """The site header's brand mark: a key-yellow disc whose right edge lies in shadow
    (`.brand-mark` in site.css), drawn four times larger and scaled down for smooth edges."""
    from PIL import Image, ImageDraw

    big = size * 4
    disc = Image.new("L", (big, big), 0)
    ImageDraw.Draw(disc).ellipse((0, 0, big - 1, big - 1), fill=255)
    lit = Image.new("L", (big, big), 0)
    ImageDraw.Draw(lit).ellipse((-big // 4, 0, big - 1 - big // 4, big - 1), fill=255)
    mark = Image.new("RGBA", (big, big), colours.accent_shade)
    mark.paste(colours.accent, (0, 0), lit)
    mark.putalpha(disc)
    return mark.resize((size, size), Image.Resampling.LANCZOS)
