"""Kinds of content, declared once, as data: a page, a tip, a story.

A kind says which fields its files may have (type, required, help text for editors), where
its files live under content/, its address, its template, and whether it gets cards, share
cards, a feed and sitemap lines. Loading and validation (load_content.py), `build.py new` (new.py),
the README's field tables and the JSON Schemas (describe.py) all read these declarations;
nothing else lists a kind's fields. A project declares kinds of its own in kinds.yaml, with
the same keys (load_kinds.py): adding a kind is a declaration, its templates and its
interface words, not a change to the engine.

Some field names mean the same in every kind: `description` is the page's description for
search engines (the kind's `summary` field when empty), `draft` and `publish` decide when
it is published, and `layout` (pages only) chooses the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELD_TYPES = ("text", "int", "bool", "date", "texts", "sources")  # "texts": a list of text
# "sources": a list of {title, author, url} (only in status files, load/municipalities.py)
MARKDOWN_FIELD_TYPES = FIELD_TYPES[:-1]  # what front matter (and a project's own kind) may use
# The value of a field that a file leaves out, per type (a field's `default` overrides it).
EMPTY: dict[str, object] = {"text": "", "int": 0, "bool": False, "date": None, "texts": (), "sources": ()}
# An entry's own attributes (model.Entry): no field may be named so.
ENTRY_ATTRIBUTES = frozenset(
    (
        "kind",
        "slug",
        "url",
        "source",
        "body",
        "body_line",
        "lang",
        "values",
        "source_key",
        "anchor",
        "folder",
        "images",
    )
)
# Names templates already see (render_context.shared_context, render_pages.PageRenderer):
# a kind's name (its record on its page) and plural (its cards) may not be one of them.
TEMPLATE_NAMES = frozenset(
    "site lang t say menu url href absolute_url feeds signatories signatory_count signatories_by_type "
    "share_card provinces story_names picture types type_labels verified_labels date film_id film_watch_url edit_url "
    "issue_form_url downloads tips page content children alternates hreflangs notice preview loop self range "
    "municipality_map status_steps municipality_total municipalities_by_province examples locators toolkit_texts "
    "styles scripts film_here "
    "dict lipsum cycler joiner namespace".split()
)
_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")


@dataclass(frozen=True)
class KindField:
    """One front-matter key of a kind."""

    name: str
    type: str  # one of FIELD_TYPES
    help_en: str  # for the README's table
    help_nl: str  # for the JSON Schema, which editors see while typing
    required: bool = False
    allow_empty: bool = False  # an explicit "" is a value (alt text for decoration)
    default: object = None  # when left out; None means the type's empty value (EMPTY)
    starter: str = ""  # what `new` writes: "{title}", "{today}", "{number}" or text; "" writes nothing
    choices: tuple[str, ...] = ()  # the only values a text may have (in a status file: the ladder)

    @property
    def empty(self) -> object:
        return EMPTY[self.type] if self.default is None else self.default


@dataclass(frozen=True)
class Kind:
    """One kind of content. Addresses and file names are patterns: {folder}, {slug} and any
    field in braces ("/{folder}/#tip-{number}"); an index file's slug is empty there."""

    name: str  # "story": also the name its record has in its template
    plural: str  # "stories": the template variable of its cards, and its feed's words
    folder: str  # under content/ (and content/<language>/); "" for pages: any other folder
    fields: tuple[KindField, ...]
    url: str  # "/{folder}/{slug}/"
    template: str  # of each file's page; "" when a file has no page of its own (tips)
    index_template: str = ""  # the default template of the folder's index.md
    title: str = "title"  # the field that is the page's title
    summary: str = ""  # the field a card and a feed entry show; the description when that is empty
    date: str = ""  # the field a feed orders by
    image: str = ""  # the field with the page's picture (a path under /static/), and
    image_alt: str = ""  # the field that describes it
    image_consent: str = ""  # the field that says who agreed to the picture, and when (a person's photo)
    order: tuple[str, ...] = ("url",)  # fields (or lang, slug, url) that lists are sorted by
    card: bool = False  # its entries are `<plural>` in templates: cards for its folder's index page
    share_card: bool = True  # each page gets a share card (render/cards.py) as its og:image
    feed: bool = False  # an Atom feed /<folder>/feed.xml; words feed_<plural> and feed_<name>
    sitemap: bool = True  # its pages are listed in sitemap.xml
    file_name: str = "{slug}.md"  # of a file `new` makes
    new_body: str = ""  # the text `new` writes below the front matter, with {title}
    # How its entries are read: "markdown" (front matter and Markdown, load/content.py) or
    # "status files" (one YAML file per municipality, load/municipalities.py)
    source: str = "markdown"

    @property
    def has_pages(self) -> bool:
        return bool(self.template)


def entry_url(kind: Kind, prefix: str, folder: str, slug: str, values: dict[str, object]) -> str:
    """The address of a file of `kind` in content/<folder>/<slug>.md: "/en/verhalen/amina/"."""
    text = kind.url.format_map({**values, "folder": folder, "slug": "" if slug == "index" else slug})
    while "//" in text:
        text = text.replace("//", "/")
    return prefix + text


def placeholders(pattern: str) -> list[str]:
    """The names in braces in a pattern or an interface text."""
    return _PLACEHOLDER.findall(pattern)


# The built-in kinds (declared in kinds/built_in.py, which needs the classes above).
from sleutelsite.kinds.built_in import BUILT_IN, MUNICIPALITY, PAGE, STATUSES, STORY, TIP  # noqa: E402

__all__ = [
    "BUILT_IN", "EMPTY", "ENTRY_ATTRIBUTES", "FIELD_TYPES", "MARKDOWN_FIELD_TYPES", "MUNICIPALITY",
    "PAGE", "STATUSES", "STORY", "TEMPLATE_NAMES", "TIP", "Kind", "KindField", "entry_url", "placeholders",
]  # fmt: skip
