#!/usr/bin/env python3
"""What share cards cost (issue 16): prints the figures, times nothing in tests.

    python benchmarks/card_speed.py [--runs 3] [--no-medium]

1. One card drawn (median ms) and its size.
2. N cards drawn through the runner: here in one process, and shared over two forked
   processes (the threshold "share cards" in speed/plan.py comes from this).
3. The real site's cold build (no cache) with cards and with none (card_words
   patched to find no page), and the same for the medium benchmark project (1,000
   stories, 2,000 signatories), with the plain baseline's medium build
   (benchmarks/baseline.py) for the issue's target: real cold <= 0.3 x that.

Builds run in fresh processes, as `python build.py` would; medians over --runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import copy_real_project, generate  # noqa: E402

BUILD = """
import sys, time, datetime as dt
sys.path.insert(0, {root!r})
started = time.perf_counter()
import sleutelsite.render.cards as cards
if {no_cards}:
    cards.card_words = lambda site, pages: {{}}
from sleutelsite.build import build
from pathlib import Path
build(Path({project!r}), Path({out!r}), today=dt.date(2026, 11, 30), use_cache=False)
print(time.perf_counter() - started)
"""


def timed_build(project: Path, out: Path, no_cards: bool) -> float:
    code = BUILD.format(root=str(ROOT), project=str(project), out=str(out), no_cards=no_cards)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def baseline(project: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "baseline.py"), str(project), str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def card_figures(runs: int) -> None:
    from sleutelsite.cache import BuildCache
    from sleutelsite.render.cards import CardMaker, CardWords, _colours, _fonts
    from sleutelsite.speed import ForkedRunner, Plan, SerialRunner

    maker = CardMaker("Sleutelpersonen Werken", _fonts(ROOT), _colours(ROOT))
    words = [
        CardWords(f"Persoon {n}: sleutelpersoon in de wijk", "Een verhaal uit het filmmanifest, met ë en ï.")
        for n in range(750)
    ]
    maker(words[0])  # Pillow imported
    times = []
    for item in words[:20]:
        started = time.perf_counter()
        png = maker(item)
        times.append(time.perf_counter() - started)
    print(f"one card: {statistics.median(times) * 1000:.1f} ms (median of 20), {len(png) / 1024:.1f} KB")
    shared = Plan(workers=2, shared_from={"share cards": 1})
    for count in (4, 8, 16, 32, 750):
        here, forked = [], []
        for _ in range(runs if count < 750 else 1):
            started = time.perf_counter()
            SerialRunner().map("share cards", maker, words[:count])
            here.append(time.perf_counter() - started)
            with ForkedRunner(shared, [BuildCache()]) as runner:
                started = time.perf_counter()
                runner.map("share cards", maker, words[:count])
                forked.append(time.perf_counter() - started)
        print(
            f"{count:4} cards: one process {statistics.median(here):.2f} s, "
            f"two processes {statistics.median(forked):.2f} s"
        )


def build_figures(runs: int, medium: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="card-speed-") as tmp_name:
        tmp = Path(tmp_name)
        projects = {"real": copy_real_project(tmp / "real")}
        if medium:
            projects["medium"] = generate(tmp / "medium", 1000, 2000)
        for name, project in projects.items():
            for no_cards in (False, True):
                times = [
                    timed_build(project, tmp / f"out-{name}-{no_cards}-{n}", no_cards) for n in range(runs)
                ]
                label = "without cards" if no_cards else "with cards"
                cards = len(list((tmp / f"out-{name}-False-0" / "kaarten").glob("*.png")))
                print(f"{name} cold build {label}: {statistics.median(times):.2f} s ({cards} cards)")
        if medium:
            base = [baseline(projects["medium"], tmp / f"base-{n}") for n in range(runs)]
            print(f"medium plain baseline: {statistics.median(base):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-medium", action="store_true")
    args = parser.parse_args()
    card_figures(args.runs)
    build_figures(args.runs, not args.no_medium)


if __name__ == "__main__":
    main()
