"""The site as data: frozen dataclasses, filled by `load`, read by `render`. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str  # "nl"
    name: str  # "Nederlands"
    direction: str = "ltr"  # or "rtl"


@dataclass(frozen=True)
class Settings:
    title: str
    description: str
    base_url: str  # absolute, ends with "/": "https://example.org/sub/"
    contact_email: str
    contact_name: str
    video_id: str
    repository: str  # "https://github.com/owner/repo"
    branch: str
    languages: tuple[Language, ...]

    @property
    def base_path(self) -> str:
        """The path part of base_url without the trailing slash: "" or "/sub"."""
        rest = self.base_url.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path.rstrip("/")

    @property
    def default_language(self) -> Language:
        return self.languages[0]

    def prefix(self, code: str) -> str:
        """ "" for the default language, "/en" for English."""
        return "" if code == self.languages[0].code else f"/{code}"

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


@dataclass(frozen=True)
class Page:
    """One Markdown file that becomes one HTML page."""

    url: str  # "/manifest/", "/404.html"
    source: str  # "content/manifest.md"
    body_line: int  # line of the first body line in the source file
    title: str
    description: str
    body: str  # Markdown
    layout: str  # template name, e.g. "page.html"
    lang: str
    image: str = ""
    image_alt: str = ""
    draft: bool = False
    publish: dt.date | None = None
    # Hash of the source file's path and bytes, from which every field above follows
    # (with the settings); render uses it as the page's cache key. "" if not from a file.
    source_key: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Tip:
    number: int
    title: str
    body: str  # Markdown
    source: str
    body_line: int
    lang: str = "nl"

    @property
    def anchor(self) -> str:
        return f"tip-{self.number}"


@dataclass(frozen=True)
class Story:
    slug: str
    name: str
    date: dt.date  # when the story was published on the site
    role: str
    place: str
    summary: str
    quote: str
    themes: tuple[str, ...]
    photo: str  # site-relative path under /static/, or ""
    photo_alt: str
    body: str  # Markdown
    source: str
    body_line: int
    lang: str
    draft: bool = False
    publish: dt.date | None = None
    source_key: str = field(default="", repr=False, compare=False)  # as for Page
    prefix: str = ""  # the language's URL prefix: "" or "/en"

    @property
    def url(self) -> str:
        return f"{self.prefix}/verhalen/{self.slug}/"


@dataclass(frozen=True)
class Signatory:
    name: str
    type: str
    municipality: str
    province: str
    url: str
    signed: dt.date
    verified: str
    line: int
    logo: str = ""
    statement: str = ""
    anchor: str = ""  # unique id on the list page, from the name: "org-pharos"


@dataclass(frozen=True)
class Site:
    settings: Settings
    pages: tuple[Page, ...]
    tips: tuple[Tip, ...]
    stories: tuple[Story, ...]
    signatories: tuple[Signatory, ...]
    static_files: tuple[str, ...] = field(default=())  # paths relative to static/
    today: dt.date = dt.date(1970, 1, 1)  # the day the site was built for
    next_scheduled: tuple[dt.date, str] | None = None  # (date, source) of the next page to go live
    signatories_key: str = ""  # hash of everything the signatory list follows from
    translations: dict[str, dict[str, object]] = field(default_factory=dict)  # interface text per language
