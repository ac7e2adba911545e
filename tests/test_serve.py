"""The live preview: a bad edit shows an overlay over the last good pages and the preview
recovers by itself; after any sequence of edits the preview equals a clean build."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, wait_until
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from conftest import ROOT, TODAY, copy_project
from sleutelsite.serve import PreviewSite

EPOCH = str(int(dt.datetime(2026, 11, 30, tzinfo=dt.UTC).timestamp()))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def wait_for(predicate, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


class Server:
    def __init__(self, project: Path, tmp: Path) -> None:
        self.port = free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        self.log = (tmp / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--project", str(project),
             "--port", str(self.port), "--out", str(tmp / "preview")],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        )  # fmt: skip
        wait_for(lambda: fetch(self.address + "/")[0] == 200)

    def page(self, path: str) -> str:
        return fetch(self.address + path)[1]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def server_for(tmp_path):
    servers = []

    def start(project: Path) -> Server:
        servers.append(Server(project, tmp_path))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_bad_edit_shows_overlay_and_the_preview_recovers(tmp_path, server_for):
    project = copy_project(tmp_path / "p")
    server = server_for(project)
    assert "<h1>Manifest</h1>" in server.page("/manifest/")
    manifest = project / "content" / "manifest.md"
    good = manifest.read_text()
    manifest.write_text(good.replace("title: Manifest", "titel: Manifest"))
    html = wait_for(lambda: (h := server.page("/manifest/")) and "preview-error" in h and h)
    assert "content/manifest.md:2" in html
    assert "onbekend veld &#x27;titel&#x27;. Bedoel je &#x27;title&#x27;?" in html
    assert "&gt;    2 | titel: Manifest" in html  # the offending source line, marked
    assert "Tip: Verander &#x27;titel&#x27; in &#x27;title&#x27;." in html
    assert "<h1>Manifest</h1>" in html  # the last good page is still there, under the overlay
    assert server.process.poll() is None
    manifest.write_text(good.replace("title: Manifest", "title: Manifest hersteld"))
    html = wait_for(lambda: (h := server.page("/manifest/")) and "hersteld" in h and h)
    assert "preview-error" not in html


def test_a_broken_first_build_shows_the_overlay_and_recovers(tmp_path, server_for):
    project = copy_project(
        tmp_path / "p", {"templates/page.html": '{% extends "base.html" %}\n{% block content %}{{ x }\n'}
    )
    server = server_for(project)
    html = server.page("/")
    assert "preview-error" in html and "templates/page.html:2" in html
    (project / "templates" / "page.html").write_text('{% extends "base.html" %}\n')
    wait_for(lambda: "<h1>Manifest</h1>" in server.page("/manifest/"))
    assert "preview-error" not in server.page("/manifest/")


def test_drafts_show_in_the_preview_with_a_notice(tmp_path, server_for):
    project = copy_project(
        tmp_path / "p", {"content/concept.md": "---\ntitle: Concept\ndraft: true\n---\nTekst.\n"}
    )
    server = server_for(project)
    assert "Concept: deze pagina staat alleen in het voorbeeld" in server.page("/concept/")
    assert "Concept: deze pagina" not in server.page("/manifest/")


@contextmanager
def preview_in_browser(server: Server, path: str):
    """Chromium with `path` of the preview open and its live connection up."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.address + path)
        wait_until(page, "window.__previewConnected === true")
        yield page
        browser.close()


def test_the_browser_reloads_by_itself_after_an_edit(tmp_path, server_for):
    project = copy_project(tmp_path / "p")
    server = server_for(project)
    with preview_in_browser(server, "/manifest/") as page:
        time.sleep(0.3)  # the websocket handshake
        manifest = project / "content" / "manifest.md"
        manifest.write_text(manifest.read_text().replace("title: Manifest", "title: Vanzelf vernieuwd"))
        page.wait_for_selector("h1:has-text('Vanzelf vernieuwd')", timeout=10_000)


def test_a_style_edit_reloads_the_page_with_the_new_hashed_style_sheet(tmp_path, server_for):
    """The style sheet's name follows its bytes (site.1a2b3c4d5e.css): after an edit the
    page reloads and names the new file, so the preview shows the new style at once."""
    project = copy_project(tmp_path / "p")
    server = server_for(project)
    with preview_in_browser(server, "/manifest/") as page:
        time.sleep(0.3)  # the websocket handshake
        before = page.eval_on_selector("link[rel=stylesheet]", "link => link.href")
        css = project / "static" / "css" / "site.css"
        css.write_text(css.read_text() + "\nh1 { color: rgb(1, 2, 3); }\n")

        def restyled() -> bool:
            try:  # (while the page reloads, there is nothing to ask)
                color = page.evaluate("() => getComputedStyle(document.querySelector('h1')).color")
            except PlaywrightError:
                return False
            return color == "rgb(1, 2, 3)"

        wait_for(restyled)
        after = page.eval_on_selector("link[rel=stylesheet]", "link => link.href")
    assert before != after and after.rsplit("/", 1)[-1].startswith("site.")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_thirty_random_edits_end_in_the_same_site_as_a_clean_build(tmp_path):
    project = copy_project(tmp_path / "p")
    preview = PreviewSite(project, tmp_path / "served", "http://127.0.0.1:9999/", 9999, TODAY)
    preview.rebuild()
    rng = random.Random(30)
    story = project / "content" / "verhalen" / "testpersoon.md"
    edits = [
        lambda n: (project / "content" / "manifest.md").write_text(
            f"---\ntitle: Manifest {n}\n---\nTekst {n}.\n"
        ),
        lambda n: story.write_text(story.read_text().replace("Een kort verhaal", f"Een kort verhaal {n}")),
        lambda n: (project / "content" / f"extra-{n % 3}.md").write_text(
            f"---\ntitle: Extra {n}\n---\n[Tips](/tips/)\n"
        ),
        lambda n: [p.unlink() for p in (project / "content").glob("extra-*.md")][:0],
        lambda n: (project / "content" / "over.md").write_text("---\ntitel: kapot\n---\n"),  # a bad edit
        lambda n: (project / "content" / "over.md").write_text(
            f"---\ntitle: Over {n}\n---\n## Contact {{#contact}}\n"
        ),
        lambda n: (project / "templates" / "page.html").write_text(
            '{% extends "base.html" %}\n'
            + ("{% block content %}<p>v" + str(n) + "</p>{{ content|safe }}{% endblock %}\n" if n % 2 else "")
        ),
        lambda n: (project / "signatories.yaml").write_text(
            (project / "signatories.yaml").read_text().replace("2026-01-15", f"2026-01-{10 + n % 10:02d}")
        ),
        lambda n: (project / "content" / "tips" / "01-eerste.md").write_text(
            f"---\nnumber: 1\ntitle: Eerste tip {n}\n---\nDoe dit {n}.\n"
        ),
    ]
    for n in range(30):
        rng.choice(edits)(n)
        preview.rebuild()
    (project / "content" / "over.md").write_text("---\ntitle: Over\n---\n## Contact {#contact}\n")
    preview.rebuild()
    assert preview.problems == ()
    clean = PreviewSite(project, tmp_path / "clean", "http://127.0.0.1:9999/", 9999, TODAY)
    clean.rebuild()
    assert tree(tmp_path / "served") == tree(tmp_path / "clean")


def test_a_content_edit_is_swapped_into_the_open_page_and_its_scripts_run_again(tmp_path, server_for):
    project = copy_project(tmp_path / "p")
    server = server_for(project)
    with preview_in_browser(server, "/ondertekenaars/") as page:
        page.evaluate("window.__sameDocument = true")
        intro = project / "content" / "ondertekenaars.md"
        intro.write_text(
            intro.read_text().replace(
                "Deze organisaties tekenden.", "Deze organisaties tekenden, bijgewerkt."
            )
        )
        page.wait_for_selector("text=Deze organisaties tekenden, bijgewerkt.", timeout=10_000)
        assert page.evaluate("window.__sameDocument") is True  # swapped in, not reloaded
        page.wait_for_selector("#filter-count:has-text('2 van 2')")  # the list's script ran again
        page.select_option("select[name=province]", "Utrecht")
        assert page.locator("#filter-count").inner_text() == "1 van 2 organisaties"
        template = project / "templates" / "signatories.html"
        template.write_text(template.read_text().replace("{{ t.sign_too }}", "{{ t.sign_too }}!"))
        page.wait_for_selector("text=Onderteken ook!", timeout=10_000)
        assert page.evaluate("window.__sameDocument") is None  # a template change reloads the page


ODD_PATHS = ["/%00", "/manifest/%00", "/a%00b.html", "/%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd",
             "/..%2f..%2fetc%2fpasswd", "/" + "a" * 300, "/" + "a/" * 3000, "/%ff%fe", "/%c3%28",
             "//etc/passwd"]  # fmt: skip


def test_an_odd_address_is_refused_or_not_found_never_a_server_error(tmp_path, server_for):
    """Regression: `/%00` answered 500 (tornado hit 'embedded null byte')."""
    import http.client

    server = server_for(copy_project(tmp_path / "p"))
    answers = {}
    for path in ODD_PATHS:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        answers[path[:30]] = response.status
        response.read()
        connection.close()
    assert answers["/%00"] == 400
    assert all(status in (400, 403, 404) for status in answers.values()), answers
    assert "<h1>Manifest</h1>" in server.page("/manifest/")
    assert "Uncaught exception" not in (tmp_path / "serve.log").read_text()


def test_a_status_edit_shows_on_the_municipality_page_and_a_wrong_one_says_what_to_fix(tmp_path, server_for):
    status = "municipality: Utrecht\nstatus: besluit\ndate: 2026-11-02\nsources:\n  - title: Motie\n"
    project = copy_project(tmp_path / "p", {"gemeenten/utrecht.yaml": status})
    shutil.copytree(ROOT / "data" / "nl", project / "data" / "nl")
    server = server_for(project)
    assert "Motie of besluit" in server.page("/gemeenten/utrecht/")
    (project / "gemeenten" / "utrecht.yaml").write_text(status.replace("besluit", "betaald"))
    wait_for(lambda: "Sleutelpersonen betaald aan het werk" in server.page("/gemeenten/utrecht/"))
    (project / "gemeenten" / "utrecht.yaml").write_text(status.replace("  - title: Motie\n", ""))
    html = wait_for(lambda: (h := server.page("/gemeenten/utrecht/")) and "preview-error" in h and h)
    assert "gemeenten/utrecht.yaml:2" in html and "heeft een bron nodig" in html
