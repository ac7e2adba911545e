"""Bounded input: deep nesting, long lines and texts, many problems, look-alike addresses,
bytes that are not UTF-8; every one refused with file:line and a hint, none a crash."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import yaml

from conftest import FIXTURE, TODAY
from sleutelsite.errors import BuildError, Problem, job_summary, problem, report_for_terminal
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.load.urls import check_url
from sleutelsite.load.yaml_file import MAX_DEPTH, MAX_PROBLEMS, REJECTED, read_yaml

OPTIONS = Options(today=TODAY)
DEEP = "lists or blocks are nested more than 20 levels deep here."


def english(project) -> list[str]:
    with pytest.raises(BuildError) as info:
        load_site(project, OPTIONS)
    return [p.format("en") for p in info.value.problems]


def entry(name: str = "Stichting Alfa", **fields: str) -> str:
    values = {"type": "stichting", "municipality": "Utrecht", "province": "Utrecht",
              "url": "https://alfa.example.org/", "signed": "2026-01-15", "verified": "e-mail"} | fields  # fmt: skip
    return f"- name: {name}\n" + "".join(f"  {key}: {value}\n" for key, value in values.items())


# --- nesting and long lines: before the parser can crash or take minutes ----------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 1000, 1),  # gave RecursionError (exit 2, "a bug in build.py")
        ("[" * 1000 + "]" * 1000, 1),
        ("[\n" * 30_000, 21),  # crashed libyaml's composer with a segfault
        ("{a:\n" * 30_000, 21),
        ("- " * 1000 + "x", 1),
        ("".join(" " * i + "-\n" for i in range(1000)), 21),
        ("".join(" " * i + "a:\n" for i in range(1000)), 21),
        ("a: " + "[" * 10 + "{b: " * 10 + "x", 1),
    ],
)
def test_a_value_nested_too_deep_is_refused_at_its_line(text, line):
    data, problems = read_yaml(text, "signatories.yaml")
    assert data is None
    assert [p.format("en").split("\n")[0] for p in problems] == [f"signatories.yaml:{line}: {DEEP}"]


def test_nesting_up_to_the_limit_is_read():
    data, problems = read_yaml("[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH, "x.yaml")
    assert problems == []
    for _ in range(MAX_DEPTH):
        data = data[0]  # type: ignore[index]
    assert data == "x"


def test_brackets_inside_quotes_and_comments_do_not_count():
    text = 'a: "' + "[" * 100 + "\"\nb: '" + "{" * 100 + "'\n# " + "[" * 100 + "\nc: |\n  " + "[" * 100 + "\n"
    data, problems = read_yaml(text, "x.yaml")
    assert problems == []
    assert data == {"a": "[" * 100, "b": "{" * 100, "c": "[" * 100 + "\n"}


def test_a_line_too_long_is_refused_before_parsing():
    data, problems = read_yaml("a: b\nname: " + "x" * 60_000 + "\n", "signatories.yaml", first_line=3)
    assert data is None
    assert [p.format("en") for p in problems] == [
        "signatories.yaml:4: this line is too long (60006 characters; the limit is 4000).\n"
        "  Hint: Shorten the text: a name, statement or description fits well within the limit."
    ]


def test_an_alias_bomb_is_never_expanded():
    text = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    data, problems = read_yaml(text, "x.yaml")
    assert data["i"] == [REJECTED, REJECTED]  # type: ignore[index]
    assert [p.code for p in problems].count("yaml_alias") == 16


def test_tags_on_lists_and_blocks_are_refused_too():
    data, problems = read_yaml("a: !!set {x, y}\nb: !!python/object:os.system [ls]\n", "x.yaml")
    assert data == {"a": REJECTED, "b": REJECTED}
    assert [p.format("en").split("\n")[0] for p in problems] == [
        "x.yaml:1: YAML tags such as '!!set' are not allowed here.",
        "x.yaml:2: YAML tags such as '!!python/object:os.system' are not allowed here.",
    ]


def test_an_unreadable_character_is_named_at_its_line():
    _, problems = read_yaml("a: é\nb: c\x00d\n", "x.yaml", first_line=2)
    assert [(p.line, p.code) for p in problems] == [(3, "yaml_unreadable")]


def test_deep_nesting_in_front_matter_names_the_line_in_the_file(make_project):
    deep = "".join("  " * i + "- \n" for i in range(1, 30))
    project = make_project({"content/over.md": f"---\ntitle: Over\ntags:\n{deep}---\nTekst.\n"})
    assert [line.split("\n")[0] for line in english(project)] == [f"content/over.md:23: {DEEP}"]


def test_deep_nesting_in_the_settings(make_project):
    settings = (FIXTURE / "site.yaml").read_text(encoding="utf-8")
    project = make_project({"site.yaml": settings + "extra: " + "[\n" * 30_000})
    assert [line.split("\n")[0] for line in english(project)] == [
        f"site.yaml:{settings.count(chr(10)) + 20}: {DEEP}"
    ]


def test_deep_nesting_in_a_translation_file(make_project):
    project = make_project()
    nl = project / "i18n" / "nl.yaml"
    lines = nl.read_text(encoding="utf-8").count("\n")
    nl.write_text(nl.read_text(encoding="utf-8") + "diep: " + "{\n" * 30_000, encoding="utf-8")
    assert english(project)[0].split("\n")[0] == f"i18n/nl.yaml:{lines + 20}: {DEEP}"


def test_a_broken_signatory_file_without_entries_is_not_accepted_as_empty(make_project):
    """Regression: 'a: [b' (no '- ' line) passed the check with 0 signatories."""
    assert english(make_project({"signatories.yaml": "a: [b"}))[0].startswith(
        "signatories.yaml:1: a list in [ ] or { } is not closed."
    )
    assert english(make_project({"signatories.yaml": "[\n" * 30_000}))[0].startswith(
        f"signatories.yaml:21: {DEEP}"
    )


def test_a_mistake_above_the_first_entry_is_reported_with_the_entries(make_project):
    """Regression: lines before the first '- ' were never read again once the file was broken."""
    found = english(make_project({"signatories.yaml": 'titel: "Ondertekenaars\n' + entry(url="www.alfa.nl")}))
    assert [p.split("\n")[0] for p in found] == [
        "signatories.yaml:1: a quote opens on this line but never closes.",
        "signatories.yaml:6: 'url' must start with https:// or http:// (got: \"www.alfa.nl\").",
    ]


# --- field lengths, markup, control characters -----------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 150), ("municipality", 80), ("url", 500), ("type", 40), ("province", 40)]
)
def test_a_text_longer_than_its_field_allows_is_refused_before_other_checks(make_project, field, limit):
    long = "a@b.nl " * 3000  # folded over many lines: no line is too long, the text is
    folded = ">\n" + "".join(f"    {long[i : i + 70]}\n" for i in range(0, len(long), 70)).rstrip("\n")
    text = entry(**{field: folded}) if field != "name" else entry(name=folded)
    found = english(make_project({"signatories.yaml": text}))
    line = 1 + ["name", "type", "municipality", "province", "url"].index(field)
    length = len(yaml.safe_load(f"v: {folded}")["v"].strip())
    assert length > 20_000
    assert found == [
        f"signatories.yaml:{line}: '{field}' is too long ({length} characters; at most {limit}).\n"
        f"  Hint: Shorten '{field}' to at most {limit} characters."
    ]


def test_a_long_statement_gets_only_the_length_message(make_project):
    statement = ">\n" + "    Bel 06-12345678 of mail a@b.nl.\n" * 1000
    found = english(make_project({"signatories.yaml": entry() + f"  statement: {statement}"}))
    assert [p.split("\n")[0] for p in found] == [
        f"signatories.yaml:8: the statement is {len(yaml.safe_load('v: ' + statement)['v'].strip())} characters; "
        "the maximum is 280."
    ]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u0085", "zonder naam"), ("\u009b", "zonder naam"),
     ("\x07", "zonder naam"), ("\u200b", "ZERO WIDTH SPACE")],
)  # fmt: skip
def test_control_and_bidi_characters_in_a_name_are_refused(make_project, char, name):
    text = entry(name=f'"Stichting {char}Alfa"')
    found = english(
        make_project({"signatories.yaml": text.encode("unicode_escape").decode().replace("\\n", "\n")})
    )
    assert found[0].split("\n")[0] == (
        f"signatories.yaml:1: 'name' contains an invisible or special character: U+{ord(char):04X} {name}."
    )


def test_markup_in_the_municipality_is_refused_with_the_text_to_write(make_project):
    found = english(make_project({"signatories.yaml": entry(municipality="<i>Utrecht</i> & omstreken")}))
    assert found == [
        "signatories.yaml:3: 'municipality' contains a '<': characters of HTML code do not belong in this public file.\n"
        "  Hint: Write plain text without < and >, for example: municipality: Utrecht & omstreken"
    ]


def test_the_email_pattern_still_finds_addresses_after_letters_and_dots():
    from sleutelsite.load.signatory_text import _EMAIL

    for text in ("mail.a+b@x.example.nl", "Mail ons: info@alfa.nl.", "x a.b.c@d.e", "ééé@x.nl"):
        assert _EMAIL.search(text), text
    for text in ("a" * 40_000, "a@" * 20_000, "@x.nl", "a@b", "a." * 20_000):
        assert not _EMAIL.search(text)


# --- web addresses that pretend to be others ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://www.аmsterdam.nl/",
            "in the web address, 'аmsterdam' mixes letters from different scripts: U+0430 CYRILLIC SMALL LETTER A.\n"
            "  Hint: This is how fake addresses are made. Write the real address in plain letters: "
            "https://www.amsterdam.nl/",
        ),
        (
            "https://www.xn--msterdam-06g.nl/over?Q=1",
            "in the web address, 'xn--msterdam-06g = аmsterdam' mixes letters from different scripts: "
            "U+0430 CYRILLIC SMALL LETTER A.\n"
            "  Hint: This is how fake addresses are made. Write the real address in plain letters: "
            "https://www.amsterdam.nl/over?Q=1",
        ),
        (
            "https://xn--80ak6aa92e.com/",
            "in the web address, 'xn--80ak6aa92e = аррӏе' looks like plain letters but is made of other characters: "
            "U+0430 CYRILLIC SMALL LETTER A.\n"
            "  Hint: This is how fake addresses are made. Write the real address in plain letters: https://apple.com/",
        ),
        (
            "https://ｗｗｗ.alfa.nl/",
            "in the web address, 'ｗｗｗ' looks like plain letters but is made of other characters: "
            "U+FF57 FULLWIDTH LATIN SMALL LETTER W.\n"
            "  Hint: This is how fake addresses are made. Write the real address in plain letters: https://www.alfa.nl/",
        ),
        (
            "https://alfaд.nl/",
            "in the web address, 'alfaд' mixes letters from different scripts: U+0434 CYRILLIC SMALL LETTER DE.\n"
            "  Hint: This is how fake addresses are made. Copy the real address from your browser's address bar.",
        ),
    ],
)
def test_a_look_alike_host_is_refused_with_the_real_address(url, message):
    assert [p.format("en") for p in check_url(url, 5)] == [f"signatories.yaml:5: {message}"]


@pytest.mark.parametrize(
    "url", ["https://fryslân.nl/", "https://münchen.de/", "https://президент.рф/", "https://例え.jp/",
            "https://xn--mnchen-3ya.de/", "https://www.amsterdam.nl/"],
)  # fmt: skip
def test_real_addresses_in_one_script_are_accepted(url):
    assert check_url(url, 1) == []


# --- bytes that are not UTF-8 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "before"),
    [("signatories.yaml", "- name: Stichting Alfa\n  type: stichting\n  municipality: "),
     ("site.yaml", "title: Test\n# Utrecht\nlanguage: "),
     ("i18n/nl.yaml", "x: y\nz: "),
     ("content/over.md", "---\ntitle: Over\n---\nCaf\xe9 en ")],
)  # fmt: skip
def test_a_file_that_is_not_utf8_names_the_line_and_column_of_the_first_bad_byte(make_project, path, before):
    data = b"\xef\xbb\xbf" + before.encode("utf-8") + b"Zw\xe8lle\n"  # a byte-order mark, then Latin-1
    found = english(make_project({path: data}))
    line = before.count("\n") + 1
    column = len(before.rsplit("\n", 1)[-1]) + 3
    assert found[0] == (
        f"{path}:{line}: the file is not UTF-8 text: the character in column {column} cannot be read (byte 0xE8).\n"
        "  Hint: Type that character again, or save the file as UTF-8 (in most editors: 'Save as' → encoding UTF-8)."
    )


# --- a quoted date --------------------------------------------------------------------------


def test_a_quoted_date_is_that_date(make_project):
    text = (
        entry(signed='"2026-01-11"')
        + "\n"
        + entry(name="Stichting Beta", url="https://beta.example.org/", signed="'2026-02-01'")
    )
    site = load_site(make_project({"signatories.yaml": text}), OPTIONS)
    assert [s.signed for s in site.signatories] == [dt.date(2026, 1, 11), dt.date(2026, 2, 1)]


def test_a_quoted_date_in_front_matter_is_that_date(make_project):
    project = make_project({"content/later.md": '---\ntitle: Later\npublish: "2027-01-01"\n---\nTekst.\n'})
    site = load_site(project, OPTIONS)
    assert "content/later.md" in {source for _, source in [site.next_scheduled]}  # type: ignore[list-item]


@pytest.mark.parametrize("got", ['"2026-02-30"', '"2026-1-11"', "'11-01-2026'"])
def test_a_quoted_text_that_is_no_date_is_explained_as_before(make_project, got):
    found = english(make_project({"signatories.yaml": entry(signed=got)}))
    assert found == [
        f"signatories.yaml:6: 'signed' must be a date as YYYY-MM-DD (got: {got.strip(chr(34) + chr(39))}).\n"
        "  Hint: For example 'signed: 2026-11-28'."
    ]


# --- many problems: collected up to a point, reported 50 at a time -------------------------


def bad_entries(count: int) -> str:
    return "\n".join(
        entry(f"Stichting Proef {n:05d}", url=f"www.org{n}.example.net", province="Utreg")
        for n in range(count)
    )


def test_checking_stops_after_enough_problems_and_says_where(make_project):
    found = english(make_project({"signatories.yaml": bad_entries(2000)}))
    assert len(found) == MAX_PROBLEMS + 1
    stop = MAX_PROBLEMS // 2 * 8 + 1  # two problems per entry of eight lines
    assert found[-1] == (
        f"signatories.yaml:{stop}: checking this file stopped here after {MAX_PROBLEMS} problems.\n"
        "  Hint: Fix these problems first and run the check again; then the rest is checked."
    )


def test_a_long_shuffled_list_stops_at_enough_order_problems(make_project):
    entries = [entry(f"Stichting Proef {n:05d}", url=f"https://org{n}.example.net/") for n in range(3000)]
    random.Random(1).shuffle(entries)
    found = english(make_project({"signatories.yaml": "\n".join(entries)}))
    assert len(found) == MAX_PROBLEMS + 1
    assert (
        found[-1].split("\n")[0].endswith(f"checking this file stopped here after {MAX_PROBLEMS} problems.")
    )


def test_the_order_check_points_to_the_first_entry_the_name_belongs_before():
    from sleutelsite.load.signatories import _check_order, sort_key
    from sleutelsite.model import Signatory

    rng = random.Random(5)
    names = [f"Naam {rng.randint(0, 60):02d}" for _ in range(300)]
    signatories = [
        Signatory(
            name=n,
            type="overig",
            municipality="U",
            province="Utrecht",
            url="https://x.nl/",
            signed=TODAY,
            verified="e-mail",
            line=i + 1,
        )
        for i, n in enumerate(names)
    ]
    keys = [sort_key(n) for n in names]
    found: list[Problem] = []
    _check_order(signatories, keys, found)
    expected = []
    for index in range(1, len(keys)):  # the rule as it was written first: a walk from the top
        if keys[index] < keys[index - 1]:
            target = next(s for s, k in zip(signatories, keys, strict=True) if k > keys[index])
            expected.append((index + 1, target.line))
    assert [(p.line, dict(p.args)["before_line"]) for p in found] == expected
    assert len(expected) > 100


def many_problems(count: int) -> BuildError:
    return BuildError(
        [problem("signatories.yaml", n + 1, "url_invalid", got=f"x{n}") for n in range(count)]
        + [problem("signatories.yaml", 5000 + n, "empty_field", key="name") for n in range(3)]
        + [problem("content/a.md", 2, "unknown_field_guess", key="titel", guess="title")]
    )


def test_a_report_shows_the_first_50_problems_then_how_many_more_of_each_kind():
    error = many_problems(100)
    report = error.report("en").split("\n")
    assert report[0] == "content/a.md:2: unknown field 'titel'. Did you mean 'title'?"
    assert sum(line.startswith(("content/", "signatories.yaml")) for line in report) == 50
    assert report[-3:] == [
        "and 54 more of these kinds:",
        "  51 × 'url' is not a valid web address (\"…\"). (first: signatories.yaml:50)",
        "  3 × the field 'name' is empty. (first: signatories.yaml:5000)",
    ]
    nl = error.report("nl").split("\n")
    assert nl[-3] == "en nog 54 problemen van deze soorten:"
    assert nl[-1] == "  3 × het veld 'name' is leeg. (eerste: signatories.yaml:5000)"


def test_one_more_problem_of_one_kind_is_said_so():
    assert many_problems(47).report("nl").split("\n")[-2:] == [
        "en nog 1 probleem van deze soort:",
        "  1 × het veld 'name' is leeg. (eerste: signatories.yaml:5002)",
    ]


def test_annotations_and_the_job_summary_stop_at_50_too():
    error = many_problems(100)
    text = report_for_terminal(error, "en", env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in text.split("\n") if line.startswith("::error")]
    assert len(annotations) == 51
    assert annotations[-1].startswith("::error::and 54 more of these kinds:%0A  51 × ")
    assert "104 problems found; nothing was written." in text
    summary = job_summary(error, "en").split("\n")
    assert (
        sum(line.startswith("| signatories.yaml") or line.startswith("| content/") for line in summary) == 50
    )
    assert summary[-4:] == [
        "",
        "- 51 × 'url' is not a valid web address (\"…\"). (first: signatories.yaml:50)",
        "- 3 × the field 'name' is empty. (first: signatories.yaml:5000)",
        "",
    ]


def test_reading_a_yaml_file_stops_after_enough_problems():
    data, problems = read_yaml("a:\n " * 250_000, "i18n/nl.yaml")
    assert data is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].format("en").split("\n")[0] == (
        f"i18n/nl.yaml:{MAX_PROBLEMS + 2}: checking this file stopped here after {MAX_PROBLEMS} problems."
    )
