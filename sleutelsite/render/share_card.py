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
shares once and paints each card's text straight into palette entries; zlib's RLE
strategy packs it, and only the rows with words are packed per card (card_png.py). About
20-30 KB, far under the 300 KB above which WhatsApp drops a preview; choosing 64 colours
and `optimize` took 110 ms a card (benchmarks/card_speed.py prints today's figures).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sleutelsite.render.card_png import PalettePng

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: a warm build draws none
    from PIL import Image, ImageFont

WIDTH, HEIGHT = 1200, 630
FONT_FOLDER = Path("data") / "fonts"
_MARGIN = 80
_TITLE_SIZES = (80, 72, 64, 56, 50)
_TITLE_BOX = 300  # pixels of height for the title
_SUBTITLE_SIZE = 32
_ELLIPSIS = "…"
_VOWELS = frozenset("aeiouyáéíóúàèäëïöüâêîôû")
_ONSETS = frozenset(c + r for c in "bcdfgkpt" for r in "rl") | {"ch"}
_BLEND_STEPS = 15  # palette entries from the background to each colour on it
# Bump when the drawing changes: it is part of each card's memo key and address.
RENDERER_VERSION = "4"
# Per coverage 0-255 of drawn text: its step of blending, and whether it shows at all.
_STEP_OF = tuple(round(value * _BLEND_STEPS / 255) for value in range(256))
_COVERED = tuple(255 if step else 0 for step in _STEP_OF)


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
    return CardFonts((folder / "DejaVuSans-Bold.ttf").read_bytes(), (folder / "DejaVuSans.ttf").read_bytes())


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
        self._loaded: dict[tuple[bytes, int], ImageFont.FreeTypeFont] = {}
        self._base: Image.Image | None = None  # palette indices, as an "L" image
        self._writer = PalettePng(b"", 0, 0, b"")  # (made with the base)

    def png(self, title: str, subtitle: str) -> bytes:
        """The card as PNG bytes, the same for the same words."""
        from PIL import Image, ImageDraw

        card = self._shared_part().copy()
        text_width = WIDTH - 2 * _MARGIN
        # The title, as large as fits, in palette entries 1 to 15 (its blends).
        top = 170
        title_font, title_lines = _fit(_plain(title), self.fonts.bold, text_width, self._font)
        line_height = round(title_font.size * 1.18)
        layer = Image.new("L", (WIDTH, HEIGHT), 0)
        draw = ImageDraw.Draw(layer)
        for index, line in enumerate(title_lines):
            draw.text((_MARGIN, top + index * line_height), line, font=title_font, fill=255)
        painted = [_paint(card, layer, 0)]
        # The subtitle, under the title, at most two lines, in entries 16 to 30.
        sub_font = self._font(self.fonts.regular, _SUBTITLE_SIZE)
        sub_top = top + len(title_lines) * line_height + 24
        room = max(0, min(2, (HEIGHT - 60 - sub_top) // round(_SUBTITLE_SIZE * 1.3)))
        layer = Image.new("L", (WIDTH, HEIGHT), 0)
        draw = ImageDraw.Draw(layer)
        for index, line in enumerate(_lines(_plain(subtitle), sub_font, text_width, room)):
            draw.text((_MARGIN, sub_top + index * round(_SUBTITLE_SIZE * 1.3)), line, font=sub_font, fill=255)
        painted.append(_paint(card, layer, _BLEND_STEPS))
        rows = [box for box in painted if box is not None]
        band_top = min((box[1] for box in rows), default=0)
        band_end = max((box[3] for box in rows), default=0)
        return self._writer.png(card.crop((0, band_top, WIDTH, band_end)).tobytes(), band_top)

    def _font(self, data: bytes, size: int) -> ImageFont.FreeTypeFont:
        if (data, size) not in self._loaded:
            self._loaded[data, size] = _font(data, size)
        return self._loaded[data, size]

    def _shared_part(self) -> Image.Image:
        """The background, the mark and the site's name, and the band, as palette indices."""
        if self._base is not None:
            return self._base
        from PIL import Image, ImageDraw

        colours = self.colours
        card = Image.new("RGB", (WIDTH, HEIGHT), colours.background)
        draw = ImageDraw.Draw(card)
        # The mark: the site header's key-yellow circle with its shadow, and the site's name.
        mark = _mark(colours)
        card.paste(mark, (_MARGIN, 60), mark.getchannel("A"))
        name_font = self._font(self.fonts.bold, 34)
        name = _lines(_plain(self.site_name), name_font, WIDTH - 2 * _MARGIN - 80, 1)
        draw.text(
            (_MARGIN + 80, 88), name[0] if name else "", font=name_font, fill=colours.title, anchor="lm"
        )
        # A key-yellow band along the bottom.
        draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=colours.accent)
        palette = _palette(colours)
        indexed = card.quantize(palette=palette, dither=Image.Dither.NONE)
        self._base = Image.frombytes("L", indexed.size, indexed.tobytes())
        self._writer = PalettePng(indexed.tobytes(), WIDTH, HEIGHT, bytes(palette.getpalette() or []))
        return self._base


def _paint(card: Image.Image, coverage: Image.Image, first: int) -> tuple[int, int, int, int] | None:
    """Where `coverage` (text drawn in 255 on 0) covers the card, the palette entry of
    that much of the colour whose blends follow entry `first`; the box painted."""
    box = coverage.getbbox()
    if box is None:
        return None
    drawn = coverage.crop(box)
    indices = drawn.point([first + step if step else 0 for step in _STEP_OF])
    card.paste(indices, box[:2], drawn.point(_COVERED))
    return box


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


def _plain(text: str) -> str:
    return " ".join(text.split())


def _font(data: bytes, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


def _fit(
    text: str, font_data: bytes, width: int, font_at: Callable[[bytes, int], ImageFont.FreeTypeFont]
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size whose lines fit the title box; at the smallest size, as
    many lines as fit, the last one ending in an ellipsis."""
    for size in _TITLE_SIZES:
        font = font_at(font_data, size)
        most = _TITLE_BOX // round(size * 1.18)
        lines = _lines(text, font, width, most + 1)
        if len(lines) <= most:
            return font, lines
    return font, _lines(text, font, width, most)


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int, most: int) -> list[str]:
    """`text` wrapped at spaces into at most `most` lines of `width` pixels; a word wider
    than a line is broken with a hyphen; what does not fit ends in an ellipsis."""
    if most <= 0 or not text:
        return []
    lines: list[str] = []
    words = text.split(" ")
    current = ""
    while words:
        word = words.pop(0)
        attempt = f"{current} {word}" if current else word
        if font.getlength(attempt) <= width:
            current = attempt
            continue
        if current:
            lines.append(current)
            current = ""
            words.insert(0, word)
        else:  # one word wider than the line: break it
            cut = _syllable_break(word, _longest_prefix(word, font, width, "-"))
            lines.append(word[:cut] + "-")
            words.insert(0, word[cut:])
        if len(lines) == most:
            rest = " ".join([current, *words]).strip()
            last = lines[-1].removesuffix("-") + (" " if not lines[-1].endswith("-") else "") + rest
            kept = last[: _longest_prefix(last, font, width, _ELLIPSIS)]
            if last[len(kept) : len(kept) + 1] not in ("", " ") and kept.rfind(" ") > len(kept) // 2:
                kept = kept[: kept.rfind(" ")]  # end after a whole word
            lines[-1] = kept.rstrip(" -,.;:") + _ELLIPSIS
            return lines
    if current:
        lines.append(current)
    return lines


def _syllable_break(word: str, cut: int) -> int:
    """A place at or a few letters before `cut` where a Dutch word breaks well, between
    syllables: before a consonant (or a pair such as pr, gr, kl) that is followed by a
    vowel and follows a vowel (be-vor-de-rings, pro-gram-ma), or between two consonants
    between vowels (dig-heid); else `cut` itself."""
    for place in range(cut, max(1, cut - 6), -1):
        a, b = word[place - 1], word[place]  # the letters either side of the break
        c, d = word[place + 1 : place + 2], word[place + 2 : place + 3]
        if b in _VOWELS or not c:
            continue
        if a in _VOWELS and c in _VOWELS:
            return place  # V-CV
        if a in _VOWELS and b + c in _ONSETS and d in _VOWELS:
            return place  # V-CCV, with a pair that starts a syllable
        if c in _VOWELS and a + b not in _ONSETS and word[place - 2 : place - 1] in _VOWELS:
            return place  # VC-CV
    return cut


def _longest_prefix(text: str, font: ImageFont.FreeTypeFont, width: int, tail: str) -> int:
    """How many characters of `text`, followed by `tail`, fit in `width` (at least 1)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle] + tail) <= width:
            low = middle
        else:
            high = middle - 1
    return low
