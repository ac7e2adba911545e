"""A kind's fields described for people, from its declaration (kinds.py): the README's
table of front-matter keys and a JSON Schema of the front matter, so neither can drift
from what the loader accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sleutelsite.kinds import Kind, KindField
from sleutelsite.load.kinds import project_kinds

SCHEMA_FOLDER = "schema/front-matter"  # one <kind>.schema.json per kind, made by `build.py schema`
_NOT_BLANK = r"\S"


def fields_table(kind: Kind) -> str:
    """The README's table of a kind's front-matter keys (Markdown, in English)."""
    rows = ["| key | meaning |", "| --- | --- |"]
    for field in kind.fields:
        rows.append(f"| `{field.name}` | {'required; ' if field.required else ''}{field.help_en} |")
    return "\n".join(rows)


def front_matter_schema(kind: Kind) -> dict[str, object]:
    """A JSON Schema (2020-12) of a kind's front matter, with the Dutch help of every field:
    what the loader accepts, as far as a schema can say it (not: that a picture exists)."""
    where = f"content/{kind.folder}/" if kind.folder else "content/"
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Front matter: {kind.name}",
        "description": f"Het blok tussen de regels --- bovenaan een bestand in {where}. "
        "python build.py check controleert ook of beelden en templates bestaan."
        if kind.source == "markdown"
        else f"Een bestand {kind.folder}/{kind.file_name.format(slug='<naam>')} (buiten content/): "
        "waar één gemeente staat. python build.py check controleert ook de naam en de bronnen.",
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in kind.fields if field.required],
        "properties": {field.name: _property(field) for field in kind.fields},
    }
    if kind.image and kind.image_alt:
        schema["dependentRequired"] = {kind.image: [kind.image_alt]}
    return schema


def schema_text(kind: Kind) -> str:
    """The schema as it is written to schema/front-matter/<kind>.schema.json."""
    return json.dumps(front_matter_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(project: Path) -> list[Path]:
    """`build.py schema`: the schema of every kind of the project into schema/front-matter/;
    returns the files that changed."""
    folder = project / SCHEMA_FOLDER
    changed = []
    for kind in project_kinds(project):
        file = folder / f"{kind.name}.schema.json"
        text = schema_text(kind)
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            folder.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            changed.append(file)
    return changed


def _property(field: KindField) -> dict[str, object]:
    text: dict[str, object] = {"type": "string", "pattern": _NOT_BLANK}
    types: dict[str, dict[str, object]] = {
        "text": {"type": ["string", "null"]} if field.allow_empty else text,
        "int": {"type": "integer"},
        "bool": {"type": "boolean"},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "texts": {"anyOf": [{"type": "string"}, {"type": "array", "items": text}]},
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title"],
                "properties": {
                    "title": text,
                    "author": text,
                    "url": {"type": "string", "pattern": "^https?://"},
                },
            },
        },
    }
    found: dict[str, object] = {"description": field.help_nl, **types[field.type]}
    if field.choices:
        found = {"description": field.help_nl, "enum": list(field.choices)}
    default = field.default
    if default is not None:
        found["default"] = (
            default.isoformat()
            if isinstance(default, dt.date)
            else list(default)
            if isinstance(default, tuple)
            else default
        )
    return found
