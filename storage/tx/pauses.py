"""``SqlPauses``: members' pauses in one transaction (``bot.ports.Pauses``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import bindparam, delete, func, select

from bot.model import MemberRef, Pause
from storage.rows import by_workspace, chunks
from storage.tables import members
from storage.tables import pauses as pauses_table
from storage.tx.context import TxContext

_PAUSES_OF = (
    select(pauses_table.c.start_day, pauses_table.c.end_day)
    .where(pauses_table.c.member_id == bindparam("at_member"))
    .order_by(pauses_table.c.start_day, pauses_table.c.end_day, pauses_table.c.id)
)


class SqlPauses:
    """One transaction's view of the pauses (``SqlTx.pauses``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def list(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first (none for an unknown member)."""
        member_id = await self._x.member_id(ref)
        if member_id is None:
            return []
        rows = await self._c.execute(_PAUSES_OF, {"at_member": member_id})
        return [Pause(start=row.start_day, end=row.end_day) for row in rows]

    async def covering(self, refs: Iterable[MemberRef], day: date) -> Mapping[MemberRef, date]:
        """The members among ``refs`` paused on ``day``, each with the latest end of the pauses
        that cover it; members not paused (or not stored) are left out.

        One query per platform workspace (per ``IN_CHUNK`` user ids), not one per member.
        """
        paused: dict[MemberRef, date] = {}
        last = func.max(pauses_table.c.end_day).label("last")
        for (platform, workspace), users in by_workspace(refs).items():
            for chunk in chunks(users):
                stmt = (
                    select(members.c.user_id, last)
                    .join(pauses_table, pauses_table.c.member_id == members.c.id)
                    .where(
                        members.c.platform == platform,
                        members.c.workspace == workspace,
                        members.c.user_id.in_(chunk),
                        pauses_table.c.start_day <= day,
                        pauses_table.c.end_day >= day,
                    )
                    .group_by(members.c.user_id)
                )
                for user, end in await self._c.execute(stmt):
                    paused[MemberRef(platform, workspace, user)] = end
        return paused

    async def replace(self, ref: MemberRef, pauses: Sequence[Pause]) -> None:
        """Store exactly these pauses for the member (``LookupError`` if unknown)."""
        member_id = await self._x.existing_member_id(ref)
        await self._c.execute(delete(pauses_table).where(pauses_table.c.member_id == member_id))
        if pauses:
            await self._c.execute(
                pauses_table.insert(),
                [{"member_id": member_id, "start_day": p.start, "end_day": p.end} for p in pauses],
            )
