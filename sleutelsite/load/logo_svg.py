"""Check an SVG logo with a real XML parser: only drawing, nothing that runs or fetches.

Whoever follows a logo's address opens the SVG as a document on our domain, outside any
page's Content-Security-Policy, so a script in it would run there. A pattern over the
bytes cannot see through a namespace prefix (`<s:script>`), a character reference or an
XHTML element inside `foreignObject`; a parser can. The file is read by expat, the
parser of Python's standard library, with no DTD at all: a DOCTYPE is refused before
any entity in it is read (so no entity can hide markup and no "billion laughs" can
expand). Every element and attribute is resolved to its namespace, whatever prefix it
is written with, and compared with short lists of drawing elements and attributes.
References may only point into the logo itself (`#id`, `url(#id)`); CSS may hold no
`@` rule, escape or function other than colours, transforms and `url(#id)` (checked in
logo_css.py).

The file must be UTF-8, so expat and the browser read the same characters.
The caller limits the size (200 KB) before the parser sees a byte.
"""

from __future__ import annotations

import re
from typing import NoReturn
from xml.parsers import expat

from sleutelsite.errors import Problem, problem
from sleutelsite.load.logo_css import attribute_problem, css_problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Inside <metadata> only: what Inkscape writes there (licence, author); never shown or run.
METADATA_NAMESPACES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
    }
)

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
        "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
        "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    }
)  # fmt: skip
# Attributes without a namespace; also every `aria-*` and `data-*` (free text, inert).
ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "lang", "role", "focusable", "tabindex",
        "version", "baseProfile", "viewBox", "preserveAspectRatio", "zoomAndPan",
        "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2",
        "points", "d", "pathLength", "transform", "dx", "dy", "rotate", "textLength",
        "lengthAdjust", "startOffset", "method", "spacing", "side", "href",
        "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "offset",
        "clipPathUnits", "maskUnits", "maskContentUnits", "patternUnits", "patternContentUnits",
        "patternTransform", "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "type",
        "values", "operator", "k1", "k2", "k3", "k4", "radius", "edgeMode", "order",
        "kernelMatrix", "divisor", "bias", "targetX", "targetY", "preserveAlpha", "surfaceScale",
        "diffuseConstant", "specularConstant", "specularExponent", "kernelUnitLength", "azimuth",
        "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "z",
        "tableValues", "slope", "intercept", "amplitude", "exponent", "baseFrequency",
        "numOctaves", "seed", "stitchTiles", "scale", "xChannelSelector", "yChannelSelector",
        "media",
        # presentation attributes
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
        "display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule",
        "filter", "flood-color", "flood-opacity", "font-family", "font-size", "font-size-adjust",
        "font-stretch", "font-style", "font-variant", "font-weight",
        "glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering",
        "isolation", "kerning", "letter-spacing", "lighting-color", "marker-end", "marker-mid",
        "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow",
        "paint-order", "pointer-events", "shape-rendering", "stop-color", "stop-opacity",
        "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
        "text-rendering", "transform-origin", "unicode-bidi", "vector-effect", "visibility",
        "word-spacing", "writing-mode",
    }
)  # fmt: skip
_FREE_TEXT = ("aria-", "data-")
_FRAGMENT = re.compile(r"#[^\s\"'()<>\\]+")
_INVISIBLE = re.compile(r"[\x00-\x20]+")
_SPACES = re.compile(r"\s+")
_SNIPPET = 60  # characters of a refused value shown in the message


class _Refused(Exception):
    """Raised from a parser callback: stops parsing at the first thing a logo may not hold."""

    def __init__(self, code: str, args: dict[str, object]) -> None:
        super().__init__(code)
        self.code = code
        self.words = args


def check_svg(data: bytes, logo: str, path: str, line: int) -> list[Problem]:
    """Problems of an SVG logo's bytes (at most one: the first thing to fix), reported at
    `path`:`line` (the `logo:` line of signatories.yaml)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return [problem(path, line, "logo_svg_encoding", got=logo, offset=err.start)]
    reader = _Reader()
    try:
        reader.read(data)
    except _Refused as refused:
        return [problem(path, line, refused.code, "", got=logo, **refused.words)]
    except expat.ExpatError as err:
        reason = expat.ErrorString(err.code)
        return [problem(path, line, "logo_svg_malformed", got=logo, svg_line=err.lineno, reason=reason)]
    return []


class _Reader:
    """The expat callbacks; holds the open elements of one file while it is read."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator="\x01")  # cannot occur in a URI
        self.names: dict[str, tuple[str, str, str]] = {}  # expat's name: _split of it
        self.fine: set[tuple[str, str]] = set()  # (attribute, value) pairs already checked
        self.open: list[tuple[str, str, str]] = []  # the open elements, as _split gives them
        self.css: list[str] | None = None  # the text of the open <style>
        self.css_line = 0  # where it starts
        self.metadata = 0  # how many <metadata> elements are open

    def read(self, data: bytes) -> None:
        parser = self.parser
        parser.namespace_prefixes = True
        parser.ordered_attributes = True
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.XmlDeclHandler = self.declaration
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        parser.ExternalEntityRefHandler = self.doctype
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.Parse(data, True)

    def refuse(self, code: str, **args: object) -> _Refused:
        return _Refused(code, {"svg_line": self.parser.CurrentLineNumber, **args})

    def declaration(self, version: str, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
            raise self.refuse("logo_svg_declared_encoding", encoding=encoding)

    def doctype(self, *args: object) -> NoReturn:
        raise self.refuse("logo_svg_doctype")

    def instruction(self, target: str, data: str) -> None:
        raise self.refuse("logo_svg_instruction", target=target)

    def split(self, name: str) -> tuple[str, str, str]:
        known = self.names.get(name)
        if known is None:
            known = self.names[name] = _split(name)
        return known

    def start(self, name: str, attributes: list[str]) -> None:
        element = self.split(name)
        namespace, local, shown = element
        if self.css is not None:  # <style> holds text only
            raise self.refuse("logo_svg_element", element=shown)
        if not self.open and (namespace, local) != (SVG, "svg"):
            raise self.refuse("logo_svg_root", element=shown)
        self.open.append(element)
        if self.metadata and namespace in METADATA_NAMESPACES:
            return  # licence and author: attributes name addresses, but nothing fetches them
        if namespace != SVG:
            raise self.refuse("logo_svg_namespace", element=shown, namespace=namespace)
        if local not in ELEMENTS:
            raise self.refuse("logo_svg_element", element=shown)
        fine = self.fine
        for index in range(0, len(attributes), 2):
            pair = attributes[index], attributes[index + 1]
            if pair not in fine:
                self.attribute(shown, *pair)
                fine.add(pair)
        if local == "style":
            self.css = []
            self.css_line = self.parser.CurrentLineNumber
        elif local == "metadata":
            self.metadata += 1

    def attribute(self, element: str, name: str, value: str) -> None:
        namespace, local, shown = self.split(name)
        if not namespace and local[:2].lower() == "on":
            raise self.refuse("logo_svg_event", element=element, attribute=shown)
        if ":" in value and "script:" in _INVISIBLE.sub("", value).lower():
            raise self.refuse("logo_svg_reference", element=element, attribute=shown, value=_cut(value))
        if local == "href" and namespace in ("", XLINK):
            if not _FRAGMENT.fullmatch(value):
                raise self.refuse("logo_svg_reference", element=element, attribute=shown, value=_cut(value))
            return
        if namespace == XML and local in ("space", "lang"):
            return
        if namespace or not (local in ATTRIBUTES or local.startswith(_FREE_TEXT)):
            raise self.refuse("logo_svg_attribute", element=element, attribute=shown)
        if local.startswith(_FREE_TEXT):
            return
        fault = attribute_problem(local, value)
        if fault is not None:
            code, snippet = fault
            raise self.refuse(code, element=element, attribute=shown, value=_cut(snippet))

    def end(self, name: str) -> None:
        namespace, local, _ = self.open.pop()
        if namespace != SVG:
            return
        if local == "metadata":
            self.metadata -= 1
        elif local == "style" and self.css is not None:
            fault = css_problem("".join(self.css), rules=True)
            self.css = None
            if fault is not None:
                raise _Refused("logo_svg_stylesheet", {"svg_line": self.css_line, "value": _cut(fault[1])})

    def text(self, data: str) -> None:
        if self.css is not None:
            self.css.append(data)


def _split(name: str) -> tuple[str, str, str]:
    """expat's "namespace\x01local\x01prefix" as (namespace, local, name as written)."""
    parts = name.split("\x01")
    if len(parts) == 1:
        return "", parts[0], parts[0]
    if len(parts) == 2:
        return parts[0], parts[1], parts[1]
    return parts[0], parts[1], f"{parts[2]}:{parts[1]}"


def _cut(text: str) -> str:
    text = _SPACES.sub(" ", text).rstrip()  # one line, but a leading space stays visible
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
