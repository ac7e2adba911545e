"""Markdown texts in, an editable Word file (.docx) out: pure, and the same bytes every time.

The council toolkit offers its model motion and its letter as one Word file per language
(toolkit.py). Markdown is first made HTML by Python-Markdown, whose output is then
walked with selectolax: headings, paragraphs, bullet and numbered lists, bold and italic
(a link keeps its text). Text between square brackets, such as "[naam gemeente]", is a
place to fill in and is highlighted in yellow.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import NamedTuple

# A fixed moment for the file's own dates (core properties and the zip entries): the
# file follows from its text only, so two builds give the same bytes.
FIXED_MOMENT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_ZIP_MOMENT = (2026, 1, 1, 0, 0, 0)
FILL_IN = re.compile(r"\[[^\[\]]+\]")  # "[naam gemeente]", "[datum]"
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}


class DocxPart(NamedTuple):
    """One text of the file: its title (a heading) and its Markdown."""

    title: str
    markdown: str


def docx_bytes(parts: Sequence[DocxPart], title: str, lang: str, author: str) -> bytes:
    """A Word file with each part from a new page; `title`, `lang` ("nl") and `author`
    go into its properties."""
    import markdown
    from docx import Document
    from markdown.extensions.sane_lists import SaneListExtension
    from selectolax.lexbor import LexborHTMLParser

    # (the extension by its class: by name Python-Markdown looks it up among every installed
    # package's entry points, some 25 ms a text)
    converter = markdown.Markdown(extensions=[SaneListExtension()])

    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = lang
    properties.created = FIXED_MOMENT
    properties.modified = FIXED_MOMENT
    properties.last_printed = FIXED_MOMENT
    properties.revision = 1
    writer = _Writer(document)
    for number, part in enumerate(parts):
        if number:
            document.add_page_break()
        writer.paragraph(part.title, "Heading 1")
        html = converter.reset().convert(part.markdown)
        body = LexborHTMLParser(f"<body>{html}</body>").body
        for block in body.iter() if body is not None else ():
            writer.block(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


class _Writer:
    """Adds the HTML's blocks to the document. Each style is looked up by name once per
    file (python-docx searches all styles at every lookup), and whether the text goes at
    a line's start is kept here rather than read back from the paragraph's runs."""

    def __init__(self, document) -> None:
        self.document = document
        self._styles: dict[str, object] = {}
        self._line_start = True

    def paragraph(self, text: str = "", style: str | None = None):
        if style is not None and style not in self._styles:
            self._styles[style] = self.document.styles[style]
        self._line_start = not text
        return self.document.add_paragraph(text, self._styles[style] if style else None)

    def block(self, node) -> None:
        tag = node.tag
        if tag in _HEADINGS:
            # Heading 1 is each part's title, as the page's <h1>; the text's own start at 2.
            self.runs(self.paragraph(style=f"Heading {_HEADINGS[tag]}"), node)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for item in node.iter():
                if item.tag == "li":
                    self.runs(self.paragraph(style=style), item)
        elif tag == "blockquote":
            for inner in node.iter():
                self.block(inner)
        elif tag in ("p", "div"):
            self.runs(self.paragraph(), node)

    def runs(self, paragraph, node, bold: bool = False, italic: bool = False) -> None:
        """The node's text as runs, bold and italic where the Markdown says so."""
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.text(paragraph, child.text_content or "", bold, italic)
            elif tag == "br":
                paragraph.add_run().add_break()
                self._line_start = True
            elif tag in ("p", "ul", "ol"):  # a list item's own paragraph or nested list: inline
                self.runs(paragraph, child, bold, italic)
            else:
                self.runs(paragraph, child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"))

    def text(self, paragraph, text: str, bold: bool, italic: bool) -> None:
        from docx.enum.text import WD_COLOR_INDEX

        text = re.sub(r"\s+", " ", text)
        if self._line_start:
            text = text.lstrip()
        place = 0
        for found in FILL_IN.finditer(text):
            self.run(paragraph, text[place : found.start()], bold, italic)
            self.run(paragraph, found.group(), bold, italic).font.highlight_color = WD_COLOR_INDEX.YELLOW
            place = found.end()
        self.run(paragraph, text[place:], bold, italic)

    def run(self, paragraph, text: str, bold: bool, italic: bool):
        if not text:
            return None
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        self._line_start = False
        return run


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed dates and attributes in every entry: a zip stores the
    moment each file was written, which would make every build's bytes differ."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_MOMENT)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()
