"""Property-based tests: whatever a stranger or an editor writes, the loader either
loads it or answers with problems that name a file (and a line where there is one).
Never a traceback, never more than a few seconds.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, copy_project
from sleutelsite.build import check
from sleutelsite.errors import BuildError
from sleutelsite.load import load_site
from sleutelsite.load.content import Options
from sleutelsite.load.signatory_fields import FIELDS

FUZZ = settings(
    max_examples=120,
    deadline=dt.timedelta(seconds=3),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KNOWN_FILES = {"signatories.yaml", "site.yaml"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("fuzz") / "p")


def assert_loads_or_explains(run, at_a_line: bool = False) -> None:
    """Loads, or explains in problems that name a file (with `at_a_line`, every problem
    of a YAML or Markdown file also its line)."""
    try:
        run()
    except BuildError as err:
        assert err.problems
        for p in err.problems:
            assert p.path in KNOWN_FILES or p.path.startswith(("content/", "templates/", "static/", "i18n/"))
            assert p.line >= 0
            assert p.format()  # every message formats in Dutch...
            assert p.format("en")  # ...and in English
            if at_a_line and p.path.endswith((".yaml", ".md")) and p.code != "file_too_large":
                assert p.line >= 1, p.format("en")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=40),
    st.sampled_from(
        ["no", "yes", "1984", "www.x.nl", "javascript:alert(1)", "https://x.example.org/", "2026-02-30"]
    ),
)
yaml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(sorted(FIELDS)) | st.text(
    alphabet=string.ascii_letters + "_-", min_size=1, max_size=10
)
entries = st.dictionaries(field_names, scalars, max_size=10)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_as_signatories(project, data):
    (project / "signatories.yaml").write_bytes(data)
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)))


@FUZZ
@given(st.text(max_size=600))
def test_random_text_as_signatories(project, text):
    (project / "signatories.yaml").write_text(text, encoding="utf-8")
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)))


@FUZZ
@given(yaml_values)
def test_random_yaml_as_signatories(project, value):
    (project / "signatories.yaml").write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)))


@FUZZ
@given(st.lists(entries, max_size=6))
def test_random_signatory_entries(project, value):
    (project / "signatories.yaml").write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)))


front_keys = st.sampled_from(
    ["title", "description", "layout", "draft", "publish", "image", "image_alt", "titel"]
)


@FUZZ
@given(st.dictionaries(front_keys | st.text(max_size=8), yaml_values, max_size=6), st.text(max_size=300))
def test_random_front_matter_and_body(project, meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    (project / "content" / "fuzz.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    try:
        assert_loads_or_explains(lambda: check(project, today=TODAY))
    finally:
        (project / "content" / "fuzz.md").unlink()


@FUZZ
@given(st.binary(max_size=1500))
def test_random_bytes_as_a_content_file(project, data):
    (project / "content" / "fuzz.md").write_bytes(data)
    try:
        assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)))
    finally:
        (project / "content" / "fuzz.md").unlink()


_C0_AND_SPACE = "".join(map(chr, range(0x21)))
SCHEME_PIECES = ["java", "vb", "script", "SCRIPT", "data", "file", "Data", ":", "&#58;", "&colon;", " ", "\t",
                 "\n", "\u00a0", "<", ">", "a", "img", "on", "onclick=", "href=", "src=", "'", '"', "x", "(", ")", "!"]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(SCHEME_PIECES), max_size=12).map("".join) | st.text(max_size=60))
def test_the_safety_check_refuses_all_that_the_old_block_list_refused(text):
    """The allow-list on a browser's reading of the HTML finds at least what the old
    block-list on Python's HTMLParser found (script-like tags, handlers, script URLs)."""
    from html.parser import HTMLParser

    from sleutelsite.render.markdown import new_markdown
    from sleutelsite.render.safety import unsafe_findings

    class OldBlockList(HTMLParser):
        found = False

        def handle_starttag(self, tag, attrs):
            if tag in {"script", "iframe", "object", "embed", "base", "meta", "link", "style", "form"}:
                self.found = True
            for name, value in attrs:
                # As a browser's URL parser reads it: tab and newline dropped anywhere, C0
                # controls and spaces at the ends ("javascript :" is a relative address).
                plain = "".join(c for c in (value or "") if c not in "\t\n\r").strip(_C0_AND_SPACE).lower()
                is_url = name in {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset"}  # fmt: skip
                if name.startswith("on") or (
                    is_url and plain.startswith(("javascript:", "vbscript:", "data:"))
                ):
                    self.found = True

    for source in (text, f"[link](java{text})", f"<a href='{text}'>x</a>", f"x\n{{: title='{text}' }}"):
        html = new_markdown().convert(source)
        old = OldBlockList(convert_charrefs=True)
        old.feed(html)
        old.close()
        if old.found:
            assert unsafe_findings(html, source), (source, html)


SLOW_PIECES = ["[](", "[", "*[", "<a ", "![", "](", "(", ")", "]", '"', "<", ">", "`", "*", "_", "\\", "&", "- ",
               "1. ", "> ", "\n", "\n\n", "    ", "<b>", "</b>", "<!--", "-->", '<div markdown="1">', "</div>",
               "woord ", "x=", "<a@", "<http://", "{: .k}", "#"]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(SLOW_PIECES), min_size=1, max_size=30), st.integers(1, 2_000))
def test_slow_markdown_shapes_repeated_are_refused_or_built(project, pieces, times):
    """Shapes that make Python-Markdown quadratic (or overflow its stack), repeated into
    texts of up to some 100 KB: refused at load with a line, or built."""
    body = "".join(pieces) * times
    (project / "content" / "fuzz.md").write_text(f"---\ntitle: Fuzz\n---\n{body[:100_000]}", encoding="utf-8")
    try:
        assert_loads_or_explains(lambda: check(project, today=TODAY))
    finally:
        (project / "content" / "fuzz.md").unlink()


MARKDOWN_PIECES = ["*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", ";", "#", "amp",
                   "a", "b", "woord", " ", "  ", "\n", "\n\n", "\t", ":", "/", "http://x.nl", "@", "{: .k}", "[TOC]",
                   "- ", "1. ", "| a | b |", "|---|---|", "```", "<div markdown=\"1\">", "</div>", "&#58;", "<b>",
                   "[x]: /tips/", "[x]", "![a](/static/a.png)", "<mail@x.nl>", "#x", "\u00e9", "===", "---", "***",
                   "___", "+ ", "* ", "> ", "    ", "\n---\n", "Kop\n===\n", "Kop\n---\n", "\n> citaat\n", "|",
                   "\n| a |\n|---|\n| 1 |\n", "\n# Kop #\n", "[x]:", "~~~", "\n    code\n",
                   "\n```\nprint(1)\n```\n", "\n~~~\nx\n~~~\n"]  # fmt: skip


@FUZZ
@given(st.lists(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=16).map("".join), min_size=1, max_size=4))
def test_markdown_with_only_the_patterns_a_text_can_match_gives_the_same_html(texts):
    """The Converter leaves out inline patterns and block processors that need a character
    a text lacks; one Converter and one plain Python-Markdown, each used for several texts
    in turn."""
    from sleutelsite.render.markdown import Converter, new_markdown

    converter, plain = Converter(), new_markdown()
    for text in texts:
        assert converter.convert(text) == plain.reset().convert(text), text


SITE_LINK_PIECES = [" ", "\t", "\n", "\u00a0", "href", "src", "srcset", "xhref", "data-src", '="/', '="//', '="',
                    "='/", "='", "/", "a", "=", '"', "'", "<a", "<img", ">", "tips/", " href=\"/", " src=\"/",
                    "\thref=\"/", "\nsrc=\"/", "\u00a0href=\"/", "\u2003src=\"/", 'ahref="/', " srcset=\"/",
                    ", /", ",/", ", //", "<code>&lt;a href=\"/"]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(SITE_LINK_PIECES), max_size=24).map("".join))
def test_site_links_become_relative_exactly_where_a_plain_scan_says(html):
    """site_links splits at each `="/`; this scan looks at every place the plain way."""
    import re

    from sleutelsite.render.links import site_links

    attribute = re.compile(r"""(\s(?:href|src|srcset)=(["']))/(?!/)""")
    expected, done = [], 0
    for found in attribute.finditer(html):
        before = html[: found.start()]
        if before.rfind("<") <= before.rfind(">"):  # not inside a tag: text
            continue
        expected.append(html[done : found.end(1)] + "../")
        done = found.end()
        if found.group(1).lstrip().startswith("srcset"):  # and every address of the set
            end = html.find(found.group(2), done)
            end = len(html) if end < 0 else end
            expected.append(re.sub(r"(,\s*)/(?!/)", r"\1../", html[done:end]))
            done = end
    expected.append(html[done:])
    assert site_links(html, "../") == "".join(expected)


NESTING_PIECES = ["[", "]", "{", "}", "- ", "-\n", "a: ", "a:\n", "\n", "  ", ", ", '"', "'", "#", "x", "&a ",
                  "*a", "? ", ":", "|\n", ">\n", "!!str ", "\t"]  # fmt: skip
OPENERS = ["[", "{", "[\n", "{a:\n", "- ", "-\n ", "a:\n ", "? ", '"', "# [", "x: |\n  ["]


@FUZZ
@given(
    st.sampled_from(OPENERS), st.integers(0, 40_000), st.lists(st.sampled_from(NESTING_PIECES), max_size=60)
)
def test_deep_nesting_as_signatories_never_crashes(project, opener, depth, rest):
    """30,000 '[' crashed the C composer (a segfault); 1,000 raised RecursionError."""
    (project / "signatories.yaml").write_text(opener * depth + "".join(rest), encoding="utf-8")
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)), at_a_line=True)


@FUZZ
@given(st.sampled_from(OPENERS), st.integers(0, 5_000), st.sampled_from(["title: X\n", "title: X\ntags: "]))
def test_deep_nesting_in_front_matter_never_crashes(project, opener, depth, head):
    (project / "content" / "fuzz.md").write_text(
        f"---\n{head}{opener * depth}\n---\nTekst.\n", encoding="utf-8"
    )
    try:
        assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)), at_a_line=True)
    finally:
        (project / "content" / "fuzz.md").unlink()


@FUZZ
@given(
    st.sampled_from(["name", "municipality", "statement", "url", "type"]),
    st.integers(0, 80_000),
    st.sampled_from(["a", "a@", "a.", "0", "[", " ", "é", "а", "<"]),
    st.booleans(),
)
def test_long_lines_and_long_texts_never_stall(project, field, length, piece, folded):
    value = (piece * length)[:length] or "x"
    if folded:  # many short lines: the line limit does not see it, the field limit does
        value = ">\n" + "".join(f"    {value[i : i + 60]}\n" for i in range(0, len(value), 60)).rstrip("\n")
    entry = {"name": "Stichting Alfa", "type": "overig", "municipality": "Utrecht", "province": "Utrecht",
             "url": "https://alfa.example.org/", "signed": "2026-01-01", "verified": "e-mail"}  # fmt: skip
    text = (
        "- "
        + "\n  ".join(f"{k}: {value if k == field else v}" for k, v in (entry | {field: ""}).items())
        + "\n"
    )
    (project / "signatories.yaml").write_text(text, encoding="utf-8")
    assert_loads_or_explains(lambda: load_site(project, Options(today=TODAY)), at_a_line=True)


@FUZZ
@given(yaml_values)
def test_the_event_reader_gives_what_pyyaml_gives(value):
    """The reader builds values from parser events itself (no recursion): the same values
    as PyYAML's own safe loader, for everything it does not refuse."""
    from sleutelsite.load.yaml_file import YamlList, YamlMap, read_yaml

    def plain(v):
        if isinstance(v, YamlMap):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, YamlList):
            return [plain(x) for x in v]
        return v

    text = yaml.safe_dump(value, allow_unicode=True)
    data, problems = read_yaml(text, "x.yaml")
    assert problems == []
    assert plain(data) == yaml.safe_load(text)
