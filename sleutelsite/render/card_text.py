"""The words on a share card (share_card.py): one font at one size (`Face`) that keeps
what it has measured and drawn, and the wrapping of a title into lines.

A card's text is drawn word by word: each word's pixels are drawn once per process and
pasted where the word stands, so the words cards share (de, het, sleutelpersoon, the
campaign's subtitle) cost a paste. Words are placed at the sum of the widths before
them, drawn from where the pen stands between two pixels (a kerned pair such as "rg"
moves it by 1/64): with FreeType's basic layout no glyph is kerned against a space, so
a line drawn word by word has the pixels of the line drawn in one go, except where one
word's ink reaches into the one before it, and such a line is drawn whole
(tests/test_share_card.py checks both for the shipped fonts).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: a warm build draws none
    from PIL import Image, ImageFont

_ELLIPSIS = "…"
_VOWELS = frozenset("aeiouyáéíóúàèäëïöüâêîôû")
_ONSETS = frozenset(c + r for c in "bcdfgkpt" for r in "rl") | {"ch"}
_KEPT_WIDTHS = 20_000  # words measured per face before the measures are forgotten
_KEPT_PIXELS = 3_000_000  # of words drawn per face, kept twice (6 MB; a word at 80 px: 20,000)
_SLACK = 2  # pixels either side of a word's box: room for a pen between pixels


class Ink(NamedTuple):
    """A word's pixels in one run of palette entries, where they lie from its pen."""

    left: int
    top: int
    entries: Image.Image  # "L": the palette entry of each pixel
    cover: Image.Image  # "L": 255 where the word shows, 0 where the card does


class Face:
    """A font at one size that keeps the widths it measured and the words it drew."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font = font
        self.size = int(font.size)
        self.space = font.getlength(" ")
        self._widths: dict[str, float] = {}
        self._inks: dict[tuple[str, float, bytes], Ink | None] = {}
        self._ink_pixels = 0
        self._covers: dict[bytes, bytes] = {}  # per table of entries: 255 where one shows

    def width(self, text: str) -> float:
        """The width of `text` in pixels: the sum of its words' and spaces' widths."""
        words = text.split(" ")
        return sum(self._width(word) for word in words) + self.space * (len(words) - 1)

    def _width(self, word: str) -> float:
        found = self._widths.get(word)
        if found is None:
            if len(self._widths) >= _KEPT_WIDTHS:
                self._widths.clear()
            found = self._widths[word] = self.font.getlength(word)
        return found

    def draw(self, card: Image.Image, pen: tuple[int, int], line: str, entries: bytes) -> list[int]:
        """Pastes `line` into `card` (palette entries, "L") with its left ascender at
        `pen`, the coverage of each pixel mapped by `entries` (a palette entry for each of
        the 256 coverages, 0 for none); the rows it painted (top, end), or [] where nothing
        showed. A line where a word's ink reaches back into the word before it (a
        combining mark after a space) is drawn whole: FreeType blends what overlaps."""
        x = float(pen[0])
        placed: list[tuple[int, Ink]] = []
        for word in line.split(" "):
            ink = self._ink(word, x - math.floor(x), entries) if word else None
            if ink is not None:
                left = math.floor(x) + ink.left
                if placed and left < placed[-1][0] + placed[-1][1].entries.width:
                    whole = self._drawn(line, 0.0, entries)
                    placed = [(pen[0] + whole.left, whole)] if whole else []
                    break
                placed.append((left, ink))
            x += self._width(word) + self.space
        rows: list[int] = []
        for left, ink in placed:
            top = pen[1] + ink.top
            card.paste(ink.entries, (left, top), ink.cover)
            end = top + ink.entries.height
            rows = [min(rows[0], top), max(rows[1], end)] if rows else [top, end]
        return rows

    def _ink(self, word: str, start: float, entries: bytes) -> Ink | None:
        key = (word, start, entries)
        if key not in self._inks:
            ink = self._drawn(word, start, entries)
            pixels = ink.entries.width * ink.entries.height if ink else 0
            if self._ink_pixels + pixels > _KEPT_PIXELS:
                self._inks.clear()
                self._ink_pixels = 0
            self._inks[key] = ink
            self._ink_pixels += pixels
        return self._inks[key]

    def _drawn(self, word: str, start: float, entries: bytes) -> Ink | None:
        """The word drawn from a pen `start` (0 to 1) pixels right of a whole pixel: a
        kerned pair earlier in the line leaves the pen between pixels."""
        from PIL import Image, ImageDraw

        left, top, right, bottom = (int(edge) for edge in self.font.getbbox(word))
        if right <= left or bottom <= top:
            return None
        coverage = Image.new("L", (right - left + 2 * _SLACK, bottom - top), 0)
        ImageDraw.Draw(coverage).text((_SLACK - left + start, -top), word, font=self.font, fill=255)
        box = coverage.getbbox()
        if box is None:
            return None
        shown = coverage.crop(box)
        pixels = shown.tobytes()  # (mapped with bytes.translate: Image.point rounds its table first)
        if entries not in self._covers:
            self._covers[entries] = bytes(255 if entry else 0 for entry in entries)
        cover = pixels.translate(self._covers[entries])
        return Ink(
            left - _SLACK + box[0],
            top + box[1],
            Image.frombytes("L", shown.size, pixels.translate(entries)),
            Image.frombytes("L", shown.size, cover),
        )


def font(data: bytes, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


def plain(text: str) -> str:
    return " ".join(text.split())


def fit(
    text: str, sizes: tuple[int, ...], box: int, width: int, face_at: Callable[[int], Face]
) -> tuple[Face, list[str]]:
    """The largest size whose lines fit `box` pixels of height (lines 1.18 x the size
    apart); at the smallest size, as many lines as fit, the last ending in an ellipsis."""
    for size in sizes:
        face = face_at(size)
        most = box // round(size * 1.18)
        found = lines(text, face, width, most + 1)
        if len(found) <= most:
            return face, found
    return face, lines(text, face, width, most)


def lines(text: str, face: Face, width: int, most: int) -> list[str]:
    """`text` wrapped at spaces into at most `most` lines of `width` pixels; a word wider
    than a line is broken with a hyphen; what does not fit ends in an ellipsis."""
    if most <= 0 or not text:
        return []
    found: list[str] = []
    words = text.split(" ")
    current = ""
    while words:
        word = words.pop(0)
        attempt = f"{current} {word}" if current else word
        if face.width(attempt) <= width:
            current = attempt
            continue
        if current:
            found.append(current)
            current = ""
            words.insert(0, word)
        else:  # one word wider than the line: break it
            cut = _syllable_break(word, _longest_prefix(word, face, width, "-"))
            found.append(word[:cut] + "-")
            words.insert(0, word[cut:])
        if len(found) == most:
            rest = " ".join([current, *words]).strip()
            last = found[-1].removesuffix("-") + (" " if not found[-1].endswith("-") else "") + rest
            kept = last[: _longest_prefix(last, face, width, _ELLIPSIS)]
            if last[len(kept) : len(kept) + 1] not in ("", " ") and kept.rfind(" ") > len(kept) // 2:
                kept = kept[: kept.rfind(" ")]  # end after a whole word
            found[-1] = kept.rstrip(" -,.;:") + _ELLIPSIS
            return found
    if current:
        found.append(current)
    return found


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


def _longest_prefix(text: str, face: Face, width: int, tail: str) -> int:
    """How many characters of `text`, followed by `tail`, fit in `width` (at least 1)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if face.font.getlength(text[:middle] + tail) <= width:
            low = middle
        else:
            high = middle - 1
    return low
