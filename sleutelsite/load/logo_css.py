"""The CSS in an SVG logo (a `style` attribute, a <style> element) and the CSS-like values
of its other attributes: plain rules and declarations, no `@` rule, comment left open or
escape, and no function other than colours, transforms and `url(#id)` (which points into
the logo itself). Each check returns (message code, the part that is wrong) or None.
"""

from __future__ import annotations

import re

# CSS functions a logo may use (in CSS and in attribute values); url() only as url(#id).
FUNCTIONS = frozenset(
    {
        "url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "translatex", "translatey",
        "scale", "scalex", "scaley", "rotate", "skewx", "skewy",
    }
)  # fmt: skip
# Possessive and only at the start of a word, so a long value is read once, not once a character.
_FUNCTION = re.compile(r"(?<![\w-])([\w-]++)\s*+\(")
_OWN_URL = re.compile(r"url\(\s*([\"']?)#[^\s\"'()\\]+\1\s*\)", re.I)
_CSS_RULE = re.compile(r"[^{}]*+\{([^{}]*+)\}")
_CSS_DECLARATION = re.compile(r"\s*(-?[A-Za-z][\w-]*)\s*:(.*)", re.S)


def attribute_problem(name: str, value: str) -> tuple[str, str] | None:
    """What is wrong with the value of the drawing attribute `name`, if anything: its CSS
    declarations for `style`, its CSS-like value for any other."""
    if name != "style":
        return value_problem(value)
    fault = css_problem(value)
    if fault is not None and fault[0] == "logo_svg_value":
        return "logo_svg_css", fault[1]
    return fault


def value_problem(value: str) -> tuple[str, str] | None:
    """A CSS-like value (an attribute, or one declaration): (message code, what is wrong)."""
    if "\\" in value:
        return "logo_svg_value", value
    if "(" not in value:
        return None
    for found in _FUNCTION.finditer(value):
        function = found.group(1).lower()
        if function == "url":
            if not _OWN_URL.match(value, found.start()):
                return "logo_svg_reference", value[found.start() :]
        elif function not in FUNCTIONS:
            return "logo_svg_value", value[found.start() :]
    return None


def css_problem(css: str, rules: bool = False) -> tuple[str, str] | None:
    """CSS of a style="..." attribute (declarations) or, with `rules`, the text of a
    <style> element: plain rules `selector { declarations }`, nothing else."""
    css = _without_comments(css)
    odd = _first_odd(css)
    if odd >= 0:
        return "logo_svg_css", css[odd:]
    if not rules:
        return _declarations_problem(css)
    end = 0
    while rule := _CSS_RULE.match(css, end):
        end = rule.end()
        fault = _declarations_problem(rule.group(1))
        if fault is not None:
            return fault
    if css[end:].strip():
        return "logo_svg_css", css[end:].strip()
    return None


def _declarations_problem(css: str) -> tuple[str, str] | None:
    for declaration in css.split(";"):
        if not declaration.strip():
            continue
        found = _CSS_DECLARATION.fullmatch(declaration)
        if found is None:  # also a --custom-property, which var() could spell a url() with
            return "logo_svg_css", declaration.strip()
        fault = value_problem(found.group(2))
        if fault is not None:
            return fault
    return None


def _without_comments(css: str) -> str:
    """Each /* comment */ as a space (as CSS reads it); an unclosed one is left in."""
    parts = []
    end = 0
    while (start := css.find("/*", end)) >= 0:
        close = css.find("*/", start + 2)
        if close < 0:
            break
        parts += [css[end:start], " "]
        end = close + 2
    return "".join(parts) + css[end:]


def _first_odd(css: str) -> int:
    """Where CSS (without its comments) has an @ rule, an unclosed comment or an escape
    (which could spell any word, 'url' too); -1 when it has none."""
    found = [at for at in (css.find("@"), css.find("/*"), css.find("\\")) if at >= 0]
    return min(found, default=-1)
