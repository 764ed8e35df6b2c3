"""``SqlReflections``: reflections in one transaction (``bot.ports.Reflections``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import false, select, update

from bot.model import MemberRef, Reflection
from storage.rows import by_workspace, chunks, reflection_from_row
from storage.tables import channels, members, reflections
from storage.tables import utc as _utc
from storage.tx.context import TxContext

_ADD_REFLECTION = reflections.insert().returning(reflections.c.id)


class SqlReflections:
    """One transaction's view of the reflections (``SqlTx.reflections``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def add(self, reflection: Reflection) -> int:
        """Insert a reflection and return its new id (``reflection.id`` is ignored)."""
        member_id = await self._x.existing_member_id(reflection.member)
        channel_id = await self._x.existing_channel_id(reflection.place)
        row = {
            "member_id": member_id,
            "channel_id": channel_id,
            "day": reflection.day,
            "created_at": _utc(reflection.created_at),
            "skill_id": reflection.skill_id,
            "shared": reflection.shared,
            "answers": dict(reflection.answers),
        }
        new_id = (await self._c.execute(_ADD_REFLECTION, row)).scalar_one()
        return int(new_id)

    async def get(self, reflection_id: int) -> Reflection | None:
        """One reflection by id (with its author and channel), or None."""
        stmt = (
            select(
                reflections,
                channels.c.platform,
                channels.c.workspace,
                channels.c.channel,
                members.c.user_id,
                members.c.platform.label("member_platform"),
                members.c.workspace.label("member_workspace"),
            )
            .join(channels, channels.c.id == reflections.c.channel_id)
            .join(members, members.c.id == reflections.c.member_id)
            .where(reflections.c.id == reflection_id)
        )
        row = (await self._c.execute(stmt)).one_or_none()
        if row is None:
            return None
        author = MemberRef(row.member_platform, row.member_workspace, row.user_id)
        return reflection_from_row(author, row)

    async def mark_shared(self, reflection_id: int) -> bool:
        """Mark a reflection shared: True only the first time (one conditional update)."""
        stmt = (
            update(reflections)
            .where(reflections.c.id == reflection_id, reflections.c.shared == false())
            .values(shared=True)
        )
        return (await self._c.execute(stmt)).rowcount == 1

    async def list(self, ref: MemberRef) -> Sequence[Reflection]:
        """The member's reflections, oldest (by ``created_at``) first."""
        member_id = await self._x.member_id(ref)
        if member_id is None:
            return []
        stmt = (
            select(reflections, channels.c.platform, channels.c.workspace, channels.c.channel)
            .join(channels, channels.c.id == reflections.c.channel_id)
            .where(reflections.c.member_id == member_id)
            .order_by(reflections.c.created_at, reflections.c.id)
        )
        return [reflection_from_row(ref, row) for row in await self._c.execute(stmt)]

    async def reflected_on(self, refs: Iterable[MemberRef], day: date) -> frozenset[MemberRef]:
        """The members among ``refs`` with a reflection that counts for ``day`` (one query per
        workspace)."""
        found: set[MemberRef] = set()
        for (platform, workspace), users in by_workspace(refs).items():
            for chunk in chunks(users):
                stmt = (
                    select(members.c.user_id)
                    .join(reflections, reflections.c.member_id == members.c.id)
                    .where(
                        members.c.platform == platform,
                        members.c.workspace == workspace,
                        members.c.user_id.in_(chunk),
                        reflections.c.day == day,
                    )
                    .distinct()
                )
                for user in await self._c.scalars(stmt):
                    found.add(MemberRef(platform, workspace, user))
        return frozenset(found)
