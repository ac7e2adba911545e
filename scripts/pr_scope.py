#!/usr/bin/env python3
"""Tell a signer, kindly, when a pull request changes more than signatories.yaml and a logo.

    python scripts/pr_scope.py BASE_SHA HEAD_SHA

Prints a GitHub Actions notice (never fails the check): maintainers review other
changes separately, and signers often change a file by accident in the web editor.
"""

from __future__ import annotations

import subprocess
import sys

SIGNING_FILES = ("signatories.yaml",)
SIGNING_FOLDERS = ("static/logos/",)


def changed_files(base: str, head: str) -> list[str]:
    out = subprocess.run(
        ["git", "diff", "--name-only", f"{base}...{head}"], capture_output=True, text=True, check=True
    )
    return sorted(line for line in out.stdout.splitlines() if line)


def other_changes(files: list[str]) -> list[str]:
    return [f for f in files if f not in SIGNING_FILES and not f.startswith(SIGNING_FOLDERS)]


def message(files: list[str]) -> str:
    others = other_changes(files)
    if "signatories.yaml" not in files or not others:
        return ""
    listed = ", ".join(others[:10]) + (" ..." if len(others) > 10 else "")
    return (
        "::notice title=Meer dan een ondertekening::Deze pull request verandert ook andere bestanden "
        f"dan signatories.yaml en een logo: {listed}. Was dat de bedoeling? Een ondertekening hoeft "
        "alleen signatories.yaml (en eventueel een logo in static/logos/) te veranderen. Een beheerder "
        "kijkt de andere wijzigingen apart na."
    )


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    text = message(changed_files(argv[1], argv[2]))
    print(
        text or "Deze pull request verandert alleen wat bij een ondertekening hoort, of geen ondertekening."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
