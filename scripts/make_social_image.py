#!/usr/bin/env python3
"""Renders static/img/campagne.png (1200x630, for link previews) from the film poster SVG.

    python scripts/make_social_image.py

Run it again after changing static/img/film-poster.svg; commit the PNG.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    svg = (ROOT / "static" / "img" / "film-poster.svg").read_text(encoding="utf-8")
    page_html = (
        "<html><body style='margin:0;background:#0b5d66'>"
        f"<div style='width:1200px;height:630px;overflow:hidden;display:flex;align-items:center'>{svg}</div>"
        "</body></html>"
    ).replace('width="1280" height="720"', 'width="1200" height="675"')
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(page_html)
        page.screenshot(path=str(ROOT / "static" / "img" / "campagne.png"))
        browser.close()
    print(ROOT / "static" / "img" / "campagne.png")


if __name__ == "__main__":
    main()
