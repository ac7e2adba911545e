"""One kind's declaration in kinds.yaml, checked: its names, folder, address and file
patterns, templates, fields (type, help in both languages, default, starter) and the
fields its pages take their title, summary, date and image from; into a `Kind`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import (
    EMPTY,
    ENTRY_ATTRIBUTES,
    MARKDOWN_FIELD_TYPES,
    TEMPLATE_NAMES,
    Kind,
    KindField,
    placeholders,
)
from sleutelsite.load.fields import Field, check_fields, did_you_mean
from sleutelsite.load.yaml_file import YamlMap

KINDS_FILE = "kinds.yaml"
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


def declared_kind(
    name: str,
    spec: object,
    line: int,
    kinds: list[Kind],
    templates: frozenset[str],
    languages: tuple[str, ...],
    problems: list[Problem],
) -> Kind | None:
    """The kind `spec` (at `line`) declares, or None with its problems; `kinds` are those
    declared before it, whose names and folders it may not take."""
    values = check_fields(spec, KIND_KEYS, KINDS_FILE, line, problems)
    if values is None or not isinstance(spec, YamlMap):
        return None
    at = spec.line_of
    _check_names(name, values, line, at, kinds, problems)
    _check_folder(values.get("folder"), at("folder"), kinds, languages, problems)
    _check_patterns(values, at, problems)
    _check_templates(values, at, templates, problems)
    before = len(problems)
    fields = _fields(spec.get("fields"), at("fields"), problems)
    if fields is None or len(problems) > before:  # the roles would only repeat that
        return None
    _check_roles(values, spec, fields, problems)
    if values.get("feed") and "date" not in values:
        problems.append(problem(KINDS_FILE, at("feed"), "kind_feed_needs_date"))
    return _kind(name, values, fields)


def _check_names(
    name: str,
    values: dict[str, object],
    line: int,
    at: Callable[[str], int],
    kinds: list[Kind],
    problems: list[Problem],
) -> None:
    """The kind's name and plural: a lowercase word each, that no other kind or template uses."""
    taken = {word: kind.name for kind in kinds for word in (kind.name, kind.plural)}
    for key, word in (("name", name), ("plural", values.get("plural"))):
        where = line if key == "name" else at("plural")
        if not isinstance(word, str):
            continue
        if not _NAME.match(word):
            problems.append(problem(KINDS_FILE, where, "kind_bad_name", key=key, word=word))
        elif word in taken or word in TEMPLATE_NAMES:
            problems.append(problem(KINDS_FILE, where, "kind_name_taken", word=word))


def _check_folder(
    folder: object, line: int, kinds: list[Kind], languages: tuple[str, ...], problems: list[Problem]
) -> None:
    """The folder of its files: a slug, not another kind's folder nor a language's."""
    if not isinstance(folder, str):
        return
    used = {kind.folder: kind.name for kind in kinds if kind.folder}
    if not _FOLDER.match(folder):
        problems.append(problem(KINDS_FILE, line, "kind_bad_folder", folder=folder))
    elif folder in used:
        problems.append(problem(KINDS_FILE, line, "kind_folder_taken", folder=folder, other=used[folder]))
    elif folder in languages:
        problems.append(problem(KINDS_FILE, line, "kind_folder_language", folder=folder))


def _check_patterns(values: dict[str, object], at: Callable[[str], int], problems: list[Problem]) -> None:
    """The address (`/.../{slug}/`) and the patterns of a new file: only the placeholders
    each may fill in."""
    url = values.get("url")
    if isinstance(url, str) and not (url.startswith("/") and url.endswith("/") and "{slug}" in url):
        problems.append(problem(KINDS_FILE, at("url"), "kind_bad_url", url=url))
    for key in ("url", "file_name", "new_body"):
        _check_places(key, values.get(key), at(key), problems)


def _check_templates(
    values: dict[str, object], at: Callable[[str], int], templates: frozenset[str], problems: list[Problem]
) -> None:
    """The templates it names exist."""
    for key in ("template", "index_template"):
        template = values.get(key)
        if isinstance(template, str) and template not in templates:
            problems.append(problem(KINDS_FILE, at(key), "missing_template", layout=template))


def _kind(name: str, values: dict[str, object], fields: tuple[KindField, ...]) -> Kind:
    """The checked declaration as a Kind, with the defaults of what it leaves out."""
    return Kind(
        name=name,
        plural=str(values.get("plural", "")),
        folder=str(values.get("folder") or ""),
        fields=fields,
        url=str(values.get("url") or ""),
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
        field = _field(name, spec, data.line_of(name), problems)
        if field is not None:
            result.append(field)
    return tuple(result)


def _field(name: str, spec: object, at: int, problems: list[Problem]) -> KindField | None:
    """One of the kind's fields, or None (with its problems)."""
    if not _NAME.match(str(name)) or name in ENTRY_ATTRIBUTES:
        problems.append(problem(KINDS_FILE, at, "kind_bad_field_name", name=name))
        return None
    values = check_fields(spec, FIELD_KEYS, KINDS_FILE, at, problems)
    if values is None or not isinstance(spec, YamlMap):
        return None
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
        return None
    help_text = check_fields(spec.get("help"), HELP_KEYS, KINDS_FILE, spec.line_of("help"), problems)
    _check_places("starter", values.get("starter"), spec.line_of("starter"), problems)
    default = _default(spec, kind, at, problems)
    if kind is None or help_text is None or "nl" not in help_text or "en" not in help_text:
        return None
    return KindField(
        name=str(name),
        type=str(kind),
        help_en=str(help_text["en"]),
        help_nl=str(help_text["nl"]),
        required=bool(values.get("required", False)),
        allow_empty=bool(values.get("allow_empty", False)),
        default=default,
        starter=str(values.get("starter", "")),
    )


def _default(spec: YamlMap, kind: object, at: int, problems: list[Problem]) -> object:
    """A field's `default`, checked as a value of the field itself; None when it has none
    (or gives the empty value of its type)."""
    if "default" not in spec or kind is None:
        return None
    typed = {key: Field("any") for key in FIELD_KEYS} | {"default": Field(str(kind))}
    default = (check_fields(spec, typed, KINDS_FILE, at, problems) or {}).get("default")
    return default if default != EMPTY[str(kind)] else None


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
