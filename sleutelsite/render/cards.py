"""Share cards on pages (issue 16): which pages get one, made through the runner,
memoised, and where they go.

Every page of a kind whose declaration says `share_card` (kinds.py; on unless a kind
says otherwise) gets a 1200 x 630 PNG (share_card.py) with its title and description,
as its `og:image`; a page of a kind that says `share_card: false` shares the card of its
folder's index page (else the campaign image). A page that names its own picture (a page's `image`, a story's
`photo`) keeps that picture instead: the editor chose it. Cards are files under
/kaarten/, named by a hash of all they are drawn from (a chat app may keep a preview for
ever: a new card must have a new address), so that pages name their card while it is
drawn. Same words, fonts, colours, Pillow and renderer: the same card, from the memo,
so a warm build draws none.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path, PurePosixPath
from typing import NamedTuple, cast

from sleutelsite.cache import BuildCache, framed
from sleutelsite.cache.fingerprint import pillow_release
from sleutelsite.kinds import Kind
from sleutelsite.model import Page, Site
from sleutelsite.render.share_card import (
    FONT_FILES,
    FONT_FOLDER,
    HEIGHT,
    RENDERER_VERSION,
    WIDTH,
    CardColours,
    CardFonts,
    CardPainter,
    card_fonts,
    colours_from_css,
)
from sleutelsite.speed import Job, SerialRunner

CARD_FOLDER = "kaarten"
_ENGINE_ROOT = Path(__file__).resolve().parent.parent.parent  # the repository the engine is in


class ShareCard(NamedTuple):
    """What a page's <head> says of its card (templates: `share_card`)."""

    url: str  # "/kaarten/3f2a....png"
    alt: str  # the words on the card
    width: int = WIDTH
    height: int = HEIGHT


class CardWords(NamedTuple):
    title: str
    subtitle: str


class CardMaker:
    """Draws one card from its words; everything else fixed, so it can run in a worker
    (each process draws what the cards share once, with its first card)."""

    def __init__(self, site_name: str, fonts: CardFonts, colours: CardColours) -> None:
        self.site_name = site_name
        self.fonts = fonts
        self.colours = colours
        self._painter: CardPainter | None = None

    def inputs(self) -> tuple[str | bytes, ...]:
        """Everything but the words that a card's pixels follow from (the fonts by a
        hash: 1.4 MB hashed once, not by each key made from these)."""
        fonts = _digest((self.fonts.bold, self.fonts.regular))
        # (zlib: the PNG's rows are packed by Python's own, card_png.py, which differs by system)
        packer = zlib.ZLIB_RUNTIME_VERSION
        return RENDERER_VERSION, pillow_release(), packer, self.site_name, fonts, repr(self.colours)

    def __call__(self, words: CardWords) -> bytes:
        if self._painter is None:  # (Pillow is imported by the first card drawn)
            self._painter = CardPainter(self.site_name, self.fonts, self.colours)
        return self._painter.png(words.title, words.subtitle)


class CardNames:
    """A card's file name: a hash of everything it is drawn from (`CardMaker.inputs` and
    its words), so pages name their card before it is drawn. Not salted with the
    engine's source, as the memo is: a card keeps its address until its pixels may change."""

    def __init__(self, inputs: tuple[str | bytes, ...]) -> None:
        self._fixed = _digest(inputs)

    def __call__(self, words: CardWords) -> str:
        return _digest((self._fixed, *words)).hex()[:16] + ".png"


def _digest(parts: Iterable[str | bytes]) -> bytes:
    return hashlib.blake2b(framed(parts), digest_size=16).digest()


def card_words(site: Site, pages: Iterable[tuple[Kind, Page]]) -> dict[str, CardWords]:
    """{page url: the words of its card} for every page that gets one."""
    return {
        page.url: CardWords(page.title, page.description or site.settings.description)
        for kind, page in pages
        if kind.share_card and not page.image
    }


CardFiles = Callable[[], dict[PurePosixPath, bytes]]


def start_share_cards(
    site: Site,
    pages: Iterable[tuple[Kind, Page]],
    project: Path,
    cache: BuildCache,
    runner: SerialRunner,
) -> tuple[dict[str, ShareCard], CardFiles, Job[list[bytes]]]:
    """{page url: its card} at once, the function that gives the card files (drawn where
    the memo has none: by the runner meanwhile, maybe in other processes), and the job
    that draws them (to cancel on failure)."""
    pages = list(pages)
    wanted = card_words(site, pages)
    maker = CardMaker(site.settings.title, _fonts(project), _colours(project))
    # (recalled while the fonts' bytes and the colours are equal: 1.4 MB not hashed on every save)
    inputs = cache.by_value("card inputs", (maker.site_name, maker.fonts, maker.colours), maker.inputs)
    name = CardNames(inputs)
    fixed = cache.key("share-card", *inputs)
    # (each key, name and card made once while its words and the inputs stay: the preview
    # makes all of them again on every save)
    keys = {
        words: cache.by_value("card key " + fixed, words, partial(cache.key, fixed, *words))
        for words in sorted(set(wanted.values()))
    }
    made: dict[CardWords, bytes] = {}
    for words, key in keys.items():
        stored = cache.get("card", key)
        if stored is not None:
            made[words] = bytes(cast("bytes", stored))
    missing = [words for words in keys if words not in made]
    job = runner.start("share cards", partial(runner.map, "share cards", maker, missing), len(missing))
    named = "card name " + fixed
    names = {words: cache.by_value(named, words, partial(name, words)) for words in keys}

    def files() -> dict[PurePosixPath, bytes]:
        for words, png in zip(missing, job.result(), strict=True):
            cache.put("card", keys[words], png)
            made[words] = png
        return {
            cache.by_value("card path", names[words], partial(_path, names[words])): png
            for words, png in made.items()
        }

    site_name = maker.site_name
    cards = {
        url: cache.by_value(
            "card", (words, names[words], site_name), partial(_card, words, names[words], site_name)
        )
        for url, words in wanted.items()
    }
    return {**_section_cards(site, pages, cards), **cards}, files, job


def _section_cards(
    site: Site, pages: Iterable[tuple[Kind, Page]], cards: dict[str, ShareCard]
) -> dict[str, ShareCard]:
    """A page of a kind without cards of its own shares its folder's index page's card
    (each municipality the card of /gemeenten/): 684 cards would cost a cold build seconds."""
    shared = {}
    for kind, page in pages:
        if not kind.share_card and kind.folder and not page.image:
            index = f"{site.settings.prefix(page.lang)}/{kind.folder}/"
            if index in cards and index != page.url:
                shared[page.url] = cards[index]
    return shared


def _path(name: str) -> PurePosixPath:
    return PurePosixPath(CARD_FOLDER, name)


def _card(words: CardWords, name: str, site_name: str) -> ShareCard:
    alt = " — ".join(part for part in (site_name, words.title, words.subtitle) if part)
    return ShareCard(f"/{CARD_FOLDER}/{name}", alt)


def _fonts(project: Path) -> CardFonts:
    """The project's fonts in data/fonts/ where it has both, else those shipped with the engine."""
    folder = project / FONT_FOLDER
    has_both = all((folder / name).is_file() for name in FONT_FILES)
    return card_fonts(project if has_both else _ENGINE_ROOT)


def _colours(project: Path) -> CardColours:
    css = project / "static" / "css" / "site.css"  # (undecodable bytes: no colour found there)
    return colours_from_css(css.read_bytes().decode("utf-8", "replace")) if css.is_file() else CardColours()
