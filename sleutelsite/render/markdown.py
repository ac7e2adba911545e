"""Markdown to HTML, memoised by content hash. Pure: the same text gives the same HTML."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from sleutelsite.cache import BuildCache
from sleutelsite.cache.fingerprint import markdown_release
from sleutelsite.errors import Problem, problem
from sleutelsite.render.safety import Finding, unsafe_findings

if TYPE_CHECKING:  # Markdown itself is imported when the first converter is made
    from markdown.util import Registry

EXTENSIONS = ("attr_list", "fenced_code", "tables", "sane_lists", "toc", "md_in_html")
EXTENSION_CONFIG = {"toc": {"permalink": False}}
RENDERER_VERSION = f"markdown-{markdown_release()}-{'+'.join(EXTENSIONS)}-1"


class MarkdownRenderer:
    """Converts Markdown and checks its raw HTML; remembers both by content hash.

    One renderer belongs to one build or one serve process: never module state.
    """

    def __init__(self, cache: BuildCache | None = None) -> None:
        self._md: Converter | PlainMarkdown | None = (
            None  # at the first miss: a warm build never imports Markdown
        )
        self.cache = cache or BuildCache()
        self._last: tuple[str, str] = ("", "")  # the last text keyed and its key

    def key(self, text: str) -> str:
        """The memo key of a text. A page asks for its body's key right after converting
        it (to keep it with the page): that text is not hashed a second time."""
        if text is not self._last[0]:
            self._last = (text, self.cache.key(RENDERER_VERSION, text))
        return self._last[1]

    def ready(self) -> Converter | PlainMarkdown:
        """Make the converter now (and check it) if it is not made yet: before pages are
        shared out over processes, so that each has it and a warning comes once."""
        if self._md is None:
            self._md = checked_converter()
        return self._md

    def convert(self, text: str) -> tuple[str, tuple[Finding, ...]]:
        """(HTML, unsafe markup found in it)."""
        key = self.key(text)
        found = self.cache.get("md", key)
        if found is None:
            html = self.ready().convert(text)
            found = (html, unsafe_findings(html, text))
            self.cache.put("md", key, found)
        return cast("tuple[str, tuple[Finding, ...]]", found)

    def html(self, text: str) -> str:
        return self.convert(text)[0]


class MarkdownFallbackWarning(UserWarning):
    """The Converter is not used: plain Python-Markdown is (the same HTML, slower)."""

    def __init__(self, found: Problem) -> None:
        super().__init__(f"{found.message()} {found.hint()}")
        self.problem = found


class PlainMarkdown:
    """Python-Markdown with EXTENSIONS, through its public API only."""

    def __init__(self) -> None:
        self.md = new_markdown()

    def convert(self, text: str) -> str:
        return self.md.reset().convert(text)


def checked_converter() -> Converter | PlainMarkdown:
    """The Converter, if it gives exactly plain Python-Markdown's HTML for every text of a
    fixed sample that needs each of the steps it may leave out; else (another Markdown
    release changed what it relies on) plain Python-Markdown, with a warning. Once per
    renderer, at its first conversion (a few milliseconds)."""
    plain = PlainMarkdown()
    try:
        converter = Converter()
        differs = [text for text in SAMPLES if converter.convert(text) != plain.convert(text)]
    except Exception as err:  # what it relies on is gone or changed: never trust it then
        reason = f"{type(err).__name__}: {err}"
    else:
        if not differs:
            return converter
        reason = f"other HTML for {differs[0][:60]!r}"
    found = problem("", 0, "markdown_fallback", release=markdown_release(), reason=reason)
    warnings.warn(MarkdownFallbackWarning(found), stacklevel=3)
    return plain


# Texts that together need every step the Converter may leave out, each also lacking
# some: the self-check compares the Converter's HTML with plain Python-Markdown's.
SAMPLES = (
    "Een gewone alinea zonder opmaak, van een paar woorden.\n\nEn nog een alinea.\n",
    '# Kop {#eigen}\n\nTekst met *nadruk*, **sterk**, _ook_, __sterk__, `code`, een [link](/tips/ "t"),'
    " ![beeld](/static/a.png){: .rechts}, <https://example.org>, <info@example.org>, <b>html</b>,"
    " &amp; &copy; \\*geen nadruk\\* en [een verwijzing][ref].\n\n[ref]: https://example.org/r\n\n"
    "Kop twee\n--------\n\nKop drie\n========\n\n* een\n* twee\n    * dieper\n\n1. eerste\n2. tweede\n\n"
    "+ plus\n\n- min\n\n> een citaat\n> met *nadruk*\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
    "```python\ncode = 'blok'\n```\n\n~~~\ntildes\n~~~\n\n---\n\n***\n\n___\n\n"
    '<div markdown="1">\n*in html*\n</div>\n\n[TOC]\n\n    ingesprongen code\n',
    "Nummer #3, 5 > 3, a|b, snake_case_woord, 2*3*4, [haken] zonder link, ![ook] niet, {accolades}"
    " en een regel  \nmet een harde breuk.\n\n## Kop met `code` en *nadruk* ##\n\n1) sane\n2) lijst\n",
    'Alleen een [link](/manifest/) en een ![beeld](/static/b.png "titel").\n\n* a\n\n    lui\n* b\n',
)


# Python-Markdown's inline patterns, block processors and preprocessors that cannot match
# a text which lacks these pieces: (class name, pieces, whether it needs all or any one).
# One not listed, or of another class than listed (another Markdown release), is always
# tried. The delimiter pattern (emphasis) needs any one of its own delimiters. The four
# reference patterns change nothing unless the text defines a reference ("[id]: url").
_NEEDS = {
    ("inline", "backtick"): ("BacktickInlineProcessor", ("`",), all),
    ("inline", "escape"): ("EscapeInlineProcessor", ("\\",), all),
    ("inline", "reference"): ("ReferenceInlineProcessor", ("[", "]:"), all),
    ("inline", "link"): ("LinkInlineProcessor", ("[",), all),
    ("inline", "image_link"): ("ImageInlineProcessor", ("![",), all),
    ("inline", "image_reference"): ("ImageReferenceInlineProcessor", ("![", "]:"), all),
    ("inline", "short_reference"): ("ShortReferenceInlineProcessor", ("[", "]:"), all),
    ("inline", "short_image_ref"): ("ShortImageReferenceInlineProcessor", ("![", "]:"), all),
    ("inline", "autolink"): ("AutolinkInlineProcessor", ("<",), all),
    ("inline", "automail"): ("AutomailInlineProcessor", ("<",), all),
    ("inline", "html"): ("HtmlInlineProcessor", ("<",), all),
    ("inline", "entity"): ("HtmlInlineProcessor", ("&",), all),
    ("block", "table"): ("TableProcessor", ("|",), all),
    ("block", "hashheader"): ("HashHeaderProcessor", ("#",), all),
    ("block", "setextheader"): ("SetextHeaderProcessor", ("=", "-"), any),
    ("block", "hr"): ("HRProcessor", ("-", "_", "*"), any),
    ("block", "ulist"): ("SaneUListProcessor", ("*", "+", "-"), any),
    ("block", "quote"): ("BlockQuoteProcessor", (">",), all),
    ("block", "reference"): ("ReferenceProcessor", ("[", "]:"), all),
    ("pre", "fenced_code_block"): ("FencedBlockPreprocessor", ("`", "~"), any),
    ("tree", "attr_list"): ("AttrListTreeprocessor", ("{",), all),
    ("tree", "unescape"): ("UnescapeTreeprocessor", ("\\",), all),  # undoes what "escape" did
}


# The attributes of Python-Markdown's objects that the Converter sets on each text: the
# inline tree processor's patterns, the block parser's processors, the Markdown
# instance's preprocessors and the table of contents' marker.
RELIES_ON = (
    ("inline", "inlinePatterns"),
    ("parser", "blockprocessors"),
    ("markdown", "preprocessors"),
    ("toc", "marker"),
)


class Converter:
    """Python-Markdown with EXTENSIONS (see new_markdown) that runs on each text only the
    steps (inline patterns, block, pre- and tree processors) that can act on it.

    Most of Python-Markdown's time goes to trying each of its 14 inline patterns on every
    piece of text of a page, and each block processor on every block. One whose
    expression needs a character that the whole text lacks (a link needs "[", inline
    HTML "<", a quote ">") cannot match any part of it, so leaving it out gives the same
    HTML; a block processor that is kept is still tried only on blocks that hold what it
    needs. A third of plain Python-Markdown's time on a page of prose, the same HTML
    (tests compare both on real, generated and fuzzed texts; benchmarks/markdown_speed.py
    times them). The table of contents marker, likewise, is looked for only in a text
    that contains it.

    It replaces attributes of Python-Markdown's objects (RELIES_ON) on each text, which a
    new release may rename or use otherwise: `checked_converter` only uses it after it
    gave plain Python-Markdown's HTML on a sample, and a missing attribute stops it here.
    """

    def __init__(self) -> None:
        self.md = new_markdown()
        self._inline = self.md.treeprocessors["inline"]
        self._blocks = self.md.parser
        self._toc = self.md.treeprocessors["toc"]
        owners = {"inline": self._inline, "parser": self._blocks, "markdown": self.md, "toc": self._toc}
        for owner, attribute in RELIES_ON:
            if not hasattr(owners[owner], attribute):
                raise AttributeError(f"Python-Markdown's {owner} has no {attribute!r} any more")
        self._marker = self._toc.marker
        self._steps = {
            "inline": _needs("inline", self.md.inlinePatterns),
            "block": [
                (_BlockGuard(step, chars, test) if chars else step, chars, test)
                for step, chars, test in _needs("block", self.md.parser.blockprocessors)
            ],
            "pre": _needs("pre", self.md.preprocessors),
        }
        # Tree processors are also looked up by name (the table of contents asks for
        # "prettify"), so their list stays; one that is not needed does nothing instead.
        self._trees = [
            (step, pieces, test, step.run)
            for step, pieces, test in _needs("tree", self.md.treeprocessors)
            if pieces
        ]
        self._watched = frozenset().union(
            *(c for steps in self._steps.values() for _, c, _ in steps), *(c for _, c, _, _ in self._trees)
        )
        self._chosen: dict[frozenset[str], tuple[tuple[object, ...], ...]] = {}

    def convert(self, text: str) -> str:
        present = frozenset(c for c in self._watched if c in text)
        chosen = self._chosen.get(present)
        if chosen is None:
            if len(self._chosen) >= _CHOSEN_KEPT:  # texts with every mix of characters: stay small
                self._chosen.clear()
            inline, block, pre = (
                tuple(
                    step
                    for step, chars, test in self._steps[kind]
                    if not chars or test(c in present for c in chars)
                )
                for kind in ("inline", "block", "pre")
            )
            chosen = self._chosen[present] = (inline, block, pre)
        # As the smarty extension does for inline patterns: each list is only iterated
        # (and the inline patterns indexed and counted).
        self._inline.inlinePatterns, self._blocks.blockprocessors, self.md.preprocessors = chosen
        for step, pieces, test, run in self._trees:
            step.run = run if test(c in present for c in pieces) else _unchanged
        self._toc.marker = self._marker if self._marker and self._marker in text else ""
        return self.md.reset().convert(text)


def _unchanged(root) -> None:
    """A tree processor's run when the text holds nothing it acts on."""


_CHOSEN_KEPT = 1024  # step lists kept, one per mix of characters met


class _BlockGuard:
    """A block processor that is tried only on blocks holding the pieces of text it needs."""

    def __init__(self, step, chars: frozenset[str], test: Callable) -> None:
        self.step, self.chars, self.every = step, tuple(chars), test is all
        self.run = step.run

    def test(self, parent, block: str) -> bool:
        if self.every:
            holds = all(c in block for c in self.chars)
        else:
            holds = any(c in block for c in self.chars)
        return holds and self.step.test(parent, block)


def _needs(kind: str, registry: Registry) -> list[tuple[Any, frozenset[str], Callable]]:
    """(step, pieces of text it needs, all or any) for each step of a registry, in its
    order (a Registry iterates in priority order; its names are looked up by item). A step
    is a pre-, block-, inline or tree processor: they share no base class with `run`."""
    names = {id(registry[name]): name for known, name in _NEEDS if known == kind and name in registry}
    steps = []
    for step in registry:
        cls, pieces, test = _NEEDS.get((kind, names.get(id(step), "")), ("", (), all))
        if type(step).__name__ != cls:
            pieces = ()  # not the step this table knows: always tried
        if kind == "inline" and type(step).__name__ == "DelimiterProcessor" and getattr(step, "tokens", None):
            pieces, test = tuple(step.tokens), any
        steps.append((step, frozenset(pieces), test))
    return steps


def new_markdown():
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
