"""The live preview: every save rebuilds with the same load/render/write stages and the
browser reloads once the new site is completely in place (the write is an atomic swap).

A bad edit never stops the server: the last good pages stay, with an overlay that names
file, line, the offending lines and the fix, and the preview recovers by itself when the
file is fixed. All state lives in one `Preview` object, never in module globals.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath

from sleutelsite.build import Engine, build_date, make_site
from sleutelsite.cache import BuildCache
from sleutelsite.errors import MAX_REPORTED, BuildError, Problem, more_of_these_kinds
from sleutelsite.load.content import Options
from sleutelsite.model import Packed
from sleutelsite.render import Output, Preview, make_environment
from sleutelsite.serve.watch import FileEvents
from sleutelsite.speed import Plan, make_runner
from sleutelsite.write import TreeMemory, WriteStats, write_site
from sleutelsite.write.lock import OutputLock

WATCHED = (
    *("content", "templates", "static", "i18n", "gemeenten", "data"),  # folders, and files:
    *("signatories.yaml", "site.yaml", "kinds.yaml"),
)
POLL_MS = 50  # without inotify
SAFETY_POLL_MS = 1000  # with inotify, a slow poll in case an event is missed
SETTLE_S = 0.002  # wait this long after the last file event before rebuilding
OVERLAY_CSS = PurePosixPath("_preview/overlay.css")
LIVE_JS = PurePosixPath("_preview/live.js")  # sleutelsite/serve/preview_live.js, only in the preview


class PreviewSite:
    """What one `serve` process remembers between rebuilds."""

    def __init__(
        self,
        project: Path,
        out: Path,
        address: str,
        port: int,
        today: dt.date | None = None,
        plan: Plan | None = None,
    ) -> None:
        self.project = project
        self.out = out
        self.address = address
        self.preview = Preview(livereload_port=port)
        self.today = today
        self.cache = BuildCache()  # pure steps memoised by content hash, across rebuilds
        self.engine = Engine(
            project,
            self.cache,
            make_runner(plan or Plan.for_machine(), [self.cache]),
            make_environment(project / "templates", reload=True),  # re-reads changed templates
        )
        self.last_good: Output = {}
        self.words: dict[str, object] = dict(OVERLAY_WORDS)  # from the last good translations
        self.trees = TreeMemory()  # what the two output trees hold, to compare without reading
        self.live_js = (Path(__file__).parent / "preview_live.js").read_bytes()
        self.problems: tuple[Problem, ...] = ()

    def rebuild(self) -> tuple[int, int]:
        """Build the preview; returns (files written, pages). Never raises BuildError."""
        options = Options(today=self.today or build_date(), include_drafts=True)
        self.cache.start_round()
        try:
            site, files = make_site(self.engine, options, self.address, self.preview)
        except BuildError as err:
            self.problems = err.problems
            overlaid = with_overlay(self.last_good, err.problems, self.project, self.words)
            overlaid[LIVE_JS] = self.live_js
            return self._write(overlaid).written, 0
        self.problems = ()
        self.last_good = files
        self.words = dict(site.translations.get(site.settings.default_language.code, OVERLAY_WORDS))
        self.cache.forget_unused()  # what this rebuild did not need is stale: keep memory flat
        stats = self._write({**files, LIVE_JS: self.live_js})
        return stats.written, len(site.with_pages())  # (each has one page)

    def _write(self, files: Output) -> WriteStats:
        """Swap the preview in, one build at a time into its folder; while another build
        writes there (`serve --out _site` and `make site`), after a wait, it stays as it was."""
        try:
            with OutputLock(self.out, self.project):
                return write_site(files, self.out, self.project, self.trees)
        except BuildError as err:
            self.problems = (*self.problems, *err.problems)
            return WriteStats(0, 0)


# The overlay's words when no translation file could be read yet (i18n/nl.yaml has them too).
OVERLAY_WORDS: dict[str, object] = {
    "overlay_title": "De wijziging kan nog niet getoond worden ({count})",
    "overlay_one": "1 probleem",
    "overlay_many": "{count} problemen",
    "overlay_hint": "Tip:",
    "overlay_footer": "Hieronder staat de laatste goede versie. Herstel het bestand en sla het op: "
    "deze melding verdwijnt dan vanzelf.",
}


def with_overlay(
    files: Output, problems: tuple[Problem, ...], project: Path, words: dict[str, object] | None = None
) -> Output:
    """The last good site with the error overlay on every page (or on its own if none)."""
    overlay = overlay_html(problems, project, words or OVERLAY_WORDS).encode("utf-8")
    result: Output = {}
    for path, data in files.items():
        if path.suffix == ".html" and isinstance(data, Packed):
            data = data.unpacked()
        if path.suffix == ".html" and isinstance(data, bytes) and b"</body>" in data:
            data = data.replace(b"</body>", overlay + b"</body>", 1)
        result[path] = data
    if not any(path.suffix == ".html" for path in result):
        page = (
            (
                b'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fout in de site</title>'
                b'<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
            )
            + overlay
            + b"</body></html>"
        )
        result[PurePosixPath("index.html")] = page
    result[OVERLAY_CSS] = OVERLAY_STYLE.encode()
    return result


def overlay_html(problems: tuple[Problem, ...], project: Path, words: dict[str, object]) -> str:
    items = []
    for p in problems[:MAX_REPORTED]:
        where = f"{p.path}:{p.line}" if p.line else p.path
        excerpt = _excerpt(project / p.path, p.line) or p.source
        items.append(
            "<li>"
            f'<p class="preview-where">{html.escape(where)}</p>'
            f'<p class="preview-message">{html.escape(p.message())}</p>'
            + (f"<pre>{html.escape(excerpt)}</pre>" if excerpt else "")
            + (
                f'<p class="preview-hint">{html.escape(str(words["overlay_hint"]))} {html.escape(p.hint())}</p>'
                if p.hint()
                else ""
            )
            + "</li>"
        )
    more = more_of_these_kinds(problems[MAX_REPORTED:])  # the preview speaks Dutch
    count = len(problems)
    amount = str(words["overlay_one"] if count == 1 else words["overlay_many"]).format(count=count)
    return (
        f'<link rel="stylesheet" href="/{OVERLAY_CSS}">'
        '<div class="preview-error" role="alert" id="preview-error">'
        f"<h2>{html.escape(str(words['overlay_title']).format(count=amount))}</h2>"
        f"<ol>{''.join(items)}</ol>"
        + (f"<pre>{html.escape(more)}</pre>" if more else "")
        + f"<p>{html.escape(str(words['overlay_footer']))}</p></div>"
    )


def _excerpt(file: Path, line: int) -> str:
    """A few numbered lines around `line`, the offending one marked with >."""
    if not line or not file.is_file():
        return ""
    try:
        lines = file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    start, end = max(line - 3, 0), min(line + 2, len(lines))
    return "\n".join(f"{'>' if n == line else ' '} {n:4} | {lines[n - 1]}" for n in range(start + 1, end + 1))


OVERLAY_STYLE = """.preview-error{position:fixed;inset:auto 0 0 0;max-block-size:70vh;overflow:auto;z-index:100;
background:#fff4f2;color:#1d2430;border-block-start:6px solid #b3261e;padding:1rem 1.25rem;
box-shadow:0 -4px 24px rgb(0 0 0 / .25);font:16px/1.5 system-ui,sans-serif}
.preview-error h2{margin:0 0 .5rem;font-size:1.2rem;color:#8c1d18}
.preview-error ol{margin:0;padding-inline-start:1.2rem}
.preview-error li{margin-block-end:1rem}
.preview-error p{margin:.2rem 0}
.preview-where{font-family:ui-monospace,monospace;font-weight:700}
.preview-error pre{background:#1d2430;color:#fff;padding:.6rem;overflow:auto;border-radius:.4rem;font-size:.85rem}
"""


def snapshot(project: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file: a cheap way to see what changed."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = project / name
        if top.is_file():
            stat = top.stat()
            found[name] = (stat.st_mtime_ns, stat.st_size)
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for filename in filenames:
                path = os.path.join(dirpath, filename)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[os.path.relpath(path, project)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _is_watched(path: Path, project: Path) -> bool:
    rel = os.path.relpath(path, project).split(os.sep)
    return rel[0] in WATCHED and not any(part.startswith(".") for part in rel)


def changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def serve(project: Path, host: str, port: int, open_browser: bool, lang: str, out: Path | None = None) -> int:
    from livereload import Server  # type: ignore[import-untyped]  # livereload ships no types
    from livereload.handlers import (  # type: ignore[import-untyped]  # livereload ships no types
        LiveReloadHandler,
        StaticFileHandler,
    )
    from livereload.watcher import Watcher  # type: ignore[import-untyped]  # livereload ships no types
    from tornado import ioloop
    from tornado.web import HTTPError

    out = out or Path(tempfile.mkdtemp(prefix="sleutelsite-preview-")) / "site"
    preview = PreviewSite(project, out.resolve(), f"http://{host}:{port}/", port)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def report(what: str, written: int, pages: int, ms: float) -> None:
        stamp = time.strftime("%H:%M:%S")
        if preview.problems:
            print(BuildError(preview.problems).report(lang), file=sys.stderr, flush=True)
            count = len(preview.problems)
            status = (
                f"{count} {'probleem' if count == 1 else 'problemen'}; de laatste goede versie blijft staan"
            )
            status = f"\033[31m{status}\033[0m" if colour else status
        else:
            status = f"{pages} pagina's, {written} bestanden bijgewerkt"
            status = f"\033[32m{status}\033[0m" if colour else status
        print(f"{stamp} {what}: {status} in {ms:.0f} ms", flush=True)

    class PreviewFiles(StaticFileHandler):
        """Files of the preview; an address no file can have is refused (400) or not found
        (404), never a server error: a NUL byte (`/%00`), or a name the system cannot look up."""

        def parse_url_path(self, url_path: str) -> str:
            if "\x00" in url_path:
                raise HTTPError(400)
            return super().parse_url_path(url_path)

        def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
            try:
                return super().validate_absolute_path(root, absolute_path)
            except (ValueError, OSError):  # (tornado's own HTTPError is not caught)
                raise HTTPError(404) from None

    class PreviewWatcher(Watcher):
        """Rebuilds as soon as inotify reports a change (2 ms after the last event, so a
        save in several writes is seen whole); polls every 50 ms where inotify is missing.
        With inotify a slow poll remains, in case an event is ever missed."""

        def __init__(self) -> None:
            super().__init__()
            self.files = snapshot(project)
            self.nudged: set[str] = set()  # files inotify named since the last rebuild

        def start(self, callback) -> bool:
            loop = ioloop.IOLoop.current()
            trees = [project / name for name in WATCHED if (project / name).is_dir()]
            events = FileEvents.open(trees, [project])  # the project folder itself: signatories, settings
            if events is None:
                ioloop.PeriodicCallback(callback, POLL_MS).start()
                return True
            pending: list[object] = []

            def on_events(fd: int, _: int) -> None:
                watched = [p for p in events.drain() if _is_watched(p, project)]
                if watched:
                    self.nudged.update(os.path.relpath(p, project) for p in watched)
                    for handle in pending:
                        loop.remove_timeout(handle)
                    pending[:] = [loop.call_later(SETTLE_S, callback)]

            loop.add_handler(events.fd, on_events, ioloop.IOLoop.READ)
            ioloop.PeriodicCallback(callback, SAFETY_POLL_MS).start()
            return True

        def examine(self) -> tuple[str | None, None]:
            if self.nudged:  # told what changed: rebuild now, look at the files afterwards
                changed, self.nudged = sorted(self.nudged), set()
                ioloop.IOLoop.current().call_later(0.05, self.refresh)
            else:
                now = snapshot(project)
                changed = changed_files(self.files, now)
                self.files = now
            if not changed:
                return None, None
            started = time.perf_counter()
            written, pages = preview.rebuild()
            what = changed[0] + (f" (+{len(changed) - 1})" if len(changed) > 1 else "")
            report(what, written, pages, (time.perf_counter() - started) * 1000)
            # The page swaps itself in for a content edit; anything else reloads the page.
            self.filepath = changed[0] if all(c.startswith("content" + os.sep) for c in changed) else "*"
            return self.filepath, None

        def refresh(self) -> None:
            self.files = snapshot(project)

    started = time.perf_counter()
    written, pages = preview.rebuild()
    report("eerste versie", written, pages, (time.perf_counter() - started) * 1000)
    # Reload the browser after every rebuild; livereload's default skips reloads
    # that come within 3 s of the previous one, which would leave stale pages.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(watcher=PreviewWatcher())
    server.SFH = PreviewFiles  # the handler livereload serves the root folder with
    print(f"Voorbeeld op http://{host}:{port}/ (stoppen: Ctrl+C)", flush=True)
    logging.getLogger("livereload").setLevel(logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    server._setup_logging = lambda: None  # keep the terminal to our one line per rebuild
    server.serve(host=host, port=port, root=str(preview.out), open_url_delay=0.5 if open_browser else None)
    return 0
