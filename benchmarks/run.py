#!/usr/bin/env python3
"""Build-speed benchmark: prints a table for small, medium and large synthetic projects.

    python benchmarks/run.py [--sizes small,medium,large] [--runs 3]

Per size: cold build (no cache, no previous output), warm build (cache present, no
previous output: a deploy on CI with the cache restored), steady build (cache and both
output trees present: an editor building again), one-story rebuild inside `serve`
(median of 20 edits; between them the full garbage collection that `serve` makes once
the browser was told, `PreviewSite.idle`), peak memory of the build process and,
separately, of its largest render worker (whose resident size includes pages it shares
with the build process after fork), pages per second, and in the same run the plain single-process jinja2 + markdown baseline (benchmarks/baseline.py), with the
ratio cold / baseline, and a second baseline: the same script with PyYAML's C loader and
a process pool (benchmarks/baseline_pool.py). CPU is user + system time of the build and
every process it started. Also the real site's cold and warm builds, its one-page rebuild
in `serve` and, in a running `build.py serve`, a status edit of gemeenten/amsterdam.yaml
until its page is served (benchmarks/serve_latency.py, median of 20). Medians over --runs.
Every build runs in a fresh Python process, as `python build.py` would.

It ends with one line per speed target (benchmarks/targets.py): PASS or MISS, the
measured ratio or figure and the target, all from this run's medians; SKIP with why
where the size a target needs was not run. --json FILE also writes every median and verdict.

Outputs and caches of earlier runs are moved aside, not deleted, until the end: on an
ext4 file system without a journal (as on the machines this was measured on) creating
files soon after thousands were deleted makes the kernel skip every recently freed inode
on each new file, which added 0.2-1.5 s of system time to a medium build that followed
a deletion; a real cold build (a fresh clone) follows no such deletion. The baseline's
output is handled the same way. Before every timed build, the baseline's included, the
files written so far are synced to disk: a large cold build that started right after
the generator had written its 10,000 story files took 17.1 s instead of 13.7 s, most
of the difference kernel time spent on the generator's writes. The engine's bytecode is
compiled once before the first timed build (`compile_engine`), as Python does itself on
a first run and pip does for an installed package: where PYTHONDONTWRITEBYTECODE is set
(as on the machines this was measured on) each `python build.py` would compile the
engine's 14,000 lines again, about 0.07 s of every build. The baseline's libraries come
compiled by pip.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import copy_real_project, generate  # noqa: E402
from serve_latency import status_edit_times  # noqa: E402
from targets import judge  # noqa: E402

SIZES = {"small": (50, 31), "medium": (1000, 2000), "large": (10000, 50000)}
TODAY = dt.date(2026, 11, 30)
MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from sleutelsite.build import build
import datetime as dt
from pathlib import Path
result = build(Path({project!r}), Path({out!r}), today=dt.date(2026, 11, 30))
seconds = time.perf_counter() - started
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": seconds, "rss_mb": me / 1024, "worker_mb": kids / 1024, "pages": len(result.site.pages) + len(result.site.stories)}}))
"""


def compile_engine() -> None:
    """Bytecode for every module of the engine, in its __pycache__ folders (see above)."""
    import compileall

    if not compileall.compile_dir(ROOT / "sleutelsite", quiet=1):
        raise SystemExit("the engine does not compile")


def timed_build(project: Path, out: Path) -> dict:
    settle()
    cpu = children_cpu()
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", MEASURE.format(root=str(ROOT), project=str(project), out=str(out))],
        capture_output=True, text=True,
    )  # fmt: skip
    if output.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{output.stderr[-3000:]}")
    data = json.loads(output.stdout.strip().splitlines()[-1])
    data["wall"] = time.perf_counter() - started  # including Python start-up and imports
    data["cpu"] = children_cpu() - cpu
    return data


def children_cpu() -> float:
    """User + system seconds of every finished process started from here (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def settle() -> None:
    """Let the disk take what earlier steps wrote (the generated project, earlier outputs)
    before a timed build, so that no build pays for another's writes (see the docstring)."""
    os.sync()


def set_aside(folder: Path, trash: Path) -> None:
    """Move a folder out of the way without deleting anything (see the module's docstring)."""
    if folder.exists():
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{len(list(trash.iterdir()))}-{folder.name}")


def baseline(project: Path, out: Path, trash: Path, script: str = "baseline.py") -> tuple[float, float]:
    """(wall, CPU) seconds of a baseline script's build."""
    set_aside(out, trash)
    settle()
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), str(project), str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started, children_cpu() - cpu


def serve_rebuild(project: Path, out: Path, edits: int = 20) -> float:
    from sleutelsite.serve import PreviewSite

    preview = PreviewSite(project, out, "http://127.0.0.1:8000/", 8000, TODAY)
    preview.rebuild()
    story = sorted((project / "content" / "verhalen").glob("persoon-*.md"))[0]
    original = story.read_text(encoding="utf-8")
    times = []
    for n in range(edits):
        story.write_text(original + f"\nBewerking {n}.\n", encoding="utf-8")
        started = time.perf_counter()
        preview.rebuild()
        times.append(time.perf_counter() - started)
        preview.idle()  # as `serve` does once the browser has the page: not part of the rebuild
    story.write_text(original, encoding="utf-8")
    assert not preview.problems
    return statistics.median(times)


def measure(name: str, stories: int, signatories: int, runs: int, tmp: Path) -> dict:
    project = generate(tmp / name, stories, signatories)
    out = tmp / f"{name}-out"
    colds, warms, steadies, base, pool = [], [], [], [], []
    trees = (out, out.parent / f".{out.name}.prev")
    trash = tmp / "trash"  # deleted with `tmp`, after every measurement
    for _ in range(runs):
        for folder in (project / ".cache", *trees):
            set_aside(folder, trash)
        colds.append(timed_build(project, out))
        for folder in trees:
            set_aside(folder, trash)
        warms.append(timed_build(project, out))
        timed_build(project, out)  # now both output trees exist
        steadies.append(timed_build(project, out))
        base.append(baseline(project, tmp / f"{name}-baseline", trash))
        pool.append(baseline(project, tmp / f"{name}-pool", trash, "baseline_pool.py"))
    cold = statistics.median(c["wall"] for c in colds)
    cpu = statistics.median(c["cpu"] for c in colds)
    warm = statistics.median(w["wall"] for w in warms)
    steady = statistics.median(w["wall"] for w in steadies)
    base_s = statistics.median(wall for wall, _ in base)
    base_cpu = statistics.median(cpu for _, cpu in base)
    pool_s = statistics.median(wall for wall, _ in pool)
    rebuild = serve_rebuild(project, tmp / f"{name}-preview")
    pages = colds[0]["pages"]
    return {
        "size": f"{name} ({stories}/{signatories})",
        "cold": cold,
        "cpu": cpu,
        "warm": warm,
        "steady": steady,
        "serve": rebuild,
        "rss": max(c["rss_mb"] for c in colds + warms + steadies),
        "worker": max(c["worker_mb"] for c in colds + warms + steadies),
        "pps": pages / cold,
        "baseline": base_s,
        "baseline_cpu": base_cpu,
        "pool": pool_s,
        "ratio": cold / base_s,
        "cpu_ratio": cpu / base_cpu,
        "warm_ratio": warm / base_s,
        "pool_ratio": cold / pool_s,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="small,medium,large")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", type=Path, help="also write every median and verdict to this file")
    args = p.parse_args()
    compile_engine()
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name in args.sizes.split(","):
            rows.append(measure(name, *SIZES[name], args.runs if name != "large" else 1, tmp))
            print(f"measured {name}", file=sys.stderr, flush=True)
        real_out = tmp / "real-out"
        real_project = tmp / "real"
        copy_real_project(real_project)
        real, real_warm = [], []
        real_trees = (real_out, real_out.parent / f".{real_out.name}.prev")
        for _ in range(max(args.runs, 3)):
            for folder in (real_project / ".cache", *real_trees):
                set_aside(folder, tmp / "trash")
            real.append(timed_build(real_project, real_out))
            for folder in real_trees:
                set_aside(folder, tmp / "trash")
            real_warm.append(timed_build(real_project, real_out))
        real_serve = _real_serve(real_project, tmp / "real-preview")
        status_edit = statistics.median(status_edit_times(real_project, tmp / "real-status-preview", 20))
    print(
        f"{'size (stories/signatories)':28} {'cold s':>7} {'cold CPU':>9} {'warm s':>7} {'steady s':>9} "
        f"{'serve ms':>9} {'peak MB':>8} {'worker MB':>10} {'pages/s':>8}"
    )
    for r in rows:
        worker = f"{r['worker']:.0f}" if r["worker"] else "-"  # "-": too small for render processes
        print(
            f"{r['size']:28} {r['cold']:7.2f} {r['cpu']:9.2f} {r['warm']:7.2f} {r['steady']:9.2f} "
            f"{r['serve'] * 1000:9.0f} {r['rss']:8.0f} {worker:>10} {r['pps']:8.0f}"
        )
    print()
    print(
        f"{'size (stories/signatories)':28} {'plain s':>8} {'plain CPU':>10} {'pool s':>7} "
        f"{'cold/plain':>11} {'CPU/plain':>10} {'warm/plain':>11} {'cold/pool':>10}"
    )
    for r in rows:
        print(
            f"{r['size']:28} {r['baseline']:8.2f} {r['baseline_cpu']:10.2f} {r['pool']:7.2f} "
            f"{r['ratio']:11.2f} {r['cpu_ratio']:10.2f} {r['warm_ratio']:11.2f} {r['pool_ratio']:10.2f}"
        )
    print(f"real site: cold build {statistics.median(r['wall'] for r in real):.2f} s wall "
          f"({statistics.median(r['seconds'] for r in real):.2f} s inside Python), "
          f"one-page rebuild in serve {real_serve * 1000:.0f} ms")  # fmt: skip
    real_figures = {
        "cold": statistics.median(r["wall"] for r in real),
        "warm": statistics.median(r["wall"] for r in real_warm),
        "status_edit": status_edit,
    }
    print(
        f"real site: warm build {real_figures['warm']:.2f} s wall; status edit in serve "
        f"(gemeenten/amsterdam.yaml saved to its page served) {status_edit * 1000:.0f} ms"
    )
    print("cold/warm/steady are wall times of a fresh `python` process, start-up and imports included;")
    print("plain: benchmarks/baseline.py, pool: benchmarks/baseline_pool.py (C loader, process pool).")
    sizes = {name: row for name, row in zip(args.sizes.split(","), rows, strict=True)}
    verdicts = judge(sizes, real_figures)
    print()
    print("targets (medians of this run):")
    for verdict in verdicts:
        print(verdict.line())
    if args.json:
        figures = {"sizes": sizes, "real": real_figures, "targets": [asdict(v) for v in verdicts]}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _real_serve(project: Path, out: Path) -> float:
    from sleutelsite.serve import PreviewSite

    preview = PreviewSite(project, out, "http://127.0.0.1:8000/", 8000, TODAY)
    preview.rebuild()
    story = project / "content" / "verhalen" / "sakina.md"
    original = story.read_text(encoding="utf-8")
    times = []
    for n in range(20):
        story.write_text(original + f"\nBewerking {n}.\n", encoding="utf-8")
        started = time.perf_counter()
        preview.rebuild()
        times.append(time.perf_counter() - started)
        preview.idle()  # as `serve` does once the browser has the page: not part of the rebuild
    story.write_text(original, encoding="utf-8")
    return statistics.median(times)


if __name__ == "__main__":
    main()
