"""Every municipality on the map (issue 15): the status files in gemeenten/, the 342 pages
in each language, the map on /gemeenten/ and the messages for a wrong status file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, copy_project
from sleutelsite import geo
from sleutelsite.build import build
from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError
from sleutelsite.load import load_site
from sleutelsite.load.content import Options

INDEX = "---\ntitle: Gemeenten\ndescription: De stand van alle gemeenten.\n---\nElke gemeente.\n"


def project_with(tmp_path: Path, status_files: dict[str, str] | None = None) -> Path:
    """The mini project with the maps, the index page of /gemeenten/ and status files."""
    files = {"content/gemeenten/index.md": INDEX}
    files.update({f"gemeenten/{name}": text for name, text in (status_files or {}).items()})
    project = copy_project(tmp_path / "project", files)
    shutil.copytree(ROOT / "data" / "nl", project / "data" / "nl")
    return project


def problems_of(project: Path, lang: str = "nl") -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_site(project, Options(today=TODAY))
    return [p.format(lang) for p in caught.value.problems]


ARTICLE = "sources:\n  - title: Investeer in sleutelpersonen\n    author: Esseline van de Sande\n"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "_site"
    build(ROOT, out, today=TODAY, use_cache=False)
    return out


def test_the_real_site_has_a_page_for_each_of_the_342_in_both_languages(real_site: Path):
    for prefix in ("", "en/"):
        pages = sorted(p.parent.name for p in (real_site / prefix / "gemeenten").glob("*/index.html"))
        assert len(pages) == 342
        assert {"amsterdam", "s-gravenhage", "sudwest-fryslan", "hengelo-o"} <= set(pages)


def test_the_map_links_every_municipality_by_name(real_site: Path):
    html = (real_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="kaart".*?</svg>', html, re.S)
    assert svg is not None
    links = re.findall(r"<a href=\"([^\"]+)\"><title>([^<]+)</title><path", svg.group())
    assert len(links) == 342
    names = {title.split(":")[0] for _, title in links}
    assert {"Amsterdam", "'s-Gravenhage", "Súdwest-Fryslân"} <= {n.replace("&#x27;", "'") for n in names}
    for href, _ in links:  # each leads to a page that exists
        assert (real_site / "gemeenten" / href / "index.html").is_file(), href
    # the list by province holds the same links, without the map
    listed = re.findall(r"<li><a href=([a-z0-9-]+/)>", html.replace(svg.group(), ""))
    assert sorted(listed) == sorted(href for href, _ in links)
    assert "3 van 342" in html  # Amsterdam, Woerden, Hardenberg (from the article)
    assert "Kaartgegevens: CBS en PDOK" in html


def test_amsterdams_page_shows_its_status_with_the_article_as_source(real_site: Path):
    html = (real_site / "gemeenten" / "amsterdam" / "index.html").read_text(encoding="utf-8")
    assert "Sleutelpersonen betaald aan het werk" in html
    assert "<cite>Investeer in sleutelpersonen</cite>, Esseline van de Sande" in html
    assert "Buurtbaan" in html
    assert 'class="ligging"' in html  # the locator map
    assert "Gemeente Amsterdam, Stadsdeel West" in html  # signed there
    english = (real_site / "en" / "gemeenten" / "amsterdam" / "index.html").read_text(encoding="utf-8")
    assert "Key persons paid for their work" in english


def test_a_status_note_in_dutch_is_marked_as_dutch_on_the_english_page(real_site: Path):
    """Screen readers read it with Dutch pronunciation (WCAG 3.1.2, language of parts)."""
    english = (real_site / "en" / "gemeenten" / "amsterdam" / "index.html").read_text(encoding="utf-8")
    dutch = (real_site / "gemeenten" / "amsterdam" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="nl" dir="ltr"><bdi>[^<]*Buurtbaan', english)
    assert re.search(r"<p><bdi>[^<]*Buurtbaan", dutch)


def test_a_municipality_without_a_file_is_nothing_known_yet_with_a_form_to_tell(real_site: Path):
    html = (real_site / "gemeenten" / "zwolle" / "index.html").read_text(encoding="utf-8")
    assert "Nog niets bekend" in html
    assert "issues/new?template=gemeente.yml" in html
    assert "gemeente=Zwolle" in html


def test_a_status_file_may_name_the_municipality_by_alias_or_code(tmp_path: Path):
    project = project_with(
        tmp_path,
        {
            "s-gravenhage.yaml": f"municipality: Den Haag\nstatus: in-gesprek\ndate: 2026-11-01\n{ARTICLE}",
            "utrecht.yaml": f"municipality: GM0344\nstatus: besluit\ndate: 2026-11-02\n{ARTICLE}",
        },
    )
    site = load_site(project, Options(today=TODAY))
    by_slug = {e.slug: e for e in site.of_kind("municipality") if e.lang == "nl"}
    assert len(by_slug) == 342
    assert by_slug["s-gravenhage"].status == "in-gesprek"
    assert by_slug["s-gravenhage"].municipality == "'s-Gravenhage"
    assert by_slug["utrecht"].status == "besluit"
    assert by_slug["zwolle"].status == "onbekend"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "amsterdam.yaml",
            "municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\n",
            "gemeenten/amsterdam.yaml:2: de stand 'besluit' heeft een bron nodig: waar staat dat de "
            "gemeente dit doet?\n  Tip: Voeg 'sources:' toe",
        ),
        (
            "amsterdam.yaml",
            "municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\nsources:\n",
            "gemeenten/amsterdam.yaml:2: de stand 'besluit' heeft een bron nodig",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdm\nstatus: besluit\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:1: 'Amsterdm' is geen gemeente van Nederland. Bedoel je "
            "'Amsterdam'?\n  Tip: Schrijf 'municipality: Amsterdam'",
        ),
        (
            "gouda.yaml",
            f"municipality: Nergenshuizen aan Zee\nstatus: besluit\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/gouda.yaml:1: 'Nergenshuizen aan Zee' is geen gemeente van Nederland",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstatus: betaalt\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:2: 'betaalt' is geen geldige waarde voor 'status'. Bedoel je "
            "'betaald'?\n  Tip: Schrijf 'status: betaald'.",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstatus: motie\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:2: 'motie' is geen geldige waarde voor 'status'. Bedoel je "
            "'besluit'?\n  Tip: Schrijf 'status: besluit'.",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstatus: In gesprek\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:2: 'In gesprek' is geen geldige waarde voor 'status'. Bedoel je "
            "'in-gesprek'?",
        ),
        (
            "den-haag.yaml",
            f"municipality: Den Haag\nstatus: besluit\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/den-haag.yaml:1: dit bestand gaat over 's-Gravenhage, maar heet niet naar die "
            "gemeente.\n  Tip: Geef het bestand de naam gemeenten/s-gravenhage.yaml",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstatus: besluit\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:2: bij de stand 'besluit' hoort een datum",
        ),
        (
            "amsterdam.yaml",
            "municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\nsources:\n"
            "  - title: Besluit\n    url: javascript:alert(1)\n",
            "gemeenten/amsterdam.yaml:6: 'url' is geen webadres: 'javascript:'-adressen zijn niet toegestaan.",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\nnote: <b>vet</b>\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:4: 'note' bevat < of >",
        ),
        (
            "amsterdam.yaml",
            f"municipality: Amsterdam\nstats: besluit\ndate: 2026-11-01\n{ARTICLE}",
            "gemeenten/amsterdam.yaml:2: ",
        ),
    ],
    ids=[
        "status without a source",
        "an empty list of sources",
        "a typo in the municipality",
        "no such municipality",
        "a typo in the status",
        "the site's word for a step",
        "a step written as on the site",
        "a file not named after its municipality",
        "status without a date",
        "a source with a javascript: address",
        "markup in the note",
        "a typo in a key",
    ],
)
def test_a_wrong_status_file_fails_with_file_line_and_the_fix(
    tmp_path: Path, name: str, text: str, expected: str
):
    found = problems_of(project_with(tmp_path, {name: text}))
    assert any(p.startswith(expected) for p in found), found


def test_every_mistake_in_every_status_file_is_reported_at_once(tmp_path: Path):
    project = project_with(
        tmp_path,
        {
            "amsterdam.yaml": "municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\n",
            "utrecht.yaml": f"municipality: Utreht\nstatus: besluit\ndate: 2026-11-01\n{ARTICLE}",
        },
    )
    found = problems_of(project)
    assert [p.split(":")[0] for p in found] == ["gemeenten/amsterdam.yaml", "gemeenten/utrecht.yaml"]


def test_two_files_about_one_municipality_are_refused(tmp_path: Path):
    text = f"municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\n{ARTICLE}"
    project = project_with(tmp_path, {"amsterdam.yaml": text, "amsterdam.yml": text})
    found = problems_of(project)
    assert any("dezelfde gemeente als gemeenten/amsterdam.yaml" in p for p in found), found


def test_the_messages_are_in_english_too(tmp_path: Path):
    project = project_with(
        tmp_path, {"amsterdam.yaml": "municipality: Amsterdam\nstatus: besluit\ndate: 2026-11-01\n"}
    )
    assert any("the status 'besluit' needs a source" in p for p in problems_of(project, "en"))


def test_the_names_of_places_are_memoised_so_a_warm_load_never_decodes_the_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    project = project_with(tmp_path)
    cache = BuildCache(tmp_path / "cache")
    load_site(project, Options(today=TODAY), cache=cache)
    cache.save()

    def refuse(folder: Path) -> geo.Geography:
        raise AssertionError("the maps were decoded again")

    monkeypatch.setattr(geo, "load_geography", refuse)
    again = BuildCache(tmp_path / "cache")
    site = load_site(project, Options(today=TODAY), cache=again)
    assert len(site.of_kind("municipality")) == 342


def test_a_project_without_the_index_page_has_no_municipality_pages(tmp_path: Path):
    project = copy_project(tmp_path / "project", remove=("content/gemeenten",))
    shutil.copytree(ROOT / "data" / "nl", project / "data" / "nl")
    assert load_site(project, Options(today=TODAY)).of_kind("municipality") == ()


def test_the_statuses_are_data_for_councils_and_the_press(real_site: Path):
    import csv
    import json

    data = json.loads((real_site / "gemeenten.json").read_text(encoding="utf-8"))
    assert data["count"] == 342
    amsterdam = next(row for row in data["municipalities"] if row["name"] == "Amsterdam")
    assert amsterdam["code"] == "GM0363"
    assert amsterdam["status"] == "betaald"
    assert amsterdam["sources"] == "Investeer in sleutelpersonen (Esseline van de Sande)"
    rows = list(csv.DictReader((real_site / "gemeenten.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 342
    feed = (real_site / "gemeenten" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 3  # the statuses with a date


def test_a_note_that_looks_like_a_formula_stays_text_in_the_spreadsheet(tmp_path: Path):
    project = project_with(
        tmp_path,
        {"utrecht.yaml": f"municipality: Utrecht\nstatus: besluit\ndate: 2026-11-02\nnote: =1+1\n{ARTICLE}"},
    )
    build(project, tmp_path / "out", today=TODAY, use_cache=False)
    text = (tmp_path / "out" / "gemeenten.csv").read_text(encoding="utf-8-sig")
    assert ",'=1+1," in text


def test_the_status_files_fit_their_json_schema_and_the_schema_refuses_a_wrong_status():
    import json

    import jsonschema
    import yaml

    schema = json.loads(
        (ROOT / "schema" / "front-matter" / "municipality.schema.json").read_text(encoding="utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((ROOT / "gemeenten").glob("*.yaml"))
    assert len(files) >= 3
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()}
        assert not list(validator.iter_errors(data)), file.name
    assert list(validator.iter_errors({"municipality": "Utrecht", "status": "misschien"}))


def test_every_documented_key_of_a_status_file_reaches_the_model(tmp_path: Path):
    from sleutelsite.kinds import MUNICIPALITY

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = (
        readme.split("Municipalities (status files `gemeenten/", 1)[1]
        .split("\n\n|", 1)[1]
        .split("\n\n", 1)[0]
    )
    documented = [re.findall(r"`([a-z_]+)`", row.split("|")[1])[0] for row in table.splitlines()[2:]]
    assert documented == [f.name for f in MUNICIPALITY.fields]
    text = (
        "municipality: Utrecht\nstatus: besluit\ndate: 2026-11-02\n"
        "sources:\n  - title: Motie\n    author: De raad\n    url: https://www.example.org/motie\n"
        "note: Een korte toelichting.\n"
    )
    site = load_site(project_with(tmp_path, {"utrecht.yaml": text}), Options(today=TODAY))
    utrecht = next(e for e in site.of_kind("municipality") if e.slug == "utrecht")
    import datetime as dt

    assert {key: utrecht.values[key] for key in documented} == {
        "municipality": "Utrecht",
        "status": "besluit",
        "date": dt.date(2026, 11, 2),
        "sources": (("Motie", "De raad", "https://www.example.org/motie"),),
        "note": "Een korte toelichting.",
    }


def test_in_a_browser_the_map_leads_to_a_page_and_the_search_narrows_the_list(real_site: Path):
    from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
    from playwright.sync_api import sync_playwright

    with serve_folder(real_site) as address, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        hosts: set[str] = set()
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(address + "/gemeenten/")
        search = page.get_by_label("Zoek een gemeente")
        search.fill("sudwest")  # no accent typed: still found
        visible = page.locator(".province-list li:visible").all_inner_texts()
        assert visible == ["Súdwest-Fryslân"]
        assert page.locator(".province-list h3:visible").all_inner_texts() == ["Fryslân"]
        assert page.locator(".filter-count").inner_text() == "1 van 342 gemeenten"
        search.fill("")
        assert page.locator(".province-list li:visible").count() == 342
        page.locator('svg.kaart a[href="amsterdam/"]').click()  # (the map, not the list)
        page.wait_for_url("**/gemeenten/amsterdam/")
        assert page.locator("h1").inner_text() == "Amsterdam"
        assert hosts == {address.split("/")[2]}  # nothing from another host
        browser.close()


def test_each_municipality_page_shows_the_motion_and_the_letter_with_its_name(real_site: Path):
    html = (real_site / "gemeenten" / "s-gravenhage" / "index.html").read_text(encoding="utf-8")
    assert "verzoekt het college" in html
    assert "De raad van de gemeente &#39;s-Gravenhage" in html  # (the name escaped as text)
    assert "Aan de gemeenteraad van &#39;s-Gravenhage" in html
    assert "[naam gemeente]" not in html
    assert "een openbaar stuk" in html  # letters to a council become public documents
    english = (real_site / "en" / "gemeenten" / "zwolle" / "index.html").read_text(encoding="utf-8")
    assert "municipality of Zwolle" in english and "[name of municipality]" not in english
