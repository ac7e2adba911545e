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
    "sig-municipality-unknown", "sig-province-mismatch",  # against the 342 of data/nl/
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


# --- Front matter: one schema per kind, made from its declaration (sleutelsite/kinds.py) ---

FRONT_MATTER = ROOT / "schema" / "front-matter"
# Invalid fixtures with a front-matter mistake: does a schema see it too?
FRONT_MATTER_CASES = {
    "missing-required-field": True,
    "image-without-alt": True,
    "front-matter-unclosed-list": True,
    "missing-image": False,  # a file that is not there
    "missing-template": False,
}


def front_matter(file: Path) -> object:
    text = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return yaml.load(text.split("\n---\n", 1)[0].removeprefix("---\n"), Loader=LanguageServerLoader)


def kind_of(project: Path, file: Path) -> str:
    from sleutelsite.kinds import BUILT_IN
    from sleutelsite.load.content import ContentKinds

    parts = file.relative_to(project / "content").parts
    if parts[0] in ("en",) and len(parts) > 1:  # a translation: the same kinds
        parts = parts[1:]
    section = parts[0] if len(parts) == 2 else ""
    return ContentKinds(BUILT_IN).of_file(section, parts[-1].removesuffix(".md")).name


def front_matter_rejected(project: Path, file: Path) -> bool:
    kind = kind_of(project, file)
    schema = json.loads((FRONT_MATTER / f"{kind}.schema.json").read_text(encoding="utf-8"))
    try:
        data = front_matter(file)
    except yaml.YAMLError:
        return True
    return any(True for _ in jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_front_matter_schemas_are_made_from_the_kinds():
    """`python build.py schema` rewrites them after a change to sleutelsite/kinds.py."""
    from sleutelsite.describe import schema_text
    from sleutelsite.kinds import BUILT_IN

    assert sorted(p.name for p in FRONT_MATTER.glob("*.json")) == sorted(
        f"{k.name}.schema.json" for k in BUILT_IN
    )
    for kind in BUILT_IN:
        schema = (FRONT_MATTER / f"{kind.name}.schema.json").read_text(encoding="utf-8")
        jsonschema.Draft202012Validator.check_schema(json.loads(schema))
        assert schema == schema_text(kind), kind.name


@pytest.mark.parametrize("project", [ROOT, FIXTURE], ids=["real", "mini"])
def test_every_content_file_passes_its_kinds_schema(project: Path):
    files = sorted((project / "content").rglob("*.md"))
    assert len(files) > 10
    assert [f for f in files if front_matter_rejected(project, f)] == []


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_CASES))
def test_schema_and_checker_agree_on_front_matter_mistakes(case: str, tmp_path: Path):
    folder = ROOT / "tests" / "invalid" / case
    files = {f.relative_to(folder).as_posix(): f.read_bytes() for f in folder.rglob("*") if f.is_file()}
    files.pop("expected_error.txt")
    project = copy_project(tmp_path / "p", files)
    with pytest.raises(BuildError):
        check(project, today=TODAY)
    (changed,) = [project / rel for rel in files]
    assert front_matter_rejected(project, changed) == FRONT_MATTER_CASES[case]
