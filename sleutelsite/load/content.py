"""Read content/: Markdown files with YAML front matter, into entries of their kinds.

A file's kind follows from its folder (kinds.py): content/verhalen/*.md are stories,
content/tips/*.md tips, and every other file (an index.md too) a page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import PAGE, Kind, entry_url
from sleutelsite.load.fields import Field, check_fields
from sleutelsite.load.markdown_limits import markdown_limit_problems
from sleutelsite.load.yaml_file import read_yaml, undecodable
from sleutelsite.model import Entry

MAX_CONTENT_BYTES = 2 * 1024 * 1024

_FILM_LINE = re.compile(r"^\[\[film(?:\s+[A-Za-z0-9_-]{11})?\]\]$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Linear: alt text stops at a bracket (one pair may nest) and nothing gives back spaces;
# `[^\]]*` and `\s*...\s+` took 22 s on 40 KB of "![".
_IMAGE = re.compile(
    r"!\[((?:[^\[\]]|\[[^\[\]]*\])*+)\]\(\s*+<?([^)\s>]*+)>?(?:\s++\"[^\"]*+\")?\s*+\)(\{[^}]*+\})?"
)


@dataclass(frozen=True)
class Options:
    today: dt.date
    include_drafts: bool = False  # serve shows drafts and scheduled pages
    strict: bool = False  # also require what a published page should have (a description)


@dataclass
class Content:
    entries: list[Entry] = field(default_factory=list)
    scheduled: list[tuple[dt.date, str]] = field(default_factory=list)  # left out until then


class ContentKinds:
    """The kinds a project has, looked up by folder, with their field checks made once."""

    def __init__(self, kinds: tuple[Kind, ...], key: str = "") -> None:
        self.kinds = kinds
        self.key = key  # hash of the project's own kinds ("" when it has none)
        self.checks = {kind.name: field_checks(kind) for kind in kinds}
        # Every field at its default, in the declared order: a file's values go on top.
        self.defaults = {kind.name: {f.name: f.empty for f in kind.fields} for kind in kinds}
        self.of_folder = {kind.folder: kind for kind in kinds if kind.folder}  # (its index page's template)
        # The kind of a file in a folder: only kinds read from Markdown have their files in content/.
        self.by_folder = {
            folder: kind for folder, kind in self.of_folder.items() if kind.source == "markdown"
        }

    def of_file(self, section: str, slug: str) -> Kind:
        """A folder's index.md is a page; every other file has its folder's kind."""
        if slug == "index":
            return PAGE
        return self.by_folder.get(section, PAGE)


def field_checks(kind: Kind) -> dict[str, Field]:
    """What check_fields needs to know of each of a kind's fields."""
    return {f.name: Field(f.type, f.required, f.allow_empty) for f in kind.fields}


@dataclass(frozen=True)
class SourceFile:
    path: str  # "content/verhalen/lubna.md"
    meta: dict[str, object]
    body: str
    body_line: int
    key: str = ""  # hash of the file's path and bytes: what a page built from it depends on


def load_content(
    project: Path,
    lang: str,
    root: Path,
    url_prefix: str,
    options: Options,
    static_files: frozenset[str],
    templates: frozenset[str],
    problems: list[Problem],
    skip_dirs: frozenset[str] = frozenset(),
    *,
    cache: BuildCache,
    kinds: ContentKinds,
) -> Content:
    """Read every Markdown file below `root` (content/ or content/<lang>/)."""
    content = Content()
    if not root.is_dir():
        return content
    context = cache.key(
        "context",
        lang,
        url_prefix,
        repr(options),
        "\0".join(sorted(static_files)),
        "\0".join(sorted(templates)),
        kinds.key,
    )
    root_path = root.relative_to(project).as_posix()
    for parts, file, is_link in _files_below(root):
        if parts[0] in skip_dirs:
            continue
        place = _place_of(project, root_path, parts, file, is_link, problems)
        if place is None:
            continue
        path, section, slug = place
        data = _read_bytes(file, path, problems)
        if data is None:
            continue

        model = partial(
            _model,
            section=section,
            slug=slug,
            lang=lang,
            url_prefix=url_prefix,
            options=options,
            static_files=static_files,
            templates=templates,
            kinds=kinds,
        )
        made = _memoised_model(path, data, context, model, problems, cache)
        if made is None:
            continue
        what, item = made
        if what == "scheduled":
            content.scheduled.append(cast("tuple[dt.date, str]", item))
        elif what == "entry":
            content.entries.append(cast(Entry, item))
    return content


def _place_of(
    project: Path, root_path: str, parts: tuple[str, ...], file: str, is_link: bool, problems: list[Problem]
) -> tuple[str, str, str] | None:
    """(path, section, slug) of a content file, or None (with a problem) when it cannot be
    content: a link out of the project, not Markdown, too deep, or a name that is no slug."""
    path = f"{root_path}/{'/'.join(parts)}"
    if is_link and not Path(file).resolve().is_relative_to(project.resolve()):
        problems.append(problem(path, 0, "symlink_outside"))
        return None
    name = parts[-1]
    if not name.endswith(".md"):
        problems.append(problem(path, 0, "content_not_markdown"))
        return None
    if len(parts) > 2:
        problems.append(problem(path, 0, "content_too_deep"))
        return None
    slug = name[:-3]
    section = parts[0] if len(parts) == 2 else ""
    if slug != "index" and not _SLUG.match(slug) and not (slug == "404" and not section):
        problems.append(problem(path, 0, "bad_slug", slug=slug, better=slugify(slug)))
        return None
    if section and not _SLUG.match(section):
        problems.append(problem(path, 0, "bad_slug", slug=section, better=slugify(section)))
        return None
    return path, section, slug


def _memoised_model(
    path: str,
    data: bytes,
    context: str,
    model: Callable[..., tuple[str, object]],  # (source, problems=...)
    problems: list[Problem],
    cache: BuildCache,
) -> tuple[str, object] | None:
    """What `model` makes of the file, memoised with the file and the build's context."""
    source_key = cache.key("front-matter", path, data)
    # Everything below follows from the file and this context: memoise it as a whole,
    # problems included, so a warm build never even looks at the parsed front matter.
    key = source_key + context  # both are hashes already
    found = cache.get("model", key)
    if found is not None:
        cache.touch("fm", source_key)  # needed again when settings or templates change
    else:
        found_problems: list[Problem] = []
        source = _read_source(path, data, source_key, found_problems, cache)
        found = (model(source, problems=found_problems) if source is not None else None, found_problems)
        cache.put("model", key, found)
    made, found_problems = cast("tuple[tuple[str, object] | None, list[Problem]]", found)
    problems.extend(found_problems)
    return made


def _files_below(root: Path) -> list[tuple[tuple[str, ...], str, bool]]:
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


def _model(
    source: SourceFile,
    section: str,
    slug: str,
    lang: str,
    url_prefix: str,
    options: Options,
    static_files: frozenset[str],
    templates: frozenset[str],
    kinds: ContentKinds,
    problems: list[Problem],
) -> tuple[str, object]:
    """("entry", the entry), ("scheduled", (date, path)) or ("none", None)."""
    kind = kinds.of_file(section, slug)
    fields = kinds.checks[kind.name]
    meta = check_fields(source.meta, fields, source.path, 1, problems)
    if meta is None:
        return "none", None
    publish = meta.get("publish")
    if not _is_visible(meta, options):
        if isinstance(publish, dt.date) and publish > options.today and not meta.get("draft"):
            return "scheduled", (publish, source.path)
        return "none", None
    images = _check_images(source, meta, kind, static_files, problems)
    problems += markdown_limit_problems(source.body, source.path, source.body_line)
    values = {**kinds.defaults[kind.name], **meta}  # (meta holds only declared, checked fields)
    if "layout" in fields:  # the file may choose its template
        values["layout"] = _layout(meta, kind, section, slug, source, templates, kinds, problems)
    if kind is PAGE and slug == "404" and not section:
        url = f"{url_prefix}/404.html"
    else:
        url = entry_url(kind, url_prefix, section, slug, values)
    described = meta.get("description") or (kind.summary and meta.get(kind.summary))
    if options.strict and kind.has_pages and "description" in fields and not described:
        problems.append(problem(source.path, 1, "strict_description"))
    entry = Entry(
        kind.name,
        slug,
        url,
        source.path,
        source.body,
        source.body_line,
        lang,
        values,
        source.key + kinds.key,
        images,
    )
    return "entry", entry


def _is_visible(meta: dict[str, object], options: Options) -> bool:
    if options.include_drafts:
        return True
    publish = meta.get("publish")
    if meta.get("draft"):
        return False
    return not (isinstance(publish, dt.date) and publish > options.today)


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
    return [file for _, file, is_link in _files_below(root) if file.endswith(".md") and not is_link]


def markdown_body(file: str) -> str | None:
    """The Markdown after a file's front matter, as `load_content` will find it, but
    without any check: for converting it ahead while the site loads. (A text read here
    that differs from the loaded one is simply never used: results go by content hash.)"""
    try:
        data = _read_bytes(file, file, [])
        if data is None:  # too large: the loader explains
            return None
        lines = _text_of(data).split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    end = _closing_line(lines) if lines[0].strip() == "---" else None
    return "\n".join(lines[end + 1 :]) if end is not None else None


def _read_bytes(file: str, path: str, problems: list[Problem]) -> bytes | None:
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


def _read_source(
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


def _layout(
    meta: dict[str, object],
    kind: Kind,
    section: str,
    slug: str,
    source: SourceFile,
    templates: frozenset[str],
    kinds: ContentKinds,
    problems: list[Problem],
) -> str:
    if "layout" in meta:
        layout = str(meta["layout"])
        line = _key_line(source, "layout")
    else:
        line = 1
        if not section and slug == "index":
            layout = "home.html"
        elif slug == "index":
            layout = kinds.of_folder.get(section, PAGE).index_template
        else:
            layout = kind.template
    if layout not in templates:
        problems.append(problem(source.path, line, "missing_template", layout=layout))
    return layout


def _key_line(source: SourceFile, key: str) -> int:
    meta = source.meta
    return meta.line_of(key) if hasattr(meta, "line_of") else 1


def _check_images(
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
            line = _key_line(source, key)
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
        where = _key_line(source, consent_key)
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


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NOT_SLUG.sub("-", plain).strip("-") or "pagina"
