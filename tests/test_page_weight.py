"""scripts/page_weight.py: what a page weighs with the stylesheet and script it loads."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from page_weight import page_weights


def test_page_weight_counts_relative_stylesheets_and_scripts(tmp_path: Path):
    """The build writes links relative to the page ("../static/css/site.css"); the
    script used to count only "/static/..." and so weighed every page without them."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_bytes(b"x" * 100)
    (tmp_path / "static" / "site.js").write_bytes(b"y" * 10)
    (tmp_path / "tips").mkdir()
    page = (
        '<link rel="stylesheet" href="../static/site.css"><script src="../static/site.js?v=1" defer></script>'
    )
    (tmp_path / "tips" / "index.html").write_text(page)
    root = (
        '<link rel="stylesheet" href="/static/site.css"><script src="https://elders.invalid/a.js"></script>'
    )
    (tmp_path / "index.html").write_text(root)
    weights = {w.page: (w.css, w.js) for w in page_weights(tmp_path)}
    assert weights == {"index.html": (100, 0), "tips/index.html": (100, 10)}
