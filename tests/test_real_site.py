"""The real content/ in strict mode: every page there, every link resolving, counts right."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import ROOT, TODAY
from sleutelsite.build import build

EXPECTED_PAGES = [
    "index.html", "404.html", "manifest/index.html", "over/index.html", "film/index.html",
    "tips/index.html", "verhalen/index.html", "verhalen/lubna/index.html",
    "verhalen/sakina/index.html", "verhalen/shadi/index.html", "ondertekenaars/index.html",
    "onderteken/index.html", "voorbeelden/index.html", "voorbeelden/buurtbaan-amsterdam/index.html",
    "voorbeelden/casemanager-woerden/index.html", "voorbeelden/de-driehoek-hardenberg/index.html",
]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "_site"
    build(ROOT, out, today=TODAY)
    return out


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sub") / "_site"
    build(ROOT, out, base_url="https://example.github.io/sleutelpersonen/", today=TODAY)
    return out


def test_every_expected_page_exists(site):
    missing = [p for p in EXPECTED_PAGES if not (site / p).is_file()]
    assert not missing


def test_ten_tips_each_with_a_stable_anchor_and_a_table_of_contents(site):
    html = (site / "tips/index.html").read_text()
    for number in range(1, 11):
        assert f'id="tip-{number}"' in html
        assert f'href="#tip-{number}"' in html


def test_signatory_count_is_computed_from_the_file(site):
    entries = yaml.safe_load((ROOT / "signatories.yaml").read_text())
    html = (site / "ondertekenaars/index.html").read_text()
    assert html.count('class="signatory"') == len(entries)
    assert f"<strong>{len(entries)}</strong>" in html
    assert f"<strong>{len(entries)}</strong>" in (site / "index.html").read_text()


def test_signatories_are_only_the_partners_the_article_names():
    names = {e["name"] for e in yaml.safe_load((ROOT / "signatories.yaml").read_text())}
    assert names == {
        "Gemeente Amsterdam, Stadsdeel West",
        "Pharos",
        "Stichting De Stadscoalitie",
        "Stichting Wikistad",
    }


def test_subpath_build_has_no_link_that_escapes_the_subpath(subpath_site):
    base = "https://example.github.io/sleutelpersonen/"
    bad = []
    for page in subpath_site.rglob("*.html"):
        rel = page.relative_to(subpath_site).as_posix()
        for href in re.findall(r'(?:href|src)="([^"]*)"', page.read_text()):
            target = urljoin(base + rel, href)
            if target.startswith("https://example.github.io/") and not target.startswith(base):
                bad.append((rel, href))
    assert not bad


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    build(ROOT, again, today=TODAY)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_the_real_content_passes_strict_mode():
    from sleutelsite.build import check

    site = check(ROOT, today=TODAY, strict=True)
    assert len(site.pages) + len(site.stories) >= 20
