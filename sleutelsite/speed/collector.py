"""The garbage collector during a build: young garbage collected, the old never walked.

A build makes its long-lived objects (the loaded site, templates, the pages made of it)
early and keeps them to the end; Python's full collections walk all of them again and
again for nothing (1.0 s of CPU on the large benchmark). A forked worker would also
copy every memory page such a walk touches.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_OLDEST_EVERY = 1_000_000  # collections of the middle generation between full ones: never, in a build


@contextmanager
def young_garbage_only() -> Iterator[None]:
    """Within: no full collections; the young generations as usual. Restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], _OLDEST_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def collect_all_garbage() -> None:
    """A full collection, for a long-running process while it waits: the preview once the
    browser was told of a rebuild, so that the next save does not pay for what
    `young_garbage_only` left (full collections took 20 ms each, every third save, on
    the medium benchmark; the young ones 7 ms a save)."""
    gc.collect()
