"""`build.py new story|page|tip "Title"`: a new content file with the right front matter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .errors import BuildError, problem
from .load_content import slugify

KINDS = ("story", "page", "tip")


def new_content(project: Path, kind: str, title: str, today: dt.date) -> tuple[Path, str]:
    """Write the file; return its path and the page address it will have."""
    slug = slugify(title)
    if kind == "story":
        path, url = project / "content" / "verhalen" / f"{slug}.md", f"/verhalen/{slug}/"
        text = (
            f"---\nname: {_yaml_text(title)}\ndate: {today.isoformat()}\n"
            f"summary: Een of twee zinnen over {_yaml_text(title, inner=True)}.\ndraft: true\n---\n"
            f"Schrijf hier het verhaal van {title}. Schrijf alleen wat {title} zelf heeft verteld.\n"
        )
    elif kind == "tip":
        folder = project / "content" / "tips"
        numbers = [int(m.group(1)) for f in folder.glob("*.md") if (m := re.match(r"(\d+)-", f.name))]
        number = max(numbers, default=0) + 1
        path, url = folder / f"{number:02d}-{slug}.md", f"/tips/#tip-{number}"
        text = f"---\nnumber: {number}\ntitle: {_yaml_text(title)}\ndraft: true\n---\nLeg hier de tip uit.\n"
    else:
        path, url = project / "content" / f"{slug}.md", f"/{slug}/"
        text = (
            f"---\ntitle: {_yaml_text(title)}\ndescription: Een of twee zinnen over deze pagina.\n"
            f"draft: true\n---\nSchrijf hier de tekst van de pagina.\n"
        )
    if path.exists():
        rel = path.relative_to(project).as_posix()
        raise BuildError([problem(rel, 0, "new_exists")])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, url


def _yaml_text(text: str, inner: bool = False) -> str:
    """Quote a title when YAML would misread it (a colon, a leading symbol, yes/no ...)."""
    if inner:
        return text
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
