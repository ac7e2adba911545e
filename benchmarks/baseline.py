#!/usr/bin/env python3
"""The baseline: a plain, single-process jinja2 + Python-Markdown build of a project.

    python benchmarks/baseline.py PROJECT OUT

What a simple generator does: read every Markdown file, parse its front matter with
PyYAML, convert it with Python-Markdown, render it with one Jinja template, write it;
and list the signatories on one page. No cache, no checks, one process.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markdown
import yaml

PAGE = jinja2.Template(
    "<!doctype html><html lang=nl><head><meta charset=utf-8><title>{{ title }}</title>"
    "<link rel=stylesheet href=/static/css/site.css></head><body><header><nav>{% for m in menu %}"
    "<a href='{{ m.url }}'>{{ m.title }}</a>{% endfor %}</nav></header><main><h1>{{ title }}</h1>"
    "{{ body|safe }}</main></body></html>",
    autoescape=True,
)
LIST = jinja2.Template(
    "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Ondertekenaars</title></head><body><ul>"
    "{% for s in signatories %}<li><a href='{{ s.url }}'>{{ s.name }}</a> {{ s.municipality }}</li>{% endfor %}"
    "</ul></body></html>",
    autoescape=True,
)


def build(project: Path, out: Path) -> int:
    menu = yaml.safe_load((project / "i18n" / "nl.yaml").read_text(encoding="utf-8"))["menu"]
    count = 0
    for file in sorted((project / "content").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front) or {}
        html = PAGE.render(
            title=meta.get("title") or meta.get("name"), body=markdown.markdown(body), menu=menu
        )
        rel = file.relative_to(project / "content").with_suffix("")
        target = out / (rel.parent if rel.name == "index" else rel) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    signatories = yaml.safe_load((project / "signatories.yaml").read_text(encoding="utf-8"))
    (out / "ondertekenaars").mkdir(parents=True, exist_ok=True)
    (out / "ondertekenaars" / "index.html").write_text(LIST.render(signatories=signatories), encoding="utf-8")
    return count + 1


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "pages")
