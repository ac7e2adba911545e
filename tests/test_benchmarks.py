"""The benchmark scripts keep working (tiny sizes; nothing here is timed or compared)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPTS = [
    ["benchmarks/check_signatories.py", "--entries", "20", "--runs", "1"],
    ["benchmarks/serve_latency.py", "--stories", "5", "--signatories", "5", "--edits", "2"],
    ["benchmarks/serve_latency.py", "--status", "--edits", "2"],
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


def _targets():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import targets

    return targets


def _medium(**changes):
    """Made-up medians of a medium size that meets every target (seconds, MB)."""
    row = {"cold": 2.0, "cpu": 3.0, "warm": 0.6, "serve": 0.05, "rss": 300.0, "worker": 200.0}
    row |= {"baseline": 10.0, "baseline_cpu": 10.0, "pool": 4.0}
    return row | changes


def _verdicts(sizes, real=None):
    return {v.name: v for v in _targets().judge(sizes, real)}


REAL = {"cold": 2.5, "warm": 0.8, "status_edit": 0.06}


def test_every_target_passes_on_medians_that_meet_it():
    sizes = {"medium": _medium(), "large": _medium(cold=25.0, baseline=100.0, rss=590.0, worker=420.0)}
    verdicts = _verdicts(sizes, REAL)
    assert [v.outcome for v in verdicts.values()] == ["PASS"] * 10
    assert verdicts["medium cold / plain baseline"].line() == (
        "PASS medium cold / plain baseline: 0.200 x (cold 2.00 s, plain 10.00 s) (target <= 0.35 x)"
    )
    assert verdicts["real site status edit in serve"].figure.startswith("60 ms (")


def test_a_target_exactly_at_its_limit_passes_and_just_above_misses():
    at = _verdicts({"medium": _medium(cold=3.5, warm=1.2, cpu=6.0)}, REAL)
    assert {at[n].outcome for n in ("medium cold / plain baseline", "medium warm / plain baseline")} == {
        "PASS"
    }
    assert at["medium cold CPU / plain baseline CPU"].outcome == "PASS"
    above = _verdicts({"medium": _medium(cold=3.51, warm=1.21, cpu=6.01, serve=0.101)}, REAL)
    for name in ("cold / plain baseline", "warm / plain baseline", "cold CPU / plain baseline CPU"):
        assert above[f"medium {name}"].outcome == "MISS", name
    assert above["medium one-story rebuild in serve"].line() == (
        "MISS medium one-story rebuild in serve: 101 ms (median of 20 edits) (target <= 100 ms)"
    )


def test_as_fast_as_the_pool_baseline_is_not_faster():
    verdicts = _verdicts({"medium": _medium(cold=4.0, pool=4.0)})
    assert verdicts["medium cold / baseline_pool"].outcome == "MISS"
    assert verdicts["medium cold / baseline_pool"].figure == "1.000 x (cold 4.00 s, pool 4.00 s)"
    assert (
        _verdicts({"medium": _medium(cold=3.99, pool=4.0)})["medium cold / baseline_pool"].outcome == "PASS"
    )


def test_real_site_targets_compare_with_the_medium_plain_baseline():
    verdicts = _verdicts({"medium": _medium(baseline=10.0)}, {"cold": 3.2, "warm": 0.9, "status_edit": 0.25})
    assert verdicts["real site cold / plain baseline (medium)"].line() == (
        "MISS real site cold / plain baseline (medium): 0.320 x (cold 3.20 s, plain medium 10.00 s) (target <= 0.3 x)"
    )
    assert verdicts["real site warm / plain baseline (medium)"].outcome == "PASS"
    assert verdicts["real site status edit in serve"].outcome == "MISS"


def test_peak_memory_is_the_larger_of_the_build_and_its_largest_worker():
    verdicts = _verdicts({"large": _medium(cold=25.0, baseline=100.0, rss=400.0, worker=601.0)})
    assert verdicts["large peak memory"].line() == (
        "MISS large peak memory: 601 MB (build process 400 MB, largest worker 601 MB) (target <= 600 MB)"
    )
    assert verdicts["large cold / plain baseline"].outcome == "PASS"


def test_a_target_whose_size_was_not_run_is_skipped_with_why():
    verdicts = _verdicts({"small": _medium()}, REAL)
    assert verdicts["large peak memory"].line() == (
        "SKIP large peak memory: size large was not run (add it to --sizes) (target <= 600 MB)"
    )
    assert verdicts["real site cold / plain baseline (medium)"].outcome == "SKIP"
    assert "plain baseline" in verdicts["real site cold / plain baseline (medium)"].figure
    assert verdicts["real site status edit in serve"].outcome == "PASS"  # needs no size
    assert _verdicts({"medium": _medium()})["real site status edit in serve"].figure == (
        "the real site was not measured"
    )


def _compare_output():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import compare_output

    return compare_output


def test_compare_output_resolves_relative_links_against_the_published_page():
    resolved = _compare_output().resolved_links
    page = (
        '<a href="../../tips/">t</a> <img src="../../static/a.png" srcset="../../a.png 1x, ../../b.png 2x">'
        ' <a href="https://example.org/x">e</a> <a href="#top">a</a> <a href="/sub/over/">o</a>'
        ' <a class="x" data-href="../y/">d</a> <a href=\'../\'>up</a>'
    )
    assert resolved(page, "/sub/verhalen/naam/index.html") == (
        '<a href="/sub/tips/">t</a> <img src="/sub/static/a.png" srcset="/sub/a.png 1x, /sub/b.png 2x">'
        ' <a href="https://example.org/x">e</a> <a href="#top">a</a> <a href="/sub/over/">o</a>'
        ' <a class="x" data-href="../y/">d</a> <a href=\'/sub/verhalen/\'>up</a>'
    )
    assert resolved('<a href="./">home</a><a href="./tips/#x">', "/sub/index.html") == (
        '<a href="/sub/">home</a><a href="/sub/tips/#x">'
    )


def test_compare_output_tells_link_form_from_real_differences(tmp_path):
    module = _compare_output()
    files = {
        "a": {
            "index.html": '<a href="/sub/tips/">Tips</a>\n',
            "tips/index.html": '<link href="/sub/static/site.css">\n<p>Een</p>\n',
            "old.txt": "x",
        },
        "b": {
            "index.html": '<a href="./tips/">Tips</a>\n',
            "tips/index.html": '<link href="../static/site.css">\n<p>Twee</p>\n',
            "new.png": "y",
        },
    }
    for side, tree in files.items():
        for rel, text in tree.items():
            (tmp_path / side / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / rel).write_text(text, encoding="utf-8")
    result = module.compare_trees(tmp_path / "a", tmp_path / "b", "/sub")
    assert result.identical == result.link_form_only == ["index.html"]
    assert result.differing == [("tips/index.html", "line 2: '<p>Een</p>' | '<p>Twee</p>'")]
    assert (result.only_a, result.only_b, result.same) == (["old.txt"], ["new.png"], False)


def test_compare_output_finds_one_commit_the_same_as_itself():
    command = [sys.executable, "benchmarks/compare_output.py", "HEAD", "HEAD", "--projects", "real"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert " 0 differ, 0 only in A, 0 only in B" in result.stdout
