"""Stage 2: the Site in, {output path: bytes} out. Touches no disk but templates and cache."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

import jinja2

from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError, Problem, problem
from sleutelsite.model import Packed, Page, Site
from sleutelsite.render.assets import Assets, start_site_assets, with_pictures
from sleutelsite.render.cards import start_share_cards
from sleutelsite.render.context import (
    card_identities,
    film_renderer,
    page_notice,
    shared_context,
)
from sleutelsite.render.data_files import start_data_files
from sleutelsite.render.geo_map import Drawing
from sleutelsite.render.links import broken_links
from sleutelsite.render.markdown import MarkdownRenderer
from sleutelsite.render.municipalities import map_drawing, municipality_context
from sleutelsite.render.pages import (
    PageJob,
    PageRenderer,
    RenderedPage,
    page_jobs,
    render_pages,
    site_pages,
)
from sleutelsite.render.safety import Finding, unsafe_problems
from sleutelsite.render.templates import make_environment, prepare_templates, templates_fingerprint
from sleutelsite.render.toolkit import start_toolkit_files, texts_for_municipalities, toolkit_downloads
from sleutelsite.speed import Job, SerialRunner

Output = dict[PurePosixPath, bytes | Packed | Path]  # bytes to write (maybe packed), or a static file to copy


@dataclass(frozen=True)
class Preview:
    """Rendering for `serve`: drafts get a notice, pages load the live-reload script."""

    livereload_port: int


def render_site(
    site: Site,
    project: Path,
    env: jinja2.Environment | None = None,
    markdown: MarkdownRenderer | None = None,
    preview: Preview | None = None,
    runner: SerialRunner | None = None,
) -> Output:
    """Render every page and list every static file; raise BuildError on any problem.
    The runner decides where pages are rendered (here, or shared over processes)."""
    env = env or make_environment(project / "templates")
    markdown = markdown or MarkdownRenderer()
    runner = runner or SerialRunner()
    cache = markdown.cache
    identities = {}
    if site.signatories_key:
        identities["signatories"] = cache.key("signatories", site.signatories_key)
    pages = site_pages(site, cache)
    known_urls = frozenset(page.url for _, _, page in pages)
    started: list[Job] = []  # made meanwhile, maybe in other processes: cancelled on any failure
    try:
        finish_documents, documents_job = start_toolkit_files(site, cache, runner)
        started.append(documents_job)
        cards, card_files, cards_job = start_share_cards(
            site, [(kind, page) for kind, _, page in pages], project, cache, runner
        )
        started.append(cards_job)
        all_jobs = page_jobs(site, known_urls, pages, cards, cache)
        data_files, data_job = start_data_files(site, all_jobs, known_urls, cache, identities, runner)
        started.append(data_job)
        finish_assets, pictures_job = start_site_assets(site, project, cache, runner)
        started.append(pictures_job)
        templates_key = templates_fingerprint(project / "templates", cache)  # read once, not per language
        prepare_templates(env, cache, templates_key)
        drawing = map_drawing(site, project, cache)
        documents = finish_documents()  # before the pages: they show each file's size
        assets = finish_assets()  # before the pages too, which name the files
        work, problems = _page_work(
            site,
            project,
            env,
            markdown,
            preview,
            identities,
            known_urls,
            all_jobs,
            templates_key,
            documents,
            assets,
            drawing,
        )
        rendered, template_problems = render_pages(work, cache, runner, markdown.ready)
        problems += _once_per_template_line(template_problems)
        bodies = {job.page.url: job.page for job in all_jobs}
        for page in rendered:
            source = bodies[page.url]
            problems += unsafe_problems(page.findings, source.body, source.source, source.body_line)
        if problems:
            raise BuildError(problems)
        data = {**data_files(), **documents, **card_files()}
    except BaseException:
        for job in started:
            job.cancel()
        raise
    return _linked_output(site, project, rendered, data, preview, assets, cache)


def _linked_output(
    site: Site,
    project: Path,
    rendered: list[RenderedPage],
    data: dict[PurePosixPath, bytes],
    preview: Preview | None,
    assets: Assets,
    cache: BuildCache,
) -> Output:
    """Every file of the site, once every internal link is known to lead somewhere."""
    statics = [rel for rel in site.static_files if rel not in assets.originals]
    other_urls = {"/static/" + rel for rel in statics} | {"/" + str(p) for p in (*data, *assets.files)}
    if preview:
        other_urls.add("/_preview/live.js")
    problems = broken_links(rendered, project, other_urls, cache)
    if problems:
        raise BuildError(problems)
    output: Output = dict(data)
    for page in rendered:  # (the same path objects on every save of the preview)
        output[cache.by_value("output path", page.url, partial(output_path, page.url))] = page.html
    for rel in statics:
        output[PurePosixPath("static", rel)] = project / "static" / rel
    output.update(assets.files)
    return output


def _page_work(
    site: Site,
    project: Path,
    env: jinja2.Environment,
    markdown: MarkdownRenderer,
    preview: Preview | None,
    identities: dict[str, str],
    known_urls: frozenset[str],
    all_jobs: list[PageJob],
    templates_key: str,
    documents: dict[PurePosixPath, bytes],
    assets: Assets,
    drawing: Drawing | None,
) -> tuple[list[tuple[PageJob, PageRenderer]], list[Problem]]:
    """Every job with the renderer of its language (the tips are converted here)."""
    cache = markdown.cache
    problems: list[Problem] = []
    work: list[tuple[PageJob, PageRenderer]] = []
    for lang in site.settings.languages:
        shared = shared_context(site, lang.code, known_urls, assets, cache)
        shared["downloads"] = toolkit_downloads(site, lang.code, documents)
        places, place_keys = municipality_context(
            site, lang.code, drawing, site.translations[lang.code], cache
        )
        shared.update(places)
        if "locators" in shared:  # each municipality's page shows the model motion with its name
            shared["toolkit_texts"] = texts_for_municipalities(site, lang.code, markdown)
        film = film_renderer(env, shared)

        def content_html(text: str, film=film) -> tuple[str, tuple[Finding, ...]]:
            html, findings = markdown.convert(text)
            return with_pictures(film(html), assets), findings

        tips = []
        for tip in site.tips:
            if tip.lang == lang.code:
                html, findings = content_html(tip.body)
                tips.append((tip, html))
                problems += unsafe_problems(findings, tip.body, tip.source, tip.body_line)
        shared["tips"] = tips
        t = site.translations[lang.code]

        def notice(page: Page, t=t) -> str:
            return page_notice(page, site.today, t) if preview else ""

        renderer = PageRenderer(
            project,
            env,
            shared,
            content_html,
            notice,
            preview,
            cache,
            {**identities, **place_keys, **card_identities(site, shared, cache)},
            templates_key,
            markdown.key,
            assets.key,
        )
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


def output_path(url: str) -> PurePosixPath:
    """ "/" -> index.html, "/tips/" -> tips/index.html, "/404.html" -> 404.html."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return PurePosixPath(path)
