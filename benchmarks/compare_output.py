#!/usr/bin/env python3
"""Do two commits' engines write the same site? Builds the real site and the medium
project with the engine of commit A and of commit B and compares the output file by file.

    python benchmarks/compare_output.py A B [--projects real,medium] [--stories 1000 --signatories 2000]
                                            [--listed 40] [--keep FOLDER]

Each commit is unpacked with `git archive` into a folder of its own (the engine, its
templates, static files and real content, as a fresh clone would have them); each build
gets its own copy of its project (the real site: the commit's own tree; the medium project:
made by that commit's benchmarks/generate.py, seeded, so the same stories) and runs as
`python build.py build --no-cache` with SOURCE_DATE_EPOCH set to benchmarks/run.py's TODAY.
Where the two commits' projects themselves differ (what a build reads: content, templates,
static files, settings), the files are named first, each with the commits in A..B that
changed it: a difference in output may come from there.

Links are compared as the addresses they lead to: in every HTML file each relative href, src
and srcset address is resolved against the page's own published address (under the path of
site.yaml's base_url: "../tips/" on /sub/verhalen/naam/ is "/sub/tips/"), so an engine that
writes site paths ("/sub/tips/") and one that writes relative links give the same text when
they link the same pages.

Prints, per project, how many files are identical, differ, or exist on one side only, then each
differing file with its first differing line (after the links are resolved). Exit code 1 if
any file differs or exists on one side only, 0 if both outputs are the same.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)  # benchmarks/run.py's build date
EPOCH = str(calendar.timegm((TODAY.year, TODAY.month, TODAY.day, 12, 0, 0)))
READ_BY_A_BUILD = ("content", "templates", "static", "i18n", "gemeenten", "data")
SETTINGS = ("site.yaml", "signatories.yaml", "kinds.yaml")
LINK = re.compile(r"""(\s(?:href|src|srcset)=)(["'])(.*?)\2""", re.DOTALL)
ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")  # a scheme, a site path, //host or an anchor
HOST = "https://compare.invalid"


@dataclass
class Comparison:
    """What two output folders hold, file by file (paths relative to the folder)."""

    identical: list[str] = field(default_factory=list)
    link_form_only: list[str] = field(default_factory=list)  # identical once links are resolved
    differing: list[tuple[str, str]] = field(default_factory=list)  # (path, first differing line)
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.differing or self.only_a or self.only_b)


def resolved_links(html: str, page: str) -> str:
    """The page with every relative href/src/srcset address resolved against `page`
    (its site path, e.g. "/verhalen/naam/index.html"): "../tips/" becomes "/tips/"."""
    base = HOST + page

    def one(address: str) -> str:
        if not address or ABSOLUTE.match(address):
            return address
        return urljoin(base, address)[len(HOST) :]

    def attribute(m: re.Match[str]) -> str:
        value = m.group(3)
        if m.group(1).strip().startswith("srcset"):
            parts = []
            for candidate in value.split(","):
                lead = candidate[: len(candidate) - len(candidate.lstrip())]
                address, _, descriptor = candidate.strip().partition(" ")
                parts.append(lead + one(address) + (" " + descriptor if descriptor else ""))
            value = ",".join(parts)
        else:
            value = one(value)
        return f"{m.group(1)}{m.group(2)}{value}{m.group(2)}"

    return LINK.sub(attribute, html)


def normalised(data: bytes, rel: str, base_path: str) -> bytes:
    """A file's bytes with, in HTML, every relative link resolved (see `resolved_links`)."""
    if not rel.endswith((".html", ".htm")):
        return data
    return resolved_links(data.decode("utf-8"), f"{base_path}/{rel}").encode("utf-8")


def base_path(project: Path) -> str:
    """The path the site is published at, from site.yaml's base_url ("" at a domain's root,
    "/sub" under a subpath): site paths are written under it, so relative links resolve there."""
    import yaml

    settings = yaml.safe_load((project / "site.yaml").read_text(encoding="utf-8")) or {}
    return urlsplit(str(settings.get("base_url", "/"))).path.rstrip("/")


def first_difference(a: bytes, b: bytes) -> str:
    """'line N: <A's line> | <B's line>' (each cut to 160 characters), or the sizes for binary files."""
    try:
        lines_a, lines_b = a.decode("utf-8").split("\n"), b.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return f"binary, {len(a):,} vs {len(b):,} bytes"
    for number, (x, y) in enumerate(zip(lines_a, lines_b, strict=False), start=1):
        if x != y:
            return f"line {number}: {_cut(x)!r} | {_cut(y)!r}"
    shorter = min(len(lines_a), len(lines_b))
    return f"line {shorter + 1}: {len(lines_a)} vs {len(lines_b)} lines"


def _cut(line: str, width: int = 160) -> str:
    line = line.strip()
    return line if len(line) <= width else line[: width - 3] + "..."


def compare_trees(a: Path, b: Path, base: str = "") -> Comparison:
    """The two output folders compared file by file, links resolved against pages published
    under `base` (see `base_path`)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    result = Comparison(only_a=sorted(files_a - files_b), only_b=sorted(files_b - files_a))
    for rel in sorted(files_a & files_b):
        raw_a, raw_b = (a / rel).read_bytes(), (b / rel).read_bytes()
        if raw_a == raw_b:
            result.identical.append(rel)
            continue
        one, other = normalised(raw_a, rel, base), normalised(raw_b, rel, base)
        if one == other:
            result.identical.append(rel)
            result.link_form_only.append(rel)
        else:
            result.differing.append((rel, first_difference(one, other)))
    return result


def unpack(commit: str, dest: Path) -> str:
    """The commit's tracked files in `dest`; returns its short hash."""
    short = subprocess.run(
        ["git", "rev-parse", "--short", commit], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    )
    tar_path = dest.parent / f"{dest.name}.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(dest, filter="data")
    tar_path.unlink()
    return short


def project_copy(tree: Path, name: str, dest: Path, stories: int, signatories: int) -> Path:
    """The project to build: the commit's real site, or the medium project made by its generator."""
    if name == "real":
        keep = shutil.ignore_patterns(".git", "_site", ".cache", "tests")
        shutil.copytree(tree, dest, ignore=keep)
    else:
        command = [sys.executable, str(tree / "benchmarks" / "generate.py"), str(dest)]
        command += ["--stories", str(stories), "--signatories", str(signatories)]
        subprocess.run(command, cwd=tree, check=True, capture_output=True, env=_env())
    return dest


def build(tree: Path, project: Path, out: Path) -> None:
    command = [sys.executable, str(tree / "build.py"), "build", "--project", str(project), "--out", str(out)]
    made = subprocess.run([*command, "--no-cache"], cwd=tree, capture_output=True, text=True, env=_env())
    if made.returncode != 0:
        raise SystemExit(
            f"build of {project} with {tree.name} failed:\n{made.stdout[-2000:]}{made.stderr[-3000:]}"
        )


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # each tree imports its own engine
    return {**env, "SOURCE_DATE_EPOCH": EPOCH}


def differing_inputs(a: Path, b: Path) -> list[str]:
    """What a build reads that differs between the two projects (a folder-free list of paths)."""
    found = []
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    for rel in sorted(names):
        if rel.split("/")[0] not in READ_BY_A_BUILD and rel not in SETTINGS:
            continue
        one, other = a / rel, b / rel
        if not (one.is_file() and other.is_file() and one.read_bytes() == other.read_bytes()):
            found.append(rel)
    return found


def commits_changing(path: str, a: str, b: str) -> list[str]:
    """'hash subject' of each commit in a..b that changed `path` (newest first)."""
    log = subprocess.run(
        ["git", "log", "--format=%h %s", f"{a}..{b}", "--", path], cwd=ROOT, capture_output=True, text=True
    )
    return [_cut(line, 100) for line in log.stdout.splitlines()]


def report(name: str, result: Comparison, inputs: list[str], listed: int, commits: tuple[str, str]) -> None:
    total = len(result.identical) + len(result.differing) + len(result.only_a) + len(result.only_b)
    print(
        f"{name}: {total} files: {len(result.identical)} identical "
        f"({len(result.link_form_only)} of them once links are resolved), {len(result.differing)} differ, "
        f"{len(result.only_a)} only in A, {len(result.only_b)} only in B"
    )
    if inputs:
        print(f"  the two projects differ in {len(inputs)} input files:")
        for rel in inputs[:listed]:
            changed = commits_changing(rel, *commits) or ["(not by a commit in A..B)"]
            print(
                f"    {rel}: {'; '.join(changed[:3])}"
                + (f"; and {len(changed) - 3} more" if len(changed) > 3 else "")
            )
    for label, paths in (("only in A", result.only_a), ("only in B", result.only_b)):
        for rel in paths[:listed]:
            print(f"  {label}: {rel}")
        if len(paths) > listed:
            print(f"  ... and {len(paths) - listed} more only in {label[-1]}")
    for rel, line in result.differing[:listed]:
        print(f"  differs: {rel}: {line}")
    if len(result.differing) > listed:
        print(f"  ... and {len(result.differing) - listed} more differing files")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("a", help="the commit before (any name git knows)")
    p.add_argument("b", help="the commit after")
    p.add_argument("--projects", default="real,medium", help="real, medium or both (default)")
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--signatories", type=int, default=2000)
    p.add_argument("--listed", type=int, default=40, help="differing files listed per project (default 40)")
    p.add_argument(
        "--keep", type=Path, help="build in this (new) folder and keep it, instead of a temporary one"
    )
    args = p.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-output-"))
    try:
        trees = {side: work / f"tree-{side}" for side in "AB"}
        shorts = {side: unpack(commit, trees[side]) for side, commit in (("A", args.a), ("B", args.b))}
        print(
            f"A = {shorts['A']}, B = {shorts['B']}; built with --no-cache, SOURCE_DATE_EPOCH={EPOCH} ({TODAY})"
        )
        same = True
        for name in args.projects.split(","):
            projects = {}
            for side in "AB":
                projects[side] = project_copy(
                    trees[side], name, work / f"{name}-{side}", args.stories, args.signatories
                )
                build(trees[side], projects[side], work / f"{name}-{side}-out")
            bases = {base_path(projects[side]) for side in "AB"}
            if len(bases) > 1:
                raise SystemExit(
                    f"{name}: the two projects are published at different paths: {sorted(bases)}"
                )
            result = compare_trees(work / f"{name}-A-out", work / f"{name}-B-out", bases.pop())
            label = "real site" if name == "real" else f"medium project ({args.stories}/{args.signatories})"
            report(
                label, result, differing_inputs(projects["A"], projects["B"]), args.listed, (args.a, args.b)
            )
            same = same and result.same
        return 0 if same else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
