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


MAX_COMPLEXITY = 15  # radon's cyclomatic complexity ("C" starts at 11, "D" at 21)

# Still above the limit, each at its measured figure: split one, then take it off this list
# (the test below fails when a listed function is split or grows, so the list only shrinks).
NOT_YET_SPLIT: dict[str, int] = {}


def complexities(files: list[Path], root: Path = ROOT) -> dict[str, tuple[int, int]]:
    """{"file:function": (complexity, line)} for every function, method and closure."""
    from radon.complexity import cc_visit

    found: dict[str, tuple[int, int]] = {}
    for path in files:
        blocks = list(cc_visit(path.read_text(encoding="utf-8")))
        while blocks:
            block = blocks.pop()
            blocks.extend(getattr(block, "methods", ()) or ())
            blocks.extend(getattr(block, "closures", ()) or ())
            name = f"{path.relative_to(root)}:{block.name}"
            found[name] = max(found.get(name, (0, 0)), (block.complexity, block.lineno))
    return found


def test_no_function_above_complexity_15():
    measured = complexities(CHECKED)
    too_complex = [
        f"{name.rsplit(':', 1)[0]}:{line} {name.rsplit(':', 1)[1]} has complexity {figure}"
        for name, (figure, line) in sorted(measured.items())
        if figure > MAX_COMPLEXITY and NOT_YET_SPLIT.get(name) != figure
    ]
    split_since = sorted(name for name in NOT_YET_SPLIT if measured.get(name, (0, 0))[0] <= MAX_COMPLEXITY)
    assert too_complex == [], f"split these into well-named steps (limit {MAX_COMPLEXITY})"
    assert split_since == [], "no longer above the limit: take them off NOT_YET_SPLIT"


def test_complexity_names_the_offender(tmp_path):
    sample = tmp_path / "sample.py"
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(16))
    sample.write_text(f"def tangled(x):\n{branches}    return -1\n", encoding="utf-8")
    assert complexities([sample], tmp_path) == {"sample.py:tangled": (17, 1)}


MAX_LINES = 330  # a stage module of "a couple of hundred lines", with room for a fix

# messages.py is data (every message in two languages), not code: it may grow with them.
EXEMPT_FROM_LENGTH = {"sleutelsite/messages.py"}
# Still too long (measured length shown; others add to them meanwhile): split them along
# their seams, then take them off.
NOT_YET_SHORT: dict[str, int] = {}


def test_no_module_above_330_lines():
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "sleutelsite").rglob("*.py"))
    }
    too_long = [
        f"{name} has {length} lines"
        for name, length in lengths.items()
        if length > MAX_LINES and name not in EXEMPT_FROM_LENGTH and name not in NOT_YET_SHORT
    ]
    short_since = sorted(name for name, length in NOT_YET_SHORT.items() if lengths.get(name, 0) <= MAX_LINES)
    assert too_long == [], f"split these along their seams (limit {MAX_LINES} lines)"
    assert short_since == [], "no longer too long: take them off NOT_YET_SHORT"
