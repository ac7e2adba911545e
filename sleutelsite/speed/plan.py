"""Every speed threshold of the build, in one place: when work is shared over processes.

The stages never read these: they name the work ("pages", "signatories") when they hand
it to the runner, and the runner asks the plan. Each figure was measured on the sizes
`benchmarks/run.py` builds (small 50, medium 1,000 and large 10,000 stories) on a
2-core machine; see the README's "Speed".
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


# Items of a map from which it is shared out over processes. Measured: the small
# benchmark's 70 pages shared over two processes 0.57 s, in one 0.61 s (wall); the real
# site's 23 pages as fast either way; the medium's 1,020 pages 3.3 s against 4.7 s.
_SHARED_FROM = MappingProxyType(
    {
        "pages": 50,  # pages to render that are not in the cache
        # groups of 500 signatories (from 8,000 entries): the large benchmark's 100 groups
        # shared cut its cold build from 44-47 s to 35-41 s
        "signatory groups": 16,
        # pictures to convert that are not in the cache (4000 x 3000 phone photos, about a
        # second of CPU each; benchmarks/picture_sharing.py on 2 cores shared with other
        # work, load 7, cold builds): 1 photo 1.8 s here against 2.1 s shared, 2 photos
        # 2.5 s either way, 3 and 4 too noisy to tell (5.2-10.4 s against 7.3-9.0 s),
        # 8 photos 16.8 s against 6.7 s. A fork costs milliseconds; from 4 it surely pays.
        "images": 4,
        # share cards to draw (benchmarks/card_speed.py, 2 cores, loaded machine): 32 cards
        # 0.37 s here against 0.41 s over two processes, 750 cards 8.6 s against 6.4 s
        "share cards": 64,
    }
)
# The size of a job's input from which it runs in another process meanwhile.
_BACKGROUND_FROM = MappingProxyType(
    {
        # bytes of signatories.yaml, parsed while content/ is read: medium (300 KB)
        # 3.2-3.3 s against 3.4-3.7 s, large 35-41 s against 45-49 s
        "signatories": 256 * 1024,
        # signatories + stories: exports and feeds made while pages render (large: 35-41 s
        # against 41-42 s, and 30 MB less at the peak)
        "data files": 10_000,
        # characters of the toolkit's texts whose Word files are not in the memo: any. Two
        # files take half a second, while the share cards and pictures are made here
        "word files": 1,
        # pictures to convert that are not in the cache: from one (the real site's three
        # take a quarter of a second, while the templates and the map are made here); from
        # "images" above the job shares them out in turn
        "pictures": 1,
        # share cards to draw (named before they are drawn, so the pages render meanwhile;
        # from 64 the job shares them out in turn, as "share cards" above): 2-4 ms each
        "share cards": 8,
    }
)

# The size from which a job runs in this process after all, when its result is asked for:
# a job answers once, with every result at once (and twice that while it is unpickled).
# The large benchmark's 10,000 share cards are 250 MB: as a job they took the build
# process from 547 to 715 MB; drawn when asked for, as a shared map, 8 at a time come back.
# Pictures likewise: from 4 (as "images" above) the job would hold every picture's files
# at once; drawn when asked for, they come back 8 at a time.
_BACKGROUND_BELOW = MappingProxyType({"share cards": 2000, "pictures": 4})

# How much lower than the build process a job's process runs (its niceness), so that it
# takes what the build process and the jobs it waits for leave of the cores. The pictures,
# the longest job of a small site, run at the build's own priority: the pages wait for
# them. The Word files are needed before the pages too but are short, so they yield to
# the pictures; the share cards are needed only at the build's end and yield to both.
# The real site's cold build (wall, 7 runs each, twice, interleaved): Word files 0 and
# cards 10 medians 0.86 and 0.84 s; 5 and 19: 0.82 and 0.81 s; 10 and 19: 0.80 and 0.81 s.
_NICENESS = MappingProxyType({"word files": 10, "share cards": 19})

# Pages of a build from which their HTML is held compressed until written (model.Packed):
# the large benchmark's 10,716 pages are 280 MB of HTML, all held at once in the build
# process until the write stage. Compressed in the render workers (zlib level 1).
_PACKED_FROM = MappingProxyType({"pages": 5000})


@dataclass(frozen=True)
class Plan:
    """How a build shares its work: `workers` processes at most (1: all work in this
    process), and per kind of work the amount from which sharing pays."""

    workers: int = 1
    shared_from: Mapping[str, int] = field(default_factory=lambda: _SHARED_FROM)
    background_from: Mapping[str, int] = field(default_factory=lambda: _BACKGROUND_FROM)
    background_below: Mapping[str, int] = field(default_factory=lambda: _BACKGROUND_BELOW)
    niceness: Mapping[str, int] = field(default_factory=lambda: _NICENESS)
    packed_from: Mapping[str, int] = field(default_factory=lambda: _PACKED_FROM)
    chunk: int = 8  # items a worker takes at a time: a slow one simply takes fewer

    @classmethod
    def for_machine(cls, available: int | None = None) -> Plan:
        """One worker per core (at most 8), where processes can be forked."""
        count = available if available is not None else cores()
        return cls(workers=min(count, 8) if hasattr(os, "fork") else 1)

    @classmethod
    def serial(cls) -> Plan:
        """Everything in this process, in order (the preview of a small site, tests)."""
        return cls(workers=1)

    @classmethod
    def sharing_everything(cls, workers: int = 2) -> Plan:
        """Every map shared and every job in another process, however small (for tests:
        the forked paths with tiny sites)."""
        return cls(
            workers=workers,
            shared_from={kind: 1 for kind in _SHARED_FROM},
            background_from={kind: 0 for kind in _BACKGROUND_FROM},
            background_below={},
            packed_from={kind: 1 for kind in _PACKED_FROM},
            chunk=1,
        )

    def workers_for(self, kind: str, items: int) -> int:
        """Processes to share a map of `items` of this kind over (1: do it here)."""
        if self.workers < 2 or items < self.shared_from.get(kind, _NEVER):
            return 1
        return min(self.workers, -(-items // self.chunk))

    def packs(self, kind: str, count: int) -> bool:
        """Whether `count` results of this kind are held compressed until written."""
        return count >= self.packed_from.get(kind, _NEVER)

    def in_background(self, kind: str, size: int) -> bool:
        """Whether a job of this kind and input size runs in another process meanwhile."""
        least, most = self.background_from.get(kind, _NEVER), self.background_below.get(kind, _NEVER)
        return self.workers >= 2 and least <= size < most


_NEVER = 2**62
