"""The live preview: rebuild on every save with the same build, reload the browser.

A bad edit never stops the server: the problems are printed and the last good
site stays on screen until the file is fixed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from .build import build
from .errors import BuildError, report_for_terminal

WATCHED = ("content", "templates", "static", "signatories.yaml", "site.yaml")


def serve(project: Path, host: str, port: int, base_url: str | None, open_browser: bool, lang: str) -> int:
    from livereload import Server

    out = Path(tempfile.mkdtemp(prefix="sleutelsite-preview-")) / "site"
    address = base_url or f"http://{host}:{port}/"

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            result = build(project, out, base_url=address, drafts=True)
        except BuildError as err:
            print(report_for_terminal(err, lang), file=sys.stderr, flush=True)
            return
        ms = (time.perf_counter() - started) * 1000
        print(f"Opnieuw gebouwd: {result.stats.written} bestanden gewijzigd in {ms:.0f} ms", flush=True)

    rebuild()
    server = Server()
    for name in WATCHED:
        server.watch(str(project / name), rebuild, delay=0.05)
    print(f"Voorbeeld op {address} (stoppen: Ctrl+C)", flush=True)
    server.serve(host=host, port=port, root=str(out), open_url_delay=0.5 if open_browser else None)
    return 0
