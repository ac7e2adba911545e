"""Web addresses that pretend to be others: a host whose letters come from two scripts
(`www.аmsterdam.nl` with a Cyrillic 'а'), or from another script that only looks Latin,
written out or as punycode (`xn--...`).
"""

from __future__ import annotations

import unicodedata

# Letters of other scripts that look like Latin ones in a browser's address bar (after
# Unicode's confusables list, lower case: a host is read in lower case).
_LOOK_LIKE_LATIN = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "һ": "h", "і": "i", "ї": "ï", "ј": "j", "к": "k",
    "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "с": "c", "ѕ": "s", "т": "t",
    "у": "y", "ү": "y", "ѵ": "v", "ԝ": "w", "х": "x", "ԁ": "d", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w",
}  # fmt: skip
# Scripts that are written together with Latin letters in real names (Japanese, Korean).
_WITH_LATIN = {"LATIN", "CJK", "HIRAGANA", "KATAKANA", "HANGUL"}


def host_lookalike(url: str, host: str) -> tuple[str, dict[str, str]] | None:
    """(message code, its arguments) for the first label of `host` that imitates
    another, or None. `host` is the address's lower-case host; `url` the address."""
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                letters = label.encode("ascii").decode("idna")
            except UnicodeError:
                return "url_invalid", {"got": url}
            shown = f"{label} = {letters}"
        elif label.isascii():
            continue
        else:
            letters, shown = label, label
        found = _imitation(letters)
        if found is None:
            continue
        code, odd, plain = found
        if plain is None:
            return "url_mixed_script_other", {"label": shown, "char": char_name(odd)}
        return code, {"label": shown, "char": char_name(odd), "fixed": _with_label(url, label, plain)}
    return None


def _imitation(label: str) -> tuple[str, str, str | None] | None:
    """(code, the first odd letter, the label in Latin letters or None) when `label`
    mixes scripts or only looks Latin; None when it is what it seems."""
    letters = [c for c in label if c.isalpha()]
    scripts = [_script(c) for c in letters]
    kinds = set(scripts)
    if len(kinds) > 1 and not kinds <= _WITH_LATIN:
        main = max(kinds, key=lambda s: (s == "LATIN", scripts.count(s)))
        odd = next(c for c, s in zip(letters, scripts, strict=True) if s != main)
        return "url_mixed_script", odd, _in_latin(label, main)
    if kinds and "LATIN" not in kinds and all(_looks_latin(c) for c in letters):
        return "url_lookalike", letters[0], _in_latin(label, "")
    return None


def _looks_latin(char: str) -> bool:
    plain = unicodedata.normalize("NFKC", char)
    return char in _LOOK_LIKE_LATIN or (plain != char and plain.isascii())


def _with_label(url: str, label: str, plain: str) -> str:
    """`url` with `label` of its host written as `plain` (the rest as it was)."""
    scheme, sep, rest = url.partition("://")
    host_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return scheme + sep + rest[:host_end].lower().replace(label, plain, 1) + rest[host_end:]


def _in_latin(label: str, main: str) -> str | None:
    """The label with each letter not of script `main` written as the Latin letter it
    imitates; None when one of them imitates none."""
    out = []
    for c in label:
        if c.isalpha() and _script(c) != main:
            plain = _LOOK_LIKE_LATIN.get(c) or unicodedata.normalize("NFKC", c)
            if not plain.isascii():
                return None
            c = plain
        out.append(c)
    return "".join(out)


def _script(char: str) -> str:
    """The script of a letter: the first word of its Unicode name (LATIN, CYRILLIC, ...;
    FULLWIDTH for the wide Latin letters of East Asian fonts)."""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def char_name(char: str) -> str:
    """U+0430 CYRILLIC SMALL LETTER A: how a message names a character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'zonder naam')}"
