"""Read and check signatories.yaml: every mistake a stranger can make, worded kindly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .background import can_fork, in_background
from .cache import BuildCache
from .errors import Problem, problem
from .load_content import slugify
from .load_fields import Field, check_fields, did_you_mean
from .load_logo import check_logo, check_logo_folder
from .load_yaml import YamlList, YamlMap, read_yaml
from .model import Signatory

PATH = "signatories.yaml"
MAX_BYTES = 32 * 1024 * 1024
MAX_STATEMENT = 280

# Words signers write instead of the field names, mostly Dutch.
FIELD_ALIASES = {
    "naam": "name", "organisatie": "name", "soort": "type", "gemeente": "municipality",
    "plaats": "municipality", "city": "municipality", "provincie": "province",
    "website": "url", "site": "url", "link": "url", "datum": "signed", "date": "signed",
    "ondertekend": "signed", "verklaring": "statement", "geverifieerd": "verified",
}  # fmt: skip
FIELDS = {
    "name": Field("text", required=True),
    "type": Field("text", required=True),
    "municipality": Field("text", required=True),
    "province": Field("text", required=True),
    "url": Field("text", required=True),
    "signed": Field("date", required=True),
    "verified": Field("text", required=True),
    "logo": Field("text"),
    "statement": Field("text"),
}
TYPES = (
    "gemeente", "overheid", "stichting", "vereniging", "zorg",
    "onderwijs", "welzijn", "bedrijf", "netwerk", "overig",
)  # fmt: skip
PROVINCES = (
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
    "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
)  # fmt: skip
PROVINCE_ALIASES = {"friesland": "Fryslân", "fryslan": "Fryslân", "brabant": "Noord-Brabant"}
VERIFIED = ("e-mail", "pull-request", "persoonlijk")

# Words a sort ignores at the start of a name, so "Stichting De Brug" sorts under B.
_LEADING_WORDS = {"stichting", "vereniging", "gemeente", "de", "het", "'t", "een"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8,9}(?!\d)")
_PLACEHOLDERS = (
    "naam van je organisatie", "naam van uw organisatie", "jouw organisatie", "uw organisatie",
    "voorbeeld.nl", "example.com", "example.org", "jouw gemeente", "uw gemeente", "jjjj-mm-dd",
    "your organisation", "your organization", "todo", "xxx", "lorem ipsum",
)  # fmt: skip


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
) -> tuple[list[Signatory], str]:
    """Read and check the file; memoised by its bytes, today and the logo files' stamps.

    Returns the signatories and the key they follow from ("" when not memoised).
    """
    return start_signatories(project, today, static_files, cache)(problems)


def start_signatories(
    project: Path, today: dt.date, static_files: frozenset[str], cache: BuildCache | None
) -> Callable[[list[Problem]], tuple[list[Signatory], str]]:
    """Begin loading; returns the function that finishes it (adding its problems).

    A long file that is not in the cache is parsed in a forked process meanwhile, so the
    caller can read content/ on the other core.
    """
    file = project / PATH
    if cache is None or file.is_symlink() or not file.is_file():

        def uncached(problems: list[Problem]) -> tuple[list[Signatory], str]:
            return _load_signatories(project, today, static_files, problems), ""

        return uncached
    logos = sorted(name for name in static_files if name.startswith("logos/"))
    stamps = [
        f"{name}:{(project / 'static' / name).stat().st_size}:{(project / 'static' / name).stat().st_mtime_ns}"
        for name in logos
    ]
    data = file.read_bytes()
    key = cache.key("signatories", data, today.isoformat(), *stamps)
    found = cache.get("signatories", key)
    waiting = None
    if found is None and len(data) > _BACKGROUND_FROM and can_fork():
        waiting = in_background(lambda: _parsed(project, today, static_files), "reading signatories.yaml")

    def finish(problems: list[Problem]) -> tuple[list[Signatory], str]:
        result = found
        if result is None:
            result = waiting.result() if waiting is not None else _parsed(project, today, static_files)
            cache.put("signatories", key, result)
        signatories, found_problems = result  # type: ignore[misc]
        problems.extend(found_problems)
        return list(signatories), key

    return finish


_BACKGROUND_FROM = 256 * 1024  # bytes; below this a process costs more than it saves


def _parsed(
    project: Path, today: dt.date, static_files: frozenset[str]
) -> tuple[list[Signatory], list[Problem]]:
    found: list[Problem] = []
    return _load_signatories(project, today, static_files, found), found


def _load_signatories(
    project: Path, today: dt.date, static_files: frozenset[str], problems: list[Problem]
) -> list[Signatory]:
    file = project / PATH
    if file.is_symlink() and not file.resolve().is_relative_to(project.resolve()):
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
        problems.append(problem(PATH, 0, "not_utf8", offset=err.start))
        return []
    lines = text.split("\n")
    used_logos: list[str] = []  # every entry's logo, also of entries with other mistakes
    if len(text) > _GROUPED_FROM and _is_plain_list(lines):
        # A long list is read a few hundred entries at a time, so the parser's nodes for
        # the whole file never exist at once (50,000 entries would take hundreds of MB);
        # a very long one in two halves at once, the second in another process.
        starts = [i for i, line in enumerate(lines) if line.startswith("-")] + [len(lines)]
        half = (len(starts) - 1) // 2 // _GROUP * _GROUP
        if len(text) > _SPLIT_FROM and half and can_fork():
            second = in_background(
                lambda: _checked_part(lines, starts[half:], today, static_files, project),
                "reading signatories.yaml",
            )
            parts = [_checked_part(lines, starts[: half + 1], today, static_files, project), second.result()]
        else:
            parts = [_checked_part(lines, starts, today, static_files, project)]
        # The problems in the order one process would find them: reading, then each entry.
        for read_problems, _, _, _ in parts:
            problems.extend(read_problems)  # type: ignore[arg-type]
        result = []
        for _, entry_problems, signatories, logos in parts:
            problems.extend(entry_problems)  # type: ignore[arg-type]
            result += signatories  # type: ignore[arg-type]
            used_logos += logos  # type: ignore[arg-type]
    else:
        data, found = read_yaml(text, PATH, source_lines=lines)
        if data is None and found:
            # One broken entry must not hide the problems of all the others:
            # read entry by entry, each from its own "- " line.
            entries, found = _read_entry_by_entry(lines)
        elif not isinstance(data, YamlList):
            problems.extend(found)
            problems.append(problem(PATH, getattr(data, "line", 1), "signatories_not_a_list"))
            return []
        else:
            entries = list(zip(data, data.item_lines, strict=True))
        problems.extend(found)
        result = _checked_entries(entries, today, static_files, project, problems, used_logos)
    problems.extend(check_logo_folder(static_files, used_logos))
    keys = [sort_key(s.name) for s in result]
    _check_order(result, keys, problems)
    _check_duplicates(result, keys, problems)
    return with_anchors(result)


def with_anchors(signatories: list[Signatory]) -> list[Signatory]:
    """Each signatory with a stable, unique anchor made from its name: #org-pharos. (Each
    comes with the anchor of its name already, see _check_entry; only a second one with
    the same anchor gets a number.)"""
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


def anchor_of(name: str) -> str:
    return "org-" + slugify(name)


_GROUPED_FROM = 1024 * 1024  # bytes


def _is_plain_list(lines: list[str]) -> bool:
    """Every line is a comment, blank, an entry's "- " or indented: a list of entries."""
    return all(not line or line[0] in " -#" for line in lines)


_SPLIT_FROM = 4 * 1024 * 1024  # bytes: from here two processes read the list
_GROUP = 500  # entries parsed at a time


def _checked_entries(
    entries: list[tuple[object, int]],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
    used_logos: list[str],
) -> list[Signatory]:
    result = []
    for entry, line in entries:
        values = check_fields(entry, FIELDS, PATH, line, problems, FIELD_ALIASES)  # type: ignore[arg-type]
        if values is None:
            continue
        if isinstance(values.get("logo"), str):
            used_logos.append(values["logo"])  # type: ignore[arg-type]
        signatory = _check_entry(entry, values, line, today, static_files, project, problems)  # type: ignore[arg-type]
        if signatory is not None:
            result.append(signatory)
    return result


def _checked_part(
    lines: list[str], starts: list[int], today: dt.date, static_files: frozenset[str], project: Path
) -> tuple[list[Problem], list[Problem], list[Signatory], list[str]]:
    """The entries starting at `starts` (the last one ends the part), read in groups and
    checked one by one: (reading problems, entry problems, signatories, logos named)."""
    entries, read_problems = _read_in_groups(lines, starts)
    entry_problems: list[Problem] = []
    logos: list[str] = []
    signatories = _checked_entries(entries, today, static_files, project, entry_problems, logos)
    return read_problems, entry_problems, signatories, logos


def _read_in_groups(lines: list[str], starts: list[int]) -> tuple[list[tuple[object, int]], list[Problem]]:
    """Parse _GROUP entries at a time; a group with a syntax error is read entry by entry."""
    entries: list[tuple[object, int]] = []
    found: list[Problem] = []
    for group in range(0, len(starts) - 1, _GROUP):
        first, last = starts[group], starts[min(group + _GROUP, len(starts) - 1)]
        chunk = lines[first:last]
        data, chunk_problems = read_yaml("\n".join(chunk), PATH, first_line=first + 1, source_lines=chunk)
        if data is None and chunk_problems:
            more, chunk_problems = _read_entry_by_entry(lines, starts[group : group + _GROUP + 1])
            entries += more
        elif isinstance(data, YamlList):
            entries += zip(data, data.item_lines, strict=True)
        found += chunk_problems
    return entries, found


def _read_entry_by_entry(
    lines: list[str], starts: list[int] | None = None
) -> tuple[list[tuple[object, int]], list[Problem]]:
    if starts is None:
        starts = [i for i, line in enumerate(lines) if line.startswith("-")] + [len(lines)]
    entries: list[tuple[object, int]] = []
    found: list[Problem] = []
    for start, end in itertools.pairwise(starts):
        chunk = lines[start:end]
        data, chunk_problems = read_yaml("\n".join(chunk), PATH, first_line=start + 1, source_lines=chunk)
        found += chunk_problems
        if isinstance(data, YamlList):
            entries += zip(data, data.item_lines, strict=True)
    return entries, found


def _check_entry(
    entry: YamlMap,
    values: dict[str, object],
    line: int,
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
) -> Signatory | None:
    before = len(problems)
    at = entry.line_of
    for key in ("name", "municipality", "statement"):
        if key in values:
            _check_public_text(key, str(values[key]), at(key), problems)
    kind = values.get("type")
    if isinstance(kind, str) and kind not in TYPES:
        _bad_choice(at("type"), "type", kind, TYPES, problems)
    province = values.get("province")
    if isinstance(province, str) and province not in PROVINCES:
        alias = PROVINCE_ALIASES.get(province.casefold())
        if alias:
            problems.append(
                problem(PATH, at("province"), "bad_choice_guess", key="province", got=province, guess=alias)
            )
        else:
            _bad_choice(at("province"), "province", province, PROVINCES, problems)
    verified = values.get("verified")
    if isinstance(verified, str) and verified not in VERIFIED:
        _bad_choice(at("verified"), "verified", verified, VERIFIED, problems)
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
    statement = values.get("statement")
    if isinstance(statement, str) and len(statement) > MAX_STATEMENT:
        problems.append(
            problem(PATH, at("statement"), "statement_too_long", length=len(statement), limit=MAX_STATEMENT)
        )
    logo = values.get("logo")
    if isinstance(logo, str):
        problems.extend(check_logo(logo, PATH, at("logo"), static_files, project))
    if len(problems) > before or any(k not in values for k, f in FIELDS.items() if f.required):
        return None
    return Signatory(
        name=str(values["name"]),
        type=str(kind),
        municipality=str(values["municipality"]),
        province=str(province),
        url=str(url),
        signed=signed,  # type: ignore[arg-type]
        verified=str(verified),
        line=line,
        logo=str(values.get("logo", "")),
        statement=str(values.get("statement", "")),
        anchor=anchor_of(str(values["name"])),
    )


def _bad_choice(line: int, key: str, got: str, choices: tuple[str, ...], problems: list[Problem]) -> None:
    guess = did_you_mean(got, list(choices))
    if guess:
        problems.append(problem(PATH, line, "bad_choice_guess", key=key, got=got, guess=guess))
    else:
        problems.append(problem(PATH, line, "bad_choice", key=key, got=got, choices=", ".join(choices)))


def _check_public_text(key: str, text: str, line: int, problems: list[Problem]) -> None:
    lowered = text.casefold()
    placeholder = next((p for p in _PLACEHOLDERS if p in lowered), None)
    if placeholder:
        problems.append(problem(PATH, line, "placeholder_left", key=key, text=placeholder))
    if _EMAIL.search(text):
        problems.append(problem(PATH, line, "email_in_public_field", key=key))
    if _PHONE.search(text):
        problems.append(problem(PATH, line, "phone_in_public_field", key=key))
    if text.isascii():  # the common case: only control characters can hide here
        found = _ASCII_CONTROL.search(text)
        odd = found.group() if found else None
    else:
        odd = next((c for c in text if _is_invisible(c)), None)
    if odd is not None:
        problems.append(problem(PATH, line, "invisible_character", key=key, char=_char_name(odd)))
    mixed = None if text.isascii() else _mixed_script_word(text)
    if mixed:
        problems.append(problem(PATH, line, "mixed_script", key=key, word=mixed[0], char=mixed[1]))


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")  # in ASCII: Cc and what isspace() means


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Co", "Cn") or (category.startswith("Z") and char != " ")


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'zonder naam')}"


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _mixed_script_word(text: str) -> tuple[str, str] | None:
    """A word whose letters come from two scripts, as in a Cyrillic 'а' among Latin ones."""
    for word in re.findall(r"\w+", text):
        letters = [c for c in word if c.isalpha()]
        if not letters:
            continue
        scripts = [_script(c) for c in letters]
        main = max(set(scripts), key=scripts.count)
        odd = next((c for c, s in zip(letters, scripts, strict=True) if s != main), None)
        if odd is not None:
            return word, _char_name(odd)
    return None


def check_url(url: str, line: int) -> list[Problem]:
    """Only absolute http(s) web addresses; everything else explained."""
    from urllib.parse import urlsplit

    if (
        _ASCII_CONTROL_OR_SPACE.search(url)
        if url.isascii()
        else any(unicodedata.category(c) in ("Cc", "Cf") or c.isspace() for c in url)
    ):
        return [problem(PATH, line, "url_has_space", got=url.encode("unicode_escape").decode())]
    lowered = url.lower()
    if lowered.startswith("www."):
        return [problem(PATH, line, "url_no_scheme_www", got=url, fixed="https://" + url)]
    if lowered.startswith("//"):
        return [problem(PATH, line, "url_protocol_relative", got=url, fixed="https:" + url)]
    try:
        parts = urlsplit(url)
    except ValueError:
        return [problem(PATH, line, "url_invalid", got=url)]
    if parts.scheme in ("javascript", "data", "vbscript", "file"):
        return [problem(PATH, line, "url_bad_scheme", got=url, scheme=parts.scheme)]
    if parts.scheme not in ("http", "https"):
        if not parts.scheme and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", url):
            return [problem(PATH, line, "url_no_scheme", got=url, fixed="https://" + url)]
        return [problem(PATH, line, "url_invalid", got=url)]
    if any(c in url for c in '"<>\\^`{|}'):
        return [problem(PATH, line, "url_invalid", got=url)]
    if "@" in parts.netloc:
        return [problem(PATH, line, "url_credentials", got=url)]
    host = parts.hostname or ""
    if "." not in host or host.endswith(".") or host.startswith("."):
        return [problem(PATH, line, "url_invalid", got=url)]
    return []


def website_domain(url: str) -> str:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _check_order(signatories: list[Signatory], keys: list[str], problems: list[Problem]) -> None:
    for index in range(1, len(signatories)):
        if keys[index] >= keys[index - 1]:
            continue
        wrong = signatories[index]
        target = next(s for s, k in zip(signatories, keys, strict=True) if k > keys[index])
        problems.append(
            problem(
                PATH, wrong.line, "sort_order", name=wrong.name, before=target.name, before_line=target.line
            )
        )


def _check_duplicates(signatories: list[Signatory], keys: list[str], problems: list[Problem]) -> None:
    by_name: dict[str, Signatory] = {}
    by_domain: dict[str, Signatory] = {}
    for s, key in zip(signatories, keys, strict=True):
        name_key = _SPACES.sub(" ", key)
        first = by_name.setdefault(name_key, s)
        if first is not s:
            problems.append(
                problem(PATH, s.line, "duplicate_name", name=s.name, first=first.name, first_line=first.line)
            )
            continue
        domain = website_domain(s.url)
        first = by_domain.setdefault(domain, s)
        if first is not s:
            problems.append(
                problem(
                    PATH, s.line, "duplicate_domain", domain=domain, first=first.name, first_line=first.line
                )
            )
