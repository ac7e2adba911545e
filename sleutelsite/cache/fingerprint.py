"""What salts every key of the memo: the engine's own source and the versions of the
libraries whose output it keeps, so a new version of either never reads an old result.
Versions are read from the packages' files, without importing them (a warm build never
imports Markdown or Pillow, and importlib.metadata alone costs more than its lookups).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path


def engine_fingerprint() -> str:
    """A hash of every module of sleutelsite and of the library versions: the salt of every key."""
    digest = hashlib.blake2b(digest_size=16)
    engine = Path(__file__).parent.parent  # every module of sleutelsite, in every package
    for file in sorted(engine.rglob("*.py")):
        digest.update(file.relative_to(engine).as_posix().encode() + b"\0" + file.read_bytes())
    digest.update(library_versions().encode())
    return digest.hexdigest()


def library_versions() -> str:
    """The versions of the libraries whose output we keep, without importlib.metadata
    (whose import alone cost more than a warm build's page lookups) and without importing
    Markdown, which a warm build never needs."""
    import jinja2
    import yaml

    return (
        f"Jinja2={jinja2.__version__} PyYAML={yaml.__version__} Markdown={markdown_release()}"
        f" selectolax={selectolax_release()}"  # the safety check's HTML parser
        f" python-docx={package_release('docx')}"  # the toolkit's Word file
        f" Pillow={pillow_release()}"  # the pictures' files (render/images.py)
    )


def markdown_release() -> str:
    """Python-Markdown's version tuple, read from its __meta__.py without importing it."""
    return _release("markdown", "__meta__.py", r"^__version_info__\s*=\s*(.+)$")


def selectolax_release() -> str:
    """selectolax's version, read from its __init__.py without importing it."""
    return package_release("selectolax")


def package_release(package: str) -> str:
    """A package's `__version__ = "..."`, read from its __init__.py without importing it."""
    return _release(package, "__init__.py", r'^__version__ = "(.+)"$')


def pillow_release() -> str:
    """Pillow's version, read from PIL/_version.py without importing Pillow (50 ms)."""
    return _release("PIL", "_version.py", r'^__version__ = "(.+)"$')


def _release(package: str, file: str, pattern: str) -> str:
    """A package's version as its `file` (beside its __init__.py) states it; else a hash
    of that file, so that a changed file still changes the cache's salt."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "missing"
    text = Path(spec.origin).with_name(file).read_text(encoding="utf-8")
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1).strip() if found else hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
