"""Stage 1: read the project from disk and check everything, collecting every problem."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError, Problem, problem
from sleutelsite.kinds import BUILT_IN, Kind
from sleutelsite.load.content import Content, ContentKinds, Options, load_content
from sleutelsite.load.fields import Field, check_fields
from sleutelsite.load.i18n import load_translations
from sleutelsite.load.kinds import check_kind_words, load_kinds
from sleutelsite.load.municipalities import load_municipalities
from sleutelsite.load.pictures import pictures_of
from sleutelsite.load.signatories import start_signatories
from sleutelsite.load.yaml_file import YamlList, YamlMap, leads_outside, read_yaml, undecodable
from sleutelsite.model import Entry, Language, Settings, Site
from sleutelsite.speed import SerialRunner

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
    runner: SerialRunner | None = None,
) -> Site:
    """Read settings, content, signatories and static files; raise BuildError with all problems.
    The runner may read the signatories meanwhile, in another process."""
    options = options or Options(today=dt.date.today())
    cache = cache or BuildCache()
    problems: list[Problem] = []
    settings = load_settings(project, base_url, problems)
    static_files = _files_below(project, "static", problems)
    templates = _files_below(project, "templates", problems)
    finish_signatories = start_signatories(
        project, options.today, static_files, cache, runner or SerialRunner()
    )
    try:
        kinds, content = _load_all_content(
            project, settings, options, static_files, templates, problems, cache
        )
        signatories, signatories_key = finish_signatories(problems)
    except BaseException:
        finish_signatories.cancel()
        raise
    translations = load_translations(project, settings.languages, problems, cache) if settings else {}
    default = settings.languages[0].code if settings is not None else ""
    if default in translations:
        check_kind_words(kinds, translations[default], f"i18n/{default}.yaml", problems)
    pictures = pictures_of(project, content.entries, signatories, cache, problems)
    places_key = ""
    if settings is not None:
        index_urls = frozenset(entry.url for entry in content.entries if entry.kind == "page")
        municipalities, places_key = load_municipalities(
            project, settings, index_urls, signatories, translations, cache, problems, signatories_key
        )
        content.entries += municipalities
    if problems or settings is None:
        raise BuildError(problems)
    return Site(
        settings=settings,
        entries=_in_order(kinds, content.entries),
        kinds=kinds,
        signatories=tuple(signatories),
        static_files=tuple(sorted(static_files)),
        today=options.today,
        next_scheduled=min(content.scheduled) if content.scheduled else None,
        signatories_key=signatories_key,
        translations=translations,
        pictures=pictures,
        places_key=places_key,
    )


def _load_all_content(
    project: Path,
    settings: Settings | None,
    options: Options,
    static_files: frozenset[str],
    templates: frozenset[str],
    problems: list[Problem],
    cache: BuildCache,
) -> tuple[tuple[Kind, ...], Content]:
    """The kinds, and the content of every language (content/ and content/<code>/)."""
    content = Content()
    codes = tuple(lang.code for lang in settings.languages) if settings is not None else ()
    kinds, broken_folders = load_kinds(project, templates, codes, problems)
    own_kinds = kinds[len(BUILT_IN) :]
    content_kinds = ContentKinds(kinds, cache.key("kinds", repr(own_kinds)) if own_kinds else "")
    if settings is not None:
        langs = settings.languages
        others = frozenset(lang.code for lang in langs[1:])
        for lang in langs:
            root = project / "content" if lang is langs[0] else project / "content" / lang.code
            prefix = "" if lang is langs[0] else "/" + lang.code
            skip = (others if lang is langs[0] else frozenset()) | broken_folders
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
                kinds=content_kinds,
            )
            content.entries += found.entries
            content.scheduled += found.scheduled
    _check_unique_tips(content, problems)
    if own_kinds:  # a kind's address pattern may lead where another file's page is
        _check_unique_urls(kinds, content, problems)
    return kinds, content


def load_settings(project: Path, base_url: str | None, problems: list[Problem]) -> Settings | None:
    text = _settings_text(project, problems)
    if text is None:
        return None
    data, found = read_yaml(text, SETTINGS)
    problems.extend(found)
    if data is None and found:
        return None
    values = check_fields(data, SETTINGS_FIELDS, SETTINGS, 1, problems)
    if values is None or not isinstance(data, YamlMap):  # (not a mapping: reported)
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


def _settings_text(project: Path, problems: list[Problem]) -> str | None:
    """The text of site.yaml, or None (with a problem) when it is missing or unreadable."""
    file = project / SETTINGS
    if leads_outside(file, project):
        problems.append(problem(SETTINGS, 0, "symlink_outside"))
        return None
    if not file.is_file():
        problems.append(problem(SETTINGS, 0, "settings_missing"))
        return None
    try:
        return file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        problems.append(undecodable(SETTINGS, err))
        return None


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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            file = here / name
            rel = file.relative_to(project).as_posix()
            if leads_outside(file, project):
                problems.append(problem(rel, 0, "symlink_outside"))
                continue
            if name.startswith(".") or not file.is_file():
                continue
            found.add(file.relative_to(root).as_posix())
    return frozenset(found)


def _in_order(kinds: tuple[Kind, ...], entries: list[Entry]) -> dict[str, tuple[Entry, ...]]:
    """The entries of each kind, sorted as the kind says (text ignoring case)."""
    found: dict[str, list[Entry]] = {kind.name: [] for kind in kinds}
    for entry in entries:
        found[entry.kind].append(entry)
    return {kind.name: tuple(sorted(found[kind.name], key=_sort_key(kind.order))) for kind in kinds}


def _sort_key(order: tuple[str, ...]) -> Callable[[Entry], tuple[object, ...]]:
    def key(entry: Entry) -> tuple[object, ...]:
        values = entry.values
        result: list[object] = []
        for name in order:
            value = values[name] if name in values else getattr(entry, name)  # a field, or lang, slug, url
            result.append(value.casefold() if isinstance(value, str) else (value is None, value))
        return tuple(result)

    return key


def _check_unique_tips(content: Content, problems: list[Problem]) -> None:
    seen: dict[tuple[str, int], str] = {}
    for tip in (entry for entry in content.entries if entry.kind == "tip"):
        first = seen.setdefault((tip.lang, tip.number), tip.source)
        if first != tip.source:
            problems.append(problem(tip.source, 2, "duplicate_tip", number=tip.number, first=first))


def _check_unique_urls(kinds: tuple[Kind, ...], content: Content, problems: list[Problem]) -> None:
    rank = {kind.name: n for n, kind in enumerate(kinds) if kind.has_pages}  # the built-in ones first
    seen: dict[str, str] = {}
    for entry in sorted(content.entries, key=lambda e: (rank.get(e.kind, -1), e.source)):
        if entry.kind in rank:
            first = seen.setdefault(entry.url, entry.source)
            if first != entry.source:
                problems.append(problem(entry.source, 0, "kind_url_taken", url=entry.url, first=first))


def missing_translations(site: Site) -> dict[str, list[str]]:
    """Per other language, the default language's pages that have no translation yet."""
    settings = site.settings
    default = settings.default_language.code
    sources = {entry.url: entry.source for _, entry in site.with_pages() if entry.lang == default}
    existing = {entry.url for _, entry in site.with_pages()}
    result = {}
    for lang in settings.languages[1:]:
        prefix = settings.prefix(lang.code)
        result[lang.code] = sorted(source for url, source in sources.items() if prefix + url not in existing)
    return result
