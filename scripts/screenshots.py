#!/usr/bin/env python3
"""Screenshots of the built site at phone and desktop width, for a person to look at.

    python scripts/screenshots.py [--site _site] [--out screenshots] [PATH ...]

Serves the built site on 127.0.0.1 and drives Debian's chromium with Playwright.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTHS = (375, 1280)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--site", type=Path, default=Path("_site"))
    p.add_argument("--out", type=Path, default=Path("screenshots"))
    p.add_argument(
        "paths", nargs="*", default=["/", "/manifest/", "/tips/", "/ondertekenaars/", "/verhalen/sakina/"]
    )
    args = p.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in args.paths:
                page.goto(base + path)
                name = (path.strip("/").replace("/", "-") or "home") + f"-{width}.png"
                page.screenshot(path=str(args.out / name), full_page=True)
                print(args.out / name)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
