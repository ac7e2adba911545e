"""The site's files that get content-hashed names (issue 17): the pictures, made in
several widths and types from the checked images (load/pictures.py), and the CSS and
JavaScript under static/. Pure, like the other render steps: images are converted only
when their bytes are not in the memo yet, and the runner decides where (here, or shared
over processes: the plan's "images").

Pages name a file by its site path as written in the project ("/static/css/site.css",
"/static/img/amina.jpg"); `url()` in templates gives the published name, `picture()`
the `<picture>` element, and Markdown images become pictures too (`with_pictures`).
The original of a picture is never published: it may hold the camera's GPS position.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import BuildError
from sleutelsite.load.yaml_file import undecodable
from sleutelsite.model import Picture, Site
from sleutelsite.speed import Job, SerialRunner

if TYPE_CHECKING:  # Pillow is imported only by a site with pictures (50 ms)
    from typing import TypeAlias

    from sleutelsite.render.images import ImageRefusal, Variant

    Converted: TypeAlias = list[dict[str, object]] | ImageRefusal  # a picture's files as data, or why not

HASHED = ("css", "js")  # static files published under a content-hashed name
CONTENT_SIZES = "(min-width: 47.5rem) 44rem, calc(100vw - 2.5rem)"  # the narrow column (.narrow)


@dataclass(frozen=True)
class Assets:
    """What replaces the project's static paths in the output."""

    paths: Mapping[str, str] = field(default_factory=dict)  # site path -> published site path
    variants: Mapping[str, tuple[Variant, ...]] = field(default_factory=dict)  # per picture
    files: Mapping[PurePosixPath, bytes | Path] = field(default_factory=dict)  # to write
    originals: frozenset[str] = frozenset()  # static/ paths not published as they are
    key: str = ""  # hash of all of it: pages follow from it

    def url(self, path: str) -> str:
        return self.paths.get(path, path)

    def picture(
        self, src: str, alt: str, sizes: str = CONTENT_SIZES, lazy: bool = True, css: str = ""
    ) -> str:
        """The `<picture>` of a checked image; any other image as a plain `<img>`."""
        variants = self.variants.get(src)
        if not variants:
            cls = f' class="{htmllib.escape(css)}"' if css else ""
            loading = ' loading="lazy"' if lazy else ""
            return f'<img{cls} src="{htmllib.escape(self.url(src))}" alt="{htmllib.escape(alt)}"{loading}>'
        from sleutelsite.render.images import picture_html

        folder = src.rsplit("/", 1)[0] + "/"
        made = picture_html(variants, alt, sizes, lazy, folder)
        if css:
            made = made.replace("<picture>", f'<picture class="{htmllib.escape(css)}">', 1)
        return made


def start_site_assets(
    site: Site, project: Path, cache: BuildCache, runner: SerialRunner
) -> tuple[Callable[[], Assets], Job[list[Converted]]]:
    """The function that gives every picture's files (from the memo where its bytes were
    seen before) and the hashed CSS and JavaScript, and the job that converts the
    pictures the memo lacks (the runner may start it meanwhile, in another process, and
    share the pictures out from there: to cancel on failure). The function raises
    BuildError for an image whose pixels cannot be read."""
    from sleutelsite.render.images import variants_from_data

    pictures = list(site.pictures.values())
    keys = {p.src: cache.key("image", p.key, repr(p.widths)) for p in pictures}
    found: dict[str, tuple[Variant, ...]] = {}
    missing = []
    for picture in pictures:
        stored = cache.get("image", keys[picture.src])
        if stored is None:
            missing.append(picture)
        else:
            found[picture.src] = variants_from_data(cast("list[dict[str, object]]", stored))
    job = runner.start("pictures", partial(runner.map, "images", _convert(project), missing), len(missing))

    def finish() -> Assets:
        from sleutelsite.render.images import ImageRefusal

        problems = []
        for picture, made in zip(missing, job.result(), strict=True):
            if isinstance(made, ImageRefusal):
                problems += [made.problem(path, line) for path, line in picture.uses]
                continue
            cache.put("image", keys[picture.src], made)
            found[picture.src] = variants_from_data(made)
        if problems:
            raise BuildError(problems)
        return _assets(site, project, cache, found, keys)

    return finish, job


def _assets(
    site: Site, project: Path, cache: BuildCache, found: dict[str, tuple[Variant, ...]], keys: dict[str, str]
) -> Assets:
    paths: dict[str, str] = {}
    files: dict[PurePosixPath, bytes | Path] = {}
    originals = set()
    for src, variants in sorted(found.items()):
        folder = src.rsplit("/", 1)[0]
        for variant in variants:
            files[PurePosixPath(folder.lstrip("/"), variant.name)] = variant.data
        paths[src] = f"{folder}/{_fallback(variants).name}"
        originals.add(src.removeprefix("/static/"))
    problems = []
    for rel in site.static_files:
        if rel.rsplit(".", 1)[-1] in HASHED:
            try:
                original = (project / "static" / rel).read_bytes()
                data, named = cache.by_value(
                    "smaller", (rel, original), partial(_smaller_named, rel, original)
                )
            except UnicodeDecodeError as err:  # (a stylesheet saved in another encoding)
                problems.append(undecodable(f"static/{rel}", err))
                continue
            paths[f"/static/{rel}"] = f"/static/{named}"
            files[PurePosixPath("static", named)] = data
            originals.add(rel)
    if problems:
        raise BuildError(problems)
    key = cache.key("assets", repr(sorted(paths.items())), *(keys[src] for src in sorted(found)))
    return Assets(paths, found, files, frozenset(originals), key)


def _smaller_named(rel: str, original: bytes) -> tuple[bytes, str]:
    """The smaller file and its content-hashed name (the preview: once while it is the same)."""
    data = smaller(rel, original)
    return data, hashed_name(rel, data)


class _convert:
    """One picture's files as plain data for the memo (or the refusal): a class, so that
    the work handed to the runner names only the project."""

    def __init__(self, project: Path) -> None:
        self.project = project

    def __call__(self, picture: Picture) -> Converted:
        from sleutelsite.render.images import ImageRefused, image_variants, variants_to_data

        data = (self.project / picture.src.lstrip("/")).read_bytes()
        try:
            return variants_to_data(image_variants(data, picture.src.lstrip("/"), picture.widths))
        except ImageRefused as refused:
            return refused.refusal


def _fallback(variants: tuple[Variant, ...]) -> Variant:
    """The file a plain link to the image gets (a link preview, an old reader): the
    widest JPEG or PNG."""
    plain = [v for v in variants if v.type in ("image/jpeg", "image/png")] or list(variants)
    return max(plain, key=lambda v: v.width)


# A CSS token that is kept as it is (a string), or dropped (a comment), or whitespace.
_CSS_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|\s+', re.S)
_JS_COMMENT_LINE = re.compile(r"^[ \t]*//[^\n]*\n", re.M)


def smaller(rel: str, data: bytes) -> bytes:
    """A stylesheet without comments and with whitespace only where it counts; a script
    without indentation and without lines that are only a // comment. Every page loads
    both (about 3 KB less of the 30 KB a page may weigh); the files in static/ keep theirs."""
    text = data.decode("utf-8")
    if rel.endswith(".css"):
        return _smaller_css(text).encode("utf-8")
    text = _JS_COMMENT_LINE.sub("", text)  # (a script of ours has no multi-line strings)
    return re.sub(r"\n[ \t]+", "\n", text).encode("utf-8")


def _smaller_css(text: str) -> str:
    out: list[str] = []
    at = 0
    for match in _CSS_TOKEN.finditer(text):
        out.append(text[at : match.start()])
        at = match.end()
        found = match.group()
        if found[0] in "\"'":
            out.append(found)
        elif not found.startswith("/*"):  # whitespace: one space, none beside { } ; , or after a :
            before = out[-1][-1:] if out and out[-1] else ""
            if before not in ("", "{", "}", ";", ",", ":") and text[at : at + 1] not in (
                "",
                "{",
                "}",
                ";",
                ",",
            ):
                out.append(" ")
    out.append(text[at:])
    return "".join(out).replace(";}", "}").strip() + "\n"


def hashed_name(rel: str, data: bytes) -> str:
    """ "css/site.css" -> "css/site.1a2b3c4d5e.css": a new name whenever the bytes change,
    so a browser may keep the file for a year."""
    stem, _, suffix = rel.rpartition(".")
    return f"{stem}.{hashlib.blake2b(data, digest_size=16).hexdigest()[:10]}.{suffix}"


_IMG = re.compile(r"<img\s([^>]*?)\s*/?>")
_HREF = re.compile(r'href="(/static/[^"#?]+)"')
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def with_pictures(html: str, assets: Assets) -> str:
    """Markdown's `<img alt=".." src="/static/img/a.jpg">` of a checked image as a
    `<picture>` (lazy: below a story's first lines); other images as they are. A link to
    the image itself (a download) leads to its widest published file."""
    if "/static/" not in html or not assets.paths:
        return html
    if 'href="/static/' in html:
        html = _HREF.sub(lambda m: f'href="{htmllib.escape(assets.url(htmllib.unescape(m.group(1))))}"', html)
    if "<img" not in html or not assets.variants:
        return html

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        src = htmllib.unescape(attrs.get("src", ""))
        if src not in assets.variants or set(attrs) - {"src", "alt", "title"}:
            return match.group(0)
        return assets.picture(src, htmllib.unescape(attrs.get("alt", "")))

    return _IMG.sub(replace, html)
