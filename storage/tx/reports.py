"""``SqlReports``: counts of what happened in a channel (``bot.ports.Reports``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, select, true, type_coerce

from bot.model import (
    ChannelActivity,
    CohortActivity,
    FeedbackEvent,
    MemberRef,
    Place,
    SeatEvent,
)
from storage.rows import chunks
from storage.tables import feedback as feedback_table
from storage.tables import group_seats, members, reflections, round_members
from storage.tables import groups as groups_table
from storage.tables import work as work_table
from storage.tx.context import TxContext

#: The coded answers a report reads (bot.rules.report, bot.rules.ball): the skill item, who did
#: the thinking and who found the next step, on every form.
REPORT_ANSWERS = ("P1", "P3", "P8", "O6", "O7", "S3", "S4")


class _Days:
    """Local dates as the drivers return them (SQLite: text), parsed once per distinct day."""

    def __init__(self) -> None:
        self._seen: dict[object, date] = {}

    def __call__(self, value: object) -> date:
        if isinstance(value, date):
            return value
        found = self._seen.get(value)
        if found is None:
            found = self._seen[value] = date.fromisoformat(str(value))
        return found


class SqlReports:
    """One transaction's reports (``SqlTx.reports``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def cohort_activity(self, place: Place, first: date, last: date) -> CohortActivity:
        """The raw material of a trainer report: five statements whatever the channel's size
        (one more per 500 members).
        Of the feedback only the coded answers a report reads are selected (extracted in SQL,
        so no form's text is ever read); members are read once by id."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return CohortActivity()
        g, s = groups_table, group_seats
        size = select(s.c.group_id, func.count().label("size")).group_by(s.c.group_id).subquery()
        in_span = and_(
            g.c.channel_id == channel_id, g.c.local_date >= first, g.c.local_date <= last
        )
        day_of = _Days()
        seat_rows = (
            await self._c.execute(
                select(
                    g.c.id,
                    type_coerce(g.c.local_date, String),
                    g.c.skill_id,
                    g.c.outcome,
                    s.c.member_id,
                    s.c.display_name,
                    s.c.role,
                )
                .join(s, s.c.group_id == g.c.id)
                .where(in_span)
                .order_by(g.c.local_date, g.c.id, s.c.position)
            )
        ).all()
        fb = feedback_table
        coded = [fb.c.answers[key].as_string() for key in REPORT_ANSWERS]
        feedback_rows = (
            await self._c.execute(
                select(fb.c.group_id, fb.c.turn, fb.c.form_id, fb.c.giver_id, *coded)
                .join(g, g.c.id == fb.c.group_id)
                .where(in_span)
                .order_by(fb.c.id)
            )
        ).all()
        rm = round_members
        join_rows = (
            await self._c.execute(
                select(rm.c.member_id, func.count())
                .where(
                    rm.c.channel_id == channel_id, rm.c.local_date >= first, rm.c.local_date <= last
                )
                .group_by(rm.c.member_id)
            )
        ).all()
        r = reflections
        reflection_rows = (
            await self._c.execute(
                select(r.c.member_id, type_coerce(r.c.day, String))
                .where(r.c.channel_id == channel_id, r.c.day >= first, r.c.day <= last)
                .order_by(r.c.day)
            )
        ).all()
        ids = {row[4] for row in seat_rows} | {row[3] for row in feedback_rows}
        ids |= {row[0] for row in join_rows} | {row[0] for row in reflection_rows}
        ref_of, forgotten = await self._refs(ids)
        size = Counter(row[0] for row in seat_rows)  # seats per group
        seats = tuple(
            SeatEvent(gid, day_of(day), skill, ref_of[member], name, role, size[gid], outcome)
            for gid, day, skill, outcome, member, name, role in seat_rows
        )
        given = tuple(
            FeedbackEvent(
                gid,
                turn,
                form,
                ref_of[giver],
                {k: v for k, v in zip(REPORT_ANSWERS, values, strict=True) if v is not None},
            )
            for gid, turn, form, giver, *values in feedback_rows
        )
        days: dict[MemberRef, list[date]] = {}
        for member, day in reflection_rows:
            days.setdefault(ref_of[member], []).append(day_of(day))
        return CohortActivity(
            seats,
            given,
            {ref_of[member]: n for member, n in join_rows},
            {ref: tuple(found) for ref, found in days.items()},
            frozenset(forgotten),
        )

    async def _refs(self, ids: set[int]) -> tuple[dict[int, MemberRef], set[MemberRef]]:
        """The members with these ids, and which of them stand for forgotten members."""
        m = members
        found: dict[int, MemberRef] = {}
        forgotten: set[MemberRef] = set()
        for chunk in chunks(sorted(ids)):
            rows = await self._c.execute(
                select(m.c.id, m.c.platform, m.c.workspace, m.c.user_id, m.c.forgotten).where(
                    m.c.id.in_(chunk)
                )
            )
            for i, p, w, u, gone in rows:
                found[i] = ref = MemberRef(p, w, u)
                if gone:
                    forgotten.add(ref)
        return found, forgotten

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
