"""Atom feeds, sitemap.xml and robots.txt. Deterministic: dates come from content."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from .model import Signatory, Site, Story


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(site: Site, title: str, path: str, page: str, entries: list[str], updated: dt.date) -> bytes:
    base = site.settings.base_url.rstrip("/")
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.settings.default_language.code}">',
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


def stories_feed(site: Site, stories: tuple[Story, ...]) -> bytes:
    base = site.settings.base_url.rstrip("/")
    ordered = sorted(stories, key=lambda s: (s.date, s.slug), reverse=True)
    entries = [_entry(f"Het verhaal van {s.name}", base + s.url, s.date, s.summary) for s in ordered]
    updated = ordered[0].date if ordered else dt.date(2026, 1, 1)
    return _feed(
        site, f"{site.settings.title}: verhalen", "/verhalen/feed.xml", "/verhalen/", entries, updated
    )


def signatories_feed(site: Site, signatories: tuple[Signatory, ...]) -> bytes:
    """The 50 most recent signatories, each linking to its place on the list."""
    base = site.settings.base_url.rstrip("/")
    ordered = sorted(signatories, key=lambda s: (s.signed, s.name), reverse=True)[:50]
    entries = [
        _entry(f"{s.name} ondertekent", f"{base}/ondertekenaars/#{s.anchor}", s.signed,
               f"{s.name} ({s.municipality}, {s.province}) ondertekende het manifest op {s.signed.isoformat()}.")
        for s in ordered
    ]  # fmt: skip
    updated = ordered[0].signed if ordered else dt.date(2026, 1, 1)
    return _feed(
        site,
        f"{site.settings.title}: nieuwe ondertekenaars",
        "/ondertekenaars/feed.xml",
        "/ondertekenaars/",
        entries,
        updated,
    )


def sitemap(site: Site, urls: list[str]) -> bytes:
    base = site.settings.base_url.rstrip("/")
    rows = [f"  <url><loc>{escape(base + url)}</loc></url>" for url in sorted(urls) if url.endswith("/")]
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *rows,
            "</urlset>",
        ]
    )
    return (text + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {site.settings.base_url}sitemap.xml\n".encode()
