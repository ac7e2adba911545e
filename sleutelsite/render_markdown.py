"""Markdown to HTML, memoised by content hash. Pure: the same text gives the same HTML."""

from __future__ import annotations

import re

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

    def key(self, text: str) -> str:
        return self.cache.key(RENDERER_VERSION, text)

    def convert(self, text: str) -> tuple[str, tuple[Finding, ...]]:
        """(HTML, unsafe markup found in it)."""
        key = self.key(text)
        found = self.cache.get("md", key)
        if found is None:
            if self._md is None:
                self._md = new_markdown()
            html = self._md.reset().convert(text)
            found = (html, unsafe_findings(html, text))
            self.cache.put("md", key, found)
        return found  # type: ignore[return-value]

    def html(self, text: str) -> str:
        return self.convert(text)[0]


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
