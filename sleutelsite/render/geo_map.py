"""Maps of the municipalities as small inline SVG, drawn from `geo.Geography`. Pure.

`drawing(geo)` simplifies and projects the maps once (memoise it: it depends only on the
data); `country_map_svg` and `locator_svg` then only join strings.

Each shared border is simplified once, at the level of the map's arcs, so neighbours keep
a common border; points are projected from RD (x east, y north, metres) onto a grid of
whole units (x right, y down) and written as relative path commands.

How the country map is coloured: each municipality is an `<a>` around a `<path>`, those
with a status inside a `<g class="STATUS">`; `<defs>` holds one `<pattern
id="{id}-STATUS">` per step: a `<rect class="{id}-STATUS">` under a white texture that
differs per step, so a status is told apart without colour. The site's CSS joins them:

    .kaart a path { fill: #f1ebe0; stroke: #5d6470 }    /* no status */
    .kaart .erkend path { fill: url(#kaart-erkend) }
    .kaart-erkend { fill: #0b5d66 }                     /* the step's colour */
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from sleutelsite.geo import (
    Geography,
    Municipality,
    Point,
    Shape,
    polygons,
    ring_area,
    ring_points,
)

Grid = tuple[int, int]
ViewBox = tuple[int, int, int, int]  # x, y, width, height

# One texture per step, in the order of `steps`: path data in a 4 x 4 tile (stripes, dots,
# crosses, a grid), drawn with a white line unless the site's CSS says otherwise.
TEXTURES = ("M0 4 4 0M-1 1 1-1M3 5 5 3", "M1 1h0M3 3h0", "M0 0 4 4M0 4 4 0", "M0 2h4M2 0v4")
RING = 4  # radius (locator units) of the ring around a small municipality on a locator


@dataclass(frozen=True)
class Detail:
    """How much of the maps' detail a drawing keeps."""

    unit: float  # metres per step of the grid
    area: float  # Visvalingam-Whyatt: a point whose triangle is smaller than this (m²) goes...
    inner: float  # ...or this many times that, on a border between two municipalities (drawn twice)
    keep_area: float  # but a ring keeps more points until its area is within this share (or 1 unit²)


COUNTRY = Detail(unit=2500, area=4e6, inner=10, keep_area=0.25)
LOCATOR = Detail(unit=3000, area=1.5e7, inner=1, keep_area=0.25)


@dataclass(frozen=True)
class Drawing:
    """Everything the SVG functions need, simplified and projected."""

    municipalities: tuple[Municipality, ...]  # as in the Geography (sorted by code)
    view_box: ViewBox  # of the country map
    paths: tuple[str, ...]  # path data per municipality, aligned with municipalities
    locator_view_box: ViewBox
    locator_land: str  # path data: the provinces
    locator_paths: tuple[str, ...]  # path data per municipality on the locator's grid
    locator_marks: tuple[Grid | None, ...]  # the centre of a ring around a small municipality


def drawing(geo: Geography, country: Detail = COUNTRY, locator: Detail = LOCATOR) -> Drawing:
    """Both maps simplified and projected; (0, 0) is the middle of the country."""
    points = [p for arc in geo.province_arcs for p in arc]
    xs, ys = [x for x, y in points], [y for x, y in points]
    centre = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2  # numbers around 0 stay short
    view_box, shapes = _map(geo.arcs, geo.shapes, country, centre, 1)
    locator_view_box, locator_shapes = _map(geo.arcs, geo.shapes, locator, centre, RING + 1)
    _, provinces = _map(geo.province_arcs, geo.province_shapes, locator, centre, 0)
    marks = []
    for shape, point in zip(geo.shapes, geo.points, strict=True):
        ring = [p for polygon in polygons(geo.arcs, shape) for p in polygon[0]]
        xs, ys = [x for x, y in ring], [y for x, y in ring]
        small = max(max(xs) - min(xs), max(ys) - min(ys)) < 2 * RING * locator.unit
        marks.append(_project(point, locator.unit, centre) if small else None)
    return Drawing(
        geo.municipalities,
        view_box,
        tuple(_path_data(rings) for rings in shapes),
        locator_view_box,
        _path_data([ring for rings in provinces for ring in rings]),
        tuple(_path_data(rings) for rings in locator_shapes),
        tuple(marks),
    )


def country_map_svg(
    d: Drawing,
    statuses: Mapping[str, str],
    href_for: Callable[[Municipality], str],
    *,
    title: str,
    desc: str,
    steps: Sequence[str] = (),
    label_for: Callable[[Municipality], str] | None = None,
    id: str = "kaart",
) -> str:
    """The whole map: one link per municipality with its name (or `label_for(m)`) as its
    title; those with a status (`statuses[code]`) in a `<g class="STATUS">`. `steps` lists
    the statuses in order; each gets a pattern (see the module's docstring)."""
    for name in (*steps, *statuses.values(), id):
        if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            raise ValueError(f"not a CSS class name: {name!r}")
    defs = "".join(
        f'<pattern id="{id}-{step}" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect class="{id}-{step}" width="4" height="4"/>'
        f'<path d="{TEXTURES[i % len(TEXTURES)]}" fill="none" stroke="#fff" stroke-width="1.1" stroke-linecap="round"/>'
        "</pattern>"
        for i, step in enumerate(steps)
    )
    groups: dict[str, list[str]] = {}
    for m, path in zip(d.municipalities, d.paths, strict=True):
        label = label_for(m) if label_for else m.name
        groups.setdefault(statuses.get(m.code, ""), []).append(
            f'<a href="{escape(href_for(m))}"><title>{escape(label, quote=False)}</title><path d="{path}"/></a>'
        )
    return (
        f'<svg class="{id}" viewBox="{" ".join(map(str, d.view_box))}" role="group" aria-labelledby="{id}-t"'
        f' aria-describedby="{id}-d"><title id="{id}-t">{escape(title, quote=False)}</title>'
        f'<desc id="{id}-d">{escape(desc, quote=False)}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        + '<g fill="#ddd" fill-rule="evenodd" stroke="#fff" stroke-width=".3" stroke-linejoin="round">'
        + "".join(
            "".join(links) if not status else f'<g class="{status}">{"".join(links)}</g>'
            for status, links in sorted(groups.items())
        )
        + "</g></svg>"
    )


def swatch_svg(step: str, id: str = "kaart") -> str:
    """One tile of a step's pattern, for the legend (on the same page as the map)."""
    return (
        f'<svg class="{id}-staal" viewBox="0 0 4 4" aria-hidden="true">'
        f'<rect width="4" height="4" fill="url(#{id}-{step})"/></svg>'
    )


def locator_svg(d: Drawing, code: str, *, title: str, id: str = "ligging") -> str:
    """A small map of the provinces with one municipality filled (and ringed if small)."""
    codes = [m.code for m in d.municipalities]
    if code not in codes:
        raise KeyError(code)
    i = codes.index(code)
    mark = d.locator_marks[i]
    ring = f'<circle cx="{mark[0]}" cy="{mark[1]}" r="{RING}" fill="none" stroke-width="1"/>' if mark else ""
    return (
        f'<svg class="{id}" viewBox="{" ".join(map(str, d.locator_view_box))}" role="img" aria-label="{escape(title)}">'
        f'<path class="{id}-land" d="{d.locator_land}" fill="#ddd" stroke="#fff" stroke-width=".5"/>'
        f'<g class="{id}-hier" fill="#333" stroke="#333" stroke-width=".5">'
        f'<path d="{d.locator_paths[i]}"/>{ring}</g></svg>'
    )


def _map(
    arcs: Sequence[tuple[Point, ...]], shapes: Sequence[Shape], detail: Detail, origin: Point, margin: int
) -> tuple[ViewBox, list[list[list[Grid]]]]:
    """The view box (`margin` units around all points) and the rings of each shape on the grid."""
    unit = detail.unit
    importance = [_importance(arc) for arc in arcs]
    projected = [[_project(p, unit, origin) for p in arc] for arc in arcs]
    signed = [refs for shape in shapes for polygon in shape for refs in polygon]
    rings = [tuple(r if r >= 0 else ~r for r in refs) for refs in signed]
    rings_of: dict[int, list[int]] = {}
    for k, refs in enumerate(rings):
        for r in refs:
            rings_of.setdefault(r, []).append(k)
    limit = [detail.area * (detail.inner if len(rings_of.get(i, ())) > 1 else 1) for i in range(len(arcs))]

    def simplified(i: int) -> tuple[Grid, ...]:
        return tuple(q for q, a in zip(projected[i], importance[i], strict=True) if a >= limit[i])

    grid_arcs = [simplified(i) for i in range(len(arcs))]
    wanted = [abs(ring_area(ring_points(arcs, refs))) / unit**2 for refs in signed]
    check: Iterable[int] = range(len(rings))
    for _ in range(20):  # keep more points of the rings that lose or gain too much area
        poor = [
            k
            for k in check
            if abs(abs(_area(_ring(grid_arcs, signed[k]))) - wanted[k]) > max(detail.keep_area * wanted[k], 1)
        ]
        changed = sorted({r for k in poor for r in rings[k] if limit[r] > 0})
        if not changed:
            break
        for r in changed:
            limit[r] = limit[r] / 2 if limit[r] > detail.area / 1000 else 0
            grid_arcs[r] = simplified(r)
        check = sorted({k for r in changed for k in rings_of[r]})
    drawn = []
    for shape in shapes:
        shape_rings = [_ring(grid_arcs, refs) for polygon in shape for refs in polygon]
        drawn.append([r for r in shape_rings if len(r) >= 3] or shape_rings[:1])
    xs = [x for arc in grid_arcs for x, y in arc]
    ys = [y for arc in grid_arcs for x, y in arc]
    x, y = min(xs) - margin, min(ys) - margin
    return (x, y, max(xs) + margin - x, max(ys) + margin - y), drawn


def _project(p: Point, unit: float, origin: Point) -> Grid:
    return round((p[0] - origin[0]) / unit), round((origin[1] - p[1]) / unit)


def _importance(arc: Sequence[Point]) -> list[float]:
    """Visvalingam-Whyatt: the area of the triangle each point makes when it is the next to
    go (never less than that of a point removed before it). End points are kept (inf); a
    closed arc also keeps the point farthest from its start."""
    n = len(arc)
    kept = {0, n - 1}
    if n > 3 and arc[0] == arc[-1]:
        kept.add(max(range(n), key=lambda i: math.dist(arc[0], arc[i])))
    result = [math.inf if i in kept else 0.0 for i in range(n)]
    before, after = list(range(-1, n - 1)), list(range(1, n + 1))

    def triangle(i: int) -> float:
        (ax, ay), (bx, by), (cx, cy) = arc[before[i]], arc[i], arc[after[i]]
        return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2

    heap = [(triangle(i), i) for i in range(n) if i not in kept]
    heapq.heapify(heap)
    current = {i: a for a, i in heap}
    floor = 0.0
    while heap:
        a, i = heapq.heappop(heap)
        if current.get(i) != a:
            continue  # a stale entry: the point's triangle changed when a neighbour went
        del current[i]
        floor = max(floor, a)
        result[i] = floor
        after[before[i]], before[after[i]] = after[i], before[i]
        for j in (before[i], after[i]):
            if j in current:
                current[j] = triangle(j)
                heapq.heappush(heap, (current[j], j))
    return result


def _ring(grid_arcs: Sequence[tuple[Grid, ...]], refs: Iterable[int]) -> list[Grid]:
    """The ring's points on the grid without repeats or points on a straight line (the
    closing point is left out)."""
    points: list[Grid] = []
    for ref in refs:
        for p in grid_arcs[ref] if ref >= 0 else grid_arcs[~ref][::-1]:
            while len(points) >= 2 and _cross(points[-2], points[-1], p) == 0:
                points.pop()
            if not points or points[-1] != p:
                points.append(p)
    while len(points) >= 3 and (points[0] == points[-1] or _cross(points[-2], points[-1], points[0]) == 0):
        points.pop()
    while len(points) >= 3 and _cross(points[-1], points[0], points[1]) == 0:
        points.pop(0)
    return points


def _area(ring: Sequence[Grid]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], *ring[:1]], strict=True)) / 2


def _cross(a: Grid, b: Grid, c: Grid) -> int:
    return (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])


def _path_data(rings: Sequence[Sequence[Grid]]) -> str:
    """ "m3 4-1 2h5z m..." as short as it goes: whole numbers, relative commands. A path's
    first `m` is absolute and the number pairs after an `m` are lines."""
    parts = []
    at = (0, 0)
    for ring in rings:
        parts.append("m" + _numbers([ring[0][0] - at[0], ring[0][1] - at[1]]))
        parts.append(_lines([(q[0] - p[0], q[1] - p[1]) for p, q in itertools.pairwise(ring)]) + "z")
        at = ring[0]
    return "".join(parts)


def _lines(steps: Sequence[Grid]) -> str:
    """The shortest text for these relative lines right after an `m`: `l` pairs, or `h` or
    `v` for a level or upright step where the letter costs less than the 0 it saves."""
    best = {"l": ""}  # for each command: the shortest text so far that ends with it
    for dx, dy in steps:
        options = {"l": (dx, dy)} | ({"h": (dx,)} if dy == 0 else {}) | ({"v": (dy,)} if dx == 0 else {})
        best = {
            command: min(
                (
                    text
                    + (_numbers(values, after_number=True) if last == command else command + _numbers(values))
                    for last, text in best.items()
                ),
                key=lambda t: (len(t), t),
            )
            for command, values in options.items()
        }
    return min(best.values(), key=lambda t: (len(t), t))


def _numbers(values: Sequence[int], after_number: bool = False) -> str:
    """Numbers one after another, a space between them unless a minus sign parts them."""
    text = ""
    for v in values:
        text += ("" if not (text or after_number) or v < 0 else " ") + str(v)
    return text
