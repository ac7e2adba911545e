"""Hostile input: every field from strangers stays text, nothing runs on a visitor's page.

The corpus has two parts. Rejected inputs live in tests/invalid/ (each with its exact
message); HOSTILE_REJECTED names the ones that are attacks rather than mistakes. Inert
inputs are accepted but must render as plain text: they are built into a site here and
opened in headless Chromium, where no script may run and no dialog may open.
"""

from __future__ import annotations

import json

import pytest
import yaml
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from playwright.sync_api import sync_playwright

from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.errors import BuildError
from sleutelsite.load.signatories import sort_key

HOSTILE_REJECTED = (
    "sig-url-javascript", "sig-url-data", "sig-url-credentials", "sig-url-protocol-relative",
    "sig-anchor-alias", "sig-custom-tag", "sig-duplicate-key", "sig-mixed-script",
    "sig-invisible-character", "sig-email-in-statement", "sig-phone-in-name",
    "sig-duplicate-name", "sig-duplicate-domain", "sig-logo-svg-script", "sig-logo-outside",
    "sig-logo-too-big", "sig-name-read-as-bool", "sig-statement-too-long",
    "md-script", "md-event-handler", "md-javascript-link", "md-entity-javascript",
    "md-iframe", "md-svg-onload", "md-data-url", "md-style", "external-image",
    "sig-url-quote-attribute", "md-remote-img-tag", "logo-not-an-image", "logo-unused-file",
    "md-attr-list-handler", "md-textarea-hides-tag",
    "md-comment-meta-refresh", "md-srcset-remote", "md-protocol-relative-image", "md-style-url",
    "md-slow-brackets", "md-slow-tag",
)  # fmt: skip
# Tested below rather than as folders: git cannot safely carry links out of the repository.
HOSTILE_LINKS = (
    "static/img/secret.png -> /etc/passwd",
    "content/x.md -> /etc/hostname",
    "signatories.yaml -> /etc/passwd",
)

PAYLOAD = "window.__pwned=1;alert(1)"
HOSTILE_NAMES = (
    f"<script>{PAYLOAD}</script>",
    f'"><img src=x onerror="{PAYLOAD}">',
    f"</bdi></a><svg onload={PAYLOAD}>",
    "{{ 7*7 }} {% raw %}",
    "${7*7} #{7*7}",
    f"<iframe src=javascript:{PAYLOAD}>",
    "&lt;b&gt;entity&lt;/b&gt; &amp;",
    f"' onmouseover='{PAYLOAD}",
    f"<a href=javascript:{PAYLOAD}>x</a>",
    "=HYPERLINK(\"https://evil.example\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "<!-- comment --><style>body{display:none}</style>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={PAYLOAD}>",
    "Naam met 'enkele' en \"dubbele\" aanhalingstekens",
    f"<details open ontoggle={PAYLOAD}>",
)  # fmt: skip
# Names with markup are refused (see below); the rest must render as plain text.
MARKUP_NAMES = tuple(n for n in HOSTILE_NAMES if "<" in n or ">" in n)
INERT_NAMES = tuple(n for n in HOSTILE_NAMES if n not in MARKUP_NAMES)
INERT_CONTENT = (
    "```html\n<script>window.__pwned=1</script>\n```",
    "Inline code: `<img src=x onerror=alert(1)>`",
    "Tekst met &lt;script&gt; als tekst.",
    'Een link met een titel: [tips](/tips/ "a&quot; onmouseover=&quot;alert(1)")',
    "    <script>alert('ingesprongen code')</script>",
)


def inert_signatories() -> str:
    entries = []
    for number, name in enumerate(sorted(INERT_NAMES, key=sort_key)):
        entries.append(
            {
                "name": name,
                "type": "overig",
                "municipality": name[:40],
                "province": "Utrecht",
                "url": f"https://org{number}.example.net/?q={number}",
                "signed": "2026-01-01",
                "verified": "e-mail",
                "statement": name,
            }
        )
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False).replace("'2026-01-01'", "2026-01-01")


def test_the_corpus_has_at_least_forty_hostile_inputs():
    missing = [
        c for c in HOSTILE_REJECTED if not (ROOT / "tests" / "invalid" / c / "expected_error.txt").is_file()
    ]
    assert not missing
    assert len(HOSTILE_REJECTED) + len(HOSTILE_LINKS) + len(HOSTILE_NAMES) + len(INERT_CONTENT) >= 40
    assert len(INERT_NAMES) >= 5 and len(MARKUP_NAMES) >= 5


@pytest.mark.parametrize("name", MARKUP_NAMES)
@pytest.mark.parametrize("key", ["name", "municipality", "statement"])
def test_markup_in_a_signatory_text_is_refused_with_the_plain_text_to_write(tmp_path, key, name):
    values = {"name": "Stichting Alfa", "municipality": "Utrecht", "statement": "Wij steunen dit."} | {
        key: name
    }
    entry = {"name": values["name"], "type": "overig", "municipality": values["municipality"],
             "province": "Utrecht", "url": "https://alfa.example.org/", "signed": "2026-01-01",
             "verified": "e-mail", "statement": values["statement"]}  # fmt: skip
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000).replace(
        "'2026-01-01'", "2026-01-01"
    )
    project = copy_project(tmp_path / "p", {"signatories.yaml": text})
    with pytest.raises(BuildError) as info:
        build(project, project / "_site", today=TODAY)
    line = 1 + list(entry).index(key)
    found = [p for p in info.value.problems if p.code == "markup_in_text"]
    assert [(p.line, dict(p.args)["key"]) for p in found] == [(line, key)]
    char = next(c for c in name if c in "<>")
    assert (
        found[0]
        .format("en")
        .startswith(
            f"signatories.yaml:{line}: '{key}' contains a '{char}': characters of HTML code do not belong in this public file."
        )
    )
    assert "<" not in found[0].hint("en").removeprefix("Write plain text without < and >")


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_symlinks_out_of_the_project_are_refused(tmp_path, link):
    rel, target = link.split(" -> ")
    project = copy_project(tmp_path / "p")
    (project / rel).unlink(missing_ok=True)
    (project / rel).symlink_to(target)
    with pytest.raises(BuildError) as info:
        build(project, project / "_site", today=TODAY)
    assert info.value.report().startswith(
        f"{rel}: deze snelkoppeling (symlink) wijst naar een plek buiten het project."
    )
    assert not (project / "_site").exists()


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory):
    files = {"signatories.yaml": inert_signatories()}
    for number, body in enumerate(INERT_CONTENT):
        files[f"content/inert-{number}.md"] = f"---\ntitle: Inert {number}\n---\n{body}\n"
    project = copy_project(tmp_path_factory.mktemp("h") / "p", files)
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    return out


def test_the_sort_rule_does_not_reject_the_inert_corpus(inert_site):
    data = json.loads((inert_site / "ondertekenaars.json").read_text())
    assert {s["name"] for s in data["signatories"]} == set(INERT_NAMES)


def test_no_markup_from_signatories_reaches_the_html(inert_site):
    html = (inert_site / "ondertekenaars" / "index.html").read_text()
    assert "<script>window" not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=window", "X")
    assert "onmouseover='" not in html
    assert f"&#39; onmouseover=&#39;{PAYLOAD}" in html


def test_no_script_runs_and_no_dialog_opens_in_a_browser(inert_site):
    dialogs: list[str] = []
    paths = ["/ondertekenaars/", "/"] + [f"/inert-{n}/" for n in range(len(INERT_CONTENT))]
    with serve_folder(inert_site) as address, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in paths:
            page.goto(address + path)
            page.mouse.move(100, 300)
            for link in page.locator(".signatory-name").all()[:3]:
                link.hover()
            assert page.evaluate("typeof window.__pwned") == "undefined", path
        shown = page.goto(address + "/ondertekenaars/") and page.locator(".signatory-name").all_inner_texts()
        browser.close()
    assert dialogs == []
    assert "{{ 7*7 }} {% raw %}" in shown and f"' onmouseover='{PAYLOAD}" in shown
