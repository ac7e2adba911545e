"""The command line behind build.py: build, check, serve."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

from sleutelsite.build import build, build_date, check
from sleutelsite.describe import SCHEMA_FOLDER, write_schemas
from sleutelsite.errors import BuildError, job_summary, report_for_terminal
from sleutelsite.load import missing_translations
from sleutelsite.new import new_content
from sleutelsite.render.context import format_date
from sleutelsite.write.disk_errors import disk_problem

COMMANDS = ("build", "check", "serve", "new", "schema")


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", type=Path, default=Path.cwd(), help="project folder (default: here)")
    common.add_argument("--base-url", help="the address the site lives at, e.g. https://example.org/sub/")
    common.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of messages")
    common.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Bouwt de campagnesite Sleutelpersonen Werken. / Builds the campaign site.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common], help="build the site into _site/ (the default)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: _site)")
    b.add_argument("--no-cache", action="store_true", help="ignore and do not write .cache/ (a cold build)")
    c = sub.add_parser("check", parents=[common], help="check everything, write nothing")
    c.add_argument("--strict", action="store_true", help="also require descriptions; list untranslated pages")
    s = sub.add_parser("serve", parents=[common], help="live preview while you edit")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1", help="only change this to show the preview to others")
    s.add_argument("--open", action="store_true", help="open the preview in a browser")
    s.add_argument("--out", type=Path, default=None, help="folder for the preview (default: a temporary one)")
    n = sub.add_parser(
        "new", parents=[common], help="start a new story, page or tip (or a kind of kinds.yaml)"
    )
    n.add_argument("kind", help="story, page, tip, or a kind the project declares in kinds.yaml")
    n.add_argument("title", help='the name or title, e.g. "Amina"')
    sub.add_parser("schema", parents=[common], help="write the JSON Schema of every kind's front matter")
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """`build.py --out x` means `build.py build --out x`."""
    if not any(arg in COMMANDS for arg in argv) and not any(a in ("-h", "--help") for a in argv):
        argv = ["build", *argv]
    return parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    with warnings.catch_warnings():
        warnings.showwarning = _warning_printer(args.lang)  # an engine warning in the user's language
        return _run(args)


def _warning_printer(lang: str) -> Callable[..., None]:
    def show(message: Warning | str, category: type, filename: str, lineno: int, *_: object) -> None:
        found = getattr(message, "problem", None)
        if found is not None:
            print(f"{found.message(lang)} {found.hint(lang)}", file=sys.stderr)
        else:
            print(warnings.formatwarning(message, category, filename, lineno), end="", file=sys.stderr)

    return show


def _run(args: argparse.Namespace) -> int:
    """The command's exit code: 0 when it did its work, 1 for an editor's error, 2 for a bug."""
    project = args.project.resolve()
    try:
        if args.command == "serve":
            from sleutelsite.serve import serve

            return serve(project, args.host, args.port, args.open, args.lang, args.out)
        COMMAND_RUNS[args.command](args, project, TERMINAL[args.lang])
    except BuildError as err:
        return _report_errors(err, args.lang)
    except Exception as err:  # a bug in the generator, not in the content
        out = getattr(args, "out", None) or project / "_site"
        disk = disk_problem(err, project, out) if isinstance(err, OSError) else None
        if disk is not None:  # a full or read-only disk, no permission: not a bug
            return _report_errors(BuildError([disk]), args.lang)
        if args.debug:
            raise
        print(traceback.format_exc().splitlines()[-1], file=sys.stderr)
        print(
            "Dit is een fout in build.py zelf. Draai opnieuw met --debug en meld het als issue.",
            file=sys.stderr,
        )
        return 2
    _write_job_summary(job_summary(None, args.lang))
    return 0


def _report_errors(err: BuildError, lang: str) -> int:
    print(report_for_terminal(err, lang), file=sys.stderr)
    _write_job_summary(job_summary(err, lang))
    return 1


def _check(args: argparse.Namespace, project: Path, say: dict[str, str]) -> None:
    site = check(project, args.base_url, strict=args.strict)
    if args.strict:
        for code, sources in missing_translations(site).items():
            print(say["untranslated"].format(code=code, count=len(sources)))
            print("".join(f"  {source}\n" for source in sources), end="")
    print(_ok(say["checked"].format(pages=len(site.with_pages()), signatories=len(site.signatories))))


def _new(args: argparse.Namespace, project: Path, say: dict[str, str]) -> None:
    path, url = new_content(project, args.kind, args.title, build_date())
    print(say["new"].format(path=path.relative_to(project).as_posix(), url=url))


def _schema(args: argparse.Namespace, project: Path, say: dict[str, str]) -> None:
    changed = write_schemas(project)
    print(_ok(say["schemas"].format(count=len(changed), folder=SCHEMA_FOLDER)))
    print("".join(f"  {path.relative_to(project).as_posix()}\n" for path in changed), end="")


def _build(args: argparse.Namespace, project: Path, say: dict[str, str]) -> None:
    out = args.out if args.out is not None else project / "_site"
    started = time.perf_counter()
    result = build(project, out, args.base_url, use_cache=not args.no_cache)
    ms = (time.perf_counter() - started) * 1000
    site = result.site
    if site.next_scheduled:
        day, source = site.next_scheduled
        words = site.translations[
            args.lang if args.lang in site.translations else site.settings.default_language.code
        ]
        print(say["scheduled"].format(source=source, date=format_date(day, words)))
    pages = len(site.with_pages())
    for warning in result.warnings:  # a damaged cache: the build is fine, only slower
        print(warning.format(args.lang), file=sys.stderr)
    stats = result.stats
    print(_ok(say["built"].format(pages=pages, out=out, ms=ms, written=stats.written, same=stats.unchanged)))


# What each command but `serve` does (`serve` runs until stopped and has its own exit code).
COMMAND_RUNS: dict[str, Callable[[argparse.Namespace, Path, dict[str, str]], None]] = {
    "build": _build,
    "check": _check,
    "new": _new,
    "schema": _schema,
}


def _write_job_summary(text: str) -> None:
    """Under GitHub Actions, the summary shows on the pull request's checks page."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path and os.environ.get("GITHUB_ACTIONS") == "true":
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(text)


TERMINAL = {
    "nl": {
        "checked": "{pages} pagina's, {signatories} ondertekenaars",
        "built": "{pages} pagina's naar {out} in {ms:.0f} ms ({written} bestanden nieuw of gewijzigd, {same} gelijk)",
        "scheduled": "Gepland: {source} verschijnt op {date} (de dagelijkse publicatie zet het online).",
        "untranslated": "Nog niet vertaald naar '{code}' ({count}):",
        "new": "Nieuw: {path}. Het staat als concept (draft: true) in het voorbeeld op {url}\n"
        "Haal de regel 'draft: true' weg als het klaar is om te publiceren.",
        "schemas": "{count} schema's bijgewerkt in {folder}/",
    },
    "en": {
        "checked": "{pages} pages, {signatories} signatories",
        "built": "{pages} pages to {out} in {ms:.0f} ms ({written} files new or changed, {same} unchanged)",
        "scheduled": "Scheduled: {source} appears on {date} (the daily publication puts it online).",
        "untranslated": "Not yet translated into '{code}' ({count}):",
        "new": "New: {path}. It is a draft (draft: true), visible in the preview at {url}\n"
        "Remove the line 'draft: true' when it is ready to publish.",
        "schemas": "{count} schemas updated in {folder}/",
    },
}


def _ok(text: str) -> str:
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\033[32mOK\033[0m: {text}"
    return f"OK: {text}"
