"""Check an organisation's logo: under static/, PNG, SVG or WebP, small, and inert."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from .errors import Problem, problem

MAX_LOGO_BYTES = 200 * 1024
MAX_LOGO_PIXELS = 1200  # width and height
LOGO_DIR = "static/logos/"
_SVG_ACTIVE = re.compile(
    rb"<script|\bon[a-z]+\s*=|javascript:|<foreignObject|xlink:href\s*=\s*[\"']?(?!#)|\bhref\s*=\s*[\"']?(?!#)",
    re.I,
)


def check_logo(logo: str, path: str, line: int, static_files: frozenset[str], project: Path) -> list[Problem]:
    """Where the logo is and what it is; `static_files` lists static/ safely walked."""
    if not logo.startswith(LOGO_DIR) or ".." in logo.split("/"):
        return [problem(path, line, "logo_place", got=logo, folder=LOGO_DIR)]
    rel = logo.removeprefix("static/")
    if rel not in static_files:
        return [problem(path, line, "logo_missing", got=logo)]
    suffix = logo.rsplit(".", 1)[-1].lower()
    if suffix not in ("png", "svg", "webp"):
        return [problem(path, line, "logo_type", got=logo)]
    return check_logo_file((project / logo).read_bytes(), logo, path, line)


def check_logo_file(data: bytes, logo: str, path: str, line: int) -> list[Problem]:
    """The content checks, given the file's bytes."""
    if len(data) > MAX_LOGO_BYTES:
        return [
            problem(
                path, line, "logo_too_big", got=logo, size=len(data) // 1024, limit=MAX_LOGO_BYTES // 1024
            )
        ]
    suffix = logo.rsplit(".", 1)[-1].lower()
    size = _dimensions(data, suffix)
    if size is None:
        return [problem(path, line, "logo_unreadable", got=logo, kind=suffix.upper())]
    if suffix == "svg":
        if _SVG_ACTIVE.search(data):
            return [problem(path, line, "logo_svg_active", got=logo)]
        return []
    width, height = size
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        return [
            problem(path, line, "logo_too_large", got=logo, width=width, height=height, limit=MAX_LOGO_PIXELS)
        ]
    return []


def _dimensions(data: bytes, suffix: str) -> tuple[int, int] | None:
    if suffix == "png":
        if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if suffix == "webp":
        if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
            return None
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
        if chunk == b"VP8 ":
            w, h = struct.unpack("<HH", data[26:30])
            return w & 0x3FFF, h & 0x3FFF
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        return None
    if suffix == "svg":
        head = data[:4096].lstrip()
        return (0, 0) if b"<svg" in head else None
    return None
