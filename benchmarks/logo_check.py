#!/usr/bin/env python3
"""How long the SVG logo check takes on hostile inputs of a given size (default 1 MB).

    python benchmarks/logo_check.py [--kb 1024] [--runs 3]

A logo over 200 KB is refused by its size before it is read, so the build never parses
more than that; this calls the SVG check itself on larger inputs, shaped to make a
careless parser or pattern slow (deep nesting, long values, many references, long CSS,
entities), and prints the slowest run of each and what the check said.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sleutelsite.load.logo_svg import check_svg  # noqa: E402

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def inputs(size: int) -> dict[str, str]:
    """Each about `size` characters long."""

    def repeat(unit: str, head: str = OPEN, tail: str = "</svg>") -> str:
        return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail

    return {
        "deep nesting": repeat("<g>", tail=""),
        "deep nesting, closed": OPEN + "<g>" * (size // 7) + "</g>" * (size // 7) + "</svg>",
        "many elements": repeat('<rect width="1" height="1"/>'),
        "many attributes": repeat(' data-a="1"', head=OPEN[:-1], tail="/>"),
        "long path": repeat("L1 2 ", head=OPEN + '<path d="M0 0', tail='"/></svg>'),
        "long word, paren at end": repeat("a", head=OPEN + '<path fill="', tail=';("/></svg>'),
        "many url(#id)": repeat("url(#a) ", head=OPEN + '<path fill="', tail='"/></svg>'),
        "many url( unclosed": repeat("url(#", head=OPEN + '<path fill="', tail='"/></svg>'),
        "style, many rules": repeat(
            ".a{fill:#000;stroke:url(#g)}", head=OPEN + "<style>", tail="</style></svg>"
        ),
        "style, one long selector": repeat("a ", head=OPEN + "<style>", tail="</style></svg>"),
        "style, unclosed comments": repeat("/* ", head=OPEN + "<style>", tail="</style></svg>"),
        "style attribute, many declarations": repeat(
            "fill:#000;", head=OPEN + '<path style="', tail='"/></svg>'
        ),
        "style attribute, no colon": repeat("a", head=OPEN + '<path style="', tail='"/></svg>'),
        "character references": repeat("&#60;", head=OPEN + "<text>", tail="</text></svg>"),
        "long text": repeat("x", head=OPEN + "<text>", tail="</text></svg>"),
        "entity declarations": repeat('<!ENTITY a "&#60;">', head="<!DOCTYPE svg [", tail="]>" + OPEN),
        "unclosed at the end": repeat("<g></g>", tail="<g"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    slowest_of_all = 0.0
    for name, text in inputs(args.kb * 1024).items():
        data = text.encode()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            found = check_svg(data, "static/logos/x.svg", "signatories.yaml", 1)
            times.append(time.perf_counter() - started)
        said = found[0].code if found else "accepted"
        slowest_of_all = max(slowest_of_all, max(times))
        print(f"{name:38} {len(data) / 1024:7.0f} KB {max(times) * 1000:8.1f} ms  {said}")
    print(f"{'slowest':38} {'':10} {slowest_of_all * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
