#!/usr/bin/env python3
"""Save-to-new-output latency of `build.py serve`: the time from writing a story to the
moment its new page is complete in the preview folder (the browser reloads right then).

    python benchmarks/serve_latency.py [--stories 1000 --signatories 2000] [--edits 20] [--real] [--browser]

Starts the real server in a subprocess on a free port, edits one story --edits times and
prints the median and the spread. --real measures the real project instead. --browser
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
        page.wait_for_function("window.__previewConnected === true")
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--edits", type=int, default=20)
    p.add_argument("--real", action="store_true")
    p.add_argument("--browser", action="store_true")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.real:
            project = tmp / "real"
            copy_real_project(project)
            story = project / "content" / "verhalen" / "sakina.md"
            page = tmp / "preview" / "verhalen" / "sakina" / "index.html"
        else:
            project = generate(tmp / "project", args.stories, args.signatories)
            story = project / "content" / "verhalen" / "persoon-00000.md"
            page = tmp / "preview" / "verhalen" / "persoon-00000" / "index.html"
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--project", str(project), "--port", str(port), "--out", str(tmp / "preview")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SOURCE_DATE_EPOCH": "1796000000"},
        )  # fmt: skip
        try:
            wait_until(lambda: page.is_file(), 120)
            original = story.read_text(encoding="utf-8")
            url = f"http://127.0.0.1:{port}/" + page.relative_to(tmp / "preview").parent.as_posix() + "/"
            times = in_browser(url, story, original, args.edits) if args.browser else []
            for n in range(0 if args.browser else args.edits):
                marker = f"Bewerking-{n}-{time.time_ns()}"
                time.sleep(0.2)  # let the previous reload settle, as between two saves by a person
                started = time.perf_counter()
                story.write_text(original + f"\n{marker}\n", encoding="utf-8")
                wait_until(lambda m=marker: page.is_file() and m in page.read_text(encoding="utf-8"))
                times.append(time.perf_counter() - started)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                assert response.status == 200
        finally:
            server.terminate()
            server.wait(10)
    what = "real site" if args.real else f"{args.stories} stories, {args.signatories} signatories"
    ms = sorted(t * 1000 for t in times)
    until = "in the page open in Chromium" if args.browser else "complete in the preview folder"
    print(f"serve, {what}: save to new page {until}")
    print(
        f"  median {statistics.median(ms):.0f} ms, fastest {ms[0]:.0f} ms, slowest {ms[-1]:.0f} ms ({len(ms)} edits)"
    )


if __name__ == "__main__":
    main()
