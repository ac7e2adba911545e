"""`build.py new KIND "Title"`: a new content file with the front matter its kind declares
(kinds.py): every field with a starter value, as a draft."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from sleutelsite.errors import BuildError, problem
from sleutelsite.kinds import Kind, entry_url, placeholders
from sleutelsite.load.content import slugify
from sleutelsite.load.kinds import project_kinds

_NUMBERED = re.compile(r"(\d+)-")


def new_content(project: Path, kind_name: str, title: str, today: dt.date) -> tuple[Path, str]:
    """Write the file; return its path and the page address it will have."""
    kinds = [k for k in project_kinds(project) if k.source == "markdown"]  # (not the status files)
    kind = next((k for k in kinds if k.name == kind_name), None)
    if kind is None:
        known = ", ".join(sorted(k.name for k in kinds))
        raise BuildError([problem("build.py new", 0, "new_unknown_kind", kind=kind_name, known=known)])
    folder = project / "content" / kind.folder
    slug = slugify(title)
    places = {"title": title, "today": today.isoformat(), "slug": slug, "number": _next_number(kind, folder)}
    path = folder / kind.file_name.format_map(places)
    if path.exists():
        rel = path.relative_to(project).as_posix()
        raise BuildError([problem(rel, 0, "new_exists")])
    lines = ["---"]
    values: dict[str, object] = {}
    for field in kind.fields:
        if field.starter:
            value = field.starter.format_map(places)
            values[field.name] = value
            lines.append(f"{field.name}: {_yaml_text(value) if field.type == 'text' else value}")
    lines += ["---", kind.new_body.format_map(places)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, entry_url(kind, "", kind.folder, slug, values)


def _next_number(kind: Kind, folder: Path) -> int:
    """One more than the highest number a file name in the folder starts with."""
    uses = {name for f in kind.fields for name in placeholders(f.starter)} | set(placeholders(kind.file_name))
    if "number" not in uses or not folder.is_dir():
        return 1
    numbers = [
        int(m.group(1))
        for name in os.listdir(folder)
        if name.endswith(".md") and (m := _NUMBERED.match(name))
    ]
    return max(numbers, default=0) + 1


def _yaml_text(text: str) -> str:
    """Quote a value when YAML would misread it (a colon, a leading symbol, yes/no ...)."""
    plain = re.fullmatch(r"[A-Za-zÀ-ÿ][\w À-ÿ'.,!?()-]*", text) and text.lower() not in (
        "yes",
        "no",
        "true",
        "false",
        "on",
        "off",
        "null",
    )
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
