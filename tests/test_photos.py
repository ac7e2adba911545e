"""Photos of key persons in the build (issue 17): upright, without any metadata, in
several widths, memoised by their bytes, and only with consent. The images are made by
tests/image_samples.py: no real person."""

from __future__ import annotations

import functools
import io
import re

import pytest
from image_samples import phone_jpeg, photo_like, png_claiming
from PIL import Image

from conftest import TODAY
from sleutelsite.build import build
from sleutelsite.errors import BuildError
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.speed import Plan


@functools.cache
def phone_photo() -> bytes:
    """A 1800 x 1350 "phone photo" stored sideways (EXIF orientation 6) with a GPS position."""
    return phone_jpeg(photo_like(1800, 1350, seed=7), orientation=6)


def story(extra: str = "", body: str = "Een kort verhaal.\n") -> str:
    return (
        "---\nname: Testpersoon\ndate: 2026-11-02\nsummary: Een verzonnen sleutelpersoon.\n"
        f"{extra}---\n{body}"
    )


CONSENTED = (
    "photo: /static/img/testpersoon.jpg\nphoto_alt: Testpersoon in de buurtkamer\n"
    "photo_consent: Testpersoon, 2026-11-01, per e-mail\n"
)


def photo_story(make_project, front: str = CONSENTED, photo: bytes | str | None = None):
    """The mini project with a story that shows `photo` (the phone photo by default)."""
    image = phone_photo() if photo is None else photo
    return make_project(
        {"content/verhalen/testpersoon.md": story(front), "static/img/testpersoon.jpg": image}
    )


def problems_of(project) -> str:
    with pytest.raises(BuildError) as info:
        load_site(project, Options(today=TODAY))
    return info.value.report()


def built(project, tmp_path, plan=None):
    out = tmp_path / "out"
    build(project, out, today=TODAY, plan=plan or Plan.serial())
    return out


def test_a_phone_photo_comes_out_upright_without_any_metadata_in_three_widths(make_project, tmp_path):
    project = photo_story(make_project)
    out = built(project, tmp_path)
    html = (out / "verhalen" / "testpersoon" / "index.html").read_text()
    picture = re.search(r'<picture class="story-photo">.*?</picture>', html).group(0)
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'width="960" height="1280"' in img  # upright: the sideways 1800 x 1350 stands
    assert 'alt="Testpersoon in de buurtkamer"' in img
    assert 'sizes="(min-width: 47.5rem) 44rem, calc(100vw - 2.5rem)"' in img
    assert "loading=" not in img  # the story's photo is at the top: not lazy
    for kind in ("image/avif", "image/webp"):
        srcset = re.search(rf'<source type="{kind}" srcset="([^"]*)"', picture).group(1)
        assert [w.split()[-1] for w in srcset.split(", ")] == ["480w", "960w", "1350w"]
    assert not (out / "static" / "img" / "testpersoon.jpg").exists()  # the original, with GPS
    images = [p for p in out.rglob("*") if p.suffix in (".jpg", ".webp", ".avif", ".png")]
    made = [p for p in images if p.name.startswith("testpersoon-")]
    assert len(made) == 9  # three widths, three types
    for path in images:  # not one file of the site has EXIF, GPS, XMP or a comment
        with Image.open(path) as im:
            assert not im.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(im.info), path
    for path in made:
        with Image.open(path) as im:
            assert im.width < im.height, path  # upright
    og = re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1)
    assert re.fullmatch(r"https://example\.org/static/img/testpersoon-1350-[0-9a-f]{10}\.jpg", og), og


def test_the_same_photo_without_consent_is_refused_with_a_dutch_reason(make_project):
    without = CONSENTED.replace("photo_consent: Testpersoon, 2026-11-01, per e-mail\n", "")
    project = photo_story(make_project, without)
    assert problems_of(project) == (
        "content/verhalen/testpersoon.md:5: bij 'photo' hoort 'photo_consent': wie heeft "
        "toestemming gegeven om deze foto op de site te zetten, en wanneer? Zonder toestemming "
        "komt geen foto van een persoon op de site: veel sleutelpersonen zijn kwetsbaar, en een "
        "foto op internet is niet terug te halen.\n"
        "  Tip: Vraag de persoon op de foto of die op de site mag (zie 'Foto's en toestemming' "
        "in de README) en schrijf dan bijvoorbeeld 'photo_consent: de persoon zelf, 2026-03-12, per e-mail'. "
        "Geen toestemming? Haal de regel 'photo' weg."
    )


def test_consent_without_a_date_is_refused(make_project):
    vague = CONSENTED.replace("Testpersoon, 2026-11-01, per e-mail", "ja hoor")
    project = photo_story(make_project, vague)
    assert problems_of(project) == (
        "content/verhalen/testpersoon.md:7: 'photo_consent' zegt niet wanneer de toestemming is "
        'gegeven (gevonden: "ja hoor").\n'
        "  Tip: Schrijf wie en de datum, bijvoorbeeld 'photo_consent: de persoon zelf, 2026-03-12, per e-mail'."
    )


def test_a_50_megapixel_png_in_markdown_is_refused_at_its_line(make_project):
    project = make_project(
        {
            "content/verhalen/testpersoon.md": story(
                body="Tekst.\n\n![Een plattegrond](/static/img/kaart.png)\n"
            ),
            "static/img/kaart.png": png_claiming(10_000, 5_000),
        }
    )
    assert problems_of(project) == (
        "content/verhalen/testpersoon.md:8: 'static/img/kaart.png' is 10000 × 5000 pixels "
        "(50.0 megapixel); een beeld mag hoogstens 40 megapixel zijn.\n"
        "  Tip: Maak het beeld kleiner, bijvoorbeeld 2000 pixels breed, en sla het opnieuw op."
    )


def test_a_text_file_named_jpg_is_refused(make_project):
    project = photo_story(make_project, photo="Dit is geen foto maar tekst.\n")
    assert problems_of(project) == (
        "content/verhalen/testpersoon.md:5: 'static/img/testpersoon.jpg' heet .jpg, maar is geen "
        "beeld: de inhoud is geen JPEG, PNG of WebP.\n"
        "  Tip: Open het bestand in een fotoprogramma en exporteer het opnieuw als JPEG of PNG."
    )


SIGNATORY = (
    "- name: Stichting Voorbeeld\n  type: stichting\n  municipality: Utrecht\n  province: Utrecht\n"
    "  url: https://voorbeeld.invalid/\n  signed: 2026-11-01\n  verified: e-mail\n  logo: {logo}\n"
)


def test_an_svg_logo_with_script_is_refused(make_project):
    project = make_project(
        {
            "signatories.yaml": SIGNATORY.format(logo="static/logos/voorbeeld.svg"),
            "static/logos/voorbeeld.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        }
    )
    assert problems_of(project) == (
        "signatories.yaml:8: het SVG-logo 'static/logos/voorbeeld.svg' bevat op regel 1 <script>; "
        "dat mag niet in een logo.\n"
        "  Tip: Een logo mag alleen tekenen: geen scripts, links, animaties, ingesloten beelden of "
        "pagina's (foreignObject). Exporteer het als eenvoudige SVG of als PNG."
    )


def test_a_raster_logo_is_published_in_the_sizes_the_list_shows(make_project, tmp_path):
    logo = io.BytesIO()
    photo_like(600, 300, seed=3).quantize(64).save(logo, "PNG")
    project = make_project(
        {
            "signatories.yaml": SIGNATORY.format(logo="static/logos/voorbeeld.png"),
            "static/logos/voorbeeld.png": logo.getvalue(),
        }
    )
    out = built(project, tmp_path)
    html = (out / "ondertekenaars" / "index.html").read_text()
    picture = re.search(r'<picture class="logo">.*?</picture>', html).group(0)
    assert re.search(r'srcset="../static/logos/voorbeeld-48-[0-9a-f]{10}\.png 48w, ', picture), picture
    assert 'sizes="48px" width="96" height="48" alt="" loading="lazy"' in picture
    assert not (out / "static" / "logos" / "voorbeeld.png").exists()


def test_a_warm_build_converts_no_image_again(make_project, tmp_path, monkeypatch):
    from sleutelsite.render import images

    calls = []
    original = images.image_variants

    def counted(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(images, "image_variants", counted)
    zaal = io.BytesIO()
    photo_like(800, 600, seed=5).save(zaal, "PNG")
    project = make_project(
        {
            "content/verhalen/testpersoon.md": story(
                CONSENTED, "Tekst.\n\n![Een zaal](/static/img/zaal.png)\n"
            ),
            "static/img/testpersoon.jpg": phone_photo(),
            "static/img/zaal.png": zaal.getvalue(),
        }
    )
    first = built(project, tmp_path)
    assert sorted(calls) == ["static/img/testpersoon.jpg", "static/img/zaal.png"]
    calls.clear()
    second = built(project, tmp_path)
    assert calls == []  # from the memo: the source bytes did not change
    assert sorted(p.name for p in (second / "static" / "img").iterdir()) == sorted(
        p.name for p in (first / "static" / "img").iterdir()
    )
    (project / "content" / "verhalen" / "testpersoon.md").write_text(
        story(CONSENTED, "Ander verhaal.\n\n![Een zaal](/static/img/zaal.png)\n"), encoding="utf-8"
    )
    built(project, tmp_path)
    assert calls == []  # a text edit converts no image either


def test_css_and_js_get_content_hashed_names_and_every_page_follows(make_project, tmp_path):
    out = built(make_project(), tmp_path)
    css = sorted(p.name for p in (out / "static" / "css").iterdir())
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in css] == [
        *("film.css", "gemeenten.css", "home.css", "ondertekenaars.css", "share.css", "site.css", "tips.css"),
    ]
    site_css = next(name for name in css if name.startswith("site."))
    js = sorted(p.name for p in (out / "static" / "js").iterdir())
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in js] == [
        *("film.js", "gemeenten.js", "ondertekenaars.js", "share.js", "site.js"),
    ]
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert "site.css" not in text and "/site.js" not in text, page
        assert re.search(rf'href="[./]*static/css/{site_css}"', text), page


def test_images_are_shared_over_processes_where_the_plan_says(make_project, tmp_path):
    project = photo_story(make_project)
    shared = built(project, tmp_path, Plan.sharing_everything())
    assert len(list((shared / "static" / "img").glob("testpersoon-*"))) == 9


def test_a_cut_off_photo_is_refused_at_the_line_that_shows_it(make_project, tmp_path):
    project = make_project(
        {
            "content/verhalen/testpersoon.md": story(CONSENTED),
            "static/img/testpersoon.jpg": phone_photo()[:5000],
        }
    )
    with pytest.raises(BuildError) as info:
        built(project, tmp_path)
    assert info.value.report() == (
        "content/verhalen/testpersoon.md:5: 'static/img/testpersoon.jpg' is beschadigd of niet "
        "helemaal opgeslagen: het beeld is niet te lezen.\n"
        "  Tip: Exporteer het beeld opnieuw vanuit het origineel en vervang het bestand."
    )


def test_a_warm_build_never_imports_pillow(make_project, tmp_path):
    """Every picture's files come from the memo in a warm build: Pillow (20 ms of imports
    in every `python build.py`) is not needed, so it is not imported."""
    import subprocess
    import sys

    from conftest import ROOT

    project = photo_story(make_project)
    build(project, tmp_path / "cold", today=TODAY, plan=Plan.serial())
    code = (
        f"import sys, datetime as dt; sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from sleutelsite.build import build\n"
        f"build(Path({str(project)!r}), Path({str(tmp_path / 'warm')!r}), today=dt.date(2026, 11, 30))\n"
        "print(sorted(name for name in sys.modules if name == 'PIL' or name.startswith('PIL.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert list((tmp_path / "warm" / "static").rglob("*.avif"))  # (the photo's files are there)
