"""The 342 municipalities and 12 provinces of 2025, read from the TopoJSON maps in data/nl/.

Pure except `load_geography`, which reads the two files. A municipality's province is
derived from the maps: the province that holds a point well inside the municipality.
Drawing the maps is `geo_map`'s job.
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

Point = tuple[float, float]  # RD New (EPSG:28992), metres: x east, y north
Ring = tuple[Point, ...]  # closed: the last point equals the first
ArcRefs = tuple[int, ...]  # indexes into the arcs; ~i is arc i reversed
Shape = tuple[tuple[ArcRefs, ...], ...]  # polygons, each an outer ring and its holes

MUNICIPALITIES_FILE = "gemeente_2025.topojson"
PROVINCES_FILE = "provincie_2025.topojson"

# Well-known other names, each certain. Looked up like official names (case, accents and
# punctuation do not matter).
ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "Den Haag": "'s-Gravenhage",
        "The Hague": "'s-Gravenhage",
        "Den Bosch": "'s-Hertogenbosch",
    }
)


@dataclass(frozen=True)
class Province:
    code: str  # "PV27"
    name: str  # "Noord-Holland"
    slug: str  # "noord-holland"


@dataclass(frozen=True)
class Municipality:
    code: str  # CBS code, "GM0363"
    name: str  # official name, "Amsterdam"
    slug: str  # "amsterdam"
    province_code: str  # "PV27"
    province_name: str  # "Noord-Holland"


@dataclass(frozen=True)
class Geography:
    """Both maps, decoded. `shapes[i]` is the outline of `municipalities[i]` (sorted by code)."""

    municipalities: tuple[Municipality, ...]
    provinces: tuple[Province, ...]  # sorted by name
    arcs: tuple[Ring, ...]  # the municipality map's arcs (open lines, shared by neighbours)
    shapes: tuple[Shape, ...]
    points: tuple[Point, ...]  # a point inside each municipality, far from its edges
    province_arcs: tuple[Ring, ...]
    province_shapes: tuple[Shape, ...]  # aligned with `provinces`

    def municipality(self, code: str) -> Municipality:
        return self.municipalities[self.index(code)]

    def index(self, code: str) -> int:
        for i, m in enumerate(self.municipalities):
            if m.code == code:
                return i
        raise KeyError(code)


def load_geography(folder: Path) -> Geography:
    """Read the two TopoJSON files in `folder` (data/nl/)."""
    texts = [(folder / name).read_text(encoding="utf-8") for name in (MUNICIPALITIES_FILE, PROVINCES_FILE)]
    return geography_from_topojson(json.loads(texts[0]), json.loads(texts[1]))


def geography_from_topojson(municipal: Mapping[str, Any], provincial: Mapping[str, Any]) -> Geography:
    """Both parsed maps as a `Geography`; ValueError if a municipality is not in exactly one
    province (the maps do not belong together)."""
    arcs, geometries = decode_topology(municipal)
    province_arcs, province_geometries = decode_topology(provincial)
    province_geometries.sort(key=lambda g: sort_key(g["properties"]["statnaam"]))
    provinces = tuple(
        Province(
            g["properties"]["statcode"], g["properties"]["statnaam"], slugify(g["properties"]["statnaam"])
        )
        for g in province_geometries
    )
    province_shapes = tuple(shape_of(g) for g in province_geometries)
    province_parts = [  # (bounding box, edges, index of the province): edges made once
        (_bbox(rings[0]), _edges(rings), i)
        for i, shape in enumerate(province_shapes)
        for rings in polygons(province_arcs, shape)
    ]
    geometries.sort(key=lambda g: g["properties"]["statcode"])
    municipalities, shapes, points = [], [], []
    for g in geometries:
        shape = shape_of(g)
        name = g["properties"]["statnaam"]
        point = representative_point(max(polygons(arcs, shape), key=lambda rings: abs(ring_area(rings[0]))))
        found = sorted(
            {
                i
                for (x0, y0, x1, y1), edges, i in province_parts
                if x0 <= point[0] <= x1 and y0 <= point[1] <= y1 and _inside(edges, point)
            }
        )
        if len(found) != 1:
            raise ValueError(f"{name} ({g['properties']['statcode']}) lies in {len(found)} provinces")
        province = provinces[found[0]]
        municipalities.append(
            Municipality(g["properties"]["statcode"], name, slugify(name), province.code, province.name)
        )
        shapes.append(shape)
        points.append(point)
    return Geography(
        tuple(municipalities), provinces, arcs, tuple(shapes), tuple(points), province_arcs, province_shapes
    )


def decode_topology(topology: Mapping[str, Any]) -> tuple[tuple[Ring, ...], list[dict[str, Any]]]:
    """The decoded arcs and the geometries of the topology's one object."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))
    (collection,) = topology["objects"].values()
    return tuple(arcs), list(collection["geometries"])


def shape_of(geometry: Mapping[str, Any]) -> Shape:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return tuple(tuple(tuple(ring) for ring in polygon) for polygon in parts)


def arc_points(arcs: Sequence[Ring], ref: int) -> Ring:
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def ring_points(arcs: Sequence[Ring], refs: ArcRefs) -> Ring:
    """The arcs joined end to end (each arc starts where the one before ends)."""
    points = list(arc_points(arcs, refs[0]))
    for ref in refs[1:]:
        points.extend(arc_points(arcs, ref)[1:])
    return tuple(points)


def polygons(arcs: Sequence[Ring], shape: Shape) -> list[list[Ring]]:
    return [[ring_points(arcs, refs) for refs in polygon] for polygon in shape]


def ring_area(ring: Ring) -> float:
    """Signed area (shoelace), positive when the ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def contains(rings: Sequence[Ring], point: Point) -> bool:
    """Whether `point` is inside the polygon (outer ring and holes, even-odd rule)."""
    return _inside(_edges(rings), point)


def _inside(edges: Sequence[tuple[float, float, float, float]], point: Point) -> bool:
    px, py = point
    inside = False
    for x0, y0, x1, y1 in edges:
        if (y0 > py) != (y1 > py) and px < x0 + (py - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def representative_point(rings: Sequence[Ring], lines: int = 7) -> Point:
    """A point inside the polygon and far from its edges (a centroid can fall outside a
    concave shape): of the midpoints of the spans inside the polygon along a few horizontal
    lines, the one farthest from every edge."""
    edges = _edges(rings)
    low, high = min(y for x, y in rings[0]), max(y for x, y in rings[0])
    spans: list[tuple[float, float, float]] = []
    for k in range(lines):
        y = low + (high - low) * (k + 0.5) / lines
        crossings = sorted(
            x0 + (y - y0) * (x1 - x0) / (y1 - y0) for x0, y0, x1, y1 in edges if (y0 > y) != (y1 > y)
        )
        spans.extend(
            (right - left, (left + right) / 2, y)
            for left, right in zip(crossings[::2], crossings[1::2], strict=True)
        )
    best, best_distance = None, -1.0
    for width, x, y in sorted(spans, reverse=True):
        if width / 2 <= best_distance:  # no point of a narrower span is farther from an edge
            break
        distance = _distance_to_edges(edges, (x, y))
        if distance > best_distance:
            best, best_distance = (x, y), distance
    if best is None:
        raise ValueError("a polygon without area")
    return best


def _bbox(ring: Ring) -> tuple[float, float, float, float]:
    xs, ys = [x for x, y in ring], [y for x, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _edges(rings: Sequence[Ring]) -> list[tuple[float, float, float, float]]:
    return [(x0, y0, x1, y1) for ring in rings for (x0, y0), (x1, y1) in itertools.pairwise(ring)]


def _distance_to_edges(edges: Sequence[tuple[float, float, float, float]], point: Point) -> float:
    px, py = point
    best = math.inf
    hypot = math.hypot
    for x0, y0, x1, y1 in edges:
        dx, dy = x1 - x0, y1 - y0
        t = ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy) if dx or dy else 0.0
        t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t  # the nearest point of the edge
        distance = hypot(px - x0 - t * dx, py - y0 - t * dy)
        if distance < best:
            best = distance
    return best


def slugify(name: str) -> str:
    """ "Súdwest-Fryslân" -> "sudwest-fryslan", "'s-Gravenhage" -> "s-gravenhage"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['`]", "", ascii_name.lower())).strip("-")


def sort_key(name: str) -> str:
    """Dutch alphabetical order: "'s-Hertogenbosch" goes under H, accents do not count."""
    return slugify(re.sub(r"^['’]s-|^['’]t ", "", name))


def municipalities_by_province(geo: Geography) -> list[tuple[Province, list[Municipality]]]:
    """Every province (by name) with its municipalities (in Dutch alphabetical order)."""
    return [
        (
            p,
            sorted(
                (m for m in geo.municipalities if m.province_code == p.code), key=lambda m: sort_key(m.name)
            ),
        )
        for p in geo.provinces
    ]


def find_municipality(geo: Geography, query: str) -> Municipality | None:
    """By official name, known alias or CBS code ("GM0363"); case, accents, apostrophes
    and punctuation do not matter. "Hengelo" finds "Hengelo (O.)", as no other
    municipality's name without its bracketed part is "Hengelo"; "Bergen" finds nothing."""
    return municipality_finder(geo)(query)


def municipality_finder(geo: Geography) -> Callable[[str], Municipality | None]:
    """`find_municipality` for many names: the index of names is made once, not per name
    (2,000 signatories name some 300 municipalities)."""
    names = _names(geo)
    codes = {m.code: m for m in geo.municipalities}

    def find(query: str) -> Municipality | None:
        text = query.strip()
        if re.fullmatch(r"(?i)gm\d{4}", text):
            return codes.get(text.upper())
        found = names.get(slugify(text), ())
        return found[0] if len(found) == 1 else None

    return find


def _names(geo: Geography) -> dict[str, tuple[Municipality, ...]]:
    """Every key `find_municipality` knows (made with `slugify`) and what it names: more
    than one municipality for a name without its bracketed part, such as "bergen"."""
    names: dict[str, tuple[Municipality, ...]] = {m.slug: (m,) for m in geo.municipalities}
    short: dict[str, tuple[Municipality, ...]] = {}
    for m in geo.municipalities:
        if "(" in m.name:
            key = slugify(m.name.split("(")[0])
            short[key] = (*short.get(key, ()), m)
    names.update({key: found for key, found in short.items() if key not in names})
    names.update({slugify(alias): names[slugify(official)] for alias, official in ALIASES.items()})
    return names


def did_you_mean(geo: Geography, query: str, n: int = 3) -> list[str]:
    """Official names close to `query` (an alias counts as its official name), best first."""
    names = _names(geo)
    found = difflib.get_close_matches(slugify(query), list(names), n=n * 2, cutoff=0.6)
    return list(dict.fromkeys(m.name for key in found for m in names[key]))[:n]
