"""The 342 municipalities as entries of the kind `municipality` (kinds.py), each with where
it stands for key persons, from the status files in gemeenten/ (one per municipality, so
two pull requests about different municipalities never touch the same file).

    gemeenten/amsterdam.yaml
        municipality: Amsterdam
        status: betaald
        date: 2026-12-03
        sources:
          - title: Investeer in sleutelpersonen
            author: Esseline van de Sande
        note: Een korte uitleg in eigen woorden.

A municipality without a file is `onbekend` (nothing known yet). The names, codes and
provinces come from the maps in data/nl/ (`sleutelsite.geo`), memoised by the maps' bytes
so that a warm build or a status edit in the preview never decodes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast

from sleutelsite import geo
from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import MUNICIPALITY, STATUSES
from sleutelsite.load.content import field_checks
from sleutelsite.load.fields import Field, check_fields, did_you_mean
from sleutelsite.load.maps import names_of_places
from sleutelsite.load.municipality_entries import Source, Status, municipality_entries
from sleutelsite.load.urls import check_url
from sleutelsite.load.yaml_file import YamlList, YamlMap, leads_outside, read_yaml, undecodable
from sleutelsite.model import Entry, Settings, Signatory

STATUS_FOLDER = "gemeenten"  # top level, beside signatories.yaml
MAX_NOTE = 500
MAX_FILE = 64 * 1024  # a status file is a few lines
SOURCE_FIELDS = {
    "title": Field("text", required=True),
    "author": Field("text"),
    "url": Field("text"),
}
# The kind's fields; its list of sources is checked here (_sources), item by item.
FIELDS = {**field_checks(MUNICIPALITY), "sources": Field("any")}


def load_municipalities(
    project: Path,
    settings: Settings,
    index_urls: frozenset[str],
    signatories: list[Signatory],
    translations: dict[str, dict[str, object]],
    cache: BuildCache,
    problems: list[Problem],
    signatories_key: str,  # what the signatories follow from (their file, the maps)
) -> tuple[list[Entry], str]:
    """An entry per municipality in each language whose content has the index page
    (content/gemeenten/index.md), and the key of the maps (for render's drawing)."""
    places, places_key = names_of_places(project, cache)
    files = status_files(project)
    if places is None:
        if files:
            problems.append(problem(files[0].relative_to(project).as_posix(), 0, "municipality_maps_missing"))
        return [], ""
    statuses: dict[str, Status] = {}
    for file in files:
        found = read_status(project, file, places, places_key, cache, problems)
        if found is None:
            continue
        first = statuses.setdefault(found.code, found)
        if first is not found:
            problems.append(problem(found.path, 1, "municipality_twice", first=first.path))
    shown = tuple(
        (lang.code, settings.prefix(lang.code))
        for lang in settings.languages
        if f"{settings.prefix(lang.code)}/{MUNICIPALITY.folder}/" in index_urls
    )
    # (the same entries while the maps, statuses and words are the same objects and the
    # signatories the same file: the preview, on every save that is not of these files)
    inputs = (places, *(translations.get(code) for code, _ in shown), *statuses.values())
    made = partial(
        municipality_entries, places, places_key, statuses, signatories, translations, shown, cache
    )
    return cache.by_identity(("municipalities", places_key, shown, signatories_key), inputs, made), places_key


def status_files(project: Path) -> list[Path]:
    folder = project / STATUS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def read_status(
    project: Path,
    file: Path,
    places: geo.Geography,
    places_key: str,
    cache: BuildCache,
    problems: list[Problem],
) -> Status | None:
    """One status file checked (memoised by its bytes and the maps)."""
    path = file.relative_to(project).as_posix()
    if leads_outside(file, project):
        problems.append(problem(path, 0, "symlink_outside"))
        return None
    size = file.stat().st_size
    if size > MAX_FILE:  # (before reading it)
        problems.append(problem(path, 0, "status_file_too_big", size=size, limit=MAX_FILE))
        return None
    data = file.read_bytes()
    key = cache.key("status", path, data, places_key)
    hit = cache.get("status", key)
    if isinstance(hit, tuple) and len(hit) == 2:
        status, found = cast("tuple[Status | None, list[Problem]]", hit)
    else:
        found = []
        status = _checked(path, data, places, found)
        cache.put("status", key, (status, found))
    problems.extend(found)
    return status


def _checked(path: str, data: bytes, places: geo.Geography, problems: list[Problem]) -> Status | None:
    """What a status file says, or None (with the problems found)."""
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        problems.append(undecodable(path, err))
        return None
    parsed, found = read_yaml(text, path)
    problems.extend(found)
    if parsed is None:
        return None
    before = len(problems)
    values = check_fields(parsed, FIELDS, path, 1, problems)
    if values is None or not isinstance(parsed, YamlMap):
        return None
    at = parsed.line_of
    written = str(values.get("municipality", ""))
    place = _place(path, at("municipality"), written, places, problems) if written else None
    status = str(values.get("status", ""))
    if "status" in values:
        _check_status(path, at("status"), status, problems)
    sources = _sources(path, parsed.get("sources"), at("sources"), problems)
    date = cast("dt.date | None", values.get("date"))
    if status in STATUSES[1:]:
        written_sources = parsed.get("sources")  # (a wrong one is reported as such, not as missing)
        given = bool(sources) or (isinstance(written_sources, YamlList) and len(written_sources) > 0)
        _check_evidence(path, at("status"), status, date, given, problems)
    note = str(values.get("note", ""))
    _check_texts(path, at, note, sources, problems)
    if len(problems) > before or place is None:
        return None
    return Status(path, place.code, status, date, tuple(sources), note)


# What a stranger may write for a step of the ladder: the site's own words for it, in
# Dutch and English ("motie" is a step of "besluit": a motion or decision).
_STATUS_WORDS = {
    **dict.fromkeys(("nog niets bekend", "niets bekend", "unknown", "nothing known"), "onbekend"),
    **dict.fromkeys(("in gesprek", "gesprek", "in conversation", "in talks"), "in-gesprek"),
    **dict.fromkeys(("motie", "motion", "decision", "besloten", "aangenomen"), "besluit"),
    "paid": "betaald",
}


def _check_status(path: str, line: int, status: str, problems: list[Problem]) -> None:
    if status not in STATUSES:
        words = " ".join(status.casefold().replace("-", " ").replace("_", " ").split())
        guess = _STATUS_WORDS.get(words) or did_you_mean(status, list(STATUSES))
        code = "bad_choice_guess" if guess else "bad_choice"
        problems.append(
            problem(path, line, code, key="status", got=status, guess=guess, choices=", ".join(STATUSES))
        )


def _check_evidence(
    path: str, line: int, status: str, date: dt.date | None, has_sources: bool, problems: list[Problem]
) -> None:
    """A status above "nothing known" says when, and where it is written."""
    if not has_sources:
        problems.append(problem(path, line, "status_needs_source", status=status))
    if date is None:
        problems.append(problem(path, line, "status_needs_date", status=status))


def _check_texts(
    path: str, at: Callable[[str], int], note: str, sources: list[Source], problems: list[Problem]
) -> None:
    """The note's length, and no markup in what the page shows as text."""
    if len(note) > MAX_NOTE:
        problems.append(problem(path, at("note"), "status_note_too_long", length=len(note), limit=MAX_NOTE))
    for key, text_value in (("note", note), *(("sources", s) for source in sources for s in source[:2])):
        if "<" in text_value or ">" in text_value:
            problems.append(problem(path, at(key), "status_markup", key=key))


def _place(
    path: str, line: int, written: str, places: geo.Geography, problems: list[Problem]
) -> geo.Municipality | None:
    """The municipality a file names; the file must be called after it."""
    found = geo.find_municipality(places, written)
    if found is None:
        guesses = geo.did_you_mean(places, written)
        if guesses:
            problems.append(problem(path, line, "unknown_municipality_guess", got=written, guess=guesses[0]))
        else:
            problems.append(problem(path, line, "unknown_municipality_status", got=written))
        return None
    expected = f"{STATUS_FOLDER}/{found.slug}.yaml"
    if path.rsplit(".", 1)[0] != expected.rsplit(".", 1)[0]:
        problems.append(problem(path, line, "status_file_name", name=found.name, expected=expected))
        return None
    return found


def _sources(path: str, items: object, line: int, problems: list[Problem]) -> list[Source]:
    if items is None:
        return []
    if not isinstance(items, YamlList):
        problems.append(problem(path, line, "status_sources_list"))
        return []
    result = []
    for item, item_line in zip(items, items.item_lines, strict=True):
        values = check_fields(item, SOURCE_FIELDS, path, item_line, problems)
        if values is None or "title" not in values:
            continue
        url = str(values.get("url", ""))
        if url:
            url_line = cast("YamlMap", item).line_of("url")
            found = [dataclasses.replace(p, path=path) for p in check_url(url, url_line)]
            if found:
                problems.extend(found)
                continue
        result.append((str(values["title"]), str(values.get("author", "")), url))
    return result
