"""How the build is made fast, kept apart from what it does.

- `plan.Plan`: every threshold: how many processes, and when sharing work pays.
- `runner`: a SerialRunner or a ForkedRunner; stages hand their work to `map` and `start`.
- `collector.young_garbage_only`: the garbage collector's settings during a build.

The memo (the content-hash cache, `sleutelsite/cache/__init__.py`) is the other half: a runner
hands each worker's new memo entries back to the build process (`runner.Shared`).
"""

from __future__ import annotations

from sleutelsite.speed.collector import young_garbage_only
from sleutelsite.speed.plan import Plan, cores
from sleutelsite.speed.runner import ForkedRunner, Job, SerialRunner, Shared, make_runner

__all__ = [
    "ForkedRunner",
    "Job",
    "Plan",
    "SerialRunner",
    "Shared",
    "cores",
    "make_runner",
    "young_garbage_only",
]
