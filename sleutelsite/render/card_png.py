"""PNG files for share cards whose rows mostly equal one fixed picture's (share_card.py).

Every card of a site is the same background, mark, name and band with its own words in
a band of rows in the middle. Deflating the whole picture for each card (756 KB of
palette indices) was the largest part of drawing one; here the rows above and below
the words are deflated once per process, as pieces that end on a byte boundary
(`Z_SYNC_FLUSH`), and a card deflates only its own rows between them. Concatenated
deflate pieces are one valid stream; its Adler-32 is combined from the pieces' sums
(`adler32_combine`, as zlib's own). Decoded, the file has exactly the pixels Pillow's
PNG writer gives for the same picture (tests/test_share_card.py compares them).
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KB window, no dictionary (what Pillow writes)
_ADLER_BASE = 65521
_NO_FILTER = b"\x00"  # each row starts with its PNG filter type: none


class _Piece(NamedTuple):
    deflated: bytes
    adler: int  # Adler-32 of the rows it holds
    length: int  # how many bytes of rows it holds


class PalettePng:
    """Writes 8-bit palette PNGs of `width` x `height` whose rows outside one band are
    those of `base` (palette indices, a row after another)."""

    def __init__(self, base: bytes, width: int, height: int, palette: bytes) -> None:
        if len(base) != width * height:
            raise ValueError(f"{len(base)} bytes of rows for a {width} x {height} picture")
        self.base = base
        self.width = width
        self.height = height
        self._head = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
        self._head += _chunk(b"PLTE", palette)
        self._above: dict[int, _Piece] = {}  # by the first row of the band
        self._below: dict[int, _Piece] = {}  # by the first row after it

    def png(self, band: bytes, top: int) -> bytes:
        """The file of the picture that is `base` with rows from `top` on replaced by
        `band` (whole rows)."""
        rows, extra = divmod(len(band), self.width)
        if extra or top < 0 or top + rows > self.height:
            raise ValueError(f"rows {top} to {top + rows} do not fit a {self.width} x {self.height} picture")
        bottom = top + rows
        if top not in self._above:
            self._above[top] = self._deflate(0, top, zlib.Z_SYNC_FLUSH)
        if bottom not in self._below:
            self._below[bottom] = self._deflate(bottom, self.height, zlib.Z_FINISH)
        above, below = self._above[top], self._below[bottom]
        middle = _deflate(self._filtered(band), zlib.Z_SYNC_FLUSH)
        adler = above.adler
        for piece in (middle, below):
            adler = adler32_combine(adler, piece.adler, piece.length)
        stream = _ZLIB_HEADER + above.deflated + middle.deflated + below.deflated + struct.pack(">I", adler)
        return _SIGNATURE + self._head + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")

    def _deflate(self, first: int, end: int, flush: int) -> _Piece:
        return _deflate(self._filtered(self.base[first * self.width : end * self.width]), flush)

    def _filtered(self, rows: bytes) -> bytes:
        width = self.width
        return b"".join(_NO_FILTER + rows[start : start + width] for start in range(0, len(rows), width))


def _deflate(data: bytes, flush: int) -> _Piece:
    # Run-length matches only (Z_RLE), as the cards were packed before: palette rows are
    # long runs of one entry, and this is several times faster than the default.
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    return _Piece(packer.compress(data) + packer.flush(flush), zlib.adler32(data), len(data))


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from their own sums and the
    second's length (zlib's adler32_combine, which Python's zlib does not offer)."""
    remainder = second_length % _ADLER_BASE
    low_first, high_first = first & 0xFFFF, first >> 16
    low = (low_first + (second & 0xFFFF) - 1) % _ADLER_BASE
    high = (remainder * low_first + high_first + (second >> 16) - remainder) % _ADLER_BASE
    return low | high << 16


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
