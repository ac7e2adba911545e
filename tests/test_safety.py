"""The safety check of the HTML that Markdown produced, and the limits on slow Markdown.

Each way past the old check (issue 13) and its close variants is refused with its exact
message and the Markdown line it came from; what real content needs still builds.
"""

from __future__ import annotations

import pytest

from sleutelsite.load.markdown_limits import MAX_DEPTH, markdown_limit_problems
from sleutelsite.render.markdown import Converter
from sleutelsite.render.safety import unsafe_findings, unsafe_problems

PATH = "content/manifest.md"
BODY_LINE = 4  # the body's first line in the file, after three lines of front matter

TAG = "HTML-element <{}> is niet toegestaan in de tekst."
NOT_ALLOWED = "HTML-element <{}> kan niet in de tekst."
HANDLER = "het HTML-attribuut '{}' voert code uit en is niet toegestaan."
URL = "een link of beeld met een '{}:'-adres is niet toegestaan."
IMAGE = "het beeld '{}' staat niet in static/."
STYLE = "opmaak met het attribuut 'style' is niet toegestaan in de tekst."
ATTRIBUTE = "het HTML-attribuut '{}' kan niet op <{}>."
NOT_CLOSED = "het HTML-element <{}> wordt niet gesloten."
UNFINISHED = (
    "de HTML aan het eind van deze tekst is niet af: een < zonder >, een <!-- zonder --> "
    "of een aanhalingsteken dat niet sluit."
)


def findings(markdown: str) -> list[str]:
    """`line: message` of each problem the safety check finds in a text's HTML."""
    html = Converter().convert(markdown)
    problems = unsafe_problems(unsafe_findings(html, markdown), markdown, PATH, BODY_LINE)
    return [f"{p.line}: {p.message()}" for p in problems]


REFUSED = {
    # Attribute lists add markup without < or &: the old check skipped those texts.
    'Tekst.\n{: onmouseover="alert(1)" }': ["5: " + HANDLER.format("onmouseover")],
    "Tekst.\n{: onmouseover='alert(1)' }": ["5: " + HANDLER.format("onmouseover")],
    "Tekst.\n{: ONMOUSEOVER=alert(1) }": ["5: " + HANDLER.format("onmouseover")],
    '![Beeld](/static/img/x.png){: src="https://tracker.example/p.gif" }': [
        "4: " + IMAGE.format("https://tracker.example/p.gif")
    ],
    'Tekst.\n{: src="https://tracker.example/p.gif" }': ["5: " + ATTRIBUTE.format("src", "p")],
    'Tekst.\n{: style="background: url(https://tracker.example/p.gif)" }': ["5: " + STYLE],
    "Tekst.\n{: style='color: red' }": ["5: " + STYLE],
    'Tekst.\n{: data-film="abcdefghijk" }': ["5: " + ATTRIBUTE.format("data-film", "p")],
    '![foto](/static/img/x.png){: alt="" title="x\\" onerror=alert(1)" }': [
        "4: " + HANDLER.format("onerror")
    ],
    # Raw HTML that a browser reads otherwise than Python's HTMLParser did.
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>">': [
        "4: " + TAG.format("textarea"),
        "4: " + HANDLER.format("onerror"),
    ],
    '<TEXTAREA><p title="</TEXTAREA><img src=x OnError=alert(1)>">': [
        "4: " + TAG.format("textarea"),
        "4: " + HANDLER.format("onerror"),
    ],
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">': [
        "4: " + TAG.format("xmp"),
        "4: " + HANDLER.format("onerror"),
    ],
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">': [
        "4: " + TAG.format("noscript"),
        "4: " + HANDLER.format("onerror"),
    ],
    '<title><p title="</title><img src=x onerror=alert(1)>">': [
        "4: " + TAG.format("title"),
        "4: " + HANDLER.format("onerror"),
    ],
    '<!--><meta http-equiv="refresh" content="0;url=https://evil.example/">-->': ["4: " + TAG.format("meta")],
    'Tekst.\n\n<!--><META HTTP-EQUIV="refresh" content="0;url=https://evil.example/">-->': [
        "6: " + TAG.format("meta")
    ],
    '<!---><meta http-equiv="refresh" content="0;url=https://evil.example/">-->': [
        "4: " + TAG.format("meta")
    ],
    '<base href="https://evil.example/">': ["4: " + TAG.format("base")],
    "<svg><script>alert(1)</script></svg>": ["4: " + TAG.format("svg")],
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>": ["4: " + TAG.format("math")],
    "<SCRIPT>alert(1)</SCRIPT>": ["4: " + TAG.format("script")],
    '<video poster="https://evil.example/p.png"></video>': ["4: " + TAG.format("video")],
    "<marquee>x</marquee>": ["4: " + NOT_ALLOWED.format("marquee")],
    '<body onload="alert(1)">': ["4: " + NOT_ALLOWED.format("body"), "4: " + HANDLER.format("onload")],
    # Images from other hosts.
    '<img srcset="/a.png 1x, https://evil.example/b.png 2x" alt="">': [
        "4: " + IMAGE.format("https://evil.example/b.png")
    ],
    '<img src="//evil.example/x.png" alt="">': ["4: " + IMAGE.format("//evil.example/x.png")],
    '<img src="/\\evil.example/x.png" alt="">': ["4: " + IMAGE.format("/\\evil.example/x.png")],
    '<img src=" https:&#47;&#47;evil.example/x.png" alt="">': [
        "4: " + IMAGE.format(" https://evil.example/x.png")
    ],
    '<image src="https://evil.example/x.png">': ["4: " + IMAGE.format("https://evil.example/x.png")],
    '<p style="background:url(https://evil.example/x.png)">x</p>': ["4: " + STYLE],
    # Script addresses, however written.
    '<a href="java\nscript:alert(1)">x</a>': ["4: " + URL.format("javascript")],
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>': ["4: " + URL.format("javascript")],
    '<a href="\x01 JaVaScRiPt:alert(1)">x</a>': ["4: " + URL.format("javascript")],
    "[x](vbscript:msgbox)": ["4: " + URL.format("vbscript")],
    # What a text leaves open runs on over the page.
    "Tekst <b>vet": ["4: " + NOT_CLOSED.format("b")],
    '<div>\n<a href="https://example.org/">link\n</div>': ["5: " + NOT_CLOSED.format("a")],
    "<table><tr><td>x": ["4: " + NOT_CLOSED.format("td")],
    '<div>\n<img src="https://evil.example/?\n</div>': ["6: " + UNFINISHED],
    "<div>\n<!-- niet gesloten\n</div>": ["6: " + UNFINISHED],
}


@pytest.mark.parametrize("markdown", list(REFUSED))
def test_a_way_past_the_markdown_safety_check_is_refused(markdown):
    assert findings(markdown) == REFUSED[markdown]


def test_each_finding_points_to_its_own_line():
    markdown = "<script>a()</script>\n\nTekst.\n\n<script>b()</script>\n"
    assert findings(markdown) == ["4: " + TAG.format("script"), "8: " + TAG.format("script")]


def test_the_full_message_has_a_hint_with_what_to_write_instead():
    html = Converter().convert('<a href="/tips/" target="_blank">tips</a>')
    (found,) = unsafe_problems(
        unsafe_findings(html, ""), '<a href="/tips/" target="_blank">tips</a>', PATH, 4
    )
    assert found.format() == (
        "content/manifest.md:4: het HTML-attribuut 'target' kan niet op <a>.\n"
        '    | <a href="/tips/" target="_blank">tips</a>\n'
        "  Tip: Haal het weg. Op <a> kunnen: class, dir, href, hreflang, id, lang, rel, role, title, aria-*."
    )


ACCEPTED = (
    '## Kop\n\nTekst met *nadruk*, **vet**, `code` en [een link](/tips/ "titel").',
    "[[film]]\n\n[[film dQw4w9WgXcQ]]",
    "- een\n- twee\n\n1. drie\n2. vier\n\n> citaat",
    "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "```python\n<script>print(1)</script>\n```\n\n    <iframe>ingesprongen</iframe>",
    "[TOC]\n\n## Eerste\n\n### Tweede",
    '![Lubna](/static/img/lubna.jpg){: alt="" .foto #lubna }',
    '<figure markdown="1">\n<img src="/static/img/x.png" srcset="/static/img/x2.png 2x" alt="x">\n'
    "<figcaption>Onderschrift</figcaption>\n</figure>",
    '<p>Een <abbr title="Sociaal Wijkteam">SWT</abbr>, <sup>1</sup> en <span class="x" lang="ar" dir="rtl">سلام</span>.',
    "<details open><summary>Meer</summary>\n\nTekst.\n\n</details>",
    "<!-- een notitie voor redacteuren -->\n\nTekst.",
    "[mail](mailto:info@example.org), [bel](tel:+31201234567), [site](https://example.org/), [ergens](#kop)",
    "<p>Alinea zonder eind\n\n<ul><li>een<li>twee</ul>",
    'Een los teken: a < b en c > d, 3 & 4; Hallo {: onmouseover="alert(1)" } blijft tekst.',
)


@pytest.mark.parametrize("markdown", ACCEPTED)
def test_what_content_needs_is_accepted(markdown):
    assert findings(markdown) == []


LIMIT_CODES = {"markdown_too_big", "markdown_dense_paragraph", "markdown_open_bracket", "markdown_open_tag", "markdown_too_deep"}  # fmt: skip
SLOW_SHAPES = (
    "[](", "[", "*[", "<a ", "![", "[^", "[x][", "<http://", "<a@", '<a x=">" ', '[x](" ', "[*", "[_", "[<", "<[",
    "- \n", "-\n", "=\n", "1. ", "+ ", "<b>", "*a* ", "a\n\n", "<a \n\n", "[\n\n", "`x` ", "&amp; ", "x  \n",
    '<div markdown="1">\n',
)  # fmt: skip


@pytest.mark.parametrize("shape", SLOW_SHAPES)
def test_25_kb_of_a_slow_markdown_shape_is_refused_before_it_is_converted(shape):
    body = "Gewone tekst.\n\n" + shape * (25_000 // len(shape))
    found = markdown_limit_problems(body, PATH, BODY_LINE)
    assert found and {p.code for p in found} <= LIMIT_CODES
    assert all(p.format() and p.format("en") and p.line >= BODY_LINE for p in found)


def test_unclosed_brackets_are_refused_on_the_line_of_their_paragraph():
    body = "Een alinea.\n\nNog een\nalinea " + "[" * 800 + "\n\nLaatste alinea."
    (found,) = markdown_limit_problems(body, PATH, BODY_LINE)
    assert found.format().splitlines()[0] == (
        "content/manifest.md:7: in deze alinea staan haken [ zonder ] (of een ( zonder ) na een link); "
        "dat maakt de site heel traag."
    )
    assert (
        found.hint()
        == "Schrijf een link als [tekst](/adres/). Een [ die geen link begint, schrijf je als \\[."
    )


def test_escaped_brackets_and_brackets_in_code_are_not_counted():
    body = "alinea " + "\\[" * 400 + " en `" + "[" * 400 + "` " + "x" * 5000
    assert markdown_limit_problems(body, PATH, BODY_LINE) == []


def test_a_tag_that_never_ends_is_refused_on_its_line():
    body = "Tekst.\n\n" + "<a " * 2000
    (found,) = markdown_limit_problems(body, PATH, BODY_LINE)
    assert found.code == "markdown_open_tag"
    assert found.line == 6
    assert (
        found.message()
        == "hier begint een HTML-tag (<...) die niet met > sluit; dat maakt de site heel traag."
    )


def test_lists_nested_too_deep_are_refused_before_python_markdown_overflows_its_stack():
    body = "".join(" " * (4 * level) + "- punt\n" for level in range(100))
    (found,) = markdown_limit_problems(body, PATH, BODY_LINE)
    assert found.line == BODY_LINE + MAX_DEPTH
    assert (
        found.message() == f"hier staan lijsten, citaten of HTML meer dan {MAX_DEPTH} lagen diep in elkaar."
    )


def test_markdown_html_nested_too_deep_is_refused():
    body = '<div markdown="1">\n' * 30 + "tekst\n" + "</div>\n" * 30
    (found,) = markdown_limit_problems(body, PATH, BODY_LINE)
    assert (found.code, found.line) == ("markdown_too_deep", BODY_LINE + MAX_DEPTH)


def test_a_text_with_too_many_lines_is_refused_at_its_first_line():
    (found,) = markdown_limit_problems("regel\n" * 12_000, PATH, BODY_LINE)
    assert found.format().splitlines()[0] == (
        "content/manifest.md:4: deze tekst is te groot voor één pagina: 12001 regels en opmaaktekens "
        "(*, _, [, <, `, &, \\) samen, meer dan 5000."
    )
