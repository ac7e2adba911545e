"""A signatory's municipality is one of the 342 of data/nl/ and its province is the one
that municipality lies in (sleutelsite/load/places.py); exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, copy_project
from sleutelsite import geo
from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem
from sleutelsite.load.places import field_line, yaml_value
from sleutelsite.load.signatories import load_signatories

MAPS = ROOT / "data" / "nl"


def entry(name: str, municipality: str, province: str) -> str:
    return (
        f"- name: {name}\n  type: stichting\n  municipality: {municipality}\n  province: {province}\n"
        f"  url: https://{name.lower().replace(' ', '')}.example.org/\n  signed: 2026-01-15\n  verified: e-mail\n"
    )


def project_with(tmp_path: Path, text: str, maps: bool = True) -> Path:
    project = copy_project(tmp_path / "project", {"signatories.yaml": text})
    if maps:
        shutil.copytree(MAPS, project / "data" / "nl")
    return project


def problems_of(project: Path, cache: BuildCache | None = None) -> list[Problem]:
    problems: list[Problem] = []
    load_signatories(project, TODAY, frozenset(), problems, cache)
    return problems


def report(project: Path, lang: str = "nl") -> list[str]:
    return [p.format(lang) for p in problems_of(project)]


CASES = {
    "province of another municipality": (
        "Utrecht", "Noord-Holland",
        ["signatories.yaml:4: Utrecht ligt in Utrecht, niet in Noord-Holland.\n"
         "  Tip: Schrijf 'province: Utrecht'."],
    ),
    "an alias in the wrong province": (
        "Den Haag", "Noord-Holland",
        ["signatories.yaml:4: Den Haag ligt in Zuid-Holland, niet in Noord-Holland.\n"
         "  Tip: Schrijf 'province: Zuid-Holland'."],
    ),
    "a typo": (
        "Amsterdm", "Noord-Holland",
        ["signatories.yaml:3: 'Amsterdm' is geen gemeente van Nederland. Bedoel je 'Amsterdam'?\n"
         "  Tip: Schrijf 'municipality: Amsterdam'."],
    ),
    "a typo of an alias": (
        "Den Haaf", "Zuid-Holland",
        ["signatories.yaml:3: 'Den Haaf' is geen gemeente van Nederland. Bedoel je 'Den Haag'?\n"
         "  Tip: Schrijf 'municipality: Den Haag'."],
    ),
    "a typo of an official name that needs quotes": (
        '"\'s-Gravenhaag"', "Zuid-Holland",
        ["signatories.yaml:3: ''s-Gravenhaag' is geen gemeente van Nederland. Bedoel je ''s-Gravenhage'?\n"
         "  Tip: Schrijf 'municipality: \"'s-Gravenhage\"'."],
    ),
    "a village": (
        "Driebergen", "Utrecht",
        ["signatories.yaml:3: 'Driebergen' is geen gemeente van Nederland (de lijst kent de 342 gemeenten van "
         "2025).\n  Tip: Schrijf de gemeente waar de organisatie zit, zoals ze officieel heet, bijvoorbeeld "
         "'municipality: Utrecht'. Zit de organisatie in een dorp of wijk? Schrijf dan de gemeente waar dat "
         "bij hoort."],
    ),
    "two municipalities of that name": (
        "Bergen", "Limburg",
        ["signatories.yaml:3: 'Bergen' is de naam van meer dan één gemeente: Bergen (NH.) in Noord-Holland, "
         "Bergen (L.) in Limburg.\n  Tip: Schrijf de naam met wat er tussen haakjes achter staat, "
         "bijvoorbeeld 'municipality: Bergen (L.)'."],
    ),
    "lower case": (
        "utrecht", "Utrecht",
        ["signatories.yaml:3: de gemeente 'utrecht' schrijf je als 'Utrecht'.\n"
         "  Tip: Schrijf 'municipality: Utrecht', met precies deze hoofdletters, accenten en leestekens."],
    ),
    "no accents": (
        "Sudwest-Fryslan", "Fryslân",
        ["signatories.yaml:3: de gemeente 'Sudwest-Fryslan' schrijf je als 'Súdwest-Fryslân'.\n"
         "  Tip: Schrijf 'municipality: Súdwest-Fryslân', met precies deze hoofdletters, accenten en leestekens."],
    ),
    "an alias in lower case, in the wrong province": (
        "den bosch", "Utrecht",
        ["signatories.yaml:3: de gemeente 'den bosch' schrijf je als 'Den Bosch'.\n"
         "  Tip: Schrijf 'municipality: Den Bosch', met precies deze hoofdletters, accenten en leestekens.",
         "signatories.yaml:4: Den Bosch ligt in Noord-Brabant, niet in Utrecht.\n"
         "  Tip: Schrijf 'province: Noord-Brabant'."],
    ),
    "a CBS code": (
        "GM0344", "Utrecht",
        ["signatories.yaml:3: de gemeente 'GM0344' schrijf je als 'Utrecht'.\n"
         "  Tip: Schrijf 'municipality: Utrecht', met precies deze hoofdletters, accenten en leestekens."],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_a_wrong_municipality_or_province_says_what_to_write(case: str, tmp_path: Path):
    municipality, province, expected = CASES[case]
    assert report(project_with(tmp_path, entry("Alfa", municipality, province))) == expected


def test_the_messages_in_english(tmp_path: Path):
    text = entry("Alfa", "Utrecht", "Noord-Holland") + "\n" + entry("Bravo", "Utrect", "Utrecht")
    assert report(project_with(tmp_path, text), "en") == [
        "signatories.yaml:4: Utrecht is in Utrecht, not in Noord-Holland.\n  Hint: Write 'province: Utrecht'.",
        "signatories.yaml:11: 'Utrect' is not a municipality of the Netherlands. Did you mean 'Utrecht'?\n"
        "  Hint: Write 'municipality: Utrecht'.",
    ]


def test_official_names_aliases_and_short_names_are_accepted_and_kept_as_written(tmp_path: Path):
    places = [
        ("Alfa", '"\'s-Gravenhage"', "Zuid-Holland"),
        ("Bravo", "Den Haag", "Zuid-Holland"),
        ("Charlie", "The Hague", "Zuid-Holland"),
        ("Delta", "Den Bosch", "Noord-Brabant"),
        ("Echo", "Hengelo", "Overijssel"),
        ("Foxtrot", "Hengelo (O.)", "Overijssel"),
        ("Golf", "Súdwest-Fryslân", "Fryslân"),
    ]
    project = project_with(tmp_path, "\n".join(entry(*place) for place in places))
    problems: list[Problem] = []
    signatories, _ = load_signatories(project, TODAY, frozenset(), problems)
    assert problems == []
    assert [s.municipality for s in signatories] == [
        "'s-Gravenhage", "Den Haag", "The Hague", "Den Bosch", "Hengelo", "Hengelo (O.)", "Súdwest-Fryslân",
    ]  # fmt: skip


def test_every_municipality_in_its_province_passes(tmp_path: Path):
    municipalities = geo.load_geography(MAPS).municipalities
    assert len(municipalities) == 342
    text = "\n".join(
        entry(f"Org {i:03d}", yaml_value(m.name), m.province_name) for i, m in enumerate(municipalities)
    )
    assert problems_of(project_with(tmp_path, text)) == []


def test_every_suggested_name_reads_back_as_itself():
    for m in geo.load_geography(MAPS).municipalities:
        assert yaml.safe_load(f"municipality: {yaml_value(m.name)}") == {"municipality": m.name}


def test_a_project_without_maps_has_no_municipality_check(tmp_path: Path):
    assert report(project_with(tmp_path, entry("Alfa", "Plaats 7", "Utrecht"), maps=False)) == []


def test_a_checked_list_in_the_memo_is_checked_again_when_the_maps_come(tmp_path: Path):
    """The memo's key follows the maps' bytes: a list checked without them is not reused."""
    project = project_with(tmp_path, entry("Alfa", "Plaats 7", "Utrecht"), maps=False)
    cache = BuildCache()
    assert problems_of(project, cache) == []
    shutil.copytree(MAPS, project / "data" / "nl")
    assert [p.code for p in problems_of(project, cache)] == ["municipality_unknown"]


def test_the_line_of_a_field_in_an_entry_on_one_line_is_the_entrys():
    lines = [
        "- {name: Alfa, municipality: Utrecht, province: Noord-Holland}",
        "- name: Bravo",
        "  province: X",
    ]
    assert field_line(lines, 1, "province") == 1
    assert field_line(lines, 2, "province") == 3


def test_a_signing_form_with_the_wrong_province_is_refused_at_the_province(tmp_path: Path):
    from sleutelsite.sign_issue import sign

    project = project_with(tmp_path, (ROOT / "tests" / "fixtures" / "mini" / "signatories.yaml").read_text())
    form = Path(".github") / "ISSUE_TEMPLATE" / "onderteken.yml"
    (project / form).parent.mkdir(parents=True)
    shutil.copy(ROOT / form, project / form)
    body = (ROOT / "tests" / "fixtures" / "sign-issues" / "no-statement.md").read_text(encoding="utf-8")
    outcome = sign(project, body.replace("\n\nFryslân\n", "\n\nUtrecht\n"), TODAY, 9)
    assert "- **Provincie**\n\n  ```\n  Leeuwarden ligt in Fryslân, niet in Utrecht.\n" in outcome.comment


def test_an_entry_with_a_mistake_still_hears_of_its_order_and_its_province_in_the_same_run(tmp_path: Path):
    """A stranger who fixes a date must not then learn of the province, then of the order."""
    wrong = entry("Alfa Brug", "Den Haag", "Noord-Holland").replace("2026-01-15", "2026-13-01")
    project = project_with(tmp_path, entry("Stichting Zeebrug", "Utrecht", "Utrecht") + wrong)
    assert sorted((p.line, p.code) for p in problems_of(project)) == [
        (8, "sort_order"),
        (11, "province_mismatch"),
        (13, "not_a_date"),
    ]


def test_what_is_wrong_in_an_entry_is_said_once_and_a_missing_field_hides_nothing_else(tmp_path: Path):
    """A misspelt province is not also 'not the municipality's province'; a web address
    with a mistake is no duplicate of another entry's; a missing field leaves the rest."""
    misspelt = entry("Beta Brug", "Utrecht", "Utrect")
    no_address = entry("Gamma Brug", "Amsterdm", "Noord-Holland").replace(
        "https://gammabrug", "htps://gammabrug"
    )
    no_date = entry("Zeta Brug", "Utrecht", "Noord-Holland").replace("  signed: 2026-01-15\n", "")
    project = project_with(tmp_path, misspelt + no_address + no_date)
    assert sorted((p.line, p.code) for p in problems_of(project)) == [
        (4, "bad_choice_guess"),
        (10, "municipality_unknown_guess"),
        (12, "url_invalid"),
        (15, "missing_field"),
        (18, "province_mismatch"),
    ]
