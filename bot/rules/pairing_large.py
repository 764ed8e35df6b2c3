"""Private to ``bot.rules.pairing``: large rounds (over ``EXACT_LIMIT`` members), paired by a
balancing greedy and completed to a maximum matching (a quick swap, else Edmonds' blossom
algorithm); see the module docstring of ``bot.rules.pairing``."""

from __future__ import annotations

from itertools import chain, islice

from bot.rules.pairing_context import _Context, _strain

_BUCKET_CAP = 3  # the greedy sorts members by helper - bringer clamped to -3..3
_ODD_TRIES = 4  # members tried as the odd large round's observer while repeats remain


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
