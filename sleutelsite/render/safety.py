"""Editors may write raw HTML in Markdown, but nothing that runs, loads from elsewhere or
reads differently in a browser.

Every text's produced HTML is checked, always, the way a browser reads it: parsed by
Lexbor (selectolax), which follows the HTML standard's tokenizer and tree builder, with
scripting on as in Chromium, inside the same context the page puts it in (`<div
class="prose">` in `<body>` of an HTML5 document). So what is checked is the tree a
browser builds: `<textarea>`, `<noscript>` and `<title>` hide no markup from the check,
`<!-->` ends a comment, entities are decoded, `<image>` is an `<img>`.

Then every element and attribute is compared with an allow-list (ALLOWED, GLOBAL), links
with the allowed URL schemes, and images must come from this site. Anything else is a
finding. A marker element after the text shows whether the text left something open (a
tag, a comment, a quote, an element) that would swallow or reshape the page after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sleutelsite.errors import Problem, problem

if TYPE_CHECKING:  # selectolax is imported when converting: a warm build never does
    from selectolax.lexbor import LexborNode

# The elements content may use, each with the attributes of its own (GLOBAL on all).
ALLOWED: dict[str, frozenset[str]] = {
    name: frozenset(own.split())
    for name, own in {
        "p": "", "div": "", "span": "", "br": "", "hr": "", "wbr": "",
        "h1": "", "h2": "", "h3": "", "h4": "", "h5": "", "h6": "",
        "ul": "", "ol": "start reversed type", "li": "value", "dl": "", "dt": "", "dd": "",
        "blockquote": "cite", "q": "cite", "pre": "", "code": "", "kbd": "", "samp": "", "var": "",
        "em": "", "strong": "", "b": "", "i": "", "u": "", "s": "", "mark": "", "small": "",
        "sub": "", "sup": "", "cite": "", "abbr": "", "dfn": "", "time": "datetime",
        "del": "cite datetime", "ins": "cite datetime", "bdi": "", "bdo": "", "ruby": "", "rt": "", "rp": "",
        "a": "href hreflang rel",
        "img": "src srcset sizes alt width height loading decoding",
        "figure": "", "figcaption": "", "details": "open", "summary": "",
        "table": "", "caption": "", "thead": "", "tbody": "", "tfoot": "", "tr": "",
        "th": "colspan rowspan headers scope abbr", "td": "colspan rowspan headers",
        "colgroup": "span", "col": "span",
    }.items()
}  # fmt: skip
GLOBAL = frozenset({"id", "class", "title", "lang", "dir", "role"})  # and aria-*
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # or none: a page of the site
# Refused with unsafe_tag (they run, load, redirect, take input, or read their content
# differently); any other element outside ALLOWED with html_tag_not_allowed.
DANGEROUS = frozenset(
    "script style iframe frame frameset object embed applet param base meta link form input button "
    "select option optgroup textarea keygen output datalist label fieldset legend svg math xmp "
    "noscript noembed noframes plaintext listing title template slot video audio source track "
    "picture canvas portal fencedframe dialog search".split()
)
# What Python-Markdown's tables write for an aligned column; CSS from content is refused.
_TABLE_ALIGN = re.compile(r"text-align: (?:left|right|center);")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_SPACE = "".join(map(chr, range(0x21)))  # what a browser strips around a URL
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")  # what a browser removes inside one
_END = "sleutelsite-end"  # a marker element after the text: not in ALLOWED, so not forgeable
_BEFORE = "<!DOCTYPE html><html><head></head><body><div>"
_AFTER = f"</div><{_END}></{_END}>"

_FROM_END = frozenset({"html_unfinished", "html_not_closed"})

Finding = tuple[str, tuple[tuple[str, str], ...], int]  # (code, args, line index in the Markdown)
# Before it is located: (code, args, the needles that find its line in the Markdown, the node it is about)
RawFinding = tuple[str, dict[str, str], tuple[str, ...], "LexborNode | None"]


def unsafe_findings(html: str, markdown: str) -> tuple[Finding, ...]:
    """Everything in the HTML a text's Markdown made that is outside the allow-list."""
    from selectolax.lexbor import LexborHTMLParser  # only when converting: a warm build never does

    tree = LexborHTMLParser(_BEFORE + html + _AFTER, scripting=True)
    found: list[RawFinding] = []
    root, head, body = tree.root, tree.head, tree.body
    # (the parser always makes <html>, <head> and <body>, and _BEFORE opens a <div> in it)
    assert root is not None and head is not None and body is not None and body.child is not None
    _check_document(root, head, body, found)
    ends = tree.tags(_END)
    refused = _check_text(body.child, ends[-1].mem_id if ends else None, found)
    if refused:  # what is inside a refused element goes with it: no finding of its own,
        refused_ids = {r.mem_id for r in refused}
        found = [f for f in found if f[3] is not None and not _inside(f[3], refused_ids)]
    else:  # and what it leaves open is no question any more
        _check_end(ends, found)
    return _located(found, markdown)


def _check_document(root: LexborNode, head: LexborNode, body: LexborNode, found: list[RawFinding]) -> None:
    """What the text added outside the <div> it is in: attributes of <html> or <body>,
    elements in <head>."""
    for node in (root, body):  # a <body ...> or <html ...> in the text adds attributes here
        if node.attributes:
            found.append(("html_tag_not_allowed", {"tag": node.tag or ""}, (f"<{node.tag}",), None))
            _handlers(node.tag or "", node.attributes, found, None)
    for node in head.traverse(include_text=False):
        if node.tag != "head":
            found.append(_tag_finding(node.tag or "", None))


def _check_text(div: LexborNode, marker: int | None, found: list[RawFinding]) -> list[LexborNode]:
    """Every element of the text (in the <div>, but the marker after it) against the
    allow-list; returns the elements refused."""
    refused: list[LexborNode] = []
    for node in div.traverse(include_text=False):  # the <div> the text is in, and the text
        tag = node.tag or ""  # (an element always has a tag)
        if tag in ALLOWED:
            attributes = node.attributes
            if attributes:
                _check_attributes(tag, attributes, found, node)
        elif tag != "-comment" and node.mem_id != marker:
            found.append(_tag_finding(tag, node))
            refused.append(node)
            _handlers(tag, node.attributes, found, node)
    return refused


def _tag_finding(tag: str, node: LexborNode | None) -> RawFinding:
    code = "unsafe_tag" if tag in DANGEROUS else "html_tag_not_allowed"
    return (code, {"tag": tag}, (f"<{tag}", tag), node)


def _handlers(tag: str, attributes: dict[str, str | None], found: list, node: LexborNode | None) -> None:
    for name in attributes:
        if name.startswith("on"):
            found.append(("unsafe_handler", {"attribute": name}, (f"{name}=", name), node))


def _check_attributes(
    tag: str, attributes: dict[str, str | None], found: list, node: LexborNode | None
) -> None:
    own = ALLOWED[tag]
    for name, value in attributes.items():
        value = value or ""
        if name.startswith("on"):
            found.append(("unsafe_handler", {"attribute": name}, (f"{name}=", name), node))
        elif name == "style":
            if not (tag in ("th", "td") and _TABLE_ALIGN.fullmatch(value)):
                found.append(("unsafe_style", {}, ("style=", "style"), node))
        elif name not in own and name not in GLOBAL and not name.startswith("aria-"):
            allowed = ", ".join([*sorted(own | GLOBAL), "aria-*"])
            args = {"attribute": name, "tag": tag, "allowed": allowed}
            found.append(("html_attribute_not_allowed", args, (f"{name}=", name), node))
        elif name in _ADDRESSES:
            _check_address(name, value, found, node)


_ADDRESSES = frozenset({"href", "cite", "src", "srcset"})


def _check_address(name: str, value: str, found: list, node: LexborNode | None) -> None:
    """A link's scheme (href, cite) or whether an image comes from this site (src, srcset)."""
    if name == "src" or name == "srcset":
        for url in _srcset_urls(value) if name == "srcset" else [value]:
            if not _site_local(url):
                found.append(("image_outside_static", {"src": url}, (url[:30].lower(), f"{name}="), node))
    elif value[:1] not in ("/", "#"):  # most links: a page of this site, or a heading
        scheme = _scheme_of(value)
        if scheme and scheme not in LINK_SCHEMES:
            found.append(("unsafe_url", {"scheme": scheme}, (value[:30].lower(), f"{name}="), node))


def _check_end(ends: list, found: list) -> None:
    """Whether the text closed what it opened: then the marker after it is the last thing
    in <body>, as the page's own markup after the text would be."""
    if not ends:  # swallowed: the text ends inside a tag, a quote, a comment or raw text
        found.append(("html_unfinished", {}, ("<",), None))
        return
    end = ends[-1]
    if end.next is not None or end.parent.tag != "body":
        # An open element: the marker sits in it (or, for an open table, before it).
        open_tag = end.next.tag if end.next is not None else end.parent.tag
        found.append(("html_not_closed", {"tag": open_tag}, (f"<{open_tag}",), None))


def _inside(node, refused_ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in refused_ids:
            return True
        parent = parent.parent
    return False


def _scheme_of(url: str) -> str:
    """The URL scheme a browser reads ("" for a relative address), lower case."""
    plain = url.strip(_URL_SPACE).translate(_TAB_OR_NEWLINE)
    match = _SCHEME.match(plain)
    return match.group(1).lower() if match else ""


def _site_local(url: str) -> bool:
    """Whether an image address stays on this site: no scheme, not //host (nor /\\host)."""
    plain = url.strip(_URL_SPACE).translate(_TAB_OR_NEWLINE).replace("\\", "/")
    return not _SCHEME.match(plain) and not plain.startswith("//")


def _srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset, split as the HTML standard splits it."""
    urls: list[str] = []
    pos, end = 0, len(value)
    spaces = " \t\n\r\f"
    while True:
        while pos < end and (value[pos] in spaces or value[pos] == ","):
            pos += 1
        if pos >= end:
            return urls
        start = pos
        while pos < end and value[pos] not in spaces:
            pos += 1
        url = value[start:pos]
        urls.append(url.rstrip(","))
        if url.endswith(","):
            continue
        in_parens = False
        while pos < end:  # the descriptors, up to a comma outside parentheses
            c = value[pos]
            pos += 1
            if c == "(":
                in_parens = True
            elif c == ")":
                in_parens = False
            elif c == "," and not in_parens:
                break


def _located(found: list, markdown: str) -> tuple[Finding, ...]:
    """Each finding with the index of the Markdown line it most likely comes from: the
    first needle found, searching on from where the same needle was last found (so the
    second <script> is found on its own line), else from the top."""
    if not found:
        return ()
    text = markdown.lower()
    last: dict[str, int] = {}
    out: dict[Finding, None] = {}
    for code, args, needles, _ in found:
        index = 0
        for needle in needles:
            if not needle:
                continue
            if code in _FROM_END:  # what is left open: most likely the last one
                at = text.rfind(needle)
            else:
                at = text.find(needle, last.get(needle, -1) + 1)
                if at == -1:
                    at = text.find(needle)
            if at != -1:
                last[needle] = at
                index = text.count("\n", 0, at)
                break
        out[(code, tuple(sorted(args.items())), index)] = None
    return tuple(out)


def unsafe_problems(findings: tuple[Finding, ...], markdown: str, path: str, body_line: int) -> list[Problem]:
    if not findings:  # nearly always: then the text is not split into lines at all
        return []
    lines = markdown.split("\n")
    return [
        problem(path, body_line + index, code, source=lines[index].strip()[:200], **dict(args))
        for code, args, index in findings
    ]
