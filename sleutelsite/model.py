"""The site as data: frozen dataclasses, filled by `load`, read by `render`. No I/O."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import Any

from sleutelsite.kinds import BUILT_IN, Kind


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
class Entry:
    """One content file of a kind (kinds.py): a page, a tip, a story, or a kind the project
    declares. `values` holds every field its kind declares (left-out ones at their default),
    and each reads as an attribute: `story.name`, `tip.number`."""

    kind: str  # "story"
    slug: str  # "lubna"; "index" for a folder's index page
    url: str  # "/verhalen/lubna/", "/en/tips/#tip-3", "/404.html"
    source: str  # "content/verhalen/lubna.md"
    body: str  # Markdown
    body_line: int  # line of the first body line in the source file
    lang: str
    values: dict[str, object] = field(default_factory=dict, hash=False)
    # Hash of the source file's path and bytes (and of the project's own kinds), from which
    # every field above follows (with the settings); render uses it as the page's cache key.
    source_key: str = field(default="", repr=False, compare=False)
    # The images the file shows, each with the line that names it: ("/static/img/a.jpg", 7).
    images: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def __getattr__(self, name: str) -> Any:  # only called for names that are not attributes
        values = self.__dict__.get("values")
        if values is None or name not in values:  # (also while a copy is being made)
            raise AttributeError(f"{self.__dict__.get('kind', 'entry')} has no field {name!r}")
        return values[name]

    @property
    def anchor(self) -> str:
        """The id on its page, for a kind without pages of its own: "tip-3"."""
        return self.url.partition("#")[2]


@dataclass(frozen=True)
class Page:
    """What a template needs of any page (`page`), made from an entry and its kind."""

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
    source_key: str = field(default="", repr=False, compare=False)  # the entry's


@dataclass(frozen=True, slots=True)  # 50,000 of them on a large list: no dict each
class Signatory:
    name: str
    type: str
    municipality: str
    province: str
    url: str
    signed: dt.date | None  # None only for a maker of the manifesto (verified: maker)
    verified: str
    line: int
    logo: str = ""
    statement: str = ""
    anchor: str = ""  # unique id on the list page, from the name: "org-pharos"


@dataclass(frozen=True, slots=True)
class Packed:
    """A file's bytes kept compressed (zlib) until they are written: a large site's pages
    held all at once until the write stage (see speed/plan.py, "packed")."""

    data: bytes

    @classmethod
    def of(cls, content: bytes) -> Packed:
        return cls(zlib.compress(content, 1))

    def unpacked(self) -> bytes:
        return zlib.decompress(self.data)


@dataclass(frozen=True)
class Picture:
    """An image under static/ that the site shows in several sizes (issue 17): checked
    when loaded; render makes its files (upright, resized, without any metadata)."""

    src: str  # its site path: "/static/img/amina.jpg"
    key: str  # hash of its bytes: its files are memoised by it
    width: int  # as shown (EXIF rotation applied)
    height: int
    widths: tuple[int, ...]  # the widths wanted (never more than the image has)
    uses: tuple[tuple[str, int], ...]  # (file, line) of every place that shows it


@dataclass(frozen=True)
class Site:
    settings: Settings
    entries: dict[str, tuple[Entry, ...]]  # per kind's name, in the kind's order
    signatories: tuple[Signatory, ...]
    kinds: tuple[Kind, ...] = BUILT_IN  # the built-in kinds, then the project's own
    static_files: tuple[str, ...] = field(default=())  # paths relative to static/
    today: dt.date = dt.date(1970, 1, 1)  # the day the site was built for
    next_scheduled: tuple[dt.date, str] | None = None  # (date, source) of the next page to go live
    signatories_key: str = ""  # hash of everything the signatory list follows from
    translations: dict[str, dict[str, object]] = field(default_factory=dict)  # interface text per language
    pictures: dict[str, Picture] = field(default_factory=dict)  # by site path; see load/pictures.py
    places_key: str = ""  # hash of the maps in data/nl/ (load/municipalities.py); "" without them

    def of_kind(self, name: str) -> tuple[Entry, ...]:
        return self.entries.get(name, ())

    @property
    def pages(self) -> tuple[Entry, ...]:
        return self.of_kind("page")

    @property
    def tips(self) -> tuple[Entry, ...]:
        return self.of_kind("tip")

    @property
    def stories(self) -> tuple[Entry, ...]:
        return self.of_kind("story")

    def kind(self, name: str) -> Kind:
        return next(kind for kind in self.kinds if kind.name == name)

    def with_pages(self) -> list[tuple[Kind, Entry]]:
        """Every entry that has a page of its own, with its kind."""
        return [(kind, entry) for kind in self.kinds if kind.has_pages for entry in self.of_kind(kind.name)]
