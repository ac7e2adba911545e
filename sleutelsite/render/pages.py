"""Render every page: from the cache when its inputs are unchanged, else with Jinja
(the runner decides where: here, or shared over processes).

A page's cache key covers everything its HTML can depend on: the engine, all templates,
the site settings, the preview mode, the page and its story or child pages, and the
shared values that its template (with everything it extends or includes) refers to.
"""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import cast

import jinja2

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem
from sleutelsite.kinds import PAGE, Kind
from sleutelsite.model import Entry, Packed, Page, Settings, Site
from sleutelsite.render.cards import ShareCard
from sleutelsite.render.context import (
    Alternate,
    alternate_languages,
    alternates_finder,
    children_of,
    page_of,
)
from sleutelsite.render.links import link_prefix, site_links
from sleutelsite.render.safety import Finding
from sleutelsite.render.templates import template_names, template_problem, templates_fingerprint
from sleutelsite.speed import SerialRunner

_ATTRIBUTE = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""")  # one pass over the page


@dataclass(frozen=True)
class PageJob:
    page: Page
    template: str
    entry: Entry | None = None  # the story (or other entry) the page shows, named as its kind
    children: tuple[Entry, ...] = ()
    alternates: tuple[Alternate, ...] = ()  # the page in every language (or that language's home)
    in_sitemap: bool = True
    share_card: ShareCard | None = None  # its og:image (render/cards.py)
    kind: Kind = PAGE


@dataclass(frozen=True)
class RenderedPage:
    url: str
    source: str  # the content file, for error messages
    template: str
    html: bytes | Packed  # (Packed on a large site: see speed/plan.py)
    findings: tuple[Finding, ...]  # unsafe markup in the page's Markdown
    hrefs: tuple[str, ...]  # every href and src, unescaped
    ids: frozenset[str]


def site_pages(site: Site, cache: BuildCache) -> list[tuple[Kind, Entry, Page]]:
    """Every entry that has a page, with its kind and its page (the same page object while
    the entry and its kind are the same: see `page_jobs`)."""
    return [
        (kind, entry, cache.by_identity(("page", entry.url), (entry, kind), partial(page_of, entry, kind)))
        for kind, entry in site.with_pages()
    ]


def page_jobs(
    site: Site,
    known_urls: frozenset[str],
    pages: list[tuple[Kind, Entry, Page]],
    cards: dict[str, ShareCard],
    cache: BuildCache,
) -> list[PageJob]:
    """What rendering each page needs: its template, story, child pages, versions in
    other languages and share card. A job is the same object while all it is made from
    is (the preview: every page but the one edited), so what follows from it can be too."""
    alternates = alternates_finder(site, known_urls)
    # (equal on most saves: then the same object, which the jobs compare by identity)
    around = (known_urls, alternate_languages(site))
    around = cache.by_value("pages around", around, lambda: around)
    jobs = []
    for kind, entry, page in pages:
        card = cards.get(page.url)
        if kind is PAGE:  # the page is the entry itself; a section's index shows its pages
            children = tuple(children_of(site, page))
            made = partial(_job, page, page.layout, None, children, alternates, card, kind)
            jobs.append(cache.by_identity(("job", page.url), (page, card, kind, around, *children), made))
        else:
            made = partial(_job, page, kind.template, entry, (), alternates, card, kind)
            jobs.append(cache.by_identity(("job", page.url), (page, entry, card, kind, around), made))
    return jobs


def _job(
    page: Page,
    template: str,
    entry: Entry | None,
    children: tuple[Entry, ...],
    alternates: Callable[[Page], tuple[Alternate, ...]],
    card: ShareCard | None,
    kind: Kind,
) -> PageJob:
    return PageJob(page, template, entry, children, alternates(page), kind.sitemap, card, kind)


class PageRenderer:
    """Renders one job; all inputs are fixed when it is made, so it can run in a worker."""

    def __init__(
        self,
        project: Path,
        env: jinja2.Environment,
        shared: dict[str, object],
        content_html: Callable[[str], tuple[str, tuple[Finding, ...]]],
        notice: Callable[[Page], str],
        preview: object,
        cache: BuildCache,
        identities: dict[str, str] | None = None,
        templates_key: str = "",
        markdown_key: Callable[[str], str] | None = None,
        assets_key: str = "",  # the hashed files' names (render/assets.py): any page may name them
    ) -> None:
        self.project = project
        self.markdown_key = markdown_key  # the memo key of a body's Markdown, kept with the page
        self.env = env
        self.shared = shared
        self.content_html = content_html
        self.notice = notice
        self.preview = preview
        self.cache = cache
        self.templates_key = templates_key or templates_fingerprint(project / "templates", cache)
        self.fixed_key = cache.key(self.templates_key, repr(shared["site"]), repr(preview), assets_key)
        # Shared values whose identity is known without looking at them (e.g. the hash of
        # the files they were loaded from): cheaper than hashing a long list every time.
        self._shared_keys: dict[str, str] = dict(identities or {})
        self._parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None] = {}
        self._variables: dict[str, frozenset[str] | None] = {}
        self._parts: dict[str, str] = {}

    def key(self, job: PageJob) -> str:
        """The page's memo key: made once while the job (the same object while all it is
        made from is: `page_jobs`), its template's key and its notice stay the same."""
        template_key, notice = self._template_key(job.template), self.notice(job.page)
        return self.cache.by_identity(
            ("page key", job.page.url, template_key, notice),
            (job,),
            partial(self._key, job, template_key, notice),
        )

    def _key(self, job: PageJob, template_key: str, notice: str) -> str:
        return self.cache.key(
            template_key, notice,
            _identity(job.page), _identity(job.entry), *map(_identity, job.children),
            repr(tuple(map(tuple, job.alternates))),
            job.share_card.url if job.share_card else "",  # (its name covers its words)
        )  # fmt: skip

    def _template_key(self, template: str) -> str:
        """What every page of a template follows from: the engine, the templates, the
        settings and name=identity of each shared value its chain refers to (made once)."""
        if template not in self._parts:
            names = self._template_variables(template)
            used = sorted(self.shared) if names is None else sorted(n for n in names if n in self.shared)
            parts = (f"{name}={self._shared_key(name)}" for name in used)
            self._parts[template] = self.cache.key("page", self.fixed_key, template, *parts)
        return self._parts[template]

    def render(self, job: PageJob) -> RenderedPage | Problem:
        content, findings = self.content_html(job.page.body)
        context = {
            "page": job.page,
            "content": content,
            "children": list(job.children),
            "alternates": job.alternates,
            "hreflangs": hreflangs(job.alternates),
            "share_card": job.share_card,
        }
        if job.entry is not None:
            context[job.entry.kind] = job.entry
        try:
            text = self.env.get_template(job.template).render(
                **self.shared, **context, notice=self.notice(job.page), preview=self.preview
            )
        except Exception as err:
            return template_problem(err, job.page.source, self.project)
        links: dict[str, None] = {}  # in order, once each
        ids = set()
        for name, double, single in _ATTRIBUTE.findall(text):
            if name == "id":
                ids.add(double or single)
            else:  # one string per address: the menu's links, styles and feeds are on every
                # page, so the pages a render process sends back carry each of them once
                links[sys.intern(htmllib.unescape(double or single))] = None
        text = site_links(text, link_prefix(job.page.url, cast(Settings, self.shared["site"]).base_path))
        return RenderedPage(
            job.page.url,
            job.page.source,
            job.template,
            text.encode("utf-8"),
            findings,
            tuple(links),
            frozenset(ids),
        )

    def _shared_key(self, name: str) -> str:
        if name not in self._shared_keys:
            value = self.shared[name]
            text = getattr(value, "__qualname__", None) if callable(value) else repr(value)
            self._shared_keys[name] = self.cache.key(str(text))
        return self._shared_keys[name]

    def _template_variables(self, name: str) -> frozenset[str] | None:
        """Every name a template and what it extends or includes refers to (None: unknown)."""
        if name not in self._variables:
            self._variables[name] = template_names(
                self.env, self.cache, self.templates_key, name, self._parsed
            )
        return self._variables[name]


def hreflangs(alternates: tuple[Alternate, ...]) -> list[tuple[str, str]]:
    """(hreflang, url) for a page that exists in more than one language, x-default last."""
    versions = [(a.code, a.url) for a in alternates if a.translated]
    if len(versions) < 2:
        return []
    return [*versions, ("x-default", versions[0][1])]  # the first language is the default


def _identity(item: object) -> str:
    """What a page or story follows from: its source file's hash, else its full repr."""
    if item is None:
        return ""
    return getattr(item, "source_key", "") or repr(item)


Work = tuple[str, PageJob, "PageRenderer"]  # page key, job, the renderer of its language
Made = tuple["RenderedPage | Problem", tuple[str, ...]]  # and the memo keys of its Markdown


def render_pages(
    jobs: list[tuple[PageJob, PageRenderer]],
    cache: BuildCache,
    runner: SerialRunner,
    ready: Callable[[], object] = lambda: None,
) -> tuple[list[RenderedPage], list[Problem]]:
    """Every job rendered (cached where possible) by its language's renderer, and the
    template problems found. One map for all languages; `ready` makes, once, what any
    Markdown not in the cache needs (the converter), before the work is shared out."""
    hits: list[Work] = []
    misses: list[Work] = []
    for job, renderer in jobs:
        key = renderer.key(job)
        (hits if cache.has("page", key) else misses).append((key, job, renderer))
    # Listing pages (the signatories, all stories) of every language first, stories after:
    # work is taken in this order, so the long ones never come last.
    misses.sort(key=lambda work: work[1].entry is not None)
    if any(renderer.markdown_key and not cache.has("md", renderer.markdown_key(job.page.body))
           for _, job, renderer in misses):  # fmt: skip
        ready()
    done = _hits(hits, cache)
    render = _render_packed if runner.packs("pages", len(jobs)) else _render_one
    for (key, _, _), (result, markdown_keys) in zip(misses, runner.map("pages", render, misses), strict=True):
        if isinstance(result, RenderedPage):
            cache.put("page", key, (result.html, result.findings, result.hrefs, result.ids, markdown_keys))
        done.append(result)
    problems = [item for item in done if isinstance(item, Problem)]
    results = [item for item in done if isinstance(item, RenderedPage)]
    return sorted(results, key=lambda r: r.url), problems


def _hits(hits: list[Work], cache: BuildCache) -> list[RenderedPage | Problem]:
    """Pages from the cache, read in a few queries."""
    waiting = {key: (job, renderer) for key, job, renderer in hits}
    results: list[RenderedPage | Problem] = []
    for key, hit in cache.get_many("page", set(waiting)):
        job, renderer = waiting.pop(key)
        html, findings, hrefs, ids, markdown_keys = cast(
            "tuple[bytes | Packed, tuple[Finding, ...], tuple[str, ...], frozenset[str], tuple[str, ...]]",
            hit,
        )
        for markdown_key in markdown_keys:  # needed again after a template change: keep it
            cache.touch("md", markdown_key)
        made = partial(RenderedPage, job.page.url, job.page.source, job.template, html, findings, hrefs, ids)
        results.append(cache.by_identity(("rendered", key), (hit, job), made))  # (see broken_links)
    for key, (job, renderer) in waiting.items():  # gone since (another build pruned it)
        result, markdown_keys = _render_one((key, job, renderer))
        if isinstance(result, RenderedPage):
            cache.put("page", key, (result.html, result.findings, result.hrefs, result.ids, markdown_keys))
        results.append(result)
    return results


def _render_packed(work: Work) -> Made:
    """As _render_one, with the page's HTML compressed (in the worker that made it)."""
    result, markdown_keys = _render_one(work)
    if isinstance(result, RenderedPage) and isinstance(result.html, bytes):
        result = dataclasses.replace(result, html=Packed.of(result.html))
    return result, markdown_keys


def _render_one(work: Work) -> Made:
    """A page (or the problem that stops it) and the memo key of its body's Markdown."""
    _, job, renderer = work
    result = renderer.render(job)
    markdown_keys = (renderer.markdown_key(job.page.body),) if renderer.markdown_key else ()
    return result, markdown_keys
