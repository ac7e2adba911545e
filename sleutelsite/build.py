"""The recipe: load, render, write. Read this first.

    site = load_site(...)              # raises BuildError, all problems at once
    files = render_site(site, ...)     # {path: bytes}; writes nothing
    write_site(files, out, project)    # atomic

`build`, `check` and the preview (`serve.py`) all make the site with `make_site`. How
fast is decided here and only here: the plan (`speed.Plan`) says when work is shared
over processes, the runner runs it, and the memo (`BuildCache`) remembers pure steps.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sleutelsite.cache import CACHE_FOLDER, BuildCache
from sleutelsite.errors import Problem
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.model import Site
from sleutelsite.render import Output, Preview, make_environment, render_site
from sleutelsite.render.markdown import MarkdownRenderer
from sleutelsite.speed import Plan, SerialRunner, make_runner, young_garbage_only
from sleutelsite.write import WriteStats, check_output_folder, write_site
from sleutelsite.write.lock import OutputLock


@dataclass(frozen=True)
class BuildResult:
    site: Site
    stats: WriteStats
    warnings: tuple[Problem, ...] = ()  # the build is fine, only slower: a damaged cache


@dataclass
class Engine:
    """What making the site needs besides the project: the memo, the Markdown renderer
    that uses it, the templates and the runner. One per build, or one per preview."""

    project: Path
    memo: BuildCache
    runner: SerialRunner
    env: jinja2.Environment
    markdown: MarkdownRenderer = field(init=False)

    def __post_init__(self) -> None:
        self.markdown = MarkdownRenderer(self.memo)


def make_site(
    engine: Engine, options: Options, base_url: str | None = None, preview: Preview | None = None
) -> tuple[Site, Output]:
    """Load and render: the site and every file it is made of. Raises BuildError."""
    project = engine.project
    with young_garbage_only():
        site = load_site(project, options, base_url, engine.memo, engine.runner)
        files = render_site(site, project, engine.env, engine.markdown, preview, engine.runner)
    return site, files


def build(
    project: Path,
    out: Path,
    base_url: str | None = None,
    today: dt.date | None = None,
    drafts: bool = False,
    use_cache: bool = True,
    plan: Plan | None = None,
) -> BuildResult:
    """Build the site into `out`. Raises BuildError; then `out` is left untouched.

    `drafts` (only for the preview) includes draft and scheduled pages. With `use_cache`,
    results of pure steps are kept in .cache/ (safe to delete) for the next build.
    """
    options = Options(today=today or build_date(), include_drafts=drafts)
    check_output_folder(Path(os.path.abspath(out)), project)  # before any work, not after it
    folder = project / CACHE_FOLDER if use_cache else None
    memo = BuildCache(folder, keep_big=use_cache)  # (without a folder: nothing big kept)
    try:
        with make_runner(plan or Plan.for_machine(), [memo]) as runner:
            engine = Engine(project, memo, runner, make_environment(project / "templates", folder))
            site, files = make_site(engine, options, base_url)
        with OutputLock(out, project):  # one build at a time into `out`: waits, or stops with who
            stats = write_site(files, out, project)
        memo.save(prune=True)
    finally:
        memo.close()
    return BuildResult(site, stats, tuple(memo.warnings))


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check(
    project: Path,
    base_url: str | None = None,
    today: dt.date | None = None,
    strict: bool = False,
    plan: Plan | None = None,
) -> Site:
    """Everything a build checks, writing nothing. `strict` asks more (see README)."""
    options = Options(today=today or build_date(), strict=strict)
    memo = BuildCache(keep_big=False)
    with make_runner(plan or Plan.for_machine(), [memo]) as runner:
        site, _ = make_site(
            Engine(project, memo, runner, make_environment(project / "templates")), options, base_url
        )
    return site
