"""The makers of the film manifesto: `verified: maker` and no invented signing date."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from conftest import ROOT, TODAY
from sleutelsite.build import build
from sleutelsite.errors import BuildError
from sleutelsite.load import load_site
from sleutelsite.load.content import Options

MAKER = (
    "- name: Stichting Gamma Testmakers\n  type: stichting\n  municipality: Utrecht\n"
    "  province: Utrecht\n  url: https://gamma.example.org/\n  verified: maker\n"
)
SIGNER = "- name: Stichting Alfa Testhuis\n  type: stichting\n  municipality: Utrecht\n"
SIGNER += "  province: Utrecht\n  url: https://alfa.example.org/\n  signed: 2026-01-15\n  verified: e-mail\n"


def test_a_maker_needs_no_signing_date(make_project):
    site = load_site(make_project({"signatories.yaml": SIGNER + "\n" + MAKER}), Options(today=TODAY))
    assert [(s.name, s.signed, s.verified) for s in site.signatories] == [
        ("Stichting Alfa Testhuis", TODAY.replace(month=1, day=15), "e-mail"),
        ("Stichting Gamma Testmakers", None, "maker"),
    ]


def test_every_other_signer_still_needs_a_signing_date(make_project):
    undated = SIGNER.replace("  signed: 2026-01-15\n", "")
    with pytest.raises(BuildError) as info:
        load_site(make_project({"signatories.yaml": undated}), Options(today=TODAY))
    assert info.value.report() == (
        "signatories.yaml:1: het verplichte veld 'signed' ontbreekt.\n  Tip: Voeg een regel 'signed: ...' toe."
    )


def test_a_maker_with_a_confirmed_date_keeps_it(make_project):
    dated = MAKER.replace("  verified: maker\n", "  signed: 2026-03-01\n  verified: maker\n")
    site = load_site(make_project({"signatories.yaml": dated}), Options(today=TODAY))
    assert site.signatories[0].signed == TODAY.replace(month=3, day=1)


def test_the_page_and_exports_show_a_maker_truthfully(make_project, tmp_path):
    project = make_project({"signatories.yaml": SIGNER + "\n" + MAKER})
    out = tmp_path / "_site"
    build(project, out, base_url="https://example.org/", today=TODAY)
    page = (out / "ondertekenaars" / "index.html").read_text()
    card = page[page.index('id="org-stichting-gamma-testmakers"') :].split("</li>")[0]
    assert "Maker van het filmmanifest, volgens het artikel over het manifest" in card
    assert "ondertekend op" not in card and "<time" not in card
    records = json.loads((out / "ondertekenaars.json").read_text())["signatories"]
    assert [(r["name"], r["signed"], r["verified"]) for r in records] == [
        ("Stichting Alfa Testhuis", "2026-01-15", "e-mail"),
        ("Stichting Gamma Testmakers", None, "maker"),
    ]
    rows = list(csv.reader(io.StringIO((out / "ondertekenaars.csv").read_text(encoding="utf-8-sig"))))
    assert rows[2][:7] == ["Stichting Gamma Testmakers", "stichting", "Utrecht", "Utrecht",
                           "https://gamma.example.org/", "", "maker"]  # fmt: skip
    feed = (out / "ondertekenaars" / "feed.xml").read_text()
    assert "Alfa Testhuis ondertekent" in feed and "Gamma" not in feed


def test_the_launch_entries_are_the_makers_the_article_names_with_no_invented_date():
    """The article (line 15) names the four makers; nobody confirmed a signing date."""
    entries = yaml.safe_load((ROOT / "signatories.yaml").read_text())
    makers = [e for e in entries if e["verified"] == "maker"]
    assert [e["name"] for e in makers] == [
        "Gemeente Amsterdam, Stadsdeel West",
        "Pharos",
        "Stichting De Stadscoalitie",
        "Stichting Wikistad",
    ]
    assert all("signed" not in e for e in makers)


def test_the_schema_agrees_that_only_a_maker_may_leave_out_the_date():
    import jsonschema

    schema = json.loads((ROOT / "schema" / "signatories.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    undated_signer = yaml.safe_load(SIGNER.replace("  signed: 2026-01-15\n", ""))
    assert not list(validator.iter_errors(yaml.safe_load(MAKER)))
    assert [e.message for e in validator.iter_errors(undated_signer)] == ["'signed' is a required property"]
