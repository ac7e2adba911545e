"""Signing without git: a recorded issue-form body becomes the block a person would write,
in its sorted place; hostile bodies are refused with a Dutch message; the workflow keeps
the issue's text out of every run: line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, ROOT, TODAY, copy_project
from sleutelsite.sign_issue import (
    ADDED,
    FOR_MAINTAINER,
    FORM,
    LABEL,
    REFUSED,
    form_answers,
    form_fields,
    sign,
    yaml_text,
)

BODIES = ROOT / "tests" / "fixtures" / "sign-issues"
WORKFLOW = ROOT / ".github" / "workflows" / "sign-issue.yml"
MINI = (FIXTURE / "signatories.yaml").read_text()
INTRO = (
    "Dank je wel dat je het manifest wilt ondertekenen! Een beheerder wilde je organisatie op de "
    "lijst zetten, maar dat lukt nog niet. Dit moet anders:\n\n"
)
OUTRO = (
    "\n\nPas de tekst van deze issue aan (de drie puntjes rechtsboven je bericht, dan *Edit*) en laat "
    "het ons weten in een reactie; een beheerder probeert het dan opnieuw.\n"
)
AMBERBRUG = (
    "- name: Stichting De Amberbrug\n"
    "  type: stichting\n"
    "  municipality: Deventer\n"
    "  province: Overijssel\n"
    "  url: https://amberbrug.example.org/\n"
    "  signed: 2026-11-30\n"
    "  verified: github-issue\n"
    "  statement: Wij werken elke dag met sleutelpersonen in de wijk. Zij verdienen erkenning en een "
    "eerlijke vergoeding.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project with the real signing form."""
    made = copy_project(tmp_path / "project")
    (made / FORM).parent.mkdir(parents=True)
    shutil.copy(ROOT / FORM, made / FORM)
    return made


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def test_the_recorded_bodies_have_exactly_the_current_forms_headings():
    """If the form changes, the recordings (and GitHub's text) change with it."""
    labels = [f.label for f in form_fields((ROOT / FORM).read_text())]
    assert labels == [
        "Naam van de organisatie", "Soort organisatie", "Gemeente waar de organisatie zit", "Provincie",
        "Website", "Korte verklaring (optioneel, hooguit 280 tekens)", "Toestemming",
    ]  # fmt: skip
    rendered = body("form-as-github-renders.md")
    assert [line[4:] for line in rendered.split("\n") if line.startswith("### ")] == labels
    assert rendered.startswith("### Naam van de organisatie\n\nStichting De Amberbrug\n\n### Soort")


def test_the_form_as_github_renders_it_becomes_the_block_a_person_writes(project: Path):
    outcome = sign(project, body("form-as-github-renders.md"), TODAY, 7)
    assert outcome.code == ADDED
    at = MINI.index("- name: Buurtnetwerk")  # "Amberbrug" sorts before "Buurtnetwerk", after "Alfa"
    assert (project / "signatories.yaml").read_text() == MINI[:at] + AMBERBRUG + "\n" + MINI[at:]
    assert outcome.comment == (
        "Dank je wel! Een beheerder keurde je ondertekening goed. Dit blok komt in `signatories.yaml`:\n\n"
        f"```yaml\n{AMBERBRUG}```\n\n"
        "Zodra de pull request is samengevoegd, staat je organisatie op de lijst van ondertekenaars.\n"
    )
    assert outcome.pr_body.startswith(
        "Ondertekening met het formulier in issue #7, goedgekeurd met het label"
    )
    assert outcome.pr_body.endswith(f"```yaml\n{AMBERBRUG}```\n\nCloses #7\n")


def test_an_entry_that_sorts_last_is_added_at_the_end_also_from_windows_line_ends(project: Path):
    outcome = sign(project, body("no-statement.md").replace("\n", "\r\n"), TODAY, 8)
    assert outcome.code == ADDED
    assert (project / "signatories.yaml").read_text() == MINI + (
        "\n- name: Zonnewijzer Testnetwerk\n  type: netwerk\n  municipality: Leeuwarden\n"
        "  province: Fryslân\n  url: https://zonnewijzer.example.net/\n  signed: 2026-11-30\n"
        "  verified: github-issue\n"
    )


def _refusal(where: str, message: str) -> str:
    return INTRO + f"- **{where}**\n\n  ```\n  " + message.replace("\n", "\n  ") + "\n  ```" + OUTRO


HOSTILE = {
    "markup-in-name.md": _refusal(
        "Naam van de organisatie",
        "in 'name' staat een '<': tekens van HTML-code horen niet in dit openbare bestand.\n"
        "Tip: Schrijf gewone tekst zonder < en >, bijvoorbeeld: name: Stichting De Amberbrug",
    ),
    "javascript-url.md": _refusal(
        "Website",
        "'url' is geen webadres: 'javascript:'-adressen zijn niet toegestaan.\n"
        "Tip: Gebruik het adres van de website van je organisatie, beginnend met https://.",
    ),
    "second-entry-in-statement.md": _refusal(
        "Korte verklaring (optioneel, hooguit 280 tekens)",
        "in 'Korte verklaring (optioneel, hooguit 280 tekens)' staat iets dat op een veld van de "
        "lijst lijkt: - name: Stichting Nepbrug\nTip: Eén formulier is één organisatie: schrijf alleen "
        "het gevraagde. Wil je nog een organisatie aanmelden, vul dan een nieuw formulier in.",
    ),
    "second-entry-in-name.md": _refusal(
        "Naam van de organisatie",
        "in 'Naam van de organisatie' staat iets dat op een veld van de lijst lijkt: verified: "
        '"persoonlijk\nTip: Eén formulier is één organisatie: schrijf alleen het gevraagde. Wil je nog '
        "een organisatie aanmelden, vul dan een nieuw formulier in.",
    ),
    "yaml-in-name.md": _refusal(
        "Naam van de organisatie",
        "'Naam van de organisatie' begint met '!', een teken dat in het lijstbestand iets anders "
        "betekent dan tekst.\nTip: Begin met de tekst zelf, zonder '!' ervoor.",
    ),
    "yaml-in-municipality.md": _refusal(
        "Gemeente waar de organisatie zit",
        "'Gemeente waar de organisatie zit' beslaat meer dan één regel.\n"
        "Tip: Schrijf 'Gemeente waar de organisatie zit' op één regel.",
    ),
    "forged-heading-in-statement.md": _refusal(
        "Naam van de organisatie",
        "het kopje '### Naam van de organisatie' staat 2 keer in de tekst; het formulier maakt het één "
        "keer.\nTip: Haal de regel '### Naam van de organisatie' weg uit wat je zelf schreef "
        "(bijvoorbeeld uit de verklaring).",
    ),
    "consent-unticked.md": _refusal(
        "Toestemming",
        "het vakje bij 'Toestemming' is niet aangevinkt.\nTip: Vink het vakje aan: '- [x]' in plaats van '- [ ]'.",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_body_is_refused_with_a_message_and_the_list_is_untouched(project: Path, name: str):
    outcome = sign(project, body(name), TODAY, 9)
    assert (outcome.code, outcome.comment) == (REFUSED, HOSTILE[name])
    assert (project / "signatories.yaml").read_text() == MINI


def test_every_recorded_body_is_tested():
    assert {p.name for p in BODIES.glob("*.md")} == {*HOSTILE, "form-as-github-renders.md", "no-statement.md"}


def test_a_text_that_is_not_the_form_is_refused(project: Path):
    outcome = sign(project, "Graag ondertekenen wij het manifest!\n\n" + body("no-statement.md"), TODAY, 9)
    assert outcome.comment == _refusal(
        "Het formulier",
        "de tekst heeft niet de kopjes die het formulier maakt (Naam van de organisatie, Soort "
        "organisatie, Gemeente waar de organisatie zit, Provincie, Website, Korte verklaring (optioneel, "
        "hooguit 280 tekens), Toestemming).\nTip: Maak een nieuwe issue met het formulier 'Onderteken het "
        "manifest' en vul elk veld in; begin geen regel met ###.",
    )


def test_an_empty_required_answer_is_named_by_its_label():
    fields = form_fields((ROOT / FORM).read_text())
    text = body("no-statement.md").replace("Leeuwarden", "_No response_")
    answers, problems = form_answers(text, fields)
    assert [p.message() for p in problems] == ["'Gemeente waar de organisatie zit' is niet ingevuld."]
    assert "municipality" not in answers


def test_a_name_already_on_the_list_gets_the_checkers_message(project: Path):
    text = body("no-statement.md").replace("Zonnewijzer Testnetwerk", "Stichting Alfa Testhuis")
    outcome = sign(project, text, TODAY, 9)
    assert outcome.code == REFUSED
    assert outcome.comment == _refusal(
        "Je gegevens",
        "'Stichting Alfa Testhuis' staat al op de lijst van ondertekenaars.\nTip: Dan hoef je niet opnieuw "
        "te tekenen. Is het een andere organisatie met dezelfde naam? Schrijf dan de volledige naam, "
        "bijvoorbeeld met de plaats erbij.",
    )
    assert (project / "signatories.yaml").read_text() == MINI


def test_backticks_in_an_answer_cannot_close_the_code_block_of_the_comment(project: Path):
    text = body("markup-in-name.md").replace("Stichting De Amberbrug", "``` @iemand [x](https://nep.example)")
    outcome = sign(project, text, TODAY, 9)
    assert "  ````\n  in 'name' staat een '<'" in outcome.comment


def test_a_list_with_problems_of_its_own_is_for_a_maintainer(project: Path):
    (project / "signatories.yaml").write_text(MINI.replace("province: Utrecht", "province: Utreht"))
    outcome = sign(project, body("no-statement.md"), TODAY, 9)
    assert outcome.code == FOR_MAINTAINER
    assert outcome.comment.startswith(
        "Dank je wel voor je ondertekening! De lijst zelf heeft nu een probleem"
    )
    assert "signatories.yaml:4: 'Utreht' is geen geldige waarde voor 'province'." in outcome.comment


@pytest.mark.parametrize(
    "value",
    ["Ja", "yes", "2026", "2026-01-01", "null", "Stichting: De Brug", "A #1", 'Bèta "B" & Co', "x\ty", "a\u2028b",
     "'t Hooght", "Café\\Bar", "emoji 🙂"],
)  # fmt: skip
def test_yaml_text_reads_back_as_exactly_the_text(value: str):
    assert yaml.safe_load(f"key: {yaml_text(value)}") == {"key": value}


def test_yaml_text_is_plain_where_a_person_would_write_it_plain():
    assert yaml_text("Stichting De Brug") == "Stichting De Brug"
    assert yaml_text("https://www.voorbeeld.nl/pad?a=1") == "https://www.voorbeeld.nl/pad?a=1"
    assert yaml_text("yes") == '"yes"'
    assert yaml_text("Stichting: De Brug") == '"Stichting: De Brug"'
    assert yaml_text("a\u2028b") == '"a\\u2028b"'
    assert yaml_text(dt.date(2026, 11, 30)) == "2026-11-30"


def test_the_script_writes_the_comment_and_pull_request_files(project: Path, tmp_path: Path):
    (tmp_path / "issue.md").write_text(body("no-statement.md"))
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sign_from_issue.py"), "--body", str(tmp_path / "issue.md"),
         "--issue", "12", "--comment", str(tmp_path / "c.md"), "--pr-body", str(tmp_path / "p.md"),
         "--project", str(project)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == ADDED, done.stderr
    assert "verified: github-issue" in (tmp_path / "c.md").read_text()
    assert (tmp_path / "p.md").read_text().endswith("Closes #12\n")
    (tmp_path / "issue.md").write_text(body("javascript-url.md"))
    done = subprocess.run([*done.args[:-2], "--project", str(project)], capture_output=True, text=True)
    assert done.returncode == REFUSED
    assert (tmp_path / "c.md").read_text() == HOSTILE["javascript-url.md"].replace(
        "Stichting De Amberbrug", "Zonnewijzer Testnetwerk"
    )


# The workflow


def _workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(), Loader=yaml.BaseLoader)  # "on" stays a string


def test_the_workflow_never_interpolates_the_issue_inside_a_run_line():
    steps = _workflow()["jobs"]["sign"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert len(runs) == 6
    for run in runs:  # every line of every run:, not only the first
        assert "${{" not in run, run
    texts = [value for step in steps for value in step.get("env", {}).values()]
    assert "${{ github.event.issue.body }}" in texts  # reaches the script through env and a file
    for line in WORKFLOW.read_text().splitlines():
        if "github.event.issue." in line:
            assert line.strip().startswith(("ISSUE_BODY:", "ISSUE:", "group:", "if:")), line


def test_the_workflow_runs_only_on_the_maintainers_label_with_only_the_permissions_it_needs():
    workflow = _workflow()
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["sign"]
    assert job["if"].startswith(f"github.event.label.name == '{LABEL}'")
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert 'gh issue comment "$ISSUE" --body-file' in WORKFLOW.read_text()


def test_the_label_is_documented_for_maintainers():
    assert f"`{LABEL}`" in (ROOT / "README.md").read_text()
