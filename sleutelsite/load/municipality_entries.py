"""The entries of the municipalities (kind `municipality`): one per municipality of the
maps in each language, with its status (load/municipalities.py reads the status files)
and the organisations there that signed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sleutelsite import geo
from sleutelsite.cache import BuildCache
from sleutelsite.kinds import MUNICIPALITY, STATUSES, entry_url
from sleutelsite.load.maps import MAPS_FOLDER
from sleutelsite.model import Entry, Signatory

Source = tuple[str, str, str]  # title, author, url ("" when not given)


@dataclass(frozen=True)
class Status:
    """What one status file says, checked."""

    path: str  # "gemeenten/amsterdam.yaml"
    code: str  # "GM0363"
    status: str  # one of kinds.STATUSES
    date: dt.date | None
    sources: tuple[Source, ...]
    note: str


def municipality_entries(
    places: geo.Geography,
    places_key: str,
    statuses: dict[str, Status],
    signatories: list[Signatory],
    translations: dict[str, dict[str, object]],
    shown: tuple[tuple[str, str], ...],  # (language, prefix) of each language with the index page
    cache: BuildCache,
) -> list[Entry]:
    """An entry per municipality in each of the languages `shown`."""
    signed = _signatories_by_code(places, signatories)
    # What every language shares: the order, and a key of what each
    # entry follows from (its page's memo key is made from it, not from the entry's repr).
    common = {
        m.code: (geo.sort_key(m.name), _status_key(statuses.get(m.code))) for m in places.municipalities
    }
    entries = []
    for code, prefix in shown:
        t = translations.get(code, {})
        words = cache.key(places_key, code, repr(t.get("statuses")), str(t.get("municipality_description")))
        for m in places.municipalities:
            here = signed.get(m.code, ())
            sort_name, status_key = common[m.code]
            key = cache.key(words, m.code, status_key, repr(here))
            entries.append(_entry(m, statuses.get(m.code), prefix, code, here, t, (sort_name, key)))
    return entries


def _status_key(status: Status | None) -> str:
    return repr(status) if status else ""


def _signatories_by_code(
    places: geo.Geography, signatories: list[Signatory]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per municipality's code: (name, anchor on the list page) of each organisation there."""
    found: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, geo.Municipality | None] = {}
    find = geo.municipality_finder(places)
    for s in signatories:
        if s.municipality not in seen:
            seen[s.municipality] = find(s.municipality)
        m = seen[s.municipality]
        if m is not None:
            found.setdefault(m.code, []).append((s.name, s.anchor))
    return {code: tuple(names) for code, names in found.items()}


def _entry(
    m: geo.Municipality,
    status: Status | None,
    prefix: str,
    lang: str,
    signed: tuple[tuple[str, str], ...],
    t: dict[str, object],
    shared: tuple[str, str],  # its order, and the key of what it follows from
) -> Entry:
    sort_name, source_key = shared
    step = status.status if status else STATUSES[0]
    labels = cast("dict[str, str]", t.get("statuses", {}))
    words = str(t.get("municipality_description", "{name}: {status}."))
    values: dict[str, object] = {
        "municipality": m.name,
        "status": step,
        "date": status.date if status else None,
        "sources": status.sources if status else (),
        "note": status.note if status else "",
        "code": m.code,
        "province": m.province_name,
        "sort_name": sort_name,
        "signatories": signed,
        "status_label": labels.get(step, step),
        "description": words.format(name=m.name, status=labels.get(step, step)),
    }
    return Entry(
        kind=MUNICIPALITY.name,
        slug=m.slug,
        url=entry_url(MUNICIPALITY, prefix, MUNICIPALITY.folder, m.slug, values),
        source=status.path if status else f"{MAPS_FOLDER}/{geo.MUNICIPALITIES_FILE}",
        body="",
        body_line=0,
        lang=lang,
        values=values,
        source_key=source_key,
    )
