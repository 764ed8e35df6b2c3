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

import hashlib
import random
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain, islice

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
BALANCE_LIMIT = 2  # |helper - bringer| beyond this is avoided before repeats are

_STRAIN_BASE = 16  # above the largest exact round, so one member at |d|+1 outweighs all at |d|
_STRAIN_CAP = 15  # |helper - bringer| beyond this is not told apart (keeps the numbers small)
_BUCKET_CAP = 3  # the greedy sorts members by helper - bringer clamped to -3..3
_ODD_TRIES = 4  # members tried as the odd large round's observer while repeats remain


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


# --- shared state: members as indices in seeded order --------------------------------------------


def _strain(diff: int) -> int:
    return _STRAIN_BASE ** min(abs(diff), _STRAIN_CAP)


def _due_key(observer: int, trios: int) -> tuple[bool, int, Fraction]:
    """Who observes first, lowest first (see the module docstring): not someone who observed
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


# --- small rounds: exhaustive branch and bound ----------------------------------------------------


def _search_exact(ctx: _Context) -> list[tuple[int, ...]]:
    """The best of all groupings on (members past the limit, repeats, the trio observer's turn
    rank, strain)."""
    n = len(ctx.ids)
    recent = ctx.recent
    rep = [[int(j in recent[i]) for j in range(n)] for i in range(n)]
    # Cost of a group as (members past the limit, repeats, turn rank of its observer, strain
    # after the round).
    options_of: dict[tuple[int, ...], tuple[int, int, int, int]] = {}
    for i in range(n):
        for j in range(i + 1, n):
            options_of[(i, j)] = (ctx.pair_over(i, j), rep[i][j], 0, ctx.pair_strain(i, j))
    if n % 2:
        for i in range(n):
            for j in range(i + 1, n):
                for k in range(j + 1, n):
                    obs = ctx.observer_of((i, j, k))
                    a, b = (x for x in (i, j, k) if x != obs)
                    options_of[(i, j, k)] = (
                        ctx.pair_over(a, b) + int(abs(ctx.diff[obs]) > BALANCE_LIMIT),
                        rep[i][j] + rep[i][k] + rep[j][k],
                        ctx.turn[obs],
                        ctx.pair_strain(a, b) + _strain(ctx.diff[obs]),
                    )
    # The least strain a member can end with: helper - bringer moves by one, except for the
    # trio's observer, who keeps it; ``spare`` is what being that observer can save at most.
    moved = [min(_strain(d - 1), _strain(d + 1)) for d in ctx.diff]
    saving = [max(0, moved[i] - _strain(d)) for i, d in enumerate(ctx.diff)]
    spare = max(saving)

    allowed = [sum(1 << j for j in range(n) if j != i and not rep[i][j]) for i in range(n)]
    group_floor = {group: sum(moved[x] for x in group) for group in options_of}
    chosen: list[tuple[int, ...]] = []
    best: list[tuple[int, int, int, int]] = []  # the best cost so far, once there is one
    best_groups: list[tuple[int, ...]] = []

    def descend(
        rest: int, over: int, repeats: int, watched: int, strain: int, rest_floor: int
    ) -> None:
        # ``rest`` is the bit set of unplaced members, ``rest_floor`` the sum of their ``moved``;
        # while their count is odd the trio is still due. ``over`` only grows, and the bounds
        # below take none more for the members left: sound, and the usual 0 stays cheap.
        if rest == 0:
            if not best or (over, repeats, watched, strain) < best[0]:
                best[:] = [(over, repeats, watched, strain)]
                best_groups[:] = chosen
            return
        left = [x for x in range(n) if rest >> x & 1]
        # A member whose every remaining partner is recent adds a repeat wherever it goes, and
        # one repeat is shared by at most two such members. A trio holding t of them has 2, 3
        # or 3 repeats for t = 1, 2, 3: at least 1.5 more than t / 2, and it must hold one when
        # fewer than three others are left. With a dense history this bound is what keeps the
        # search small. Costs only grow, so pruning on it is sound; ">=" keeps the first of
        # equally good plans.
        due = len(left) % 2
        stuck = sum(1 for x in left if not allowed[x] & rest)
        twice = stuck + 3 if due and len(left) - stuck < 3 else stuck
        least = rest_floor - (max(saving[x] for x in left) if due else 0)
        if best and (over, repeats + (twice + 1) // 2, watched, strain + least) >= best[0]:
            return
        i, others = left[0], left[1:]
        groups: list[tuple[int, ...]] = []
        if not due or len(left) >= 5:
            groups += [(i, j) for j in others]
        if due:
            groups += [(i, j, k) for x, j in enumerate(others) for k in others[x + 1 :]]
        # Promising groups first so the bound bites early; the sort is stable, so equal groups
        # stay in seeded order and the seed decides between equally good plans.
        groups.sort(key=options_of.__getitem__)
        for group in groups:
            o, r, w, s = options_of[group]
            below = rest_floor - group_floor[group]
            least = below - spare if due and len(group) == 2 else below
            if best and (over + o, repeats + r, watched + w, strain + s + least) >= best[0]:
                continue
            chosen.append(group)
            gone = sum(1 << x for x in group)
            descend(rest & ~gone, over + o, repeats + r, watched + w, strain + s, below)
            chosen.pop()

    descend((1 << n) - 1, 0, 0, 0, 0, sum(moved))
    return best_groups


# --- large rounds: balancing greedy + maximum matching --------------------------------------------


def _match_large(ctx: _Context) -> list[tuple[int, ...]]:
    n = len(ctx.ids)
    if n % 2 == 0:
        pairs, _ = _pair_all(ctx, list(range(n)))
        return list(pairs)

    # The member most due to observe is set aside for the trio: observers rotate.
    candidates = sorted(range(n), key=lambda i: (ctx.due[i], ctx.tie(i)))
    best: tuple[int, list[tuple[int, ...]]] | None = None
    for extra in candidates[:_ODD_TRIES]:
        pool = [i for i in range(n) if i != extra]
        pairs, forced = _pair_all(ctx, pool)
        added, at = min(
            (int(a in ctx.recent[extra]) + int(b in ctx.recent[extra]), x)
            for x, (a, b) in enumerate(pairs)
        )
        groups: list[tuple[int, ...]] = list(pairs)
        a, b = groups[at]
        groups[at] = (a, b, extra)
        if best is None or forced + added < best[0]:
            best = (forced + added, groups)
        if forced + added == 0:
            break
    assert best is not None
    return best[1]


def _pair_all(ctx: _Context, pool: list[int]) -> tuple[list[tuple[int, int]], int]:
    """Pair an even ``pool``: fewest repeats (exact), then a balancing greedy's choices.

    Returns the pairs (ordered by their first member's seeded position) and how many are repeats.
    """
    n = len(ctx.ids)
    mate = [-1] * n
    _greedy(ctx, pool, mate)
    for root in pool:
        # Edmonds: a member with no augmenting path now has none later, so one try each.
        if mate[root] == -1 and not _swap(ctx, pool, mate, root):
            _augment(ctx, pool, mate, root)
    # A maximum matching leaves members no allowed partner can reach: they pair among
    # themselves, each such pair a repeat, most unbalanced with most opposite first.
    left = sorted((i for i in pool if mate[i] == -1), key=lambda i: (ctx.diff[i], i))
    forced = len(left) // 2
    for x in range(forced):
        a, b = left[x], left[-1 - x]
        mate[a], mate[b] = b, a
    pairs = [(i, mate[i]) for i in pool if i < mate[i]]
    return pairs, forced


def _greedy(ctx: _Context, pool: list[int], mate: list[int]) -> None:
    """Pair the most unbalanced first, each with the best balancing partner not recently met.

    Members wait in buckets by ``helper - bringer`` (clamped) in seeded order; a member takes
    the first free, non-recent member of the bucket that balances it best, then the next bucket.
    Anyone left without a partner is for ``_augment``.
    """
    cap = _BUCKET_CAP
    bucket = [max(-cap, min(cap, d)) for d in ctx.diff]
    buckets: dict[int, list[int]] = {b: [] for b in range(-cap, cap + 1)}
    for i in sorted(pool):
        buckets[bucket[i]].append(i)
    start = dict.fromkeys(buckets, 0)  # everything before start[b] in bucket b is taken

    def strain_of(x: int, y: int) -> int:
        low, high = sorted((x, y))
        return _strain(low + 1) + _strain(high - 1)

    preference = {
        b: sorted(buckets, key=lambda c, b=b: (strain_of(b, c), abs(b + c), c)) for b in buckets
    }
    taken = [True] * len(ctx.ids)
    for i in pool:
        taken[i] = False

    def first_free(b: int, recent: set[int]) -> int:
        members = buckets[b]
        s = start[b]
        while s < len(members) and taken[members[s]]:
            s += 1
        start[b] = s
        # Past the taken prefix only members taken out of turn and the few recent partners
        # are skipped, so the whole pass stays near linear.
        return next((v for v in islice(members, s, None) if not taken[v] and v not in recent), -1)

    for u in sorted(pool, key=lambda i: (-abs(bucket[i]), i)):
        if taken[u]:
            continue
        taken[u] = True
        for b in preference[bucket[u]]:
            v = first_free(b, ctx.recent[u])
            if v != -1:
                taken[v] = True
                mate[u], mate[v] = v, u
                break


def _swap(ctx: _Context, pool: list[int], mate: list[int], root: int) -> bool:
    """Match ``root`` along a path of length 1 or 3, if there is one: True if it did.

    Length 3 is ``root - a = b - w``: a pair (a, b) splits so that ``root`` takes ``a`` and the
    free ``w`` takes ``b``. In a sparse history that path nearly always exists and costs one scan,
    whereas the general search below contracts many odd cycles in a nearly complete graph.
    """
    recent = ctx.recent
    free = [w for w in pool if mate[w] == -1 and w != root]
    for w in free:
        if w not in recent[root]:
            mate[root], mate[w] = w, root
            return True
    for a in pool:
        b = mate[a]
        if b == -1 or a in recent[root]:
            continue
        for w in free:
            if w not in recent[b]:
                mate[root], mate[a] = a, root
                mate[w], mate[b] = b, w
                return True
    return False


def _augment(ctx: _Context, pool: list[int], mate: list[int], root: int) -> None:
    """Grow the matching by one along an augmenting path from ``root``, if there is one.

    Edmonds' blossom algorithm (one BFS with odd cycles contracted to their base). Two members
    are adjacent when neither lists the other as recent. Neighbours are scanned free members
    first, then matched ones, the root last: in a nearly complete graph almost every edge
    closes an odd cycle, and contracting each costs O(n), so the scan should reach a free
    member (the end of a path) before it meets the tree again.
    """
    n = len(ctx.ids)
    recent = ctx.recent
    free = [i for i in pool if mate[i] == -1 and i != root]
    matched = [i for i in pool if mate[i] != -1]
    parent = [-1] * n
    base = list(range(n))
    used = [False] * n
    used[root] = True
    queue = [root]

    def lowest_common_base(a: int, b: int) -> int:
        seen: set[int] = set()
        while True:
            a = base[a]
            seen.add(a)
            if mate[a] == -1:
                break
            a = parent[mate[a]]
        while True:
            b = base[b]
            if b in seen:
                return b
            b = parent[mate[b]]

    def mark(v: int, top: int, child: int, blossom: list[bool]) -> None:
        while base[v] != top:
            blossom[base[v]] = blossom[base[mate[v]]] = True
            parent[v] = child
            child = mate[v]
            v = parent[mate[v]]

    head = 0
    found = -1
    while head < len(queue) and found == -1:
        v = queue[head]
        head += 1
        for to in chain(free, matched, (root,)):
            if to == v or to in recent[v] or base[v] == base[to] or mate[v] == to:
                continue
            if to == root or (mate[to] != -1 and parent[mate[to]] != -1):
                top = lowest_common_base(v, to)
                blossom = [False] * n
                mark(v, top, to, blossom)
                mark(to, top, v, blossom)
                for i in pool:
                    if blossom[base[i]]:
                        base[i] = top
                        if not used[i]:
                            used[i] = True
                            queue.append(i)
            elif parent[to] == -1:
                parent[to] = v
                if mate[to] == -1:
                    found = to
                    break
                used[mate[to]] = True
                queue.append(mate[to])
    v = found
    while v != -1:
        pv = parent[v]
        ppv = mate[pv]
        mate[v], mate[pv] = pv, v
        v = ppv
