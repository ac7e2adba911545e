"""Rendering: one page in, HTML out; untrusted text stays text; exports are safe."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import pytest
import yaml

from conftest import ROOT, TODAY
from sleutelsite.links import link_prefix, site_links
from sleutelsite.load import load_site
from sleutelsite.load_content import Options
from sleutelsite.model import Signatory
from sleutelsite.render import output_path, render_site
from sleutelsite.render_context import format_date
from sleutelsite.render_exports import COLUMNS, signatories_csv, signatories_json
from sleutelsite.render_markdown import MarkdownRenderer


def rendered(project, base_url=None):
    site = load_site(project, Options(today=TODAY), base_url)
    return render_site(site, project)


def test_a_page_becomes_pretty_url_html(make_project):
    project = make_project({"content/extra.md": "---\ntitle: Extra pagina\n---\n## Kop\n\nTekst.\n"})
    html = rendered(project)[output_path("/extra/")].decode()
    assert "<title>Extra pagina · Testcampagne</title>" in html
    assert "<h1>Extra pagina</h1>" in html
    assert '<h2 id="kop">Kop</h2>' in html
    assert '<link rel="canonical" href="https://example.org/extra/">' in html


def test_output_paths():
    assert str(output_path("/")) == "index.html"
    assert str(output_path("/tips/")) == "tips/index.html"
    assert str(output_path("/404.html")) == "404.html"


def test_site_links_become_relative_to_the_page_and_other_addresses_stay():
    html = (
        '<a href="/tips/">t</a> <a href="//cdn.example">x</a> <a href="https://a.nl/">a</a> '
        '<img src=\'/static/x.png\'> <a href="#top">b</a> <a href="/">home</a>'
    )
    assert site_links(html, "../../") == (
        '<a href="../../tips/">t</a> <a href="//cdn.example">x</a> <a href="https://a.nl/">a</a> '
        '<img src=\'../../static/x.png\'> <a href="#top">b</a> <a href="../../">home</a>'
    )
    assert site_links(html, "/") == html


def test_srcset_gets_every_address_relative():
    html = '<img srcset="/static/a.png 1x, /static/b.png 2x,//cdn.example/c.png 3x" src="/static/a.png">'
    assert site_links(html, "../") == (
        '<img srcset="../static/a.png 1x, ../static/b.png 2x,//cdn.example/c.png 3x" src="../static/a.png">'
    )


def test_a_link_written_as_text_in_a_code_sample_stays_as_written():
    html = '<p><code>&lt;a href="/tips/"&gt;</code> <a href="/tips/">tips</a></p>'
    assert site_links(html, "./") == '<p><code>&lt;a href="/tips/"&gt;</code> <a href="./tips/">tips</a></p>'


def test_link_prefix_is_the_way_to_the_root_and_a_404_page_keeps_the_base_path():
    assert link_prefix("/", "/sub") == "./"
    assert link_prefix("/tips/", "/sub") == "../"
    assert link_prefix("/en/verhalen/naam/", "") == "../../../"
    assert link_prefix("/404.html", "/sub") == "/sub/"
    assert link_prefix("/en/404.html", "/sub") == "/sub/"
    assert link_prefix("/404.html", "") == "/"


def test_pages_link_relative_to_themselves_whatever_the_base_url(make_project):
    project = make_project(
        {"content/extra.md": "---\ntitle: Extra\n---\n[Tips](/tips/#tip-1) ![x](/static/img/favicon.svg)\n"}
    )
    html = rendered(project, "https://example.org/sub/")[output_path("/extra/")].decode()
    assert '<a href="../tips/#tip-1">Tips</a>' in html
    assert '<img alt="x" src="../static/img/favicon.svg" />' in html
    assert '<link rel="stylesheet" href="../static/css/site.css">' in html
    assert '<a class="brand" href="../">' in html
    assert '<link rel="canonical" href="https://example.org/sub/extra/">' in html
    assert '<meta property="og:image" content="https://example.org/sub/static/img/campagne.png">' in html


def test_a_404_page_links_from_the_base_path_as_it_is_shown_at_any_address(make_project):
    html = rendered(make_project(), "https://example.org/sub/")[output_path("/404.html")].decode()
    assert '<link rel="stylesheet" href="/sub/static/css/site.css">' in html
    assert '<a class="brand" href="/sub/">' in html
    assert 'href="../' not in html and 'href="./' not in html


def test_markdown_is_memoised_by_content():
    renderer = MarkdownRenderer()
    first = renderer.html("# Hallo")
    assert renderer.html("# Hallo") is first
    assert renderer.html("# Anders") != first


def test_signatory_fields_are_rendered_as_plain_text(make_project):
    project = make_project()
    site = load_site(project, Options(today=TODAY))
    # The loader refuses < and > in these fields; the templates escape them all the same.
    marked = dataclasses.replace(
        site.signatories[1],
        name="Buurtnetwerk <Bèta> & Co",
        statement='Wij steunen "sleutelpersonen" <script>alert(1)</script>.',
    )
    site = dataclasses.replace(site, signatories=(site.signatories[0], marked))
    html = render_site(site, project)[output_path("/ondertekenaars/")].decode()
    assert "<bdi>Buurtnetwerk &lt;Bèta&gt; &amp; Co</bdi>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert 'rel="ugc nofollow noopener"' in html


def test_dates_read_naturally_per_language():
    nl = yaml.safe_load((ROOT / "i18n" / "nl.yaml").read_text())
    en = yaml.safe_load((ROOT / "i18n" / "en.yaml").read_text())
    assert format_date(dt.date(2026, 11, 28), nl) == "28 november 2026"
    assert format_date(dt.date(2027, 3, 1), nl) == "1 maart 2027"
    assert format_date(dt.date(2026, 11, 28), en) == "28 November 2026"


def hostile(name: str, statement: str = "") -> Signatory:
    return Signatory(
        name,
        "overig",
        "=SUM(A1)",
        "Utrecht",
        "https://x.example.net/",
        dt.date(2026, 1, 2),
        "e-mail",
        1,
        "",
        statement,
    )


def test_csv_export_has_stable_columns_and_neutralises_formulas():
    data = signatories_csv((hostile('=HYPERLINK("http://evil")', "+31 of -1 @home"),), "https://example.org/")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][2] == "'=SUM(A1)"
    assert rows[1][7] == "'+31 of -1 @home"


def test_json_export_counts_and_escapes_nothing_away():
    data = json.loads(signatories_json((hostile("<b>Naam</b>"),), "https://example.org/"))
    assert data["count"] == 1
    assert data["columns"] == list(COLUMNS)
    assert data["signatories"][0]["name"] == "<b>Naam</b>"
    assert data["signatories"][0]["signed"] == "2026-01-02"


def test_exports_are_part_of_the_site(make_project):
    files = rendered(make_project())
    assert json.loads(files[output_path("/ondertekenaars.json")])["count"] == 2


def test_a_template_analysed_for_page_keys_is_not_parsed_again_to_compile(monkeypatch):
    import jinja2
    import jinja2.meta

    from sleutelsite.render import make_environment

    env = make_environment(ROOT / "templates")
    parsed = []
    original = jinja2.Environment._parse
    monkeypatch.setattr(
        jinja2.Environment, "_parse", lambda self, *a: parsed.append(a[1]) or original(self, *a)
    )
    source, filename, _ = env.loader.get_source(env, "story.html")
    tree = env.parse(source, "story.html", filename)
    template = env.get_template("story.html")
    assert parsed.count("story.html") == 1
    assert jinja2.meta.find_undeclared_variables(tree)  # the tree was really there to read
    assert template.name == "story.html"


def test_markdown_made_from_extension_classes_equals_markdown_made_by_names():
    import markdown

    from sleutelsite.render_markdown import EXTENSION_CONFIG, EXTENSIONS, new_markdown

    text = (
        "# Kop {#eigen-id .klasse}\n\n## Tweede kop\n\nTekst met *nadruk* en [link](/tips/).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1)\n```\n\n3. drie\n4. vier\n\n"
        '<div markdown="1">*binnen* html</div>\n\n## Tweede kop\n'
    )
    by_name = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIG)
    expected = by_name.convert(text)
    assert new_markdown().convert(text) == expected
    for piece in ('id="eigen-id"', "<table>", "<code", 'start="3"', "<em>binnen</em>", 'id="tweede-kop_1"'):
        assert piece in expected


def test_the_stories_feed_holds_the_newest_fifty(make_project):
    import datetime as dt

    from sleutelsite.render_feeds import FEED_ENTRIES

    first = dt.date(2026, 1, 1)
    stories = {
        f"content/verhalen/persoon-{n}.md": f"---\nname: Persoon {n}\ndate: {first + dt.timedelta(days=n)}\nsummary: S.\n---\nTekst.\n"
        for n in range(FEED_ENTRIES + 7)
    }
    feed = rendered(make_project(stories))[output_path("/verhalen/feed.xml")].decode()
    names = re.findall(r"<title>[^<]*?(Persoon \d+)[^<]*</title>", feed)
    assert FEED_ENTRIES == 50
    assert feed.count("<entry>") == FEED_ENTRIES
    assert names[:3] == ["Persoon 56", "Persoon 55", "Persoon 54"]  # newest first
    assert "Persoon 0<" not in feed and "Persoon 6<" not in feed  # the oldest are left out


def test_markdown_is_converted_meanwhile_in_another_process():
    texts = [f"# Kop {n}\n\nTekst *{n}* met [een link](/tips/).\n" for n in range(10)]
    renderer = MarkdownRenderer()
    assert renderer.convert_soon(texts + texts[:3]) is not None
    assert [renderer.convert(t) for t in texts] == [MarkdownRenderer().convert(t) for t in texts]
    assert renderer._md is None  # every one came from the other process
    assert renderer.convert_soon(texts) is None  # nothing left to convert


def test_markdown_cancelled_before_it_was_needed_is_converted_here_later():
    texts = [f"Tekst {n}." for n in range(10)]
    renderer = MarkdownRenderer()
    coming = renderer.convert_soon(texts)
    assert coming is not None
    coming.cancel()  # what a failed build does
    assert renderer.convert(texts[0])[0] == "<p>Tekst 0.</p>"


def test_markdown_converter_skips_patterns_that_cannot_match_and_gives_the_same_html():
    from sleutelsite.render_markdown import Converter, new_markdown

    sources = sorted((ROOT / "content").rglob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    texts += ["[TOC]\n\n# Een\n\n## Twee\n", "Tekst met `code`, &amp; en <b>vet</b> en \\*ster\\*.\n"]
    texts += ["Alleen _liggend_ en __vet__ met lage streepjes.\n", "Gewone tekst zonder tekens.\n"]
    texts += ["Code:\n\n```python\nprint(1)\n```\n", "> Een citaat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"]
    texts += ["Lees [de tips][t] en [t].\n\n[t]: /tips/\n", "Geen definitie: [t] en [tips][t].\n"]
    texts += ["Alinea met een klasse.\n{: .lead }\n", "Alleen \\*sterren\\* ontsnapt.\n", "Kop\n===\n\n***\n"]
    converter, plain = Converter(), new_markdown()
    for text in texts:
        assert converter.convert(text) == plain.reset().convert(text)
    assert len(sources) > 20
    assert '<div class="toc">' in converter.convert("[TOC]\n\n# Een\n")
    converter.convert("Gewone tekst zonder tekens.\n")
    tried = {type(p).__name__ for p in converter._inline.inlinePatterns}
    assert tried == {"SubstituteTagInlineProcessor"}  # only the line break: no text character it needs
    converter.convert("Een [link](/tips/) en *nadruk*.\n")
    tried = {type(p).__name__ for p in converter._inline.inlinePatterns}
    assert {"LinkInlineProcessor", "DelimiterProcessor"} <= tried
    assert "HtmlInlineProcessor" not in tried and "BacktickInlineProcessor" not in tried


def test_markdown_converted_early_by_another_process_reading_the_files_itself(tmp_path):
    import os
    import select

    from sleutelsite.load_content import markdown_body, markdown_files

    texts = [f"# Kop {n}\n\nTekst *{n}* met [een link](/tips/).\n" for n in range(12)]
    for n, text in enumerate(texts):
        folder = tmp_path / "content" / ("verhalen" if n % 2 else "en")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"s{n}.md").write_text(f"---\nname: S {n}\n---\n{text}", encoding="utf-8")
    (tmp_path / "content" / "kapot.md").write_text("geen voorwerk\n", encoding="utf-8")  # skipped, not fatal
    renderer = MarkdownRenderer()
    renderer.convert_early(lambda: markdown_files(tmp_path), markdown_body, least=5)
    select.select([renderer._coming.read_end], [], [], 30)  # it answers once it has converted all
    assert [renderer.convert(t) for t in texts] == [MarkdownRenderer().convert(t) for t in texts]
    assert renderer._md is None  # every one came from the other process
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)

    few = MarkdownRenderer()
    few.convert_early(lambda: markdown_files(tmp_path), markdown_body, least=50)  # too few files
    assert few.convert(texts[0]) == renderer.convert(texts[0])
    assert few._md is not None  # converted here

    cached = MarkdownRenderer(renderer.cache)  # everything is known already: nothing is converted again
    cached.convert_early(lambda: markdown_files(tmp_path), markdown_body, least=5)
    assert cached._coming.result() == []


def test_markdown_converted_early_and_stopped_half_way_gives_the_same_html(tmp_path):
    from sleutelsite.load_content import markdown_body, markdown_files

    texts = [
        f"## Kop {n}\n\n" + "Een zin met *nadruk* en [een link](/tips/). " * 40 + "\n" for n in range(300)
    ]
    (tmp_path / "content").mkdir()
    for n, text in enumerate(texts):
        (tmp_path / "content" / f"s{n:03d}.md").write_text(f"---\nname: S\n---\n{text}", encoding="utf-8")
    renderer = MarkdownRenderer()
    renderer.convert_early(lambda: markdown_files(tmp_path), markdown_body, least=5)
    assert [renderer.convert(t) for t in texts] == [MarkdownRenderer().convert(t) for t in texts]
    assert renderer._md is not None  # stopped by the first convert: this process did the rest


def test_markdown_converted_here_when_the_early_process_fails(tmp_path):
    import os

    from sleutelsite.load_content import markdown_files

    texts = [f"Tekst *{n}*.\n" for n in range(6)]
    (tmp_path / "content").mkdir()
    for n, text in enumerate(texts):
        (tmp_path / "content" / f"s{n}.md").write_text(f"---\nname: S\n---\n{text}", encoding="utf-8")

    def broken(name: str) -> str:
        raise ValueError("a file that cannot be read ahead")

    renderer = MarkdownRenderer()
    renderer.convert_early(lambda: markdown_files(tmp_path), broken, least=1)
    assert [renderer.convert(t) for t in texts] == [MarkdownRenderer().convert(t) for t in texts]
    assert renderer._md is not None  # converted here
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_markdown_converter_keeps_few_step_lists_however_many_mixes_it_meets(monkeypatch):
    import sleutelsite.render_markdown as render_markdown
    from sleutelsite.render_markdown import Converter, new_markdown

    monkeypatch.setattr(render_markdown, "_CHOSEN_KEPT", 2)
    texts = [
        "Tekst.\n",
        "Een [link](/tips/).\n",
        "> citaat\n",
        "| a | b |\n|---|---|\n",
        "# Kop\n",
        "Tekst.\n",
    ]
    converter, plain = Converter(), new_markdown()
    for text in texts:
        assert converter.convert(text) == plain.reset().convert(text)
        assert len(converter._chosen) <= 2
