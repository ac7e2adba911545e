"""Markdown to HTML, memoised by content hash. Pure: the same text gives the same HTML."""

from __future__ import annotations

import mmap
from collections.abc import Callable

from .background import Pending, can_fork, in_background
from .cache import BuildCache, markdown_release
from .render_safety import Finding, unsafe_findings

EXTENSIONS = ("attr_list", "fenced_code", "tables", "sane_lists", "toc", "md_in_html")
EXTENSION_CONFIG = {"toc": {"permalink": False}}
RENDERER_VERSION = f"markdown-{markdown_release()}-{'+'.join(EXTENSIONS)}-1"


class MarkdownRenderer:
    """Converts Markdown and checks its raw HTML; remembers both by content hash.

    One renderer belongs to one build or one serve process: never module state.
    """

    def __init__(self, cache: BuildCache | None = None) -> None:
        self._md = None  # made on the first cache miss: a warm build never imports Markdown
        self.cache = cache or BuildCache()
        self._coming: Pending | None = None  # conversions under way in another process
        self._stop: mmap.mmap | None = None  # set to 1 to stop the early conversions (see convert_early)
        self._last: tuple[str, str] = ("", "")  # the last text keyed and its key

    def key(self, text: str) -> str:
        """The memo key of a text. A page asks for its body's key right after converting
        it (to keep it with the page): that text is not hashed a second time."""
        if text is not self._last[0]:
            self._last = (text, self.cache.key(RENDERER_VERSION, text))
        return self._last[1]

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

        def convert_until_stopped() -> list[tuple[str, bytes]]:
            names = files()
            done: list[tuple[str, bytes]] = []
            md = None
            if len(names) < least:
                return done
            for name in names:
                if stop[0]:
                    break
                text = read(name)
                key = self.key(text) if text is not None else None
                if text is None or key in known:
                    continue
                known.add(key)  # type: ignore[arg-type]
                md = md or Converter()
                done.append((key, self.cache.encode(_converted(md, text))))  # type: ignore[arg-type]
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

        def convert_all() -> list[tuple[str, bytes]]:
            md = Converter()
            return [(self.key(text), self.cache.encode(_converted(md, text))) for text in missing]

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
            try:
                done = coming.result()
            except RuntimeError:  # then this process converts them, and meets the same trouble
                done = []  # the ordinary way, with a file and line for the editor
            # As stored entries: what no page asks for is not kept (a draft's Markdown).
            self.cache.add_pending({("md", key): blob for key, blob in done})  # type: ignore[union-attr]

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
    """

    def __init__(self) -> None:
        self.md = new_markdown()
        self._inline = self.md.treeprocessors["inline"]
        self._blocks = self.md.parser
        self._toc = self.md.treeprocessors["toc"]
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


def _unchanged(root) -> None:  # type: ignore[no-untyped-def]
    """A tree processor's run when the text holds nothing it acts on."""


_CHOSEN_KEPT = 1024  # step lists kept, one per mix of characters met


class _BlockGuard:
    """A block processor that is tried only on blocks holding the pieces of text it needs."""

    def __init__(self, step, chars: frozenset[str], test: Callable) -> None:  # type: ignore[no-untyped-def, type-arg]
        self.step, self.chars, self.every = step, tuple(chars), test is all
        self.run = step.run

    def test(self, parent, block: str) -> bool:  # type: ignore[no-untyped-def]
        if self.every:
            holds = all(c in block for c in self.chars)
        else:
            holds = any(c in block for c in self.chars)
        return holds and self.step.test(parent, block)


def _needs(kind: str, registry) -> list[tuple[object, frozenset[str], Callable]]:  # type: ignore[no-untyped-def, type-arg]
    """(step, pieces of text it needs, all or any) for each step of a registry, in its order."""
    steps = []
    for name in [item.name for item in sorted(registry._priority, key=lambda i: -i.priority)]:
        step = registry[name]
        cls, pieces, test = _NEEDS.get((kind, name), ("", (), all))
        if type(step).__name__ != cls:
            pieces = ()  # not the step this table knows: always tried
        if kind == "inline" and type(step).__name__ == "DelimiterProcessor" and getattr(step, "tokens", None):
            pieces, test = tuple(step.tokens), any
        steps.append((step, frozenset(pieces), test))
    return steps


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
