#!/usr/bin/env python3
"""Warm builds with the cache in .cache/: what reading every entry back costs.

    python benchmarks/cache_warm.py [--stories 1000] [--signatories 2000] [--runs 5]

Generates a project (benchmarks/generate.py), builds it once cold to fill the cache, then
--runs warm builds, each a fresh `python build.py` process: into a new output folder
(a deploy with the cache restored: every page read from the cache and written) and into
the same folder again (an editor's second build). Prints the median and best of the
time the build reports, and the time to read every entry of .cache/build.sqlite.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def built_ms(project: Path, out: Path) -> float:
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.search(r" in (\d+) ms", done.stdout).group(1))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="cache-warm-") as tmp:
        project = Path(tmp) / "project"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                str(project),
                "--stories",
                str(args.stories),
                "--signatories",
                str(args.signatories),
            ],
            check=True,
            capture_output=True,
        )
        cold = built_ms(project, Path(tmp) / "out")
        deploy, again = [], []
        for run in range(args.runs):
            deploy.append(built_ms(project, Path(tmp) / f"deploy-{run}"))
            again.append(built_ms(project, Path(tmp) / "out"))
            shutil.rmtree(Path(tmp) / f"deploy-{run}")
        from sleutelsite.cache.codec import CacheCodec, stored_classes

        decode = CacheCodec(stored_classes()).decode
        db = sqlite3.connect(project / ".cache" / "build.sqlite")
        rows = db.execute("SELECT value FROM memo").fetchall()
        size = sum(len(row[0]) for row in rows)
        started = time.perf_counter()
        for (blob,) in rows:
            decode(blob)
        read_ms = (time.perf_counter() - started) * 1000
        print(f"{args.stories} stories, {args.signatories} signatories; cold build {cold:.0f} ms")
        print(
            f"warm build into a new folder: median {statistics.median(deploy):.0f} ms, best {min(deploy):.0f} ms"
        )
        print(
            f"warm build into the same folder: median {statistics.median(again):.0f} ms, best {min(again):.0f} ms"
        )
        print(f"decoding all {len(rows)} entries ({size / 1e6:.1f} MB): {read_ms:.0f} ms")


if __name__ == "__main__":
    main()
