"""Logos from strangers' pull requests (issue 13): an SVG is a document that runs script
on our domain when its address is opened, and static/logos/ is published as it is.

Every hostile SVG below is refused with its exact message (reported at the `logo:` line of
signatories.yaml, naming the line in the logo), or is shown to be inert in Chromium;
files in static/logos/ that no entry names are refused by name.
"""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder, wait_until
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import sync_playwright

from conftest import TODAY, copy_project
from sleutelsite.build import build, check
from sleutelsite.errors import BuildError
from sleutelsite.load.logo import check_logo_file

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
XHTML = 'xmlns:h="http://www.w3.org/1999/xhtml"'
OPEN = f"<svg {SVG} {XLINK}>"
LOGO = "static/logos/alfa.svg"
ALFA = """- name: Stichting Alfa Testhuis
  type: stichting
  municipality: {municipality}
  province: Utrecht
  url: https://alfa.example.org/
  signed: 2026-01-15
  verified: e-mail
  logo: {logo}
"""


def signatories(logo: str = LOGO, municipality: str = "Utrecht") -> str:
    return ALFA.format(logo=logo, municipality=municipality)


def refusal(svg: str | bytes) -> str:
    """The message line for the SVG as Alfa's logo; "" when it is accepted."""
    data = svg.encode() if isinstance(svg, str) else svg
    problems = check_logo_file(data, LOGO, "signatories.yaml", 8)
    assert len(problems) <= 1
    return problems[0].format().splitlines()[0] if problems else ""


def says(what: str) -> str:
    return f"signatories.yaml:8: het SVG-logo '{LOGO}' {what}"


NOT_ALLOWED = "; dat mag niet in een logo."
OWN_PARTS = "; een logo mag alleen naar zijn eigen delen verwijzen."
REFUSED = {
    # The three: a namespace prefix, an entity, XHTML inside foreignObject.
    "prefixed_svg_script": (
        f'<svg {SVG} xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>',
        says("bevat op regel 1 <s:script>" + NOT_ALLOWED),
    ),
    "prefixed_root_and_script": (
        '<svg:svg xmlns:svg="http://www.w3.org/2000/svg">\n<svg:script>alert(1)</svg:script></svg:svg>',
        says("bevat op regel 2 <svg:script>" + NOT_ALLOWED),
    ),
    "script_in_a_default_namespace_on_the_element": (
        f'<svg {SVG}><g><script xmlns="http://www.w3.org/2000/svg">alert(1)</script></g></svg>',
        says("bevat op regel 1 <script>" + NOT_ALLOWED),
    ),
    "xhtml_script_in_foreign_object": (
        f'{OPEN}\n<foreignObject width="9" height="9">\n<h:script {XHTML}>alert(1)</h:script>'
        "</foreignObject></svg>",
        says("bevat op regel 2 <foreignObject>" + NOT_ALLOWED),
    ),
    "xhtml_script_without_foreign_object": (
        f"{OPEN}<h:script {XHTML}>alert(1)</h:script></svg>",
        says(
            "bevat op regel 1 <h:script> uit de naamruimte 'http://www.w3.org/1999/xhtml'; "
            "in een logo mogen alleen SVG-tekenelementen staan."
        ),
    ),
    "xhtml_script_inside_metadata": (
        f"{OPEN}<metadata><h:script {XHTML}>alert(1)</h:script></metadata></svg>",
        says(
            "bevat op regel 1 <h:script> uit de naamruimte 'http://www.w3.org/1999/xhtml'; "
            "in een logo mogen alleen SVG-tekenelementen staan."
        ),
    ),
    "xhtml_iframe": (
        f'{OPEN}<h:iframe {XHTML} src="https://evil.example/"/></svg>',
        says(
            "bevat op regel 1 <h:iframe> uit de naamruimte 'http://www.w3.org/1999/xhtml'; "
            "in een logo mogen alleen SVG-tekenelementen staan."
        ),
    ),
    "entity_spelling_javascript_in_an_href": (
        f'{OPEN}<use href="&#106;avascript:alert(1)"/></svg>',
        says("verwijst op regel 1 naar 'javascript:alert(1)' (href bij <use>)" + OWN_PARTS),
    ),
    "entity_tab_inside_javascript": (
        f'{OPEN}<use xlink:href="java&#x09;script:alert(1)"/></svg>',
        says("verwijst op regel 1 naar 'java script:alert(1)' (xlink:href bij <use>)" + OWN_PARTS),
    ),
    "xlink_href_javascript": (
        f'{OPEN}<use xlink:href="javascript:alert(1)"/></svg>',
        says("verwijst op regel 1 naar 'javascript:alert(1)' (xlink:href bij <use>)" + OWN_PARTS),
    ),
    "link_element": (
        f'{OPEN}<a href="#x"><rect width="9" height="9"/></a></svg>',
        says("bevat op regel 1 <a>" + NOT_ALLOWED),
    ),
    "use_of_another_host": (
        f'{OPEN}<use href="https://evil.example/x.svg#a"/></svg>',
        says("verwijst op regel 1 naar 'https://evil.example/x.svg#a' (href bij <use>)" + OWN_PARTS),
    ),
    "gradient_from_another_host": (
        f'{OPEN}<linearGradient xlink:href="https://evil.example/g.svg#g"/></svg>',
        says(
            "verwijst op regel 1 naar 'https://evil.example/g.svg#g' (xlink:href bij <linearGradient>)"
            + OWN_PARTS
        ),
    ),
    "href_with_a_leading_space": (
        f'{OPEN}<use href=" //evil.example/#a"/></svg>',
        says("verwijst op regel 1 naar ' //evil.example/#a' (href bij <use>)" + OWN_PARTS),
    ),
    "style_fill_from_another_host": (
        f'{OPEN}<rect style="fill:url(https://evil.example/x)"/></svg>',
        says("verwijst op regel 1 naar 'url(https://evil.example/x)' (style bij <rect>)" + OWN_PARTS),
    ),
    "fill_attribute_from_another_host": (
        f"{OPEN}<rect fill=\"url('https://evil.example/x')\"/></svg>",
        says("verwijst op regel 1 naar 'url('https://evil.example/x')' (fill bij <rect>)" + OWN_PARTS),
    ),
    "mask_image_set": (
        f"{OPEN}<rect mask=\"image-set('https://evil.example/m.png' 1x)\"/></svg>",
        says(
            "heeft op regel 1 bij <rect> mask=\"image-set('https://evil.example/m.png' 1x)\"; "
            "die waarde mag niet in een logo."
        ),
    ),
    "css_escape_spelling_url": (
        f'{OPEN}<rect fill="u\\72l(https://evil.example/x)"/></svg>',
        says(
            'heeft op regel 1 bij <rect> fill="u\\72l(https://evil.example/x)"; die waarde mag niet in een logo.'
        ),
    ),
    "style_custom_property": (
        f'{OPEN}<rect style="--x: red; fill: var(--x)"/></svg>',
        says("heeft op regel 1 in style=\"...\" bij <rect> opmaak die niet mag: '--x: red'."),
    ),
    "style_attribute_expression": (
        f'{OPEN}<rect style="width: expression(alert(1))"/></svg>',
        says("heeft op regel 1 in style=\"...\" bij <rect> opmaak die niet mag: 'expression(alert(1))'."),
    ),
    "style_element_import": (
        f"{OPEN}\n<style>@import url(https://evil.example/x.css);</style></svg>",
        says("heeft in <style> op regel 2 opmaak die niet mag: '@import url(https://evil.example/x.css);'."),
    ),
    "style_element_import_in_cdata_and_entity": (
        f"{OPEN}<style><![CDATA[.a{{fill:red}}]]>&#64;import 'https://evil.example/x.css';</style></svg>",
        says("heeft in <style> op regel 1 opmaak die niet mag: '@import 'https://evil.example/x.css';'."),
    ),
    "style_element_font_face": (
        f"{OPEN}<style>@font-face {{ src: url(https://evil.example/f.woff) }}</style></svg>",
        says(
            "heeft in <style> op regel 1 opmaak die niet mag: "
            "'@font-face { src: url(https://evil.example/f.woff) }'."
        ),
    ),
    "style_element_url_of_another_host": (
        f"{OPEN}<style>.a {{ fill: #000 }} .b {{ fill: url(//evil.example/p) }}</style></svg>",
        says("heeft in <style> op regel 1 opmaak die niet mag: 'url(//evil.example/p)'."),
    ),
    "style_element_unclosed_comment": (
        f"{OPEN}<style>.a {{ fill: #000 }} /* @import url(x)</style></svg>",
        says("heeft in <style> op regel 1 opmaak die niet mag: '/* @import url(x)'."),
    ),
    "style_element_with_an_element_inside": (
        f"{OPEN}<style>.a {{ fill: #000 }}<rect/></style></svg>",
        says("bevat op regel 1 <rect>" + NOT_ALLOWED),
    ),
    "onload": (
        f'<svg {SVG} onload="alert(1)"/>',
        says("heeft op regel 1 de gebeurtenis onload bij <svg>: daarmee draait er een script."),
    ),
    "onload_in_capitals": (
        f'<svg {SVG} ONLOAD="alert(1)"/>',
        says("heeft op regel 1 de gebeurtenis ONLOAD bij <svg>: daarmee draait er een script."),
    ),
    "onclick_in_mixed_case_on_a_later_line": (
        f'<svg {SVG}>\n<g>\n<rect width="1" onClick="alert(1)"/></g></svg>',
        says("heeft op regel 3 de gebeurtenis onClick bij <rect>: daarmee draait er een script."),
    ),
    "event_handler_behind_an_entity": (
        f'<svg {SVG} onload="&#97;lert(1)"/>',
        says("heeft op regel 1 de gebeurtenis onload bij <svg>: daarmee draait er een script."),
    ),
    "event_handler_with_a_prefix": (
        f'<svg {SVG} xmlns:s="http://www.w3.org/2000/svg" s:onload="alert(1)"/>',
        says("heeft op regel 1 het attribuut s:onload bij <svg>" + NOT_ALLOWED),
    ),
    "animation_setting_an_href": (
        f'{OPEN}<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
        says("bevat op regel 1 <a>" + NOT_ALLOWED),
    ),
    "animate": (
        f'{OPEN}<animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>',
        says("bevat op regel 1 <animate>" + NOT_ALLOWED),
    ),
    "set": (
        f'{OPEN}<set attributeName="fill" to="red"/></svg>',
        says("bevat op regel 1 <set>" + NOT_ALLOWED),
    ),
    "image_from_another_host": (
        f'{OPEN}<image href="https://evil.example/track.png"/></svg>',
        says("bevat op regel 1 <image>" + NOT_ALLOWED),
    ),
    "image_as_data_address": (
        f'{OPEN}<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/></svg>',
        says("bevat op regel 1 <image>" + NOT_ALLOWED),
    ),
    "doctype_with_an_entity": (
        '<!DOCTYPE svg [<!ENTITY s "&#60;script>alert(1)&#60;/script>">]>\n' + f"<svg {SVG}>&s;</svg>",
        says("heeft op regel 1 een <!DOCTYPE> of <!ENTITY>" + NOT_ALLOWED),
    ),
    "billion_laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10)
        )
        + f"]>\n<svg {SVG}><text>&lol9;</text></svg>",
        says("heeft op regel 2 een <!DOCTYPE> of <!ENTITY>" + NOT_ALLOWED),
    ),
    "external_doctype": (
        f'<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd">\n<svg {SVG}/>',
        says("heeft op regel 1 een <!DOCTYPE> of <!ENTITY>" + NOT_ALLOWED),
    ),
    "stylesheet_instruction": (
        '<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/x.css"?>\n' + f"<svg {SVG}/>",
        says("heeft op regel 2 de instructie <?xml-stylesheet ...?>" + NOT_ALLOWED),
    ),
    "unclosed_tag": (
        f'{OPEN}\n<g>\n<rect width="9"/>\n</svg>',
        says("is geen geldige XML: regel 4: mismatched tag."),
    ),
    "unclosed_file": (
        f"{OPEN}\n<g>",
        says("is geen geldige XML: regel 2: no element found."),
    ),
    "undefined_entity": (
        f"{OPEN}\n<text>&nbsp;</text></svg>",
        says("is geen geldige XML: regel 2: undefined entity."),
    ),
    "empty_file": ("", says("is geen geldige XML: regel 1: no element found.")),
    "html_disguised_as_svg": (
        "<html><body><script>alert(1)</script></body></html>",
        says('begint op regel 1 met <html> in plaats van <svg xmlns="http://www.w3.org/2000/svg">.'),
    ),
    "svg_without_namespace": (
        "<svg><script>alert(1)</script></svg>",
        says('begint op regel 1 met <svg> in plaats van <svg xmlns="http://www.w3.org/2000/svg">.'),
    ),
    "not_utf8": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>\xff</text></svg>',
        says("is niet in UTF-8 geschreven (bij byte 46)."),
    ),
    "declared_other_encoding": (
        f'<?xml version="1.0" encoding="UTF-7"?><svg {SVG}>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</svg>',
        says("zegt op regel 1 dat het in UTF-7 is geschreven; alleen UTF-8 kan."),
    ),
    "editor_attribute": (
        f'{OPEN}<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Laag 1"/></svg>',
        says("heeft op regel 1 het attribuut inkscape:label bij <g>" + NOT_ALLOWED),
    ),
    "xml_base": (
        f'{OPEN}<g xml:base="https://evil.example/"/></svg>',
        says("heeft op regel 1 het attribuut xml:base bij <g>" + NOT_ALLOWED),
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_hostile_svg_logo_is_refused_with_the_exact_message(case):
    svg, expected = REFUSED[case]
    assert refusal(svg) == expected


# What real exports look like (Illustrator's <style> with classes, Inkscape's plain SVG
# with metadata): these must pass.
ILLUSTRATOR = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Laag_1" {SVG} {XLINK} x="0px" y="0px"
\t viewBox="0 0 120 120" style="enable-background:new 0 0 120 120;" xml:space="preserve">
<style type="text/css">
\t.st0{{fill:url(#SVGID_1_);}}
\t.st1{{fill:none;stroke:#1D1D1B;stroke-width:2;stroke-miterlimit:10;}}
\t.st2{{font-family:'MyriadPro-Regular'; font-size:12px;}}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="60" x2="120" y2="60">
\t<stop  offset="0" style="stop-color:#E30613"/>
\t<stop  offset="1" style="stop-color:#0069B4"/>
</linearGradient>
<circle class="st0" cx="60" cy="60" r="50"/>
<path data-name="Pad (kopie)" class="st1" d="M20,60h80"/>
<text transform="matrix(1 0 0 1 30 105)" class="st2">Alfa</text>
</svg>
"""
INKSCAPE_PLAIN = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="64" height="64" viewBox="0 0 64 64" version="1.1" {SVG} {XLINK}
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title>Logo van Alfa</title>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
    <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>
  <defs><clipPath id="c"><rect width="64" height="64" rx="8"/></clipPath>
    <radialGradient id="g" cx="32" cy="32" r="32" gradientUnits="userSpaceOnUse">
      <stop offset="0" style="stop-color:#ffcc00;stop-opacity:1"/><stop offset="1" stop-color="#e30613"/>
    </radialGradient><symbol id="s" viewBox="0 0 10 10"><path d="M0 0L10 10" stroke="#000"/></symbol></defs>
  <g clip-path="url(#c)" transform="translate(0,0) scale(1)">
    <rect width="64" height="64" style="fill:url(#g);fill-opacity:1;stroke:none" />
    <use href="#s" x="8" y="8" width="48" height="48"/><use xlink:href="#s" x="16" y="16"/>
    <text x="32" y="60" text-anchor="middle" font-family="sans-serif" font-size="8">&lt;script&gt;</text>
  </g>
</svg>
"""
# The entity case: &#60;script is only text, the characters "<script"; inert.
ENTITY_TEXT = f"<svg {SVG}><text>&#60;script>window.__pwned=1;alert(1)&#60;/script></text></svg>"


@pytest.mark.parametrize(
    "svg", [ILLUSTRATOR, INKSCAPE_PLAIN, ENTITY_TEXT], ids=["illustrator", "inkscape", "entity"]
)
def test_a_plain_svg_logo_is_accepted(svg):
    assert refusal(svg) == ""


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(alphabet="<>/=\"'&#;:!?[]{} svgxmlnsaio-", max_size=300))
def test_no_input_crashes_the_svg_check(data):
    refusal(data)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(INKSCAPE_PLAIN) - 1), st.integers(1, 40))
def test_no_cut_of_a_real_logo_crashes_the_svg_check(start, length):
    refusal(INKSCAPE_PLAIN[:start] + INKSCAPE_PLAIN[start + length :])


def report(project) -> str:
    with pytest.raises(BuildError) as info:
        check(project, today=TODAY)
    return info.value.report()


def test_a_one_megabyte_svg_is_refused_by_its_size_before_it_is_read(make_project):
    huge = (f"<svg {SVG}>" + "<g>" * 400_000)[: 1024 * 1024]
    project = make_project({"signatories.yaml": signatories(), LOGO: huge})
    assert report(project) == (
        f"signatories.yaml:8: het logo '{LOGO}' is 1024 KB; het maximum is 200 KB.\n"
        "  Tip: Verklein het logo; bezoekers met weinig data zullen je dankbaar zijn."
    )


def test_a_prefixed_script_is_refused_in_a_build_at_the_logo_line(make_project):
    svg = REFUSED["prefixed_svg_script"][0]
    project = make_project({"signatories.yaml": signatories(), LOGO: svg})
    assert report(project) == (
        says("bevat op regel 1 <s:script>" + NOT_ALLOWED) + "\n  Tip: Een logo mag alleen tekenen: geen "
        "scripts, links, animaties, ingesloten beelden of pagina's (foreignObject). "
        "Exporteer het als eenvoudige SVG of als PNG."
    )


def test_the_svg_messages_are_in_english_too(make_project):
    project = make_project({"signatories.yaml": signatories(), LOGO: REFUSED["xlink_href_javascript"][0]})
    with pytest.raises(BuildError) as info:
        check(project, today=TODAY)
    assert info.value.report("en") == (
        f"signatories.yaml:8: the SVG logo '{LOGO}' refers to 'javascript:alert(1)' on line 1 "
        "(xlink:href on <use>); a logo may only refer to its own parts.\n"
        '  Hint: Refer only with "#name" or url(#name) to something in the logo itself, '
        "or save the logo as PNG."
    )


def test_files_in_static_logos_that_no_entry_names_are_refused_by_name(make_project):
    project = make_project(
        {
            "signatories.yaml": signatories(),
            LOGO: INKSCAPE_PLAIN,
            "static/logos/oud/beta.png": b"\x89PNG\r\n\x1a\n",
            "static/logos/Alfa.svg": INKSCAPE_PLAIN,
            "static/logos/aanval.html": "<script>alert(document.domain)</script>",
            "static/logos/x.svg.js": "alert(1)",
            "static/logos/LEESMIJ": "notities",
        }
    )
    unused = "dit bestand staat in static/logos/, maar geen ondertekenaar in signatories.yaml gebruikt het."
    wrong = "in static/logos/ mogen alleen logo's staan (.png, .svg of .webp); dit bestand is dat niet."
    lines = [line for line in report(project).splitlines() if not line.startswith("  ")]
    assert lines == [
        f"static/logos/Alfa.svg: {unused}",
        f"static/logos/LEESMIJ: {wrong}",
        f"static/logos/aanval.html: {wrong}",
        f"static/logos/oud/beta.png: {unused}",
        f"static/logos/x.svg.js: {wrong}",
    ]


def test_a_logo_named_by_an_entry_with_another_mistake_is_not_called_unused(make_project):
    """Regression: only entries without mistakes became signatories, so their logo looked unused."""
    project = make_project({"signatories.yaml": signatories(municipality="jouw gemeente"), LOGO: ILLUSTRATOR})
    assert report(project).splitlines()[0] == (
        "signatories.yaml:3: in 'municipality' staat nog voorbeeldtekst ('jouw gemeente')."
    )
    assert "static/logos/" not in report(project).replace(LOGO + "'", "")


def test_an_unused_logo_is_found_in_a_long_list_read_in_parts(make_project):
    """A list over 1 MB is read in groups (and over 4 MB in two processes): each part
    tells which logos its entries name."""
    entries = [signatories()]
    for number in range(6000):
        entries.append(
            f"- name: Zz Testorganisatie {number:05d}\n  type: overig\n  municipality: Utrecht\n"
            f"  province: Utrecht\n  url: https://zz{number}.example.net/\n  signed: 2026-01-15\n"
            f"  verified: e-mail\n  statement: {'Wij steunen sleutelpersonen. ' * 6}\n"
        )
    text = "\n".join(entries)
    assert len(text) > 1024 * 1024
    project = make_project({"signatories.yaml": text, LOGO: ILLUSTRATOR, "static/logos/zz.svg": ILLUSTRATOR})
    assert report(project).splitlines()[0] == (
        "static/logos/zz.svg: dit bestand staat in static/logos/, maar geen ondertekenaar in "
        "signatories.yaml gebruikt het."
    )


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory):
    project = copy_project(
        tmp_path_factory.mktemp("logo") / "p", {"signatories.yaml": signatories(), LOGO: INKSCAPE_PLAIN}
    )
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    return out


def test_a_named_logo_reaches_the_site_unchanged(logo_site):
    assert (logo_site / LOGO).read_text(encoding="utf-8") == INKSCAPE_PLAIN
    assert sorted(p.name for p in (logo_site / "static" / "logos").iterdir()) == ["alfa.svg"]


@pytest.mark.browser
def test_an_accepted_logo_renders_and_the_refused_ones_would_have_run(logo_site, tmp_path):
    """The accepted logo draws on the page and runs nothing when opened itself; the
    refused inputs of the issue are real: opened as they are, Chromium runs them."""
    (logo_site / "static" / "logos" / "entity.svg").write_text(ENTITY_TEXT, encoding="utf-8")
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    attacks = (
        "prefixed_svg_script",
        "xhtml_script_in_foreign_object",
        "xhtml_script_inside_metadata",
        "onload",
    )
    for case in attacks:
        (hostile / f"{case}.svg").write_text(REFUSED[case][0], encoding="utf-8")
    dialogs: list[str] = []
    with serve_folder(logo_site) as site, serve_folder(hostile) as raw, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(page.url.rsplit("/", 1)[-1]), d.dismiss()))
        page.goto(site + "/ondertekenaars/")
        drawn = page.locator("img.logo").evaluate("img => img.complete && img.naturalWidth")
        for logo in ("alfa.svg", "entity.svg"):
            page.goto(f"{site}/static/logos/{logo}")
            assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        for case in attacks:
            page.goto(f"{raw}/{case}.svg")
            wait_until(page, "document.readyState === 'complete'")
        browser.close()
    assert drawn == 64
    assert dialogs == [f"{case}.svg" for case in attacks]
