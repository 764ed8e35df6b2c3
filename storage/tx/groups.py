"""``SqlGroups``: a round's groups, their seats and the role tallies (``bot.ports.Groups``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import and_, func, select, update

from bot.model import ROLES, Group, MemberRef, Place
from bot.ports import TRIO
from storage.rows import chunks
from storage.tables import channels, group_seats, members, role_tallies
from storage.tables import groups as groups_table
from storage.tx.context import TxContext
from storage.tx.group_rows import groups_where

# From this many members on, ``role_counts`` reads all the channel's ``role_tallies`` rows (one
# per member ever seated there, however long the history) in one pass instead of looking each
# member's row up by id. Measured with a channel of 10,000 and of 20,000 rows: by id ~5 µs per
# member asked on SQLite, ~9 µs on PostgreSQL (the IN list's 10,000 parameters cost most); the
# pass ~1.5 µs per row of the channel on SQLite, ~2-4 µs on PostgreSQL. 10,000 members asked:
# 51 ms by id vs 39 ms in the pass on SQLite, 91 vs 38 ms on PostgreSQL; 2,000 asked of 10,000
# rows: 10 vs 19 ms, 19 vs 16 ms. So the pass wins once the members asked are more than about a
# fifth (PostgreSQL) to a half (SQLite) of the channel's rows, as a large round's members are;
# below this count the lookups are cheaper, and at it the pass loses at most ~20 ms.
ROLE_SCAN_MIN = 2_000


# The counts ``role_counts`` returns and ``role_tallies`` keeps, in its column order.
_TALLIED: tuple[str, ...] = (*ROLES, TRIO)


class SqlGroups:
    """One transaction's view of the groups (``SqlTx.groups``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def add(self, groups: Sequence[Group]) -> Sequence[Group]:
        """Store a round's groups (seats in order); return them, in order, with their ids.

        ``Group.id`` is ignored on input. ``LookupError`` for an unknown channel or member
        (nothing is written then); a group number already taken that day is a ``StoreError``.
        Three statements whatever the size: one executemany for the groups, one for the seats
        and one upsert for the seated members' ``role_tallies`` (see ``_add_to_tallies``).
        """
        if not groups:
            return []
        channel_ids = {p: await self._x.existing_channel_id(p) for p in {g.place for g in groups}}
        refs = {seat.member for g in groups for seat in g.seats}
        refs |= {g.outcome_by for g in groups if g.outcome_by is not None}
        member_ids = await self._x.member_ids_of(refs)
        if unknown := refs - member_ids.keys():
            raise LookupError(f"no such member: {min(unknown, key=repr)}")
        rows = [
            {
                "channel_id": channel_ids[g.place],
                "local_date": g.local_date,
                "number": g.number,
                "scenario_id": g.scenario_id,
                "skill_id": g.skill_id,
                "turn": g.turn,
                "space_ref": g.space_ref,
                "outcome": g.outcome,
                "outcome_by_id": None if g.outcome_by is None else member_ids[g.outcome_by],
                "reminded": g.reminded,
            }
            for g in groups
        ]
        # The ids come back with the group's key rather than by position, so their order in
        # the RETURNING rows does not matter.
        inserted = await self._c.execute(
            groups_table.insert().returning(
                groups_table.c.id,
                groups_table.c.channel_id,
                groups_table.c.local_date,
                groups_table.c.number,
            ),
            rows,
        )
        ids = {(r.channel_id, r.local_date, r.number): r.id for r in inserted}
        stored = [
            replace(g, id=ids[(channel_ids[g.place], g.local_date, g.number)]) for g in groups
        ]
        seats = [
            {
                "group_id": g.id,
                "position": position,
                "member_id": member_ids[seat.member],
                "role": seat.role,
                "display_name": seat.display_name,
            }
            for g in stored
            for position, seat in enumerate(g.seats)
        ]
        if seats:
            await self._c.execute(group_seats.insert(), seats)
            # After the seats: a role outside the domain has been refused by their CHECK.
            await self._add_to_tallies(stored, channel_ids, member_ids)
        self._x.group_ids.update(ids.values())
        return stored

    async def _add_to_tallies(
        self,
        groups: Sequence[Group],
        channel_ids: Mapping[Place, int],
        member_ids: Mapping[MemberRef, int],
    ) -> None:
        """Count the groups' seats into ``role_tallies``: one executemany upsert.

        The deltas are summed per (channel, member) first, so each row is written once (a
        member sits in one group per round, but a call may hold several rounds or channels).
        Rows go in key order, so concurrent upserts on PostgreSQL lock them in the same order.
        """
        deltas: dict[tuple[int, int], dict[str, int]] = {}
        for g in groups:
            channel_id, trio = channel_ids[g.place], int(len(g.seats) > 2)  # a seat at position 2
            for seat in g.seats:
                key = (channel_id, member_ids[seat.member])
                if (delta := deltas.get(key)) is None:
                    delta = deltas[key] = dict.fromkeys(_TALLIED, 0)
                delta[seat.role] += 1
                delta[TRIO] += trio
        rows = [
            {"channel_id": channel_id, "member_id": member_id, **delta}
            for (channel_id, member_id), delta in sorted(deltas.items())
        ]
        insert = self._x.insert(role_tallies)
        upsert = insert.on_conflict_do_update(
            index_elements=[role_tallies.c.channel_id, role_tallies.c.member_id],
            set_={key: role_tallies.c[key] + insert.excluded[key] for key in _TALLIED},
        )
        await self._c.execute(upsert, rows)

    async def list(self, place: Place, local_date: date) -> Sequence[Group]:
        """That day's groups in the channel, by number (seats in their stored order)."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return []
        return await groups_where(
            self._x, lambda g: and_(g.c.channel_id == channel_id, g.c.local_date == local_date)
        )

    async def get(self, group_id: int, *, for_update: bool = False) -> Group | None:
        """The group, or None. ``for_update`` locks its row until the transaction ends."""
        found = await groups_where(self._x, lambda g: g.c.id == group_id, for_update=for_update)
        return found[0] if found else None

    async def with_space(self, platform: str, workspace: str, space_ref: str) -> Group | None:
        """The latest group whose practice space is ``space_ref`` in that platform workspace."""
        g = groups_table
        found = await self._c.scalar(
            select(g.c.id)
            .join(channels, channels.c.id == g.c.channel_id)
            .where(
                channels.c.platform == platform,
                channels.c.workspace == workspace,
                g.c.space_ref == space_ref,
            )
            .order_by(g.c.local_date.desc(), g.c.id.desc())
            .limit(1)
        )
        return None if found is None else await self.get(int(found))

    async def group_of(self, place: Place, local_date: date, member: MemberRef) -> Group | None:
        """The member's group in that day's round, or None."""
        channel_id = await self._x.channel_id(place)
        member_id = await self._x.member_id(member)
        if channel_id is None or member_id is None:
            return None
        # The member's few seats first (index on member_id), then the one in that round.
        mine = select(group_seats.c.group_id).where(group_seats.c.member_id == member_id)
        group_id = await self._c.scalar(
            select(groups_table.c.id)
            .where(
                groups_table.c.id.in_(mine),
                groups_table.c.channel_id == channel_id,
                groups_table.c.local_date == local_date,
            )
            .order_by(groups_table.c.number)
            .limit(1)
        )
        if group_id is None:
            return None
        found = await groups_where(self._x, lambda g: g.c.id == group_id)
        return found[0] if found else None

    async def of_member(self, member: MemberRef) -> Sequence[Group]:
        """Every group the member has sat in, in any channel, oldest first."""
        member_id = await self._x.member_id(member)
        if member_id is None:
            return []
        mine = select(group_seats.c.group_id).where(group_seats.c.member_id == member_id)
        found = await groups_where(self._x, lambda g: g.c.id.in_(mine))
        return sorted(found, key=lambda g: (g.local_date, g.id or 0))

    async def recent_partners(
        self, place: Place, before: date, rounds: int
    ) -> Mapping[MemberRef, frozenset[MemberRef]]:
        """Whom each member sat with in the channel's last ``rounds`` rounds before ``before``.

        A round counts when it has groups; days strictly before ``before``. Symmetric; members
        without a group in those rounds are left out; empty for ``rounds <= 0``.

        One query: the seats of those rounds' groups (found through the unique index on
        channel, date and number) joined with the other seats of the same group, aggregated to
        one row per member with their partners' ids (``group_concat`` on SQLite, ``array_agg``
        on PostgreSQL) and then joined with the members for their refs. 10,000 members with a
        window of 8 make 10,000 short rows (~0.12 s on SQLite, ~0.2 s on PostgreSQL) where
        ``list``-style loading of the same rounds meant 40,000 full groups (~0.6 s).
        Every partner also has a row of their own, which names them.
        """
        channel_id = await self._x.channel_id(place)
        if channel_id is None or rounds <= 0:
            return {}
        earlier = groups_table.alias("earlier")
        days = (
            select(earlier.c.local_date)
            .where(earlier.c.channel_id == channel_id, earlier.c.local_date < before)
            .distinct()
            .order_by(earlier.c.local_date.desc())
            .limit(rounds)
            .correlate(None)
        )
        seat, other, g = group_seats.alias("seat"), group_seats.alias("other"), groups_table
        partner_ids = (
            func.array_agg(other.c.member_id)
            if self._postgres
            else func.group_concat(other.c.member_id)
        )
        # Aggregated by member id alone, then joined with the members: narrower rows to group
        # (PostgreSQL's hash aggregate otherwise spills to disk at 10,000 members).
        partners = (
            select(seat.c.member_id, partner_ids.label("partners"))
            .select_from(g)
            .join(seat, seat.c.group_id == g.c.id)
            .join(other, and_(other.c.group_id == g.c.id, other.c.member_id != seat.c.member_id))
            .where(g.c.channel_id == channel_id, g.c.local_date.in_(days))
            .group_by(seat.c.member_id)
            .subquery("partners")
        )
        stmt = select(
            partners.c.member_id,
            members.c.platform,
            members.c.workspace,
            members.c.user_id,
            partners.c.partners,
        ).join(members, members.c.id == partners.c.member_id)
        rows = (await self._c.execute(stmt)).all()
        refs: dict[int, MemberRef] = {}
        for member_id, platform, workspace, user, _ in rows:
            ref = refs[member_id] = MemberRef(platform, workspace, user)
            self._x.member_ids[ref] = member_id
        ref_of = refs.__getitem__
        if self._postgres:
            return {ref_of(m): frozenset(map(ref_of, others)) for m, *_, others in rows}
        return {
            ref_of(m): frozenset(map(ref_of, map(int, others.split(",")))) for m, *_, others in rows
        }

    async def role_counts(
        self, place: Place, members: Sequence[MemberRef]
    ) -> Mapping[MemberRef, Mapping[str, int]]:
        """How often each member had each first-turn role in the channel's rounds so far.

        Every requested member is in the result with a count for every role in
        ``bot.model.ROLES`` and for ``TRIO`` (their seats in groups of three), zeros without
        history, also for unknown members or channels.

        The counts are read from ``role_tallies``, which ``add`` keeps in step with the
        seats (a seat counts for its first-turn role, and for ``TRIO`` when its group has a seat
        at position 2), so the cost follows the members, not the channel's history. For fewer
        than ``ROLE_SCAN_MIN`` members their rows are looked up by id (``IN_CHUNK`` at a time);
        for more, the channel's rows are read in one pass and other members' rows dropped.
        """
        counts: dict[MemberRef, dict[str, int]] = {
            ref: dict.fromkeys(_TALLIED, 0) for ref in members
        }
        channel_id = await self._x.channel_id(place)
        if channel_id is None or not counts:
            return counts
        refs_by_id = {i: ref for ref, i in (await self._x.member_ids_of(counts)).items()}
        tally = role_tallies.c
        stmt = select(tally.member_id, *(tally[key] for key in _TALLIED)).where(
            tally.channel_id == channel_id
        )
        if len(refs_by_id) >= ROLE_SCAN_MIN:
            statements = [stmt]
        else:
            statements = [stmt.where(tally.member_id.in_(c)) for c in chunks(list(refs_by_id))]
        for statement in statements:
            for member_id, *numbers in await self._c.execute(statement):
                if (ref := refs_by_id.get(member_id)) is not None:
                    counts[ref] = dict(zip(_TALLIED, numbers, strict=True))
        return counts

    async def save(self, group: Group) -> None:
        """Update a stored group's turn, space, outcome (and who gave it) and reminder flag.

        Place, date, number, scenario, skill and seats never change. ``LookupError`` when
        the group (or ``outcome_by``) is not stored; ``ValueError`` for a group without id.
        """
        if group.id is None:
            raise ValueError("groups.save needs a stored group (its id is None)")
        outcome_by_id = (
            None if group.outcome_by is None else await self._x.existing_member_id(group.outcome_by)
        )
        stmt = (
            update(groups_table)
            .where(groups_table.c.id == group.id)
            .values(
                turn=group.turn,
                space_ref=group.space_ref,
                outcome=group.outcome,
                outcome_by_id=outcome_by_id,
                reminded=group.reminded,
            )
        )
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no such group: {group.id}")

    async def claim_reminder(self, group_id: int) -> bool:
        """Mark the group reminded: True only once, and only while it has no outcome.

        One conditional UPDATE, so two processes never both get True.
        """
        stmt = (
            update(groups_table)
            .where(
                groups_table.c.id == group_id,
                groups_table.c.reminded.is_(False),
                groups_table.c.outcome.is_(None),
            )
            .values(reminded=True)
        )
        return (await self._c.execute(stmt)).rowcount == 1
