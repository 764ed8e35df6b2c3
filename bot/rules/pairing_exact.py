"""Private to ``bot.rules.pairing``: small rounds (up to ``EXACT_LIMIT`` members), searched
exhaustively by branch and bound (see the module docstring of ``bot.rules.pairing``)."""

from __future__ import annotations

from bot.rules.pairing_context import BALANCE_LIMIT, _Context, _strain


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
