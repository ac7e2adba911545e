"""Check a web address (a signatory's `url`, a municipality's source): only absolute
http(s) addresses, and every other thing a stranger may write explained."""

from __future__ import annotations

import re
import unicodedata

from sleutelsite.errors import Problem, problem
from sleutelsite.load.lookalikes import host_lookalike
from sleutelsite.load.signatory_fields import PATH

_ASCII_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")  # in ASCII: Cc and what isspace() means


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
