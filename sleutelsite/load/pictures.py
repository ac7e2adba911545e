"""Check every image the site shows as a picture (issue 17): story photos, images in
Markdown and raster logos. Each file is read once and checked by its header
(render/images.py `inspect_image`: the kind its name says, at most 20 MB and 40
megapixels), memoised by its bytes; a refusal is reported at every line that uses it.

What passes becomes a `Picture` of the Site: the render stage makes its files (resized,
upright, without metadata) from it. SVG and other files under static/ stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem
from sleutelsite.model import Entry, Picture, Signatory

PHOTO_WIDTHS = (480, 960, 1440)
LOGO_WIDTHS = (48, 96)  # the list shows a logo 48 px wide: once, and twice for sharp screens
SIGNATORIES = "signatories.yaml"


def pictures_of(
    project: Path,
    entries: Iterable[Entry],
    signatories: Iterable[Signatory],
    cache: BuildCache,
    problems: list[Problem],
) -> dict[str, Picture]:
    """Every raster image the content and the signatories use, by its site path
    ("/static/img/a.jpg"), checked; a refused one is a problem at each use instead."""
    uses, widths = _uses(entries, signatories, problems)
    found: dict[str, Picture] = {}
    if uses:  # (Pillow is imported only by a site with pictures: 50 ms)
        from sleutelsite.render.images import ImageRefusal
    for src in sorted(uses):
        data = (project / src.lstrip("/")).read_bytes()
        key = cache.key("image-source", data)
        info = _image_info(data, src, key, cache)
        if info[0] == "refused":
            pairs = cast("list[tuple[str, object]]", info[2])
            refusal = ImageRefusal(str(info[1]), tuple((str(name), value) for name, value in pairs))
            problems += [refusal.problem(path, line) for path, line in uses[src]]
            continue
        width, height = cast("tuple[int, int]", info[2:4])
        found[src] = Picture(src, key, int(width), int(height), widths[src], tuple(uses[src]))
    return found


def _uses(
    entries: Iterable[Entry], signatories: Iterable[Signatory], problems: list[Problem]
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, tuple[int, ...]]]:
    """Where each raster image is shown (file, line), and the widths it is wanted in."""
    uses: dict[str, list[tuple[str, int]]] = {}
    widths: dict[str, tuple[int, ...]] = {}
    for entry in entries:
        for src, line in entry.images:
            if _raster(src):
                uses.setdefault(src, []).append((entry.source, line))
                widths[src] = PHOTO_WIDTHS
    taken = {(p.path, p.line) for p in problems if p.path == SIGNATORIES}
    for signatory in signatories:
        src = "/" + signatory.logo
        if signatory.logo and _raster(src) and (SIGNATORIES, signatory.line) not in taken:
            uses.setdefault(src, []).append((SIGNATORIES, signatory.line))
            widths.setdefault(src, LOGO_WIDTHS)  # (a photo used as a logo too keeps its widths)
    return uses, widths


def _image_info(data: bytes, src: str, key: str, cache: BuildCache) -> tuple[object, ...]:
    """("ok", format, width, height) or ("refused", code, args), memoised by the bytes."""
    info = cast("tuple[object, ...] | None", cache.get("image-info", key))
    if info is None:
        from sleutelsite.render.images import ImageInfo, inspect_image

        checked = inspect_image(data, src.lstrip("/"))
        info = (
            ("ok", checked.format, checked.width, checked.height)
            if isinstance(checked, ImageInfo)
            else ("refused", checked.code, checked.args)
        )
        cache.put("image-info", key, info)
    return info


RASTER = ("jpg", "jpeg", "png", "webp")  # what render/images.py converts (its KINDS)


def _raster(src: str) -> bool:
    return src.startswith("/static/") and src.rsplit(".", 1)[-1].lower() in RASTER
