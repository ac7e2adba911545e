"""The images a content file shows, and its film embeds: a photo in the front matter (with
its alt text and, for a photo of a person, who agreed to it and when) and the images in
its Markdown, each a file under static/; a `[[film]]` line as the film embed expects it."""

from __future__ import annotations

import re

from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import Kind
from sleutelsite.load.content_files import SourceFile, key_line

_FILM_LINE = re.compile(r"^\[\[film(?:\s+[A-Za-z0-9_-]{11})?\]\]$")
# Linear: alt text stops at a bracket (one pair may nest) and nothing gives back spaces;
# `[^\]]*` and `\s*...\s+` took 22 s on 40 KB of "![".
_IMAGE = re.compile(
    r"!\[((?:[^\[\]]|\[[^\[\]]*\])*+)\]\(\s*+<?([^)\s>]*+)>?(?:\s++\"[^\"]*+\")?\s*+\)(\{[^}]*+\})?"
)


def check_images(
    source: SourceFile,
    meta: dict[str, object],
    kind: Kind,
    static_files: frozenset[str],
    problems: list[Problem],
) -> tuple[tuple[str, int], ...]:
    """Check the file's images (front matter and Markdown); return each one that exists
    under static/ with the line that names it, for the image step (load/pictures.py)."""
    found: list[tuple[str, int]] = []
    if kind.image:
        key, alt_key = kind.image, kind.image_alt
        if key in meta:
            line = key_line(source, key)
            if _check_image_src(source.path, line, str(meta[key]), static_files, problems):
                found.append((str(meta[key]), line))
            if alt_key not in meta:
                problems.append(problem(source.path, line, "image_needs_alt", key=key, alt_key=alt_key))
            if kind.image_consent:
                _check_consent(source, meta, key, kind.image_consent, line, problems)
    for index, text in enumerate(source.body.split("\n")):
        if "[[film" in text and not _FILM_LINE.match(text.strip()):
            problems.append(problem(source.path, source.body_line + index, "bad_film_embed", source=text))
        if "![" not in text:
            continue
        for match in _IMAGE.finditer(text):
            line = source.body_line + index
            alt, src, attrs = match.group(1), match.group(2), match.group(3) or ""
            if not alt.strip() and 'alt=""' not in attrs:
                problems.append(problem(source.path, line, "markdown_image_alt", source=text))
            if _check_image_src(source.path, line, src, static_files, problems):
                found.append((src, line))
    return tuple(found)


_DATE_IN_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _check_consent(
    source: SourceFile,
    meta: dict[str, object],
    key: str,
    consent_key: str,
    line: int,
    problems: list[Problem],
) -> None:
    """A photo of a person goes on the site only when the file says who agreed, and when."""
    consent = str(meta.get(consent_key, "") or "").strip()
    if not consent:
        problems.append(problem(source.path, line, "photo_needs_consent", key=key, consent_key=consent_key))
    elif not _DATE_IN_TEXT.search(consent):
        where = key_line(source, consent_key)
        problems.append(
            problem(source.path, where, "photo_consent_date", consent_key=consent_key, got=consent)
        )


def _check_image_src(
    path: str, line: int, src: str, static_files: frozenset[str], problems: list[Problem]
) -> bool:
    """Whether `src` is a file under static/ (else a problem says why not)."""
    if not src.startswith("/static/") or ".." in src.split("/"):
        problems.append(problem(path, line, "image_outside_static", src=src))
    elif src.removeprefix("/static/") not in static_files:
        problems.append(problem(path, line, "missing_image", src=src))
    else:
        return True
    return False
