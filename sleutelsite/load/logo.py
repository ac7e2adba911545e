"""Check an organisation's logo: under static/, PNG, SVG or WebP, small, and inert;
and that static/logos/ holds only logos an entry uses (the rest would go out unchecked)."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

from sleutelsite.errors import Problem, problem
from sleutelsite.load.logo_svg import check_svg

MAX_LOGO_BYTES = 200 * 1024
MAX_LOGO_PIXELS = 1200  # width and height
LOGO_DIR = "static/logos/"
LOGO_TYPES = ("png", "svg", "webp")


def check_logo(logo: str, path: str, line: int, static_files: frozenset[str], project: Path) -> list[Problem]:
    """Where the logo is and what it is; `static_files` lists static/ safely walked."""
    if not logo.startswith(LOGO_DIR) or ".." in logo.split("/"):
        return [problem(path, line, "logo_place", got=logo, folder=LOGO_DIR)]
    rel = logo.removeprefix("static/")
    if rel not in static_files:
        return [problem(path, line, "logo_missing", got=logo)]
    suffix = logo.rsplit(".", 1)[-1].lower()
    if suffix not in LOGO_TYPES:
        return [problem(path, line, "logo_type", got=logo)]
    file = project / logo
    size = file.stat().st_size
    if size > MAX_LOGO_BYTES:  # known before a byte is read or parsed
        return [_too_big(logo, size, path, line)]
    return check_logo_file(file.read_bytes(), logo, path, line)


def check_logo_folder(static_files: frozenset[str], used: Iterable[str]) -> list[Problem]:
    """Every file in static/logos/ must be a logo some entry names: whatever else lies
    there (an .html, an SVG nobody's entry points to) would be published unchecked."""
    wanted = frozenset(used)
    problems = []
    for rel in sorted(static_files):
        name = "static/" + rel
        if not name.startswith(LOGO_DIR) or name in wanted:
            continue
        if name.rsplit(".", 1)[-1].lower() not in LOGO_TYPES:
            problems.append(problem(name, 0, "logo_file_type", got=name))
        else:
            problems.append(problem(name, 0, "logo_file_unused", got=name))
    return problems


def check_logo_file(data: bytes, logo: str, path: str, line: int) -> list[Problem]:
    """The content checks, given the file's bytes."""
    if len(data) > MAX_LOGO_BYTES:
        return [_too_big(logo, len(data), path, line)]
    suffix = logo.rsplit(".", 1)[-1].lower()
    if suffix == "svg":
        return check_svg(data, logo, path, line)
    size = _dimensions(data, suffix)
    if size is None:
        return [problem(path, line, "logo_unreadable", got=logo, kind=suffix.upper())]
    width, height = size
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        return [
            problem(path, line, "logo_too_large", got=logo, width=width, height=height, limit=MAX_LOGO_PIXELS)
        ]
    return []


def _too_big(logo: str, size: int, path: str, line: int) -> Problem:
    return problem(path, line, "logo_too_big", got=logo, size=size // 1024, limit=MAX_LOGO_BYTES // 1024)


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
    return None
