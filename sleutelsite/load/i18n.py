"""Read i18n/<language>.yaml: the interface text of each language, checked like content.

The default language's file is the reference: every other file must have the same keys,
and every {placeholder} in a text must be kept, so no page shows a gap or a raw key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.kinds import STATUSES
from sleutelsite.load.fields import did_you_mean
from sleutelsite.load.signatory_fields import TYPES, VERIFIED
from sleutelsite.load.yaml_file import YamlList, YamlMap, read_yaml, undecodable
from sleutelsite.model import Language

FOLDER = "i18n"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

Translations = dict[str, object]


def load_translations(
    project: Path, languages: tuple[Language, ...], problems: list[Problem], cache: BuildCache | None = None
) -> dict[str, Translations]:
    """{language code: {key: text, list or mapping}}; problems for every gap. The same
    objects while the files' bytes are the same (the preview: on every save)."""
    files = tuple(_bytes_of(project / f"{FOLDER}/{lang.code}.yaml") for lang in languages)

    def made() -> tuple[dict[str, Translations], tuple[Problem, ...]]:
        found: list[Problem] = []
        return _translations(languages, files, found), tuple(found)

    result, found = cache.by_value("translations", (languages, files), made) if cache else made()
    problems.extend(found)
    return result


def _bytes_of(file: Path) -> bytes | None:
    return file.read_bytes() if file.is_file() else None


def _translations(
    languages: tuple[Language, ...], files: tuple[bytes | None, ...], problems: list[Problem]
) -> dict[str, Translations]:
    result: dict[str, Translations] = {}
    reference: YamlMap | None = None
    for lang, data_bytes in zip(languages, files, strict=True):
        path = f"{FOLDER}/{lang.code}.yaml"
        if data_bytes is None:
            problems.append(problem(path, 0, "i18n_missing_file", language=lang.code))
            continue
        try:
            text = data_bytes.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as err:
            problems.append(undecodable(path, err))
            continue
        data, found = read_yaml(text, path)
        problems.extend(found)
        if not isinstance(data, YamlMap):
            if data is not None or not found:
                problems.append(problem(path, 1, "i18n_not_a_mapping"))
            continue
        before = len(problems)
        _check_shapes(data, path, problems)
        if reference is None:
            reference = data
        else:
            _check_against(data, reference, path, f"{FOLDER}/{languages[0].code}.yaml", problems)
        if len(problems) == before:
            result[lang.code] = {key: _plain(value) for key, value in data.items()}
    return result


def _plain(value: object) -> object:
    if isinstance(value, YamlMap):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, YamlList):
        return tuple(_plain(v) for v in value)
    return value


def _check_shapes(data: YamlMap, path: str, problems: list[Problem]) -> None:
    for key, value in data.items():
        if key in _SHAPES:
            fits, shape = _SHAPES[key]
            if not fits(value):
                problems.append(problem(path, data.line_of(key), "i18n_shape", key=key, shape=shape))
        elif not isinstance(value, str):
            problems.append(problem(path, data.line_of(key), "i18n_not_text", key=key))


def _is_menu(value: object) -> bool:
    return isinstance(value, YamlList) and all(
        isinstance(item, YamlMap)
        and set(item) == {"title", "url"}
        and all(isinstance(v, str) for v in item.values())
        for item in value
    )


def _is_months(value: object) -> bool:
    return isinstance(value, YamlList) and len(value) == 12 and all(isinstance(v, str) for v in value)


def _is_words_for(needed: Collection[str]) -> Callable[[object], bool]:
    """Whether a value holds a text for each of `needed` (and nothing else)."""
    return lambda value: (
        isinstance(value, YamlMap)
        and set(value) == set(needed)
        and all(isinstance(v, str) for v in value.values())
    )


# The keys that hold more than a text: how to tell they are right, and the shape a hint shows.
_SHAPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "menu": (_is_menu, "- title: ...\n    url: /pad/"),
    "months": (_is_months, "[januari, februari, ...] (12)"),
    "types": (_is_words_for(TYPES), ", ".join(TYPES)),
    "verified": (_is_words_for(VERIFIED), ", ".join(VERIFIED)),
    "statuses": (_is_words_for(STATUSES), ", ".join(STATUSES)),
    "status_explained": (_is_words_for(STATUSES), ", ".join(STATUSES)),
}


def _check_against(
    data: YamlMap, reference: YamlMap, path: str, reference_path: str, problems: list[Problem]
) -> None:
    for key in reference:
        if key not in data:
            problems.append(problem(path, data.line, "i18n_missing_key", key=key, reference=reference_path))
    for key, value in data.items():
        line = data.line_of(key)
        if key not in reference:
            guess = did_you_mean(str(key), list(reference))
            if guess:
                problems.append(problem(path, line, "unknown_field_guess", key=key, guess=guess))
            else:
                problems.append(problem(path, line, "i18n_unknown_key", key=key, reference=reference_path))
            continue
        wanted = reference[key]
        if isinstance(value, str) and isinstance(wanted, str):
            if set(_PLACEHOLDER.findall(value)) != set(_PLACEHOLDER.findall(wanted)):
                names = ", ".join("{" + n + "}" for n in sorted(set(_PLACEHOLDER.findall(wanted)))) or "geen"
                problems.append(problem(path, line, "i18n_placeholders", key=key, names=names))
