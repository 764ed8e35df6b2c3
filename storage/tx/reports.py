"""``SqlReports``: counts of what happened in a channel (``bot.ports.Reports``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true

from bot.model import (
    ChannelActivity,
    CohortActivity,
    FeedbackEvent,
    MemberRef,
    Place,
    SeatEvent,
)
from storage.tables import feedback as feedback_table
from storage.tables import group_seats, members, reflections, round_members
from storage.tables import groups as groups_table
from storage.tables import work as work_table
from storage.tx.context import TxContext


class SqlReports:
    """One transaction's reports (``SqlTx.reports``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def cohort_activity(self, place: Place, first: date, last: date) -> CohortActivity:
        """The raw material of a trainer report: four statements whatever the channel's size.
        Feedback answers are read as stored; the caller keeps only their coded choices."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return CohortActivity()
        g, s, m = groups_table, group_seats, members
        size = select(s.c.group_id, func.count().label("size")).group_by(s.c.group_id).subquery()
        rows = await self._c.execute(
            select(
                g.c.id,
                g.c.local_date,
                g.c.skill_id,
                g.c.outcome,
                m.c.platform,
                m.c.workspace,
                m.c.user_id,
                s.c.display_name,
                s.c.role,
                size.c.size,
            )
            .join(s, s.c.group_id == g.c.id)
            .join(m, m.c.id == s.c.member_id)
            .join(size, size.c.group_id == g.c.id)
            .where(g.c.channel_id == channel_id, g.c.local_date >= first, g.c.local_date <= last)
            .order_by(g.c.local_date, g.c.id, s.c.position)
        )
        seats = tuple(
            SeatEvent(gid, day, skill, MemberRef(p, w, u), name, role, n, outcome)
            for gid, day, skill, outcome, p, w, u, name, role, n in rows
        )
        fb = feedback_table
        rows = await self._c.execute(
            select(
                fb.c.group_id,
                fb.c.turn,
                fb.c.form_id,
                m.c.platform,
                m.c.workspace,
                m.c.user_id,
                fb.c.answers,
            )
            .join(g, g.c.id == fb.c.group_id)
            .join(m, m.c.id == fb.c.giver_id)
            .where(g.c.channel_id == channel_id, g.c.local_date >= first, g.c.local_date <= last)
            .order_by(fb.c.id)
        )
        given = tuple(
            FeedbackEvent(gid, turn, form, MemberRef(p, w, u), dict(answers or {}))
            for gid, turn, form, p, w, u, answers in rows
        )
        rm = round_members
        rows = await self._c.execute(
            select(m.c.platform, m.c.workspace, m.c.user_id, func.count())
            .join(m, m.c.id == rm.c.member_id)
            .where(rm.c.channel_id == channel_id, rm.c.local_date >= first, rm.c.local_date <= last)
            .group_by(m.c.platform, m.c.workspace, m.c.user_id)
        )
        joins = {MemberRef(p, w, u): n for p, w, u, n in rows}
        r = reflections
        rows = await self._c.execute(
            select(m.c.platform, m.c.workspace, m.c.user_id, r.c.day)
            .join(m, m.c.id == r.c.member_id)
            .where(r.c.channel_id == channel_id, r.c.day >= first, r.c.day <= last)
            .order_by(r.c.day)
        )
        days: dict[MemberRef, list[date]] = {}
        for p, w, u, day in rows:
            days.setdefault(MemberRef(p, w, u), []).append(day)
        return CohortActivity(
            seats, given, joins, {ref: tuple(found) for ref, found in days.items()}
        )

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
