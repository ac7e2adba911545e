"""The README is the manual: its commands and keys must match the code."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT
from sleutelsite.cli import parser
from sleutelsite.describe import fields_table
from sleutelsite.kinds import BUILT_IN, MUNICIPALITY, PAGE, STORY, TIP
from sleutelsite.load import SETTINGS_FIELDS
from sleutelsite.load.kind_declaration import FIELD_KEYS, KIND_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_keys(heading: str) -> set[str]:
    section = README.split(heading, 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    keys = set()
    for row in section.splitlines():
        cell = row.split("|")[1]
        keys |= set(re.findall(r"`([a-z_]+)`", cell))
    return keys


HEADINGS = {
    PAGE.name: "Pages (`content/*.md`",
    TIP.name: "Tips (`content/tips/",
    STORY.name: "Stories (`content/verhalen/",
    MUNICIPALITY.name: "Municipalities (status files `gemeenten/",
}


def documented_table(heading: str) -> str:
    return "|" + README.split(heading, 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]


def test_every_front_matter_key_is_documented():
    for kind in BUILT_IN:
        assert documented_keys(HEADINGS[kind.name]) == {f.name for f in kind.fields}


def test_front_matter_tables_are_the_declarations():
    """The tables are made from kinds.py: paste the expected one into the README."""
    for kind in BUILT_IN:
        assert documented_table(HEADINGS[kind.name]) == fields_table(kind), kind.name


def test_every_key_of_a_kind_is_documented():
    section = README.split("## Kinds of content", 1)[1].split("\n## ", 1)[0]
    for key in (*KIND_KEYS, *FIELD_KEYS, "nl", "en"):
        assert re.search(rf"[`{{ ]{key}[`:]", section), key


def test_every_setting_is_documented():
    assert documented_keys("## Settings") == set(SETTINGS_FIELDS)


def test_every_command_and_option_is_documented():
    p = parser()
    sub = next(a for a in p._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert f"`python build.py {name}" in README or name == "build"
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, option


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make site", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_make_targets_exist():
    out = subprocess.run(["make", "-n", "site", "test"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
