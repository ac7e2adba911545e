"""Content images, story photos and logos made safe and light (issue 17): pure steps.

- `inspect_image(data, name)` is the load-stage check: the bytes are the kind of image
  the name says, at most 20 MB and 40 megapixels. Only the header is read (Pillow opens
  lazily); the pixel count is checked from it before any pixel is decoded, so a
  decompression bomb never gets memory. Pillow's own bomb guard (module-global
  `Image.MAX_IMAGE_PIXELS`) is left as it is: its error is caught, its warning silenced
  only inside the call.
- `image_variants(data, name)` makes the files: EXIF rotation applied, colours converted
  to sRGB with the embedded ICC profile (if any), then *all* metadata dropped (the pixels
  go into a fresh image, so no EXIF, GPS, XMP, ICC or comment can ride along); resized to
  each width the source reaches, never upscaled; AVIF and WebP plus a JPEG fallback (PNG
  for images with real transparency). Same bytes in, same bytes out, so the result can be
  memoised by a hash of the source bytes (`variants_to_data` gives plain data for the
  cache).
- `picture_html(variants, alt, sizes, lazy)` writes the `<picture>` element.

Animated PNG and WebP are refused: the site would show only the first frame, silently.
A phone's multi-picture JPEG (MPO: the photo plus depth maps or previews) is a photo:
its first picture is the one every viewer shows, and that one is used.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sleutelsite.errors import Problem, problem

if TYPE_CHECKING:  # Pillow is imported where pixels are read: a warm build reads none (20 ms)
    from PIL import Image

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
WIDTHS = (480, 960, 1440)
# What each name may hold; MPO is how Pillow names a phone's multi-picture JPEG.
KINDS = {"jpg": ("JPEG", "MPO"), "jpeg": ("JPEG", "MPO"), "png": ("PNG",), "webp": ("WEBP",)}
_SUFFIX = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
# Formats recognised only to name them in a refusal; their pixels are never decoded.
_RECOGNISED = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "AVIF")
_SETTINGS: dict[str, tuple[str, dict[str, Any]]] = {  # measured with benchmarks/image_speed.py
    "image/avif": ("AVIF", {"quality": 45, "speed": 8, "max_threads": 1}),  # 1 thread: same bytes anywhere
    "image/webp": ("WEBP", {"quality": 75, "method": 4}),
    "image/jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "image/png": ("PNG", {"optimize": True}),
    "image/webp;lossless": ("WEBP", {"lossless": True, "quality": 100, "method": 6}),
}
_EXTENSIONS = {"image/avif": "avif", "image/webp": "webp", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class ImageInfo:
    """What the header says: the format and the size as shown (EXIF rotation applied)."""

    format: str  # "JPEG", "PNG" or "WEBP"
    width: int
    height: int


@dataclass(frozen=True)
class ImageRefusal:
    """Why an image cannot go on the site; `problem()` words it at the line that uses it."""

    code: str
    args: tuple[tuple[str, object], ...]

    def problem(self, path: str, line: int) -> Problem:
        return problem(path, line, self.code, "", **dict(self.args))


class ImageRefused(Exception):
    """Raised by `image_variants` when the pixels turn out unreadable (a cut-off file)."""

    def __init__(self, refusal: ImageRefusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.code)


@dataclass(frozen=True)
class Variant:
    """One output file: `name` is `<stem>-<width>-<hash10>.<ext>`, hashed over `data`."""

    name: str
    type: str  # MIME type: image/avif, image/webp, image/jpeg or image/png
    width: int
    height: int
    data: bytes


def _refusal(code: str, **args: object) -> ImageRefusal:
    return ImageRefusal(code, tuple(sorted(args.items())))


def inspect_image(data: bytes, name: str) -> ImageInfo | ImageRefusal:
    """The load-stage check of one image file; reads the header only."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in KINDS:
        return _refusal("image_file_type", got=name)
    if len(data) > MAX_IMAGE_BYTES:
        return _refusal(
            "image_file_too_big", got=name, size=f"{len(data) / 2**20:.1f}", limit=MAX_IMAGE_BYTES // 2**20
        )
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=_RECOGNISED)
    except Image.DecompressionBombError:
        return _refusal("image_file_bomb", got=name, limit=MAX_IMAGE_PIXELS // 1_000_000)
    except (OSError, ValueError, SyntaxError):  # UnidentifiedImageError is an OSError
        kind = "HEIC" if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc") else ""
        if kind:
            return _refusal("image_file_unsupported", got=name, kind=kind)
        return _refusal("image_file_not_image", got=name, suffix=suffix)
    with im:
        if im.format not in _SUFFIX:
            return _refusal("image_file_unsupported", got=name, kind=im.format)
        if im.format not in KINDS[suffix]:
            right = name[: -len(suffix)] + _SUFFIX[im.format]
            return _refusal(
                "image_file_wrong_name", got=name, suffix=suffix, kind=_kind_word(im.format), right=right
            )
        width, height = im.size
        if width * height > MAX_IMAGE_PIXELS:
            return _refusal(
                "image_file_too_many_pixels",
                got=name,
                width=width,
                height=height,
                megapixels=f"{width * height / 1e6:.1f}",
                limit=MAX_IMAGE_PIXELS // 1_000_000,
            )
        if im.format != "MPO" and getattr(im, "is_animated", False):
            return _refusal("image_file_animated", got=name)
        if im.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter: shown the other way
            width, height = height, width
        return ImageInfo("JPEG" if im.format == "MPO" else im.format, width, height)


def _kind_word(pillow_format: str) -> str:
    return {"MPO": "JPEG", "WEBP": "WebP"}.get(pillow_format, pillow_format)


def variant_widths(source_width: int, widths: Iterable[int] = WIDTHS) -> tuple[int, ...]:
    """Each wanted width the source reaches; a narrower source adds its own width (and
    leaves out a wanted one that is barely narrower than it)."""
    wanted = sorted(set(widths))
    if source_width >= wanted[-1]:
        return tuple(wanted)
    return (*(w for w in wanted if w <= source_width * 0.9), source_width)


def _load_writers() -> None:
    """Pillow's writers of the formats made here beside JPEG and PNG: saving in a format
    whose plugin is not loaded yet makes Pillow import all of its 40-odd plugins first
    (16 ms of every cold build with pictures); with these loaded it imports none."""
    from PIL import AvifImagePlugin, WebPImagePlugin  # noqa: F401


def image_variants(
    data: bytes, name: str, widths: Sequence[int] = WIDTHS, avif: bool = True
) -> tuple[Variant, ...]:
    """Every output file of an image `inspect_image` accepted, smallest width first, and
    per width AVIF (photos, if `avif`), WebP and the fallback."""
    try:
        pixels, graphic, source_width = _clean_pixels(data, max(widths))
    except (OSError, ValueError, SyntaxError) as error:  # a truncated or damaged file
        raise ImageRefused(_refusal("image_file_broken", got=name)) from error
    stem = re.sub(r"[^a-z0-9]+", "-", name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()).strip("-") or "image"
    alpha = pixels.mode == "RGBA"
    if graphic:
        types = ["image/webp;lossless", "image/png"]
    else:
        types = [*(["image/avif"] if avif else []), "image/webp", "image/png" if alpha else "image/jpeg"]
    _load_writers()
    variants = []
    for width in variant_widths(source_width, widths):
        height = max(1, round(pixels.height * width / pixels.width))
        sized = pixels if width == pixels.width else _resize(pixels, width, height)
        for kind in types:
            fmt, options = _SETTINGS[kind]
            out = io.BytesIO()
            sized.save(out, fmt, **options)
            body = out.getvalue()
            mime = kind.split(";")[0]
            digest = hashlib.blake2b(body, digest_size=16).hexdigest()[:10]
            variants.append(
                Variant(f"{stem}-{width}-{digest}.{_EXTENSIONS[mime]}", mime, width, height, body)
            )
    return tuple(variants)


def _resize(pixels: Image.Image, width: int, height: int) -> Image.Image:
    from PIL import Image

    return pixels.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _clean_pixels(data: bytes, widest: int) -> tuple[Image.Image, bool, int]:
    """The upright sRGB pixels (at least `widest` wide where the source is) in a fresh
    image without any metadata; whether it is a graphic (a PNG or WebP of 256 colours or
    fewer, kept lossless); and the source's width as shown."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as im:
        turned = im.getexif().get(0x0112) in (5, 6, 7, 8)
        source_width = im.size[1] if turned else im.size[0]
        if im.format in ("JPEG", "MPO"):  # libjpeg scales by 1/2, 1/4 or 1/8 while decoding
            scale = min(1.0, widest / source_width)
            im.draft("RGB", (round(im.size[0] * scale), round(im.size[1] * scale)))
        im.load()
        photo = im.format in ("JPEG", "MPO")
        upright = ImageOps.exif_transpose(im)
        icc = im.info.get("icc_profile")
    pixels = _to_srgb(upright, icc)
    graphic = not photo and pixels.getcolors(256) is not None
    if pixels.mode == "RGBA" and pixels.getchannel("A").getextrema()[0] == 255:
        pixels = pixels.convert("RGB")  # an alpha channel nothing shows through
    return Image.frombytes(pixels.mode, pixels.size, pixels.tobytes()), graphic, source_width


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA in sRGB: converted with the embedded profile where there is one."""
    from PIL import ImageCms

    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    mode = "RGBA" if alpha else "RGB"
    if icc and im.mode in ("RGB", "RGBA", "L", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels are taken as sRGB, as browsers do
    return im.convert(mode)


def variants_to_data(variants: Iterable[Variant]) -> list[dict[str, object]]:
    """Plain data (str, int, bytes) for the build cache."""
    return [
        {"name": v.name, "type": v.type, "width": v.width, "height": v.height, "data": v.data}
        for v in variants
    ]


def variants_from_data(data: Iterable[dict[str, Any]]) -> tuple[Variant, ...]:
    return tuple(
        Variant(str(d["name"]), str(d["type"]), int(d["width"]), int(d["height"]), bytes(d["data"]))
        for d in data
    )


def picture_html(variants: Sequence[Variant], alt: str, sizes: str, lazy: bool, url_prefix: str = "") -> str:
    """A `<picture>`: one `<source>` per modern type, then the `<img>` with the fallback,
    its width and height (so the page does not shift when it arrives) and `alt`."""
    by_type: dict[str, list[Variant]] = {}
    for variant in sorted(variants, key=lambda v: v.width):
        by_type.setdefault(variant.type, []).append(variant)
    fallback = by_type.get("image/jpeg") or by_type.get("image/png") or next(iter(by_type.values()))
    img = ([v for v in fallback if v.width <= 960] or fallback[:1])[-1]

    def srcset(group: list[Variant]) -> str:
        return html.escape(", ".join(f"{url_prefix}{v.name} {v.width}w" for v in group))

    parts = ["<picture>"]
    for kind in ("image/avif", "image/webp"):
        if kind in by_type and by_type[kind] is not fallback:
            parts.append(
                f'<source type="{kind}" srcset="{srcset(by_type[kind])}" sizes="{html.escape(sizes)}">'
            )
    loading = ' loading="lazy"' if lazy else ""
    parts.append(
        f'<img src="{html.escape(url_prefix + img.name)}" srcset="{srcset(fallback)}" '
        f'sizes="{html.escape(sizes)}" width="{img.width}" height="{img.height}" '
        f'alt="{html.escape(alt)}"{loading} decoding="async">'
    )
    parts.append("</picture>")
    return "".join(parts)
