"""What the pages of the municipalities share: the country map, each one's locator map,
the counts per status and the list by province. Drawn from the maps once per set of maps
(memoised by their bytes, `site.places_key`); after that only strings are joined."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import cast

from markupsafe import Markup

from sleutelsite import geo
from sleutelsite.cache import BuildCache
from sleutelsite.kinds import MUNICIPALITY, STATUSES
from sleutelsite.load.maps import geography
from sleutelsite.model import Entry, Site
from sleutelsite.render import geo_map


def map_drawing(site: Site, project: Path, cache: BuildCache) -> geo_map.Drawing | None:
    """Both maps simplified and projected (memoised: a fifth of a second to make)."""
    if not site.places_key or not site.of_kind(MUNICIPALITY.name):
        return None
    key = cache.key("drawing", site.places_key)
    found = cache.get("drawing", key)
    if isinstance(found, geo_map.Drawing):
        return found
    made = geo_map.drawing(geography(project, site.places_key, cache))
    cache.put("drawing", key, made)
    return made


def municipality_context(
    site: Site, code: str, drawing: geo_map.Drawing | None, t: dict[str, object], cache: BuildCache
) -> tuple[dict[str, object], dict[str, str]]:
    """The shared values the municipality templates read, for one language, and the
    identities of the long ones (what they follow from: cheaper for a page's memo key
    than their text, which is some 300-700 KB). The same while the drawing, the words,
    the entries and the pages (the examples) are the same objects."""
    entries = [e for e in site.of_kind(MUNICIPALITY.name) if e.lang == code]
    if drawing is None or not entries:
        return {}, {}
    inputs = (drawing, t, *entries, *site.pages)
    made = partial(_context, site, code, drawing, t, cache, entries)
    return cache.by_identity(("municipality context", code, site.places_key), inputs, made)


def _context(
    site: Site,
    code: str,
    drawing: geo_map.Drawing,
    t: dict[str, object],
    cache: BuildCache,
    entries: list[Entry],
) -> tuple[dict[str, object], dict[str, str]]:
    labels = cast("dict[str, str]", t["statuses"])
    by_code = {cast(str, e.code): e for e in entries}
    statuses = {c: str(e.status) for c, e in by_code.items() if e.status != STATUSES[0]}
    counts = Counter(str(e.status) for e in entries)

    country = geo_map.country_map_svg(
        drawing,
        statuses,
        lambda m: f"{m.slug}/",  # relative: the map is on /gemeenten/ (342 times 11 bytes less)
        title=str(t["map_title"]),
        desc=str(t["map_desc"]),
        steps=STATUSES[1:],
    )
    locator_words = str(t["locator_title"])
    locators_key = cache.key("locators", site.places_key, locator_words)
    identities = {
        "locators": locators_key,  # (the memo's own key of what it holds)
        # each entry's source key covers its values and its address; the province is one
        "municipalities_by_province": cache.key("by-province", *(e.source_key for e in entries)),
    }
    values = {
        "municipality_map": Markup(country),
        "status_steps": [
            (step, labels[step], counts.get(step, 0), Markup(geo_map.swatch_svg(step)) if i else "")
            for i, step in enumerate(STATUSES)
        ],
        "municipality_total": len(entries),
        "municipalities_by_province": _by_province(entries),
        "examples": _examples(site, code),
        "locators": _locators(drawing, entries, locator_words, cache, locators_key),
    }
    return values, identities


def _locators(
    drawing: geo_map.Drawing, entries: list[Entry], words: str, cache: BuildCache, key: str
) -> dict[str, Markup]:
    """Each municipality's locator map (memoised: a status edit in the preview draws none)."""
    found = cache.get("locators", key)
    if not isinstance(found, dict):
        found = {
            str(e.code): geo_map.locator_svg(drawing, str(e.code), title=words.format(name=e.municipality))
            for e in entries
        }
        cache.put("locators", key, found)
    return {code: Markup(svg) for code, svg in found.items()}


def _examples(site: Site, code: str) -> list[tuple[object, str]]:
    """(title, address) of the language's examples that work (content/voorbeelden/)."""
    folder = f"{site.settings.prefix(code)}/voorbeelden/"
    return [
        (page.values["title"], page.url)
        for page in site.pages
        if page.lang == code and page.url.startswith(folder) and page.slug != "index"
    ]


def _by_province(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """(province, its municipalities), by province name; the entries come in the kind's
    order, Dutch alphabetical (kinds: order by sort_name)."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        found.setdefault(str(entry.province), []).append(entry)
    return sorted(found.items(), key=lambda kv: geo.sort_key(kv[0]))
