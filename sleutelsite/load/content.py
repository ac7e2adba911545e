"""Read content/: Markdown files with YAML front matter, into entries of their kinds.

A file's kind follows from its folder (kinds.py): content/verhalen/*.md are stories,
content/tips/*.md tips, and every other file (an index.md too) a page. The files are
found and read in content_files.py; their images are checked in content_images.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import PAGE, Kind, entry_url
from sleutelsite.load.content_files import SourceFile, files_below, key_line, read_bytes, read_source
from sleutelsite.load.content_images import check_images
from sleutelsite.load.fields import Field, check_fields
from sleutelsite.load.markdown_limits import markdown_limit_problems
from sleutelsite.model import Entry

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    for parts, file, is_link in files_below(root):
        if parts[0] in skip_dirs:
            continue
        place = _place_of(project, root_path, parts, file, is_link, problems)
        if place is None:
            continue
        path, section, slug = place
        data = read_bytes(file, path, problems)
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
        source = read_source(path, data, source_key, found_problems, cache)
        found = (model(source, problems=found_problems) if source is not None else None, found_problems)
        cache.put("model", key, found)
    made, found_problems = cast("tuple[tuple[str, object] | None, list[Problem]]", found)
    problems.extend(found_problems)
    return made


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
    if not _is_visible(meta, options):
        return _left_out(meta, options, source.path)
    images = check_images(source, meta, kind, static_files, problems)
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


def _left_out(meta: dict[str, object], options: Options, path: str) -> tuple[str, object]:
    """What a file this build leaves out becomes: ("scheduled", (date, path)) when it waits
    for its publish date, else ("none", None) (a draft)."""
    publish = meta.get("publish")
    if isinstance(publish, dt.date) and publish > options.today and not meta.get("draft"):
        return "scheduled", (publish, path)
    return "none", None


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
        line = key_line(source, "layout")
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


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NOT_SLUG.sub("-", plain).strip("-") or "pagina"
