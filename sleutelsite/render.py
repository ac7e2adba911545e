"""Stage 2: the Site in, {output path: bytes} out. Pure: touches no disk but templates."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2

from .errors import BuildError, Problem, problem
from .links import broken_links
from .load_content import slugify
from .model import Page, Signatory, Site, Story
from .render_exports import signatories_csv, signatories_json
from .render_feeds import robots, signatories_feed, sitemap, stories_feed
from .render_markdown import MarkdownRenderer, with_base_path
from .render_safety import unsafe_markup

Output = dict[PurePosixPath, bytes | Path]  # bytes to write, or a static file to copy


@dataclass(frozen=True)
class Preview:
    """Rendering for `serve`: drafts get a notice, pages load the live-reload script."""

    livereload_port: int


@dataclass(frozen=True)
class RenderedPage:
    url: str
    source: str  # the content file, for error messages
    template: str
    html: str


def make_environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_site(
    site: Site,
    project: Path,
    env: jinja2.Environment | None = None,
    markdown: MarkdownRenderer | None = None,
    preview: Preview | None = None,
) -> Output:
    """Render every page and list every static file; raise BuildError on any problem."""
    env = env or make_environment(project / "templates")
    markdown = markdown or MarkdownRenderer()
    base_path = site.settings.base_path
    shared = _shared_context(site)
    film = _film_renderer(env, shared)

    def html(text: str) -> str:
        return film(with_base_path(markdown.html(text), base_path))

    shared["tips"] = [(tip, html(tip.body)) for tip in site.tips]
    problems: list[Problem] = []
    rendered: list[RenderedPage] = []
    for tip in site.tips:
        problems += unsafe_markup(html(tip.body), tip.body, tip.source, tip.body_line)
    for page, template, context in _page_jobs(site, html):
        problems += unsafe_markup(str(context["content"]), page.body, page.source, page.body_line)
        try:
            notice = page_notice(page, site.today) if preview else ""
            text = env.get_template(template).render(**shared, **context, notice=notice, preview=preview)
        except jinja2.TemplateError as err:
            problems.append(_template_problem(err, page.source, project))
            continue
        rendered.append(RenderedPage(page.url, page.source, template, text))
    if problems:
        raise BuildError(_once_per_template_line(problems))
    data_files = _data_files(site, [page.url for page in rendered])
    other_urls = {"/static/" + rel for rel in site.static_files} | {"/" + str(p) for p in data_files}
    if preview:
        other_urls.add("/livereload.js")
    problems += broken_links(rendered, base_path, project, other_urls)
    if problems:
        raise BuildError(problems)
    output: Output = dict(data_files)
    for page in rendered:
        output[output_path(page.url)] = page.html.encode("utf-8")
    for rel in site.static_files:
        output[PurePosixPath("static", rel)] = project / "static" / rel
    return output


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


def _data_files(site: Site, urls: list[str]) -> dict[PurePosixPath, bytes]:
    base_url = site.settings.base_url
    return {
        PurePosixPath("ondertekenaars.json"): signatories_json(site.signatories, base_url),
        PurePosixPath("ondertekenaars.csv"): signatories_csv(site.signatories, base_url),
        PurePosixPath("ondertekenaars/feed.xml"): signatories_feed(site, signatory_anchors(site.signatories)),
        PurePosixPath("verhalen/feed.xml"): stories_feed(site, site.stories),
        PurePosixPath("sitemap.xml"): sitemap(site, urls),
        PurePosixPath("robots.txt"): robots(site),
    }


def output_path(url: str) -> PurePosixPath:
    """ "/" -> index.html, "/tips/" -> tips/index.html, "/404.html" -> 404.html."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return PurePosixPath(path)


def _film_renderer(env: jinja2.Environment, shared: dict[str, object]) -> Callable[[str], str]:
    """Replace the editors' embed `[[film]]` (or `[[film VIDEO_ID]]`) with the film facade."""

    def replace(match: re.Match[str]) -> str:
        video = match.group(1) or str(shared["film_id"])
        context = {**shared, "film_id": video, "film_watch_url": watch_url(video)}
        return env.get_template("_film.html").render(**context)

    def film(html: str) -> str:
        return FILM_EMBED.sub(replace, html) if "[[film" in html else html

    return film


FILM_EMBED = re.compile(r"<p>\[\[film(?:\s+([A-Za-z0-9_-]{11}))?\]\]</p>")


def watch_url(video_id: str) -> str:
    if video_id:
        return f"https://www.youtube.com/watch?v={video_id}"
    return "https://www.youtube.com/results?search_query=Sleutelpersonen+Werken+filmmanifest"


def _shared_context(site: Site) -> dict[str, object]:
    settings = site.settings
    base_path = settings.base_path

    def url(path: str) -> str:
        return base_path + path if path.startswith("/") else path

    def absolute_url(path: str) -> str:
        return settings.base_url.rstrip("/") + path

    types = Counter(s.type for s in site.signatories)
    names = [story.name for story in site.stories]
    return {
        "site": settings,
        "url": url,
        "absolute_url": absolute_url,
        "signatories": signatory_anchors(site.signatories),
        "signatory_count": len(site.signatories),
        "signatories_by_type": sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        "provinces": sorted({s.province for s in site.signatories}),
        "stories": site.stories,
        "story_names": " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names),
        "types": sorted(types),
        "verified_labels": VERIFIED_LABELS,
        "date": format_date,
        "film_id": settings.video_id,
        "film_watch_url": watch_url(settings.video_id),
        "edit_url": f"{settings.repository}/edit/{settings.branch}/signatories.yaml",
        "issue_form_url": f"{settings.repository}/issues/new?template=onderteken.yml",
    }


MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
VERIFIED_LABELS = {
    "e-mail": "Gecontroleerd via e-mail van de organisatie",
    "pull-request": "Gecontroleerd: aangemeld via het eigen GitHub-account",
    "persoonlijk": "Persoonlijk gecontroleerd",
}


def signatory_anchors(signatories: tuple[Signatory, ...]) -> list[tuple[Signatory, str]]:
    """Each signatory with a stable, unique anchor made from its name: #org-pharos."""
    seen: set[str] = set()
    result = []
    for signatory in signatories:
        anchor = base = "org-" + slugify(signatory.name)
        number = 2
        while anchor in seen:
            anchor, number = f"{base}-{number}", number + 1
        seen.add(anchor)
        result.append((signatory, anchor))
    return result


def page_notice(page: Page, today: dt.date) -> str:
    """The banner a draft or scheduled page shows in the preview."""
    if page.draft:
        return "Concept: deze pagina staat alleen in het voorbeeld en wordt niet gepubliceerd (draft: true)."
    if page.publish and page.publish > today:
        return f"Gepland: deze pagina verschijnt op {format_date(page.publish)}."
    return ""


def format_date(day: dt.date) -> str:
    """28 november 2026."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def _page_jobs(site: Site, html: Callable[[str], str]):
    """(page, template, page-specific context) for every page of the site."""
    for page in site.pages:
        children = _children(site, page)
        yield page, page.layout, {"page": page, "content": html(page.body), "children": children}
    for story in site.stories:
        page = _story_page(story)
        yield page, "story.html", {"page": page, "story": story, "content": html(story.body), "children": []}


def _children(site: Site, page: Page) -> list[Page]:
    if page.url.count("/") != 2 or page.url == "/404.html":  # only section indexes: "/voorbeelden/"
        return []
    return [p for p in site.pages if p.url != page.url and p.url.startswith(page.url)]


def _story_page(story: Story) -> Page:
    return Page(
        url=story.url,
        source=story.source,
        body_line=story.body_line,
        title=story.name,
        description=story.summary,
        body=story.body,
        layout="story.html",
        lang=story.lang,
        image=story.photo,
        image_alt=story.photo_alt,
        draft=story.draft,
        publish=story.publish,
    )


def _template_problem(err: jinja2.TemplateError, page_source: str, project: Path) -> Problem:
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
