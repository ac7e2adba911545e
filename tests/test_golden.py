"""Build the mini fixture project and compare every output file with tests/golden/expected.

On a mismatch the test prints a unified diff. After an intended change, rewrite the
expected files with UPDATE_GOLDEN=1 and read the diff in git before committing.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from conftest import TODAY
from sleutelsite.build import build

EXPECTED = Path(__file__).parent / "golden" / "expected"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        f.relative_to(folder).as_posix(): f.read_bytes()
        for f in sorted(folder.rglob("*"))
        if f.is_file() and not f.relative_to(folder).as_posix().startswith("static/")
    }


def test_mini_site_matches_golden_output(make_project, tmp_path):
    project = make_project()
    out = tmp_path / "out"
    build(project, out, today=TODAY)
    actual = tree(out)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, data in actual.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_bytes(data)
    expected = tree(EXPECTED)
    diffs = []
    for rel in sorted(set(actual) | set(expected)):
        if actual.get(rel) == expected.get(rel):
            continue
        diffs += difflib.unified_diff(
            expected.get(rel, b"").decode("utf-8", "replace").splitlines(),
            actual.get(rel, b"").decode("utf-8", "replace").splitlines(),
            f"expected/{rel}",
            f"built/{rel}",
            lineterm="",
        )
    assert not diffs, "golden output differs (UPDATE_GOLDEN=1 rewrites it):\n" + "\n".join(diffs)
