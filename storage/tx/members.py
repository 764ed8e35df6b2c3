"""``SqlMembers``: the members of one transaction (``bot.ports.Members``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import bindparam, delete, select, update

from bot.model import Member, MemberRef, Place
from storage.rows import (
    by_workspace,
    chunks,
    is_member,
    member_from_row,
    member_params,
    member_settings,
)
from storage.tables import members, reflections
from storage.tx.context import TxContext
from storage.tx.forgetting import keep_counts
from storage.tx.outbox import SqlOutbox

_MEMBER_AT = select(members).where(
    members.c.platform == bindparam("at_platform"),
    members.c.workspace == bindparam("at_workspace"),
    members.c.user_id == bindparam("at_user"),
)


_SAVE_MEMBER = update(members).where(
    members.c.platform == bindparam("at_platform"),
    members.c.workspace == bindparam("at_workspace"),
    members.c.user_id == bindparam("at_user"),
)


class SqlMembers:
    """One transaction's view of the members (``SqlTx.members``)."""

    def __init__(self, context: TxContext, outbox: SqlOutbox) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres
        self._outbox = outbox  # deleting a member also forgets their queued notices

    async def get(self, ref: MemberRef, *, for_update: bool = False) -> Member | None:
        """The member, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = _MEMBER_AT.with_for_update() if for_update and self._postgres else _MEMBER_AT
        row = (await self._c.execute(stmt, member_params(ref))).one_or_none()
        if row is None:
            return None
        self._x.member_ids[ref] = row.id
        return member_from_row(row)

    async def add(self, member: Member) -> Member:
        """Insert a member unless they exist (a concurrent insert wins); return the stored one."""
        ref = member.ref
        stmt = (
            self._x.insert(members)
            .values(
                platform=ref.platform,
                workspace=ref.workspace,
                user_id=ref.user,
                **member_settings(member),
            )
            .on_conflict_do_nothing(index_elements=["platform", "workspace", "user_id"])
        )
        await self._c.execute(stmt)
        stored = await self.get(ref)
        assert stored is not None  # inserted now, or by the concurrent writer that won
        return stored

    async def save(self, member: Member) -> None:
        """Update an existing member's name, settings and streak (``LookupError`` if none)."""
        params = {**member_params(member.ref), **member_settings(member)}
        if (await self._c.execute(_SAVE_MEMBER, params)).rowcount == 0:
            raise LookupError(f"no such member: {member.ref}")

    async def delete(self, ref: MemberRef) -> bool:
        """Delete the member and, through the schema's cascades, everything of theirs:
        reflections, pauses, joins, seats, feedback they gave, grants, levels and role
        tallies; and their user id in the outbox (``SqlOutbox.forget_member``). What a
        report counts moves to a nameless stand-in first (``storage.tx.forgetting``). False
        when there was no such member."""
        member_id = await self._c.scalar(select(members.c.id).where(is_member(ref)))
        if member_id is not None:
            await keep_counts(self._c, member_id, ref)
        deleted = await self._c.execute(delete(members).where(is_member(ref)))
        self._x.member_ids.pop(ref, None)
        await self._outbox.forget_member(ref.platform, ref.workspace, ref.user)
        return deleted.rowcount == 1

    async def get_many(self, refs: Iterable[MemberRef]) -> Mapping[MemberRef, Member]:
        """The stored members among ``refs`` (unknown ones are left out).

        One query per platform workspace (per ``IN_CHUNK`` user ids), not one per member.
        """
        found: dict[MemberRef, Member] = {}
        for (platform, workspace), users in by_workspace(refs).items():
            for chunk in chunks(users):
                stmt = select(members).where(
                    members.c.platform == platform,
                    members.c.workspace == workspace,
                    members.c.user_id.in_(chunk),
                )
                for row in await self._c.execute(stmt):
                    member = member_from_row(row)
                    self._x.member_ids[member.ref] = row.id
                    found[member.ref] = member
        return found

    async def with_reminders(self, place: Place) -> Sequence[Member]:
        """The members who asked for reflection reminders in this channel."""
        stmt = select(members).where(
            members.c.platform == place.platform,
            members.c.workspace == place.workspace,
            members.c.reminders.is_(True),
            members.c.reminder_channel == place.channel,
        )
        found = []
        for row in await self._c.execute(stmt):
            member = member_from_row(row)
            self._x.member_ids[member.ref] = row.id
            found.append(member)
        return found

    async def reflecting_in(self, place: Place) -> Sequence[MemberRef]:
        """The members with at least one reflection written in this channel."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return []
        stmt = (
            select(members.c.id, members.c.platform, members.c.workspace, members.c.user_id)
            .where(
                members.c.id.in_(
                    select(reflections.c.member_id)
                    .where(reflections.c.channel_id == channel_id)
                    .scalar_subquery()
                ),
                members.c.forgotten.is_(False),
            )
            .order_by(members.c.id)
        )
        found = []
        for row in await self._c.execute(stmt):
            ref = MemberRef(row.platform, row.workspace, row.user_id)
            self._x.member_ids[ref] = row.id
            found.append(ref)
        return found
