"""The benchmark scripts keep working (tiny sizes; nothing here is timed or compared)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPTS = [
    ["benchmarks/check_signatories.py", "--entries", "20", "--runs", "1"],
    ["benchmarks/serve_latency.py", "--stories", "5", "--signatories", "5", "--edits", "2"],
    ["benchmarks/markdown_speed.py", "--stories", "5", "--runs", "1"],
    ["benchmarks/logo_check.py", "--kb", "4", "--runs", "1"],
    ["benchmarks/link_speed.py", "--stories", "5", "--signatories", "5", "--runs", "1"],
    ["benchmarks/cache_warm.py", "--stories", "5", "--signatories", "5", "--runs", "1"],
    ["benchmarks/image_speed.py", "--width", "400", "--height", "300"],
    ["benchmarks/picture_sharing.py", "--photos", "2", "--width", "400", "--height", "300", "--runs", "1"],
    ["benchmarks/safety_speed.py", "--stories", "5", "--runs", "1"],
    ["benchmarks/hostile_yaml.py", "--no-large", "--only", "1,000 [ on one line"],
]


@pytest.mark.parametrize("command", SCRIPTS, ids=lambda c: c[0])
def test_benchmark_script_runs_and_prints_figures(command):
    result = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert " ms" in result.stdout


def test_the_markdown_limits_benchmark_refuses_its_slow_texts():
    command = [sys.executable, "benchmarks/markdown_limits.py", "--only", "<a 25 KB"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "the real site alone" in result.stdout
    assert " refused " in result.stdout.splitlines()[1]


def test_generator_and_baseline_build_the_same_project(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "benchmarks/generate.py",
            str(tmp_path / "p"),
            "--stories",
            "3",
            "--signatories",
            "4",
        ],
        cwd=ROOT,
        check=True,
    )
    outputs = {}
    for script, folder in (("baseline.py", "b"), ("baseline_pool.py", "q")):  # plain, and C loader + pool
        made = subprocess.run(
            [sys.executable, f"benchmarks/{script}", str(tmp_path / "p"), str(tmp_path / folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert made.stdout.strip().endswith("pages")
        outputs[script] = (
            made.stdout,
            sorted(p.relative_to(tmp_path / folder) for p in (tmp_path / folder).rglob("*")),
        )
    assert outputs["baseline.py"] == outputs["baseline_pool.py"]
    built = subprocess.run(
        [sys.executable, "build.py", "--project", str(tmp_path / "p"), "--out", str(tmp_path / "s")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "s" / "verhalen" / "persoon-00002" / "index.html").is_file()


def test_no_benchmark_script_hides_a_library_the_scripts_import():
    """A script runs with benchmarks/ first on its path: a benchmarks/markdown.py would be
    imported by baseline.py instead of Python-Markdown."""
    libraries = {"markdown", "jinja2", "yaml", "livereload", "tornado", "markupsafe", "sleutelsite"}
    assert not {path.stem for path in (ROOT / "benchmarks").glob("*.py")} & libraries


def test_concurrent_builds_script_runs_a_trial():
    result = subprocess.run(
        [sys.executable, "benchmarks/concurrent_builds.py", "--trials", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert result.stdout.strip().endswith("; _site broken after 0")
