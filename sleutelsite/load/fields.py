"""Check a YAML mapping against the fields a kind of record may have."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
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
    """The value as the field's kind wants it, or None (with a problem added)."""
    if spec.kind == "any":  # checked by the caller
        return value
    check = _VALUE_CHECKS.get(spec.kind)
    if check is None:
        raise ValueError(f"unknown field kind {spec.kind!r}")  # a bug in a field table
    return check(_Value(key, value, data.plain.get(key), path, line, problems), spec)


@dataclass(frozen=True)
class _Value:
    """One value being checked, with what a problem about it names."""

    key: str
    value: object
    plain: str | None  # as written, when it was not quoted
    path: str
    line: int
    problems: list[Problem]

    def refuse(self, code: str, **args: object) -> None:
        self.problems.append(problem(self.path, self.line, code, "", key=self.key, **args))

    def refuse_shown(self, code: str) -> None:
        self.refuse(code, got=_shown(self.value, self.plain))


def _text_value(v: _Value, spec: Field) -> object:
    value = v.value
    if isinstance(value, str):
        if not value.strip() and not spec.allow_empty:
            v.refuse("empty_field")
            return None
        return value.strip()
    if value is None and spec.allow_empty and v.plain is None:
        return ""
    v.problems.append(_not_text(v.path, v.line, v.key, value, v.plain))
    return None


def _int_value(v: _Value, spec: Field) -> object:
    if isinstance(v.value, int) and not isinstance(v.value, bool):
        return v.value
    v.refuse_shown("not_a_number")
    return None


def _bool_value(v: _Value, spec: Field) -> object:
    if isinstance(v.value, bool):
        return v.value
    v.refuse_shown("not_a_bool")
    return None


def _date_value(v: _Value, spec: Field) -> object:
    value = v.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _QUOTED_DATE.match(value):  # "2026-01-11", as many editors write it
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2026-02-30: explained below, as without the quotes
            pass
    v.refuse_shown("not_a_date")
    return None


def _texts_value(v: _Value, spec: Field) -> object:
    value = v.value
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, YamlList) and all(isinstance(x, str) and x.strip() for x in value):
        return tuple(x.strip() for x in value)
    v.refuse("not_a_list_of_text")
    return None


_VALUE_CHECKS: dict[str, Callable[[_Value, Field], object]] = {
    "text": _text_value,
    "int": _int_value,
    "bool": _bool_value,
    "date": _date_value,
    "texts": _texts_value,
}


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
