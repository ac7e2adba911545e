"""The council toolkit's Word file: per language, the model motion and the letter to the
council (content/aan-de-slag/motie.md and brief.md, and their translations) as one
editable .docx, memoised by what it follows from.

The texts mark the places to fill in between square brackets; the municipality's name is
the language's `toolkit_municipality` ("[naam gemeente]"), so each municipality's page
shows them with its name in that place (`texts_for_municipalities`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import NamedTuple

from markupsafe import Markup

from sleutelsite.cache import BuildCache
from sleutelsite.model import Entry, Site
from sleutelsite.render.docx import DocxPart, docx_bytes
from sleutelsite.render.markdown import MarkdownRenderer
from sleutelsite.speed import Job, SerialRunner

TOOLKIT_FOLDER = "aan-de-slag"
TOOLKIT_TEXTS = ("motie", "brief")  # the pages that go into the Word file, in this order


class Download(NamedTuple):
    """A file a page links to, with the link's text ("..., Word, 37 KB")."""

    url: str
    text: str


def toolkit_texts(site: Site, code: str) -> list[Entry]:
    """The language's toolkit pages that go into its Word file."""
    prefix = site.settings.prefix(code)
    wanted = [f"{prefix}/{TOOLKIT_FOLDER}/{slug}/" for slug in TOOLKIT_TEXTS]
    by_url = {page.url: page for page in site.pages if page.lang == code}
    return [by_url[url] for url in wanted if url in by_url]


def start_toolkit_files(
    site: Site, cache: BuildCache, runner: SerialRunner
) -> tuple[Callable[[], dict[PurePosixPath, bytes]], Job[dict[PurePosixPath, bytes]]]:
    """Every language's Word file ("aan-de-slag/modelmotie-sleutelpersonen.docx"), for the
    languages whose toolkit has the motion or the letter: from the memo, or made as a job
    of the runner (a quarter of a second each: it may make them in another process while
    the cards and pictures are made here). Returns the function that gives them, and the
    job (to cancel when the build fails meanwhile)."""
    wanted: dict[PurePosixPath, tuple[str, list[DocxPart], str, str, str]] = {}
    files: dict[PurePosixPath, bytes] = {}
    for lang in site.settings.languages:
        texts = toolkit_texts(site, lang.code)
        if not texts:
            continue
        path = PurePosixPath(toolkit_file_url(site, lang.code).lstrip("/"))
        parts = [DocxPart(str(entry.values.get("title", "")), entry.body) for entry in texts]
        title, author = parts[0].title, site.settings.title
        key = cache.key("docx", lang.code, title, author, repr(parts))
        data = cache.get("data", key)
        if isinstance(data, bytes):
            files[path] = data
        else:
            wanted[path] = (key, parts, title, lang.code, author)

    def make() -> dict[PurePosixPath, bytes]:
        return {
            path: docx_bytes(parts, title, code, author)
            for path, (_, parts, title, code, author) in wanted.items()
        }

    size = sum(len(part.markdown) for _, parts, *_ in wanted.values() for part in parts)
    job = runner.start("word files", make, size)

    def finish() -> dict[PurePosixPath, bytes]:
        for path, data in job.result().items():
            cache.put("data", wanted[path][0], data)
            files[path] = data
        return dict(sorted(files.items()))

    return finish, job


def toolkit_downloads(site: Site, code: str, files: dict[PurePosixPath, bytes]) -> list[Download]:
    """The language's Word file as a link, with its size in KB (at least 1)."""
    url = toolkit_file_url(site, code)
    data = files.get(PurePosixPath(url.lstrip("/")))
    if data is None:
        return []
    size = max(1, round(len(data) / 1024))
    return [Download(url, str(site.translations[code]["toolkit_download_link"]).format(size=size))]


def toolkit_file_url(site: Site, code: str) -> str:
    """ "/aan-de-slag/modelmotie-sleutelpersonen.docx": the file name is the language's."""
    name = site.translations[code]["toolkit_file"]
    return f"{site.settings.prefix(code)}/{TOOLKIT_FOLDER}/{name}"


class FillIn(NamedTuple):
    """A toolkit text as a municipality's page shows it: its title and its HTML cut at the
    places for the municipality's name (the page joins them with the name)."""

    title: str
    parts: tuple[Markup, ...]


def texts_for_municipalities(site: Site, code: str, markdown: MarkdownRenderer) -> list[FillIn]:
    """The language's model motion and letter (content/aan-de-slag/motie.md, brief.md),
    ready for any name: converted once, not once per municipality."""
    placeholder = str(site.translations[code]["toolkit_municipality"])
    found = []
    for entry in toolkit_texts(site, code):
        html, _ = markdown.convert(entry.body)  # (checked as the toolkit page itself)
        parts = tuple(Markup(part) for part in html.split(placeholder))
        found.append(FillIn(str(entry.values.get("title", "")), parts))
    return found
