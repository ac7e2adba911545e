#!/usr/bin/env python3
"""Sizes and CPU time of the municipality maps (sleutelsite/geo.py, geo_map.py).

    python benchmarks/map_size.py [--runs 3]

Prints the bytes of the country map's SVG, of a list of the 342 municipalities by
province as /gemeenten/ would have it, of the site's CSS and JS, and of the locator maps;
then the CPU time of each step (the best of --runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sleutelsite.render.geo_map as geo_map  # noqa: E402
from sleutelsite import geo  # noqa: E402

STEPS = ("stap-a", "stap-b", "stap-c", "stap-d")  # made-up statuses, only to measure


def list_html(g: geo.Geography, end_tags: bool = True) -> str:
    """The list of all municipalities by province, as plain as a template would write it
    (HTML lets a list item's end tag out)."""
    end = "</li>" if end_tags else ""
    return "".join(
        f"<h3>{escape(p.name)}</h3><ul>"
        + "".join(f'<li><a href="{m.slug}/">{escape(m.name)}</a>{end}' for m in ms)
        + "</ul>"
        for p, ms in geo.municipalities_by_province(g)
    )


def country_map(d: geo_map.Drawing, statuses: dict[str, str]) -> str:
    return geo_map.country_map_svg(
        d,
        statuses,
        lambda m: f"{m.slug}/",
        title="Kaart van de 342 gemeenten",
        desc="Elke gemeente is een link naar haar pagina; de lijst hieronder heeft dezelfde links.",
        steps=STEPS,
    )


def locators(d: geo_map.Drawing) -> list[str]:
    return [geo_map.locator_svg(d, m.code, title=f"Ligging van {m.name}") for m in d.municipalities]


def best_cpu(runs: int, work, *args):
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = work(*args)
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()

    load_s, g = best_cpu(args.runs, geo.load_geography, ROOT / "data" / "nl")
    drawing_s, d = best_cpu(args.runs, geo_map.drawing, g)
    all_statuses = {m.code: STEPS[i % len(STEPS)] for i, m in enumerate(g.municipalities)}
    map_s, svg = best_cpu(args.runs, country_map, d, {})
    locators_s, small = best_cpu(args.runs, locators, d)
    full = country_map(d, all_statuses)
    listing, short_listing = list_html(g), list_html(g, end_tags=False)
    css_js = sum((ROOT / "static" / name).stat().st_size for name in ("css/site.css", "js/site.js"))
    left = 60 * 1024 - len(full.encode()) - len(short_listing.encode()) - css_js

    sizes = [len(s.encode()) for s in small]
    rows = [
        ("country map SVG, no statuses", len(svg.encode())),
        ("  of which path data", sum(len(path) for path in d.paths)),
        (f"country map SVG, all 342 with one of {len(STEPS)} statuses", len(full.encode())),
        ("list of the 342 by province (HTML)", len(listing.encode())),
        ("  the same without </li>", len(short_listing.encode())),
        ("static/css/site.css + static/js/site.js (on every page)", css_js),
        ("left of 60 KB beside map, list without </li>, CSS and JS", left),
        ("locator SVG, smallest", min(sizes)),
        ("locator SVG, median", int(statistics.median(sizes))),
        ("locator SVG, largest", max(sizes)),
    ]
    for label, size in rows:
        print(f"{label:<56} {size:>7,} bytes")
    times = [
        ("load: decode both maps + derive 342 provinces", load_s),
        ("drawing: simplify + project both maps", drawing_s),
        ("country_map_svg", map_s),
        ("342 x locator_svg", locators_s),
    ]
    for label, seconds in times:
        print(f"{label:<56} {seconds * 1000:>7.1f} ms CPU")
    print(f"{'total':<56} {sum(s for _, s in times) * 1000:>7.1f} ms CPU (best of {args.runs})")


if __name__ == "__main__":
    main()
