"""The municipalities and provinces of 2025 (sleutelsite/geo.py) and their maps (geo_map.py, map_grid.py)."""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

import sleutelsite.render.geo_map as geo_map
from conftest import ROOT
from sleutelsite import geo

DATA = ROOT / "data" / "nl"
SHA256 = {
    "gemeente_2025.topojson": "e393ae79a2929a1eeb2e1d47633731444774aa99bcb147e7d81ffe36006e9b32",
    "provincie_2025.topojson": "beeae3cecb9a5075f9de62eda7a42319b9b7927009b3231a5697c1fa399a8005",
}
SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def geography() -> geo.Geography:
    return geo.load_geography(DATA)


@functools.cache
def drawing() -> geo_map.Drawing:
    return geo_map.drawing(geography())


def country_map(statuses: dict[str, str] | None = None, steps: tuple[str, ...] = ()) -> str:
    return geo_map.country_map_svg(
        drawing(),
        statuses or {},
        lambda m: f"{m.slug}/",
        title="Kaart van de gemeenten",
        desc="Elke gemeente is een link.",
        steps=steps,
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def polygons_of(path: str) -> list[list[tuple[int, int]]]:
    """The rings of path data as geo_map writes it (m, l, h, v, z; relative), absolute."""
    rings: list[list[tuple[int, int]]] = []
    x = y = 0
    for command, text in re.findall(r"([mlhvz])([^mlhvz]*)", path):
        n = [int(v) for v in re.findall(r"-?\d+", text)]
        if command == "m":
            x, y = (x + n[0], y + n[1]) if rings else (n[0], n[1])
            rings.append([(x, y)])
            command, n = "l", n[2:]
        if command == "l":
            for dx, dy in zip(n[::2], n[1::2], strict=True):
                x, y = x + dx, y + dy
                rings[-1].append((x, y))
        elif command in "hv":
            for d in n:
                x, y = (x + d, y) if command == "h" else (x, y + d)
                rings[-1].append((x, y))
        elif command == "z":
            x, y = rings[-1][0]
    return rings


# The data


@pytest.mark.parametrize("name", sorted(SHA256))
def test_data_files_are_the_copies_the_readme_names(name):
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == SHA256[name]
    assert digest in (DATA / "README.md").read_text(encoding="utf-8")


def test_readme_of_the_data_gives_source_commit_and_attribution():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6" in readme
    assert "CBS en PDOK" in readme and "cartomap/nl" in readme
    assert "Licence: not stated in the source." in readme


@pytest.mark.parametrize("name", sorted(SHA256))
def test_every_decoded_ring_closes_and_its_arcs_join_end_to_end(name):
    topology = json.loads((DATA / name).read_text(encoding="utf-8"))
    arcs, geometries = geo.decode_topology(topology)
    rings = 0
    for g in geometries:
        for polygon in geo.shape_of(g):
            for refs in polygon:
                pieces = [geo.arc_points(arcs, ref) for ref in refs]
                assert all(a[-1] == b[0] for a, b in itertools.pairwise(pieces)), g["id"]
                ring = geo.ring_points(arcs, refs)
                assert ring[0] == ring[-1] and len(ring) >= 4, g["id"]
                rings += 1
    assert rings > len(geometries)


def test_decoding_adds_up_the_steps_and_applies_the_transform():
    topology = {
        "type": "Topology",
        "transform": {"scale": [2, 3], "translate": [100, 200]},
        "arcs": [[[0, 0], [1, 0], [0, 1], [-1, -1]]],
        "objects": {"x": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]]}]}},
    }
    arcs, _ = geo.decode_topology(topology)
    assert arcs == (((100, 200), (102, 200), (102, 203), (100, 200)),)
    assert geo.arc_points(arcs, ~0) == ((100, 200), (102, 203), (102, 200), (100, 200))


def test_contains_leaves_out_a_hole():
    outer = ((0, 0), (10, 0), (10, 10), (0, 10), (0, 0))
    hole = ((3, 3), (7, 3), (7, 7), (3, 7), (3, 3))
    assert geo.contains([outer, hole], (1, 1))
    assert not geo.contains([outer, hole], (5, 5))
    assert not geo.contains([outer, hole], (11, 5))
    point = geo.representative_point([outer, hole])
    assert geo.contains([outer, hole], point)


def test_representative_point_of_a_u_shape_is_inside_where_the_centroid_is_not():
    u = ((0, 0), (9, 0), (9, 9), (6, 9), (6, 3), (3, 3), (3, 9), (0, 9), (0, 0))
    assert not geo.contains([u], (4.5, 5))  # about where its centroid is
    assert geo.contains([u], geo.representative_point([u]))


# Municipalities and provinces


def test_342_municipalities_and_12_provinces_with_unique_codes():
    g = geography()
    assert len(g.municipalities) == 342 and len(g.provinces) == 12
    assert len({m.code for m in g.municipalities}) == 342
    assert all(re.fullmatch(r"GM\d{4}", m.code) for m in g.municipalities)
    assert [p.name for p in g.provinces] == [
        "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
        "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
    ]  # fmt: skip


def test_every_municipality_lies_in_exactly_one_province():
    g = geography()
    parts = [(p, rings) for p, shape in zip(g.provinces, g.province_shapes, strict=True)
             for rings in geo.polygons(g.province_arcs, shape)]  # fmt: skip
    for m, point, shape in zip(g.municipalities, g.points, g.shapes, strict=True):
        assert any(geo.contains(rings, point) for rings in geo.polygons(g.arcs, shape)), m.name
        holding = {p.code for p, rings in parts if geo.contains(rings, point)}
        assert holding == {m.province_code}, m.name


def test_provinces_have_their_number_of_municipalities():
    counts = Counter(m.province_name for m in geography().municipalities)
    assert counts == {
        "Noord-Brabant": 56, "Gelderland": 51, "Zuid-Holland": 50, "Noord-Holland": 44,
        "Limburg": 31, "Utrecht": 26, "Overijssel": 25, "Fryslân": 18, "Zeeland": 13,
        "Drenthe": 12, "Groningen": 10, "Flevoland": 6,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("Amsterdam", "Noord-Holland"),
        ("Utrecht", "Utrecht"),
        ("Súdwest-Fryslân", "Fryslân"),
        ("Maastricht", "Limburg"),
        ("'s-Gravenhage", "Zuid-Holland"),
        ("Texel", "Noord-Holland"),
        ("Groningen", "Groningen"),
        ("Urk", "Flevoland"),
        ("Vlieland", "Fryslân"),
        ("Baarle-Nassau", "Noord-Brabant"),
    ],
)
def test_province_of(name, province):
    (m,) = [m for m in geography().municipalities if m.name == name]
    assert m.province_name == province
    assert m.province_code == next(p.code for p in geography().provinces if p.name == province)


def test_a_municipality_in_no_province_is_an_error():
    municipal = json.loads((DATA / "gemeente_2025.topojson").read_text(encoding="utf-8"))
    provincial = json.loads((DATA / "provincie_2025.topojson").read_text(encoding="utf-8"))
    provincial["objects"]["provincie_2025"]["geometries"] = [
        g
        for g in provincial["objects"]["provincie_2025"]["geometries"]
        if g["properties"]["statnaam"] != "Zeeland"
    ]
    with pytest.raises(ValueError, match=r"^Borsele \(GM0654\) lies in 0 provinces$"):
        geo.geography_from_topojson(municipal, provincial)


# Slugs and names


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Amsterdam", "amsterdam"),
        ("'s-Gravenhage", "s-gravenhage"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("Bergen (NH.)", "bergen-nh"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen-gerwen-en-nederwetten"),
        ("Capelle aan den IJssel", "capelle-aan-den-ijssel"),
    ],
)
def test_slug(name, slug):
    assert geo.slugify(name) == slug
    assert any(m.slug == slug for m in geography().municipalities) or name == "Amsterdam"


def test_all_342_slugs_are_unique_lowercase_ascii():
    slugs = [m.slug for m in geography().municipalities]
    assert len(set(slugs)) == 342
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Amsterdam", "GM0363"),
        ("  amsterdam ", "GM0363"),
        ("GM0363", "GM0363"),
        ("gm0363", "GM0363"),
        ("Den Haag", "GM0518"),
        ("den haag", "GM0518"),
        ("The Hague", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s Gravenhage", "GM0518"),
        ("’s-Gravenhage", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("Sudwest-Fryslan", "GM1900"),
        ("SÚDWEST FRYSLÂN", "GM1900"),
        ("Hengelo", "GM0164"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen NH", "GM0373"),
    ],
)
def test_find_municipality(query, code):
    assert geo.find_municipality(geography(), query).code == code


@pytest.mark.parametrize("query", ["", "Atlantis", "Bergen", "GM9999", "Den"])
def test_find_municipality_finds_nothing(query):
    assert geo.find_municipality(geography(), query) is None


def test_every_alias_names_a_municipality():
    names = {m.name for m in geography().municipalities}
    assert set(geo.ALIASES.values()) <= names


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Amsterdan", ["Amsterdam"]),
        ("Den Hag", ["'s-Gravenhage"]),
        ("Sudwest Friesland", ["Súdwest-Fryslân"]),
        ("Bergen", ["Bergen (NH.)", "Bergen (L.)"]),
        ("Maastrich", ["Maastricht"]),
    ],
)
def test_did_you_mean(query, first):
    found = geo.did_you_mean(geography(), query)
    assert found[: len(first)] == first
    assert len(found) <= 3


def test_did_you_mean_offers_nothing_for_nonsense():
    assert geo.did_you_mean(geography(), "qqqqxxxx") == []


def test_municipalities_by_province_sorts_the_dutch_way():
    groups = geo.municipalities_by_province(geography())
    assert [p.name for p, _ in groups] == [p.name for p in geography().provinces]
    assert sum(len(ms) for _, ms in groups) == 342
    brabant = [m.name for p, ms in groups if p.name == "Noord-Brabant" for m in ms]
    assert brabant.index("Heeze-Leende") < brabant.index("'s-Hertogenbosch") < brabant.index("Heusden")
    assert geo.sort_key("'s-Hertogenbosch") == "hertogenbosch"


# The country map


def test_country_map_has_342_links_each_named_after_its_municipality():
    root = parse(country_map())
    links = root.findall(f".//{SVG}a")
    assert len(links) == 342
    by_href = {a.get("href"): a.find(f"{SVG}title").text for a in links}
    assert by_href == {f"{m.slug}/": m.name for m in geography().municipalities}
    assert all(a.find(f"{SVG}path").get("d") for a in links)


def test_country_map_is_a_labelled_group_with_a_description():
    svg = country_map()
    root = parse(svg)
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "kaart-t" and root.get("aria-describedby") == "kaart-d"
    assert root.find(f"{SVG}title").get("id") == "kaart-t"
    assert root.find(f"{SVG}title").text == "Kaart van de gemeenten"
    assert root.find(f"{SVG}desc").get("id") == "kaart-d"


def test_label_for_names_the_links_and_names_are_escaped():
    svg = geo_map.country_map_svg(
        drawing(), {}, lambda m: f"{m.slug}/?a=1&b=2", title="<K>", desc="D",
        label_for=lambda m: f"{m.name}: nog niets bekend",
    )  # fmt: skip
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "<K>"
    a = next(a for a in root.iter(f"{SVG}a") if a.get("href") == "amsterdam/?a=1&b=2")
    assert a.find(f"{SVG}title").text == "Amsterdam: nog niets bekend"
    assert "<title>'s-Gravenhage: nog niets bekend</title>" in svg


def test_statuses_group_the_links_and_every_step_has_one_pattern():
    steps = ("gesprek", "toegezegd", "erkend")
    svg = country_map({"GM0363": "erkend", "GM0518": "erkend", "GM0344": "gesprek"}, steps)
    root = parse(svg)
    patterns = root.findall(f"{SVG}defs/{SVG}pattern")
    assert [p.get("id") for p in patterns] == ["kaart-gesprek", "kaart-toegezegd", "kaart-erkend"]
    assert len({p.find(f"{SVG}path").get("d") for p in patterns}) == 3  # a different texture each
    groups = {g.get("class"): [a.find(f"{SVG}title").text for a in g.findall(f"{SVG}a")]
              for g in root.iter(f"{SVG}g") if g.get("class")}  # fmt: skip
    assert groups == {"erkend": ["Amsterdam", "'s-Gravenhage"], "gesprek": ["Utrecht"]}
    assert len(root.findall(f".//{SVG}a")) == 342


@pytest.mark.parametrize("bad", ["Erkend", "in gesprek", '"x', "1e"])
def test_a_status_that_is_no_css_class_is_refused(bad):
    with pytest.raises(ValueError, match="not a CSS class name"):
        country_map({"GM0363": bad})


def test_swatch_refers_to_the_steps_pattern():
    assert 'fill="url(#kaart-erkend)"' in geo_map.swatch_svg("erkend")


def test_maps_are_the_same_bytes_every_time():
    again = geo_map.drawing(geo.load_geography(DATA))
    assert again == drawing()
    assert country_map() == geo_map.country_map_svg(
        again, {}, lambda m: f"{m.slug}/", title="Kaart van de gemeenten", desc="Elke gemeente is een link."
    )
    assert geo_map.locator_svg(again, "GM0363", title="x") == geo_map.locator_svg(
        drawing(), "GM0363", title="x"
    )


def test_path_data_is_compact_whole_numbers():
    for path in drawing().paths:
        assert re.fullmatch(r"(m-?\d+(?:[ -]?-?\d+)*(?:[hvl]-?\d+(?:[ -]?-?\d+)*)*z)+", path), path
        assert "  " not in path and " -" not in path


def test_path_data_draws_the_rings_it_was_given():
    rings = [[(0, 0), (3, 0), (3, 4), (1, 5)], [(10, 10), (11, 10), (11, 11)]]
    path = geo_map._path_data(rings)
    assert path == "m0 0h3v4l-2 1zm10 10h1v1z"
    assert polygons_of(path) == rings


def test_country_map_has_the_shape_of_the_netherlands():
    d = drawing()
    _, _, width, height = d.view_box
    assert 1.1 < height / width < 1.3  # taller than wide
    boxes = {}
    for m, path in zip(geography().municipalities, d.paths, strict=True):
        points = [p for ring in polygons_of(path) for p in ring]
        boxes[m.name] = (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points))
    assert boxes["Texel"][1] < boxes["Amsterdam"][1] < boxes["Maastricht"][1]  # north above south
    assert boxes["Vlissingen"][0] < boxes["Utrecht"][0] < boxes["Enschede"][0]  # west left of east
    assert all(len(polygons_of(p)[0]) >= 3 for p in d.paths)  # no municipality is lost to a line


def test_neighbours_share_their_borders_no_overlaps_from_simplifying():
    """Each shared arc is simplified once, so the municipalities tile the country: on a fine
    grid of sample points hardly any falls in two of them."""
    covered = Counter()
    for path in drawing().paths:
        cells: set[tuple[int, int]] = set()
        for ring in polygons_of(path):
            ys = [p[1] for p in ring]
            for row in range(min(ys) * 4, max(ys) * 4):
                y = (row + 0.37) / 4
                xs = sorted(
                    x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True)
                    if (y0 > y) != (y1 > y)
                )
                for left, right in zip(xs[::2], xs[1::2], strict=True):
                    cells ^= {(column, row) for column in range(round(left * 4), round(right * 4))}
        covered.update(cells)
    twice = sum(1 for n in covered.values() if n > 1)
    assert len(covered) > 30_000
    assert twice / len(covered) < 0.002


def test_country_map_leaves_room_in_a_60_kb_page():
    steps = ("a", "b", "c", "d")
    svg = country_map({m.code: steps[i % 4] for i, m in enumerate(geography().municipalities)}, steps)
    assert len(svg.encode()) <= 33_000  # with the list, CSS and JS: 4 KB left of 60 KB (map_size.py)


# The locator maps


def test_locator_maps_are_small_and_show_the_municipality():
    d = drawing()
    sizes = []
    for m in geography().municipalities:
        svg = geo_map.locator_svg(d, m.code, title=f"Ligging van {m.name}")
        root = parse(svg)
        assert root.get("role") == "img" and root.get("aria-label") == f"Ligging van {m.name}"
        here = root.find(f"{SVG}g")
        assert here.get("class") == "ligging-hier" and here.find(f"{SVG}path").get("d")
        sizes.append(len(svg.encode()))
    assert max(sizes) <= 4_000


def test_small_municipalities_get_a_ring_inside_the_locator_view():
    d = drawing()
    x, y, width, height = d.locator_view_box
    svg = geo_map.locator_svg(d, "GM0417", title="Laren")  # Laren (NH.): a few km across
    circle = parse(svg).find(f".//{SVG}circle")
    cx, cy, r = (int(circle.get(k)) for k in ("cx", "cy", "r"))
    assert x <= cx - r and cx + r <= x + width and y <= cy - r and cy + r <= y + height
    assert parse(geo_map.locator_svg(d, "GM1900", title="x")).find(f".//{SVG}circle") is None


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        geo_map.locator_svg(drawing(), "GM9999", title="x")


# The figures


def test_map_size_script_prints_sizes_and_times():
    result = subprocess.run(
        [sys.executable, "benchmarks/map_size.py", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "country map SVG" in result.stdout and " bytes" in result.stdout and " ms CPU" in result.stdout


# In a real browser


@pytest.mark.browser
def test_in_chromium_every_map_link_has_its_name_and_axe_finds_nothing(tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
    from playwright.sync_api import sync_playwright

    steps = ("gesprek", "erkend")
    legend = "".join(f"<li>{geo_map.swatch_svg(step)} {step}</li>" for step in steps)
    locator = geo_map.locator_svg(drawing(), "GM0363", title="Ligging van Amsterdam in Nederland")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Gemeenten</title>'
        f"<main><h1>Gemeenten</h1><ul>{legend}</ul>{country_map({'GM0363': 'erkend'}, steps)}"
        f"<p>{locator}</p></main></html>",
        encoding="utf-8",
    )
    with serve_folder(tmp_path) as address, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(address + "/")
        assert page.get_by_role("group", name="Kaart van de gemeenten").count() == 1
        links = page.get_by_role("link")
        assert links.count() == 342
        assert (
            page.get_by_role("link", name="'s-Gravenhage", exact=True).get_attribute("href")
            == "s-gravenhage/"
        )
        assert page.get_by_role("link", name="Súdwest-Fryslân", exact=True).count() == 1
        assert page.get_by_role("img", name="Ligging van Amsterdam in Nederland").count() == 1
        box = page.locator("svg.kaart").bounding_box()
        assert box["height"] > box["width"] > 300
        violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
        assert [v["id"] for v in violations.response["violations"]] == []
        browser.close()


def test_locator_land_draws_every_province_not_only_the_first():
    """Regression: the provinces' paths were joined as text, so every path after the first
    began with a relative move and landed off the map."""
    d = drawing()
    rings = polygons_of(d.locator_land)
    assert len(rings) >= 12
    x, y, width, height = d.locator_view_box
    points = [p for ring in rings for p in ring]
    assert all(x <= px <= x + width and y <= py <= y + height for px, py in points)
    assert max(p[0] for p in points) - min(p[0] for p in points) > width * 0.8
    assert max(p[1] for p in points) - min(p[1] for p in points) > height * 0.8
