#!/usr/bin/env python3
"""Turn a signing form (an issue made with .github/ISSUE_TEMPLATE/onderteken.yml) into an
entry in signatories.yaml, checked as every signing pull request is.

    python scripts/sign_from_issue.py --body ISSUE.md --issue N --comment C.md --pr-body P.md

The issue's text comes from a file only (the workflow writes it there from an environment
variable). Exit codes: 0 entry added; 3 refused (C.md says why, in Dutch); 4 the list
itself has a problem (C.md says so). See sleutelsite/sign_issue.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sleutelsite.sign_issue import main

if __name__ == "__main__":
    sys.exit(main())
