"""Each signatory's municipality and province, checked against the 342 municipalities of
the project's maps (data/nl/, read by `sleutelsite.geo`).

Accepted as written, and shown on the site and in the exports as written: a
municipality's official name ("'s-Gravenhage"), a well-known other name of `geo.ALIASES`
("Den Haag"), and a name without its bracketed part where only one municipality has it
("Hengelo" for "Hengelo (O.)"). The province must be the one the municipality lies in.

The maps are read only when the list is checked, which a warm build never does (the
checked list comes from the memo, keyed by the maps' bytes too: see `map_bytes`). A
project without the maps (such as the tests' mini project) has its municipalities
checked by nothing but the other checks of a text.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from sleutelsite import geo
from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.load.maps import names_of_places
from sleutelsite.load.yaml_file import MAX_PROBLEMS
from sleutelsite.model import Signatory

# (field, message code, arguments): what is wrong with one municipality and province
Finding = tuple[str, str, dict[str, object]]


def check_places(
    signatories: list[Signatory],
    lines: list[str],
    project: Path,
    path: str,
    problems: list[Problem],
    cache: BuildCache,
) -> None:
    """Add a problem for every municipality that is not one of the maps' (with the name
    meant, where it is clear) and every province that is not its municipality's."""
    if not signatories or (problems and problems[-1].code == "checking_stopped"):
        return
    geography, _ = names_of_places(project, cache)  # (memoised: the municipalities need them too)
    if geography is None:
        return
    findings: dict[tuple[str, str], list[Finding]] = {}  # a list names few places many times
    for s in signatories:
        if len(problems) >= MAX_PROBLEMS:
            problems.append(problem(path, s.line, "checking_stopped", count=len(problems)))
            return
        place = (s.municipality, s.province)
        if not s.municipality:  # (an entry with mistakes whose municipality was one: said)
            continue
        if place not in findings:
            findings[place] = place_findings(geography, *place)
        for key, code, args in findings[place]:
            if key == "province" and not s.province:  # (the same, for its province)
                continue
            problems.append(problem(path, field_line(lines, s.line, key), code, "", **args))


def place_findings(geography: geo.Geography, municipality: str, province: str) -> list[Finding]:
    """What is wrong with `municipality` and `province` (nothing when both are right)."""
    found = geo.find_municipality(geography, municipality)
    if found is None:
        return [unknown_municipality(geography, municipality, province)]
    spelled = spelling(geography, found, municipality)
    findings: list[Finding] = []
    if spelled != municipality:
        findings.append(
            (
                "municipality",
                "municipality_spelling",
                {"got": municipality, "name": spelled, "fixed": yaml_value(spelled)},
            )
        )
    if province != found.province_name:
        findings.append(
            (
                "province",
                "province_mismatch",
                {"municipality": spelled, "right": found.province_name, "got": province},
            )
        )
    return findings


def unknown_municipality(geography: geo.Geography, municipality: str, province: str) -> Finding:
    """A name that is no municipality's: the ones it may be short for (as "Bergen" is for
    two), else the closest name in the entry's province, else a name much like it."""
    slug = geo.slugify(municipality)
    same = [
        m for m in geography.municipalities if "(" in m.name and geo.slugify(m.name.split("(")[0]) == slug
    ]
    if same:
        meant = next((m for m in same if m.province_name == province), same[0])
        names = ", ".join(f"{m.name} in {m.province_name}" for m in same)
        return (
            "municipality",
            "municipality_ambiguous",
            {"got": municipality, "names": names, "fixed": yaml_value(meant.name)},
        )
    guess = _best_guess(geography, municipality, province)
    if guess is None:  # "Driebergen" is not a typo of "Bergen (NH.)": a village, most likely
        return ("municipality", "municipality_unknown", {"got": municipality})
    return (
        "municipality",
        "municipality_unknown_guess",
        {"got": municipality, "guess": guess, "fixed": yaml_value(guess)},
    )


def _best_guess(geography: geo.Geography, municipality: str, province: str) -> str | None:
    """The accepted name most like `municipality`: in the entry's province, else one
    very much like it elsewhere (CLOSE), else None."""
    slug = geo.slugify(municipality)
    guesses = [geo.find_municipality(geography, name) for name in geo.did_you_mean(geography, municipality)]
    named = [  # (how alike, the accepted name most like what was written, in the entry's province)
        max(
            (SequenceMatcher(None, slug, geo.slugify(name)).ratio(), name, m.province_name == province)
            for name in accepted_names(geography, m)
        )
        for m in guesses
        if m is not None
    ]
    return next((name for _, name, here in named if here), None) or next(
        (name for alike, name, _ in named if alike >= CLOSE), None
    )


# How alike a name must be to a municipality in another province than the entry's to be
# offered: "Amsterdm" (0.94 to "Amsterdam") is, "Driebergen" (0.63 to "Bergen (NH.)") is not.
CLOSE = 0.8


def spelling(geography: geo.Geography, municipality: geo.Municipality, written: str) -> str:
    """How to write the municipality that `written` names: `written` itself when it is an
    accepted name, else the accepted name with the same letters, else the official name."""
    accepted = accepted_names(geography, municipality)
    if written in accepted:
        return written
    return next((name for name in accepted if geo.slugify(name) == geo.slugify(written)), municipality.name)


def accepted_names(geography: geo.Geography, municipality: geo.Municipality) -> list[str]:
    """The names a signatory may write for `municipality`: its official name, its aliases
    and its name without the bracketed part when that names no other municipality."""
    names = [
        municipality.name,
        *(alias for alias, official in geo.ALIASES.items() if official == municipality.name),
    ]
    short = municipality.name.split("(")[0].strip()
    if short != municipality.name and geo.find_municipality(geography, short) == municipality:
        names.append(short)
    return names


def yaml_value(name: str) -> str:
    """A municipality's name as written after 'municipality: ' ("'s-Gravenhage" needs quotes)."""
    return f'"{name}"' if name.startswith(("'", "’")) else name


def field_line(lines: list[str], entry_line: int, key: str) -> int:
    """The line of `key` in the entry that starts at `entry_line`; that line itself when the
    key is not on a line of its own (as in `- {name: ..., province: ...}`)."""
    for i in range(entry_line - 1, len(lines)):
        line = lines[i]
        if i >= entry_line and line.startswith("-"):  # the next entry
            break
        text = line.lstrip(" -").lstrip("\"'")
        if text.startswith(key) and text[len(key) :].lstrip("\"' \t").startswith(":"):
            return i + 1
    return entry_line
