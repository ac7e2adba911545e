"""Parsing and validation: exact messages, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, TODAY, copy_project
from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.load.signatories import sort_key

OPTIONS = Options(today=TODAY)


def problems_of(project) -> str:
    with pytest.raises(BuildError) as info:
        load_site(project, OPTIONS)
    return info.value.report()


def test_the_mini_project_loads(make_project):
    site = load_site(make_project(), OPTIONS)
    assert [p.url for p in site.pages] == [
        "/", "/404.html", "/aan-de-slag/", "/film/", "/gemeenten/", "/manifest/", "/onderteken/",
        "/ondertekenaars/", "/over/", "/tips/", "/verhalen/",
    ]  # fmt: skip
    assert [t.number for t in site.tips] == [1, 2]
    assert [s.url for s in site.stories] == ["/verhalen/testpersoon/"]
    assert [s.name for s in site.signatories] == ["Stichting Alfa Testhuis", 'Buurtnetwerk "Bèta" & Co']
    assert site.signatories[0].line == 1
    assert site.signatories[1].line == 9


def test_unknown_story_key_suggests_the_right_one(make_project):
    project = make_project(
        {"content/verhalen/lubna.md": "---\nname: Lubna\ndate: 2026-11-30\nsumary: s\n---\nTekst\n"}
    )
    assert problems_of(project) == (
        "content/verhalen/lubna.md:4: onbekend veld 'sumary'. Bedoel je 'summary'?\n"
        "  Tip: Verander 'sumary' in 'summary'."
    )


def test_unknown_key_on_a_page_suggests_title(make_project):
    project = make_project({"content/extra.md": "---\ntitel: Extra\n---\nTekst\n"})
    assert problems_of(project) == (
        "content/extra.md:2: onbekend veld 'titel'. Bedoel je 'title'?\n  Tip: Verander 'titel' in 'title'."
    )


def test_broken_front_matter_yaml_names_the_file_line(make_project):
    project = make_project({"content/extra.md": "---\ntitle: Extra\ndescription: Een: twee\n---\nTekst\n"})
    assert problems_of(project) == (
        "content/extra.md:3: er staat een dubbele punt in een waarde zonder aanhalingstekens (kolom 17).\n"
        "    | description: Een: twee\n"
        '  Tip: Zet de hele waarde tussen aanhalingstekens, bijvoorbeeld: name: "Stichting: De Brug".'
    )


def test_all_problems_of_a_run_come_at_once(make_project):
    project = make_project(
        {
            "content/a.md": "---\ntitle: A\nlayout: geen.html\n---\n",
            "content/b.md": "no front matter\n",
            "content/c.md": "---\ntitle: C\n---\n![](/static/img/bestaat-niet.png)\n",
        }
    )
    report = problems_of(project)
    assert "content/a.md:3: de template 'geen.html' bestaat niet in templates/." in report
    assert "content/b.md:1: het bestand begint niet met front matter" in report
    assert "content/c.md:4: dit beeld heeft geen beschrijving (alt-tekst)." in report
    assert "content/c.md:4: het beeld '/static/img/bestaat-niet.png' bestaat niet." in report


def test_text_read_as_yes_no_is_explained(make_project):
    project = make_project({"content/a.md": "---\ntitle: no\n---\n"})
    assert problems_of(project).startswith(
        "content/a.md:2: 'title: no' wordt gelezen als ja/nee in plaats van als tekst.\n"
        '  Tip: Zet de waarde tussen aanhalingstekens: title: "no".'
    )


def test_duplicate_keys_are_rejected(make_project):
    project = make_project({"content/a.md": "---\ntitle: A\ntitle: B\n---\n"})
    assert problems_of(project).startswith(
        "content/a.md:3: het veld 'title' staat hier voor de tweede keer (eerst op regel 2)."
    )


def test_draft_and_scheduled_pages_stay_out_of_a_build(make_project):
    project = make_project(
        {
            "content/concept.md": "---\ntitle: Concept\ndraft: true\n---\n",
            "content/later.md": "---\ntitle: Later\npublish: 2027-01-15\n---\n",
            "content/eerder.md": "---\ntitle: Eerder\npublish: 2026-11-30\n---\n",
        }
    )
    urls = {p.url for p in load_site(project, OPTIONS).pages}
    assert "/eerder/" in urls
    assert "/concept/" not in urls and "/later/" not in urls
    urls = {p.url for p in load_site(project, Options(today=TODAY, include_drafts=True)).pages}
    assert {"/concept/", "/later/"} <= urls


def test_bad_file_names_get_a_suggested_slug(make_project):
    project = make_project({"content/Wie Wij Zijn.md": "---\ntitle: A\n---\n"})
    assert problems_of(project).startswith(
        "content/Wie Wij Zijn.md: 'Wie Wij Zijn' kan geen webadres worden: gebruik kleine letters, cijfers en streepjes.\n"
        "  Tip: Noem het bestand of de map 'wie-wij-zijn'."
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Stichting De Brug", "brug"),
        ("Gemeente Ámsterdam", "amsterdam"),
        ("'t Hoekje", "hoekje"),
        ("De", "de"),
        ("Het Huis van de Wijk", "huis van de wijk"),
    ],
)
def test_sort_key_ignores_case_accents_and_leading_words(name, key):
    assert sort_key(name) == key


def test_a_long_signatory_file_is_read_in_groups_with_the_same_result(make_project):
    """Above 1 MB the file is parsed a few hundred entries at a time: same entries, same lines,
    and a broken entry in the middle still leaves every other problem visible."""
    entries = [
        f"- name: Organisatie {n:05d}\n  type: overig\n  municipality: Plaats\n  province: Utrecht\n"
        f"  url: https://org{n}.example.net/\n  signed: 2026-01-01\n  verified: e-mail\n"
        f"  statement: {'Wij steunen sleutelpersonen in de wijk. ' * 3}\n"
        for n in range(6000)
    ]
    text = "# lange lijst\n" + "\n".join(entries)
    assert len(text) > 1024 * 1024
    site = load_site(make_project({"signatories.yaml": text}), OPTIONS)
    assert len(site.signatories) == 6000
    assert site.signatories[4321].line == 2 + 9 * 4321
    broken = text.replace(
        "  type: overig\n  municipality: Plaats\n  province: Utrecht\n  url: https://org3000.",
        "  type: overig\n  municipality: Plaats: kapot\n  province: Utrecht\n  url: https://org3000.",
        1,
    )
    broken = broken.replace("https://org5000.example.net/", "www.org5000.example.net", 1)
    report = problems_of(make_project({"signatories.yaml": broken}))
    assert "signatories.yaml:27004: er staat een dubbele punt in een waarde zonder aanhalingstekens" in report
    assert "signatories.yaml:45006: 'url' moet beginnen met https:// of http://" in report


def test_a_content_file_that_grows_while_read_is_read_to_the_end(tmp_path, monkeypatch):
    import os

    import sleutelsite.load.content_files as content_files

    file = tmp_path / "groeit.md"
    file.write_bytes(b"x" * 200_000)
    monkeypatch.setattr(content_files.os, "fstat", lambda fd: os.stat_result((0,) * 6 + (10,) + (0,) * 3))
    problems: list = []
    assert content_files.read_bytes(str(file), "content/groeit.md", problems) == b"x" * 200_000
    monkeypatch.setattr(content_files, "MAX_CONTENT_BYTES", 100_000)
    assert content_files.read_bytes(str(file), "content/groeit.md", problems) is None
    assert [p.code for p in problems] == ["file_too_large"]


def test_a_long_signatory_list_read_by_several_processes_gives_what_one_process_gives(tmp_path, monkeypatch):
    """Entries, problems and their order: the same whether the list is read in one
    process or its groups shared over processes, with mistakes in several groups and
    one across them."""
    import random
    import sys

    import sleutelsite.load.signatories as ls
    from sleutelsite.load import signatory_groups
    from sleutelsite.speed import Plan, make_runner

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import signatories_yaml

    project = copy_project(tmp_path / "p")
    text = signatories_yaml(2300, random.Random(4)).split("\n")
    starts = [i for i, line in enumerate(text) if line.startswith("- name:")]
    text[starts[10] + 3] = "  province: Gelderlandd"  # a wrong value, first half
    text[starts[1700] + 1] = (
        "  type: [stichting"  # a syntax error, second half: its group is read entry by entry
    )
    text[starts[2100]] = text[starts[5]]  # the same name twice, across the halves
    (project / "signatories.yaml").write_text("\n".join(text), encoding="utf-8")
    monkeypatch.setattr(signatory_groups, "_GROUPED_FROM", 0)
    runs = {}
    for plan in (Plan.serial(), Plan.sharing_everything()):
        problems: list = []
        with make_runner(plan) as runner:
            found = ls._load_signatories(project, TODAY, frozenset(), problems, runner, BuildCache())
        runs[plan.workers] = (found, [(p.line, p.code) for p in problems])
    assert runs[2] == runs[1]
    codes = {code for _, code in runs[1][1]}
    assert len(runs[1][0]) > 2200 and len(codes) >= 3, codes


def test_ascii_fast_paths_still_find_spaces_in_urls_and_control_characters_in_text():
    from sleutelsite.load.signatories import sort_key
    from sleutelsite.load.signatory_text import check_public_text
    from sleutelsite.load.urls import check_url

    assert [p.code for p in check_url("https://a b.nl/", 3)] == ["url_has_space"]
    assert [p.code for p in check_url("https://ab.nl/\x7f", 3)] == ["url_has_space"]
    assert [p.code for p in check_url("https://ab\u200b.nl/", 3)] == [
        "url_has_space"
    ]  # not ASCII: the slow path
    assert check_url("https://ab.nl/", 3) == []
    found: list = []
    check_public_text("name", "Stichting\tDe Brug", 4, found)
    assert [p.code for p in found] == ["invisible_character"]
    assert sort_key("Stichting Émile") == sort_key("Emile") == "emile"


def test_the_markdown_read_ahead_is_the_body_the_loader_finds(tmp_path):
    from sleutelsite.load.content_files import markdown_body, markdown_files

    project = copy_project(tmp_path / "p")
    (project / "content" / "verhalen" / "windows.md").write_bytes(
        b"\xef\xbb\xbf---\r\nname: Win\r\ndate: 2026-11-01\r\nsummary: S.\r\n---\r\nRegel een.\r\n\r\nRegel twee.\r\n"
    )
    site = load_site(project, Options(today=TODAY))
    loaded = {item.source: item.body for item in (*site.pages, *site.stories, *site.tips)}
    files = markdown_files(project)
    read = {Path(file).relative_to(project).as_posix(): markdown_body(file) for file in files}
    assert len(loaded) >= 10
    assert {path: read[path] for path in loaded} == loaded
    assert loaded["content/verhalen/windows.md"] == "Regel een.\n\nRegel twee.\n"


def test_a_long_source_line_is_cut_under_the_message():
    """20,000 '[' on one line were printed whole under their message."""
    from sleutelsite.errors import Problem

    text = Problem("a.md", 3, "unknown_field", (("key", "x"), ("known", "title")), source="[" * 500).format()
    assert "    | " + "[" * 160 + "… (+340)\n" in text
