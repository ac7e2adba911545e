"""What the memo recalls in memory only, from one round of a long-running preview to the
next: results of cheap steps that it would make again on every save for the same values
or the very same objects (`BuildCache` is one; its `start_round` begins each round and
`forget_unused` keeps it flat). A build is one round: it makes each result directly."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import is_
from typing import TypeVar, cast

V = TypeVar("V")


class Recall:
    def __init__(self) -> None:
        self._by_value: dict[tuple[str, Hashable], object] = {}  # see `by_value`
        self._by_value_used: set[tuple[str, Hashable]] = set()
        self._by_identity: dict[Hashable, tuple[tuple[object, ...], object]] = {}  # see `by_identity`
        self._by_identity_used: set[Hashable] = set()
        self._rounds = False  # whether a round will follow this one (see start_recall_round)

    def by_value(self, ns: str, value: Hashable, make: Callable[[], V]) -> V:
        """What `make` gives for `value`, made once while an equal value is in use: for a
        value (say an entry) that is cheaper to hash and compare than `make` (its repr, a
        path object) is to make; in the preview the same values come back on every save."""
        if not self._rounds:
            return make()
        slot = (ns, value)
        self._by_value_used.add(slot)
        if slot in self._by_value:
            return cast(V, self._by_value[slot])
        found = self._by_value[slot] = make()
        return found

    def by_identity(self, slot: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        """What `make` gave last time for `slot`, while its `inputs` are the very same
        objects (compared with `is`, never looked into: a list of entries, a dict of
        words), else made again. For what follows from values that are never changed once
        made (the entries, the memo's own results) and are costly to hash or compare: in
        the preview the same objects come back on every save. One result per slot."""
        if not self._rounds:
            return make()
        self._by_identity_used.add(slot)
        last = self._by_identity.get(slot)
        if last is not None:
            known, value = last
            if len(known) == len(inputs) and all(map(is_, known, inputs)):  # (in C: no frames)
                return cast(V, value)
        made = make()
        self._by_identity[slot] = (inputs, made)
        return made

    def start_recall_round(self) -> None:
        self._rounds = True
        self._by_value_used = set()
        self._by_identity_used = set()

    def forget_unrecalled(self) -> None:
        """Drop what the round did not use (most is used: the set difference is in C)."""
        for slot in self._by_value.keys() - self._by_value_used:
            del self._by_value[slot]
        for gone in self._by_identity.keys() - self._by_identity_used:
            del self._by_identity[gone]
