"""How the build is made fast, kept apart from what it does.

- `plan.Plan`: every threshold: how many processes, and when sharing work pays.
- `runner`: what the stages see: a runner's `map` and `start`, the SerialRunner, and
  `make_runner`, which picks the runner for a plan.
- `forked`: the ForkedRunner, which shares work over forked worker processes; `pipe`: how
  a worker's answer comes back to the build process.
- `collector.young_garbage_only`: the garbage collector's settings during a build (and a
  preview's rebuild); `collect_all_garbage`: the full collection a preview makes meanwhile.

The memo (the content-hash cache, `sleutelsite/cache/__init__.py`) is the other half: a runner
hands each worker's new memo entries back to the build process (`runner.Shared`).
"""

from __future__ import annotations

from sleutelsite.speed.collector import collect_all_garbage, young_garbage_only
from sleutelsite.speed.forked import ForkedRunner
from sleutelsite.speed.plan import Plan, cores
from sleutelsite.speed.runner import Job, SerialRunner, Shared, make_runner

__all__ = [
    "ForkedRunner",
    "Job",
    "Plan",
    "SerialRunner",
    "Shared",
    "collect_all_garbage",
    "cores",
    "make_runner",
    "young_garbage_only",
]
