#!/usr/bin/env python3
"""How long `build.py check` takes on signatories.yaml with N entries (default 2,000).

    python benchmarks/check_signatories.py [--entries 2000] [--runs 7]

Prints the median and the fastest of the runs, for the checker alone (load_signatories)
and for a whole `check` of a small project with that many signatories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sleutelsite.build import check  # noqa: E402
from sleutelsite.load_signatories import PROVINCES, TYPES, load_signatories, sort_key  # noqa: E402

WORDS = ("buurt", "wijk", "huis", "brug", "samen", "thuis", "zorg", "kracht", "net", "hart", "stad", "dorp")


def signatories_yaml(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    names = set()
    while len(names) < count:
        prefix = rng.choice(("Stichting ", "Vereniging ", "", "De ", "Gemeente "))
        names.add(f"{prefix}{rng.choice(WORDS).title()}{rng.choice(WORDS)} {len(names)}")
    entries = []
    for number, name in enumerate(sorted(names, key=sort_key)):
        entries.append(
            f"- name: {name}\n  type: {rng.choice(TYPES)}\n  municipality: Plaats {number % 300}\n"
            f"  province: {rng.choice(PROVINCES)}\n  url: https://org{number}.example.net/\n"
            f"  signed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}\n  verified: e-mail\n"
            + ("  statement: Wij steunen sleutelpersonen in onze wijk.\n" if number % 3 == 0 else "")
        )
    return "\n".join(entries)


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--entries", type=int, default=2000)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT / "tests" / "fixtures" / "mini", project)
        shutil.copytree(ROOT / "templates", project / "templates")
        shutil.copytree(ROOT / "static", project / "static")
        shutil.copytree(ROOT / "i18n", project / "i18n")
        (project / "signatories.yaml").write_text(signatories_yaml(args.entries), encoding="utf-8")
        today = dt.date(2026, 11, 30)

        def checker() -> None:
            problems: list = []
            found, _ = load_signatories(project, today, frozenset(), problems)
            assert len(found) == args.entries and not problems, problems[:3]

        only = timed(checker, args.runs)
        whole = timed(lambda: check(project, today=today), args.runs)
    print(f"signatories.yaml with {args.entries} entries, {args.runs} runs")
    print(
        f"  checker only : median {statistics.median(only) * 1000:7.1f} ms, fastest {min(only) * 1000:7.1f} ms"
    )
    print(
        f"  build.py check: median {statistics.median(whole) * 1000:7.1f} ms, fastest {min(whole) * 1000:7.1f} ms"
    )


if __name__ == "__main__":
    main()
