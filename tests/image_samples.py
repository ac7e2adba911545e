"""Photo-like test images made from a seed (no real person, nothing downloaded).

`photo_like` draws a few hundred overlapping shapes of all sizes (edges, like the
objects in a photograph) over a sky-to-ground gradient, blurs them a little as a lens
does, and lays a luminance texture of several octaves over everything (skin, cloth,
foliage); `texture_everywhere` is the harder case of colour noise at every scale.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import ExifTags, Image, ImageDraw, ImageFilter


def photo_like(width: int, height: int, seed: int = 1) -> Image.Image:
    rnd = random.Random(seed)
    sky = Image.new("RGB", (width, height), (120, 160, 205))
    ground = Image.new("RGB", (width, height), (96, 110, 70))
    im = Image.composite(ground, sky, Image.linear_gradient("L").resize((width, height)))
    draw = ImageDraw.Draw(im)
    for _ in range(300):
        x, y = rnd.randrange(width), rnd.randrange(height)
        rw = int(width * 0.004 * 60 ** rnd.random())
        rh = int(rw * (0.4 + rnd.random()))
        colour = tuple(rnd.randrange(40, 230) for _ in range(3))
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape((x - rw, y - rh, x + rw, y + rh), fill=colour)
    im = im.filter(ImageFilter.GaussianBlur(width / 1000))
    texture = Image.new("L", (width, height), 128)
    for octave, weight in ((16, 0.5), (64, 0.35), (256, 0.25), (1024, 0.15), (width // 2, 0.12)):
        ow = min(octave, width)
        oh = max(1, ow * height // width)
        noise = Image.frombytes("L", (ow, oh), rnd.randbytes(ow * oh))
        texture = Image.blend(texture, noise.resize((width, height), Image.Resampling.BICUBIC), weight)
    return Image.blend(im, Image.merge("RGB", [texture] * 3), 0.3)


def texture_everywhere(width: int, height: int, seed: int = 1) -> Image.Image:
    rnd = random.Random(seed)
    im = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((width, height)).point(lambda v, a=a: int(v * a))
            for a in (0.5, 0.7, 1)
        ],
    )
    for octave, weight in ((8, 0.45), (32, 0.3), (128, 0.18), (512, 0.1), (width // 4, 0.05)):
        ow, oh = octave, max(1, octave * height // width)
        noise = Image.frombytes("RGB", (ow, oh), rnd.randbytes(ow * oh * 3))
        im = Image.blend(im, noise.resize((width, height), Image.Resampling.BICUBIC), weight)
    return im


def phone_jpeg(im: Image.Image, orientation: int = 6, quality: int = 90) -> bytes:
    """`im` as a phone saves it: EXIF with the camera's orientation and a GPS position,
    an XMP packet and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Voorbeeldtelefoon"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 0.0)}
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, exif=exif, xmp=xmp, comment=b"IMG_0001")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says `width` x `height` (the pixels are not there)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )
