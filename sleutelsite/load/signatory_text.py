"""The texts of a signatory the site shows (name, municipality, statement): no placeholder
left in, no markup, e-mail address or phone number, no invisible character and no word
that mixes two scripts (a Cyrillic 'а' among Latin letters)."""

from __future__ import annotations

import re
import unicodedata

from sleutelsite.errors import Problem, problem
from sleutelsite.load.lookalikes import char_name
from sleutelsite.load.signatory_fields import PATH

# An address starts where no letter of one comes before it: tried once per run of such
# letters, not at each of them (which took 9 s on 40 KB of letters).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8,9}(?!\d)")
_PLACEHOLDERS = (
    "naam van je organisatie", "naam van uw organisatie", "jouw organisatie", "uw organisatie",
    "voorbeeld.nl", "example.com", "example.org", "jouw gemeente", "uw gemeente", "jjjj-mm-dd",
    "your organisation", "your organization", "todo", "xxx", "lorem ipsum",
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def check_public_text(key: str, text: str, line: int, problems: list[Problem]) -> None:
    """A name, municipality or statement as the site will show it."""
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
    if not text.isascii():
        _check_letters(key, text, line, problems)
    elif found := _ASCII_CONTROL.search(text):  # the common case: only control characters hide in ASCII
        problems.append(problem(PATH, line, "invisible_character", key=key, char=char_name(found.group())))


def _check_letters(key: str, text: str, line: int, problems: list[Problem]) -> None:
    """A text that is not ASCII: no invisible character, no word in two scripts."""
    odd = next((c for c in text if _is_invisible(c)), None)
    if odd is not None:
        problems.append(problem(PATH, line, "invisible_character", key=key, char=char_name(odd)))
    mixed = _mixed_script_word(text)
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
