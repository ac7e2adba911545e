"""Output built with any cache state is byte-identical to a cold build without cache."""

from __future__ import annotations

from pathlib import Path

import pytest

import sleutelsite.render_pages as render_pages
from conftest import TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.cache import CACHE_FOLDER


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    stories = {
        f"content/verhalen/persoon-{n}.md": f"---\nname: Persoon {n}\ndate: 2026-11-0{1 + n % 9}\nsummary: S {n}.\n---\n## Kop\n\nTekst [tips](/tips/).\n"
        for n in range(12)
    }
    return copy_project(tmp_path / "p", stories)


def test_every_cache_state_gives_the_same_bytes(project: Path, tmp_path: Path, monkeypatch):
    build(project, tmp_path / "cold", today=TODAY, use_cache=False)
    expected = tree(tmp_path / "cold")
    assert not (project / CACHE_FOLDER).exists()

    build(project, tmp_path / "first", today=TODAY)  # fills the cache
    assert (project / CACHE_FOLDER / "build.sqlite").is_file()
    build(project, tmp_path / "warm", today=TODAY)  # everything from the cache
    assert tree(tmp_path / "first") == expected
    assert tree(tmp_path / "warm") == expected

    story = project / "content" / "verhalen" / "persoon-3.md"
    original = story.read_text()
    story.write_text(original.replace("Tekst", "Andere tekst"))
    build(project, tmp_path / "edited", today=TODAY)
    assert tree(tmp_path / "edited") != expected
    story.write_text(original)
    build(project, tmp_path / "reverted", today=TODAY)
    assert tree(tmp_path / "reverted") == expected

    (project / CACHE_FOLDER / "build.sqlite").write_bytes(b"not a database at all")
    build(project, tmp_path / "damaged", today=TODAY)
    assert tree(tmp_path / "damaged") == expected

    monkeypatch.setattr(render_pages, "PARALLEL_MIN_PAGES", 2)  # rendered over processes
    build(project, tmp_path / "parallel", today=TODAY, use_cache=False)
    assert tree(tmp_path / "parallel") == expected


def test_a_template_change_reaches_every_page_through_the_cache(project: Path, tmp_path: Path):
    build(project, tmp_path / "a", today=TODAY)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace('<a class="skip-link"', '<a class="skip-link direct"'))
    build(project, tmp_path / "b", today=TODAY)
    pages = [p for p in (tmp_path / "b").rglob("*.html")]
    assert pages and all('class="skip-link direct"' in p.read_text() for p in pages)
    build(project, tmp_path / "c", today=TODAY, use_cache=False)
    assert tree(tmp_path / "b") == tree(tmp_path / "c")
