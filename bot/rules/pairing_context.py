"""Private to ``bot.rules.pairing``: what its exact search and its large-round matching share.

The role counts and groups the rule speaks in (``RoleCounts``, ``Group``, published by
``bot.rules.pairing``), the balance limit, the strain of a member's role balance, and
``_Context``: a round's members as indices in seeded order with what the rules need.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

BALANCE_LIMIT = 2  # |helper - bringer| beyond this is avoided before repeats are

_STRAIN_BASE = 16  # above the largest exact round, so one member at |d|+1 outweighs all at |d|
_STRAIN_CAP = 15  # |helper - bringer| beyond this is not told apart (keeps the numbers small)


@dataclass(frozen=True)
class RoleCounts:
    """How often a member had each role in the channel's past rounds (their first turn only),
    and how many of those rounds they spent in a trio (``observer`` counts some of them)."""

    helper: int = 0
    bringer: int = 0
    observer: int = 0
    trios: int = 0


@dataclass(frozen=True)
class Group:
    """A pair (``observer`` is None) or a trio, with each member's role for the first turn."""

    helper: str
    bringer: str
    observer: str | None = None

    @property
    def members(self) -> tuple[str, ...]:
        """The members in role order: helper, bringer, then the observer of a trio."""
        if self.observer is None:
            return (self.helper, self.bringer)
        return (self.helper, self.bringer, self.observer)


def _strain(diff: int) -> int:
    return _STRAIN_BASE ** min(abs(diff), _STRAIN_CAP)


def _due_key(observer: int, trios: int) -> tuple[bool, int, Fraction]:
    """Who observes first, lowest first (see ``bot.rules.pairing``): not someone who observed
    in every trio so far, the fewest observer turns, the lowest share with this trio."""
    return (observer == trios > 0, observer, Fraction(observer + 1, trios + 1))


def _turn_key(observer: int, trios: int) -> tuple[bool, int]:
    """``_due_key`` without the share: what the grouping is steered by (see ``_Context``)."""
    return (observer == trios > 0, observer)


def _ranks(
    counts: Sequence[RoleCounts], key: Callable[[int, int], tuple[object, ...]]
) -> list[int]:
    """Each member's rank by ``key(observer, trios)``, lowest first (equal keys, equal ranks).

    ``trios`` is taken as at least ``observer``: every observer turn was in a trio. Ranks
    rather than the keys themselves: the exact search adds its costs as integers.
    """
    pairs = [(max(c.observer, 0), max(c.trios, c.observer, 0)) for c in counts]
    keys = {c: key(*c) for c in set(pairs)}
    order = sorted(set(keys.values()))
    rank = {k: r for r, k in enumerate(order)}
    return [rank[keys[c]] for c in pairs]


class _Context:
    """The round's members as indices 0..n-1 (seeded order) with what the rules need."""

    def __init__(
        self,
        members: list[str],
        recent_partners: Mapping[str, Collection[str]],
        roles: Mapping[str, RoleCounts],
        seed: str,
    ) -> None:
        self.ids = members
        self.seed = seed
        n = len(members)
        index = {m: i for i, m in enumerate(members)}
        # Symmetric on purpose: a pair is a repeat if either side lists the other.
        self.recent: list[set[int]] = [set() for _ in range(n)]
        for i, m in enumerate(members):
            for partner in recent_partners.get(m, ()):
                j = index.get(partner)
                if j is not None and j != i:
                    self.recent[i].add(j)
                    self.recent[j].add(i)
        counts = [roles.get(m, RoleCounts()) for m in members]
        self.diff = [c.helper - c.bringer for c in counts]
        # The trio's observer is the most due (``_due_key``), but the grouping is steered only
        # by the coarser ``_turn_key``: ranking the trio by the share too leaves the strain
        # fewer equally good groupings to choose from, and |helper - bringer| then reached 3
        # in simulated channels where it otherwise stays within 2.
        self.due = _ranks(counts, _due_key)
        self.turn = _ranks(counts, _turn_key)
        self._ties: dict[int, str] = {}

    def tie(self, i: int) -> str:
        """SHA-256 of seed and member id: the last word between members that are otherwise equal."""
        key = self._ties.get(i)
        if key is None:
            key = hashlib.sha256(f"{self.seed}:{self.ids[i]}".encode()).hexdigest()
            self._ties[i] = key
        return key

    def helper_first(self, a: int, b: int) -> tuple[int, int]:
        """(helper, bringer) of a pair: the lower ``helper - bringer`` helps."""
        if (self.diff[a], self.tie(a)) <= (self.diff[b], self.tie(b)):
            return a, b
        return b, a

    def pair_over(self, a: int, b: int) -> int:
        """How many of a pair end the round past ``BALANCE_LIMIT`` (helper +1, bringer -1)."""
        low, high = sorted((self.diff[a], self.diff[b]))
        return int(abs(low + 1) > BALANCE_LIMIT) + int(abs(high - 1) > BALANCE_LIMIT)

    def pair_strain(self, a: int, b: int) -> int:
        """The strain of a pair after the round: helper's difference +1, bringer's -1."""
        low, high = sorted((self.diff[a], self.diff[b]))
        return _strain(low + 1) + _strain(high - 1)

    def observer_of(self, trio: tuple[int, int, int]) -> int:
        """The trio's observer: most due, then leaves the best balanced pair, then hash."""

        def key(i: int) -> tuple[int, int, str]:
            a, b = (j for j in trio if j != i)
            return (self.due[i], self.pair_strain(a, b), self.tie(i))

        return min(trio, key=key)

    def group_of(self, members: tuple[int, ...]) -> Group:
        """The ``Group`` with roles for a pair or trio of indices."""
        observer: int | None = None
        rest = members
        if len(members) == 3:
            observer = self.observer_of((members[0], members[1], members[2]))
            rest = tuple(i for i in members if i != observer)
        helper, bringer = self.helper_first(rest[0], rest[1])
        return Group(
            helper=self.ids[helper],
            bringer=self.ids[bringer],
            observer=None if observer is None else self.ids[observer],
        )
