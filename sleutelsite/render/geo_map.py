"""Maps of the municipalities as small inline SVG, drawn from `geo.Geography`. Pure.

`drawing(geo)` simplifies and projects the maps once (memoise it: it depends only on the
data); `country_map_svg` and `locator_svg` then only join strings.

How the arcs are simplified and put on a grid of whole units is `map_grid`'s part; here
each ring becomes relative path commands, as short as they go.

How the country map is coloured: each municipality is an `<a>` around a `<path>`, those
with a status inside a `<g class="STATUS">`; `<defs>` holds one `<pattern
id="{id}-STATUS">` per step: a `<rect class="{id}-STATUS">` under a white texture that
differs per step, so a status is told apart without colour. The site's CSS joins them:

    .kaart a path { fill: #f1ebe0; stroke: #5d6470 }    /* no status */
    .kaart .erkend path { fill: url(#kaart-erkend) }
    .kaart-erkend { fill: #0b5d66 }                     /* the step's colour */
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from sleutelsite.geo import Geography, Municipality, polygons
from sleutelsite.render.map_grid import COUNTRY, LOCATOR, Detail, Grid, ViewBox, project, rings_on_grid

# One texture per step, in the order of `steps`: path data in a 4 x 4 tile (stripes, dots,
# crosses, a grid), drawn with a white line unless the site's CSS says otherwise.
TEXTURES = ("M0 4 4 0M-1 1 1-1M3 5 5 3", "M1 1h0M3 3h0", "M0 0 4 4M0 4 4 0", "M0 2h4M2 0v4")
RING = 4  # radius (locator units) of the ring around a small municipality on a locator


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
    view_box, shapes = rings_on_grid(geo.arcs, geo.shapes, country, centre, 1)
    locator_view_box, locator_shapes = rings_on_grid(geo.arcs, geo.shapes, locator, centre, RING + 1)
    _, provinces = rings_on_grid(geo.province_arcs, geo.province_shapes, locator, centre, 0)
    marks = []
    for shape, point in zip(geo.shapes, geo.points, strict=True):
        ring = [p for polygon in polygons(geo.arcs, shape) for p in polygon[0]]
        xs, ys = [x for x, y in ring], [y for x, y in ring]
        small = max(max(xs) - min(xs), max(ys) - min(ys)) < 2 * RING * locator.unit
        marks.append(project(point, locator.unit, centre) if small else None)
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
