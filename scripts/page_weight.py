#!/usr/bin/env python3
"""Page weight of a built site: HTML + CSS + JS per page, images counted separately.

    python scripts/page_weight.py [_site] [--limit-kb 30]

Prints one row per page and exits 1 if a page's HTML + CSS + JS is over the limit.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"')


@dataclass(frozen=True)
class Weight:
    page: str
    html: int
    css: int
    js: int
    images: int

    @property
    def text_total(self) -> int:
        return self.html + self.css + self.js


def page_weights(site: Path, base_path: str = "") -> list[Weight]:
    weights = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        css = js = images = 0
        for ref in sorted(set(_ASSET.findall(html))):
            file = _asset_file(site, page, ref, base_path)
            if file is None:
                continue
            size = file.stat().st_size if file.is_file() else 0
            if file.suffix == ".css":
                css += size
            elif file.suffix == ".js":
                js += size
            else:
                images += size
        weights.append(Weight(page.relative_to(site).as_posix(), len(html.encode()), css, js, images))
    return weights


def _asset_file(site: Path, page: Path, ref: str, base_path: str) -> Path | None:
    """The file an asset address names: a site path ("/static/css/site.css") or, as the
    build writes them, relative to the page ("../static/css/site.css"); None for another host."""
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if "://" in ref or ref.startswith(("//", "data:")):
        return None
    if ref.startswith("/"):
        return site / ref.removeprefix(base_path).lstrip("/")
    return page.parent / ref


MAP_PAGE = "gemeenten/index.html"  # the map of the 342 municipalities: its own, larger limit


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("site", nargs="?", type=Path, default=Path("_site"))
    p.add_argument(
        "--base-path", default="", help="the subpath the site was built for, e.g. /sleutelpersonen"
    )
    p.add_argument("--limit-kb", type=float, default=30)
    p.add_argument(
        "--map-limit-kb", type=float, default=60, help="for /gemeenten/ (and /en/gemeenten/), with the map"
    )
    args = p.parse_args()
    weights = page_weights(args.site, args.base_path)
    print(f"{'page':48} {'HTML':>7} {'CSS':>7} {'JS':>7} {'total':>7} {'images':>8}")
    over = 0
    for w in weights:
        limit = args.map_limit_kb if w.page.endswith(MAP_PAGE) else args.limit_kb
        flag = "  OVER" if w.text_total > limit * 1024 else ""
        over += bool(flag)
        print(f"{w.page:48} {w.html:7} {w.css:7} {w.js:7} {w.text_total:7} {w.images:8}{flag}")
    print(
        f"{len(weights)} pages; largest HTML+CSS+JS {max(w.text_total for w in weights)} bytes; "
        f"limit {args.limit_kb:g} KB, {args.map_limit_kb:g} KB with the map of the municipalities"
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
