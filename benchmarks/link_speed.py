#!/usr/bin/env python3
"""Making a page's site links relative (links.site_links), per page.

    python benchmarks/link_speed.py [--stories 1000] [--signatories 2000] [--runs 5]

Builds a generated project (benchmarks/generate.py), takes every page back to the site
paths its templates and Markdown wrote ("/tips/"), then times site_links on each page
(CPU, best of --runs) and prints the time per page for the story pages, the signatory
list and the rest, next to a bare `str.split` of the page at `="/` (the least any such
pass costs). Also checks that each page comes out exactly as the build wrote it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from markdown_speed import best_per_text  # noqa: E402

from sleutelsite.build import build  # noqa: E402
from sleutelsite.render.links import link_prefix, site_links  # noqa: E402

_STORY = re.compile(r"/verhalen/[^/]+/$")


def site_paths(html: str, prefix: str) -> str:
    """The page as rendered, before its links were made relative (or given the base path)."""
    return re.sub(r"""(\s(?:href|src|srcset)=["'])""" + re.escape(prefix), r"\1/", html)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project, out = Path(tmp) / "p", Path(tmp) / "site"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(project),
             "--stories", str(args.stories), "--signatories", str(args.signatories)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        site = build(project, out, use_cache=False).site
        groups: dict[str, list[tuple[str, str]]] = {
            "story pages": [],
            "signatory list": [],
            "other pages": [],
        }
        wrong = 0
        for file in sorted(out.rglob("*.html")):
            rel = file.relative_to(out).as_posix()
            url = "/" + rel.removesuffix("index.html")
            prefix = link_prefix(url, site.settings.base_path)
            built = file.read_text(encoding="utf-8")
            html = site_paths(built, prefix)
            if site_links(html, prefix) != built:
                wrong += 1
                print("differs:", rel)
            kind = "story pages" if _STORY.search(url) else "other pages"
            groups["signatory list" if url.endswith("/ondertekenaars/") else kind].append((html, prefix))
    print(f"{args.stories} stories, {args.signatories} signatories; CPU per page, best of {args.runs} runs")
    for name, pages in groups.items():
        if not pages:
            continue
        size = sum(len(html) for html, _ in pages) / len(pages) / 1000
        ours = best_per_text(lambda page: site_links(*page), pages, args.runs)
        split = best_per_text(lambda page: page[0].split('="/'), pages, args.runs)
        print(
            f"  {name:15} {len(pages):6} pages of {size:6.1f} kB: "
            f"site_links {ours * 1e6:8.1f} us, bare split {split * 1e6:8.1f} us ({ours * 1000:.4f} ms)"
        )
    print(f"  every page as the build wrote it: {'yes' if not wrong else f'NO ({wrong} differ)'}")
    if wrong:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
