"""The maps of the municipalities in data/nl/, read once per set of maps: memoised by
their bytes, so a warm build or an edit in the preview never decodes them (decoding and
deriving each municipality's province takes a quarter of a second), and a cold build
decodes them once: for the signatories' places, the municipalities and the drawing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sleutelsite import geo
from sleutelsite.cache import BuildCache

MAPS_FOLDER = "data/nl"
MAPS = (geo.MUNICIPALITIES_FILE, geo.PROVINCES_FILE)


def map_bytes(folder: Path) -> list[bytes]:
    """The maps' bytes (none when the project has no maps), for the key of what follows from them."""
    files = [folder / name for name in MAPS]
    return [file.read_bytes() for file in files] if all(file.is_file() for file in files) else []


def names_of_places(project: Path, cache: BuildCache) -> tuple[geo.Geography | None, str]:
    """The municipalities and provinces of the maps, without their shapes (memoised), and
    the maps' key; (None, "") for a project without maps."""
    key = maps_key(project, cache)
    if not key:
        return None, ""
    found = cache.get("places", key)
    if isinstance(found, geo.Geography):
        return found, key
    full = geography(project, key, cache)
    names = dataclasses.replace(full, arcs=(), shapes=(), points=(), province_arcs=(), province_shapes=())
    cache.put("places", key, names)
    return names, key


def maps_key(project: Path, cache: BuildCache) -> str:
    """A hash of the two maps' bytes ("" when the project has no maps)."""
    files = [project / MAPS_FOLDER / name for name in MAPS]
    if not all(file.is_file() for file in files):
        return ""
    return cache.key("places", *(file.read_bytes() for file in files))


def geography(project: Path, key: str, cache: BuildCache) -> geo.Geography:
    """Both maps decoded, shapes and all (memoised: a quarter of a second to decode), for
    what only a cold build makes: the names above and the drawing (render/municipalities.py)."""
    found = cache.get("geography", key)
    if isinstance(found, geo.Geography):
        return found
    full = geo.load_geography(project / MAPS_FOLDER)
    cache.put("geography", key, full)
    return full
