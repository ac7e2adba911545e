"""What templates see: the shared context, prepared in Python so templates stay simple."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from .model import Page, Site, Story


@dataclass(frozen=True)
class StoryCard:
    """What a list of stories shows: so editing a story's text leaves the lists alone."""

    name: str
    summary: str
    url: str
    photo: str
    photo_alt: str


def film_renderer(env: jinja2.Environment, shared: dict[str, object]) -> Callable[[str], str]:
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


def shared_context(site: Site) -> dict[str, object]:
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
        "signatories": site.signatories,
        "signatory_count": len(site.signatories),
        "signatories_by_type": sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        "provinces": sorted({s.province for s in site.signatories}),
        "stories": [StoryCard(s.name, s.summary, s.url, s.photo, s.photo_alt) for s in site.stories],
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


def children_of(site: Site, page: Page) -> list[Page]:
    if page.url.count("/") != 2 or page.url == "/404.html":  # only section indexes: "/voorbeelden/"
        return []
    return [p for p in site.pages if p.url != page.url and p.url.startswith(page.url)]


def story_page(story: Story) -> Page:
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
        source_key=story.source_key,
    )
