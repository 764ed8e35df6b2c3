"""Pairing of a round: partition, fewest repeats, role balance over time, determinism, scale."""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules import pairing
from bot.rules.pairing import Group, RoleCounts, RoundPlan, count_repeats, plan_round

POOL = tuple(f"m{i:02d}" for i in range(48))
moderate = settings(max_examples=100, deadline=None)

member_ids = st.sampled_from(POOL)
joined_lists = st.lists(member_ids, max_size=40)  # duplicates included on purpose
histories = st.dictionaries(member_ids, st.frozensets(member_ids, max_size=12), max_size=48)
role_counts = st.dictionaries(
    member_ids,
    st.builds(
        RoleCounts,
        helper=st.integers(0, 12),
        bringer=st.integers(0, 12),
        observer=st.integers(0, 6),
        trios=st.integers(0, 8),  # also below ``observer``: the rule must cope
    ),
    max_size=48,
)
seeds = st.text(max_size=12)


# --- an independent brute force ------------------------------------------------------------------


def groupings(members: Sequence[str]) -> Iterator[list[tuple[str, ...]]]:
    """Every valid grouping: pairs, plus exactly one trio when the count is odd (n >= 2)."""

    def rest(left: list[str], trio_due: bool) -> Iterator[list[tuple[str, ...]]]:
        if not left:
            yield []
            return
        first, others = left[0], left[1:]
        for x, b in enumerate(others):
            remaining = others[:x] + others[x + 1 :]
            if not trio_due or remaining:
                for tail in rest(remaining, trio_due):
                    yield [(first, b), *tail]
            if trio_due:
                for y in range(x + 1, len(others)):
                    c = others[y]
                    remaining3 = [m for m in others if m not in (b, c)]
                    for tail in rest(remaining3, False):
                        yield [(first, b, c), *tail]

    yield from rest(list(members), len(members) % 2 == 1)


def is_recent(a: str, b: str, recent: Mapping[str, Collection[str]]) -> bool:
    return b in recent.get(a, ()) or a in recent.get(b, ())


def repeats_of(groups: Sequence[tuple[str, ...]], recent: Mapping[str, Collection[str]]) -> int:
    return sum(
        is_recent(g[i], g[j], recent) for g in groups for i in range(len(g)) for j in range(i)
    )


def fewest_repeats(members: Sequence[str], recent: Mapping[str, Collection[str]]) -> int:
    return min(repeats_of(g, recent) for g in groupings(members))


def past_limit(
    groups: Sequence[tuple[str, ...]], roles: Mapping[str, RoleCounts], seed: str
) -> int:
    """Members ending the round with |helper - bringer| > 2, roles assigned as the rule does
    (pair: the lower difference helps; trio: the rule's own observer choice)."""
    members = sorted({m for g in groups for m in g})
    key = (tuple(members), tuple(sorted(roles.items(), key=lambda kv: kv[0])), seed)
    ctx = _contexts.get(key)
    if ctx is None:
        _contexts.clear()  # one round at a time: keep only the latest
        ctx = _contexts[key] = pairing._Context(members, {}, roles, seed)
    index = {m: i for i, m in enumerate(members)}
    total = 0
    for g in groups:
        group = ctx.group_of(tuple(index[m] for m in g))
        for m, step in ((group.helper, 1), (group.bringer, -1), (group.observer, 0)):
            if m is not None:
                c = roles.get(m, RoleCounts())
                total += abs(c.helper - c.bringer + step) > pairing.BALANCE_LIMIT
    return total


_contexts: dict[object, pairing._Context] = {}


def always_observed(c: RoleCounts) -> bool:
    """Observed in every trio so far (at least one): observing again keeps it so."""
    return c.observer == max(c.trios, c.observer) > 0


def due(c: RoleCounts) -> tuple[bool, int, Fraction]:
    """The observer order of the rule, lowest first: not always observed, the fewest observer
    turns, then the lowest share of trios observed counting this one."""
    trios = max(c.trios, c.observer)
    return always_observed(c), c.observer, Fraction(c.observer + 1, trios + 1)


def test_brute_force_counts_groupings() -> None:
    # (n-1)!! pairings for even n; C(n, 3) * (n-4)!! for odd n
    assert [sum(1 for _ in groupings([str(i) for i in range(n)])) for n in range(2, 10)] == [
        1,
        1,
        3,
        10,
        15,
        105,
        105,
        1260,
    ]


# --- the partition ------------------------------------------------------------------------------


def check_partition(plan: RoundPlan, joined: Sequence[str]) -> None:
    distinct = set(joined)
    placed = [m for g in plan.groups for m in g.members] + list(plan.solo)
    assert sorted(placed) == sorted(distinct), "everyone exactly once"
    assert all(len(set(g.members)) == len(g.members) for g in plan.groups), "roles are distinct"
    assert all(len(g.members) in (2, 3) for g in plan.groups)
    trios = [g for g in plan.groups if g.observer is not None]
    n = len(distinct)
    assert len(trios) == (1 if n >= 3 and n % 2 else 0)
    assert plan.solo == ((next(iter(distinct)),) if n == 1 else ())


@moderate
@given(joined=joined_lists, recent=histories, roles=role_counts, seed=seeds)
def test_everyone_gets_exactly_one_outcome(
    joined: list[str],
    recent: dict[str, frozenset[str]],
    roles: dict[str, RoleCounts],
    seed: str,
) -> None:
    plan = plan_round(joined, recent, roles, seed)
    check_partition(plan, joined)
    assert plan.repeats == count_repeats(plan.groups, recent)
    assert plan.repeats == repeats_of([g.members for g in plan.groups], recent)
    for g in plan.groups:
        counts = [roles.get(m, RoleCounts()) for m in (g.helper, g.bringer)]
        # The pair rule: the lower helper - bringer helps.
        assert counts[0].helper - counts[0].bringer <= counts[1].helper - counts[1].bringer
        if g.observer is not None:
            watcher = due(roles.get(g.observer, RoleCounts()))
            assert all(watcher <= due(c) for c in counts), "the most due member observes"


def test_small_rounds() -> None:
    assert plan_round([], {}, {}, "s") == RoundPlan(groups=(), solo=(), repeats=0)
    assert plan_round(["a", "a"], {}, {}, "s") == RoundPlan(groups=(), solo=("a",), repeats=0)
    two = plan_round(["b", "a"], {"a": {"b"}}, {}, "s")
    assert sorted(two.groups[0].members) == ["a", "b"]
    assert (two.solo, two.repeats) == ((), 1)
    three = plan_round(["a", "b", "c"], {}, {}, "s")
    assert len(three.groups) == 1 and three.groups[0].observer is not None


def test_roles_in_a_pair_and_a_trio() -> None:
    roles = {"a": RoleCounts(helper=3, bringer=1), "b": RoleCounts(helper=1, bringer=2)}
    plan = plan_round(["a", "b"], {}, roles, "s")
    assert plan.groups == (Group(helper="b", bringer="a"),)
    roles["c"] = RoleCounts(helper=2, bringer=2, observer=1)
    roles["a"] = RoleCounts(helper=3, bringer=1, observer=2)
    roles["b"] = RoleCounts(helper=1, bringer=2, observer=1)
    # b and c observed least; without b the pair (a, c) ends at +1/+1, without c (a, b) at 0/+1.
    plan = plan_round(["a", "b", "c"], {}, roles, "s")
    assert plan.groups == (Group(helper="b", bringer="a", observer="c"),)


# --- fewest repeats -----------------------------------------------------------------------------

small_rounds = st.lists(member_ids, min_size=2, max_size=8, unique=True)


def dense_history(members: Sequence[str]) -> st.SearchStrategy[dict[str, frozenset[str]]]:
    """Histories over the round's own members, from empty to nearly complete, one-sided too."""
    return st.dictionaries(
        st.sampled_from(members), st.frozensets(st.sampled_from(members)), max_size=len(members)
    )


@moderate
@given(data=st.data(), members=small_rounds, roles=role_counts, seed=seeds)
def test_repeats_are_the_fewest_possible(
    data: st.DataObject, members: list[str], roles: dict[str, RoleCounts], seed: str
) -> None:
    recent = data.draw(dense_history(members))
    plan = plan_round(members, recent, roles, seed)
    check_partition(plan, members)
    assert plan.repeats == repeats_of([g.members for g in plan.groups], recent)
    # Fewest members past the limit first, then the fewest repeats among those groupings.
    costs = [(past_limit(g, roles, seed), repeats_of(g, recent)) for g in groupings(members)]
    assert (past_limit([g.members for g in plan.groups], roles, seed), plan.repeats) == min(costs)


@moderate
@given(data=st.data(), members=small_rounds, seed=seeds)
def test_repeats_are_the_fewest_possible_while_roles_are_balanced(
    data: st.DataObject, members: list[str], seed: str
) -> None:
    # Within one turn of balance nobody can pass the limit in a round: repeats alone decide.
    roles = data.draw(
        st.fixed_dictionaries(
            {
                m: st.builds(RoleCounts, helper=st.integers(0, 1), bringer=st.integers(0, 1))
                for m in members
            }
        )
    )
    recent = data.draw(dense_history(members))
    plan = plan_round(members, recent, roles, seed)
    assert plan.repeats == fewest_repeats(members, recent)


@settings(max_examples=100, deadline=None)
@given(
    data=st.data(),
    members=st.lists(member_ids, min_size=2, max_size=10, unique=True),
    seed=seeds,
)
def test_large_round_method_is_exact_for_even_rounds(
    data: st.DataObject, members: list[str], seed: str
) -> None:
    # Run the method for large rounds on small ones, where the brute force can judge it: for an
    # even count its maximum matching must reach the optimum; for an odd count it may not.
    recent = data.draw(dense_history(members))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pairing, "EXACT_LIMIT", 0)
        plan = plan_round(members, recent, {}, seed)
    check_partition(plan, members)
    best = fewest_repeats(members, recent)
    if len(members) % 2 == 0:
        assert plan.repeats == best
    else:
        assert plan.repeats >= best


def test_a_repeat_free_plan_is_found_when_one_exists() -> None:
    # A ring a-b-c-d-e-f-a of recent partners leaves a-d, b-e, c-f free: the only way out.
    ring = "abcdef"
    recent = {m: {ring[i - 1], ring[(i + 1) % 6]} for i, m in enumerate(ring)}
    recent["a"] |= {"c", "e"}
    recent["b"] |= {"d", "f"}
    recent["c"] |= {"e"}
    for seed in map(str, range(20)):
        plan = plan_round(list(ring), recent, {}, seed)
        assert plan.repeats == 0
        assert {frozenset(g.members) for g in plan.groups} == {
            frozenset("ad"),
            frozenset("be"),
            frozenset("cf"),
        }


# --- roles over time ----------------------------------------------------------------------------


@dataclass
class Channel:
    """A channel's rounds fed back into the rule: a window of partners, accumulated roles."""

    members: Sequence[str]
    window: int = 8
    history: deque[RoundPlan] = field(default_factory=deque)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    trios: Counter[str] = field(default_factory=Counter)
    forced: list[str] = field(default_factory=list)  # observed again, every trio, no way out
    peak: int = 0  # the largest |helper - bringer| any member reached after any round
    past: int = 0  # rounds that left members past the limit, each the fewest possible

    def recent(self) -> dict[str, set[str]]:
        partners: dict[str, set[str]] = {}
        for plan in self.history:
            for g in plan.groups:
                for m in g.members:
                    partners.setdefault(m, set()).update(x for x in g.members if x != m)
        return partners

    def roles(self) -> dict[str, RoleCounts]:
        return {
            m: RoleCounts(c["helper"], c["bringer"], c["observer"], self.trios[m])
            for m, c in self.counts.items()
        }

    def play(self, joined: Sequence[str], seed: str) -> RoundPlan:
        recent, roles = self.recent(), self.roles()
        plan = plan_round(joined, recent, roles, seed)
        for g in plan.groups:
            if g.observer is not None:
                counts = {m: roles.get(m, RoleCounts()) for m in g.members}
                # Rule, every round: the trio's most due member observes.
                assert all(due(counts[g.observer]) <= due(c) for c in counts.values())
                if always_observed(counts[g.observer]):
                    # They now observed in every one of at least two trios: only when no trio
                    # with the fewest repeats had anyone else to observe.
                    assert not self.trio_with_another_observer(joined, recent, roles, plan, seed)
                    self.forced.append(g.observer)
                self.trios.update(g.members)
                self.counts.setdefault(g.observer, Counter())["observer"] += 1
            self.counts.setdefault(g.helper, Counter())["helper"] += 1
            self.counts.setdefault(g.bringer, Counter())["bringer"] += 1
        over = past_limit([g.members for g in plan.groups], roles, seed)
        if over:
            # Only when forced: no grouping of today's members leaves fewer past the limit
            # (judged by brute force where the rule searches exhaustively too).
            if len(set(joined)) <= pairing.EXACT_LIMIT:
                best = min(past_limit(g, roles, seed) for g in groupings(sorted(set(joined))))
                assert over == best
            self.past += 1
        self.peak = max(self.peak, self.imbalance())
        self.history.append(plan)
        if len(self.history) > self.window:
            self.history.popleft()
        return plan

    @staticmethod
    def trio_with_another_observer(
        joined: Sequence[str],
        recent: Mapping[str, Collection[str]],
        roles: Mapping[str, RoleCounts],
        plan: RoundPlan,
        seed: str,
    ) -> bool:
        """Whether a grouping as good as ``plan`` on members past the limit and on repeats has a
        trio with a member who did not observe in every trio so far (brute force: small rounds
        only)."""
        members = sorted(set(joined))
        over = past_limit([g.members for g in plan.groups], roles, seed)
        for grouping in groupings(members):
            if (past_limit(grouping, roles, seed), repeats_of(grouping, recent)) == (
                over,
                plan.repeats,
            ):
                trio = next(g for g in grouping if len(g) == 3)
                if not all(always_observed(roles.get(m, RoleCounts())) for m in trio):
                    return True
        return False

    def imbalance(self) -> int:
        return max((abs(c["helper"] - c["bringer"]) for c in self.counts.values()), default=0)

    def observer_spread(self) -> int:
        watched = [self.counts.get(m, Counter())["observer"] for m in self.members]
        return max(watched) - min(watched)

    def always_observed(self) -> list[str]:
        """Members who were in a trio at least twice and observed every time."""
        return [
            m
            for m in self.members
            if self.trios[m] >= 2 and self.counts[m]["observer"] == self.trios[m]
        ]


def simulate(k: int, seed: int, rounds: int = 50, everyone: bool = False) -> Channel:
    rng = random.Random(seed)
    channel = Channel([f"u{i}" for i in range(k)])
    for day in range(rounds):
        size = k if everyone else rng.randint(2, k)
        channel.play(rng.sample(list(channel.members), size), f"c{seed}:{day}")
    return channel


# |helper - bringer| beyond 2 is avoided before repeats (bot/rules/pairing.py). Measured with
# ``simulate`` (seeds 0..99 at k = 10, 0..29 at each k = 2..12, random joins and everyone
# joining, 860 channels): no member passed 2 after any round; ordered repeats-first, as before,
# 73 of 100 ten-member channels where everyone joins had a member at 3 after some round, and
# ``simulate(10, 1179)`` ended with one. ``play`` asserts that a round leaves members past 2
# only when no grouping of that day's members leaves fewer.
#
# Earlier bounds for 50 rounds with a window of 8, checked offline on 7,500 channels with random
# joins and 5,500 where everyone joins (k = 2..12): |helper - bringer| never exceeded 2, and the
# observer turns of a channel's members differed by 3 in 20 channels and never by more. Why not
# 1: the trio's observer is the joined member most due to observe only when the fewest repeats
# allow such a trio, and members join different numbers of rounds. In one channel (random
# joins) a member who had observed in every trio was forced to observe again; at the end of
# the 50 rounds nobody, in any channel, had observed in every one of two or more trios. Counting
# observer turns alone (without trios), 24 of 1,500 channels with random joins ended so: a trio
# of members with equal turns went to the hash, which could pick one whose only earlier trio
# was also as observer.


@settings(max_examples=60, deadline=None)
@given(k=st.integers(2, 12), seed=st.integers(0, 2**32))
def test_roles_balance_when_random_members_join(k: int, seed: int) -> None:
    # The pair rule alone lets helper - bringer drift (two members at +1 paired make +2 and 0,
    # two at +2 make +3); steering the grouping keeps it within 2 unless a day's joiners force
    # more (two members at -2 alone: one of them helps), which ``play`` checks round by round.
    channel = simulate(k, seed)
    assert channel.peak <= 2 or channel.past
    assert channel.observer_spread() <= 3


def test_a_member_is_not_sent_past_two_to_spare_a_repeat() -> None:
    # Found by hypothesis: repeats-first paired two members at -2 on day 48 and one ended at -3.
    assert simulate(10, 1179).peak <= 2
    # Two at -2 who met yesterday, two at +2: a repeat is taken rather than a third turn behind.
    roles = {
        "a": RoleCounts(bringer=2),
        "b": RoleCounts(bringer=2),
        "c": RoleCounts(helper=2),
        "d": RoleCounts(helper=2),
    }
    recent = {"a": {"c", "d"}, "b": {"c", "d"}}
    plan = plan_round(list("abcd"), recent, roles, "s")
    assert plan.repeats == 2
    assert {g.helper for g in plan.groups} == {"a", "b"}


@settings(max_examples=150, deadline=None)
@given(k=st.integers(3, 12), seed=st.integers(0, 2**32))
def test_observer_role_rotates_when_random_members_join(k: int, seed: int) -> None:
    # Observing in every one of two or more trios cannot be ruled out when members join at
    # random (see test_observing_every_trio_can_be_forced), so what is asserted is that it
    # only happens when forced: ``play`` checks, round by round, that the observer is the
    # trio's most due member and that someone who observed in every trio so far observes
    # again only when no grouping with the fewest repeats has a trio with anyone else.
    channel = simulate(k, seed)
    assert set(channel.always_observed()) <= set(channel.forced)
    assert channel.observer_spread() <= 3


@settings(max_examples=30, deadline=None)
@given(k=st.integers(3, 12), seed=st.integers(0, 2**32))
def test_observer_role_rotates_when_everyone_joins(k: int, seed: int) -> None:
    channel = simulate(k, seed, everyone=True)
    assert channel.always_observed() == []
    assert channel.observer_spread() <= 3
    assert channel.peak <= 2 or channel.past


def test_the_observer_is_due_relative_to_their_trios() -> None:
    # Fewest observer turns alone would pick a; but a observed in their only trio, and b and c
    # sat through trios without observing.
    roles = {
        "a": RoleCounts(observer=1, trios=1),
        "b": RoleCounts(observer=2, trios=5),
        "c": RoleCounts(observer=2, trios=4),
    }
    assert plan_round(["a", "b", "c"], {}, roles, "s").groups[0].observer == "b"  # 3 of 6
    # Never in a trio is not "observed every time": a newcomer goes before a.
    roles["c"] = RoleCounts()
    assert plan_round(["a", "b", "c"], {}, roles, "s").groups[0].observer == "c"
    # Equal turns: the member who sat through the most trios observes.
    roles = {m: RoleCounts(observer=1, trios=t) for m, t in zip("abc", (2, 4, 3), strict=True)}
    assert plan_round(["a", "b", "c"], {}, roles, "s").groups[0].observer == "b"
    # Without trio counts the order is the fewest observer turns, as before.
    roles = {m: RoleCounts(observer=o) for m, o in zip("abc", (2, 1, 3), strict=True)}
    assert plan_round(["a", "b", "c"], {}, roles, "s").groups[0].observer == "b"


def test_the_grouping_spares_who_observed_in_every_trio() -> None:
    # Five members, one trio: a, b and c observed in their only trio, d and e were in trios
    # without observing. Whatever the seed, the trio is built around d or e as observer.
    roles = {m: RoleCounts(observer=1, trios=1) for m in "abc"}
    roles |= {"d": RoleCounts(observer=1, trios=2), "e": RoleCounts(observer=1, trios=3)}
    for seed in map(str, range(20)):
        [trio] = [g for g in plan_round(list("abcde"), {}, roles, seed).groups if g.observer]
        assert trio.observer in ("d", "e")


def test_observing_every_trio_can_be_forced() -> None:
    # Three members who each observed in their only trio, and nobody else joins: one of them
    # observes again. So "nobody observes in every trio" cannot be promised with random joins.
    channel = Channel(["a", "b", "c", "x", "y", "z", "p", "q", "r"])
    for trio in ("axy", "bpq", "czr"):
        for m in trio:
            channel.counts[m] = Counter()
        channel.counts[trio[0]]["observer"] = 1
        channel.trios.update(trio)
        channel.history.append(RoundPlan((Group(trio[1], trio[2], trio[0]),), (), 0))
    plan = channel.play(["a", "b", "c"], "forced")
    assert plan.groups[0].observer in "abc"
    assert channel.always_observed() == [plan.groups[0].observer] == channel.forced


# --- determinism --------------------------------------------------------------------------------


@moderate
@given(joined=joined_lists, recent=histories, roles=role_counts, seed=seeds, shuffle=st.randoms())
def test_same_inputs_same_plan_in_any_order(
    joined: list[str],
    recent: dict[str, frozenset[str]],
    roles: dict[str, RoleCounts],
    seed: str,
    shuffle: random.Random,
) -> None:
    plan = plan_round(joined, recent, roles, seed)
    shuffled = list(joined)
    shuffle.shuffle(shuffled)
    recent_items = list(recent.items())
    shuffle.shuffle(recent_items)
    role_items = list(roles.items())
    shuffle.shuffle(role_items)
    reordered = {m: list(p)[::-1] for m, p in recent_items}
    assert plan_round(shuffled, reordered, dict(role_items), seed) == plan


@pytest.mark.parametrize("n", [4, 5, 6, 9, 12, 13, 20, 41])
def test_seed_changes_the_grouping(n: int) -> None:
    members = [f"x{i}" for i in range(n)]
    groupings = {
        frozenset(frozenset(g.members) for g in plan_round(members, {}, {}, f"s{s}").groups)
        for s in range(10)
    }
    assert len(groupings) > 1


# --- scale --------------------------------------------------------------------------------------


def test_ten_thousand_members_with_twelve_weeks_of_history_pair_without_repeats() -> None:
    # 60 working days (12 weeks) of rounds with a window of 8, everyone joining: each member has
    # about 8 recent partners out of 10,000, so a repeat-free plan exists and must be found.
    # The first 57 days are random pairings (shuffle, pair neighbours, the last three a trio;
    # plan_round on every day would take seconds), the last three are planned and fed forward.
    members = [f"w{i:05d}" for i in range(10_001)]
    rng = random.Random(7)
    helpers: Counter[str] = Counter()
    bringers: Counter[str] = Counter()
    days: deque[list[str]] = deque(maxlen=8)
    order = list(members)
    for _ in range(57):
        rng.shuffle(order)
        days.append(list(order))
        helpers.update(order[0:-3:2])
        bringers.update(order[1:-3:2])
    channel = Channel(members)
    for day in days:
        pairs = [Group(day[i], day[i + 1]) for i in range(0, len(day) - 3, 2)]
        channel.history.append(RoundPlan((*pairs, Group(*day[-3:])), (), 0))
    channel.counts = {m: Counter(helper=helpers[m], bringer=bringers[m]) for m in members}
    for day_number in range(57, 60):
        plan = channel.play(members, f"big:{day_number}")
        check_partition(plan, members)
        assert plan.repeats == 0
