"""``SqlReports``: counts of what happened in a channel (``bot.ports.Reports``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true

from bot.model import ChannelActivity, Place
from storage.tables import feedback as feedback_table
from storage.tables import groups as groups_table
from storage.tables import reflections, round_members
from storage.tables import work as work_table
from storage.tx.context import TxContext


class SqlReports:
    """One transaction's reports (``SqlTx.reports``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def channel_activity(self, place: Place, first: date, last: date) -> ChannelActivity:
        """Counts of what happened in the channel on local days ``first``..``last``: one
        aggregate query per table (nudges done, joins, groups, feedback, reflections)."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return ChannelActivity()

        def days(column: Any) -> ColumnElement[bool]:
            return and_(column >= first, column <= last)

        w, rm, g, fb, r = work_table, round_members, groups_table, feedback_table, reflections
        sent = await self._c.scalar(
            select(func.count())
            .select_from(w)
            .where(
                w.c.channel_id == channel_id,
                days(w.c.local_date),
                w.c.kind == "nudge",
                w.c.status == "done",
            )
        )
        joins = (
            await self._c.execute(
                select(func.count(), func.count(rm.c.member_id.distinct())).where(
                    rm.c.channel_id == channel_id, days(rm.c.local_date)
                )
            )
        ).one()
        in_span = and_(g.c.channel_id == channel_id, days(g.c.local_date))
        formed = (
            await self._c.execute(
                select(
                    func.count(),
                    func.count().filter(g.c.outcome == "practised"),
                    func.count().filter(g.c.outcome == "not_happened"),
                ).where(in_span)
            )
        ).one()
        given = await self._c.scalar(
            select(func.count()).select_from(fb.join(g, g.c.id == fb.c.group_id)).where(in_span)
        )
        written = (
            await self._c.execute(
                select(
                    func.count(),
                    func.count(r.c.member_id.distinct()),
                    func.count().filter(r.c.shared == true()),
                ).where(r.c.channel_id == channel_id, days(r.c.day))
            )
        ).one()
        return ChannelActivity(
            nudges=int(sent or 0),
            joins=int(joins[0]),
            joiners=int(joins[1]),
            groups=int(formed[0]),
            practised=int(formed[1]),
            not_happened=int(formed[2]),
            feedback=int(given or 0),
            reflections=int(written[0]),
            reflectors=int(written[1]),
            shared=int(written[2]),
        )
