"""The output folder: atomic swap, guards, nothing lost, nothing stale."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from sleutelsite.errors import BuildError
from sleutelsite.write import MARKER, write_site


def files(**pages: str) -> dict[PurePosixPath, bytes]:
    return {PurePosixPath(k.replace("__", "/") + ".html"): v.encode() for k, v in pages.items()}


def test_writes_into_a_new_folder_with_a_marker(tmp_path):
    out = tmp_path / "_site"
    stats = write_site(files(index="home"), out, tmp_path / "project")
    assert (out / "index.html").read_text() == "home"
    assert (out / MARKER).is_file()
    assert stats.written == 1


def test_stale_files_disappear_and_unchanged_files_keep_their_inode(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="home", oud="weg", same="gelijk"), out, tmp_path / "p")
    inode = (out / "same.html").stat().st_ino
    stats = write_site(files(index="nieuw", same="gelijk"), out, tmp_path / "p")
    assert not (out / "oud.html").exists()
    assert (out / "index.html").read_text() == "nieuw"
    assert (out / "same.html").stat().st_ino == inode
    assert (stats.written, stats.unchanged) == (1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.prev", "_site"]  # no temporary folders left


def test_a_failing_write_leaves_the_previous_site(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="oud"), out, tmp_path / "p")

    class Boom(dict):
        def __getitem__(self, key):
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_site(Boom(files(index="nieuw")), out, tmp_path / "p")
    assert (out / "index.html").read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


@pytest.mark.parametrize("target", [".", "content", "templates", "static", ".git/x"])
def test_refuses_the_project_and_its_sources(tmp_path, target):
    project = tmp_path / "project"
    for d in ("content", "templates", "static", ".git"):
        (project / d).mkdir(parents=True)
    with pytest.raises(BuildError) as info:
        write_site(files(index="x"), project / target, project)
    assert info.value.problems[0].code in ("out_protected", "out_inside_sources")
    assert not (project / target / "index.html").exists()


def test_refuses_a_parent_of_the_project(tmp_path):
    project = tmp_path / "a" / "project"
    project.mkdir(parents=True)
    with pytest.raises(BuildError) as info:
        write_site(files(index="x"), tmp_path / "a", project)
    assert info.value.problems[0].code == "out_protected"


def test_refuses_home_and_root(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    for target in (tmp_path / "home", Path("/")):
        with pytest.raises(BuildError) as info:
            write_site(files(index="x"), target, tmp_path / "project")
        assert info.value.problems[0].code == "out_protected"


def test_refuses_a_non_empty_folder_it_did_not_make(tmp_path):
    out = tmp_path / "documenten"
    out.mkdir()
    (out / "belangrijk.txt").write_text("niet weggooien")
    with pytest.raises(BuildError) as info:
        write_site(files(index="x"), out, tmp_path / "project")
    assert info.value.report() == (
        f"{out}: de map {out} is niet leeg en niet door build.py gemaakt (het bestand {MARKER} ontbreekt).\n"
        "  Tip: Kies een lege of nieuwe map; build.py overschrijft geen map die het niet zelf heeft gemaakt."
    )
    assert (out / "belangrijk.txt").read_text() == "niet weggooien"


def test_refuses_a_file_and_a_symlink(tmp_path):
    (tmp_path / "bestand").write_text("x")
    (tmp_path / "echt").mkdir()
    os.symlink(tmp_path / "echt", tmp_path / "link")
    for name, code in (("bestand", "out_not_folder"), ("link", "out_symlink")):
        with pytest.raises(BuildError) as info:
            write_site(files(index="x"), tmp_path / name, tmp_path / "project")
        assert info.value.problems[0].code == code


def test_an_empty_existing_folder_is_fine(tmp_path):
    out = tmp_path / "leeg"
    out.mkdir()
    write_site(files(index="x"), out, tmp_path / "project")
    assert (out / "index.html").read_text() == "x"


def test_leftovers_of_a_killed_build_are_cleaned_up_and_never_foreign_folders(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="oud"), out, tmp_path / "p")
    ours = tmp_path / "._site.new-abc123"
    ours.mkdir()
    (ours / MARKER).write_text("x")
    foreign = tmp_path / "._site.new-notours"
    foreign.mkdir()
    (foreign / "data.txt").write_text("keep")
    write_site(files(index="nieuw"), out, tmp_path / "p")
    assert not ours.exists()
    assert (foreign / "data.txt").read_text() == "keep"


def test_a_site_moved_aside_by_a_killed_swap_is_restored(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="oud"), out, tmp_path / "p")
    aside = tmp_path / "._site.old-xyz"
    out.rename(aside)  # as if killed between the two renames of the fallback swap
    write_site(files(index="nieuw", extra="e"), out, tmp_path / "p")
    assert (out / "index.html").read_text() == "nieuw"
    assert not aside.exists()


def test_the_site_before_last_is_reused_and_stays_consistent(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="een", a__b="x"), out, tmp_path / "p")
    write_site(files(index="twee", a="nu een bestand"), out, tmp_path / "p")  # a/ becomes a file
    write_site(files(index="drie", a__b="weer een map", c="c"), out, tmp_path / "p")
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file() and p.name != MARKER} == {
        "index.html": "drie", "a/b.html": "weer een map", "c.html": "c",
    }  # fmt: skip
    prev = tmp_path / "._site.prev"
    assert (prev / "index.html").read_text() == "twee"  # the old site, kept for the next build
    assert not (prev / "a" / "b.html").exists()


def test_a_file_shared_by_both_trees_is_never_changed_in_place(tmp_path):
    out = tmp_path / "_site"
    write_site(files(index="x", same="gelijk"), out, tmp_path / "p")
    write_site(files(index="y", same="gelijk"), out, tmp_path / "p")  # same.html: one inode in both trees
    write_site(files(index="z", same="anders"), out, tmp_path / "p")
    assert (out / "same.html").read_text() == "anders"
    assert (tmp_path / "._site.prev" / "same.html").read_text() == "gelijk"


def test_swap_is_one_atomic_exchange_on_linux(tmp_path):
    from sleutelsite.write.folders import _exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from-a").touch()
    (tmp_path / "b" / "from-b").touch()
    assert _exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_written_files_are_readable_by_a_web_server_whatever_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_site(files(index="x"), tmp_path / "_site", tmp_path / "p")
    finally:
        os.umask(old)
    assert (tmp_path / "_site" / "index.html").stat().st_mode & 0o777 == 0o644
