"""When something outside the content goes wrong: another build in the same folder, a full
or read-only disk. The editor is told what and where, never that build.py has a bug."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import sleutelsite.write.lock as write_lock
from conftest import ROOT, TODAY
from sleutelsite.build import build
from sleutelsite.cli import main
from sleutelsite.serve import PreviewSite
from sleutelsite.write import MARKER
from sleutelsite.write.lock import OutputLock

EPOCH = "1795996800"  # 2026-11-30


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def build_py(project: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "GITHUB_ACTIONS": ""},
    )  # fmt: skip


def test_a_build_into_a_folder_another_build_holds_waits_then_names_it(make_project, capsys, monkeypatch):
    project = make_project()
    out = project / "_site"
    assert main(["--project", str(project)]) == 0
    before = tree(out)
    monkeypatch.setattr(write_lock, "WAIT_S", 0.3)
    with OutputLock(out, project):  # another build, here in this process
        assert main(["--project", str(project), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{out}: another build is already writing into {out} (process {os.getpid()}: "
        f"{write_lock._command()}); this build waited 0.3 seconds and stopped without changing anything.\n"
        "  Hint: Wait until the other build is done and build again, or stop it (Ctrl+C in its window, "
        f"or: kill {os.getpid()}). Two builds at once? Give each its own folder with --out.\n"
        "\n1 problem found; nothing was written.\n"
    )
    assert tree(out) == before
    assert main(["--project", str(project)]) == 0  # once the other is done


def holding(out: Path, project: Path, seconds: float) -> subprocess.Popen:
    """Another process that holds the lock on `out` for `seconds`, once it says so."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[1])\n"
         "from pathlib import Path\nfrom sleutelsite.write.lock import OutputLock\n"
         "with OutputLock(Path(sys.argv[2]), Path(sys.argv[3])):\n"
         " print('held', flush=True); time.sleep(float(sys.argv[4]))",
         str(ROOT), str(out), str(project), str(seconds)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline() == "held\n"  # type: ignore[union-attr]
    return holder


def test_a_build_waits_for_the_other_when_it_is_done_soon(make_project, tmp_path):
    project = make_project()
    out = tmp_path / "_site"
    holder = holding(out, project, 1)
    build(project, out, today=TODAY)  # waited about a second, then built
    assert holder.wait(timeout=30) == 0
    assert (out / MARKER).is_file() and (out / "index.html").is_file()


def test_a_killed_build_leaves_no_lock_behind(make_project, tmp_path):
    project = make_project()
    out = tmp_path / "_site"
    holder = holding(out, project, 600)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with OutputLock(out, project, wait=0):  # at once: the kernel let go of the lock
        pass


@pytest.mark.parametrize("trial", range(3))
def test_two_builds_at_once_end_built_or_refused_and_the_site_stays_whole(make_project, trial):
    """Regression: two builds into one folder shared `._site.prev` and left `_site` without
    its marker, after which every build refused. (benchmarks/concurrent_builds.py: 20 trials.)"""
    project = make_project()
    out = project / "_site"
    alone = build_py(project, out)
    assert alone.wait(timeout=120) == 0
    expected = tree(out)
    both = [build_py(project, out), build_py(project, out)]
    for process in both:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0 or (
            process.returncode == 1 and "een andere build schrijft al in" in stderr
        ), stderr
    assert (out / MARKER).is_file()
    assert tree(out) == expected
    beside = sorted(p.name for p in project.iterdir() if p.name.startswith("._site"))
    assert beside == ["._site.lock", "._site.prev"]


def test_the_preview_waits_then_shows_who_holds_its_folder(make_project, tmp_path, monkeypatch):
    project = make_project()
    out = tmp_path / "_site"
    preview = PreviewSite(project, out, "http://127.0.0.1:8000/", 8000, today=TODAY)
    preview.rebuild()
    before = tree(out)
    monkeypatch.setattr(write_lock, "WAIT_S", 0.1)
    (project / "content" / "manifest.md").write_text("---\ntitle: Anders\n---\nAnders.\n")
    with OutputLock(out, project):
        written, _ = preview.rebuild()
    assert written == 0
    assert [p.code for p in preview.problems] == ["out_busy"]
    assert tree(out) == before  # the last good preview stays
    preview.rebuild()
    assert preview.problems == () and "Anders." in (out / "manifest" / "index.html").read_text()


def failing(monkeypatch, function: str, code: int, where: str) -> None:
    """Make os.<function> fail with `code` for paths containing `where`, as the disk would."""
    real = getattr(os, function)

    def fails(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if where in os.fsdecode(path):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, fails)


@pytest.mark.parametrize(
    ("function", "code", "expected"),
    [
        ("open", errno.ENOSPC, "_site/tips/index.html: de schijf is vol: dit kon niet "
         "geschreven worden (No space left on device).\n  Tip: Maak ruimte vrij op de schijf, of kies een "
         "map op een andere schijf met --out."),
        ("open", errno.EDQUOT, "_site/tips/index.html: je schijfquotum is op: dit kon "
         "niet geschreven worden (Disk quota exceeded).\n  Tip: Ruim bestanden op die bij jou horen, of "
         "kies een andere map met --out."),
        ("open", errno.EROFS, "_site/tips/index.html: dit staat op een schijf die alleen "
         "gelezen kan worden (Read-only file system).\n  Tip: Kies een map op een schijf waarop je mag "
         "schrijven, met --out."),
        ("open", errno.EACCES, "_site/tips/index.html: build.py mag dit niet lezen of "
         "schrijven (Permission denied).\n  Tip: Geef jezelf rechten op die map (of vraag de beheerder van "
         "de computer), of kies een andere map met --out."),
        ("open", errno.EIO, "_site/tips/index.html: de schijf gaf hier een fout "
         "(Input/output error).\n  Tip: Controleer de schijf (is hij losgekoppeld?), of kies een map op "
         "een andere schijf met --out."),
        ("mkdir", errno.EROFS, "nieuw: dit staat op een schijf die alleen gelezen kan worden (Read-only "
         "file system).\n  Tip: Kies een map op een schijf waarop je mag schrijven, met --out."),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 10 else None,
)  # fmt: skip
def test_a_disk_error_names_the_path_and_the_cause_not_a_bug(
    make_project, capsys, monkeypatch, function: str, code: int, expected: str
):
    """Regression: a read-only or full disk was reported as 'a bug in build.py' (exit 2).
    (As root, as tests run here, chmod 0555 does not stop writing: the disk is stood in for
    by making os.open or os.mkdir fail as the system would.)"""
    project = make_project()
    out = project / "nieuw" / "_site" if function == "mkdir" else project / "_site"
    failing(monkeypatch, function, code, "nieuw" if function == "mkdir" else "tips/index.html")
    assert main(["--project", str(project), "--out", str(out)]) == 1
    assert capsys.readouterr().err == expected + "\n\n1 probleem gevonden; er is niets geschreven.\n"


def test_a_disk_error_leaves_the_live_site_as_it_was(make_project, capsys, monkeypatch):
    project = make_project()
    assert main(["--project", str(project)]) == 0
    before = tree(project / "_site")
    (project / "content" / "manifest.md").write_text("---\ntitle: Anders\n---\nAnders.\n")
    failing(monkeypatch, "open", errno.ENOSPC, "manifest/index.html")
    assert main(["--project", str(project)]) == 1
    assert "_site/manifest/index.html: de schijf is vol: dit" in capsys.readouterr().err
    assert tree(project / "_site") == before


def test_another_os_error_is_still_reported_as_a_bug(make_project, capsys, monkeypatch):
    project = make_project()
    failing(monkeypatch, "open", errno.EBADF, "tips/index.html")
    assert main(["--project", str(project)]) == 2
    assert "Dit is een fout in build.py zelf." in capsys.readouterr().err
