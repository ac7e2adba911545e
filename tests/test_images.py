"""Issue 17's image step: photos come out upright, without metadata, in several widths,
byte for byte the same every time; files that are not what they say are refused."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest
from image_samples import phone_jpeg, photo_like, png_claiming
from PIL import Image, ImageCms, ImageFile

from sleutelsite.errors import Problem
from sleutelsite.render.images import (
    ImageInfo,
    ImageRefusal,
    ImageRefused,
    image_variants,
    inspect_image,
    picture_html,
    variant_widths,
    variants_from_data,
    variants_to_data,
)

SMALL = (48, 96, 144)
SIZES = "(min-width: 44rem) 44rem, 100vw"


def marked(width: int, height: int) -> Image.Image:
    """Grey with a red square in the top-left corner, to see where that corner goes."""
    im = Image.new("RGB", (width, height), (128, 128, 128))
    im.paste((255, 0, 0), (0, 0, width // 8, width // 8))
    return im


def encoded(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def refused(data: bytes, name: str, lang: str = "en") -> str:
    result = inspect_image(data, name)
    assert isinstance(result, ImageRefusal), result
    return result.problem("content/verhalen/amina.md", 4).format(lang)


def opened(variant_data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(variant_data))
    im.load()
    return im


@pytest.fixture(scope="module")
def phone_photo_variants():
    data = phone_jpeg(marked(1600, 1200), orientation=6)
    return image_variants(data, "static/img/verhalen/Amina op straat.jpg")


def test_phone_photo_with_rotation_6_comes_out_upright(phone_photo_variants):
    for variant in phone_photo_variants:
        im = opened(variant.data).convert("RGB")
        assert im.size == (variant.width, variant.height)
        assert im.height > im.width  # stored 1600 x 1200, shown 1200 x 1600
        # Orientation 6: the stored top-left corner is shown top-right.
        red, grey = im.getpixel((im.width - 3, 3)), im.getpixel((3, 3))
        assert red[0] > 200 and red[1] < 60, (variant.name, red)
        assert abs(grey[0] - 128) < 20, (variant.name, grey)


def test_no_metadata_in_any_output_file(phone_photo_variants):
    assert {v.type for v in phone_photo_variants} == {"image/avif", "image/webp", "image/jpeg"}
    for variant in phone_photo_variants:
        im = opened(variant.data)
        assert not im.getexif(), variant.name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(im.info), variant.name
        for trace in (b"Exif", b"Voorbeeldtelefoon", b"xmpmeta", b"IMG_0001"):
            assert trace not in variant.data, (variant.name, trace)


def test_three_widths_each_in_every_type_with_hashed_names(phone_photo_variants):
    assert sorted({v.width for v in phone_photo_variants}) == [480, 960, 1200]  # 1440 would upscale
    assert {(v.width, v.height) for v in phone_photo_variants} == {(480, 640), (960, 1280), (1200, 1600)}
    names = [v.name for v in phone_photo_variants]
    assert names[0].startswith("amina-op-straat-480-") and names[0].endswith(".avif")
    assert len(set(names)) == len(names) == 9
    assert all(len(name.rsplit("-", 1)[1].split(".")[0]) == 10 for name in names)


def test_picture_html_has_srcset_sizes_width_height_and_lazy_loading(phone_photo_variants):
    html = picture_html(
        phone_photo_variants, 'Amina & "haar" buurvrouw', SIZES, lazy=True, url_prefix="../img/"
    )
    jpg = {v.width: v.name for v in phone_photo_variants if v.type == "image/jpeg"}
    webp = {v.width: v.name for v in phone_photo_variants if v.type == "image/webp"}
    assert html.startswith('<picture><source type="image/avif" srcset="../img/amina-op-straat-480-')
    assert (
        f'<source type="image/webp" srcset="../img/{webp[480]} 480w, ../img/{webp[960]} 960w, '
        f'../img/{webp[1200]} 1200w" sizes="{SIZES}">'
    ) in html
    assert html.endswith(
        f'<img src="../img/{jpg[960]}" srcset="../img/{jpg[480]} 480w, ../img/{jpg[960]} 960w, '
        f'../img/{jpg[1200]} 1200w" sizes="{SIZES}" width="960" height="1280" '
        'alt="Amina &amp; &quot;haar&quot; buurvrouw" loading="lazy" decoding="async"></picture>'
    )
    assert 'loading="lazy"' not in picture_html(phone_photo_variants, "", SIZES, lazy=False)


def test_same_photo_gives_the_same_bytes_twice():
    data = phone_jpeg(photo_like(320, 240), orientation=6)
    first = image_variants(data, "a.jpg", widths=SMALL)
    assert image_variants(data, "a.jpg", widths=SMALL) == first
    assert image_variants(phone_jpeg(photo_like(320, 240, seed=2)), "a.jpg", widths=SMALL) != first


def test_never_upscaled():
    assert variant_widths(2000) == (480, 960, 1440)
    assert variant_widths(1000) == (480, 1000)  # 960 is barely narrower than the source
    assert variant_widths(1200) == (480, 960, 1200)
    assert variant_widths(300) == (300,)
    variants = image_variants(encoded(marked(300, 200), "JPEG"), "klein.jpg")
    assert {(v.width, v.height) for v in variants} == {(300, 200)}


def test_transparent_png_gets_a_png_fallback_and_an_opaque_one_a_jpeg():
    im = photo_like(200, 100).convert("RGBA")
    opaque = image_variants(encoded(im, "PNG"), "logo.png", widths=SMALL)
    assert {v.type for v in opaque} == {"image/avif", "image/webp", "image/jpeg"}
    im.putalpha(Image.linear_gradient("L").resize((200, 100)))
    see_through = image_variants(encoded(im, "PNG"), "logo.png", widths=SMALL)
    assert {v.type for v in see_through} == {"image/avif", "image/webp", "image/png"}
    assert all(opened(v.data).mode == "RGBA" for v in see_through if v.type == "image/png")


def test_flat_colour_graphic_stays_lossless():
    im = Image.new("P", (200, 100), 0)
    im.putpalette([11, 93, 102, 242, 177, 56] + [0] * 762)
    im.paste(1, (50, 20, 150, 80))
    variants = image_variants(encoded(im, "PNG"), "static/logos/stichting.png", widths=(100, 200))
    assert {v.type for v in variants} == {"image/webp", "image/png"}
    webp = next(v for v in variants if v.type == "image/webp" and v.width == 200)  # not resized
    assert sorted(c for _, c in opened(webp.data).convert("RGB").getcolors()) == [
        (11, 93, 102),
        (242, 177, 56),
    ]


def test_icc_profile_is_applied_then_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(marked(200, 100), "JPEG", icc_profile=srgb)
    assert Image.open(io.BytesIO(data)).info["icc_profile"]
    for variant in image_variants(data, "a.jpg", widths=SMALL):
        assert "icc_profile" not in opened(variant.data).info


def test_cmyk_jpeg_becomes_rgb():
    data = encoded(marked(200, 100).convert("CMYK"), "JPEG")
    assert {opened(v.data).mode for v in image_variants(data, "drukwerk.jpg", widths=SMALL)} == {"RGB"}


def test_phone_multi_picture_jpeg_is_a_photo_and_its_first_picture_is_used():
    out = io.BytesIO()
    marked(200, 100).save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (200, 100), "blue")])
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).format == "MPO"
    assert inspect_image(data, "foto.jpg") == ImageInfo("JPEG", 200, 100)
    im = opened(
        next(v for v in image_variants(data, "foto.jpg", widths=SMALL) if v.type == "image/jpeg").data
    )
    assert im.getpixel((2, 2))[0] > 200


def test_variants_round_trip_through_plain_data(phone_photo_variants):
    data = variants_to_data(phone_photo_variants)
    assert {type(value) for item in data for value in item.values()} == {str, int, bytes}
    json.dumps([{k: v for k, v in item.items() if k != "data"} for item in data])
    assert variants_from_data(data) == phone_photo_variants


def test_inspect_reads_the_size_as_shown():
    assert inspect_image(phone_jpeg(marked(160, 120), orientation=6), "a.JPG") == ImageInfo("JPEG", 120, 160)
    assert inspect_image(encoded(marked(160, 120), "WEBP"), "a.webp") == ImageInfo("WEBP", 160, 120)


def test_text_file_named_jpg_is_refused():
    assert refused(b"Dit is geen foto.\n", "static/img/foto.jpg") == (
        "content/verhalen/amina.md:4: 'static/img/foto.jpg' is named .jpg, but is not an image: "
        "its content is not JPEG, PNG or WebP.\n"
        "  Hint: Open the file in a photo program and export it again as JPEG or PNG."
    )
    assert refused(b"Dit is geen foto.\n", "static/img/foto.jpg", "nl") == (
        "content/verhalen/amina.md:4: 'static/img/foto.jpg' heet .jpg, maar is geen beeld: "
        "de inhoud is geen JPEG, PNG of WebP.\n"
        "  Tip: Open het bestand in een fotoprogramma en exporteer het opnieuw als JPEG of PNG."
    )


def test_png_named_jpg_is_refused():
    assert refused(encoded(marked(20, 10), "PNG"), "static/img/foto.jpg") == (
        "content/verhalen/amina.md:4: 'static/img/foto.jpg' is named .jpg, but is a PNG image.\n"
        "  Hint: Rename the file to 'static/img/foto.png' and change the name where the image is used."
    )


def test_50_megapixel_png_is_refused_from_its_header_without_decoding(monkeypatch):
    data = png_claiming(8000, 6250)
    assert len(data) < 100

    def no_decoding(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    tracemalloc.start()
    message = refused(data, "static/img/groot.png")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000  # the 150 MB of pixels were never asked for
    assert message == (
        "content/verhalen/amina.md:4: 'static/img/groot.png' is 8000 × 6250 pixels (50.0 megapixels); "
        "an image may be at most 40 megapixels.\n"
        "  Hint: Make the image smaller, for example 2000 pixels wide, and save it again."
    )


def test_decompression_bomb_is_refused_and_pillow_limit_left_alone():
    limit = Image.MAX_IMAGE_PIXELS
    assert refused(png_claiming(60000, 60000), "static/img/bom.png") == (
        "content/verhalen/amina.md:4: 'static/img/bom.png' says it is an enormous image, far more "
        "than 40 megapixels; such a file is damaged or made on purpose to make computers hang.\n"
        "  Hint: Use another file: export the image again from the original, at most 40 megapixels."
    )
    assert refused(png_claiming(10000, 10000), "static/img/bom.png").startswith(
        "content/verhalen/amina.md:4: 'static/img/bom.png' is 10000 × 10000 pixels (100.0 megapixels)"
    )
    assert Image.MAX_IMAGE_PIXELS == limit


def test_image_over_20_mb_is_refused_before_it_is_read():
    data = encoded(marked(20, 10), "JPEG") + b"\0" * (20 * 1024 * 1024)
    assert refused(data, "static/img/groot.jpg") == (
        "content/verhalen/amina.md:4: 'static/img/groot.jpg' is 20.0 MB; an image may be at most 20 MB.\n"
        "  Hint: Save it smaller: a photo 2000 pixels wide as JPEG is plenty for the site."
    )


def test_other_kinds_are_refused_with_what_they_are():
    gif = encoded(marked(20, 10), "GIF")
    assert refused(gif, "static/img/a.gif").startswith(
        "content/verhalen/amina.md:4: 'static/img/a.gif' is not a kind of image the site can show.\n"
    )
    assert refused(gif, "static/img/a.jpg").startswith(
        "content/verhalen/amina.md:4: 'static/img/a.jpg' is a GIF file; the site shows only JPEG, PNG and WebP."
    )
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100
    assert refused(heic, "static/img/IMG_0001.jpg").startswith(
        "content/verhalen/amina.md:4: 'static/img/IMG_0001.jpg' is a HEIC file; the site shows only JPEG, PNG and WebP.\n"
        "  Hint: Export the image as JPEG (photos) or PNG (drawings, logos); an iPhone does so with "
    )


def test_animated_png_is_refused():
    out = io.BytesIO()
    marked(20, 10).save(out, "PNG", save_all=True, append_images=[Image.new("RGB", (20, 10), "blue")])
    assert refused(out.getvalue(), "static/img/beweegt.png") == (
        "content/verhalen/amina.md:4: 'static/img/beweegt.png' is an animated image; the site shows only "
        "still images.\n"
        "  Hint: Save the one picture you want to show as JPEG or PNG; show movement in a film."
    )


def test_cut_off_jpeg_passes_the_header_check_and_is_refused_when_converted():
    data = encoded(photo_like(200, 100), "JPEG")[:1500]
    assert inspect_image(data, "half.jpg") == ImageInfo("JPEG", 200, 100)
    with pytest.raises(ImageRefused) as caught:
        image_variants(data, "static/img/half.jpg", widths=SMALL)
    assert isinstance(caught.value.refusal.problem("a.md", 2), Problem)
    assert caught.value.refusal.problem("a.md", 2).format("en") == (
        "a.md:2: 'static/img/half.jpg' is damaged or was not saved completely: the image cannot be read.\n"
        "  Hint: Export the image again from the original and replace the file."
    )
