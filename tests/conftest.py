"""Shared test helpers: a tiny project on disk, built from tests/fixtures/mini."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
TODAY = dt.date(2026, 11, 30)  # a fixed "today", so dates in fixtures never expire

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def copy_project(
    dest: Path, files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()
) -> Path:
    """The mini fixture with the real templates and static files, plus `files` on top."""
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    shutil.copytree(ROOT / "templates", dest / "templates", dirs_exist_ok=True)
    shutil.copytree(ROOT / "i18n", dest / "i18n", dirs_exist_ok=True)
    shutil.copytree(ROOT / "static", dest / "static", dirs_exist_ok=True)
    for rel in remove:
        target = dest / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for rel, text in (files or {}).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()) -> Path:
        return copy_project(tmp_path / "project", files, remove)

    return make
