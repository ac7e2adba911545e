"""Signing without git: the answers of the issue form "Onderteken het manifest" become the
block a person would add to signatories.yaml, in its sorted place, checked by the checker.

GitHub writes a form's answers into the issue's text as Markdown: "### Label", a blank
line, the answer ("_No response_" when empty), for each field of the form in order. That
text is a stranger's and can be edited into anything, so it is read strictly: exactly the
form's headings in the form's order, one line where the form asks for one line, nothing
that looks like a second block or like YAML, the consent box ticked. The block is written
with safe quoting, put in place by the list's own sort key, and then the whole project is
checked by `sleutelsite.build.check`, as every signing pull request is; the new entry
must read back as exactly the values it was made from.

    python scripts/sign_from_issue.py --body ISSUE.md --issue N --comment C.md --pr-body P.md

Exit codes: 0 signatories.yaml now holds the entry (comment and pull-request text
written); 3 refused (the comment says why, in Dutch, for the signer); 4 the project itself
does not pass the check, or the entry did not read back as written (a maintainer's
problem; the comment says so). 1 and 2 stay Python's own (a bug, a wrong argument).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from sleutelsite.build import check
from sleutelsite.errors import BuildError, Problem, problem
from sleutelsite.load.signatories import sort_key
from sleutelsite.load.signatory_fields import FIELDS, PATH
from sleutelsite.model import Signatory

FORM = ".github/ISSUE_TEMPLATE/onderteken.yml"
LABEL = "ondertekening-goedgekeurd"  # the label a maintainer sets (see the workflow)
VERIFIED = "github-issue"
WHERE = "issue"  # the "file" of a problem found in the issue's text
NO_RESPONSE = "_No response_"
CONSENT = "consent"  # the form's checkbox; not a field of the list
FIELD_ORDER = ("name", "type", "municipality", "province", "url", "signed", "verified", "statement")
ADDED, REFUSED, FOR_MAINTAINER = 0, 3, 4  # exit codes
MAX_BODY = 65_536  # characters: GitHub's own limit for an issue's text


@dataclasses.dataclass(frozen=True)
class FormField:
    id: str  # the field of signatories.yaml it fills (or CONSENT)
    label: str  # the heading GitHub writes above the answer
    kind: str  # input, textarea, dropdown or checkboxes
    required: bool
    options: tuple[str, ...] = ()  # a checkbox's labels


@dataclasses.dataclass(frozen=True)
class Outcome:
    code: int  # ADDED, REFUSED or FOR_MAINTAINER
    comment: str  # Markdown for the issue
    pr_body: str = ""  # Markdown for the pull request (only with code 0)


def form_fields(form_text: str) -> tuple[FormField, ...]:
    """The answered fields of the issue form (our own file), in order."""
    fields = []
    for element in yaml.safe_load(form_text)["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        options = tuple(o["label"] for o in attributes.get("options", ()) if isinstance(o, dict))
        required = bool(element.get("validations", {}).get("required"))
        fields.append(FormField(element["id"], attributes["label"], element["type"], required, options))
    return tuple(fields)


_HEADING = re.compile(r"^### (.*)$", re.MULTILINE)
# A field of the list ("- name: ...", "  verified: ..." at a line's start, or after a quote,
# comma or brace: 'X", "verified": "persoonlijk'), in any answer.
_FIELD_LINE = re.compile(
    r"""(?:^[ \t]*(?:-[ \t]*)?|["',{][ \t]*["']?)(?:""" + "|".join(FIELDS) + r""")["']?[ \t]*:""",
    re.MULTILINE,
)
# What YAML reads as something other than text at the start of a value.
_YAML_START = ("&", "*", "!", "|", ">", "%", "@", "`", "{", "[", "#", "- ", "? ", ": ", "---", "...")


def form_answers(body: str, fields: tuple[FormField, ...]) -> tuple[dict[str, str], list[Problem]]:
    """The answer to each field (by id, "" when empty) and what is wrong with the text."""
    if len(body) > MAX_BODY:
        return {}, [problem(WHERE, 0, "sign_form_too_long", length=len(body), limit=MAX_BODY)]
    text = body.replace("\r\n", "\n")
    headings = _HEADING.findall(text)
    labels = [f.label for f in fields]
    for label in labels:
        if headings.count(label) > 1:
            return {}, [
                problem(WHERE, 0, "sign_form_heading_twice", label=label, count=headings.count(label))
            ]
    parts = _HEADING.split(text)
    if headings != labels or parts[0].strip():
        return {}, [problem(WHERE, 0, "sign_form_changed", expected=", ".join(labels))]
    answers: dict[str, str] = {}
    problems: list[Problem] = []
    for field, raw in zip(fields, parts[2::2], strict=True):
        value = raw.strip("\n").strip()
        value = "" if value == NO_RESPONSE else value
        if field.kind == "checkboxes":
            ticked = {line[6:].strip() for line in value.split("\n") if line[:6].lower() == "- [x] "}
            if not set(field.options) <= ticked:
                problems.append(problem(WHERE, 0, "sign_form_no_consent", label=field.label))
            continue
        found = _answer_problem(field, value)
        if found is not None:
            problems.append(found)
            continue
        if field.kind == "textarea":  # paragraphs become one line, as the list holds them
            value = " ".join(value.split())
        answers[field.id] = value
    return answers, problems


def _answer_problem(field: FormField, value: str) -> Problem | None:
    if not value:
        return problem(WHERE, 0, "sign_form_empty", label=field.label) if field.required else None
    if "\n" in value and field.kind != "textarea":
        return problem(WHERE, 0, "sign_form_lines", label=field.label)
    smuggled = _FIELD_LINE.search(value)
    if smuggled:
        line = value[smuggled.start() :].split("\n")[0].strip(" \t\"',{")
        return problem(WHERE, 0, "sign_form_second_entry", label=field.label, line=line[:60])
    start = next((s for s in _YAML_START if value.startswith(s)), None)
    if start is not None:
        return problem(WHERE, 0, "sign_form_yaml", label=field.label, start=start.strip())
    return None


def entry_values(answers: dict[str, str], today: dt.date) -> dict[str, object]:
    """The entry's fields in the list's order: the answers, today's date, how it was checked."""
    values: dict[str, object] = {**answers, "signed": today, "verified": VERIFIED}
    return {key: values[key] for key in FIELD_ORDER if values.get(key) not in (None, "")}


_PLAIN = re.compile(r"[^\W_][\w .,'&()/+:?=%~;!*-]*")


def yaml_text(value: object) -> str:
    """A value as a person writes it in the list: plain where YAML reads it back as the
    same text, otherwise in double quotes with every unusual character escaped."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and ": " not in text and not text.endswith((":", " ")):
        if yaml.safe_load(text) == text:  # not a number, date, yes/no or null
            return text
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char != " " and unicodedata.category(char)[0] in "CZ":
            escaped.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def entry_block(values: dict[str, object]) -> str:
    lines = [
        f"{'- ' if i == 0 else '  '}{key}: {yaml_text(value)}"
        for i, (key, value) in enumerate(values.items())
    ]
    return "\n".join(lines) + "\n"


def with_entry(text: str, block: str, name: str, signatories: list[Signatory]) -> tuple[str, int]:
    """The file's text with `block` before the first entry whose name sorts after `name`
    (above the comment lines that belong to that entry), and the block's first line."""
    lines = text.split("\n")
    key = sort_key(name)
    after = next((s for s in signatories if sort_key(s.name) > key), None)
    new = block.rstrip("\n").split("\n")
    if after is None:  # at the end, after one blank line
        while lines and not lines[-1].strip():
            lines.pop()
        lines.append("")
        at = len(lines)
        lines += [*new, ""]
    else:
        at = after.line - 1
        while at > 0 and lines[at - 1].startswith("#"):
            at -= 1
        lines[at:at] = [*new, ""]
    return "\n".join(lines), at + 1


def sign(project: Path, body: str, today: dt.date, issue: int) -> Outcome:
    """Add the form's entry to project/signatories.yaml if the checker accepts it (the
    file is put back as it was otherwise)."""
    fields = form_fields((project / FORM).read_text(encoding="utf-8"))
    labels = {f.id: f.label for f in fields}
    answers, problems = form_answers(body, fields)
    if problems:
        return Outcome(REFUSED, refusal_comment(problems, {}, labels))
    file = project / PATH
    before = file.read_text(encoding="utf-8")
    try:
        site = check(project, today=today)
    except BuildError as err:
        return Outcome(FOR_MAINTAINER, broken_comment(err.problems))
    values = entry_values(answers, today)
    block = entry_block(values)
    after, first = with_entry(before, block, str(values["name"]), list(site.signatories))
    file.write_text(after, encoding="utf-8")
    lines = {first + i: key for i, key in enumerate(values)}
    try:
        site = check(project, today=today)
    except BuildError as err:
        file.write_text(before, encoding="utf-8")
        return Outcome(REFUSED, refusal_comment(list(err.problems), lines, labels))
    added = next((s for s in site.signatories if s.line == first), None)
    if added is None or _values_of(added) != values:
        file.write_text(before, encoding="utf-8")
        return Outcome(FOR_MAINTAINER, READ_BACK_WRONG)
    return Outcome(ADDED, ready_comment(block), pr_body(block, issue))


def _values_of(signatory: Signatory) -> dict[str, object]:
    values = {key: getattr(signatory, key) for key in FIELD_ORDER}
    return {key: value for key, value in values.items() if value not in (None, "")}


def _fenced(text: str, info: str = "") -> str:
    """Text in a code block that no backticks in it can close: no links, mentions or markup."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


REFUSED_INTRO = (
    "Dank je wel dat je het manifest wilt ondertekenen! Een beheerder wilde je organisatie op de "
    "lijst zetten, maar dat lukt nog niet. Dit moet anders:"
)
REFUSED_OUTRO = (
    "Pas de tekst van deze issue aan (de drie puntjes rechtsboven je bericht, dan *Edit*) en laat "
    "het ons weten in een reactie; een beheerder probeert het dan opnieuw."
)
BROKEN = (
    "Dank je wel voor je ondertekening! De lijst zelf heeft nu een probleem dat een beheerder eerst "
    "moet oplossen; daarna probeert een beheerder het opnieuw. Voor de beheerder:"
)
READ_BACK_WRONG = (
    "Dank je wel voor je ondertekening! Je gegevens kwamen anders in de lijst terecht dan je ze "
    "invulde. Een beheerder kijkt ernaar en zet je organisatie met de hand op de lijst."
)


def refusal_comment(problems: list[Problem], lines: dict[int, str], labels: dict[str, str]) -> str:
    """What is wrong, per field of the form, in Dutch; every message in a code block, so
    nothing the signer wrote becomes a link, a mention or markup on GitHub."""
    first = min(lines, default=0)
    items = []
    for p in problems:
        if p.code == "duplicate_name" and p.line == first:  # the hint speaks to list editors
            p = problem(PATH, p.line, "sign_already_listed", name=dict(p.args)["first"])
        args = dict(p.args)
        key = str(args.get("key", "")) or (lines.get(p.line, "") if p.line != first else "")
        where = str(args.get("label", "Het formulier")) if p.path == WHERE else labels.get(key, "Je gegevens")
        hint = p.hint("nl")
        text = p.message("nl") + ("\nTip: " + hint if hint else "")
        items.append(f"- **{where}**\n\n{_indented(_fenced(text))}")
    return "\n\n".join([REFUSED_INTRO, *items, REFUSED_OUTRO]) + "\n"


def _indented(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def broken_comment(problems: tuple[Problem, ...]) -> str:
    return BROKEN + "\n\n" + _fenced("\n".join(p.format("nl") for p in problems[:20])) + "\n"


def ready_comment(block: str) -> str:
    return (
        "Dank je wel! Een beheerder keurde je ondertekening goed. Dit blok komt in `signatories.yaml`:"
        f"\n\n{_fenced(block, 'yaml')}\n\nZodra de pull request is samengevoegd, staat je organisatie op "
        "de lijst van ondertekenaars.\n"
    )


def pr_body(block: str, issue: int) -> str:
    return (
        f"Ondertekening met het formulier in issue #{issue}, goedgekeurd met het label `{LABEL}`. "
        "Het blok is gemaakt door `scripts/sign_from_issue.py` en door `python build.py check` "
        f"gecontroleerd:\n\n{_fenced(block, 'yaml')}\n\nCloses #{issue}\n"
    )


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(description="Turn a signing form (an issue) into an entry.")
    parser.add_argument("--body", type=Path, required=True, help="the issue's text, in a file")
    parser.add_argument("--issue", type=int, required=True, help="the issue's number")
    parser.add_argument("--comment", type=Path, required=True, help="where to write the comment")
    parser.add_argument("--pr-body", type=Path, required=True, help="where to write the pull request's text")
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    body = args.body.read_bytes().decode("utf-8", errors="replace")
    outcome = sign(args.project, body, today or dt.date.today(), args.issue)
    args.comment.write_text(outcome.comment, encoding="utf-8")
    if outcome.code == ADDED:
        args.pr_body.write_text(outcome.pr_body, encoding="utf-8")
    print(outcome.comment, file=sys.stderr if outcome.code else sys.stdout)
    return outcome.code
