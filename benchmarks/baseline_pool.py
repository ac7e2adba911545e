#!/usr/bin/env python3
"""The second baseline: benchmarks/baseline.py with PyYAML's C loader and a process pool.

    python benchmarks/baseline_pool.py PROJECT OUT

The same pages as the plain baseline (one Jinja template, Python-Markdown, front matter
read with PyYAML), made the way a careful simple generator would make them faster: the
C loader (`yaml.CSafeLoader`) instead of the pure Python one, and the files converted
and written by a pool of processes, one per core. No cache, no checks.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import markdown
import yaml
from baseline import LIST, PAGE


def _page(job: tuple[Path, Path, Path, list]) -> None:
    file, content, out, menu = job
    text = file.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=yaml.CSafeLoader) or {}
    html = PAGE.render(title=meta.get("title") or meta.get("name"), body=markdown.markdown(body), menu=menu)
    rel = file.relative_to(content).with_suffix("")
    target = out / (rel.parent if rel.name == "index" else rel) / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def _yaml(file: Path) -> object:
    return yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def build(project: Path, out: Path) -> int:
    menu = _yaml(project / "i18n" / "nl.yaml")["menu"]
    content = project / "content"
    jobs = [(file, content, out, menu) for file in sorted(content.rglob("*.md"))]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_page, jobs, chunksize=16)
    signatories = _yaml(project / "signatories.yaml")
    (out / "ondertekenaars").mkdir(parents=True, exist_ok=True)
    (out / "ondertekenaars" / "index.html").write_text(LIST.render(signatories=signatories), encoding="utf-8")
    return len(jobs) + 1


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "pages")
