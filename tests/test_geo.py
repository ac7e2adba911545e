"""The municipalities and provinces of 2025 (sleutelsite/geo.py)."""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
from collections import Counter

import pytest

from conftest import ROOT
from sleutelsite import geo

DATA = ROOT / "data" / "nl"
SHA256 = {
    "gemeente_2025.topojson": "e393ae79a2929a1eeb2e1d47633731444774aa99bcb147e7d81ffe36006e9b32",
    "provincie_2025.topojson": "beeae3cecb9a5075f9de62eda7a42319b9b7927009b3231a5697c1fa399a8005",
}


@functools.cache
def geography() -> geo.Geography:
    return geo.load_geography(DATA)


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
