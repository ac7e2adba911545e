"""Markdown to HTML, memoised by content hash. Pure: the same text gives the same HTML."""

from __future__ import annotations

import mmap
import re
from collections.abc import Callable

from .background import Pending, can_fork, in_background
from .cache import BuildCache, markdown_release
from .render_safety import Finding, unsafe_findings

EXTENSIONS = ("attr_list", "fenced_code", "tables", "sane_lists", "toc", "md_in_html")
EXTENSION_CONFIG = {"toc": {"permalink": False}}
RENDERER_VERSION = f"markdown-{markdown_release()}-{'+'.join(EXTENSIONS)}-1"

_SITE_PATH = re.compile(r'(\s(?:href|src)=")/(?!/)')


class MarkdownRenderer:
    """Converts Markdown and checks its raw HTML; remembers both by content hash.

    One renderer belongs to one build or one serve process: never module state.
    """

    def __init__(self, cache: BuildCache | None = None) -> None:
        self._md = None  # made on the first cache miss: a warm build never imports Markdown
        self.cache = cache or BuildCache()
        self._coming: Pending | None = None  # conversions under way in another process
        self._stop: mmap.mmap | None = None  # set to 1 to stop the early conversions (see convert_early)

    def key(self, text: str) -> str:
        return self.cache.key(RENDERER_VERSION, text)

    def convert_early(
        self, files: Callable[[], list[str]], read: Callable[[str], str | None], least: int
    ) -> None:
        """Before the site is loaded: convert the Markdown of the content files in a forked
        process, which lists and reads them itself, while this one loads them; only when
        there are at least `least` files (a site that renders over processes anyway).
        The next `convert` or `convert_soon` stops it and takes what it has converted;
        the rest is converted as usual. A text it read that the loader reads otherwise is
        simply never asked for."""
        if not can_fork():
            return
        known = set(self.cache.keys("md"))  # read here: only this process uses its database
        stop = mmap.mmap(-1, 1)  # an anonymous shared page: the forked process sees the 1

        def convert_until_stopped() -> list[tuple[str, tuple[str, tuple[Finding, ...]]]]:
            names = files()
            done: list[tuple[str, tuple[str, tuple[Finding, ...]]]] = []
            md = None
            if len(names) < least:
                return done
            for name in names:
                text = None if stop[0] else read(name)
                if stop[0]:
                    break
                key = self.key(text) if text is not None else None
                if key is not None and key not in known:
                    known.add(key)
                    md = md or Converter()
                    done.append((key, _converted(md, text)))  # type: ignore[arg-type]
            return done

        self._coming = in_background(convert_until_stopped, "converting Markdown")
        self._stop = stop

    def convert_soon(self, texts: list[str]) -> Pending | None:
        """Start converting the texts not in the cache in a forked process, when there are
        enough to pay for it: this process meanwhile reads and compiles the templates.
        `convert` collects them."""
        self._take_coming()
        missing = list(dict.fromkeys(t for t in texts if not self.cache.has("md", self.key(t))))
        if len(missing) < _SOON_FROM or not can_fork():
            return None

        def convert_all() -> list[tuple[str, tuple[str, tuple[Finding, ...]]]]:
            md = Converter()
            return [(self.key(text), _converted(md, text)) for text in missing]

        self._coming = in_background(convert_all, "converting Markdown")
        return self._coming

    def _take_coming(self) -> None:
        """Stop the early conversions, if any, and keep what the other process converted."""
        if self._coming is None:
            return
        coming, self._coming = self._coming, None
        if self._stop is not None:
            self._stop[0] = 1
            self._stop = None
        if not coming.done:  # (cancelled when its build failed before it was needed)
            for key, found in coming.result():  # type: ignore[attr-defined]
                self.cache.put("md", key, found)

    def cancel(self) -> None:
        """No conversion is wanted any more (the build failed or is done): no process left behind."""
        if self._coming is not None:
            self._coming.cancel()
            self._coming = self._stop = None

    def convert(self, text: str) -> tuple[str, tuple[Finding, ...]]:
        """(HTML, unsafe markup found in it)."""
        self._take_coming()
        key = self.key(text)
        found = self.cache.get("md", key)
        if found is None:
            if self._md is None:
                self._md = Converter()
            found = _converted(self._md, text)
            self.cache.put("md", key, found)
        return found  # type: ignore[return-value]

    def html(self, text: str) -> str:
        return self.convert(text)[0]


_SOON_FROM = 8  # texts: below this a process costs more than it saves


def _converted(md: Converter, text: str) -> tuple[str, tuple[Finding, ...]]:
    html = md.convert(text)
    return html, unsafe_findings(html, text)


# Inline patterns of Python-Markdown whose expression cannot match a text that lacks all
# of these characters: (class name, characters of which the text must hold every one).
# A pattern not listed here, or of another class than listed (another Markdown release),
# is always tried. The delimiter pattern (emphasis) needs any one of its own delimiters.
_INLINE_NEEDS = {
    "backtick": ("BacktickInlineProcessor", "`"),
    "escape": ("EscapeInlineProcessor", "\\"),
    "reference": ("ReferenceInlineProcessor", "["),
    "link": ("LinkInlineProcessor", "["),
    "image_link": ("ImageInlineProcessor", "!["),
    "image_reference": ("ImageReferenceInlineProcessor", "!["),
    "short_reference": ("ShortReferenceInlineProcessor", "["),
    "short_image_ref": ("ShortImageReferenceInlineProcessor", "!["),
    "autolink": ("AutolinkInlineProcessor", "<"),
    "automail": ("AutomailInlineProcessor", "<"),
    "html": ("HtmlInlineProcessor", "<"),
    "entity": ("HtmlInlineProcessor", "&"),
}


class Converter:
    """Python-Markdown with EXTENSIONS (see new_markdown) that tries on each text only the
    inline patterns that can match it.

    Most of Python-Markdown's time goes to trying each of its 14 inline patterns on every
    piece of text of a page. A pattern whose expression needs a character that the whole
    text lacks (a link needs "[", inline HTML "<", an entity "&") cannot match any piece
    of it, so leaving it out gives the same HTML, about 30% sooner on a page of prose
    (tests compare both on generated and real texts). The same holds for the table of
    contents marker, looked for only in a text that contains it.
    """

    def __init__(self) -> None:
        self.md = new_markdown()
        self._inline = self.md.treeprocessors["inline"]
        self._toc = self.md.treeprocessors["toc"]
        self._marker = self._toc.marker
        patterns = self.md.inlinePatterns
        self._needs: list[tuple[object, frozenset[str], bool]] = []  # pattern, characters, all of them?
        for name in [item.name for item in sorted(patterns._priority, key=lambda i: -i.priority)]:
            pattern = patterns[name]
            kind = type(pattern).__name__
            if name in _INLINE_NEEDS and _INLINE_NEEDS[name][0] == kind:
                self._needs.append((pattern, frozenset(_INLINE_NEEDS[name][1]), True))
            elif kind == "DelimiterProcessor" and getattr(pattern, "tokens", None):
                self._needs.append((pattern, frozenset("".join(pattern.tokens)), False))
            else:
                self._needs.append((pattern, frozenset(), True))
        self._watched = frozenset().union(*(chars for _, chars, _ in self._needs))
        self._chosen: dict[frozenset[str], tuple[object, ...]] = {}

    def convert(self, text: str) -> str:
        present = frozenset(c for c in self._watched if c in text)
        chosen = self._chosen.get(present)
        if chosen is None:
            chosen = self._chosen[present] = tuple(
                pattern
                for pattern, chars, every in self._needs
                if (chars <= present if every else bool(chars & present))
            )
        self._inline.inlinePatterns = chosen  # as the smarty extension does; indexed, counted only
        self._toc.marker = self._marker if self._marker and self._marker in text else ""
        return self.md.reset().convert(text)


def new_markdown():  # type: ignore[no-untyped-def]
    """Python-Markdown with EXTENSIONS, made from the extension classes themselves: by name
    it looks them up among every installed package's entry points (24 ms here)."""
    import markdown
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.md_in_html import MarkdownInHtmlExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    made = {
        "attr_list": AttrListExtension,
        "fenced_code": FencedCodeExtension,
        "tables": TableExtension,
        "sane_lists": SaneListExtension,
        "toc": TocExtension,
        "md_in_html": MarkdownInHtmlExtension,
    }
    return markdown.Markdown(extensions=[made[name](**EXTENSION_CONFIG.get(name, {})) for name in EXTENSIONS])


def with_base_path(html: str, base_path: str) -> str:
    """Prefix site-absolute links (href="/tips/") with the subpath the site lives under."""
    if not base_path:
        return html
    return _SITE_PATH.sub(lambda m: f"{m.group(1)}{base_path}/", html)
