"""Stage 1: read the project from disk and check everything, collecting every problem."""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

from .cache import BuildCache
from .errors import BuildError, Problem, problem
from .load_content import Content, Options, load_content
from .load_fields import Field, check_fields
from .load_i18n import load_translations
from .load_signatories import start_signatories
from .load_yaml import YamlList, read_yaml, undecodable
from .model import Language, Settings, Site

SETTINGS = "site.yaml"
SETTINGS_FIELDS = {
    "title": Field("text", required=True),
    "description": Field("text", required=True),
    "base_url": Field("text", required=True),
    "contact_name": Field("text", required=True),
    "contact_email": Field("text", allow_empty=True),
    "video_id": Field("text", allow_empty=True),
    "repository": Field("text", required=True),
    "branch": Field("text"),
    "languages": Field("any", required=True),
}
LANGUAGE_FIELDS = {
    "code": Field("text", required=True),
    "name": Field("text", required=True),
    "direction": Field("text"),
}


def load_site(
    project: Path,
    options: Options | None = None,
    base_url: str | None = None,
    cache: BuildCache | None = None,
) -> Site:
    """Read settings, content, signatories and static files; raise BuildError with all problems."""
    enabled = gc.isenabled()
    gc.disable()  # loading makes many small objects and no cycles; collecting would only cost
    try:
        return _load_site(project, options or Options(today=dt.date.today()), base_url, cache or BuildCache())
    finally:
        if enabled:
            gc.enable()


def _load_site(project: Path, options: Options, base_url: str | None, cache: BuildCache) -> Site:
    problems: list[Problem] = []
    settings = load_settings(project, base_url, problems)
    static_files = _files_below(project, "static", problems)
    templates = _files_below(project, "templates", problems)
    # A long signatory list is parsed on the other core while content/ is read here.
    finish_signatories = start_signatories(project, options.today, static_files, cache)
    content = Content([], [], [], [])
    if settings is not None:
        langs = settings.languages
        others = frozenset(lang.code for lang in langs[1:])
        for lang in langs:
            root = project / "content" if lang is langs[0] else project / "content" / lang.code
            prefix = "" if lang is langs[0] else "/" + lang.code
            skip = others if lang is langs[0] else frozenset()
            found = load_content(
                project,
                lang.code,
                root,
                prefix,
                options,
                static_files,
                templates,
                problems,
                skip,
                cache=cache,
            )
            content.pages += found.pages
            content.tips += found.tips
            content.stories += found.stories
            content.scheduled += found.scheduled
    _check_unique_tips(content, problems)
    signatories, signatories_key = finish_signatories(problems)
    translations = load_translations(project, settings.languages, problems) if settings else {}
    if problems or settings is None:
        raise BuildError(problems)
    return Site(
        settings=settings,
        pages=tuple(sorted(content.pages, key=lambda p: p.url)),
        tips=tuple(sorted(content.tips, key=lambda t: t.number)),
        stories=tuple(sorted(content.stories, key=lambda s: (s.lang, s.name.casefold(), s.slug))),
        signatories=tuple(signatories),
        static_files=tuple(sorted(static_files)),
        today=options.today,
        next_scheduled=min(content.scheduled) if content.scheduled else None,
        signatories_key=signatories_key,
        translations=translations,
    )


def load_settings(project: Path, base_url: str | None, problems: list[Problem]) -> Settings | None:
    file = project / SETTINGS
    if file.is_symlink() and not file.resolve().is_relative_to(project.resolve()):
        problems.append(problem(SETTINGS, 0, "symlink_outside"))
        return None
    if not file.is_file():
        problems.append(problem(SETTINGS, 0, "settings_missing"))
        return None
    try:
        text = file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        problems.append(undecodable(SETTINGS, err))
        return None
    data, found = read_yaml(text, SETTINGS)
    problems.extend(found)
    if data is None and found:
        return None
    values = check_fields(data, SETTINGS_FIELDS, SETTINGS, 1, problems)
    if values is None:
        return None
    before = len(problems)
    languages = [
        Language(str(v["code"]), str(v["name"]), str(v.get("direction", "ltr")))
        for v in _records(data, "languages", LANGUAGE_FIELDS, problems)
    ]
    for lang in languages:
        if lang.direction not in ("ltr", "rtl"):
            problems.append(problem(SETTINGS, data.line_of("languages"), "bad_direction", got=lang.direction))
    url = base_url or str(values.get("base_url", ""))
    if not url.startswith(("https://", "http://")):
        problems.append(problem(SETTINGS, data.line_of("base_url"), "base_url_scheme", got=url))
    if len(problems) > before or any(k not in values for k, f in SETTINGS_FIELDS.items() if f.required):
        return None
    return Settings(
        title=str(values["title"]),
        description=str(values["description"]),
        base_url=url.rstrip("/") + "/",
        contact_name=str(values["contact_name"]),
        contact_email=str(values.get("contact_email", "")),
        video_id=str(values.get("video_id", "")),
        repository=str(values["repository"]).rstrip("/"),
        branch=str(values.get("branch", "main")),
        languages=tuple(languages),
    )


def _records(data: object, key: str, fields: dict[str, Field], problems: list[Problem]) -> list[dict]:
    items = data.get(key) if hasattr(data, "get") else None
    line = data.line_of(key) if hasattr(data, "line_of") else 1
    if not isinstance(items, YamlList) or not items:
        if items is not None:
            problems.append(problem(SETTINGS, line, "settings_list", key=key))
        return []
    result = []
    for item, item_line in zip(items, items.item_lines, strict=True):
        values = check_fields(item, fields, SETTINGS, item_line, problems)
        if values is not None and all(k in values for k, f in fields.items() if f.required):
            result.append(values)
    return result


def _files_below(project: Path, folder: str, problems: list[Problem]) -> frozenset[str]:
    """Relative paths of the files in project/folder; links that leave the project are errors."""
    root = project / folder
    found: set[str] = set()
    if not root.is_dir():
        return frozenset()
    resolved_project = project.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            file = here / name
            rel = file.relative_to(project).as_posix()
            if file.is_symlink() and not file.resolve().is_relative_to(resolved_project):
                problems.append(problem(rel, 0, "symlink_outside"))
                continue
            if name.startswith(".") or not file.is_file():
                continue
            found.add(file.relative_to(root).as_posix())
    return frozenset(found)


def _check_unique_tips(content: Content, problems: list[Problem]) -> None:
    seen: dict[tuple[str, int], str] = {}
    for tip in content.tips:
        first = seen.setdefault((tip.lang, tip.number), tip.source)
        if first != tip.source:
            problems.append(problem(tip.source, 2, "duplicate_tip", number=tip.number, first=first))


def missing_translations(site: Site) -> dict[str, list[str]]:
    """Per other language, the default language's pages that have no translation yet."""
    settings = site.settings
    default = settings.default_language.code
    sources = {page.url: page.source for page in site.pages if page.lang == default}
    sources |= {story.url: story.source for story in site.stories if story.lang == default}
    existing = {page.url for page in site.pages} | {story.url for story in site.stories}
    result = {}
    for lang in settings.languages[1:]:
        prefix = settings.prefix(lang.code)
        result[lang.code] = sorted(source for url, source in sources.items() if prefix + url not in existing)
    return result
