"""Stage 3: the only code that touches the output folder.

The new site is prepared in a hidden sibling folder (`._site.prev`, which holds the site
before last) and swapped in with one atomic rename, so the output folder always holds a
complete site: the old one or the new one, even if the build is killed half way. Only
files whose bytes differ are written, always as a new file renamed into place (files
may be hard links shared with the live site, so nothing is ever changed in place); a file
equal to the live one is hard-linked from it, so its time stays and rsync and CDNs see
only real changes. The build only ever deletes inside folders it made itself (marked).

- `folders.py`: which output folder is allowed, the hidden folders beside it, the swap;
- `staging.py`: putting the files in place (`Staging`), the preview's `TreeMemory`;
- `lock.py`: one build at a time per output folder; `disk_errors.py`: a full or
  read-only disk as an editor's error.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sleutelsite.model import Packed
from sleutelsite.write.folders import MARKER, check_output_folder
from sleutelsite.write.staging import Staging, TreeMemory, WriteStats

__all__ = ["MARKER", "TreeMemory", "WriteStats", "check_output_folder", "write_site"]


def write_site(
    files: dict[PurePosixPath, bytes | Packed | Path],
    out: Path,
    project: Path,
    memory: TreeMemory | None = None,
) -> WriteStats:
    """Make `out` hold exactly `files` (bytes, packed bytes, or a file to copy), swapped in at once."""
    staging = Staging(out, project, memory)
    try:
        return staging.finish(files)
    except BaseException:
        staging.abandon()
        raise
