"""The published JSON Schema and the checker agree on the same fixtures.

The schema gives editors inline errors in VS Code / github.dev; the checker adds what a
schema cannot see (order, duplicates, files, look-alike characters). For every invalid
fixture, the schema must reject it unless the check is one of those.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURE, ROOT, TODAY, copy_project
from sleutelsite.build import check
from sleutelsite.errors import BuildError

SCHEMA = json.loads((ROOT / "schema" / "signatories.schema.json").read_text(encoding="utf-8"))
CASES = sorted(p for p in (ROOT / "tests" / "invalid").glob("sig-*") if (p / "signatories.yaml").exists())
# Checks a JSON Schema cannot express; only the checker catches these.
CHECKER_ONLY = {
    "sig-anchor-alias", "sig-date-future", "sig-date-impossible", "sig-duplicate-domain",
    "sig-duplicate-key", "sig-duplicate-name", "sig-hash-in-name", "sig-invisible-character",
    "sig-logo-missing", "sig-logo-svg-script", "sig-logo-too-big", "sig-logo-too-large",
    "sig-mixed-script", "sig-placeholder", "sig-sort-order", "sig-url-lookalike", "sig-url-punycode",
}  # fmt: skip


class LanguageServerLoader(yaml.SafeLoader):
    """Reads YAML as the YAML language server does: dates stay text."""


LanguageServerLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_rejects(text: str) -> bool:
    try:
        data = yaml.load(text, Loader=LanguageServerLoader)
    except yaml.YAMLError:
        return True
    return any(True for _ in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


def test_the_schema_itself_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_signatories_file_points_to_the_schema():
    first = (ROOT / "signatories.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schema/signatories.schema.json"


@pytest.mark.parametrize(
    "path", [ROOT / "signatories.yaml", FIXTURE / "signatories.yaml"], ids=["real", "mini"]
)
def test_valid_files_pass_both(path: Path):
    assert not schema_rejects(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_schema_and_checker_agree_on_invalid_fixtures(case: Path, tmp_path: Path):
    files = {f.relative_to(case).as_posix(): f.read_bytes() for f in case.rglob("*") if f.is_file()}
    files.pop("expected_error.txt", None)
    project = copy_project(tmp_path / "p", files)
    with pytest.raises(BuildError):
        check(project, today=TODAY)
    text = (case / "signatories.yaml").read_text(encoding="utf-8")
    assert schema_rejects(text) == (case.name not in CHECKER_ONLY)
