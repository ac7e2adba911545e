#!/usr/bin/env python3
"""How long `build.py check` takes on hostile input, and that it answers instead of crashing.

    python benchmarks/hostile_yaml.py [--only WORD] [--no-large]

Each case is a small project (tests/fixtures/mini) with one file replaced: deep nesting
in signatories.yaml, front matter, site.yaml and i18n; very long names and statements;
files of bad entries of about 1 MB and right at the size limit; a valid but shuffled
list of 50,000. Prints the wall time of a whole `build.py check` (a new process, as an
editor runs it), its exit code (1: problems reported; a crash would be 2 or negative)
and the first line it printed. Every input under 1 MB should take at most 2 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import signatories_yaml  # noqa: E402

from sleutelsite.load.signatories import MAX_BYTES  # noqa: E402

ENTRY = (
    "- name: {name}\n  type: stichting\n  municipality: {municipality}\n  province: Utrecht\n"
    "  url: {url}\n  signed: {signed}\n  verified: e-mail\n{more}"
)


def entry(number: int, **fields: str) -> str:
    values = {
        "name": f"Stichting Proef {number:06d}",
        "municipality": "Utrecht",
        "url": f"https://org{number}.example.net/",
        "signed": "2026-01-15",
        "more": "",
    }
    return ENTRY.format(**(values | fields))


def bad_entries(size: int) -> str:
    """Entries with four mistakes each (url, date, province, an unknown field)."""
    out, total, number = [], 0, 0
    while True:
        text = (
            entry(number, url=f"www.org{number}.example.net", signed="15-01-2026").replace(
                "province: Utrecht", "province: Utreg"
            )
            + "  website: x\n"
        )
        if total + len(text) + 1 > size:
            return "\n".join(out) + "\n"
        out.append(text)
        total += len(text) + 1
        number += 1


def broken_entries(size: int) -> str:
    """Entries that are each broken YAML (an unclosed quote), so each is read on its own."""
    out, total, number = [], 0, 0
    while True:
        text = entry(number, name=f'"Stichting Proef {number:06d}')
        if total + len(text) + 1 > size:
            return "\n".join(out) + "\n"
        out.append(text)
        total += len(text) + 1
        number += 1


def long_field(field: str, size: int, folded: bool) -> str:
    value = ("Wij steunen sleutelpersonen " * (size // 28 + 1))[:size]
    if folded:  # many short lines: no line is too long, the text is
        words = value.split(" ")
        value = ">\n" + "\n".join(f"    {' '.join(words[i : i + 8])}" for i in range(0, len(words), 8))
    if field == "statement":
        return entry(0, more=f"  statement: {value}\n")
    return entry(0, **{field: value})


def front_matter(yaml_text: str) -> dict[str, str]:
    return {"content/diep.md": f"---\ntitle: Diep\n{yaml_text}\n---\nTekst.\n"}


def cases(large: bool) -> dict[str, Callable[[], dict[str, str]]]:
    sig = "signatories.yaml"
    found: dict[str, Callable[[], dict[str, str]]] = {
        "the mini project as it is (for comparison)": dict,
        "1,000 [ on one line": lambda: {sig: "[" * 1000},
        "30,000 [ on one line": lambda: {sig: "[" * 30_000},
        "30,000 [ one per line": lambda: {sig: "[\n" * 30_000},
        "30,000 {a: one per line": lambda: {sig: "{a:\n" * 30_000},
        "1,000 [ closed, one line": lambda: {sig: "[" * 1000 + "]" * 1000},
        "- - - 1,000 deep": lambda: {sig: "- " * 1000 + "x\n"},
        "- per line, 1,000 deep": lambda: {sig: "".join(" " * i + "-\n" for i in range(1000))},
        "a: per line, 1,000 deep": lambda: {sig: "".join(" " * i + "a:\n" for i in range(1000))},
        "alias bomb": lambda: {
            sig: "a: &a [x, x]\n"
            + "".join(f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        },
        "60 KB name": lambda: {sig: long_field("name", 60_000, False)},
        "60 KB municipality": lambda: {sig: long_field("municipality", 60_000, False)},
        "60 KB statement": lambda: {sig: long_field("statement", 60_000, False)},
        "60 KB name, folded lines": lambda: {sig: long_field("name", 60_000, True)},
        "60 KB statement, folded lines": lambda: {sig: long_field("statement", 60_000, True)},
        "900 KB statement, folded lines": lambda: {sig: long_field("statement", 900_000, True)},
        "front matter: 30,000 [": lambda: front_matter("tags: " + "[\n" * 30_000),
        "front matter: 1,000 deep": lambda: front_matter("".join(" " * i + "a:\n" for i in range(1000))),
        "site.yaml: 30,000 {": lambda: {"site.yaml": "title: x\nmenu: " + "{\n" * 30_000},
        "i18n/nl.yaml: 30,000 [": lambda: {"i18n/nl.yaml": "x: " + "[\n" * 30_000},
        "1 MB of bad entries": lambda: {sig: bad_entries(1_000_000)},
        "1 MB of broken entries": lambda: {sig: broken_entries(1_000_000)},
    }
    if large:
        found |= {
            f"{MAX_BYTES // 1024 // 1024} MB (the limit) of bad entries": lambda: {
                sig: bad_entries(MAX_BYTES)
            },
            f"{MAX_BYTES // 1024 // 1024} MB (the limit) of broken entries": lambda: {
                sig: broken_entries(MAX_BYTES)
            },
            "one byte over the limit": lambda: {sig: "#" * MAX_BYTES + "\n"},
            "50,000 valid signatories (9.8 MB)": lambda: {sig: signatories_yaml(50_000, random.Random(7))},
            "50,000 valid, shuffled": lambda: {sig: shuffled(signatories_yaml(50_000, random.Random(7)))},
        }
    return found


def regex_times() -> list[tuple[str, float]]:
    """The loaders' patterns on 40 KB made to make a backtracking pattern try hard."""
    from sleutelsite.load.content_images import _IMAGE
    from sleutelsite.load.signatory_text import _EMAIL, _PHONE

    texts = [
        ("e-mail pattern, 40 KB of letters", _EMAIL, "a" * 40_000),
        ("e-mail pattern, 40 KB of 'a@'", _EMAIL, "a@" * 20_000),
        ("e-mail pattern, 40 KB of 'a.'", _EMAIL, "a." * 20_000 + "@"),
        ("phone pattern, 40 KB of digits", _PHONE, "0" * 40_000),
        ("image pattern, 40 KB of '!['", _IMAGE, "![" * 20_000),
        ("image pattern, '![a](' and 40 KB of spaces", _IMAGE, "![a](" + " " * 40_000),
    ]
    found = []
    for name, pattern, text in texts:
        started = time.perf_counter()
        list(pattern.finditer(text))
        found.append((name, time.perf_counter() - started))
    return found


def shuffled(text: str) -> str:
    entries = text.split("\n\n")
    random.Random(3).shuffle(entries)
    return "\n\n".join(entries)


def run(project: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--project", str(project), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    said = (done.stderr or done.stdout).strip().split("\n")
    return seconds, done.returncode, said[0][:90] + (f"  [... {said[-1]}]" if len(said) > 1 else "")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default="", help="check only the cases whose name contains this")
    p.add_argument("--no-large", action="store_true", help="leave out the files of 10 MB and more")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        shutil.copytree(ROOT / "tests" / "fixtures" / "mini", base)
        for folder in ("templates", "static", "i18n"):
            shutil.copytree(ROOT / folder, base / folder)
        print(f"{'case':42} {'size':>9} {'seconds':>8} {'exit':>5}  first line printed")
        for name, make in cases(not args.no_large).items():
            if args.only not in name:
                continue
            project = Path(tmp) / "p"
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(base, project)
            files = make()
            for rel, text in files.items():
                (project / rel).write_text(text, encoding="utf-8")
            size = sum(len(t.encode()) for t in files.values())
            seconds, code, said = run(project)
            print(f"{name:42} {size:9,d} {seconds:8.2f} {code:5d}  {said}", flush=True)
    print()
    for name, seconds in regex_times():
        print(f"{name:52} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
