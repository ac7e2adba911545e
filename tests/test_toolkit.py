"""The council toolkit (/aan-de-slag/): its pages link an editable Word file per language
that python-docx reads back, with the motion's words and the places to fill in."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

import sleutelsite.render.toolkit as render_toolkit
from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.render.docx import FIXED_MOMENT, DocxPart, docx_bytes
from sleutelsite.render.toolkit import texts_for_municipalities

sys.path.insert(0, str(ROOT / "scripts"))
from page_weight import page_weights

_DOWNLOAD = re.compile(r'<a class="button" href="([^"]+\.docx)" download>([^<]+)</a>')


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("toolkit") / "_site"
    build(ROOT, out, base_url="http://127.0.0.1/", today=TODAY, use_cache=False)
    return out


def _linked_word_file(site: Path, page: str) -> tuple[Path, str]:
    html = (site / page).read_text()
    found = _DOWNLOAD.search(html)
    assert found, page
    return ((site / page).parent / found.group(1)).resolve(), found.group(2)


def _text(document: docx.document.Document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize(
    ("page", "file_name", "asks", "placeholder", "link"),
    [
        ("aan-de-slag/index.html", "modelmotie-sleutelpersonen.docx", "verzoekt het college",
         "[naam gemeente]", "Download de modelmotie en de brief (Word, {size} KB)"),
        ("en/aan-de-slag/index.html", "model-motion-key-persons.docx", "asks the executive",
         "[name of municipality]", "Download the model motion and the letter (Word, {size} KB)"),
    ],
)  # fmt: skip
def test_the_toolkit_page_links_a_word_file_that_opens(real_build, page, file_name, asks, placeholder, link):
    path, text = _linked_word_file(real_build, page)
    assert path.name == file_name
    data = path.read_bytes()
    assert text == link.format(size=round(len(data) / 1024))
    document = docx.Document(io.BytesIO(data))
    words = _text(document)
    assert asks in words
    assert "Geachte raadsleden," in words or "Dear council members," in words  # the letter follows
    marked = [run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color]
    assert placeholder in marked
    assert document.core_properties.author == "Sleutelpersonen Werken"
    assert document.core_properties.created == FIXED_MOMENT


def test_every_toolkit_page_offers_the_file_and_says_letters_are_public(real_build):
    pages = sorted(real_build.glob("aan-de-slag/**/index.html")) + sorted(
        real_build.glob("en/aan-de-slag/**/index.html")
    )
    assert len(pages) == 8
    for page in pages:
        html = page.read_text()
        assert _DOWNLOAD.search(html), page
        assert "openbaar stuk" in html or "public document" in html, page


def test_toolkit_pages_are_light_with_their_stylesheet_and_script(real_build):
    weights = {w.page: w for w in page_weights(real_build) if "aan-de-slag/" in w.page}
    assert len(weights) == 8
    for weight in weights.values():
        assert weight.css > 0 and weight.js > 0, weight
        assert weight.text_total <= 30 * 1024, weight


def test_the_menu_links_the_toolkit(real_build):
    home = (real_build / "index.html").read_text()
    assert '<a href="./aan-de-slag/">Aan de slag</a>' in home
    english = (real_build / "en" / "index.html").read_text()
    assert '<a href="../en/aan-de-slag/">Take action</a>' in english


def test_two_builds_give_the_same_word_bytes():
    parts = [DocxPart("Motie", "De raad van [naam gemeente],\n\n1. een\n2. twee\n")]
    first = docx_bytes(parts, "Motie", "nl", "Testcampagne")
    assert first == docx_bytes(parts, "Motie", "nl", "Testcampagne")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-01-01T00:00:00Z" in core
    assert "<dc:creator>Testcampagne</dc:creator>" in core


def test_markdown_becomes_headings_lists_bold_and_italic():
    text = (
        "## Kop\n\nGewoon **vet** en *schuin* en [een link](/tips/).\n\n"
        "- punt een\n- punt twee\n\n1. eerste\n2. tweede\n\nRegel een<br>\nregel twee\n"
    )
    document = docx.Document(io.BytesIO(docx_bytes([DocxPart("Titel", text)], "Titel", "nl", "X")))
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    assert rows == [
        ("Heading 1", "Titel"),
        ("Heading 2", "Kop"),
        ("Normal", "Gewoon vet en schuin en een link."),
        ("List Bullet", "punt een"),
        ("List Bullet", "punt twee"),
        ("List Number", "eerste"),
        ("List Number", "tweede"),
        ("Normal", "Regel een\nregel twee"),
    ]
    runs = {run.text: run for run in document.paragraphs[2].runs}
    assert runs["vet"].bold and not runs["vet"].italic
    assert runs["schuin"].italic and not runs["schuin"].bold
    assert not runs["Gewoon "].bold


def test_each_part_starts_on_a_new_page_and_fill_ins_are_yellow():
    parts = [DocxPart("Motie", "Aan [naam gemeente]."), DocxPart("Brief", "Op [datum].")]
    document = docx.Document(io.BytesIO(docx_bytes(parts, "Motie", "nl", "X")))
    xml = document.element.xml
    assert xml.count('w:type="page"') == 1
    yellow = [
        r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert yellow == ["[naam gemeente]", "[datum]"]


def test_a_municipality_gets_its_name_in_every_marked_place():
    from sleutelsite.load import load_site
    from sleutelsite.load.content import Options
    from sleutelsite.render.markdown import MarkdownRenderer

    motion = (ROOT / "content" / "aan-de-slag" / "motie.md").read_text()
    site = load_site(ROOT, Options(today=TODAY))
    texts = texts_for_municipalities(site, "nl", MarkdownRenderer())
    filled = "Testdorp".join(texts[0].parts)
    assert "[naam gemeente]" not in filled
    assert filled.count("Testdorp") == motion.count("[naam gemeente]") == 2
    assert "De raad van de gemeente Testdorp, in vergadering bijeen op [datum]," in filled


def test_a_warm_build_takes_the_word_file_from_the_cache(tmp_path, monkeypatch):
    project = copy_project(
        tmp_path / "project",
        {
            "content/aan-de-slag/motie.md": "---\ntitle: Motie\nlayout: toolkit.html\n---\n"
            "De raad van [naam gemeente],\n\n**verzoekt het college**\n\n1. iets te doen;\n",
        },
    )
    build(project, tmp_path / "cold", today=TODAY)
    cold = (tmp_path / "cold" / "aan-de-slag" / "modelmotie-sleutelpersonen.docx").read_bytes()

    def fail(*args: object) -> bytes:
        raise AssertionError("made again")

    monkeypatch.setattr(render_toolkit, "docx_bytes", fail)
    build(project, tmp_path / "warm", today=TODAY)
    assert (tmp_path / "warm" / "aan-de-slag" / "modelmotie-sleutelpersonen.docx").read_bytes() == cold
    html = (tmp_path / "warm" / "aan-de-slag" / "motie" / "index.html").read_text()
    assert f"(Word, {round(len(cold) / 1024)} KB)" in html
