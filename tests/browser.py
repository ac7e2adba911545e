"""Helpers for tests in a real browser: Debian's chromium driven by Playwright.

Never `playwright install`: the browser comes from Debian (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: Path | None = None  # shown for a missing address, as GitHub Pages shows 404.html

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None:
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_folder(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 and a free port; yields the base address. With
    `not_found`, a missing address gets that page (with status 404)."""
    quiet = type("Handler", (_QuietHandler,), {"not_found": not_found})
    handler = functools.partial(quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Wait until the JavaScript `expression` is true in `page`.

    Not Playwright's `wait_for_function`: when its first look is false it polls by
    evaluating a string inside the page, which our pages' Content-Security-Policy
    (script-src 'self', no 'unsafe-eval') forbids, so such a test failed only when the
    page was slower than the first look. `page.evaluate` goes through the DevTools
    protocol, which the policy does not cover, so polling it from here is allowed.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s in the browser: {expression}")
        time.sleep(0.05)
