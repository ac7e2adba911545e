"""Check the entries of signatories.yaml one by one, each into a `Signatory`: its fields,
the limits of its texts, its choices, its web address, signing date and logo.

An entry with a mistake is not signed, but what is right in it is still checked against
the other entries (order, duplicates, its municipality and province: signatories.py), so
a stranger's pull request hears of every mistake in one run, not one after the other."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from sleutelsite.errors import Problem, problem
from sleutelsite.load.content import slugify
from sleutelsite.load.fields import check_fields, did_you_mean
from sleutelsite.load.logo import check_logo
from sleutelsite.load.signatory_fields import (
    FIELD_ALIASES,
    MAX_LENGTHS,
    PATH,
    PROVINCE_ALIASES,
    PROVINCES,
    TYPES,
    VERIFIED,
    fields_for,
)
from sleutelsite.load.signatory_text import check_public_text
from sleutelsite.load.urls import check_url
from sleutelsite.load.yaml_file import MAX_PROBLEMS, YamlMap
from sleutelsite.model import Signatory


def checked_entries(
    entries: list[tuple[object, int]],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
) -> tuple[list[Signatory], list[Signatory], Problem | None]:
    """The signatories among `entries`, the stand-ins of the entries with mistakes (see
    the module's docstring), and the problem that says checking stopped, if it did: after
    MAX_PROBLEMS problems (a file of 80,000 bad entries took minutes and gigabytes to list)."""
    result: list[Signatory] = []
    flawed: list[Signatory] = []
    for entry, line in entries:
        if len(problems) >= MAX_PROBLEMS:
            return result, flawed, stop_checking(line, problems)
        fields = fields_for(entry)
        before = len(problems)
        values = check_fields(entry, fields, PATH, line, problems, FIELD_ALIASES)
        if values is None or not isinstance(entry, YamlMap):  # (not a mapping: reported)
            continue
        signatory = _check_entry(entry, values, line, today, static_files, project, problems)
        if signatory is not None:
            result.append(signatory)
        elif (stand_in := _stand_in(entry, values, line, problems[before:])) is not None:
            flawed.append(stand_in)
    return result, flawed, None


def stop_checking(line: int, problems: list[Problem]) -> Problem:
    """Add (and return) the problem that says checking stopped at `line`."""
    stopped = problem(PATH, line, "checking_stopped", count=len(problems))
    problems.append(stopped)
    return stopped


def _check_entry(
    entry: YamlMap,
    values: dict[str, object],
    line: int,
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
) -> Signatory | None:
    """The signatory an entry describes, or None (with its problems added)."""
    before = len(problems)
    at = entry.line_of
    values = _within_limits(values, at, problems)
    for key in ("name", "municipality", "statement"):
        if key in values:
            check_public_text(key, str(values[key]), at(key), problems)
    _check_choice(values, "type", TYPES, at, problems)
    _check_place(values, at, problems)
    _check_choice(values, "verified", VERIFIED, at, problems)
    _check_references(values, at, today, static_files, project, problems)
    if len(problems) > before or any(k not in values for k, f in fields_for(entry).items() if f.required):
        return None
    return _signatory(values, line)


def _check_choice(
    values: dict[str, object],
    key: str,
    choices: tuple[str, ...],
    at: Callable[[str], int],
    problems: list[Problem],
) -> None:
    value = values.get(key)
    if isinstance(value, str) and value not in choices:
        _bad_choice(at(key), key, value, choices, problems)


def _check_place(values: dict[str, object], at: Callable[[str], int], problems: list[Problem]) -> None:
    """Where the organisation is: its province (one of the twelve)."""
    province = values.get("province")
    if isinstance(province, str) and province not in PROVINCES:
        alias = PROVINCE_ALIASES.get(province.casefold())
        if alias:
            problems.append(
                problem(PATH, at("province"), "bad_choice_guess", key="province", got=province, guess=alias)
            )
        else:
            _bad_choice(at("province"), "province", province, PROVINCES, problems)


def _check_references(
    values: dict[str, object],
    at: Callable[[str], int],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
) -> None:
    """What an entry points to or dates: its web address, signing date and logo file."""
    url = values.get("url")
    if isinstance(url, str):
        problems.extend(check_url(url, at("url")))
    signed = values.get("signed")
    if isinstance(signed, dt.date) and signed > today:
        problems.append(
            problem(
                PATH,
                at("signed"),
                "date_in_future",
                key="signed",
                got=signed.isoformat(),
                today=today.isoformat(),
            )
        )
    logo = values.get("logo")
    if isinstance(logo, str):
        problems.extend(check_logo(logo, PATH, at("logo"), static_files, project))


def _stand_in(entry: YamlMap, values: dict[str, object], line: int, found: list[Problem]) -> Signatory | None:
    """What the checks across entries read of an entry with mistakes: its name, and its
    municipality, province and web address where nothing was found wrong with them
    (else empty, and those checks leave them alone). None when its name was wrong."""
    named = {dict(p.args).get("key") for p in found}  # the fields the problems name
    unnamed = {p.line for p in found if "key" not in dict(p.args)}  # (a web address's)

    def right(key: str) -> str:
        value = values.get(key)
        if key in named or (key != "name" and entry.line_of(key) in unnamed):
            return ""
        return value if isinstance(value, str) else ""

    if not right("name").strip():
        return None
    province = right("province")
    return Signatory(
        name=right("name"),
        type="",
        municipality=right("municipality"),
        province=province if province in PROVINCES else "",
        url=right("url"),
        signed=None,
        verified="",
        line=line,
        anchor=anchor_of(right("name")),
    )


def _signatory(values: dict[str, object], line: int) -> Signatory:
    """The model of a checked entry. The texts many entries share (a type, a place, a
    common statement) are one string each (sys.intern), not one per entry: 50,000 entries
    held some 17 MB of copies, in the build and in every process forked after loading."""
    signed = values.get("signed")
    return Signatory(
        name=str(values["name"]),
        type=sys.intern(str(values.get("type"))),
        municipality=sys.intern(str(values["municipality"])),
        province=sys.intern(str(values.get("province"))),
        url=str(values.get("url")),
        signed=signed if isinstance(signed, dt.date) else None,
        verified=sys.intern(str(values.get("verified"))),
        line=line,
        logo=sys.intern(str(values.get("logo", ""))),
        statement=sys.intern(str(values.get("statement", ""))),
        anchor=anchor_of(str(values["name"])),
    )


def _within_limits(
    values: dict[str, object], at: Callable[[str], int], problems: list[Problem]
) -> dict[str, object]:
    """The values without the texts that are too long (a problem for each): nothing else
    is said about those, so no check ever reads a long text."""
    kept = {}
    for key, value in values.items():
        if isinstance(value, str) and len(value) > MAX_LENGTHS[key]:
            code = "statement_too_long" if key == "statement" else "text_too_long"
            problems.append(problem(PATH, at(key), code, key=key, length=len(value), limit=MAX_LENGTHS[key]))
        else:
            kept[key] = value
    return kept


def _bad_choice(line: int, key: str, got: str, choices: tuple[str, ...], problems: list[Problem]) -> None:
    guess = did_you_mean(got, list(choices))
    if guess:
        problems.append(problem(PATH, line, "bad_choice_guess", key=key, got=got, guess=guess))
    else:
        problems.append(problem(PATH, line, "bad_choice", key=key, got=got, choices=", ".join(choices)))


def anchor_of(name: str) -> str:
    return "org-" + slugify(name)
