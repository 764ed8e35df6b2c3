"""Pairing of a channel's practice round: who practises with whom today, and in which role.

``plan_round`` takes the members who joined today's round, whom each of them was grouped with in
the channel's recent rounds, their role counts and a seed, and returns a ``RoundPlan``:

- Everyone who joined gets an outcome (duplicates in ``joined`` count once). Nobody joined: an
  empty plan. One member: the solo exercise. Otherwise groups of two; an odd count makes exactly
  one trio.
- **Nobody past two first.** The plan first minimises the members who end the round with
  ``|helper - bringer| > 2`` (``BALANCE_LIMIT``): practising the helper role is the point of a
  round, so someone three turns behind on it matters more than meeting a recent partner again.
  With random joins it can still be forced (two members at -2 alone in a round: one of them
  helps, the other ends at -3); then it is the fewest possible.
- **Then repeats.** The plan minimises the member pairs inside groups that were partners in
  the window (a trio holds three member pairs). A pair counts as a repeat if either side lists
  the other in ``recent_partners``.
- **Roles.** In a pair the member with the lower ``helper - bringer`` becomes helper (ties: a
  hash), so everyone is helper about as often as issue-bringer. In a trio the member most
  *due* to observe observes (ties: the one whose absence leaves the better balanced pair, then
  a hash), and the other two are a pair. Most due, in this order: not someone who observed in
  every trio they were in so far (``observer == trios > 0``); then the fewest observer turns;
  then the lowest share ``(observer + 1) / (trios + 1)``, i.e. whoever sat through more trios
  without observing. Why this order: the fewest turns alone, as before, cannot tell 1 observer
  turn in 1 trio from 1 in 5, and in 24 of 1,500 simulated channels (random joins, 50 rounds)
  left a member who had observed in every one of their trios (none of 7,500 now). The share
  alone puts members who were never in a trio (0 of 0, a share of 1 once they observe) last,
  so they never join the rotation, and observer turns spread to 8 apart where everyone joins
  (at most 3 otherwise). Observing in every trio can still happen when a trio holds only such
  members (three who each observed their only trio, say) and the fewest repeats leave no
  other trio. Without trio counts (``trios`` 0) the order is the fewest observer turns.
- **Roles also steer the grouping**, among groupings with equally few repeats: first the trio
  whose observer is most due by the first two criteria, not the share (so the observer role
  goes round the channel, not just round the trio, while the strain keeps enough equally good
  groupings to choose from), then the least *strain*. A member's strain is
  ``16 ** |helper - bringer|`` after the round; minimising the sum pairs members whose
  differences have opposite signs, and never lets one member reach a new extreme to spare
  several others a smaller one. The pair rule alone is not enough: two members at +1 paired
  together end at +2 and 0, and two at +2 at +3.

Deterministic: inputs are sorted before a ``random.Random(seed)`` shuffle orders the members
(string seeds are stable across processes), and equal choices fall to that order or to SHA-256
of seed and member id, never to the built-in ``hash()``.

How (``n`` is the number of distinct members who joined):

- ``n <= EXACT_LIMIT`` (12): branch and bound over all groupings (11!! = 10,395 pairings for
  12, 17,325 for 11 with its trio), lexicographic on (members past the limit, repeats, how due
  the trio's observer is without the share, strain), so the result is optimal on all four.
  Why the limit comes before repeats: ordered the other way, a round whose only repeat-free
  grouping paired two members at -2 sent one to -3 (``simulate(10, 1179)`` in the tests), and
  with everyone joining 73 of 100 simulated ten-member channels reached 3 at some round.
- Larger rounds: a greedy pass pairs the most unbalanced members first, each with the best
  balancing partner that is not a recent one; then every member left over is matched along an
  augmenting path (a quick swap with an existing pair, else Edmonds' blossom algorithm on the
  graph of allowed, i.e. non-recent, pairs). The matching is then maximum, and for an even
  count that is exact: whoever stays unmatched must take a recent partner, and a maximum
  matching leaves the fewest. For an odd count the member most due to observe is set aside and
  joins the pair where they add the fewest repeats; if the round still has repeats, the next
  few candidates are tried and the best kept. So an odd round is optimal whenever its plan has
  no repeats (always so far with real-sized histories) but may, with a dense history, have
  more than the fewest possible.
  The graph is never built: "allowed" is "not in the recent set", checked on the fly, so
  10,000 members with 12 weeks of history take about 0.1 s.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

# RoleCounts, Group and BALANCE_LIMIT live beside ``_Context``, which reads them, so that the
# private modules of the two methods need not import this one.
from bot.rules.pairing_context import BALANCE_LIMIT, Group, RoleCounts, _Context
from bot.rules.pairing_exact import _search_exact
from bot.rules.pairing_large import _match_large

__all__ = [
    "BALANCE_LIMIT",
    "BRINGER",
    "EXACT_LIMIT",
    "HELPER",
    "OBSERVER",
    "Group",
    "RoleCounts",
    "RoundPlan",
    "count_repeats",
    "plan_round",
]

HELPER, BRINGER, OBSERVER = "helper", "bringer", "observer"

EXACT_LIMIT = 12  # rounds up to this many members are searched exhaustively


@dataclass(frozen=True)
class RoundPlan:
    """The outcome of a round: its groups, the solo member if only one joined, and repeats."""

    groups: tuple[Group, ...]
    solo: tuple[str, ...]  # only when exactly one member joined
    repeats: int  # member pairs placed together that were partners in the window


def count_repeats(groups: Iterable[Group], recent_partners: Mapping[str, Collection[str]]) -> int:
    """Count the member pairs inside ``groups`` that either side lists as a recent partner."""
    repeats = 0
    for group in groups:
        members = group.members
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if b in recent_partners.get(a, ()) or a in recent_partners.get(b, ()):
                    repeats += 1
    return repeats


def plan_round(
    joined: Sequence[str],
    recent_partners: Mapping[str, Collection[str]],
    roles: Mapping[str, RoleCounts],
    seed: str,
) -> RoundPlan:
    """Return the groups and roles for a channel's round (see the module docstring).

    ``joined`` are the member ids who joined today (order and duplicates do not matter);
    ``recent_partners[m]`` are the members ``m`` was grouped with in the channel's last rounds
    (the caller picks the window); ``roles[m]`` are ``m``'s role counts in the channel, trios
    included (missing members count as new); ``seed`` varies the plan between rounds, e.g.
    ``f"{channel_key}:{local_date}"``. Same inputs, same plan.
    """
    members = sorted(set(joined))
    if len(members) <= 1:
        return RoundPlan(groups=(), solo=tuple(members), repeats=0)
    # Sorting first makes the shuffle independent of the caller's order; the shuffle makes the
    # seed decide between equally good plans.
    random.Random(seed).shuffle(members)
    ctx = _Context(members, recent_partners, roles, seed)
    raw = _search_exact(ctx) if len(members) <= EXACT_LIMIT else _match_large(ctx)
    groups = tuple(sorted((ctx.group_of(g) for g in raw), key=lambda g: sorted(g.members)))
    return RoundPlan(groups=groups, solo=(), repeats=count_repeats(groups, recent_partners))
