"""The share cards' PNG writer (render/card_png.py): deflate pieces made once for the
rows every card shares, joined around each card's own rows, must decode to exactly the
picture that was meant, with valid checksums, wherever the band of own rows lies."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image

from sleutelsite.render.card_png import PalettePng, adler32_combine

WIDTH, HEIGHT = 40, 30
PALETTE = bytes(value for entry in range(6) for value in (entry * 40, 255 - entry * 40, entry * 7))


def base_rows() -> bytes:
    rows = bytearray(WIDTH * HEIGHT)  # entry 0, with a stripe of 3 and a band of 5 at the bottom
    rows[4 * WIDTH : 6 * WIDTH] = bytes([3]) * (2 * WIDTH)
    rows[(HEIGHT - 2) * WIDTH :] = bytes([5]) * (2 * WIDTH)
    return bytes(rows)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found.append((kind, data))
        at += 12 + length
    return found


@pytest.mark.parametrize("top,rows", [(0, 0), (0, 3), (7, 10), (12, 1), (HEIGHT - 4, 4), (0, HEIGHT), (9, 0)])
def test_a_card_decodes_to_the_base_with_its_own_rows_in_place(top, rows):
    rng = random.Random(top * 100 + rows)
    band = bytes(rng.choice((0, 1, 2, 4)) for _ in range(rows * WIDTH))
    writer = PalettePng(base_rows(), WIDTH, HEIGHT, PALETTE)
    png = writer.png(band, top)
    kinds = [kind for kind, _ in chunks(png)]
    assert kinds == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    idat = dict(chunks(png))[b"IDAT"]
    filtered = zlib.decompress(idat)  # checks the stream and its Adler-32
    assert all(filtered[row * (WIDTH + 1)] == 0 for row in range(HEIGHT))
    expected = bytearray(base_rows())
    expected[top * WIDTH : (top + rows) * WIDTH] = band
    picture = Image.open(io.BytesIO(png))
    assert (picture.mode, picture.size) == ("P", (WIDTH, HEIGHT))
    assert picture.tobytes() == bytes(expected)
    assert bytes(picture.getpalette() or [])[: len(PALETTE)] == PALETTE
    # The same picture as Pillow writes it, pixel for pixel.
    pillow = Image.frombytes("P", (WIDTH, HEIGHT), bytes(expected))
    pillow.putpalette(PALETTE)
    out = io.BytesIO()
    pillow.save(out, "PNG")
    assert Image.open(out).convert("RGB").tobytes() == picture.convert("RGB").tobytes()


def test_pieces_made_once_serve_every_later_card_the_same():
    writer = PalettePng(base_rows(), WIDTH, HEIGHT, PALETTE)
    first = writer.png(bytes([1]) * WIDTH * 2, 8)
    writer.png(bytes([2]) * WIDTH * 3, 8)  # the same pieces above and others below
    assert writer.png(bytes([1]) * WIDTH * 2, 8) == first
    assert PalettePng(base_rows(), WIDTH, HEIGHT, PALETTE).png(bytes([1]) * WIDTH * 2, 8) == first


@pytest.mark.parametrize("top,rows,size", [(-1, 1, WIDTH), (HEIGHT - 1, 2, WIDTH), (0, 1, WIDTH - 1)])
def test_a_band_that_does_not_fit_is_refused(top, rows, size):
    writer = PalettePng(base_rows(), WIDTH, HEIGHT, PALETTE)
    with pytest.raises(ValueError):
        writer.png(bytes(size * rows), top)


def test_adler32_combine_is_zlibs_sum_of_both():
    rng = random.Random(3)
    for length in (0, 1, 2, 100, 5552, 5553, 70000, 200000):
        data = bytes(rng.getrandbits(8) for _ in range(length))
        for cut in {0, length // 3, length}:
            first, second = data[:cut], data[cut:]
            combined = adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
            assert combined == zlib.adler32(data), (length, cut)
    heavy = bytes([255]) * 300000  # sums that wrap the modulus many times
    assert adler32_combine(zlib.adler32(heavy), zlib.adler32(heavy), len(heavy)) == zlib.adler32(heavy * 2)
