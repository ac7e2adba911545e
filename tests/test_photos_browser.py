"""A story with a phone photo in real headless Chromium (issue 17): what a 375 px phone
loads stays light, and the photo stands upright at the width of the column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from image_samples import phone_jpeg, photo_like
from playwright.sync_api import sync_playwright

from conftest import TODAY, copy_project
from sleutelsite.build import build

pytestmark = pytest.mark.browser

STORY = (
    "---\nname: Testpersoon\ndate: 2026-11-02\nsummary: Een verzonnen sleutelpersoon.\n"
    "role: sleutelpersoon in de wijk\nplace: Testwijk\nquote: Ik help mijn buren.\n"
    "photo: /static/img/testpersoon.jpg\nphoto_alt: Testpersoon in de buurtkamer\n"
    "photo_consent: Testpersoon, 2026-11-01, per e-mail\n---\n"
    "Een kort verhaal over het werk in de wijk.\n\nNog een alinea.\n"
)
PAGE_BUDGET = 30 * 1024  # HTML, CSS and JavaScript of the story page
IMAGE_BUDGET = 80 * 1024  # the images it loads


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    photo = phone_jpeg(photo_like(4000, 3000, seed=11), orientation=6)  # a phone's 12 MP, sideways
    project = copy_project(
        tmp_path_factory.mktemp("p") / "p",
        {"content/verhalen/testpersoon.md": STORY, "static/img/testpersoon.jpg": photo},
    )
    out = project / "_site"
    build(project, out, base_url="http://127.0.0.1/", today=TODAY)
    with serve_folder(out) as address:
        yield address


def loaded(address: str, width: int, scale: float, shot: Path | None = None) -> tuple[dict[str, int], dict]:
    """The bytes each file of the story page weighs as loaded, and the photo's box."""
    sizes: dict[str, int] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=scale)
        page.on(
            "requestfinished", lambda request: sizes.__setitem__(request.url, len(request.response().body()))
        )
        page.goto(address + "/verhalen/testpersoon/", wait_until="networkidle")
        box = page.evaluate(
            "(() => { const img = document.querySelector('.story-photo img');"
            " return {src: img.currentSrc, width: img.getBoundingClientRect().width,"
            " height: img.getBoundingClientRect().height, natural: img.naturalWidth,"
            " naturalHeight: img.naturalHeight}; })()"
        )
        if shot is not None:
            page.screenshot(path=str(shot), full_page=True)
        browser.close()
    return sizes, box


@pytest.mark.parametrize("scale", [1, 2])
def test_a_375px_phone_loads_the_story_within_30_kb_and_its_photo_within_80_kb(photo_site, scale):
    sizes, box = loaded(photo_site, 375, scale)
    images = {url: size for url, size in sizes.items() if "/static/img/" in url}
    page = sum(size for url, size in sizes.items() if url not in images)
    print(f"375 px at {scale}x: page {page} bytes, images {images}")
    assert page <= PAGE_BUDGET, sizes
    assert images and sum(images.values()) <= IMAGE_BUDGET, images
    assert box["src"].endswith(".avif")  # Chromium takes the smallest type
    assert f"/testpersoon-{480 * scale}-" in box["src"]  # the width a 335 px column needs
    assert box["naturalHeight"] > box["natural"]  # upright (both density-corrected)
    assert box["width"] == 335 and box["height"] == pytest.approx(335 * 4 / 3, abs=1)


def test_screenshots_of_a_story_with_a_photo(photo_site, tmp_path):
    """Pictures to look at (SCREENSHOTS=folder keeps them): phone and desktop."""
    folder = Path(os.environ.get("SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        _, box = loaded(photo_site, width, 1, folder / f"story-photo-{width}.png")
        assert box["naturalHeight"] > box["natural"]  # upright
        assert (folder / f"story-photo-{width}.png").stat().st_size > 0
