#!/usr/bin/env python3
"""When converting a site's pictures pays to share over processes (the plan's "images").

    python benchmarks/picture_sharing.py [--photos 1 2 4] [--width 4000] [--height 3000]

For each count, a copy of tests/fixtures/mini gets that many stories, each with its own
phone photo (tests/image_samples.py: no real person; JPEG with EXIF orientation 6 and a
GPS position), and is built cold twice: all in this process, and with every map shared
over the machine's cores. Prints the wall time of each, the fastest of `--runs`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from image_samples import phone_jpeg, photo_like  # noqa: E402

from conftest import TODAY, copy_project  # noqa: E402
from sleutelsite.build import build  # noqa: E402
from sleutelsite.speed import Plan, cores  # noqa: E402


def project_with(folder: Path, photos: int, width: int, height: int) -> Path:
    files: dict[str, str | bytes] = {}
    for n in range(photos):
        files[f"static/img/persoon-{n}.jpg"] = phone_jpeg(photo_like(width, height, seed=n))
        files[f"content/verhalen/persoon-{n}.md"] = (
            f"---\nname: Persoon {n}\ndate: 2026-11-02\nsummary: Verzonnen.\n"
            f"photo: /static/img/persoon-{n}.jpg\nphoto_alt: Persoon {n}\n"
            "photo_consent: de persoon zelf, 2026-11-01\n---\nTekst.\n"
        )
    return copy_project(folder / "project", files)


def cold_build(project: Path, out: Path, plan: Plan) -> float:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    build(project, out, today=TODAY, plan=plan)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--width", type=int, default=4000)
    parser.add_argument("--height", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    shared = Plan.sharing_everything(workers=max(2, min(cores(), 8)))
    print(f"{cores()} cores; photos of {args.width} x {args.height}, cold builds, fastest of {args.runs}")
    for photos in args.photos:
        with tempfile.TemporaryDirectory() as tmp:
            project = project_with(Path(tmp), photos, args.width, args.height)
            out = Path(tmp) / "out"
            here = min(cold_build(project, out, Plan.serial()) for _ in range(args.runs))
            spread = min(cold_build(project, out, shared) for _ in range(args.runs))
        print(f"{photos:3d} photos: in one process {here * 1000:6.0f} ms, shared {spread * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
