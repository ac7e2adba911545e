"""Render every page: from the cache when its inputs are unchanged, else with Jinja,
over several processes when there is enough work to pay for them.

A page's cache key covers everything its HTML can depend on: the engine, all templates,
the site settings, the preview mode, the page and its story or child pages, and the
shared values that its template (with everything it extends or includes) refers to.
"""

from __future__ import annotations

import dataclasses
import gc
import html as htmllib
import os
import re
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from .background import can_fork, cores, die_with_parent
from .cache import BuildCache
from .errors import Problem, problem
from .kinds import PAGE
from .links import link_prefix, site_links
from .model import Entry, Page, Site
from .render_context import Alternate, alternates_finder, children_of, page_of
from .render_safety import Finding

PARALLEL_MIN_PAGES = 200  # below this, starting processes costs more than it saves
_ATTRIBUTE = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""")  # one pass over the page


@dataclass(frozen=True)
class PageJob:
    page: Page
    template: str
    entry: Entry | None = None  # the story (or other entry) the page shows, named as its kind
    children: tuple[Entry, ...] = ()
    alternates: tuple[Alternate, ...] = ()  # the page in every language (or that language's home)
    in_sitemap: bool = True


@dataclass(frozen=True)
class RenderedPage:
    url: str
    source: str  # the content file, for error messages
    template: str
    html: bytes | object  # or, once a staging folder has it, what `place` returned
    findings: tuple[Finding, ...]  # unsafe markup in the page's Markdown
    hrefs: tuple[str, ...]  # every href and src, unescaped
    ids: frozenset[str]


def page_jobs(site: Site, known_urls: frozenset[str]) -> list[PageJob]:
    alternates = alternates_finder(site, known_urls)
    jobs = []
    for kind, entry in site.with_pages():
        page = page_of(entry, kind)
        if kind is PAGE:  # the page is the entry itself; a section's index shows its pages
            children = tuple(children_of(site, page))
            jobs.append(PageJob(page, page.layout, None, children, alternates(page), kind.sitemap))
        else:
            jobs.append(PageJob(page, kind.template, entry, (), alternates(page), kind.sitemap))
    return jobs


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
        place: Callable[[str, bytes], object] | None = None,
        markdown_key: Callable[[str], str] | None = None,
    ) -> None:
        self.project = project
        self.place = place  # puts a finished page in the staging folder (url, html) -> outcome
        self.markdown_key = markdown_key  # the memo key of a body's Markdown, kept with the page
        self.env = env
        self.shared = shared
        self.content_html = content_html
        self.notice = notice
        self.preview = preview
        self.cache = cache
        self.templates_key = templates_key or templates_fingerprint(project / "templates", cache)
        self.fixed_key = cache.key(self.templates_key, repr(shared["site"]), repr(preview))
        # Shared values whose identity is known without looking at them (e.g. the hash of
        # the files they were loaded from): cheaper than hashing a long list every time.
        self._shared_keys: dict[str, str] = dict(identities or {})
        self._parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None] = {}
        self._variables: dict[str, frozenset[str] | None] = {}
        self._parts: dict[str, tuple[str, ...]] = {}

    def key(self, job: PageJob) -> str:
        return self.cache.key(
            "page", self.fixed_key, self.notice(job.page),
            job.template, _identity(job.page), _identity(job.entry), *map(_identity, job.children),
            repr(tuple(map(tuple, job.alternates))), *self._shared_parts(job.template),
        )  # fmt: skip

    def _shared_parts(self, template: str) -> tuple[str, ...]:
        """name=identity of every shared value the template chain refers to (once per template)."""
        if template not in self._parts:
            names = self._template_variables(template)
            used = sorted(self.shared) if names is None else sorted(n for n in names if n in self.shared)
            self._parts[template] = tuple(f"{name}={self._shared_key(name)}" for name in used)
        return self._parts[template]

    def render(self, job: PageJob) -> RenderedPage | Problem:
        content, findings = self.content_html(job.page.body)
        context = {
            "page": job.page,
            "content": content,
            "children": list(job.children),
            "alternates": job.alternates,
            "hreflangs": hreflangs(job.alternates),
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
        text = site_links(text, link_prefix(job.page.url, self.shared["site"].base_path))  # type: ignore[attr-defined]
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


def prepare_templates(env: jinja2.Environment, cache: BuildCache, templates_key: str) -> None:
    """Read the names of, and compile, every template once before any page needs it: while
    Markdown is converted elsewhere, and before render processes fork (they share the
    result). A template with a mistake is left for rendering to report, with its page."""
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None] = {}
    for name in env.list_templates(extensions=["html"]):
        template_names(env, cache, templates_key, name, parsed)
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass


def template_names(
    env: jinja2.Environment,
    cache: BuildCache,
    templates_key: str,
    name: str,
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None],
) -> frozenset[str] | None:
    """The names a template chain refers to, memoised with the templates' fingerprint."""
    key = cache.key("template-variables", templates_key, name)
    found = cache.get("tvars", key)
    if found is None:
        found = ("known", _variables(env, name, set(), parsed))
        cache.put("tvars", key, found)
    return found[1]  # type: ignore[index]


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


def _variables(
    env: jinja2.Environment,
    name: str,
    seen: set[str],
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None],
) -> frozenset[str] | None:
    if name in seen:
        return frozenset()
    seen.add(name)
    if name not in parsed:  # each template is parsed once, however many chains it is in
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            ast = env.parse(source, name, filename)  # kept by the environment for its compile
        except jinja2.TemplateError:
            parsed[name] = None  # rendering will report it
        else:
            parsed[name] = (
                # Every name read, local ones too: a superset of what the template takes
                # from outside, which is safe for a key and 10x cheaper than
                # meta.find_undeclared_variables (a pass of Jinja's code generator).
                frozenset(node.name for node in ast.find_all(nodes.Name) if node.ctx == "load"),
                tuple(meta.find_referenced_templates(ast)),
            )
    found = parsed[name]
    if found is None:
        return None
    names = set(found[0])
    for ref in found[1]:
        if ref is None:  # a template name computed at run time: depend on everything
            return None
        sub = _variables(env, ref, seen, parsed)
        if sub is None:
            return None
        names |= sub
    return frozenset(names)


def templates_fingerprint(folder: Path, cache: BuildCache) -> str:
    """One key for all templates: any template change re-renders every page."""
    return cache.key(_templates_text(folder))


def _templates_text(folder: Path) -> str:
    parts = []
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            parts.append(
                file.relative_to(folder).as_posix()
                + "\0"
                + file.read_text(encoding="utf-8", errors="replace")
            )
    return "\0".join(parts)


Work = tuple[str, PageJob, "PageRenderer"]  # page key, job, the renderer of its language


def render_pages(
    jobs: list[tuple[PageJob, PageRenderer]], cache: BuildCache
) -> tuple[list[RenderedPage], list[Problem]]:
    """Every job rendered (cached where possible) by its language's renderer, and the
    template problems found. One pass for all languages: one set of render processes."""
    hits: list[Work] = []
    misses: list[Work] = []
    for job, renderer in jobs:
        key = renderer.key(job)
        (hits if cache.has("page", key) else misses).append((key, job, renderer))
    # Listing pages (the signatories, all stories) of every language first, stories after:
    # processes take pages in this order, so the long ones never come last to one of them.
    misses.sort(key=lambda work: work[1].entry is not None)
    workers = min(cores(), 8)
    parallel = len(misses) >= PARALLEL_MIN_PAGES and can_fork()
    frozen_before = gc.get_freeze_count() > 0  # (a build freezes the loaded site itself)
    children = _start_workers(misses, cache, workers) if parallel else None
    try:
        results = _hits(hits, cache)  # after forking: placing may start threads
        if children is not None:
            done = _render_claimed(misses, children[0]) + _collect(children, cache)
        else:
            done = [_render_one(*work) for work in misses]
    finally:
        if children is not None and not frozen_before:
            gc.unfreeze()  # frozen in _start_workers
    done += results
    problems = [item for item in done if isinstance(item, Problem)]
    results = [item for item in done if isinstance(item, RenderedPage)]
    return sorted(results, key=lambda r: r.url), problems


def _hits(hits: list[Work], cache: BuildCache) -> list[RenderedPage | Problem]:
    """Pages from the cache, read in one pass and each placed at once: never all in memory."""
    waiting = {key: (job, renderer) for key, job, renderer in hits}
    results: list[RenderedPage | Problem] = []
    for key, hit in cache.get_many("page", set(waiting)):
        job, renderer = waiting.pop(key)
        *stored, markdown_keys = hit  # type: ignore[misc]
        for markdown_key in markdown_keys:  # needed again after a template change: keep it
            cache.touch("md", markdown_key)
        page = RenderedPage(job.page.url, job.page.source, job.template, *stored)
        results.append(_placed(page, renderer))
    for key, (job, renderer) in waiting.items():  # gone since (another build pruned it)
        results.append(_render_one(key, job, renderer))
    return results


def _render_one(key: str, job: PageJob, renderer: PageRenderer) -> RenderedPage | Problem:
    result = renderer.render(job)
    if isinstance(result, RenderedPage):
        markdown_keys = (renderer.markdown_key(job.page.body),) if renderer.markdown_key else ()
        renderer.cache.put(
            "page", key, (result.html, result.findings, result.hrefs, result.ids, markdown_keys)
        )
        result = _placed(result, renderer)
    return result


def _placed(page: RenderedPage, renderer: PageRenderer) -> RenderedPage:
    """Hand the page to the staging folder now, if there is one, and keep only its outcome."""
    if renderer.place is None:
        return page
    return dataclasses.replace(page, html=renderer.place(page.url, page.html))  # type: ignore[arg-type]


def _start_workers(misses: list[Work], cache: BuildCache, workers: int):  # type: ignore[no-untyped-def]
    """Fork processes to share the work; this process renders too (see _render_claimed).

    Each process takes the next few pages from a shared counter, so a process that is
    slowed down (by the disk, or by long pages) simply takes fewer.
    """
    import multiprocessing  # only here: its import costs a small site's build 4 ms

    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    mark = cache.marker()
    gc.freeze()  # the site is shared with the workers: their collector leaves it (and its pages) alone
    children = []
    for _ in range(workers - 1):
        receive, send = context.Pipe()
        first = not children
        process = context.Process(
            target=_worker, args=(misses, counter, cache, mark, send, first, os.getpid()), daemon=True
        )
        process.start()
        send.close()
        children.append((receive, process))
    return counter, children


def _collect(started, cache: BuildCache) -> list:  # type: ignore[no-untyped-def]
    done = []
    for receive, process in started[1]:
        status, payload = receive.recv()
        if status != "ok":
            process.join()
            raise RuntimeError(f"a render worker failed:\n{payload}")
        results, entries, used = payload
        done += results
        cache.add_entries(entries, used)
    if cache.on_disk:  # the first worker writes this process's new entries with its own,
        receive, process = started[1][0]  # on the other core, while this one goes on
        receive.send(cache.take_pending())
        for _, process in started[1]:
            cache.written_by(process)  # waited for when the cache is saved or closed
    else:
        for _, process in started[1]:
            process.join()  # it has nothing left to do: no process left behind in the preview
    return done


_CLAIM = 8  # pages taken at a time from the shared counter


def _render_claimed(misses: list[Work], counter) -> list:  # type: ignore[no-untyped-def]
    done = []
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + _CLAIM
        if start >= len(misses):
            return done
        done += [_render_one(*work) for work in misses[start : start + _CLAIM]]


def _worker(
    misses: list[Work], counter, cache: BuildCache, mark: set, send, first: bool, parent: int
) -> None:  # type: ignore[no-untyped-def]
    die_with_parent(parent)  # a killed build leaves no worker behind
    try:
        cache.after_fork()
        results = _render_claimed(misses, counter)
        entries = {} if cache.on_disk else cache.new_since(mark)  # in memory, the parent keeps them
        send.send(("ok", (results, entries, cache.used())))
    except BaseException:
        send.send(("error", traceback.format_exc()))
        send.close()
        return
    if cache.on_disk:
        if first:
            cache.add_pending(send.recv())  # the build process's entries: one writer, one transaction
        cache.flush()
    send.close()


def template_problem(err: Exception, page_source: str, project: Path) -> Problem:
    if isinstance(err, jinja2.TemplateSyntaxError):
        path = _template_path(err.filename or err.name or "", project)
        return problem(
            path,
            err.lineno,
            "template_syntax",
            source=(err.source or "").split("\n")[err.lineno - 1] if err.source else "",
            detail=err.message or str(err),
        )
    if isinstance(err, jinja2.TemplateNotFound):
        return problem(page_source, 1, "missing_template", layout=err.name)
    path, line = _template_frame(err, project)
    code = "template_undefined" if isinstance(err, jinja2.UndefinedError) else "template_error"
    return problem(path, line, code, detail=str(err), page=page_source)


def _template_frame(err: BaseException, project: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja rewrites it so)."""
    templates = str(project / "templates")
    found = ("templates", 0)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.startswith(templates):
            found = (_template_path(frame.filename, project), frame.lineno or 0)
    return found


def _template_path(filename: str, project: Path) -> str:
    path = Path(filename)
    if path.is_absolute() and path.is_relative_to(project):
        return path.relative_to(project).as_posix()
    return "templates/" + re.sub(r"^templates/", "", filename)
