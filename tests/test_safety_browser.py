"""The safety check reads HTML as Chromium does, and what it lets through is inert there.

The check's claim rests on its parser: for the inputs that fooled the old check, the
elements and attributes Lexbor builds (in the page's context) are those that Chromium
builds from the same page. And texts the check accepts although they look dangerous run
nothing, load nothing and go nowhere in Chromium.
"""

from __future__ import annotations

from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from playwright.sync_api import sync_playwright

from conftest import TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.render.safety import _AFTER, _BEFORE

TRICKY_HTML = (
    '<textarea><p title="</textarea><img src=x onerror=1>">',
    '<xmp><p title="</xmp><img src=x onerror=1>">',
    '<noscript><p title="</noscript><img src=x onerror=1>">',
    '<title><p title="</title><img src=x onerror=1>">',
    '<!--><meta http-equiv="refresh" content="999;url=/x">-->',
    '<!---><meta http-equiv="refresh" content="999;url=/x">-->',
    '<!--!><meta http-equiv="refresh" content="999;url=/x">-->',
    "<svg><p><style><img src=x onerror=1></style></p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=1>",
    '<image src="/x.png"><p>a<b>b<p>c</b>d',
    "<table><tr><td>x</td></tr><img src=x onerror=1></table>",
    '<p>a</p></div><body onmouseover="1"><div>b',
    '<a href="/x">a<a href="/y">b</a><img src=x alt="<img src=y onerror=1>">',
    "<select><option>a<img src=x onerror=1></select>",
    '<div>\n<img src="https://evil.example/?\n</div><p id="after">x</p>',
)


def lexbor_reading(html: str) -> list[tuple[str, tuple[str, ...]]]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_BEFORE + html + _AFTER, scripting=True)
    nodes = [tree.root, tree.body, *list(tree.body.traverse(include_text=False))[1:]]
    return [(n.tag.lower(), tuple(sorted(n.attributes))) for n in nodes if n.tag != "-comment"]


CHROMIUM_READING = """() => [document.documentElement, document.body, ...document.body.querySelectorAll('*')]
    .map(e => [e.localName.toLowerCase(), e.getAttributeNames().sort()])"""


def test_the_check_reads_tricky_html_as_chromium_does():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: d.dismiss())
        readings = []
        for html in TRICKY_HTML:
            page.set_content(_BEFORE + html + _AFTER)
            readings.append([(tag, tuple(names)) for tag, names in page.evaluate(CHROMIUM_READING)])
        browser.close()
    for html, chromium in zip(TRICKY_HTML, readings, strict=True):
        assert lexbor_reading(html) == chromium, html


ACCEPTED_BUT_TRICKY = (
    'Hallo {: onmouseover="window.__pwned=1" } blijft tekst.',
    '<!--!><meta http-equiv="refresh" content="0;url=https://evil.example/">-->',
    "Een los teken: a < b, <img src=x onerror=window.__pwned=1 en &lt;script&gt;",
    '[tekst](/tips/ "a" onmouseover="window.__pwned=1")',
    '<p>Alinea zonder eind\n\n<a href="//evil.example/">een link naar elders</a>',
)


def test_what_the_check_accepts_runs_nothing_and_loads_nothing_from_elsewhere(tmp_path):
    files = {
        f"content/t{n}.md": f"---\ntitle: T{n}\n---\n{body}\n" for n, body in enumerate(ACCEPTED_BUT_TRICKY)
    }
    project = copy_project(tmp_path / "p", files)
    build(project, project / "_site", base_url="http://127.0.0.1/", today=TODAY)
    dialogs: list[str] = []
    hosts: set[str] = set()
    with serve_folder(project / "_site") as address, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
        for n in range(len(ACCEPTED_BUT_TRICKY)):
            page.goto(f"{address}/t{n}/")
            page.mouse.move(200, 300)
            for element in page.locator(".prose *").all()[:20]:
                element.hover()
            page.wait_for_timeout(200)  # a meta refresh of 0 s would have gone by now
            assert page.url == f"{address}/t{n}/"
            assert page.evaluate("typeof window.__pwned") == "undefined", n
        browser.close()
    assert dialogs == []
    assert hosts == {address.split("/")[2]}
