"""The speed targets, each judged PASS or MISS on the medians of one benchmarks/run.py run.

Machines differ from run to run, ratios within one run hold: so a target is a ratio to a
baseline measured in the same run, or a fixed figure where the target is one (a rebuild in
`serve` within 100 ms, peak memory within 600 MB). A target whose size was not measured
is SKIP, with why. Pure: `judge` reads figures and times nothing (tests/test_benchmarks.py).

`sizes` maps a size name ("medium") to its row of medians as run.py's `measure` returns it
(seconds, MB); `real` holds the real site's medians: "cold" and "warm" (seconds) and
"status_edit" (seconds from saving gemeenten/amsterdam.yaml to the rebuilt page served).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, float]


@dataclass(frozen=True)
class Verdict:
    outcome: str  # "PASS", "MISS" or "SKIP"
    name: str
    figure: str  # what was measured, or why it was not
    target: str

    def line(self) -> str:
        return f"{self.outcome} {self.name}: {self.figure} (target {self.target})"


@dataclass(frozen=True)
class Target:
    name: str
    needs: tuple[str, ...]  # sizes, and "real" for the real site
    value: Callable[[Mapping[str, Row]], float]
    limit: float
    unit: str  # "x" (a ratio), "ms" or "MB"
    detail: Callable[[Mapping[str, Row]], str]  # the medians the value comes from
    strictly: bool = False  # below the limit, not at it ("faster than")
    target: str = ""  # how the target reads, if not "<= limit unit"

    def judge(self, figures: Mapping[str, Row]) -> Verdict:
        missing = [need for need in self.needs if need not in figures]
        wanted = self.target or f"<= {self.limit:g} {self.unit}"
        if missing:
            return Verdict("SKIP", self.name, _not_run(missing[0], "real" in self.needs), wanted)
        value = self.value(figures)
        met = value < self.limit if self.strictly else value <= self.limit
        shown = f"{value:.3f} x" if self.unit == "x" else f"{value:.0f} {self.unit}"
        return Verdict("PASS" if met else "MISS", self.name, f"{shown} ({self.detail(figures)})", wanted)


def _not_run(need: str, for_real_site: bool) -> str:
    if need == "real":
        return "the real site was not measured"
    if for_real_site:
        return f"size {need} was not run, whose plain baseline this compares with (add it to --sizes)"
    return f"size {need} was not run (add it to --sizes)"


Figure = tuple[str, str, str]  # (label, row, key): ("cold", "medium", "cold")


def _ratio(name: str, top: Figure, bottom: Figure, limit: float, **options: Any) -> Target:
    """The target top / bottom <= limit, shown with both medians in seconds."""
    return Target(
        name,
        tuple(dict.fromkeys((top[1], bottom[1]))),
        lambda f: f[top[1]][top[2]] / f[bottom[1]][bottom[2]],
        limit,
        "x",
        lambda f: ", ".join(f"{label} {f[row][key]:.2f} s" for label, row, key in (top, bottom)),
        **options,
    )


def _peak(row: Row) -> float:
    return max(row["rss"], row["worker"])


PLAIN_MEDIUM = ("plain medium", "medium", "baseline")
TARGETS = (
    _ratio("medium cold / plain baseline", ("cold", "medium", "cold"), ("plain", "medium", "baseline"), 0.35),
    _ratio(
        "medium cold / baseline_pool",
        ("cold", "medium", "cold"),
        ("pool", "medium", "pool"),
        1.0,
        strictly=True,
        target="< 1 x: faster than baseline_pool",
    ),
    _ratio(
        "medium cold CPU / plain baseline CPU",
        ("CPU", "medium", "cpu"),
        ("plain CPU", "medium", "baseline_cpu"),
        0.6,
    ),
    _ratio("medium warm / plain baseline", ("warm", "medium", "warm"), ("plain", "medium", "baseline"), 0.12),
    Target(
        "medium one-story rebuild in serve",
        ("medium",),
        lambda f: f["medium"]["serve"] * 1000,
        100,
        "ms",
        lambda f: "median of 20 edits",
    ),
    _ratio("large cold / plain baseline", ("cold", "large", "cold"), ("plain", "large", "baseline"), 0.3),
    Target(
        "large peak memory",
        ("large",),
        lambda f: _peak(f["large"]),
        600,
        "MB",
        lambda f: f"build process {f['large']['rss']:.0f} MB, largest worker {f['large']['worker']:.0f} MB",
    ),
    _ratio("real site cold / plain baseline (medium)", ("cold", "real", "cold"), PLAIN_MEDIUM, 0.3),
    _ratio("real site warm / plain baseline (medium)", ("warm", "real", "warm"), PLAIN_MEDIUM, 0.1),
    Target(
        "real site status edit in serve",
        ("real",),
        lambda f: f["real"]["status_edit"] * 1000,
        100,
        "ms",
        lambda f: "gemeenten/amsterdam.yaml saved to /gemeenten/amsterdam/ served, median of 20 edits",
    ),
)


def judge(sizes: Mapping[str, Row], real: Row | None) -> list[Verdict]:
    """A verdict per target, in TARGETS' order."""
    figures: dict[str, Row] = dict(sizes)
    if real is not None:
        figures["real"] = real
    return [target.judge(figures) for target in TARGETS]
