#!/usr/bin/env python3
"""Sleutelpersonen Werken: build, check or preview the campaign site. See README.md."""

import sys

from sleutelsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
