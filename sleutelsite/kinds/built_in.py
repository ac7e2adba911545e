"""The built-in kinds: a page, a tip, a story, and the municipalities (whose status files
are YAML outside content/). See kinds/__init__.py for what a declaration holds."""

from __future__ import annotations

from sleutelsite.kinds import Kind, KindField

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

# The ladder of a municipality's status, lowest first: (the value in a status file, the
# name of its words in i18n/*.yaml). Also CSS class names on the map.
STATUSES = ("onbekend", "in-gesprek", "besluit", "betaald")

MUNICIPALITY = Kind(
    name="municipality",
    plural="municipalities",
    folder="gemeenten",  # each of the 342 has a page; gemeenten/<slug>.yaml says where it stands
    url="/{folder}/{slug}/",
    template="municipality.html",
    index_template="municipalities.html",
    title="name",
    summary="note",
    date="date",
    order=("lang", "sort_name"),
    feed=True,  # /gemeenten/feed.xml: the newest statuses (those with a date)
    share_card=False,  # 684 pages: they share the card of /gemeenten/ (see README, speed)
    source="status files",
    file_name="{slug}.yaml",
    fields=(
        KindField(
            "municipality",
            "text",
            "the official name (`'s-Gravenhage`), a known other name (`Den Haag`) or the CBS code (`GM0518`)",
            "De officiële naam ('s-Gravenhage), een bekende andere naam (Den Haag) of de CBS-code (GM0518).",
            required=True,
        ),
        KindField(
            "status",
            "text",
            "`onbekend` (nothing known yet), `in-gesprek` (in conversation), `besluit` (a motion or "
            "decision) or `betaald` (key persons paid in a real function)",
            "onbekend, in-gesprek (in gesprek), besluit (motie of besluit) of betaald (sleutelpersonen "
            "betaald in een echte functie).",
            required=True,
            choices=STATUSES,
        ),
        KindField(
            "date",
            "date",
            "`YYYY-MM-DD`: when this status was found or last checked (required above `onbekend`)",
            "JJJJ-MM-DD: wanneer deze stand is gevonden of voor het laatst gecontroleerd (verplicht boven onbekend).",
        ),
        KindField(
            "sources",
            "sources",
            "where it says so: a list of `title` (required), `author` and `url` (`https://`); "
            "required above `onbekend`",
            "Waar het staat: een lijst met title (verplicht), author en url (https://); verplicht boven onbekend.",
        ),
        KindField(
            "note",
            "text",
            "one to three sentences: what the municipality does, in your own words (at most 500 characters)",
            "Eén tot drie zinnen: wat de gemeente doet, in eigen woorden (hooguit 500 tekens).",
        ),
    ),
)

BUILT_IN: tuple[Kind, ...] = (PAGE, TIP, STORY, MUNICIPALITY)
