"""Markdown to HTML, memoised by content hash. Pure: the same text gives the same HTML."""

from __future__ import annotations

import hashlib
import re

import markdown

EXTENSIONS = ("attr_list", "fenced_code", "tables", "sane_lists", "toc", "md_in_html")
EXTENSION_CONFIG = {"toc": {"permalink": False}}
RENDERER_VERSION = f"markdown-{markdown.__version__}-{'+'.join(EXTENSIONS)}-1"

_SITE_PATH = re.compile(r'(\s(?:href|src)=")/(?!/)')


class MarkdownRenderer:
    """Converts Markdown; remembers results by (renderer version, text) hash.

    One renderer belongs to one build or one serve process: never module state.
    """

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIG)
        self._memo: dict[str, str] = {}

    def html(self, text: str) -> str:
        key = hashlib.blake2b((RENDERER_VERSION + "\0" + text).encode(), digest_size=20).hexdigest()
        found = self._memo.get(key)
        if found is None:
            found = self._md.reset().convert(text)
            self._memo[key] = found
        return found


def with_base_path(html: str, base_path: str) -> str:
    """Prefix site-absolute links (href="/tips/") with the subpath the site lives under."""
    if not base_path:
        return html
    return _SITE_PATH.sub(lambda m: f"{m.group(1)}{base_path}/", html)
