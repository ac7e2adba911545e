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

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import signatories_yaml  # noqa: E402

from sleutelsite.build import check  # noqa: E402
from sleutelsite.load.signatories import load_signatories  # noqa: E402


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
        shutil.copytree(ROOT / "data" / "nl", project / "data" / "nl")  # municipalities are checked
        (project / "signatories.yaml").write_text(
            signatories_yaml(args.entries, random.Random(7)), encoding="utf-8"
        )
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
