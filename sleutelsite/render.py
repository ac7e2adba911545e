"""Stage 2: the Site in, {output path: bytes} out. Touches no disk but templates and cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2

from .background import Pending, can_fork, in_background
from .cache import BuildCache
from .cache_templates import template_cache
from .errors import BuildError, Problem, problem
from .links import broken_links
from .model import Page, Site
from .render_context import (
    film_renderer,
    page_notice,
    shared_context,
)
from .render_exports import signatories_csv, signatories_json
from .render_feeds import entries_feed, robots, signatories_feed, sitemap
from .render_markdown import MarkdownRenderer
from .render_pages import (
    PARALLEL_MIN_PAGES,
    PageJob,
    PageRenderer,
    page_jobs,
    prepare_templates,
    render_pages,
    templates_fingerprint,
)
from .render_safety import Finding, unsafe_problems
from .render_toolkit import toolkit_downloads, toolkit_files

Output = dict[PurePosixPath, bytes | Path]  # bytes to write, or a static file to copy


@dataclass(frozen=True)
class Preview:
    """Rendering for `serve`: drafts get a notice, pages load the live-reload script."""

    livereload_port: int


def make_environment(
    templates: Path, cache_folder: Path | None = None, reload: bool = False
) -> jinja2.Environment:
    """Jinja with autoescaping and strict undefined names; compiled templates kept in cache.
    With `reload` (the preview) a changed template file is read again; a build reads each once."""
    bytecode = template_cache(cache_folder) if cache_folder is not None else None  # signed: runs ours only
    return _Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=reload,
    )


class _Environment(jinja2.Environment):
    """Parses each template once: the page keys read a template's names from its syntax
    tree (`parse`), and compiling it needs the same tree (11 of the real site's 120 ms
    cold render). A tree is handed to the compiler once, then let go."""

    def __init__(self, **options) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**options)
        self._trees: dict[tuple[str, str | None, str | None], object] = {}

    def parse(self, source, name=None, filename=None):  # type: ignore[no-untyped-def]
        tree = super().parse(source, name, filename)
        self._trees[(source, name, filename)] = tree
        return tree

    def _parse(self, source, name, filename):  # type: ignore[no-untyped-def]
        tree = self._trees.pop((source, name, filename), None)
        return tree if tree is not None else super()._parse(source, name, filename)


def render_site(
    site: Site,
    project: Path,
    env: jinja2.Environment | None = None,
    markdown: MarkdownRenderer | None = None,
    preview: Preview | None = None,
    place: Callable[[PurePosixPath, bytes], object] | None = None,
) -> Output:
    """Render every page and list every static file; raise BuildError on any problem.

    With `place` (a Staging's place_soon), each page goes to the staging folder as soon
    as it is made, by the process that made it, and the output holds its outcome.
    """
    env = env or make_environment(project / "templates")
    markdown = markdown or MarkdownRenderer()
    cache = markdown.cache
    identities = {}
    if site.signatories_key:
        identities["signatories"] = cache.key("signatories", site.signatories_key)
    known_urls = frozenset(entry.url for _, entry in site.with_pages())
    all_jobs = page_jobs(site, known_urls)
    documents = toolkit_files(site, cache)  # before the pages: they show each file's size
    data_files, data_pending = _start_data_files(site, all_jobs, known_urls, cache, identities)
    texts = [tip.body for tip in site.tips] + [job.page.body for job in all_jobs]
    coming = None
    if len(texts) < PARALLEL_MIN_PAGES:  # larger sites render over processes when it pays
        coming = markdown.convert_soon(texts)
    try:
        templates_key = templates_fingerprint(project / "templates", cache)  # read once, not per language
        prepare_templates(env, cache, templates_key)  # meanwhile, and before render processes fork
        work, problems = _page_work(
            site,
            project,
            env,
            markdown,
            preview,
            place,
            identities,
            known_urls,
            all_jobs,
            templates_key,
            documents,
        )
        rendered, template_problems = render_pages(work, cache)
        problems += _once_per_template_line(template_problems)
        bodies = {job.page.url: job.page for job in all_jobs}
        for page in rendered:
            source = bodies[page.url]
            problems += unsafe_problems(page.findings, source.body, source.source, source.body_line)
        if problems:
            raise BuildError(problems)
        data = {**data_files(), **documents}
    except BaseException:
        for pending in (data_pending, coming):
            if pending is not None:
                pending.cancel()
        raise
    other_urls = {"/static/" + rel for rel in site.static_files} | {"/" + str(p) for p in data}
    if preview:
        other_urls.add("/_preview/live.js")
    problems += broken_links(rendered, project, other_urls)
    if problems:
        raise BuildError(problems)
    output: Output = dict(data)
    for page in rendered:
        output[output_path(page.url)] = page.html
    for rel in site.static_files:
        output[PurePosixPath("static", rel)] = project / "static" / rel
    return output


def _page_work(
    site: Site,
    project: Path,
    env: jinja2.Environment,
    markdown: MarkdownRenderer,
    preview: Preview | None,
    place: Callable[[PurePosixPath, bytes], object] | None,
    identities: dict[str, str],
    known_urls: frozenset[str],
    all_jobs: list[PageJob],
    templates_key: str,
    documents: dict[PurePosixPath, bytes],
) -> tuple[list[tuple[PageJob, PageRenderer]], list[Problem]]:
    """Every job with the renderer of its language (the tips are converted here)."""
    cache = markdown.cache
    problems: list[Problem] = []
    work: list[tuple[PageJob, PageRenderer]] = []
    for lang in site.settings.languages:
        shared = shared_context(site, lang.code, known_urls)
        shared["downloads"] = toolkit_downloads(site, lang.code, documents)
        film = film_renderer(env, shared)

        def content_html(text: str, film=film) -> tuple[str, tuple[Finding, ...]]:  # type: ignore[no-untyped-def]
            html, findings = markdown.convert(text)
            return film(html), findings

        tips = []
        for tip in site.tips:
            if tip.lang == lang.code:
                html, findings = content_html(tip.body)
                tips.append((tip, html))
                problems += unsafe_problems(findings, tip.body, tip.source, tip.body_line)
        shared["tips"] = tips
        t = site.translations[lang.code]

        def notice(page: Page, t=t) -> str:  # type: ignore[no-untyped-def]
            return page_notice(page, site.today, t) if preview else ""

        renderer = PageRenderer(
            project, env, shared, content_html, notice, preview, cache, identities, templates_key,
            (lambda url, html: place(output_path(url), html)) if place is not None else None,
            markdown.key,
        )  # fmt: skip
        work += [(job, renderer) for job in all_jobs if job.page.lang == lang.code]
    return work, problems


def _once_per_template_line(problems: list[Problem]) -> list[Problem]:
    """A mistake in a shared template breaks many pages: report it once, with a count."""
    groups: dict[tuple[str, int, str], list[Problem]] = {}
    for found in problems:
        detail = dict(found.args).get("detail", "")
        groups.setdefault((found.path, found.line, str(detail)), []).append(found)
    result = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1 and "page" in dict(first.args):
            args = dict(first.args)
            args["page"] = f"{args['page']} en {len(group) - 1} andere pagina's"
            first = problem(first.path, first.line, first.code, first.source, **args)
        result.append(first)
    return result


_DATA_IN_BACKGROUND = 10_000  # signatories + stories: from here the files are made meanwhile


def _start_data_files(
    site: Site, jobs: list[PageJob], known_urls: frozenset[str], cache: BuildCache, identities: dict[str, str]
) -> tuple[Callable[[], dict[PurePosixPath, bytes]], Pending | None]:
    """Exports, feeds per language, sitemap and robots.txt, memoised by what each follows
    from. Returns the function that gives them; on a large site the missing ones are made
    in another process meanwhile (the other half of the result: to cancel on failure)."""
    settings = site.settings
    base_url = settings.base_url
    signatories = identities.get("signatories") or repr(site.signatories)
    fed = {
        kind.name: cache.key(*(entry.source_key or repr(entry) for entry in site.of_kind(kind.name)))
        for kind in site.kinds
        if kind.feed
    }
    pages = [(job.page.url, job.alternates) for job in jobs if job.in_sitemap]
    makers: dict[str, tuple[str, Callable[[], bytes]]] = {
        "ondertekenaars.json": (signatories, lambda: signatories_json(site.signatories, base_url)),
        "ondertekenaars.csv": (signatories, lambda: signatories_csv(site.signatories, base_url)),
        "sitemap.xml": (repr(pages), lambda: sitemap(site, pages)),
        "robots.txt": ("", lambda: robots(site)),
    }
    for lang in settings.languages:
        prefix = settings.prefix(lang.code)
        if f"{prefix}/ondertekenaars/" in known_urls:
            makers[f"{prefix.lstrip('/')}/ondertekenaars/feed.xml".lstrip("/")] = (
                signatories + lang.code,
                lambda code=lang.code: signatories_feed(site, site.signatories, code),
            )
        for kind in site.kinds:
            if kind.feed and f"{prefix}/{kind.folder}/" in known_urls:
                makers[f"{prefix.lstrip('/')}/{kind.folder}/feed.xml".lstrip("/")] = (
                    fed[kind.name] + lang.code,
                    lambda code=lang.code, kind=kind: entries_feed(site, kind, code),  # type: ignore[misc]
                )
    keys = {name: cache.key("data-file", name, repr(settings), repr(site.translations), inputs)
            for name, (inputs, _) in makers.items()}  # fmt: skip
    files = {name: cache.get("data", key) for name, key in keys.items()}
    missing = sorted(name for name, data in files.items() if data is None)

    def make_missing() -> dict[str, bytes]:
        return {name: makers[name][1]() for name in missing}

    pending = None
    fed_entries = sum(len(site.of_kind(name)) for name in fed)
    if missing and len(site.signatories) + fed_entries >= _DATA_IN_BACKGROUND and can_fork():
        pending = in_background(make_missing, "making the exports and feeds")

    def finish() -> dict[PurePosixPath, bytes]:
        made = pending.result() if pending is not None else make_missing()
        for name, data in made.items():  # type: ignore[union-attr]
            cache.put("data", keys[name], data)
            files[name] = data
        return {PurePosixPath(name): files[name] for name in sorted(files)}  # type: ignore[misc]

    return finish, pending


def output_path(url: str) -> PurePosixPath:
    """ "/" -> index.html, "/tips/" -> tips/index.html, "/404.html" -> 404.html."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return PurePosixPath(path)
