"""The engine stays easy to change: typed, small functions, small stage modules.

mypy itself runs in `make test` (configured in pyproject.toml, with unused ignores
reported); these tests keep what mypy cannot see: why an ignore is there, how complex a
function is and how long a module is.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = [*sorted((ROOT / "sleutelsite").rglob("*.py")), ROOT / "build.py"]

# `# type: ignore[code]  # why`: the error it silences and the reason (a library without types).
_IGNORE = re.compile(r"#\s*type:\s*ignore")
_EXPLAINED = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S.*$")


def bare_type_ignores(files: list[Path], root: Path = ROOT) -> list[str]:
    """`file:line: text` for every `type: ignore` without an error code and a reason."""
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _IGNORE.search(line) and not _EXPLAINED.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_every_type_ignore_names_its_error_and_reason():
    assert bare_type_ignores(CHECKED) == []


def test_a_bare_type_ignore_is_found(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import a  # type: ignore\n"
        "import b  # type: ignore[import-untyped]\n"
        "import c  # type: ignore[import-untyped]  # c ships no types\n",
        encoding="utf-8",
    )
    assert bare_type_ignores([sample], tmp_path) == [
        "sample.py:1: import a  # type: ignore",
        "sample.py:2: import b  # type: ignore[import-untyped]",
    ]
