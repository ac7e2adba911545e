"""The site's data files: the exports (signatories, municipalities), each language's
feeds, the sitemap and robots.txt, memoised by what each follows from."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import PurePosixPath
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.kinds import MUNICIPALITY
from sleutelsite.model import Site
from sleutelsite.render.context import kinds_with_feed
from sleutelsite.render.exports import (
    municipalities_csv,
    municipalities_json,
    signatories_csv,
    signatories_json,
)
from sleutelsite.render.feeds import entries_feed, robots, signatories_feed, sitemap
from sleutelsite.render.pages import PageJob
from sleutelsite.speed import Job, SerialRunner


def start_data_files(
    site: Site,
    jobs: list[PageJob],
    known_urls: frozenset[str],
    cache: BuildCache,
    identities: dict[str, str],
    runner: SerialRunner,
) -> tuple[Callable[[], dict[PurePosixPath, bytes]], Job[dict[str, bytes]]]:
    """Exports, feeds per language, sitemap and robots.txt, memoised by what each follows
    from. Returns the function that gives them, and the job that makes the missing ones
    (the runner may start it meanwhile, in another process: to cancel on failure)."""
    settings = site.settings
    base_url = settings.base_url
    signatories = identities.get("signatories") or repr(site.signatories)
    fed = {
        kind.name: cache.key(*(entry.source_key or repr(entry) for entry in site.of_kind(kind.name)))
        for kind in site.kinds
        if kind.feed
    }
    pages = [(job.page.url, job.alternates) for job in jobs if job.in_sitemap]
    lines = _sitemap_key(jobs, cache)
    makers: dict[str, tuple[str, Callable[[], bytes]]] = {
        "ondertekenaars.json": (signatories, lambda: signatories_json(site.signatories, base_url)),
        "ondertekenaars.csv": (signatories, lambda: signatories_csv(site.signatories, base_url)),
        "sitemap.xml": (lines, lambda: sitemap(site, pages)),
        **_municipality_exports(site),
        "robots.txt": ("", lambda: robots(site)),
        **_feed_makers(site, known_urls, signatories, fed),
    }
    words = cache.by_identity("words", (site.translations,), partial(repr, site.translations))
    common = cache.key(repr(settings), words)  # (once, not per file: the preview's every save)
    keys = {name: cache.key("data-file", name, common, inputs) for name, (inputs, _) in makers.items()}
    files = {name: cast("bytes | None", cache.get("data", key)) for name, key in keys.items()}
    missing = sorted(name for name, data in files.items() if data is None)

    def make_missing() -> dict[str, bytes]:
        return {name: makers[name][1]() for name in missing}

    size = len(site.signatories) + sum(len(site.of_kind(name)) for name in fed) if missing else 0
    job = runner.start("data files", make_missing, size)

    def finish() -> dict[PurePosixPath, bytes]:
        for name, data in job.result().items():
            cache.put("data", keys[name], data)
            files[name] = data
        return {PurePosixPath(name): data for name, data in sorted(files.items()) if data is not None}

    return finish, job


def _sitemap_key(jobs: list[PageJob], cache: BuildCache) -> str:
    """What the sitemap follows from: each page's address and versions (each page's line
    made once while its job is the same: the preview)."""
    sitemap_jobs = (job for job in jobs if job.in_sitemap)
    return cache.key(
        *(cache.by_identity(("sitemap", job.page.url), (job,), partial(_line, job)) for job in sitemap_jobs)
    )


def _line(job: PageJob) -> str:
    return repr((job.page.url, job.alternates))


def _feed_makers(
    site: Site, known_urls: frozenset[str], signatories: str, fed: dict[str, str]
) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Each language's feeds (file name: what it follows from, and how it is made): the
    signatories' and each kind's with a feed, where their index page exists."""
    settings = site.settings
    makers: dict[str, tuple[str, Callable[[], bytes]]] = {}
    for lang in settings.languages:
        prefix = settings.prefix(lang.code)
        if f"{prefix}/ondertekenaars/" in known_urls:
            makers[f"{prefix.lstrip('/')}/ondertekenaars/feed.xml".lstrip("/")] = (
                signatories + lang.code,
                partial(signatories_feed, site, site.signatories, lang.code),
            )
        for kind in kinds_with_feed(site, lang.code, known_urls):
            makers[f"{prefix.lstrip('/')}/{kind.folder}/feed.xml".lstrip("/")] = (
                fed[kind.name] + lang.code,
                partial(entries_feed, site, kind, lang.code),
            )
    return makers


def _municipality_exports(site: Site) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """/gemeenten.json and /gemeenten.csv (of the default language's entries), when the site
    has the municipalities' pages."""
    code = site.settings.default_language.code
    entries = [e for e in site.of_kind(MUNICIPALITY.name) if e.lang == code]
    if not entries:
        return {}
    inputs = "".join(e.source_key for e in entries)  # (each covers its values and address)
    base_url = site.settings.base_url
    return {
        f"{MUNICIPALITY.folder}.json": (inputs, lambda: municipalities_json(entries, base_url)),
        f"{MUNICIPALITY.folder}.csv": (inputs, lambda: municipalities_csv(entries, base_url)),
    }
