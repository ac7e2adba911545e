"""The recipe: load, render, write. Read this first."""

from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass
from pathlib import Path

from . import render_pages
from .cache import CACHE_FOLDER, BuildCache
from .errors import Problem
from .load import load_site
from .load_content import Options, markdown_body, markdown_files
from .model import Site
from .render import make_environment, render_site
from .render_markdown import MarkdownRenderer
from .write import Staging, WriteStats
from .write_lock import OutputLock


@dataclass(frozen=True)
class BuildResult:
    site: Site
    stats: WriteStats
    warnings: tuple[Problem, ...] = ()  # the build is fine, only slower: a damaged cache


def build(
    project: Path,
    out: Path,
    base_url: str | None = None,
    today: dt.date | None = None,
    drafts: bool = False,
    use_cache: bool = True,
) -> BuildResult:
    """Build the site into `out`. Raises BuildError; then `out` is left untouched.

    `drafts` (only for the preview) includes draft and scheduled pages. With `use_cache`,
    results of pure steps are kept in .cache/ (safe to delete) for the next build.
    """
    options = Options(today=today or build_date(), include_drafts=drafts)
    cache = BuildCache(project / CACHE_FOLDER if use_cache else None)
    markdown = MarkdownRenderer(cache)
    thresholds, frozen_before = gc.get_threshold(), gc.get_freeze_count() > 0
    # On a large site the other core converts Markdown while this one loads the site.
    markdown.convert_early(lambda: markdown_files(project), markdown_body, render_pages.PARALLEL_MIN_PAGES)
    staging = lock = None
    try:
        site = load_site(project, options, base_url, cache)  # raises BuildError, all problems at once
        # The loaded site and the pages made of it live until the build ends: the collector
        # need not walk them again and again (on a large site its full collections took
        # 1 s in all). Young garbage, each page's, is still collected as usual.
        gc.freeze()
        gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)
        env = make_environment(project / "templates", project / CACHE_FOLDER if use_cache else None)
        lock = OutputLock(out, project)  # one build at a time into `out`: waits, or stops with who
        staging = Staging(out, project)  # a hidden folder beside `out`; the live site stays as it is
        # Pages go into the staging folder as they are made; any problem still stops the build.
        files = render_site(site, project, env, markdown, place=staging.place_soon)
        stats = staging.finish(files)  # the rest of the files, then one atomic swap
        cache.save(prune=True)
    except BaseException:
        if staging is not None:
            staging.abandon()
        raise
    finally:
        gc.set_threshold(*thresholds)
        if not frozen_before:  # (what the caller froze stays frozen)
            gc.unfreeze()  # a process that builds again, such as a test run, collects it as usual
        markdown.cancel()  # (not needed at all when every page came from the cache)
        cache.close()
        if lock is not None:
            lock.release()
    return BuildResult(site, stats, tuple(cache.warnings))


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check(
    project: Path, base_url: str | None = None, today: dt.date | None = None, strict: bool = False
) -> Site:
    """Everything a build checks, writing nothing. `strict` asks more (see README)."""
    options = Options(today=today or build_date(), strict=strict)
    site = load_site(project, options, base_url)
    render_site(site, project)
    return site
