"""Content files on disk: found below content/, read with plain system calls, and split
into their YAML front matter and their Markdown (memoised by the file's bytes)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.load.yaml_file import read_yaml, undecodable

MAX_CONTENT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    path: str  # "content/verhalen/lubna.md"
    meta: dict[str, object]
    body: str
    body_line: int
    key: str = ""  # hash of the file's path and bytes: what a page built from it depends on


def files_below(root: Path) -> list[tuple[tuple[str, ...], str, bool]]:
    """(relative parts, full path, is a link) of every file below `root`, sorted.

    Hidden files and folders are skipped; links to folders are not followed.
    """
    found = []
    pending: list[tuple[tuple[str, ...], str]] = [((), str(root))]
    while pending:
        parts, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(((*parts, entry.name), entry.path))
                else:
                    found.append(((*parts, entry.name), entry.path, entry.is_symlink()))
    return sorted(found)


def split_front_matter(text: str, path: str, problems: list[Problem]) -> SourceFile | None:
    """`---` YAML `---` then Markdown. Line numbers stay those of the file."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(problem(path, 1, "no_front_matter"))
        return None
    end = _closing_line(lines)
    if end is None:
        problems.append(problem(path, 1, "front_matter_unclosed"))
        return None
    yaml_text = "\n".join(lines[1:end])
    data, found = read_yaml(yaml_text, path, first_line=2, source_lines=lines[1:end])
    problems.extend(found)
    if data is None and found:
        return None
    # (front matter that is not a mapping is reported when the fields are checked)
    meta = cast("dict[str, object]", data) if data is not None else {}
    return SourceFile(path, meta, "\n".join(lines[end + 1 :]), end + 2)


def _closing_line(lines: list[str]) -> int | None:
    """The index of the `---` that closes the front matter opened on the first line."""
    return next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)


def markdown_files(project: Path) -> list[str]:
    """Every Markdown file below content/, in every language; not a link (which may lead
    out of the project: the loader looks at those itself)."""
    root = project / "content"
    if not root.is_dir():
        return []
    return [file for _, file, is_link in files_below(root) if file.endswith(".md") and not is_link]


def markdown_body(file: str) -> str | None:
    """The Markdown after a file's front matter, as `load_content` will find it, but
    without any check: for converting it ahead while the site loads. (A text read here
    that differs from the loaded one is simply never used: results go by content hash.)"""
    try:
        data = read_bytes(file, file, [])
        if data is None:  # too large: the loader explains
            return None
        lines = _text_of(data).split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    end = _closing_line(lines) if lines[0].strip() == "---" else None
    return "\n".join(lines[end + 1 :]) if end is not None else None


def read_bytes(file: str, path: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, with plain system calls: half the time of open() on 1,000 files,
    which the preview reads on every save."""
    handle = os.open(file, os.O_RDONLY)
    try:
        size = os.fstat(handle).st_size
        data = b""
        if size <= MAX_CONTENT_BYTES:
            data = os.read(handle, size + 1)  # one byte more: notices a file that grew meanwhile
            if len(data) > size:
                while len(data) <= MAX_CONTENT_BYTES and (more := os.read(handle, 65536)):
                    data += more
                size = len(data)
    finally:
        os.close(handle)
    if size > MAX_CONTENT_BYTES:
        problems.append(problem(path, 0, "file_too_large", size=size, limit=MAX_CONTENT_BYTES))
        return None
    return data


def _text_of(data: bytes) -> str:
    """A content file's text as the loader reads it (and the Markdown read ahead)."""
    return data.decode("utf-8-sig").replace("\r\n", "\n")


def read_source(
    path: str, data: bytes, key: str, problems: list[Problem], cache: BuildCache
) -> SourceFile | None:
    """The file split into front matter and body; memoised apart from the model, which
    also depends on settings, templates and static files."""
    found = cache.get("fm", key)
    if found is None:
        parse_problems: list[Problem] = []
        try:
            text = _text_of(data)
        except UnicodeDecodeError as err:
            parse_problems.append(undecodable(path, err))
            found = (None, parse_problems)
        else:
            source = split_front_matter(text, path, parse_problems)
            found = (dataclasses.replace(source, key=key) if source is not None else None, parse_problems)
        cache.put("fm", key, found)
    source, parse_problems = cast("tuple[SourceFile | None, list[Problem]]", found)
    problems.extend(parse_problems)
    return source


def key_line(source: SourceFile, key: str) -> int:
    """The line of a front-matter key (1 when the front matter did not say)."""
    meta = source.meta
    return meta.line_of(key) if hasattr(meta, "line_of") else 1
