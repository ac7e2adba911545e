"""The cache is a file anyone may have changed: what it holds is data, never code, and a
damaged one only costs a cold build and a warning."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from conftest import TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.cache import CACHE_FOLDER, BuildCache
from sleutelsite.cache.codec import MAGIC, CacheCodec, Unreadable, Unstorable, stored_classes
from sleutelsite.errors import Problem
from sleutelsite.load.yaml_file import read_yaml
from sleutelsite.model import Entry, Page, Signatory


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))  # this test's own template key
    return copy_project(tmp_path / "p")


@pytest.fixture
def cold(project: Path, tmp_path: Path) -> dict[str, bytes]:
    build(project, tmp_path / "cold", today=TODAY, use_cache=False)
    return tree(tmp_path / "cold")


def database(project: Path) -> Path:
    return project / CACHE_FOLDER / "build.sqlite"


def codes(warnings: tuple[Problem, ...]) -> list[str]:
    return [w.code for w in warnings]


class RunsCode:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.proof}",))


def test_values_of_every_kept_type_come_back_equal_and_of_the_same_type():
    codec = CacheCodec(stored_classes())
    meta, _ = read_yaml("title: A\nthemes: [x, y]\n", "a.md", 2)
    story = Entry(
        "story", "s", "/verhalen/s/", "content/verhalen/s.md", "body", 3, "nl",
        {"name": "N", "signed": dt.date(2026, 1, 2), "themes": ("a",), "photo": ""},
    )  # fmt: skip
    value = (
        "tekst", 1, 2.5, True, None, [1, (2, 3)], frozenset({"a"}), {"b"}, {1: "int key", "k": [b"\x00\xff"]},
        b"raw bytes", dt.date(2026, 11, 30), dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC), meta, story,
        Page("/a/", "content/a.md", 4, "A", "", "body", "page.html", "nl", source_key="k"),
        Signatory("Naam", "organisatie", "Utrecht", "Utrecht", "https://example.org/", dt.date(2026, 1, 1), "ja", 7),
        Problem("a.md", 3, "unknown_key", (("key", "x"),), extra=("detail",)),
    )  # fmt: skip
    back = codec.decode(codec.encode(value))
    assert back == value
    assert [type(v) for v in back] == [type(v) for v in value]  # type: ignore[union-attr]
    assert back[12].line == meta.line and back[12].key_lines == meta.key_lines  # type: ignore[index]
    assert back[12]["themes"].item_lines == meta["themes"].item_lines  # type: ignore[index]
    assert back[14].source_key == "k"  # type: ignore[index]  # (not compared by ==)


def test_a_value_of_another_type_is_not_stored_but_kept_in_memory(tmp_path: Path):
    codec = CacheCodec(stored_classes())
    with pytest.raises(Unstorable):
        codec.encode(Path("x"))
    cache = BuildCache(tmp_path / "cache")
    cache.put("model", "k", Path("x"))
    assert cache.get("model", "k") == Path("x")
    cache.save()
    cache.close()
    assert sqlite3.connect(tmp_path / "cache" / "build.sqlite").execute(
        "SELECT COUNT(*) FROM memo"
    ).fetchone() == (0,)


def entry(text: bytes, raw: bytes = b"") -> bytes:
    return MAGIC + len(text).to_bytes(8, "little") + text + raw


@pytest.mark.parametrize(
    "blob",
    [
        pickle.dumps(("a", 1)),
        b"",
        MAGIC,
        entry(b'{"@BuildCache":[]}'),  # a class that is not on the list
        entry(b'{"@PosixPath":["/etc/passwd"]}'),
        entry(b'{"os.system":["touch x"]}'),
        entry(b'{"@Entry":["too", "few"]}'),
        entry(b'{"t":[1],"d":[]}'),  # two names in one object
        entry(b'{"b":[0,10]}', b"short"),  # bytes beyond the entry
        entry(b'{"b":[-1,2]}', b"abc"),
        entry(b'{"d":[1]}'),  # a key without a value
        entry(b'{"f":[[1]]}'),  # a list cannot be in a set
        entry(b'{"date":"gisteren"}'),
        entry(b"[1,2] trailing"),
        entry(b"[" * 100_000 + b"]" * 100_000),
        entry(b'"\xff"'),
    ],
)
def test_bytes_the_codec_did_not_write_are_unreadable(blob: bytes):
    with pytest.raises(Unreadable):
        CacheCodec(stored_classes()).decode(blob)


def test_a_pickled_entry_in_the_cache_never_runs(project: Path, tmp_path: Path, cold):
    """Regression: the cache unpickled what .cache/build.sqlite held, so a crafted entry ran
    code. Now every entry is replaced by a pickle that would run a command: nothing runs,
    the build is as a cold one, and says once that the cache held something foreign."""
    build(project, tmp_path / "first", today=TODAY)
    proof = tmp_path / "code-ran"
    with sqlite3.connect(database(project)) as db:
        db.execute("UPDATE memo SET value = ?", (pickle.dumps(RunsCode(proof)),))
    result = build(project, tmp_path / "crafted", today=TODAY)
    assert not proof.exists()
    assert tree(tmp_path / "crafted") == cold
    assert codes(result.warnings) == ["cache_entry_unreadable"]
    assert result.warnings[0].format("en") == (
        ".cache/build.sqlite: warning: the build cache held something build.py did not write itself "
        "(not a cache entry); it was ignored and made again.\n  Hint: Nothing to do. Is .cache/ in git "
        "or in a pull request? Remove it: the cache belongs on your own computer only."
    )
    again = build(project, tmp_path / "again", today=TODAY)  # made again: no warning any more
    assert again.warnings == () and tree(tmp_path / "again") == cold


def test_an_entry_naming_a_class_that_is_not_on_the_list_is_made_again(project: Path, tmp_path: Path, cold):
    build(project, tmp_path / "first", today=TODAY)
    with sqlite3.connect(database(project)) as db:
        db.execute("UPDATE memo SET value = ?", (entry(b'{"@BuildCache":[]}'),))
    result = build(project, tmp_path / "crafted", today=TODAY)
    assert tree(tmp_path / "crafted") == cold
    assert codes(result.warnings) == ["cache_entry_unreadable"]
    assert "not a kind of value the cache keeps: '@BuildCache'" in result.warnings[0].message("en")


def test_a_crafted_compiled_template_never_runs(project: Path, tmp_path: Path, cold):
    """Jinja's own file cache reads compiled templates with pickle and marshal; ours are
    signed with a key outside the project, and a file without that signature is not used."""
    import jinja2

    build(project, tmp_path / "first", today=TODAY)
    proof = tmp_path / "code-ran"
    crafted = jinja2.bccache.bc_magic + pickle.dumps(RunsCode(proof))  # Jinja's header, then code
    signed = sorted((project / CACHE_FOLDER / "jinja").glob("*.signed"))
    assert signed
    for file in signed:
        file.write_bytes(b"\0" * 32 + crafted)
        file.with_name(f"__jinja2_{file.stem}.cache").write_bytes(crafted)  # Jinja's own name for it
    build(project, tmp_path / "crafted", today=TODAY)
    assert not proof.exists()
    assert tree(tmp_path / "crafted") == cold
    assert not any(crafted in file.read_bytes() for file in signed)  # compiled and signed again
    # The same files in Jinja's own cache would have run the command:
    plain = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project / "templates"),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(project / CACHE_FOLDER / "jinja")),
    )
    plain.get_template("base.html")  # (reads the "checksum" with pickle: the command runs)
    assert proof.exists()


def test_the_template_key_is_never_inside_the_project(project: Path, monkeypatch):
    from sleutelsite.cache.templates import machine_key, template_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(project / CACHE_FOLDER))
    assert machine_key(project) is None
    assert template_cache(project / CACHE_FOLDER) is None  # templates are compiled every build then


def malformed(path: Path) -> None:
    """A real database with its pages overwritten: SQLite says 'malformed' when reading."""
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(size // 2)
        file.write(b"\xa5" * min(8192, size // 2))
        file.seek(100)  # the header of the first page (the schema) stays readable
        file.write(b"\x0d\x00\x00\x00\xff")


def garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database at all, only garbage bytes" * 100)


def folder(db: Path) -> None:
    db.unlink()
    db.mkdir()
    (db / "x").write_text("a folder where the file should be")


def other_tables(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE memo (something TEXT)")


@pytest.mark.parametrize("damage", [garbage, malformed, folder, other_tables], ids=lambda f: f.__name__)
def test_a_damaged_cache_is_set_aside_and_the_build_is_cold(project: Path, tmp_path: Path, cold, damage):
    build(project, tmp_path / "first", today=TODAY)
    damage(database(project))
    result = build(project, tmp_path / "damaged", today=TODAY)
    assert tree(tmp_path / "damaged") == cold
    assert codes(result.warnings) == ["cache_damaged"]
    assert (
        result.warnings[0]
        .format("nl")
        .startswith(".cache/build.sqlite: waarschuwing: de bouwcache was beschadigd (")
    )
    assert result.warnings[0].hint("nl") == (
        "Niets te doen: de volgende build gebruikt de nieuwe cache. .cache/build.sqlite.damaged mag weg."
    )
    assert database(project).with_name("build.sqlite.damaged").exists()
    assert database(project).is_file()
    again = build(project, tmp_path / "again", today=TODAY)  # the new cache is used, and whole
    assert again.warnings == () and tree(tmp_path / "again") == cold
    with sqlite3.connect(database(project)) as db:
        assert db.execute("SELECT COUNT(*) FROM memo").fetchone()[0] > 0


def test_an_empty_cache_file_is_a_new_cache(project: Path, tmp_path: Path, cold):
    build(project, tmp_path / "first", today=TODAY)
    database(project).write_bytes(b"")
    result = build(project, tmp_path / "empty", today=TODAY)
    assert result.warnings == () and tree(tmp_path / "empty") == cold


def test_a_locked_cache_is_left_alone_and_the_build_goes_on_in_memory(
    project: Path, tmp_path: Path, cold, monkeypatch
):
    import sleutelsite.cache.file as cache_file

    build(project, tmp_path / "first", today=TODAY)
    monkeypatch.setattr(cache_file, "WAIT_S", 0.1)
    holder = sqlite3.connect(database(project))
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        result = build(project, tmp_path / "locked", today=TODAY)
    finally:
        holder.rollback()
        holder.close()
    assert tree(tmp_path / "locked") == cold
    assert codes(result.warnings) == ["cache_unusable"]
    assert result.warnings[0].message("en") == (
        "warning: the build cache could not be used now (database is locked); "
        "this build kept everything in memory and so took longer."
    )
    assert not database(project).with_name("build.sqlite.damaged").exists()
    assert build(project, tmp_path / "after", today=TODAY).warnings == ()


def test_the_warning_is_printed_by_the_command_line(project: Path, capsys):
    from sleutelsite.cli import main

    assert main(["--project", str(project)]) == 0
    database(project).write_bytes(b"garbage" * 100)
    assert main(["--project", str(project)]) == 0
    err = capsys.readouterr().err
    assert err.count("waarschuwing: de bouwcache was beschadigd (file is not a database)") == 1
