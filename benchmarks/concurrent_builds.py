#!/usr/bin/env python3
"""Two builds at once into one output folder: does the folder stay whole and marked?

    python benchmarks/concurrent_builds.py [--trials 20] [--stories 0] [--build-py build.py]

Each trial starts two processes at the same moment that write into the same `_site`:
`build.py` twice, or (every other trial) `build.py` and a preview rebuild (what `serve
--out _site` does on every save). Each must end built, or refused with the message that
names the other build; afterwards `_site` must hold exactly the site of one of them, with
its marker, and no half-made hidden folder may be left beside it. The project is a copy
of this repository's own site, with --stories generated stories added. --build-py runs
another checkout's build.py (to see how it was before).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795996800"  # 2026-11-30: the same site every time
PREVIEW = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from sleutelsite.serve import PreviewSite
preview = PreviewSite(Path(sys.argv[2]), Path(sys.argv[3]), "http://127.0.0.1:8000/", 8000)
preview.rebuild()
codes = sorted({p.code for p in preview.problems})
print("BUSY" if codes == ["out_busy"] else "OK" if not codes else "FAIL " + " ".join(codes))
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def what_is_wrong(out: Path, references: list[dict[str, bytes]], marker: str) -> str:
    if not out.is_dir():
        return "missing"
    if not (out / marker).is_file():
        return "no marker"
    now = tree(out)
    differ = min(len(set(now.items()) ^ set(site.items())) for site in references)
    return f"{differ} files differ from either site"


def start(kind: str, build_py: Path, project: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    if kind == "build":
        command = [sys.executable, str(build_py), "--project", str(project), "--out", str(out)]
    else:
        command = [sys.executable, "-c", PREVIEW, str(build_py.parent), str(project), str(out)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def outcome(kind: str, process: subprocess.Popen) -> str:
    stdout, stderr = process.communicate(timeout=600)
    if kind == "preview":
        said = stdout.strip().splitlines()[-1:] or [f"FAIL exit {process.returncode}"]
        return {"OK": "built", "BUSY": "refused"}.get(said[0], said[0])
    if process.returncode == 0:
        return "built"
    if process.returncode == 1 and "een andere build schrijft al in" in stderr:
        return "refused"
    return f"FAILED (exit {process.returncode}): {(stderr.strip().splitlines() or [''])[-1][:120]}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--trials", type=int, default=20)
    p.add_argument("--stories", type=int, default=0)
    p.add_argument("--build-py", type=Path, default=ROOT / "build.py")
    args = p.parse_args()
    build_py = args.build_py.resolve()
    from sleutelsite.write import MARKER

    with tempfile.TemporaryDirectory(prefix="concurrent-") as tmp:
        project = Path(tmp) / "project"
        if args.stories:
            generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(project)]
            subprocess.run([*generate, "--stories", str(args.stories)], check=True, capture_output=True)
        else:
            project.mkdir()
            for name in ("content", "i18n", "static", "templates", "signatories.yaml", "site.yaml"):
                copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
                copy(ROOT / name, project / name)
        out = project / "_site"
        references = []
        for kind in ("preview", "build"):  # each alone: the sites a trial may end with
            assert outcome(kind, start(kind, build_py, project, out)) == "built"
            references.append(tree(out))
        counts: dict[str, int] = {}
        broken = 0
        for trial in range(1, args.trials + 1):
            kinds = ("build", "build") if trial % 2 else ("build", "preview")
            processes = [start(kind, build_py, project, out) for kind in kinds]
            results = [outcome(kind, process) for kind, process in zip(kinds, processes, strict=True)]
            left = sorted(
                p.name for p in project.iterdir() if p.name.startswith("._site.") and "prev" not in p.name
            )
            left = [name for name in left if name != "._site.lock"]
            whole = out.is_dir() and (out / MARKER).is_file() and tree(out) in references
            broken += not whole or bool(left)
            for kind, result in zip(kinds, results, strict=True):
                key = f"{kind} {result.split(':')[0]}"
                counts[key] = counts.get(key, 0) + 1
            state = "whole and marked" if whole else "NOT WHOLE: " + what_is_wrong(out, references, MARKER)
            extra = f", left beside it: {', '.join(left)}" if left else ""
            print(f"trial {trial:2}: {kinds[0]} {results[0]}; {kinds[1]} {results[1]}; _site {state}{extra}")
        summary = ", ".join(f"{key}: {n}" for key, n in sorted(counts.items()))
        print(f"{args.trials} trials: {summary}; _site broken after {broken}")
        return 1 if broken or any("FAILED" in key or "FAIL " in key for key in counts) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
