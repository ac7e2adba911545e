"""What templates see: the shared context, prepared in Python so templates stay simple."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import NamedTuple, cast

import jinja2
from markupsafe import Markup

from sleutelsite.cache import BuildCache
from sleutelsite.kinds import Kind
from sleutelsite.model import Entry, Language, Page, Site
from sleutelsite.render.assets import CONTENT_SIZES, Assets


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


class Alternate(NamedTuple):
    """The same page in another language, or that language's home when not translated.
    A named tuple: made for every page on every build, so cheap to make and to key."""

    code: str
    name: str
    direction: str
    url: str
    translated: bool
    note: str = ""  # in that language: why the link goes to its home page


def translation_key(url: str, prefixes: tuple[str, ...]) -> str:
    """The page's address without its language prefix: "/en/tips/" -> "/tips/"."""
    for prefix in prefixes:
        if prefix and (url == prefix + "/" or url.startswith(prefix + "/")):
            return url[len(prefix) :] or "/"
    return url


def kinds_with_feed(site: Site, code: str, known_urls: frozenset[str]) -> list[Kind]:
    """The kinds whose feed this language has: its index page exists, and the kind is read
    from content files (an empty feed says "nothing yet") or has entries in this language
    (the municipalities: only where the maps made them)."""
    prefix = site.settings.prefix(code)
    return [
        kind
        for kind in site.kinds
        if kind.feed
        and f"{prefix}/{kind.folder}/" in known_urls
        and (kind.source == "markdown" or any(e.lang == code for e in site.of_kind(kind.name)))
    ]


def _feeds(
    site: Site, code: str, known_urls: frozenset[str], t: dict[str, object]
) -> list[tuple[object, str]]:
    """(title, address) of every feed of this language."""
    prefix = site.settings.prefix(code)
    feeds = [
        (t[f"feed_{kind.plural}"], f"{prefix}/{kind.folder}/feed.xml")
        for kind in kinds_with_feed(site, code, known_urls)
    ]
    if f"{prefix}/ondertekenaars/" in known_urls:
        feeds.append((t["feed_signatories"], f"{prefix}/ondertekenaars/feed.xml"))
    return feeds


def _story_names(site: Site, code: str, and_word: str) -> str:
    """Such as "Lubna, Sakina en Shadi": this language's stories (else the default language's)."""
    default = site.settings.default_language.code
    names = [s.name for s in site.stories if s.lang == code] or [
        s.name for s in site.stories if s.lang == default
    ]
    return and_word.join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def shared_context(
    site: Site,
    code: str,
    known_urls: frozenset[str],
    assets: Assets | None = None,
    cache: BuildCache | None = None,
) -> dict[str, object]:
    """Everything the templates of one language share: prepared here, not in templates.
    With the memo, each list of cards is the same object while its cards are equal."""
    cache = cache or BuildCache()
    settings = site.settings
    assets = assets or Assets()
    prefix = settings.prefix(code)
    t = site.translations[code]

    def url(path: str) -> str:
        """A site path ("/static/css/site.css"), as templates write it: every finished page
        gets its site paths relative to itself (links.site_links), so this leaves it; a
        file with a content-hashed name (CSS, JavaScript, a picture) gets that name."""
        return assets.url(path)

    def href(path: str) -> str:
        """A page of the site in this language when it exists, else in the default language."""
        page, _, anchor = path.partition("#")
        local = prefix + page
        chosen = local if prefix and local in known_urls else page
        return url(chosen + (f"#{anchor}" if anchor else ""))

    def absolute_url(path: str) -> str:
        return settings.base_url.rstrip("/") + assets.url(path)

    def picture(src: str, alt: str, sizes: str = CONTENT_SIZES, lazy: bool = True, css: str = "") -> Markup:
        """A checked image as a `<picture>` in every width and type (render/assets.py)."""
        return Markup(assets.picture(src, alt, sizes, lazy, css))

    def date(day: dt.date) -> str:
        return format_date(day, t)

    def say(key: str, **values: object) -> str:
        """An interface text with its {placeholders} filled in."""
        return str(t[key]).format(**values)

    types = Counter(s.type for s in site.signatories)
    menu = cast("list[dict[str, str]]", t["menu"])  # (its shape is checked when it is loaded)
    shared = {
        "site": settings,
        "lang": settings.language(code),
        "t": t,
        "say": say,
        "menu": [(item["title"], href(item["url"]), prefix + item["url"]) for item in menu],
        "url": url,
        "href": href,
        "absolute_url": absolute_url,
        "picture": picture,
        "feeds": _feeds(site, code, known_urls, t),
        "signatories": site.signatories,
        "signatory_count": len(site.signatories),
        "signatories_by_type": sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        "provinces": sorted({s.province for s in site.signatories}),
        "story_names": _story_names(site, code, f" {t['and']} "),
        "types": sorted(types),
        "type_labels": t["types"],
        "verified_labels": t["verified"],
        "date": date,
        "film_id": settings.video_id,
        "film_watch_url": watch_url(settings.video_id),
        "edit_url": f"{settings.repository}/edit/{settings.branch}/signatories.yaml",
        "issue_form_url": f"{settings.repository}/issues/new?template=onderteken.yml",
    }
    for kind in site.kinds:  # "stories": the cards of this language's stories
        if kind.card:
            shared[kind.plural] = _cards(site, kind, code, cache)
    return shared


def _cards(site: Site, kind: Kind, code: str, cache: BuildCache) -> list[Entry]:
    """The cards of a kind's entries in one language: each card the same object while it
    is equal (an edit of a story's text leaves its card alone), and so the list too."""
    cards = tuple(
        cache.by_identity(("card of", entry.url), (entry,), partial(_equal_card, entry, cache))
        for entry in site.of_kind(kind.name)
        if entry.lang == code
    )
    return cache.by_identity(("cards", kind.name, code), cards, partial(list, cards))


def _equal_card(entry: Entry, cache: BuildCache) -> Entry:
    card = card_of(entry)
    return cache.by_value("card", card, lambda: card)


def card_identities(site: Site, shared: dict[str, object], cache: BuildCache) -> dict[str, str]:
    """For a page's memo key, the identity of each list of cards in `shared_context`
    ("stories"): a hash of each card's repr, made once per card while it stays the same
    and once per list while it is the same list (a long list's repr cost the preview 5 ms
    on every save)."""
    identities = {}
    for kind in site.kinds:
        if kind.card:
            cards = cast("list[Entry]", shared[kind.plural])
            identities[kind.plural] = cache.by_identity(
                ("cards key", kind.plural, id(cards)), (cards,), partial(_cards_key, cards, cache)
            )
    return identities


def _cards_key(cards: list[Entry], cache: BuildCache) -> str:
    return cache.key(
        "cards", *(cache.by_value("card key", card, partial(_card_key, card, cache)) for card in cards)
    )


def _card_key(card: Entry, cache: BuildCache) -> str:
    return cache.key(repr(card))


def card_of(entry: Entry) -> Entry:
    """What a list of entries shows: the front matter, without the text, so editing a
    story's text leaves the lists alone."""
    return Entry(entry.kind, entry.slug, entry.url, entry.source, "", 0, entry.lang, entry.values)


def alternate_languages(site: Site) -> tuple[tuple[Language, str, str], ...]:
    """What every page's alternates follow from, besides its address and the site's
    addresses: each language, its prefix and its words for "not translated"."""
    settings = site.settings
    return tuple(
        (
            lang,
            settings.prefix(lang.code),
            str(site.translations.get(lang.code, {}).get("not_translated", "")),
        )
        for lang in settings.languages
    )


def alternates_finder(site: Site, known_urls: frozenset[str]) -> Callable[[Page], tuple[Alternate, ...]]:
    """For a page: every language's version of it (that language's home where the page is
    not translated). What is the same for all pages is looked up once."""
    languages = alternate_languages(site)
    prefixes = tuple(prefix for _, prefix, _ in languages)

    def alternates(page: Page) -> tuple[Alternate, ...]:
        key = translation_key(page.url, prefixes)
        result = []
        for lang, prefix, note in languages:
            target = prefix + key if key != "/404.html" else prefix + "/404.html"
            if target in known_urls:
                result.append(Alternate(lang.code, lang.name, lang.direction, target, True, ""))
            else:
                result.append(Alternate(lang.code, lang.name, lang.direction, prefix + "/", False, note))
        return tuple(result)

    return alternates


def page_notice(page: Page, today: dt.date, t: dict[str, object]) -> str:
    """The banner a draft or scheduled page shows in the preview."""
    if page.draft:
        return str(t["notice_draft"])
    if page.publish and page.publish > today:
        return str(t["notice_scheduled"]).format(date=format_date(page.publish, t))
    return ""


def format_date(day: dt.date, t: dict[str, object]) -> str:
    """28 november 2026 / 28 November 2026: the language's own order and month names."""
    months = cast("list[str]", t["months"])  # (checked when the translations are loaded)
    return str(t["date_format"]).format(day=day.day, month=months[day.month - 1], year=day.year)


def children_of(site: Site, page: Page) -> list[Entry]:
    """The pages of a section, for its index page ("/voorbeelden/", "/en/voorbeelden/")."""
    prefix = site.settings.prefix(page.lang)
    local = page.url[len(prefix) :]
    if local.count("/") != 2 or not local.endswith("/"):
        return []
    return [p for p in site.pages if p.url != page.url and p.url.startswith(page.url)]


def page_of(entry: Entry, kind: Kind) -> Page:
    """The page of an entry, as its kind declares: which fields are its title, its
    description (the summary when it has none), and its picture."""
    values = entry.values
    return Page(
        url=entry.url,
        source=entry.source,
        body_line=entry.body_line,
        title=str(values.get(kind.title, "")),
        description=str(values.get("description") or (values.get(kind.summary, "") if kind.summary else "")),
        body=entry.body,
        layout=str(values.get("layout") or kind.template),
        lang=entry.lang,
        image=str(values.get(kind.image, "")) if kind.image else "",
        image_alt=str(values.get(kind.image_alt, "")) if kind.image_alt else "",
        draft=bool(values.get("draft", False)),
        publish=cast("dt.date | None", values.get("publish")),  # (a date field: checked on load)
        source_key=entry.source_key,
    )
