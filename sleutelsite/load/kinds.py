"""Read kinds.yaml: the project's own kinds of content, next to page, tip and story.

Each top-level key is a kind's name, holding the keys of `kinds.Kind` (see README,
"Kinds of content"); every mistake is reported with its line, like any other file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from sleutelsite.errors import BuildError, Problem, problem
from sleutelsite.kinds import (
    BUILT_IN,
    EMPTY,
    ENTRY_ATTRIBUTES,
    MARKDOWN_FIELD_TYPES,
    TEMPLATE_NAMES,
    Kind,
    KindField,
    placeholders,
)
from sleutelsite.load.fields import Field, check_fields, did_you_mean
from sleutelsite.load.yaml_file import YamlMap, read_yaml

KINDS_FILE = "kinds.yaml"
MAX_KINDS_BYTES = 256 * 1024
KIND_KEYS = {
    "plural": Field("text", required=True),
    "folder": Field("text", required=True),
    "url": Field("text", required=True),
    "template": Field("text", required=True),
    "index_template": Field("text"),
    "title": Field("text"),
    "summary": Field("text"),
    "date": Field("text"),
    "image": Field("text"),
    "image_alt": Field("text"),
    "order": Field("texts"),
    "card": Field("bool"),
    "share_card": Field("bool"),
    "feed": Field("bool"),
    "sitemap": Field("bool"),
    "file_name": Field("text"),
    "new_body": Field("text"),
    "fields": Field("any", required=True),
}
FIELD_KEYS = {
    "type": Field("text", required=True),
    "required": Field("bool"),
    "allow_empty": Field("bool"),
    "help": Field("any", required=True),
    "default": Field("any"),
    "starter": Field("text"),
}
HELP_KEYS = {"nl": Field("text", required=True), "en": Field("text", required=True)}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FOLDER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What each pattern may fill in.
_PLACES = {
    "url": ("folder", "slug"),
    "file_name": ("slug", "number"),
    "new_body": ("title",),
    "starter": ("title", "today", "number"),
}
# Fields a kind's page can take a role from, and the type each needs.
_ROLES = {"title": "text", "summary": "text", "date": "date", "image": "text", "image_alt": "text"}


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
        kind = _kind(str(name), spec, data.line_of(name), kinds, templates, languages, problems)
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


def _kind(
    name: str,
    spec: object,
    line: int,
    kinds: list[Kind],
    templates: frozenset[str],
    languages: tuple[str, ...],
    problems: list[Problem],
) -> Kind | None:
    values = check_fields(spec, KIND_KEYS, KINDS_FILE, line, problems)
    if values is None or not isinstance(spec, YamlMap):
        return None
    at = spec.line_of
    taken = {word: kind.name for kind in kinds for word in (kind.name, kind.plural)}
    for key, word in (("name", name), ("plural", values.get("plural"))):
        where = line if key == "name" else at("plural")
        if not isinstance(word, str):
            continue
        if not _NAME.match(word):
            problems.append(problem(KINDS_FILE, where, "kind_bad_name", key=key, word=word))
        elif word in taken or word in TEMPLATE_NAMES:
            problems.append(problem(KINDS_FILE, where, "kind_name_taken", word=word))
    folder = values.get("folder")
    if isinstance(folder, str):
        used = {kind.folder: kind.name for kind in kinds if kind.folder}
        if not _FOLDER.match(folder):
            problems.append(problem(KINDS_FILE, at("folder"), "kind_bad_folder", folder=folder))
        elif folder in used:
            problems.append(
                problem(KINDS_FILE, at("folder"), "kind_folder_taken", folder=folder, other=used[folder])
            )
        elif folder in languages:
            problems.append(problem(KINDS_FILE, at("folder"), "kind_folder_language", folder=folder))
    url = values.get("url")
    if isinstance(url, str) and not (url.startswith("/") and url.endswith("/") and "{slug}" in url):
        problems.append(problem(KINDS_FILE, at("url"), "kind_bad_url", url=url))
    for key in ("url", "file_name", "new_body"):
        _check_places(key, values.get(key), at(key), problems)
    for key in ("template", "index_template"):
        template = values.get(key)
        if isinstance(template, str) and template not in templates:
            problems.append(problem(KINDS_FILE, at(key), "missing_template", layout=template))
    before = len(problems)
    fields = _fields(spec.get("fields"), at("fields"), problems)
    if fields is None or len(problems) > before:  # the roles would only repeat that
        return None
    _check_roles(values, spec, fields, problems)
    if values.get("feed") and "date" not in values:
        problems.append(problem(KINDS_FILE, at("feed"), "kind_feed_needs_date"))
    return Kind(
        name=name,
        plural=str(values.get("plural", "")),
        folder=str(folder or ""),
        fields=fields,
        url=str(url or ""),
        template=str(values.get("template", "")),
        index_template=str(values.get("index_template", "")),
        title=str(values.get("title", "title")),
        summary=str(values.get("summary", "")),
        date=str(values.get("date", "")),
        image=str(values.get("image", "")),
        image_alt=str(values.get("image_alt", "")),
        order=tuple(cast("tuple[str, ...]", values.get("order", ("url",)))),  # (a list of texts)
        card=bool(values.get("card", False)),
        share_card=bool(values.get("share_card", True)),
        feed=bool(values.get("feed", False)),
        sitemap=bool(values.get("sitemap", True)),
        file_name=str(values.get("file_name", "{slug}.md")),
        new_body=str(values.get("new_body", "")),
    )


def _fields(data: object, line: int, problems: list[Problem]) -> tuple[KindField, ...] | None:
    if not isinstance(data, YamlMap) or not data:
        problems.append(problem(KINDS_FILE, line, "kind_no_fields"))
        return None
    result = []
    for name, spec in data.items():
        at = data.line_of(name)
        if not _NAME.match(str(name)) or name in ENTRY_ATTRIBUTES:
            problems.append(problem(KINDS_FILE, at, "kind_bad_field_name", name=name))
            continue
        values = check_fields(spec, FIELD_KEYS, KINDS_FILE, at, problems)
        if values is None or not isinstance(spec, YamlMap):
            continue
        kind = values.get("type")
        if kind is not None and kind not in MARKDOWN_FIELD_TYPES:
            problems.append(
                problem(
                    KINDS_FILE,
                    spec.line_of("type"),
                    "kind_field_type",
                    got=kind,
                    known=", ".join(MARKDOWN_FIELD_TYPES),
                )
            )
            continue
        help_text = check_fields(spec.get("help"), HELP_KEYS, KINDS_FILE, spec.line_of("help"), problems)
        _check_places("starter", values.get("starter"), spec.line_of("starter"), problems)
        default = None
        if "default" in spec and kind is not None:  # checked as a value of the field itself
            typed = {key: Field("any") for key in FIELD_KEYS} | {"default": Field(str(kind))}
            default = (check_fields(spec, typed, KINDS_FILE, at, problems) or {}).get("default")
        if kind is None or help_text is None or "nl" not in help_text or "en" not in help_text:
            continue
        result.append(
            KindField(
                name=str(name),
                type=str(kind),
                help_en=str(help_text["en"]),
                help_nl=str(help_text["nl"]),
                required=bool(values.get("required", False)),
                allow_empty=bool(values.get("allow_empty", False)),
                default=default if default != EMPTY[str(kind)] else None,
                starter=str(values.get("starter", "")),
            )
        )
    return tuple(result)


def _check_places(key: str, pattern: object, line: int, problems: list[Problem]) -> None:
    if not isinstance(pattern, str):
        return
    known = _PLACES[key]
    for name in placeholders(pattern):
        if name not in known:
            problems.append(
                problem(KINDS_FILE, line, "kind_bad_placeholder", key=key, name=name, known=", ".join(known))
            )


def _check_roles(
    values: dict[str, object], spec: YamlMap, fields: tuple[KindField, ...], problems: list[Problem]
) -> None:
    """`title: name` and the like must name a declared field of the right type."""
    types = {f.name: f.type for f in fields}
    for role, wanted in _ROLES.items():
        name = values.get(role, "title" if role == "title" else None)
        if name is None:
            continue
        line = spec.line_of(role)
        if name not in types:
            guess = did_you_mean(str(name), list(types))
            problems.append(
                problem(
                    KINDS_FILE,
                    line,
                    "kind_role_unknown",
                    role=role,
                    name=name,
                    known=guess or ", ".join(types),
                )
            )
        elif types[name] != wanted:
            problems.append(problem(KINDS_FILE, line, "kind_role_type", role=role, name=name, type=wanted))
    for name in cast("tuple[str, ...]", values.get("order", ())):  # (a list of texts: checked)
        if name not in types and name not in ("lang", "slug", "url"):
            problems.append(
                problem(
                    KINDS_FILE,
                    spec.line_of("order"),
                    "kind_role_unknown",
                    role="order",
                    name=name,
                    known=", ".join([*types, "lang", "slug", "url"]),
                )
            )
