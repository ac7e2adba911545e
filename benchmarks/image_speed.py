#!/usr/bin/env python3
"""Bytes per width and CPU time per photo of the image step (sleutelsite/render/images.py).

    python benchmarks/image_speed.py [--width 4000] [--height 3000] [--runs 1]

Makes two phone photos from a seed (tests/image_samples.py; no real person): a
photo-like one (shapes, edges, a lens's blur and a texture) and a harder one with
colour texture at every scale; saves each as a phone does (JPEG quality 90, EXIF with
Orientation 6 and a GPS position) and prints what `image_variants` makes of it: the
size of every file and the CPU time of the whole conversion (the fastest of the runs),
and the same without AVIF.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from image_samples import phone_jpeg, photo_like, texture_everywhere  # noqa: E402

from sleutelsite.render.images import image_variants  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--width", type=int, default=4000)
    parser.add_argument("--height", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for sample in (photo_like, texture_everywhere):
        data = phone_jpeg(sample(args.width, args.height), orientation=6)
        print(f"{sample.__name__}: {args.width} x {args.height}, phone JPEG {len(data) // 1024} KB")
        made = {}
        for avif in (True, False):
            best = float("inf")
            for _ in range(args.runs):
                start = time.process_time()
                made[avif] = image_variants(data, "foto.jpg", avif=avif)
                best = min(best, time.process_time() - start)
            print(f"  CPU per photo{'' if avif else ' without AVIF'}: {best * 1000:.0f} ms")
        for width in sorted({v.width for v in made[True]}):
            files = {v.type.split("/")[1]: v for v in made[True] if v.width == width}
            sizes = ", ".join(f"{kind} {len(v.data) / 1024:.1f} KB" for kind, v in files.items())
            print(f"  {width} x {files['webp'].height}: {sizes}")


if __name__ == "__main__":
    main()
