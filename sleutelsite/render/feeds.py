"""Atom feeds per language, sitemap.xml with language alternates, and robots.txt.

Deterministic: every date comes from content, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sleutelsite.kinds import Kind
from sleutelsite.model import Signatory, Site
from sleutelsite.render.context import Alternate, format_date

_EMPTY = dt.date(2026, 1, 1)  # 'updated' of a feed without entries: any fixed date
FEED_ENTRIES = 50  # the newest ones: a feed reader wants news, not the archive (kind to phones)


def escape(text: str) -> str:
    """XML text (xml.sax.saxutils would import urllib and ssl just for this)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its double quotes."""
    text = escape(text).replace('"', "&quot;")
    return '"' + text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(
    site: Site, code: str, title: str, path: str, page: str, entries: list[str], updated: dt.date
) -> bytes:
    base = site.settings.base_url.rstrip("/")
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{code}">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base + path)}</id>",
        f'  <link rel="self" href={quoteattr(base + path)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base + page)}/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(site.settings.contact_name)}</name></author>",
    ]
    return ("\n".join([*head, *entries, "</feed>"]) + "\n").encode("utf-8")


def _entry(title: str, url: str, day: dt.date, summary: str) -> str:
    return (
        "  <entry>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <id>{escape(url)}</id>\n"
        f"    <link href={quoteattr(url)}/>\n"
        f"    <updated>{_stamp(day)}</updated>\n"
        f"    <summary>{escape(summary)}</summary>\n"
        "  </entry>"
    )


def entries_feed(site: Site, kind: Kind, code: str) -> bytes:
    """The newest FEED_ENTRIES entries of a kind (stories) in one language, newest first;
    titled with the interface words feed_<plural> and feed_<name> (with the entry's fields)."""
    t = site.translations[code]
    prefix = site.settings.prefix(code)
    base = site.settings.base_url.rstrip("/")
    # (the kind's date field holds a date: checked when the entries were loaded)
    mine = [
        (cast(dt.date, e.values[kind.date]), e)
        for e in site.of_kind(kind.name)
        if e.lang == code and e.values[kind.date] is not None
    ]
    ordered = sorted(mine, key=lambda d: (d[0], d[1].slug), reverse=True)[:FEED_ENTRIES]
    words = str(t[f"feed_{kind.name}"])
    entries = [
        _entry(
            words.format_map(e.values),
            base + e.url,
            day,
            str(e.values.get(kind.summary, "")) if kind.summary else "",
        )
        for day, e in ordered
    ]
    updated = ordered[0][0] if ordered else _EMPTY
    title = f"{site.settings.title}: {t[f'feed_{kind.plural}']}"
    folder = f"{prefix}/{kind.folder}/"
    return _feed(site, code, title, f"{folder}feed.xml", folder, entries, updated)


def signatories_feed(site: Site, signatories: tuple[Signatory, ...], code: str) -> bytes:
    """The FEED_ENTRIES most recent signatories, each linking to its place on the list."""
    t = site.translations[code]
    prefix = site.settings.prefix(code)
    base = site.settings.base_url.rstrip("/")
    # A maker of the manifesto has no signing date, so no "... ondertekent" news item.
    dated = [(s.signed, s) for s in signatories if s.signed is not None]
    ordered = sorted(dated, key=lambda d: (d[0], d[1].name), reverse=True)[:FEED_ENTRIES]
    entries = [
        _entry(
            str(t["feed_signed"]).format(name=s.name),
            f"{base}{prefix}/ondertekenaars/#{s.anchor}",
            signed,
            str(t["feed_signed_summary"]).format(
                name=s.name, place=f"{s.municipality}, {s.province}", date=format_date(signed, t)
            ),
        )
        for signed, s in ordered
    ]
    updated = ordered[0][0] if ordered else _EMPTY
    title = f"{site.settings.title}: {t['feed_signatories']}"
    return _feed(
        site, code, title, f"{prefix}/ondertekenaars/feed.xml", f"{prefix}/ondertekenaars/", entries, updated
    )


def sitemap(site: Site, pages: list[tuple[str, tuple[Alternate, ...]]]) -> bytes:
    """Every page, with hreflang alternates (and x-default) for pages in several languages."""
    base = site.settings.base_url.rstrip("/")
    default = site.settings.default_language.code
    rows = []
    for url, alternates in sorted(pages):
        if not url.endswith("/"):
            continue
        rows.append(f"  <url><loc>{escape(base + url)}</loc>")
        versions = [a for a in alternates if a.translated]
        if len(versions) > 1:
            for a in versions:
                rows.append(
                    f'    <xhtml:link rel="alternate" hreflang="{a.code}" href={quoteattr(base + a.url)}/>'
                )
            fallback = next((a for a in versions if a.code == default), versions[0])
            rows.append(
                f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base + fallback.url)}/>'
            )
        rows.append("  </url>")
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
            *rows,
            "</urlset>",
        ]
    )
    return (text + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {site.settings.base_url}sitemap.xml\n".encode()
