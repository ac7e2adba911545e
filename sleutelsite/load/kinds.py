"""Read kinds.yaml: the project's own kinds of content, next to page, tip and story.

Each top-level key is a kind's name, holding the keys of `kinds.Kind` (see README,
"Kinds of content"); every mistake is reported with its line, like any other file.
This module reads the file; each kind's declaration is checked in kind_declaration.py.
"""

from __future__ import annotations

from pathlib import Path

from sleutelsite.errors import BuildError, Problem, problem
from sleutelsite.kinds import BUILT_IN, Kind, placeholders
from sleutelsite.load.kind_declaration import KINDS_FILE, declared_kind
from sleutelsite.load.yaml_file import YamlMap, read_yaml

MAX_KINDS_BYTES = 256 * 1024


def load_kinds(
    project: Path, templates: frozenset[str], languages: tuple[str, ...], problems: list[Problem]
) -> tuple[tuple[Kind, ...], frozenset[str]]:
    """The built-in kinds and the project's own; and the folders of kinds that have mistakes
    (their files are not read: each would only repeat the kind's mistake)."""
    file = project / KINDS_FILE
    if not file.exists() and not file.is_symlink():
        return BUILT_IN, frozenset()
    data = _read(project, file, problems)
    if data is None:
        return BUILT_IN, frozenset()
    if not isinstance(data, YamlMap):
        problems.append(problem(KINDS_FILE, 1, "kinds_not_a_mapping"))
        return BUILT_IN, frozenset()
    kinds = list(BUILT_IN)
    broken: set[str] = set()
    for name, spec in data.items():
        before = len(problems)
        kind = declared_kind(str(name), spec, data.line_of(name), kinds, templates, languages, problems)
        if kind is not None and len(problems) == before:
            kinds.append(kind)
        elif isinstance(spec, YamlMap) and isinstance(spec.get("folder"), str):
            broken.add(spec["folder"])
    return tuple(kinds), frozenset(broken)


def project_kinds(project: Path) -> tuple[Kind, ...]:
    """Every kind of the project, for commands that read no content (`new`, `schema`);
    raises BuildError when kinds.yaml has mistakes."""
    root = project / "templates"
    templates = frozenset(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    problems: list[Problem] = []
    kinds, _ = load_kinds(project, templates, (), problems)
    if problems:
        raise BuildError(problems)
    return kinds


def check_kind_words(
    kinds: tuple[Kind, ...], words: dict[str, object], path: str, problems: list[Problem]
) -> None:
    """A kind's feed needs its interface words in the default language's file `path` (the
    others must have the same keys, which load_i18n checks)."""
    for kind in kinds[len(BUILT_IN) :]:
        if not kind.feed:
            continue
        for key in (f"feed_{kind.plural}", f"feed_{kind.name}"):
            if key not in words:
                problems.append(problem(path, 0, "kind_words_missing", kind=kind.name, key=key))
        known = {f.name for f in kind.fields}
        for name in placeholders(str(words.get(f"feed_{kind.name}", ""))):
            if name not in known:
                problems.append(
                    problem(
                        path,
                        0,
                        "kind_words_placeholder",
                        kind=kind.name,
                        key=f"feed_{kind.name}",
                        name=name,
                        known=", ".join(sorted(known)),
                    )
                )


def _read(project: Path, file: Path, problems: list[Problem]) -> object:
    if file.is_symlink() and not file.resolve().is_relative_to(project.resolve()):
        problems.append(problem(KINDS_FILE, 0, "symlink_outside"))
        return None
    data = file.read_bytes()
    if len(data) > MAX_KINDS_BYTES:
        problems.append(problem(KINDS_FILE, 0, "file_too_large", size=len(data), limit=MAX_KINDS_BYTES))
        return None
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        problems.append(problem(KINDS_FILE, 0, "not_utf8", offset=err.start))
        return None
    found, yaml_problems = read_yaml(text, KINDS_FILE)
    problems.extend(yaml_problems)
    return found
