#!/usr/bin/env python3
"""Tell a signer, kindly, when a pull request changes more than signatories.yaml and a logo;
refuse one that adds build output or the build cache.

    python scripts/pr_scope.py BASE_SHA HEAD_SHA

Prints a GitHub Actions notice for extra files (that never fails the check: maintainers
review other changes separately, and signers often change a file by accident in the web
editor). A pull request that adds or changes anything under .cache/ or _site/ (or the
hidden ._site.* folders beside it) fails the check with an error: build.py makes those
itself, and the deploy workflow must never build from a cache that a pull request wrote.
"""

from __future__ import annotations

import subprocess
import sys

SIGNING_FILES = ("signatories.yaml",)
SIGNING_FOLDERS = ("static/logos/",)
BUILT_FOLDERS = (".cache/", "_site/", "._site.")  # made by build.py; never in the repository


def changed_files(base: str, head: str, deleted: bool = True) -> list[str]:
    """The files the pull request touches; without `deleted`, only those it adds or changes."""
    command = ["git", "diff", "--name-only", *([] if deleted else ["--diff-filter=d"]), f"{base}...{head}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return sorted(line for line in out.stdout.splitlines() if line)


def built_files(files: list[str]) -> list[str]:
    return [f for f in files if f.startswith(BUILT_FOLDERS)]


def refusal(files: list[str]) -> str:
    """An error for a pull request that adds or changes build output or the build cache."""
    built = built_files(files)
    if not built:
        return ""
    return (
        "::error title=Bouwresultaat in de pull request::Deze pull request voegt bestanden toe aan "
        f".cache/ of _site/: {_listed(built)}. Die maakt build.py zelf bij elke build; ze horen niet in de "
        "repository, en een build vertrouwt nooit een cache uit een pull request. Haal ze uit de "
        "pull request (bijvoorbeeld met: git rm -r --cached .cache _site) en stuur hem opnieuw. "
        "/ This pull request adds files under .cache/ or _site/, which build.py makes itself: "
        "remove them from the pull request."
    )


def other_changes(files: list[str]) -> list[str]:
    return [f for f in files if f not in SIGNING_FILES and not f.startswith(SIGNING_FOLDERS)]


def message(files: list[str]) -> str:
    others = other_changes(files)
    if "signatories.yaml" not in files or not others:
        return ""
    return (
        "::notice title=Meer dan een ondertekening::Deze pull request verandert ook andere bestanden "
        f"dan signatories.yaml en een logo: {_listed(others)}. Was dat de bedoeling? Een ondertekening hoeft "
        "alleen signatories.yaml (en eventueel een logo in static/logos/) te veranderen. Een beheerder "
        "kijkt de andere wijzigingen apart na."
    )


def _listed(files: list[str]) -> str:
    return ", ".join(files[:10]) + (" ..." if len(files) > 10 else "")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    text = message(changed_files(argv[1], argv[2]))
    print(
        text or "Deze pull request verandert alleen wat bij een ondertekening hoort, of geen ondertekening."
    )
    refused = refusal(changed_files(argv[1], argv[2], deleted=False))
    if refused:
        print(refused)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
