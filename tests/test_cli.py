"""build.py as a person runs it: exit codes, messages, and the previous site kept on errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args, "--project", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "", **(env or {})},
        cwd=project,
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_plain_build_writes_site_and_says_so(make_project):
    project = make_project()
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 12 pagina's naar ")
    assert (project / "_site" / "tips" / "index.html").is_file()


def test_out_and_base_url_options(make_project, tmp_path):
    project = make_project()
    result = run(project, "--out", str(tmp_path / "elders"), "--base-url", "https://example.org/sub/")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "elders" / "index.html").read_text()
    assert 'href="./tips/"' in home  # links are relative: the same folder works anywhere
    assert '<link rel="canonical" href="https://example.org/sub/">' in home  # the base URL sets these
    assert re.search(
        r'href="/sub/static/css/site\.[0-9a-f]{10}\.css"', (tmp_path / "elders" / "404.html").read_text()
    )


def test_errors_exit_1_with_file_line_and_hint_and_keep_the_previous_site(make_project):
    project = make_project()
    assert run(project).returncode == 0
    before = snapshot(project / "_site")
    (project / "content" / "manifest.md").write_text("---\ntitel: Manifest\n---\n", encoding="utf-8")
    (project / "signatories.yaml").write_text("- name: X\n  url: www.x.nl\n", encoding="utf-8")
    result = run(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/manifest.md:2: onbekend veld 'titel'. Bedoel je 'title'?" in result.stderr
    assert "  Tip: Verander 'titel' in 'title'." in result.stderr
    assert (
        "signatories.yaml:2: 'url' moet beginnen met https:// of http:// (nu: \"www.x.nl\")." in result.stderr
    )
    assert snapshot(project / "_site") == before


def test_check_writes_nothing(make_project):
    project = make_project()
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert not (project / "_site").exists()


def test_messages_in_english_on_request(make_project):
    project = make_project({"content/a.md": "---\ntitel: A\n---\n"})
    result = run(project, "check", "--lang", "en")
    assert result.returncode == 1
    assert "content/a.md:2: unknown field 'titel'. Did you mean 'title'?" in result.stderr
    assert "  Hint: Change 'titel' to 'title'." in result.stderr


def test_github_actions_annotations(make_project):
    project = make_project({"content/a.md": "---\ntitel: A\n---\n"})
    result = run(project, "check", env={"GITHUB_ACTIONS": "true"})
    assert (
        "::error file=content/a.md,line=2::onbekend veld 'titel'. Bedoel je 'title'? Verander 'titel' in 'title'."
        in result.stderr.splitlines()
    )


def test_annotations_escape_newlines_and_percent():
    from sleutelsite.errors import Problem

    p = Problem("a,b:c.yaml", 3, "yaml_syntax", (("column", 1), ("detail", "50%\nx")))
    assert p.annotation().startswith(
        "::error file=a%2Cb%3Ac.yaml,line=3::deze regel is geen geldige YAML (50%25%0Ax"
    )


def test_source_date_epoch_sets_today_for_scheduled_pages(make_project):
    project = make_project({"content/later.md": "---\ntitle: Later\npublish: 2027-01-15\n---\nTekst.\n"})
    assert run(project, env={"SOURCE_DATE_EPOCH": "1780272000"}).returncode == 0  # 2026-06-01
    assert not (project / "_site" / "later").exists()
    assert run(project, env={"SOURCE_DATE_EPOCH": "1800000000"}).returncode == 0  # 2027-01-15
    assert (project / "_site" / "later" / "index.html").is_file()


def test_new_story_page_and_tip(make_project):
    project = make_project()
    result = run(project, "new", "story", "Amina El Idrissi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Nieuw: content/verhalen/amina-el-idrissi.md. Het staat als concept (draft: true) in het voorbeeld op /verhalen/amina-el-idrissi/"
    )
    text = (project / "content" / "verhalen" / "amina-el-idrissi.md").read_text()
    assert text.startswith("---\nname: Amina El Idrissi\ndate: ")
    assert run(project, "new", "tip", "Vraag het de buurt").stdout.startswith(
        "Nieuw: content/tips/03-vraag-het-de-buurt.md."
    )
    assert run(project, "new", "page", "Pers: contact").stdout.startswith("Nieuw: content/pers-contact.md.")
    assert 'title: "Pers: contact"' in (project / "content" / "pers-contact.md").read_text()
    assert run(project, "check").returncode == 0  # every new file is valid as it is
    again = run(project, "new", "story", "Amina El Idrissi")
    assert again.returncode == 1
    assert (
        "content/verhalen/amina-el-idrissi.md: dit bestand bestaat al; er is niets overschreven."
        in again.stderr
    )


def test_new_with_an_unknown_kind_lists_the_kinds(make_project):
    result = run(make_project(), "new", "verhaal", "Amina", "--lang", "en")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "build.py new: there is no kind 'verhaal'.\n  Hint: Choose one of: page, story, tip.\n"
    )


def test_schema_writes_the_schema_of_every_kind(make_project):
    project = make_project()
    result = run(project, "schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "OK: 4 schema's bijgewerkt in schema/front-matter/\n"
        "  schema/front-matter/page.schema.json\n"
        "  schema/front-matter/tip.schema.json\n"
        "  schema/front-matter/story.schema.json\n"
        "  schema/front-matter/municipality.schema.json\n"
    )
    assert (project / "schema" / "front-matter" / "story.schema.json").read_bytes() == (
        ROOT / "schema" / "front-matter" / "story.schema.json"
    ).read_bytes()
    assert run(project, "schema").stdout == "OK: 0 schema's bijgewerkt in schema/front-matter/\n"


def test_build_says_when_the_next_scheduled_page_goes_live(make_project):
    project = make_project({"content/later.md": "---\ntitle: Later\npublish: 2027-01-15\n---\nTekst.\n"})
    result = run(project, env={"SOURCE_DATE_EPOCH": "1780272000"})
    assert "Gepland: content/later.md verschijnt op 15 januari 2027" in result.stdout


def test_success_lines_in_english_too(make_project):
    project = make_project()
    result = run(project, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 12 pages to ")


def test_the_markdown_fallback_warning_is_printed_once_in_the_chosen_language(
    make_project, monkeypatch, capsys
):
    import sleutelsite.render.markdown as render_markdown
    from sleutelsite.cli import main

    renamed = (("inline", "inline_patterns"), *render_markdown.RELIES_ON[1:])
    monkeypatch.setattr(render_markdown, "RELIES_ON", renamed)  # as if Markdown renamed it
    project = make_project()
    assert main(["--project", str(project), "--no-cache", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"warning: this version of Python-Markdown ({render_markdown.markdown_release()}) works differently "
        "from what the fast Markdown converter expects (AttributeError: Python-Markdown's inline has no "
        "'inline_patterns' any more); the build uses plain Python-Markdown: the same pages, only slower. "
        "Report it as an issue with this message; until it is fixed you can build as usual.\n"
    )
