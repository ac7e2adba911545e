"""The maps' arcs simplified and projected onto a grid of whole units, for geo_map. Pure.

Each shared border is simplified once, at the level of the map's arcs, so neighbours keep
a common border (Visvalingam-Whyatt: a point goes when the triangle it makes is small,
and a ring that loses or gains too much area keeps more points). Points are projected from
RD (x east, y north, metres) onto a grid of whole units (x right, y down), without
repeats and without points on a straight line between their neighbours.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sleutelsite.geo import ArcRefs, Point, Shape, ring_area, ring_points

Grid = tuple[int, int]
ViewBox = tuple[int, int, int, int]  # x, y, width, height


@dataclass(frozen=True)
class Detail:
    """How much of the maps' detail a drawing keeps."""

    unit: float  # metres per step of the grid
    area: float  # Visvalingam-Whyatt: a point whose triangle is smaller than this (m²) goes...
    inner: float  # ...or this many times that, on a border between two municipalities (drawn twice)
    keep_area: float  # but a ring keeps more points until its area is within this share (or 1 unit²)


COUNTRY = Detail(unit=2500, area=4e6, inner=10, keep_area=0.25)
LOCATOR = Detail(unit=3000, area=1.5e7, inner=1, keep_area=0.25)


def rings_on_grid(
    arcs: Sequence[tuple[Point, ...]], shapes: Sequence[Shape], detail: Detail, origin: Point, margin: int
) -> tuple[ViewBox, list[list[list[Grid]]]]:
    """The view box (`margin` units around all points) and the rings of each shape on the grid."""
    grid_arcs = _grid_arcs(
        arcs, [refs for shape in shapes for polygon in shape for refs in polygon], detail, origin
    )
    return _view_box(grid_arcs, margin), [_shape_rings(grid_arcs, shape) for shape in shapes]


def _grid_arcs(
    arcs: Sequence[tuple[Point, ...]], signed: Sequence[ArcRefs], detail: Detail, origin: Point
) -> list[tuple[Grid, ...]]:
    """Each arc simplified and projected, with more points kept (at most 20 times over) in
    the arcs of the rings whose area strays too far from the real one. `signed`: each
    ring's arc numbers, ~n for an arc the other way round."""
    rings = [tuple(r if r >= 0 else ~r for r in refs) for refs in signed]
    rings_of = _rings_of(rings)
    grid = _Simplified(arcs, rings_of, detail, origin)
    wanted = [abs(ring_area(ring_points(arcs, refs))) / detail.unit**2 for refs in signed]
    check: Iterable[int] = range(len(rings))
    for _ in range(20):  # keep more points of the rings that lose or gain too much area
        poor = [k for k in check if _strays(_area(_ring(grid.arcs, signed[k])), wanted[k], detail)]
        changed = sorted({r for k in poor for r in rings[k] if grid.limit[r] > 0})
        if not changed:
            break
        for r in changed:
            grid.keep_more(r)
        check = sorted({k for r in changed for k in rings_of[r]})
    return grid.arcs


class _Simplified:
    """A map's arcs on the grid, each with the points whose importance (Visvalingam-Whyatt)
    reaches the arc's limit; an arc between two rings starts with a higher one."""

    def __init__(
        self,
        arcs: Sequence[tuple[Point, ...]],
        rings_of: Mapping[int, list[int]],
        detail: Detail,
        origin: Point,
    ) -> None:
        self.importance = [_importance(arc) for arc in arcs]
        self.projected = [[project(p, detail.unit, origin) for p in arc] for arc in arcs]
        self.limit = [
            detail.area * (detail.inner if len(rings_of.get(i, ())) > 1 else 1) for i in range(len(arcs))
        ]
        self.lowest = detail.area / 1000  # below this a limit becomes 0: every point is kept
        self.arcs = [self._kept(i) for i in range(len(arcs))]

    def keep_more(self, i: int) -> None:
        """Halve arc i's limit (or make it 0) and simplify the arc again."""
        self.limit[i] = self.limit[i] / 2 if self.limit[i] > self.lowest else 0
        self.arcs[i] = self._kept(i)

    def _kept(self, i: int) -> tuple[Grid, ...]:
        limit = self.limit[i]
        return tuple(q for q, a in zip(self.projected[i], self.importance[i], strict=True) if a >= limit)


def _rings_of(rings: Sequence[Sequence[int]]) -> dict[int, list[int]]:
    """For each arc number, the rings it is part of (one ring: the coast or a lake; two:
    a border between neighbours)."""
    rings_of: dict[int, list[int]] = {}
    for k, refs in enumerate(rings):
        for r in refs:
            rings_of.setdefault(r, []).append(k)
    return rings_of


def _strays(area: float, wanted: float, detail: Detail) -> bool:
    """Whether a ring's area on the grid is too far from its real area (both in units²)."""
    return abs(abs(area) - wanted) > max(detail.keep_area * wanted, 1)


def _shape_rings(grid_arcs: Sequence[tuple[Grid, ...]], shape: Shape) -> list[list[Grid]]:
    """A shape's rings on the grid, without those that shrank to less than a triangle (but
    never none at all)."""
    shape_rings = [_ring(grid_arcs, refs) for polygon in shape for refs in polygon]
    return [r for r in shape_rings if len(r) >= 3] or shape_rings[:1]


def _view_box(grid_arcs: Sequence[tuple[Grid, ...]], margin: int) -> ViewBox:
    xs = [x for arc in grid_arcs for x, y in arc]
    ys = [y for arc in grid_arcs for x, y in arc]
    x, y = min(xs) - margin, min(ys) - margin
    return (x, y, max(xs) + margin - x, max(ys) + margin - y)


def project(p: Point, unit: float, origin: Point) -> Grid:
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
