"""Every internal link and #anchor of the built site leads somewhere (render/links.py):
a link to a page the build does not make, or to a place that is not on its page, stops
the build with the content file and line that hold it; the same bad link on several
pages is reported for each of them."""

from __future__ import annotations

import pytest

from conftest import TODAY
from sleutelsite.build import build
from sleutelsite.errors import BuildError
from sleutelsite.speed import Plan

PAGE = "---\ntitle: {title}\n---\n## Een kop\n\nTekst.\n\n{links}\n"


def report_of(project, tmp_path) -> str:
    with pytest.raises(BuildError) as info:
        build(project, tmp_path / "_site", today=TODAY, use_cache=False, plan=Plan.serial())
    return info.value.report()


def test_links_to_places_that_exist_build(make_project, tmp_path):
    links = "[kop](#een-kop) [tips](/tips/) [tip](/tips/#tip-1) [extern](https://example.org/#x)"
    project = make_project({"content/extra.md": PAGE.format(title="Extra", links=links)})
    build(project, tmp_path / "_site", today=TODAY, use_cache=False, plan=Plan.serial())
    assert (tmp_path / "_site" / "extra" / "index.html").is_file()


def test_a_link_to_a_page_that_does_not_exist_names_file_and_line(make_project, tmp_path):
    project = make_project({"content/extra.md": PAGE.format(title="Extra", links="[weg](/bestaat-niet/)")})
    report = report_of(project, tmp_path)
    assert "content/extra.md:8: de link '/bestaat-niet/' wijst naar een pagina die niet bestaat." in report


def test_an_anchor_missing_on_its_own_page_or_on_another_is_named(make_project, tmp_path):
    links = "[hier](#nergens)\n\n[daar](/tips/#tip-99)"
    project = make_project({"content/extra.md": PAGE.format(title="Extra", links=links)})
    report = report_of(project, tmp_path)
    assert (
        "content/extra.md:8: de link '#nergens' wijst naar een plek (#nergens) die niet op die pagina staat."
        in report
    )
    assert "content/extra.md:10: de link '/tips/#tip-99' wijst naar een plek (#tip-99)" in report


def test_the_same_bad_link_on_two_pages_is_reported_for_both(make_project, tmp_path):
    project = make_project(
        {
            "content/een.md": PAGE.format(title="Een", links="[weg](/bestaat-niet/) [hier](#nergens)"),
            "content/twee.md": PAGE.format(title="Twee", links="[weg](/bestaat-niet/) [hier](#nergens)"),
        }
    )
    report = report_of(project, tmp_path)
    for source in ("content/een.md", "content/twee.md"):
        assert f"{source}:8: de link '/bestaat-niet/'" in report
        assert f"{source}:8: de link '#nergens'" in report


def test_an_anchor_on_one_page_does_not_make_the_same_link_good_on_another(make_project, tmp_path):
    """'#een-kop' leads somewhere on the page that has that heading, not on one without it:
    a verdict for '#...' is never kept for the next page."""
    project = make_project(
        {
            "content/een.md": PAGE.format(title="Een", links="[kop](#een-kop)"),
            "content/twee.md": "---\ntitle: Twee\n---\nGeen kop hier.\n\n[kop](#een-kop)\n",
        }
    )
    report = report_of(project, tmp_path)
    assert "content/twee.md:6: de link '#een-kop'" in report
    assert "content/een.md" not in report
