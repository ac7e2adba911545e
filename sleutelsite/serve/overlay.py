"""The preview's error overlay: the last good pages, each with a box that names every
problem's file and line, the lines around it and the fix."""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

from sleutelsite.errors import MAX_REPORTED, Problem, more_of_these_kinds
from sleutelsite.model import Packed
from sleutelsite.render import Output

OVERLAY_CSS = PurePosixPath("_preview/overlay.css")

# The overlay's words when no translation file could be read yet (i18n/nl.yaml has them too).
OVERLAY_WORDS: dict[str, object] = {
    "overlay_title": "De wijziging kan nog niet getoond worden ({count})",
    "overlay_one": "1 probleem",
    "overlay_many": "{count} problemen",
    "overlay_hint": "Tip:",
    "overlay_footer": "Hieronder staat de laatste goede versie. Herstel het bestand en sla het op: "
    "deze melding verdwijnt dan vanzelf.",
}


def with_overlay(
    files: Output, problems: tuple[Problem, ...], project: Path, words: dict[str, object] | None = None
) -> Output:
    """The last good site with the error overlay on every page (or on its own if none)."""
    overlay = overlay_html(problems, project, words or OVERLAY_WORDS).encode("utf-8")
    result: Output = {}
    for path, data in files.items():
        if path.suffix == ".html" and isinstance(data, Packed):
            data = data.unpacked()
        if path.suffix == ".html" and isinstance(data, bytes) and b"</body>" in data:
            data = data.replace(b"</body>", overlay + b"</body>", 1)
        result[path] = data
    if not any(path.suffix == ".html" for path in result):
        page = (
            (
                b'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fout in de site</title>'
                b'<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
            )
            + overlay
            + b"</body></html>"
        )
        result[PurePosixPath("index.html")] = page
    result[OVERLAY_CSS] = OVERLAY_STYLE.encode()
    return result


def overlay_html(problems: tuple[Problem, ...], project: Path, words: dict[str, object]) -> str:
    items = []
    for p in problems[:MAX_REPORTED]:
        where = f"{p.path}:{p.line}" if p.line else p.path
        excerpt = _excerpt(project / p.path, p.line) or p.source
        items.append(
            "<li>"
            f'<p class="preview-where">{html.escape(where)}</p>'
            f'<p class="preview-message">{html.escape(p.message())}</p>'
            + (f"<pre>{html.escape(excerpt)}</pre>" if excerpt else "")
            + (
                f'<p class="preview-hint">{html.escape(str(words["overlay_hint"]))} {html.escape(p.hint())}</p>'
                if p.hint()
                else ""
            )
            + "</li>"
        )
    more = more_of_these_kinds(problems[MAX_REPORTED:])  # the preview speaks Dutch
    count = len(problems)
    amount = str(words["overlay_one"] if count == 1 else words["overlay_many"]).format(count=count)
    return (
        f'<link rel="stylesheet" href="/{OVERLAY_CSS}">'
        '<div class="preview-error" role="alert" id="preview-error">'
        f"<h2>{html.escape(str(words['overlay_title']).format(count=amount))}</h2>"
        f"<ol>{''.join(items)}</ol>"
        + (f"<pre>{html.escape(more)}</pre>" if more else "")
        + f"<p>{html.escape(str(words['overlay_footer']))}</p></div>"
    )


def _excerpt(file: Path, line: int) -> str:
    """A few numbered lines around `line`, the offending one marked with >."""
    if not line or not file.is_file():
        return ""
    try:
        lines = file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    start, end = max(line - 3, 0), min(line + 2, len(lines))
    return "\n".join(f"{'>' if n == line else ' '} {n:4} | {lines[n - 1]}" for n in range(start + 1, end + 1))


OVERLAY_STYLE = """.preview-error{position:fixed;inset:auto 0 0 0;max-block-size:70vh;overflow:auto;z-index:100;
background:#fff4f2;color:#1d2430;border-block-start:6px solid #b3261e;padding:1rem 1.25rem;
box-shadow:0 -4px 24px rgb(0 0 0 / .25);font:16px/1.5 system-ui,sans-serif}
.preview-error h2{margin:0 0 .5rem;font-size:1.2rem;color:#8c1d18}
.preview-error ol{margin:0;padding-inline-start:1.2rem}
.preview-error li{margin-block-end:1rem}
.preview-error p{margin:.2rem 0}
.preview-where{font-family:ui-monospace,monospace;font-weight:700}
.preview-error pre{background:#1d2430;color:#fff;padding:.6rem;overflow:auto;border-radius:.4rem;font-size:.85rem}
"""
