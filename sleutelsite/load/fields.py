"""Check a YAML mapping against the fields a kind of record may have."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from sleutelsite.errors import Problem, problem
from sleutelsite.load.yaml_file import REJECTED, YamlList, YamlMap


@dataclass(frozen=True)
class Field:
    kind: str  # "text", "int", "bool", "date", "texts" (a list of text), "any"
    required: bool = False
    allow_empty: bool = False  # an explicit "" is a value (e.g. alt text for decoration)


def check_fields(
    data: object,
    fields: dict[str, Field],
    path: str,
    line: int,
    problems: list[Problem],
    aliases: dict[str, str] | None = None,
) -> dict[str, object] | None:
    """Return the known, well-typed values of `data`; add a problem for each mistake.

    Returns None when `data` is not a mapping at all.
    """
    if not isinstance(data, YamlMap):
        problems.append(problem(path, line, "not_a_mapping", example=_example(fields)))
        return None
    values: dict[str, object] = {}
    guessed: set[str] = set()  # fields named in a "did you mean": not also "missing"
    for key, value in data.items():
        key_line = data.line_of(key)
        spec = fields.get(key)
        if value is REJECTED:  # already reported by the YAML reader
            continue
        if spec is None:
            found = unknown_key(path, key_line, key, fields, aliases or {})
            guessed.add(str(dict(found.args).get("guess", "")))
            problems.append(found)
            continue
        checked = _check_value(key, value, spec, data, path, key_line, problems)
        if checked is not None:
            values[key] = checked
    for key, spec in fields.items():
        if spec.required and key not in data and key not in guessed:
            problems.append(problem(path, data.line, "missing_field", key=key))
    return values


def unknown_key(
    path: str, line: int, key: str, fields: dict[str, Field] | list[str], aliases: dict[str, str]
) -> Problem:
    guess = aliases.get(str(key).casefold()) or did_you_mean(str(key), list(fields))
    if guess:
        return problem(path, line, "unknown_field_guess", key=key, guess=guess)
    return problem(path, line, "unknown_field", key=key, known=", ".join(sorted(fields)))


def did_you_mean(word: str, choices: list[str]) -> str:
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else ""


def _check_value(
    key: str, value: object, spec: Field, data: YamlMap, path: str, line: int, problems: list[Problem]
) -> object:
    plain = data.plain.get(key)
    if spec.kind == "text":
        if isinstance(value, str):
            if not value.strip() and not spec.allow_empty:
                problems.append(problem(path, line, "empty_field", key=key))
                return None
            return value.strip()
        if value is None and spec.allow_empty and plain is None:
            return ""
        problems.append(_not_text(path, line, key, value, plain))
        return None
    if spec.kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        problems.append(problem(path, line, "not_a_number", key=key, got=_shown(value, plain)))
        return None
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        problems.append(problem(path, line, "not_a_bool", key=key, got=_shown(value, plain)))
        return None
    if spec.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _QUOTED_DATE.match(value):  # "2026-01-11", as many editors write it
            try:
                return dt.date.fromisoformat(value)
            except ValueError:  # 2026-02-30: explained below, as without the quotes
                pass
        problems.append(problem(path, line, "not_a_date", key=key, got=_shown(value, plain)))
        return None
    if spec.kind == "any":  # checked by the caller
        return value
    if spec.kind == "texts":
        if isinstance(value, str):
            return (value.strip(),)
        if isinstance(value, YamlList) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        problems.append(problem(path, line, "not_a_list_of_text", key=key))
        return None
    raise ValueError(f"unknown field kind {spec.kind!r}")  # a bug in a field table


_QUOTED_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _shown(value: object, plain: str | None) -> str:
    if plain is not None:
        return plain
    if isinstance(value, (YamlMap, YamlList)):
        return "een lijst" if isinstance(value, YamlList) else "een blok met velden"
    return str(value)


def _not_text(path: str, line: int, key: str, value: object, plain: str | None) -> Problem:
    if value is None:
        return problem(path, line, "empty_field", key=key)
    if isinstance(value, bool):
        return problem(path, line, "text_read_as_bool", key=key, raw=plain or str(value))
    if isinstance(value, (int, float)):
        return problem(path, line, "text_read_as_number", key=key, raw=plain or str(value))
    if isinstance(value, dt.date):
        return problem(path, line, "text_read_as_date", key=key, raw=plain or str(value))
    return problem(path, line, "not_text", key=key)


def _example(fields: dict[str, Field]) -> str:
    return ", ".join(k for k, f in fields.items() if f.required) or ", ".join(fields)
