"""Read and check signatories.yaml: every mistake a stranger can make, worded kindly."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import cast

from sleutelsite.cache import BuildCache
from sleutelsite.errors import Problem, problem
from sleutelsite.load.content import slugify
from sleutelsite.load.fields import Field, check_fields, did_you_mean
from sleutelsite.load.logo import check_logo, check_logo_folder
from sleutelsite.load.lookalikes import char_name, host_lookalike
from sleutelsite.load.places import check_places, map_bytes
from sleutelsite.load.yaml_file import MAX_PROBLEMS, YamlList, YamlMap, read_yaml, undecodable
from sleutelsite.model import Signatory
from sleutelsite.speed import Job, SerialRunner

PATH = "signatories.yaml"
# The large benchmark's 50,000 signatories take 9.8 MB; the real list of a coalition of
# some thirty organisations a few KB. A file this size is a mistake or an attack.
MAX_BYTES = 16 * 1024 * 1024
MAX_STATEMENT = 280
# The longest text each field may hold, checked before anything else looks at it.
MAX_LENGTHS = {
    "name": 150, "municipality": 80, "url": 500, "logo": 200, "statement": MAX_STATEMENT,
    "type": 40, "province": 40, "verified": 40,
}  # fmt: skip

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
VERIFIED = ("e-mail", "pull-request", "persoonlijk", "github-issue", "maker")
# The makers of the film manifesto (named in the article) joined the list without a
# signing date anyone confirmed: for them alone `signed` may be left out.
MAKER = "maker"
_MAKER_FIELDS = {**FIELDS, "signed": Field("date")}

# Words a sort ignores at the start of a name, so "Stichting De Brug" sorts under B.
_LEADING_WORDS = {"stichting", "vereniging", "gemeente", "de", "het", "'t", "een"}
# An address starts where no letter of one comes before it: tried once per run of such
# letters, not at each of them (which took 9 s on 40 KB of letters).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
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
            return _load_signatories(project, today, static_files, problems, runner), ""

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
        job = runner.start("signatories", lambda: _parsed(project, today, static_files, runner), len(data))

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
    project: Path, today: dt.date, static_files: frozenset[str], runner: SerialRunner
) -> tuple[list[Signatory], list[Problem]]:
    found: list[Problem] = []
    return _load_signatories(project, today, static_files, found, runner), found


def _load_signatories(
    project: Path, today: dt.date, static_files: frozenset[str], problems: list[Problem], runner: SerialRunner
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
        problems.append(undecodable(PATH, err))
        return []
    lines = text.split("\n")
    found: list[Problem] = []  # this file's problems
    if len(text) > _GROUPED_FROM and _is_plain_list(lines):
        result, stopped = _checked_groups(lines, today, static_files, project, found, runner)
    else:
        data, read_problems = read_yaml(text, PATH, source_lines=lines)
        if data is None and read_problems:
            # One broken entry must not hide the problems of all the others: read the
            # entries a group at a time, a broken group entry by entry (each from its
            # own "- " line, and what stands above the first).
            found, result, stopped = _checked_part(lines, _entry_starts(lines), today, static_files, project)
        elif not isinstance(data, YamlList):
            problems.extend(read_problems)
            problems.append(problem(PATH, getattr(data, "line", 1), "signatories_not_a_list"))
            return []
        else:
            found = read_problems
            entries = list(zip(data, data.item_lines, strict=True))
            result, stopped = _checked_entries(entries, today, static_files, project, found)
    if not stopped:
        keys = [sort_key(s.name) for s in result]
        _check_order(result, keys, found)
        if not (found and found[-1].code == "checking_stopped"):
            _check_duplicates(result, keys, found)
        check_places(result, lines, project / "data" / "nl", PATH, found)
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


def _checked_groups(
    lines: list[str],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
    runner: SerialRunner,
) -> tuple[list[Signatory], Problem | None]:
    """A long list, read a few hundred entries at a time, so the parser's nodes for the
    whole file never exist at once (50,000 entries would take hundreds of MB); the runner
    may share the groups out over processes. Checking stops after the group in which the
    problems reach MAX_PROBLEMS, so a file of bad entries costs at most one wave of groups,
    however the groups were run (the same problems either way)."""
    starts = _entry_starts(lines)
    groups = [starts[first : first + _GROUP + 1] for first in range(0, len(starts) - 1, _GROUP)]
    result: list[Signatory] = []
    for wave in range(0, len(groups), _WAVE):
        parts = runner.map(
            "signatory groups",
            lambda group: _checked_part(lines, group, today, static_files, project),
            groups[wave : wave + _WAVE],
        )
        for number, (found, signatories, stopped) in enumerate(parts, start=wave):
            problems.extend(found)
            result += signatories
            if stopped is None and len(problems) >= MAX_PROBLEMS and number + 1 < len(groups):
                stopped = _stopped(groups[number + 1][0] + 1, problems)
            if stopped is not None:
                return result, stopped
    return result, None


_WAVE = 32  # groups checked before looking at the problem count again
_GROUPED_FROM = 1024 * 1024  # bytes: a longer list is read in groups (of _GROUP entries)


def _is_plain_list(lines: list[str]) -> bool:
    """Every line is a comment, blank, an entry's "- " or indented: a list of entries."""
    return all(not line or line[0] in " -#" for line in lines)


def _entry_starts(lines: list[str]) -> list[int]:
    """Where each part to read begins: the top of the file (comments, or a mistake before
    the first entry), then every entry's "- " line; and the end of the file."""
    starts = [i for i, line in enumerate(lines) if i and line.startswith("-")]
    return [0, *starts, len(lines)]


_GROUP = 500  # entries parsed at a time


def _checked_entries(
    entries: list[tuple[object, int]],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
    problems: list[Problem],
) -> tuple[list[Signatory], Problem | None]:
    """The signatories among `entries`; stops (and says so) after MAX_PROBLEMS problems:
    a file of 80,000 bad entries took minutes and gigabytes to list them all."""
    result: list[Signatory] = []
    for entry, line in entries:
        if len(problems) >= MAX_PROBLEMS:
            return result, _stopped(line, problems)
        fields = _fields_for(entry)
        values = check_fields(entry, fields, PATH, line, problems, FIELD_ALIASES)
        if values is None or not isinstance(entry, YamlMap):  # (not a mapping: reported)
            continue
        signatory = _check_entry(entry, values, line, today, static_files, project, problems)
        if signatory is not None:
            result.append(signatory)
    return result, None


def _fields_for(entry: object) -> dict[str, Field]:
    """The fields an entry must have: a maker's `signed` is optional (see MAKER)."""
    return _MAKER_FIELDS if isinstance(entry, YamlMap) and entry.get("verified") == MAKER else FIELDS


def _stopped(line: int, problems: list[Problem]) -> Problem:
    stopped = problem(PATH, line, "checking_stopped", count=len(problems))
    problems.append(stopped)
    return stopped


def _checked_part(
    lines: list[str],
    starts: list[int],
    today: dt.date,
    static_files: frozenset[str],
    project: Path,
) -> tuple[list[Problem], list[Signatory], Problem | None]:
    """The entries starting at `starts` (the last one ends the part), read _GROUP at a
    time (a group with a syntax error entry by entry) and checked: (problems,
    signatories, the problem saying where checking stopped, if it did)."""
    found: list[Problem] = []
    result: list[Signatory] = []
    for first in range(0, len(starts) - 1, _GROUP):
        if len(found) >= MAX_PROBLEMS:
            return found, result, _stopped(starts[first] + 1, found)
        chunk = starts[first : first + _GROUP + 1]
        entries = _read_chunk(lines, chunk[0], chunk[-1], found, len(chunk) > 2)
        if entries is None:  # broken somewhere: read entry by entry
            entries = []
            for start, end in itertools.pairwise(chunk):
                entries += _read_chunk(lines, start, end, found, False) or []
        signatories, stopped = _checked_entries(entries, today, static_files, project, found)
        result += signatories
        if stopped:
            return found, result, stopped
    return found, result, None


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
            _check_public_text(key, str(values[key]), at(key), problems)
    _check_choice(values, "type", TYPES, at, problems)
    _check_place(values, at, problems)
    _check_choice(values, "verified", VERIFIED, at, problems)
    _check_references(values, at, today, static_files, project, problems)
    if len(problems) > before or any(k not in values for k, f in _fields_for(entry).items() if f.required):
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


def _signatory(values: dict[str, object], line: int) -> Signatory:
    """The model of a checked entry."""
    signed = values.get("signed")
    return Signatory(
        name=str(values["name"]),
        type=str(values.get("type")),
        municipality=str(values["municipality"]),
        province=str(values.get("province")),
        url=str(values.get("url")),
        signed=signed if isinstance(signed, dt.date) else None,
        verified=str(values.get("verified")),
        line=line,
        logo=str(values.get("logo", "")),
        statement=str(values.get("statement", "")),
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


def _check_public_text(key: str, text: str, line: int, problems: list[Problem]) -> None:
    lowered = text.casefold()
    placeholder = next((p for p in _PLACEHOLDERS if p in lowered), None)
    if placeholder:
        problems.append(problem(PATH, line, "placeholder_left", key=key, text=placeholder))
    if "<" in text or ">" in text:
        char = next(c for c in text if c in "<>")
        problems.append(
            problem(PATH, line, "markup_in_text", key=key, char=char, fixed=_without_markup(text))
        )
    if "@" in text and _EMAIL.search(text):
        problems.append(problem(PATH, line, "email_in_public_field", key=key))
    if _PHONE.search(text):
        problems.append(problem(PATH, line, "phone_in_public_field", key=key))
    if text.isascii():  # the common case: only control characters can hide here
        found = _ASCII_CONTROL.search(text)
        odd = found.group() if found else None
    else:
        odd = next((c for c in text if _is_invisible(c)), None)
    if odd is not None:
        problems.append(problem(PATH, line, "invisible_character", key=key, char=char_name(odd)))
    mixed = None if text.isascii() else _mixed_script_word(text)
    if mixed:
        problems.append(problem(PATH, line, "mixed_script", key=key, word=mixed[0], char=mixed[1]))


# Tags a name or statement may hold by mistake or as an attack: left out of the fix.
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|small|big|sub|sup|span|div|p|br|hr|font|center|script|style|"
    r"img|svg|math|iframe|object|embed|link|meta|html|body|form|input|button|details|table|"
    r"video|audio|marquee)\b[^<>]*>",
    re.IGNORECASE,
)


def _without_markup(text: str) -> str:
    """The text without HTML tags, < and >, as a YAML value (quoted where YAML needs it)."""
    plain = _HTML_TAG.sub(" ", text).replace("<", " ").replace(">", " ")
    plain = _SPACES.sub(" ", plain).strip()
    if plain[:1] in "\"'&*!|>%@`[]{},#?-:" or ": " in plain or " #" in plain:
        return '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return plain


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")  # in ASCII: Cc and what isspace() means


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Co", "Cn") or (category.startswith("Z") and char != " ")


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
            return word, char_name(odd)
    return None


def check_url(url: str, line: int) -> list[Problem]:
    """Only absolute http(s) web addresses; everything else explained."""
    mistake = _url_text_mistake(url) or _url_parts_mistake(url)
    if mistake is None:
        return []
    code, args = mistake
    return [problem(PATH, line, code, "", **args)]


Mistake = tuple[str, dict[str, object]]  # a message code and its words


def _url_text_mistake(url: str) -> Mistake | None:
    """A space or control character in it, or no scheme in front of www. or //."""
    if (
        _ASCII_CONTROL_OR_SPACE.search(url)
        if url.isascii()
        else any(unicodedata.category(c) in ("Cc", "Cf") or c.isspace() for c in url)
    ):
        return "url_has_space", {"got": url.encode("unicode_escape").decode()}
    lowered = url.lower()
    if lowered.startswith("www."):
        return "url_no_scheme_www", {"got": url, "fixed": "https://" + url}
    if lowered.startswith("//"):
        return "url_protocol_relative", {"got": url, "fixed": "https:" + url}
    return None


def _url_parts_mistake(url: str) -> Mistake | None:
    """A scheme that is not http(s), characters an address cannot hold, a user name in it,
    a host without a dot, or a host that imitates another."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "url_invalid", {"got": url}
    if parts.scheme in ("javascript", "data", "vbscript", "file"):
        return "url_bad_scheme", {"got": url, "scheme": parts.scheme}
    if parts.scheme not in ("http", "https"):
        if not parts.scheme and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", url):
            return "url_no_scheme", {"got": url, "fixed": "https://" + url}
        return "url_invalid", {"got": url}
    if any(c in url for c in '"<>\\^`{|}'):
        return "url_invalid", {"got": url}
    return _url_host_mistake(url, parts.netloc, parts.hostname or "")


def _url_host_mistake(url: str, netloc: str, host: str) -> Mistake | None:
    """A user name before the host, a host without a dot, or one that imitates another."""
    if "@" in netloc:
        return "url_credentials", {"got": url}
    if "." not in host or host.endswith(".") or host.startswith("."):
        return "url_invalid", {"got": url}
    lookalike = None if host.isascii() and "xn--" not in host else host_lookalike(url, host)
    if lookalike:
        return lookalike[0], dict(lookalike[1])
    return None


def website_domain(url: str) -> str:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


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
            _stopped(signatories[index].line, problems)
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
            _stopped(s.line, problems)
            return
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
