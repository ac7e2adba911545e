#!/usr/bin/env python3
"""Markdown conversion per story: plain Python-Markdown against the build's Converter.

    python benchmarks/markdown_speed.py [--stories 400] [--runs 3] [--real]

Both use the same extensions (sleutelsite/render/markdown.py); the Converter leaves out,
per text, the steps that cannot match it. Prints the CPU time per text (best of --runs)
of each, their ratio, and whether every text gave the same HTML. The texts are the
generator's stories (about 900 words with headings, lists and links), or with --real the
real site's content files.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import story_body  # noqa: E402

from sleutelsite.load.content_files import markdown_body, markdown_files  # noqa: E402
from sleutelsite.render.markdown import Converter, new_markdown  # noqa: E402


def best_per_text(convert, texts: list[str], runs: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for text in texts:
            convert(text)
        best = min(best, time.process_time() - started)
    return best / len(texts)


def benchmark_texts(real: bool, stories: int) -> list[str]:
    """The real site's content files, or that many generated stories (seeded)."""
    if real:
        return [t for t in map(markdown_body, markdown_files(ROOT)) if t is not None]
    rng = random.Random(1)
    return [story_body(rng) for _ in range(stories)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=400)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--real", action="store_true", help="the real site's content files instead")
    args = p.parse_args()
    texts = benchmark_texts(args.real, args.stories)
    plain, converter = new_markdown(), Converter()
    same = all(converter.convert(t) == plain.reset().convert(t) for t in texts)
    plain_s = best_per_text(lambda t: plain.reset().convert(t), texts, args.runs)
    ours_s = best_per_text(converter.convert, texts, args.runs)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} texts of {words:.0f} words on average, best of {args.runs} runs")
    print(f"  plain Python-Markdown: {plain_s * 1000:6.3f} ms per text")
    print(f"  Converter            : {ours_s * 1000:6.3f} ms per text ({ours_s / plain_s:.2f} of plain)")
    print(f"  same HTML for every text: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
