"""One folder per bad input: tests/invalid/<case>/ holds files laid over the mini
project (same paths) and expected_error.txt, the exact report the build must give.
An optional remove.txt lists project files to delete first.
Set UPDATE_EXPECTED=1 to write expected_error.txt from the current output (then read it!).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import TODAY, copy_project
from sleutelsite.build import check
from sleutelsite.errors import BuildError

CASES = Path(__file__).parent / "invalid"
SPECIAL = {"expected_error.txt", "remove.txt"}


def case_files(case: Path) -> dict[str, bytes]:
    return {
        f.relative_to(case).as_posix(): f.read_bytes()
        for f in sorted(case.rglob("*"))
        if f.is_file() and f.relative_to(case).as_posix() not in SPECIAL
    }


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_invalid_input_gives_the_expected_error(case: str, tmp_path: Path) -> None:
    folder = CASES / case
    remove = folder / "remove.txt"
    removed = tuple(remove.read_text().split()) if remove.exists() else ()
    project = copy_project(tmp_path / "project", case_files(folder), removed)
    with pytest.raises(BuildError) as info:
        check(project, today=TODAY)
    report = info.value.report() + "\n"
    expected = folder / "expected_error.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.write_text(report, encoding="utf-8")
    assert report == expected.read_text(encoding="utf-8")


def test_every_message_is_a_format_string_with_named_places_only() -> None:
    """A literal { or } in a message must be doubled, or the error itself would crash."""
    import string

    from sleutelsite.messages import MESSAGES

    for code, languages in MESSAGES.items():
        for lang, texts in languages.items():
            for text in texts:
                fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
                assert all(name.isidentifier() for name in fields), (code, lang, text)
