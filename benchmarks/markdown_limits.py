#!/usr/bin/env python3
"""The worst Markdown we know of, each text under 1 MB, through `build.py check`.

    python benchmarks/markdown_limits.py [--only NAME]

Each case is one content file in a copy of the real project: the shapes that make
Python-Markdown quadratic or overflow its stack (refused at load by
sleutelsite/load/markdown_limits.py), the same mixed with prose or spread over many
paragraphs, and texts just under each limit (which build). Prints, per case, the size,
whether `check` refused it (and with what message), and the wall and CPU time of the
whole command (Python's start and the rest of the site included). The aim: every case
2 s of CPU or less.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import copy_real_project  # noqa: E402

MB = 1_000_000
PROSE = "De sleutelpersoon spreekt de taal van de buurt en kent de weg naar de huisarts. "  # 80 chars


def repeat(piece: str, size: int) -> str:
    return piece * (size // len(piece))


def paragraphs(paragraph: str, size: int) -> str:
    return repeat(paragraph + "\n\n", size)


CASES = {
    # The shapes, at 25 KB and near 1 MB.
    "[]( 25 KB": repeat("[](", 25_000),
    "[ 25 KB": repeat("[", 25_000),
    "*[ 25 KB": repeat("*[", 25_000),
    "<a 25 KB": repeat("<a ", 25_000),
    "[]( 1 MB": repeat("[](", MB - 10),
    "<a 1 MB": repeat("<a ", MB - 10),
    # Close variants.
    "![ [^ [x][ <http:// <a@ 25 KB": repeat("![[^[x][<http://<a@", 25_000),
    '<a x=">" 25 KB': repeat('<a x=">" ', 25_000),
    '[x](" 25 KB': repeat('[x](" ', 25_000),
    "empty list items 25 KB": repeat("- \n", 25_000),
    "setext lines 25 KB": repeat("-\n", 25_000),
    "1. 1. 1. (nesting) 25 KB": repeat("1. ", 25_000),
    "nested indented lists": "".join(" " * (4 * n) + "- punt\n" for n in range(300)),
    'nested <div markdown="1">': '<div markdown="1">\n\n' * 400 + "tekst\n\n" + "</div>\n\n" * 400,
    # Mixed with prose, and spread over many paragraphs.
    "prose with an unclosed [ per paragraph, 1 MB": paragraphs("[" + PROSE * 12, MB - 10),
    "prose with an unclosed <a per paragraph, 1 MB": paragraphs("<a " + PROSE * 12, MB - 10),
    "<b> in one long paragraph, 130 KB": repeat("<b>", 130_000),
    "prose paragraphs each of 20 [, 1 MB": paragraphs("[" * 20 + PROSE * 3, MB - 10),
    # Just under the limits: these build.
    "an unclosed [ in 280 paragraphs, 1 MB": paragraphs("[" + PROSE * 12, 280 * 980)
    + paragraphs(PROSE * 12, MB - 280 * 980 - 10),
    "400 unfinished <a after 1 MB of prose": paragraphs(PROSE * 12, MB - 1_300) + repeat("<a ", 1_200),
    "one paragraph of 1,200 *x*, then prose": "*x* " * 1_200 + "\n\n" + paragraphs(PROSE * 12, MB - 5_000),
    "2,450 headings, all the same": "## Kop\n\n" * 2_450,
    "2,200 list items with a link, in lists of 20": ("- [punt](/tips/)\n" * 20 + "\n") * 110,
    "three 450-row tables with a link a row": (
        "| a | b |\n|---|---|\n" + "| a | [b](/tips/) |\n" * 450 + "\n"
    )
    * 3,
    "4,800 lines of lists nested 19 deep": ("".join(" " * (4 * n) + "- punt\n" for n in range(19)) + "\n")
    * 240,
    "4,800 lines of quotes nested 19 deep": ("".join("> " * n + "punt\n" for n in range(1, 20)) + "\n") * 240,
    "prose, 1 MB in 1,000 paragraphs": paragraphs(PROSE * 12, MB - 10),
    "prose, 1 MB in one paragraph": repeat(PROSE, MB - 10),
}


def run_check(project: Path) -> tuple[int, str, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "build.py", "check", "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1796000000"},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.returncode, done.stdout + done.stderr, wall, cpu


def first_problem(output: str) -> str:
    line = next((x for x in output.splitlines() if x.startswith("content/bench.md:")), "")
    return line.split(": ", 1)[-1][:60]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", help="only the cases whose name contains this")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = copy_real_project(Path(folder) / "p")
        code, output, wall, cpu = run_check(project)
        print(
            f"{'the real site alone':50} {'':>9} {'built' if code == 0 else 'FAILED':>8} {wall:6.2f} s {cpu:6.2f} s CPU"
        )
        baseline = cpu
        worst = 0.0
        for name, body in CASES.items():
            if args.only and args.only not in name:
                continue
            size = len(body.encode())
            assert size < MB, name
            (project / "content" / "bench.md").write_text(f"---\ntitle: Bench\n---\n{body}", encoding="utf-8")
            code, output, wall, cpu = run_check(project)
            outcome = "built" if code == 0 else "refused" if code == 1 else f"exit {code}"
            worst = max(worst, cpu)
            print(
                f"{name:50} {size:>9,} {outcome:>8} {wall:6.2f} s {cpu:6.2f} s CPU  {first_problem(output)}"
            )
            if code not in (0, 1):
                print(output[-2000:])
        print(
            f"most CPU: {worst:.2f} s for the whole command, {worst - baseline:.2f} s more than the site alone"
            f" ({'within' if worst <= 2 else 'OVER'} 2 s); wall time also counts waiting for a busy machine's cores"
        )


if __name__ == "__main__":
    main()
