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
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.model import Signatory
from sleutelsite.render import output_path, render_site
from sleutelsite.render.context import format_date
from sleutelsite.render.exports import COLUMNS, signatories_csv, signatories_json
from sleutelsite.render.links import link_prefix, site_links
from sleutelsite.render.markdown import MarkdownRenderer


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
    assert re.search(r'<link rel="stylesheet" href="\.\./static/css/site\.[0-9a-f]{10}\.css">', html)
    assert '<a class="brand" href="../">' in html
    assert '<link rel="canonical" href="https://example.org/sub/extra/">' in html
    assert re.search(
        r'<meta property="og:image" content="https://example.org/sub/kaarten/[0-9a-f]{16}\.png">', html
    )


def test_a_404_page_links_from_the_base_path_as_it_is_shown_at_any_address(make_project):
    html = rendered(make_project(), "https://example.org/sub/")[output_path("/404.html")].decode()
    assert re.search(r'<link rel="stylesheet" href="/sub/static/css/site\.[0-9a-f]{10}\.css">', html)
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

    from sleutelsite.render.markdown import EXTENSION_CONFIG, EXTENSIONS, new_markdown

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

    from sleutelsite.render.feeds import FEED_ENTRIES

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


def test_markdown_converter_skips_patterns_that_cannot_match_and_gives_the_same_html():
    from sleutelsite.render.markdown import Converter, new_markdown

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


def test_markdown_converter_keeps_few_step_lists_however_many_mixes_it_meets(monkeypatch):
    import sleutelsite.render.markdown as render_markdown
    from sleutelsite.render.markdown import Converter, new_markdown

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


def test_the_converter_passes_its_self_check_and_gives_plain_html_on_the_samples():
    from sleutelsite.render.markdown import SAMPLES, Converter, PlainMarkdown, checked_converter

    assert isinstance(checked_converter(), Converter)
    converter, plain = Converter(), PlainMarkdown()
    assert all(converter.convert(text) == plain.convert(text) for text in SAMPLES)
    html = plain.convert("\n\n".join(SAMPLES))
    for piece in (
        "<table>",
        "<blockquote>",
        '<div class="toc">',
        "<code",
        "<img",
        "<hr />",
        "<ol>",
        'id="eigen"',
    ):
        assert piece in html  # the sample needs every kind of step the Converter may leave out


def test_a_converter_whose_attribute_is_gone_falls_back_to_plain_markdown_with_a_warning(monkeypatch):
    """As if a Markdown release renamed the inline processor's list of patterns."""
    import sleutelsite.render.markdown as render_markdown

    renamed = (("inline", "inline_patterns"), *render_markdown.RELIES_ON[1:])
    monkeypatch.setattr(render_markdown, "RELIES_ON", renamed)
    renderer = MarkdownRenderer()
    with pytest.warns(render_markdown.MarkdownFallbackWarning) as warned:
        html, _ = renderer.convert("Een [link](/tips/) en *nadruk*.\n")
    assert html == render_markdown.PlainMarkdown().convert("Een [link](/tips/) en *nadruk*.\n")
    assert isinstance(renderer._md, render_markdown.PlainMarkdown)
    assert str(warned[0].message) == (
        "waarschuwing: deze versie van Python-Markdown ("
        + render_markdown.markdown_release()
        + ") werkt anders dan de snelle Markdown-omzetter verwacht (AttributeError: Python-Markdown's inline "
        "has no 'inline_patterns' any more); de build gebruikt gewoon Python-Markdown: dezelfde pagina's, "
        "maar langzamer. Meld het als issue met deze melding erbij; tot het is opgelost kun je gewoon bouwen."
    )


def test_a_converter_that_gives_other_html_on_the_sample_falls_back_to_plain_markdown(monkeypatch):
    """As if a Markdown release let a link start with another character: the Converter,
    told that a link needs a character no text holds, would leave links out."""
    import sleutelsite.render.markdown as render_markdown

    needs = {**render_markdown._NEEDS, ("inline", "link"): ("LinkInlineProcessor", ("§",), all)}
    monkeypatch.setattr(render_markdown, "_NEEDS", needs)
    text = "Een [link](/tips/).\n"
    assert render_markdown.Converter().convert(text) == "<p>Een [link](/tips/).</p>"  # really broken
    with pytest.warns(render_markdown.MarkdownFallbackWarning, match="other HTML for"):
        checked = render_markdown.checked_converter()
    assert isinstance(checked, render_markdown.PlainMarkdown)
    assert checked.convert(text) == '<p>Een <a href="/tips/">link</a>.</p>'


def test_the_signatories_json_is_what_json_dumps_with_an_indent_makes():
    import random

    from sleutelsite.render.exports import signatory_record

    rng = random.Random(3)
    chars = 'aé"\\\n\t\x01\u2028ĳ🙂<>&/{} '

    def text() -> str:
        return "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))

    signatories = tuple(
        Signatory(
            text(),
            text(),
            text(),
            text(),
            text(),
            dt.date(2026, 1, 1),
            text(),
            n,
            rng.choice(["", "x.png"]),
            text(),
        )
        for n in range(300)
    )
    for count in (0, 1, 2, 300):
        records = [signatory_record(s, "https://x.nl/") for s in signatories[:count]]
        data = {"count": count, "columns": list(COLUMNS), "signatories": records}
        expected = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        assert signatories_json(signatories[:count], "https://x.nl/") == expected


def test_stylesheets_and_scripts_are_written_smaller_but_mean_the_same():
    from sleutelsite.render.assets import smaller

    css = b'/* a comment */\n.a :hover {\n  color: red;\n  content: "  /* kept */ ; ";\n}\n@media (min-width: 40rem) { .b, .c { d: e } }\n'
    assert (
        smaller("x.css", css)
        == b'.a :hover{color:red;content:"  /* kept */ ; "}@media (min-width:40rem){.b,.c{d:e}}\n'
    )
    js = b'// a comment line\n(function () {\n  var a = "// not a comment";\n  // another\n})();\n'
    assert smaller("x.js", js) == b'(function () {\nvar a = "// not a comment";\n})();\n'


def test_a_page_links_only_the_styles_and_scripts_of_what_it_shows(make_project):
    project = make_project({"content/extra.md": "---\ntitle: Extra\n---\n[[film]]\n"})
    files = rendered(project)

    def linked(url: str) -> set[str]:
        html = files[output_path(url)].decode()
        return set(
            re.findall(r'(?:href|src)="[./]*static/(?:css|js)/([a-z]+)\.[0-9a-f]{10}\.(?:css|js)"', html)
        )

    assert linked("/manifest/") == {"site"}
    assert linked("/verhalen/testpersoon/") == {"site", "share"}
    assert linked("/ondertekenaars/") == {"site", "ondertekenaars"}
    assert linked("/extra/") == {"site", "film"}  # the film in the page's text
    assert {"film", "share", "home"} <= linked("/")
