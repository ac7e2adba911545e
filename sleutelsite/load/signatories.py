"""Read and check signatories.yaml: every mistake a stranger can make, worded kindly.

This module reads the file (memoised, maybe in another process meanwhile) and checks
the list as a whole: its order, names and domains that come twice, the places and the
logo folder. What an entry holds is declared in signatory_fields.py and checked in
signatory_entries.py (its texts in signatory_text.py, its address in urls.py); a long
list is read in groups (signatory_groups.py).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.load.logo import check_logo_folder
from sleutelsite.load.maps import map_bytes
from sleutelsite.load.places import check_places
from sleutelsite.load.signatory_entries import anchor_of, checked_entries, stop_checking
from sleutelsite.load.signatory_fields import PATH
from sleutelsite.load.signatory_groups import checked_groups, checked_part, entry_starts, read_in_groups
from sleutelsite.load.urls import website_domain
from sleutelsite.load.yaml_file import MAX_PROBLEMS, YamlList, leads_outside, read_yaml, undecodable
from sleutelsite.model import Signatory
from sleutelsite.speed import Job, SerialRunner

# The large benchmark's 50,000 signatories take 9.8 MB; the real list of a coalition of
# some thirty organisations a few KB. A file this size is a mistake or an attack.
MAX_BYTES = 16 * 1024 * 1024

# Words a sort ignores at the start of a name, so "Stichting De Brug" sorts under B.
_LEADING_WORDS = {"stichting", "vereniging", "gemeente", "de", "het", "'t", "een"}
_WORD = re.compile(r"[\w']+")
_SPACES = re.compile(r"\s+")


def sort_key(name: str) -> str:
    """Dutch order: ignore case, accents and leading words such as 'Stichting' or 'De'."""
    plain = name.casefold()
    if not plain.isascii():  # ASCII has no accents to take off
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    while len(words) > 1 and words[0] in _LEADING_WORDS:
        words.pop(0)
    return " ".join(words)


def load_signatories(
    project: Path,
    today: dt.date,
    static_files: frozenset[str],
    problems: list[Problem],
    cache: BuildCache | None = None,
    runner: SerialRunner | None = None,
) -> tuple[list[Signatory], str]:
    """Read and check the file; memoised by its bytes, today and the logo files' stamps.

    Returns the signatories and the key they follow from ("" when not memoised).
    """
    return start_signatories(project, today, static_files, cache, runner or SerialRunner())(problems)


class ComingSignatories:
    """Signatories being loaded: call it with the problems list to get them (and the key
    they follow from); `cancel` when they are no longer wanted."""

    def __init__(
        self, finish: Callable[[list[Problem]], tuple[list[Signatory], str]], job: Job | None
    ) -> None:
        self._finish, self._job = finish, job

    def __call__(self, problems: list[Problem]) -> tuple[list[Signatory], str]:
        return self._finish(problems)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()


def start_signatories(
    project: Path,
    today: dt.date,
    static_files: frozenset[str],
    cache: BuildCache | None,
    runner: SerialRunner,
) -> ComingSignatories:
    """Begin loading. A file that is not in the cache is parsed as a job of the runner,
    which may run it in another process meanwhile, while the caller reads content/."""
    file = project / PATH
    if cache is None or file.is_symlink() or not file.is_file() or file.stat().st_size > MAX_BYTES:

        def uncached(problems: list[Problem]) -> tuple[list[Signatory], str]:
            return _load_signatories(
                project, today, static_files, problems, runner, cache or BuildCache()
            ), ""

        return ComingSignatories(uncached, None)
    logos = sorted(name for name in static_files if name.startswith("logos/"))
    stamps = [
        f"{name}:{(project / 'static' / name).stat().st_size}:{(project / 'static' / name).stat().st_mtime_ns}"
        for name in logos
    ]
    data = file.read_bytes()
    key = cache.key("signatories", data, today.isoformat(), *stamps, *map_bytes(project / "data" / "nl"))
    found = cast("tuple[list[Signatory], list[Problem]] | None", cache.get("signatories", key))
    job = None
    if found is None:
        job = runner.start(
            "signatories", lambda: _parsed(project, today, static_files, runner, cache), len(data)
        )

    def finish(problems: list[Problem]) -> tuple[list[Signatory], str]:
        result = found
        if job is not None:
            result = job.result()
            cache.put("signatories", key, result)
        assert result is not None  # (from the cache, or else from the job)
        signatories, found_problems = result
        problems.extend(found_problems)
        return list(signatories), key

    return ComingSignatories(finish, job)


def _parsed(
    project: Path, today: dt.date, static_files: frozenset[str], runner: SerialRunner, cache: BuildCache
) -> tuple[list[Signatory], list[Problem]]:
    found: list[Problem] = []
    return _load_signatories(project, today, static_files, found, runner, cache), found


def _load_signatories(
    project: Path,
    today: dt.date,
    static_files: frozenset[str],
    problems: list[Problem],
    runner: SerialRunner,
    cache: BuildCache,
) -> list[Signatory]:
    file = project / PATH
    if leads_outside(file, project):
        problems.append(problem(PATH, 0, "symlink_outside"))
        return []
    if not file.is_file():
        problems.append(problem(PATH, 0, "signatories_missing"))
        return []
    if file.stat().st_size > MAX_BYTES:
        problems.append(problem(PATH, 0, "file_too_large", size=file.stat().st_size, limit=MAX_BYTES))
        return []
    try:
        text = file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        problems.append(undecodable(PATH, err))
        return []
    lines = text.split("\n")
    found: list[Problem] = []  # this file's problems
    if read_in_groups(text, lines):
        result, flawed, stopped = checked_groups(lines, today, static_files, project, found, runner)
    else:
        data, read_problems = read_yaml(text, PATH, source_lines=lines)
        if data is None and read_problems:
            # One broken entry must not hide the problems of all the others: read the
            # entries a group at a time, a broken group entry by entry (each from its
            # own "- " line, and what stands above the first).
            found, result, flawed, stopped = checked_part(
                lines, entry_starts(lines), today, static_files, project
            )
        elif not isinstance(data, YamlList):
            problems.extend(read_problems)
            problems.append(problem(PATH, getattr(data, "line", 1), "signatories_not_a_list"))
            return []
        else:
            found = read_problems
            entries = list(zip(data, data.item_lines, strict=True))
            result, flawed, stopped = checked_entries(entries, today, static_files, project, found)
    if not stopped:
        # Every entry with a name, those with mistakes too: all mistakes in one run.
        everyone = sorted(result + flawed, key=lambda s: s.line) if flawed else result
        keys = [sort_key(s.name) for s in everyone]
        _check_order(everyone, keys, found)
        if not (found and found[-1].code == "checking_stopped"):
            _check_duplicates(everyone, keys, found)
        check_places(everyone, lines, project, PATH, found, cache)
    problems.extend(found)
    problems.extend(check_logo_folder(static_files, _logos_named(lines)))
    return with_anchors(result)


_LOGO_LINE = re.compile(r"^[ -]*logo:[ ]*[\"']?([^\"'#\s]{1,200})")


def _logos_named(lines: list[str]) -> list[str]:
    """Every `logo:` value in the file, also of entries with other mistakes (their logo is
    not an unused file): read from the lines, however the entries themselves were read."""
    return [found.group(1) for line in lines if "logo:" in line and (found := _LOGO_LINE.match(line))]


def with_anchors(signatories: list[Signatory]) -> list[Signatory]:
    """Each signatory with a stable, unique anchor made from its name: #org-pharos. (Each
    comes with the anchor of its name already, see signatory_entries.py; only a second
    one with the same anchor gets a number.)"""
    seen: set[str] = set()
    result = []
    for signatory in signatories:
        anchor = base = signatory.anchor or anchor_of(signatory.name)
        number = 2
        while anchor in seen:
            anchor, number = f"{base}-{number}", number + 1
        seen.add(anchor)
        result.append(
            signatory if anchor == signatory.anchor else dataclasses.replace(signatory, anchor=anchor)
        )
    return result


def _check_order(signatories: list[Signatory], keys: list[str], problems: list[Problem]) -> None:
    """Each entry that sorts before the one above it belongs before the first entry that
    sorts after it: the first of the entries that were the largest so far to do so (found
    by bisection, not by a walk from the top for each entry)."""
    largest: list[str] = []  # the keys that were the largest so far, in order
    where: list[Signatory] = []  # ... and their entries
    for index, key in enumerate(keys):
        if not largest or key > largest[-1]:
            largest.append(key)
            where.append(signatories[index])
        if index == 0 or key >= keys[index - 1]:
            continue
        if len(problems) >= MAX_PROBLEMS:
            stop_checking(signatories[index].line, problems)
            return
        wrong, target = signatories[index], where[bisect.bisect_right(largest, key)]
        problems.append(
            problem(
                PATH, wrong.line, "sort_order", name=wrong.name, before=target.name, before_line=target.line
            )
        )


def _check_duplicates(signatories: list[Signatory], keys: list[str], problems: list[Problem]) -> None:
    by_name: dict[str, Signatory] = {}
    by_domain: dict[str, Signatory] = {}
    for s, key in zip(signatories, keys, strict=True):
        if len(problems) >= MAX_PROBLEMS:
            stop_checking(s.line, problems)
            return
        name_key = _SPACES.sub(" ", key)
        first = by_name.setdefault(name_key, s)
        if first is not s:
            problems.append(
                problem(PATH, s.line, "duplicate_name", name=s.name, first=first.name, first_line=first.line)
            )
            continue
        if not s.url:  # (an entry with mistakes whose web address was one: said)
            continue
        domain = website_domain(s.url)
        first = by_domain.setdefault(domain, s)
        if first is not s:
            problems.append(
                problem(
                    PATH, s.line, "duplicate_domain", domain=domain, first=first.name, first_line=first.line
                )
            )
