#!/usr/bin/env python3
"""CPU per page of the Markdown safety check and the Markdown limits, on generated stories.

    python benchmarks/safety_speed.py [--stories 400] [--runs 3] [--real]

Prints, per text (best of --runs): the conversion itself (the build's Converter), the
safety check of its HTML (render_safety.unsafe_findings: Lexbor parse and the walk over
the allow-list), the load-time limits (load_markdown_limits), and for comparison the
check this one replaced (Python's HTMLParser and a block-list), both as it ran (skipped
for a text without < or &) and in full.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from markdown_speed import benchmark_texts, best_per_text  # noqa: E402

from sleutelsite.load.markdown_limits import markdown_limit_problems  # noqa: E402
from sleutelsite.render.markdown import Converter  # noqa: E402
from sleutelsite.render.safety import unsafe_findings  # noqa: E402


class OldCheck(HTMLParser):
    """The replaced check's cost: the same parser, callbacks and tests, in short."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "base", "meta", "link", "style", "form"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or re.sub(r"[\x00-\x20]+", "", value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(name)


def old_check(html: str, markdown: str, skip: bool) -> list[str]:
    if skip and "<" not in markdown and "&" not in markdown:
        return []  # (it also looked for script-like schemes: a scan of every ':')
    finder = OldCheck()
    finder.feed(html)
    finder.close()
    return finder.found


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=400)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--real", action="store_true", help="the real site's content files instead")
    args = p.parse_args()
    texts = benchmark_texts(args.real, args.stories)
    md = Converter()
    pairs = [(md.convert(t), t) for t in texts]
    unsafe_findings(*pairs[0])  # imports the parser once, as a build does on its first miss
    size = sum(len(h) for h, _ in pairs) / len(pairs)
    convert = best_per_text(md.convert, texts, args.runs)
    check = best_per_text(lambda pair: unsafe_findings(*pair), pairs, args.runs)
    limits = best_per_text(lambda t: markdown_limit_problems(t, "x.md", 1), texts, args.runs)
    old_skipped = best_per_text(lambda pair: old_check(*pair, True), pairs, args.runs)
    old_full = best_per_text(lambda pair: old_check(*pair, False), pairs, args.runs)
    print(
        f"{len(texts)} texts, {size / 1000:.1f} KB of HTML each on average; CPU per text, best of {args.runs}"
    )
    print(f"  Markdown conversion (Converter)       : {convert * 1e3:7.3f} ms")
    print(
        f"  safety check (Lexbor + allow-list)    : {check * 1e3:7.3f} ms  ({check / convert:.0%} of converting)"
    )
    print(f"  Markdown limits at load               : {limits * 1e3:7.3f} ms")
    print(f"  old check, skipped without < or &     : {old_skipped * 1e3:7.3f} ms")
    print(f"  old check in full (HTMLParser)        : {old_full * 1e3:7.3f} ms")
    print(f"  per 1,000 such pages: check {check * 1000:.2f} s, limits {limits * 1000:.2f} s")


if __name__ == "__main__":
    main()
