#!/usr/bin/env python3
"""A seeded synthetic project of the campaign's shape, for benchmarks.

    python benchmarks/generate.py OUT --stories 1000 --signatories 2000 [--seed 1]

Stories are about 900 words of Dutch-like prose with headings, lists and links; the
signatories are valid, sorted entries. Templates, static files and the other pages come
from the real project, so the benchmark renders what the campaign renders.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sleutelsite.geo import load_geography  # noqa: E402
from sleutelsite.load.places import yaml_value  # noqa: E402
from sleutelsite.load.signatories import sort_key  # noqa: E402
from sleutelsite.load.signatory_fields import TYPES  # noqa: E402

WORDS = (
    "de het een en van in op met voor door buurt wijk gemeente sleutelpersoon bewoners zorg school "
    "huisarts gezin taal werk vrijwilliger betaald vertrouwen gesprek brug nieuwkomer professional "
    "welzijn wonen jongeren ouders ouderen hulp informatie advies samen elke week avond moeder vader "
    "kinderen buren vraag antwoord afspraak formulier brief uitleg netwerk project ervaring kennis"
).split()
NAMES = (
    "Amina",
    "Bilal",
    "Chaima",
    "Dawit",
    "Elif",
    "Farah",
    "Goran",
    "Hiba",
    "Ilias",
    "Jamila",
    "Karim",
    "Lina",
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def story_body(rng: random.Random, words: int = 900) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        kind = rng.random()
        if kind < 0.12:
            parts.append(f"## {sentence(rng)[:-1]}")
        elif kind < 0.24:
            items = [f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))]
            parts.append("\n".join(items))
            count += sum(len(i.split()) for i in items)
        else:
            text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
            if rng.random() < 0.3:
                text += " Lees ook [de tips voor gemeenten](/tips/) of [het manifest](/manifest/)."
            parts.append(text)
            count += len(text.split())
    return "\n\n".join(parts) + "\n"


def signatories_yaml(count: int, rng: random.Random) -> str:
    names: set[str] = set()
    while len(names) < count:
        prefix = rng.choice(("Stichting ", "Vereniging ", "", "De ", "Gemeente "))
        names.add(f"{prefix}{rng.choice(WORDS).title()}{rng.choice(WORDS)} {len(names)}")
    municipalities = load_geography(ROOT / "data" / "nl").municipalities  # each in its own province
    out = []
    for number, name in enumerate(sorted(names, key=sort_key)):
        place = municipalities[rng.randrange(len(municipalities))]
        out.append(
            f"- name: {name}\n  type: {rng.choice(TYPES)}\n  municipality: {yaml_value(place.name)}\n"
            f"  province: {place.province_name}\n  url: https://org{number}.example.net/\n"
            f"  signed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}\n  verified: e-mail\n"
            + ("  statement: Wij steunen sleutelpersonen in onze wijk.\n" if number % 3 == 0 else "")
        )
    return "\n".join(out)


def copy_real_project(dest: Path) -> Path:
    """The real campaign project, without what a build does not read (venv, tests, output)."""
    ignore = shutil.ignore_patterns(".venv", "node_modules", ".git", "_site", ".cache", "._site*", "tests")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def generate(out: Path, stories: int, signatories: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "content", out / "content")
    for folder in ("templates", "static", "i18n", "data/nl", "gemeenten"):
        shutil.copytree(ROOT / folder, out / folder)
    shutil.copy(ROOT / "site.yaml", out / "site.yaml")
    for old in (out / "content" / "verhalen").glob("*.md"):
        if old.name != "index.md":
            old.unlink()
    for n in range(stories):
        name = f"{rng.choice(NAMES)} {n}"
        (out / "content" / "verhalen" / f"persoon-{n:05d}.md").write_text(
            f"---\nname: {name}\ndate: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}\n"
            f"summary: {sentence(rng)}\nthemes: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n---\n"
            + story_body(rng),
            encoding="utf-8",
        )
    (out / "signatories.yaml").write_text(signatories_yaml(signatories, rng), encoding="utf-8")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    generate(args.out, args.stories, args.signatories, args.seed)
    print(f"{args.out}: {args.stories} stories, {args.signatories} signatories")


if __name__ == "__main__":
    main()
