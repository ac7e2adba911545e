"""The live preview: every save rebuilds with the same load/render/write stages and the
browser reloads once the new site is completely in place (the write is an atomic swap).

A bad edit never stops the server: the last good pages stay, with an overlay that names
file, line, the offending lines and the fix, and the preview recovers by itself when the
file is fixed. All state lives in one `Preview` object, never in module globals.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath

from sleutelsite.build import Engine, build_date, make_site
from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError, Problem
from sleutelsite.load.content import Options
from sleutelsite.render import Output, Preview, make_environment
from sleutelsite.serve.overlay import OVERLAY_WORDS, with_overlay
from sleutelsite.serve.watch import FileEvents
from sleutelsite.speed import Plan, collect_all_garbage, make_runner, young_garbage_only
from sleutelsite.write import TreeMemory, WriteStats, write_site
from sleutelsite.write.lock import OutputLock

WATCHED = (
    *("content", "templates", "static", "i18n", "gemeenten", "data"),  # folders, and files:
    *("signatories.yaml", "site.yaml", "kinds.yaml"),
)
POLL_MS = 50  # without inotify
SAFETY_POLL_MS = 1000  # with inotify, a slow poll in case an event is missed
SETTLE_S = 0.002  # wait this long after the last file event before rebuilding
IDLE_S = 0.5  # after a rebuild: the browser has its new page by then, collect garbage
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
        """Build the preview; returns (files written, pages). Never raises BuildError.
        Without full garbage collections: `idle` makes them, between rebuilds."""
        with young_garbage_only():
            return self._rebuild()

    def idle(self) -> None:
        """While the editor looks (the server calls this after each rebuild): the full
        garbage collection that rebuilds leave out, off the time from save to page."""
        collect_all_garbage()

    def _rebuild(self) -> tuple[int, int]:
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
            ioloop.IOLoop.current().call_later(IDLE_S, preview.idle)
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
