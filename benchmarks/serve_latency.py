#!/usr/bin/env python3
"""Save-to-new-output latency of `build.py serve`: the time from writing a story to the
moment its new page is complete in the preview folder (the browser reloads right then).

    python benchmarks/serve_latency.py [--stories 1000 --signatories 2000] [--edits 20] [--real | --status] [--browser]

Starts the real server in a subprocess on a free port, edits one story --edits times and
prints the median and the spread, and the median until the server answers the page's
address with the new text. --real measures the real project instead; --status the real
project with an edit of one municipality's status file (the note of gemeenten/amsterdam.yaml,
page /gemeenten/amsterdam/; benchmarks/run.py reports this one). --browser
measures until the new page is in the page open in headless Chromium (Debian's, driven by
Playwright), by the browser's own clock, instead of until the file is complete.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import copy_real_project, generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, limit: float = 60.0) -> None:
    deadline = time.perf_counter() + limit
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        time.sleep(0.001)


def in_browser(url: str, story: Path, original: str, edits: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        page.goto(url)
        # polled from here: wait_for_function polls by eval, which the page's CSP forbids
        deadline = time.monotonic() + 10
        while not page.evaluate("window.__previewConnected === true"):
            if time.monotonic() > deadline:
                raise SystemExit("the preview page never connected to the server")
            time.sleep(0.05)
        time.sleep(0.5)
        for n in range(edits):
            marker = f"Bewerking-{n}-{time.time_ns()}"
            time.sleep(0.3)
            saved = time.time()  # the same clock as the browser's performance.timeOrigin
            story.write_text(original + f"\n{marker}\n", encoding="utf-8")
            page.wait_for_selector(f"text={marker}", timeout=10_000)
            # When the new page was in the document, by the browser's own clock (Playwright
            # notices it later, so its wait is not the measure): the preview swaps content
            # edits into the open page and records the moment.
            shown = page.evaluate("() => window.__previewSwapped")
            times.append(shown / 1000 - saved)
        browser.close()
    return times


@contextmanager
def running_preview(project: Path, out: Path, page: Path) -> Iterator[int]:
    """`build.py serve` of `project` into `out` in a subprocess on a free port, once `page`
    (a file under `out`) is written; yields the port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--project", str(project), "--port", str(port), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SOURCE_DATE_EPOCH": "1796000000"},
    )  # fmt: skip
    try:
        wait_until(lambda: page.is_file(), 120)
        yield port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(10)


def after_saves(
    project: Path, out: Path, edited: Path, page: Path, change: Callable[[str, str], str], edits: int
) -> list[tuple[float, float]]:
    """Per save of `edited` in a running preview (its text made by change(original, marker)):
    seconds until `page` (under `out`) is complete in the preview folder with the marker, and
    until the server answers its address with it. The file is restored afterwards."""
    original = edited.read_text(encoding="utf-8")
    times = []
    with running_preview(project, out, page) as port:
        address = f"http://127.0.0.1:{port}/" + page.relative_to(out).parent.as_posix() + "/"
        try:
            for n in range(edits):
                marker = f"Bewerking-{n}-{time.time_ns()}"
                time.sleep(0.2)  # let the previous reload settle, as between two saves by a person
                started = time.perf_counter()
                edited.write_text(change(original, marker), encoding="utf-8")
                wait_until(lambda m=marker: page.is_file() and m in page.read_text(encoding="utf-8"))
                written = time.perf_counter() - started
                wait_until(lambda m=marker: m in fetched(address))
                times.append((written, time.perf_counter() - started))
        finally:
            edited.write_text(original, encoding="utf-8")
    return times


def fetched(address: str) -> str:
    with urllib.request.urlopen(address, timeout=5) as response:
        return response.read().decode("utf-8")


def story_edit(original: str, marker: str) -> str:
    return original + f"\n{marker}\n"


def status_note_edit(original: str, marker: str) -> str:
    """A municipality's status file with the marker as the first words of its note."""
    edited = original.replace("\nnote: >-\n", f"\nnote: >-\n  {marker}\n", 1)
    if edited == original:
        raise SystemExit("the status file has no 'note: >-' to edit")
    return edited


def status_edit_times(project: Path, out: Path, edits: int = 20, slug: str = "amsterdam") -> list[float]:
    """Seconds from saving gemeenten/<slug>.yaml (its note) until a running preview of the
    real site serves the rebuilt /gemeenten/<slug>/ page, per edit."""
    page = out / "gemeenten" / slug / "index.html"
    edited = project / "gemeenten" / f"{slug}.yaml"
    return [served for _, served in after_saves(project, out, edited, page, status_note_edit, edits)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--edits", type=int, default=20)
    p.add_argument("--real", action="store_true")
    p.add_argument("--status", action="store_true", help="the real site, editing gemeenten/amsterdam.yaml")
    p.add_argument("--browser", action="store_true")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "preview"
        if args.real or args.status:
            project = tmp / "real"
            copy_real_project(project)
            story = project / "content" / "verhalen" / "sakina.md"
            page = out / "verhalen" / "sakina" / "index.html"
        else:
            project = generate(tmp / "project", args.stories, args.signatories)
            story = project / "content" / "verhalen" / "persoon-00000.md"
            page = out / "verhalen" / "persoon-00000" / "index.html"
        change = story_edit
        if args.status:
            story, page, change = (
                project / "gemeenten" / "amsterdam.yaml",
                out / "gemeenten" / "amsterdam" / "index.html",
                status_note_edit,
            )
        if args.browser:
            with running_preview(project, out, page) as port:
                url = f"http://127.0.0.1:{port}/" + page.relative_to(out).parent.as_posix() + "/"
                original = story.read_text(encoding="utf-8")
                times, served = in_browser(url, story, original, args.edits), []
        else:
            both = after_saves(project, out, story, page, change, args.edits)
            times, served = [t for t, _ in both], [s for _, s in both]
    what = "real site" if args.real else f"{args.stories} stories, {args.signatories} signatories"
    what = "real site, gemeenten/amsterdam.yaml" if args.status else what
    ms = sorted(t * 1000 for t in times)
    until = "in the page open in Chromium" if args.browser else "complete in the preview folder"
    print(f"serve, {what}: save to new page {until}")
    print(
        f"  median {statistics.median(ms):.0f} ms, fastest {ms[0]:.0f} ms, slowest {ms[-1]:.0f} ms ({len(ms)} edits)"
    )
    if served:
        ms = sorted(t * 1000 for t in served)
        print(f"  served by the preview: median {statistics.median(ms):.0f} ms, slowest {ms[-1]:.0f} ms")


if __name__ == "__main__":
    main()
