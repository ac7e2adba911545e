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

FIELD_TYPES = ("text", "int", "bool", "date", "texts")  # "texts": a list of text
# The value of a field that a file leaves out, per type (a field's `default` overrides it).
EMPTY: dict[str, object] = {"text": "", "int": 0, "bool": False, "date": None, "texts": ()}
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
    source: str = "markdown"  # how a file is read: front matter and Markdown (the only one yet)

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


_DRAFT = KindField(
    "draft",
    "bool",
    "`true`: only visible in the preview (`serve`), never published",
    "true: alleen te zien in het voorbeeld (serve), nooit gepubliceerd.",
    starter="true",
)
_PUBLISH = KindField(
    "publish",
    "date",
    "`YYYY-MM-DD`: published from that date on",
    "JJJJ-MM-DD: vanaf die dag gepubliceerd.",
)

PAGE = Kind(
    name="page",
    plural="pages",
    folder="",
    url="/{folder}/{slug}/",
    template="page.html",
    index_template="section.html",
    image="image",
    image_alt="image_alt",
    new_body="Schrijf hier de tekst van de pagina.",
    fields=(
        KindField(
            "title",
            "text",
            "the page title and its `<h1>`",
            "De titel van de pagina en haar kop.",
            required=True,
            starter="{title}",
        ),
        KindField(
            "description",
            "text",
            "one or two sentences for search engines and link previews",
            "Eén of twee zinnen voor zoekmachines en gedeelde links.",
            starter="Een of twee zinnen over deze pagina.",
        ),
        KindField(
            "layout",
            "text",
            "template in `templates/` (default `page.html`; section indexes `section.html`)",
            "Template in templates/ (standaard page.html; de indexpagina van een map section.html).",
        ),
        KindField(
            "image",
            "text",
            "picture for link previews, a path under `/static/`",
            "Beeld voor gedeelde links, een pad onder /static/.",
        ),
        KindField(
            "image_alt",
            "text",
            'description of `image` (required with `image`; `""` for decoration)',
            'Beschrijving van image (verplicht bij image; "" als het alleen versiering is).',
            allow_empty=True,
        ),
        _DRAFT,
        _PUBLISH,
    ),
)

TIP = Kind(
    name="tip",
    plural="tips",
    folder="tips",
    url="/{folder}/#tip-{number}",
    template="",  # all tips are on the tips page (the folder's index)
    index_template="tips.html",
    order=("number",),
    sitemap=False,
    file_name="{number:02d}-{slug}.md",
    new_body="Leg hier de tip uit.",
    fields=(
        KindField(
            "number",
            "int",
            "1 to 10, gives the anchor `#tip-N`",
            "1 tot en met 10; geeft het anker #tip-N.",
            required=True,
            starter="{number}",
        ),
        KindField(
            "title",
            "text",
            "the tip itself, in a few words",
            "De tip in een paar woorden.",
            required=True,
            starter="{title}",
        ),
        _DRAFT,
        _PUBLISH,
    ),
)

STORY = Kind(
    name="story",
    plural="stories",
    folder="verhalen",
    url="/{folder}/{slug}/",
    template="story.html",
    index_template="stories.html",
    title="name",
    summary="summary",
    date="date",
    image="photo",
    image_alt="photo_alt",
    image_consent="photo_consent",
    order=("lang", "name", "slug"),
    card=True,
    feed=True,
    new_body="Schrijf hier het verhaal van {title}. Schrijf alleen wat {title} zelf heeft verteld.",
    fields=(
        KindField(
            "name",
            "text",
            "the key person's (first) name",
            "De (voor)naam van de sleutelpersoon.",
            required=True,
            starter="{title}",
        ),
        KindField(
            "date",
            "date",
            "`YYYY-MM-DD`, when the story was published (for the feed)",
            "JJJJ-MM-DD: wanneer het verhaal op de site kwam (voor de feed).",
            required=True,
            starter="{today}",
        ),
        KindField(
            "summary",
            "text",
            "one or two sentences for the story card",
            "Eén of twee zinnen voor de kaart van het verhaal.",
            required=True,
            starter="Een of twee zinnen over {title}.",
        ),
        KindField(
            "quote",
            "text",
            "a short quote the person really said",
            "Een kort citaat dat de persoon echt heeft gezegd.",
        ),
        KindField(
            "role",
            "text",
            'role, e.g. "sleutelpersoon in de wijk"',
            'Rol, bijvoorbeeld "sleutelpersoon in de wijk".',
        ),
        KindField("place", "text", "neighbourhood or town", "Wijk of plaats."),
        KindField(
            "themes", "texts", "list, e.g. `[zorg, onderwijs]`", "Lijst, bijvoorbeeld [zorg, onderwijs]."
        ),
        KindField(
            "photo",
            "text",
            "a path under `/static/img/`; needs `photo_alt` and `photo_consent`",
            "Een pad onder /static/img/; vraagt ook photo_alt en photo_consent.",
        ),
        KindField(
            "photo_alt",
            "text",
            'description of the photo (required with `photo`; `""` for decoration)',
            'Beschrijving van de foto (verplicht bij photo; "" als het alleen versiering is).',
            allow_empty=True,
        ),
        KindField(
            "photo_consent",
            "text",
            "who agreed to the photo being published, and when: `the person themself, 2026-03-12, by e-mail` "
            "(required with `photo`)",
            "Wie toestemming gaf om de foto te publiceren, en wanneer: de persoon zelf, 2026-03-12, per e-mail "
            "(verplicht bij photo).",
        ),
        KindField(
            "description",
            "text",
            "one or two sentences for search engines and link previews (default: the `summary`)",
            "Eén of twee zinnen voor zoekmachines en gedeelde links (anders de summary).",
        ),
        _DRAFT,
        _PUBLISH,
    ),
)

BUILT_IN: tuple[Kind, ...] = (PAGE, TIP, STORY)
