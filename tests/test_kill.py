"""SIGKILL at any moment: the output folder always holds a complete site, old or new."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, copy_project
from sleutelsite.write import MARKER

STORIES = 400


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def build_cmd(project: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--project", str(project)]


def make_big_project(tmp_path: Path) -> Path:
    files = {
        f"content/verhalen/persoon-{n:04d}.md": (
            f"---\nname: Persoon {n}\ndate: 2026-11-01\nsummary: Een verhaal.\n---\n"
            + "Een zin over de buurt. " * 200
            + "\n"
        )
        for n in range(STORIES)
    }
    return copy_project(tmp_path / "p", files)


def test_sigkill_at_several_points_leaves_old_or_new_site(tmp_path):
    project = make_big_project(tmp_path)
    out = project / "_site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780000000"}
    subprocess.run(build_cmd(project), check=True, env=env, capture_output=True)
    old = snapshot(out)
    manifest = project / "content" / "manifest.md"
    manifest.write_text(manifest.read_text().replace("title: Manifest", "title: Nieuw manifest"))
    started = time.perf_counter()
    subprocess.run(build_cmd(project), check=True, env=env, capture_output=True)
    duration = time.perf_counter() - started
    new = snapshot(out)
    assert new != old
    outcomes = set()
    for step in range(12):
        # Alternate the target so that every kill has something to replace.
        text = manifest.read_text()
        target_title = "title: Manifest" if "Nieuw" in text else "title: Nieuw manifest"
        manifest.write_text(text.replace(text.split("\n")[1], target_title))
        process = subprocess.Popen(
            build_cmd(project), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * (step + 0.5) / 12)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (out / MARKER).is_file()
        now = snapshot(out)
        assert now in (old, new), f"half-written site after a kill at step {step}"
        outcomes.add("old" if now == old else "new")
    # The next build cleans up whatever the kills left next to the output folder.
    subprocess.run(build_cmd(project), check=True, env=env, capture_output=True)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("._site")) == [
        "._site.lock",
        "._site.prev",
    ]
    assert snapshot(out) in (old, new)


def test_no_process_of_a_killed_build_lives_on():
    """After SIGKILL, a forked render worker outlived the build, blocked in recv() with
    the cache open. Now every forked process dies with the build (PR_SET_PDEATHSIG)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "sigkill_trials.py"), "--trials", "4", "--stories", "250"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.stdout.rstrip().endswith("4 trials: 0 processes left in all"), done.stdout + done.stderr
    assert " 0 processes made" not in done.stdout  # every trial killed a build that had forked
