"""Read a long signatories.yaml a part at a time: a few hundred entries at a time (shared
out over processes by the runner), a part with a syntax error entry by entry, so one
broken entry does not hide the problems of all the others."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from sleutelsite.errors import Problem, problem
from sleutelsite.load.signatory_entries import checked_entries, stop_checking
from sleutelsite.load.signatory_fields import PATH
from sleutelsite.load.yaml_file import MAX_PROBLEMS, YamlList, read_yaml
from sleutelsite.model import Signatory
from sleutelsite.speed import SerialRunner

_WAVE = 32  # groups checked before looking at the problem count again
_GROUPED_FROM = 1024 * 1024  # bytes: a longer list is read in groups (of _GROUP entries)
_GROUP = 500  # entries parsed at a time


def read_in_groups(text: str, lines: list[str]) -> bool:
    """Whether the file is read a group at a time: a long list with nothing but entries."""
    return len(text) > _GROUPED_FROM and _is_plain_list(lines)


def checked_groups(
    lines: list[str],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
    runner: SerialRunner,
) -> tuple[list[Signatory], list[Signatory], Problem | None]:
    """A long list, read a few hundred entries at a time, so the parser's nodes for the
    whole file never exist at once (50,000 entries would take hundreds of MB); the runner
    may share the groups out over processes. Checking stops after the group in which the
    problems reach MAX_PROBLEMS, so a file of bad entries costs at most one wave of groups,
    however the groups were run (the same problems either way). Returns the signatories,
    the stand-ins of the entries with mistakes (signatory_entries.py) and where checking
    stopped, if it did."""
    starts = entry_starts(lines)
    groups = [starts[first : first + _GROUP + 1] for first in range(0, len(starts) - 1, _GROUP)]
    result: list[Signatory] = []
    flawed: list[Signatory] = []
    for wave in range(0, len(groups), _WAVE):
        parts = runner.map(
            "signatory groups",
            lambda group: checked_part(lines, group, today, static_files, project),
            groups[wave : wave + _WAVE],
        )
        for number, (found, signatories, stand_ins, stopped) in enumerate(parts, start=wave):
            problems.extend(found)
            result += signatories
            flawed += stand_ins
            if stopped is None and len(problems) >= MAX_PROBLEMS and number + 1 < len(groups):
                stopped = stop_checking(groups[number + 1][0] + 1, problems)
            if stopped is not None:
                return result, flawed, stopped
    return result, flawed, None


def _is_plain_list(lines: list[str]) -> bool:
    """Every line is a comment, blank, an entry's "- " or indented: a list of entries."""
    return all(not line or line[0] in " -#" for line in lines)


def entry_starts(lines: list[str]) -> list[int]:
    """Where each part to read begins: the top of the file (comments, or a mistake before
    the first entry), then every entry's "- " line; and the end of the file."""
    starts = [i for i, line in enumerate(lines) if i and line.startswith("-")]
    return [0, *starts, len(lines)]


def checked_part(
    lines: list[str],
    starts: list[int],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
) -> tuple[list[Problem], list[Signatory], list[Signatory], Problem | None]:
    """The entries starting at `starts` (the last one ends the part), read _GROUP at a
    time (a group with a syntax error entry by entry) and checked: (problems,
    signatories, stand-ins of the entries with mistakes, the problem saying where
    checking stopped, if it did)."""
    found: list[Problem] = []
    result: list[Signatory] = []
    flawed: list[Signatory] = []
    for first in range(0, len(starts) - 1, _GROUP):
        if len(found) >= MAX_PROBLEMS:
            return found, result, flawed, stop_checking(starts[first] + 1, found)
        chunk = starts[first : first + _GROUP + 1]
        entries = _read_chunk(lines, chunk[0], chunk[-1], found, len(chunk) > 2)
        if entries is None:  # broken somewhere: read entry by entry
            entries = []
            for start, end in itertools.pairwise(chunk):
                entries += _read_chunk(lines, start, end, found, False) or []
        signatories, stand_ins, stopped = checked_entries(entries, today, static_files, project, found)
        result += signatories
        flawed += stand_ins
        if stopped:
            return found, result, flawed, stopped
    return found, result, flawed, None


def _read_chunk(
    lines: list[str], start: int, end: int, problems: list[Problem], parts: bool
) -> list[tuple[object, int]] | None:
    """The entries in lines[start:end] with their lines; None (nothing added) when its
    YAML is broken and it has `parts`, so the caller reads them one by one."""
    chunk = lines[start:end]
    data, found = read_yaml("\n".join(chunk), PATH, first_line=start + 1, source_lines=chunk)
    if data is None and found and parts:
        return None
    problems += found
    if isinstance(data, YamlList):
        return list(zip(data, data.item_lines, strict=True))
    if data is not None:  # e.g. 'title: ...' above the first entry
        problems.append(problem(PATH, getattr(data, "line", start + 1), "signatories_not_a_list"))
    return []
