"""Kinds of content declared once (sleutelsite/kinds.py, kinds.yaml): every documented field
reaches the model, a story's description is its meta description, and a project adds a
kind of its own (tests/fixtures/event-kind) without a change to the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, TODAY
from sleutelsite.build import build, check
from sleutelsite.describe import front_matter_schema, write_schemas
from sleutelsite.errors import BuildError
from sleutelsite.kinds import BUILT_IN, TEMPLATE_NAMES
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.new import new_content
from sleutelsite.render.context import shared_context

EVENT = ROOT / "tests" / "fixtures" / "event-kind"
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADINGS = {
    "page": "Pages (`content/*.md`",
    "tip": "Tips (`content/tips/",
    "story": "Stories (`content/verhalen/",
}
FILES = {"page": "content/alles.md", "tip": "content/tips/03-alles.md", "story": "content/verhalen/alles.md"}


def documented_keys(kind: str) -> list[str]:
    """The keys in the README's table for a kind, as an editor reads them."""
    table = README.split(HEADINGS[kind], 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    return [key for row in table.splitlines()[2:] for key in re.findall(r"`([a-z_]+)`", row.split("|")[1])]


def a_value(key: str, type_: str, index: int) -> tuple[str, object]:
    """(what the front matter says, what the model should hold) for a field of `type_`."""
    images = {
        "image": "/static/img/campagne.png",
        "photo": "/static/img/campagne.png",
        "photo_consent": "Testpersoon, 2026-11-01",  # (says who, and when)
        "layout": "film.html",
    }
    if key in images:
        return images[key], images[key]
    if type_ == "int":
        return str(3), 3
    if type_ == "bool":
        return "true", True
    if type_ == "date":
        return f"2026-01-{index + 1:02d}", dt.date(2026, 1, index + 1)
    if type_ == "texts":
        return f"[een {index}, twee {index}]", (f"een {index}", f"twee {index}")
    return f"Waarde {index} van {key}", f"Waarde {index} van {key}"


@pytest.mark.parametrize(
    "kind", [kind.name for kind in BUILT_IN if kind.source == "markdown"]
)  # (status files: test_municipalities.py)
def test_every_documented_field_of_every_kind_reaches_the_model(kind: str, make_project):
    declared = next(k for k in BUILT_IN if k.name == kind)
    types = {f.name: f.type for f in declared.fields}
    keys = documented_keys(kind)
    assert keys and set(keys) == set(types)  # no documented key the loader does not know
    values = {key: a_value(key, types[key], i) for i, key in enumerate(keys)}
    text = "---\n" + "".join(f"{key}: {written}\n" for key, (written, _) in values.items()) + "---\nTekst.\n"
    project = make_project({FILES[kind]: text})
    site = load_site(project, Options(today=TODAY, include_drafts=True))  # (draft: true is set)
    entry = next(e for e in site.of_kind(kind) if e.source == FILES[kind])
    for key, (_, expected) in values.items():
        assert getattr(entry, key) == expected, key


def test_a_storys_description_is_its_meta_description(make_project, tmp_path):
    """Regression: `description` was accepted on a story and documented, but the page's
    meta description was always the summary."""
    project = make_project(
        {
            "content/verhalen/testpersoon.md": "---\nname: Testpersoon\ndate: 2026-11-02\n"
            "summary: De samenvatting op de kaart.\ndescription: Wat zoekmachines laten zien.\n---\nTekst.\n",
            "content/verhalen/zonder.md": "---\nname: Zonder\ndate: 2026-11-03\n"
            "summary: Alleen een samenvatting.\n---\nTekst.\n",
        }
    )
    build(project, tmp_path / "out", today=TODAY)
    html = (tmp_path / "out" / "verhalen" / "testpersoon" / "index.html").read_text()
    assert '<meta name="description" content="Wat zoekmachines laten zien.">' in html
    assert '<meta property="og:description" content="Wat zoekmachines laten zien.">' in html
    card = (tmp_path / "out" / "verhalen" / "index.html").read_text()
    assert "De samenvatting op de kaart." in card and "Wat zoekmachines" not in card
    other = (tmp_path / "out" / "verhalen" / "zonder" / "index.html").read_text()
    assert '<meta name="description" content="Alleen een samenvatting.">' in other


def test_a_tip_no_longer_accepts_a_description_that_went_nowhere(make_project):
    project = make_project(
        {"content/tips/03-derde.md": "---\nnumber: 3\ntitle: T\ndescription: D\n---\nX.\n"}
    )
    with pytest.raises(BuildError) as info:
        check(project, today=TODAY)
    assert info.value.report() == (
        "content/tips/03-derde.md:4: onbekend veld 'description'.\n"
        "  Tip: Bekende velden: draft, number, publish, title."
    )


def test_templates_see_no_name_a_kind_could_take(make_project):
    """A kind's name and plural become template variables: TEMPLATE_NAMES must hold every
    name templates already see, or a kind could hide one."""
    site = load_site(make_project(), Options(today=TODAY))
    cards = {kind.plural for kind in site.kinds if kind.card}
    shared = set(shared_context(site, "nl", frozenset())) - cards
    page = {"page", "content", "children", "alternates", "hreflangs", "notice", "preview"}
    assert shared | page <= TEMPLATE_NAMES


def event_project(make_project, extra: dict[str, str] | None = None) -> Path:
    """The mini project with the event kind laid over it: a declaration, two templates and
    the interface words."""
    files = {
        f.relative_to(EVENT).as_posix(): f.read_text(encoding="utf-8")
        for f in sorted(EVENT.rglob("*"))
        if f.is_file() and f.name not in ("README.md", "words.nl.yaml")
    }
    project = make_project({**files, **(extra or {})})
    words = (EVENT / "words.nl.yaml").read_text(encoding="utf-8")
    with (project / "i18n" / "nl.yaml").open("a", encoding="utf-8") as nl:
        nl.write(words)
    return project


def test_a_project_adds_a_kind_of_its_own_without_touching_the_engine(make_project, tmp_path):
    project = event_project(make_project)
    out = tmp_path / "out"
    result = build(project, out, today=TODAY)
    assert [e.url for e in result.site.of_kind("event")] == ["/agenda/taalcafe/", "/agenda/buurtavond/"]

    page = (out / "agenda" / "buurtavond" / "index.html").read_text()
    assert "<title>Buurtavond Testwijk · Testcampagne</title>" in page
    assert '<meta name="description" content="Kom naar de buurtavond in het buurthuis.">' in page
    assert '<time datetime="2026-12-10">10 december 2026</time> · Buurthuis De Testhoek' in page
    other = (out / "agenda" / "taalcafe" / "index.html").read_text()
    assert "10 december" not in other and "· Online</p>" in other  # the field's default
    assert '<meta name="description" content="Oefenen met praten, elke week.">' in other  # the summary

    cards = (out / "agenda" / "index.html").read_text()  # in the kind's order: by date
    assert cards.index('href="../agenda/taalcafe/"') < cards.index(
        'href="../agenda/buurtavond/"'
    )  # (links are relative to the page)
    assert '<link rel="alternate" type="application/atom+xml" title="Agenda van de testcampagne"' in cards

    feed = (out / "agenda" / "feed.xml").read_text()
    assert "<title>Testcampagne: Agenda van de testcampagne</title>" in feed
    titles = re.findall(r"<entry>\s*<title>([^<]*)</title>", feed)
    assert titles == ["Buurtavond Testwijk in Buurthuis De Testhoek", "Taalcafé in Online"]
    assert "<summary>Een avond over sleutelpersonen in de Testwijk.</summary>" in feed

    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.org/agenda/buurtavond/</loc>" in sitemap

    code = [f for f in (ROOT / "sleutelsite").rglob("*.py") if f.name != "messages.py"]  # (examples)
    engine = "".join(f.read_text(encoding="utf-8") for f in code)
    assert "agenda" not in engine and '"event"' not in engine and "event.html" not in engine


def test_new_makes_a_file_of_a_kind_the_project_declares(make_project):
    project = event_project(make_project)
    path, url = new_content(project, "event", "Open dag: de buurt", dt.date(2026, 12, 1))
    assert path == project / "content" / "agenda" / "open-dag-de-buurt.md"
    assert url == "/agenda/open-dag-de-buurt/"
    assert path.read_text(encoding="utf-8") == (
        '---\ntitle: "Open dag: de buurt"\ndate: 2026-12-01\nsummary: "Een zin over Open dag: de buurt."\n'
        "draft: true\n---\nSchrijf hier wat er te doen is op Open dag: de buurt.\n"
    )
    site = load_site(project, Options(today=TODAY, include_drafts=True))
    made = next(e for e in site.of_kind("event") if e.slug == "open-dag-de-buurt")
    assert (made.title, made.date, made.place, made.draft) == (
        "Open dag: de buurt",
        dt.date(2026, 12, 1),
        "Online",
        True,
    )


def test_new_names_the_kinds_there_are(make_project):
    with pytest.raises(BuildError) as info:
        new_content(event_project(make_project), "evenement", "X", TODAY)
    assert info.value.report() == (
        "build.py new: er is geen soort 'evenement'.\n  Tip: Kies een van: event, page, story, tip."
    )


def test_the_schema_of_a_kind_the_project_declares(make_project):
    project = event_project(make_project)
    written = write_schemas(project)
    folder = project / "schema" / "front-matter"
    assert sorted(p.name for p in written) == [
        f"{n}.schema.json" for n in ("event", "municipality", "page", "story", "tip")
    ]
    assert write_schemas(project) == []  # unchanged: nothing written again
    schema = json.loads((folder / "event.schema.json").read_text(encoding="utf-8"))
    site = load_site(project, Options(today=TODAY))
    assert schema == front_matter_schema(site.kind("event"))
    assert schema["required"] == ["title", "date", "summary"]
    assert schema["properties"]["place"] == {
        "description": "Waar het is.",
        "type": "string",
        "pattern": r"\S",
        "default": "Online",
    }
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"title": "T", "date": "2026-12-01", "summary": "S"}))
    assert list(validator.iter_errors({"title": "T", "summary": "S", "plaats": "X"}))  # no date, unknown key


def test_the_readme_example_of_a_kind_builds(make_project, tmp_path):
    example = README.split("## Kinds of content", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    templates = {
        f"templates/{name}": (EVENT / "templates" / name).read_text()
        for name in ("event.html", "events.html")
    }
    page = "---\ntitle: Iets\ndate: 2026-12-01\nsummary: Een zin.\n---\nTekst.\n"
    project = make_project({"kinds.yaml": example, "content/agenda/iets.md": page, **templates})
    with (project / "i18n" / "nl.yaml").open("a", encoding="utf-8") as nl:
        nl.write((EVENT / "words.nl.yaml").read_text(encoding="utf-8"))
    build(project, tmp_path / "out", today=TODAY)
    assert (tmp_path / "out" / "agenda" / "iets" / "index.html").is_file()


def test_a_changed_kinds_yaml_is_never_answered_from_the_cache(make_project, tmp_path):
    """An entry and its page follow from kinds.yaml too: after an edit there, a warm build
    gives what a cold build gives."""
    project = event_project(make_project)
    build(project, tmp_path / "first", today=TODAY)  # fills the cache
    kinds = project / "kinds.yaml"
    kinds.write_text(
        kinds.read_text().replace("title: title\n", "title: summary\n", 1).replace("Online", "Thuis")
    )
    build(project, tmp_path / "warm", today=TODAY)
    build(project, tmp_path / "cold", today=TODAY, use_cache=False)
    page = (tmp_path / "warm" / "agenda" / "taalcafe" / "index.html").read_text()
    assert "<title>Oefenen met praten, elke week. · Testcampagne</title>" in page and "· Thuis</p>" in page
    warm, cold = (
        {p.relative_to(d).as_posix(): p.read_bytes() for p in d.rglob("*") if p.is_file()}
        for d in (tmp_path / "warm", tmp_path / "cold")
    )
    assert warm == cold
