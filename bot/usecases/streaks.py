"""A member's streak calendar and its recompute from the stored reflections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.model import (
    Channel,
    Member,
    Place,
    StreakState,
)
from bot.ports import Tx
from bot.rules.streak import (
    StreakCalendar,
    recompute,
)


async def calendar_of(
    tx: Tx,
    member: Member,
    place: Place,
    *,
    channel: Channel | None = None,
    until: date | None = None,
) -> StreakCalendar:
    """The member's streak calendar in this channel: their practice days and pauses, the
    channel's weekly forgiveness, off-days and excused days (ballback's own misses).

    With ``until``, off-days and excused days are only looked up when a required day lies
    between the last counted day and ``until``, the only case in which they can change
    anything (a daily reflector's reflection reads neither).
    """
    if channel is None:
        channel = await tx.channels.get(place)
    calendar = StreakCalendar(
        practice_days=member.practice_days,
        pauses=tuple(await tx.pauses.list(member.ref)),
        forgive_per_week=channel.forgive_per_week if channel is not None else 0,
    )
    last = member.streak.last_day
    if until is not None and (last is None or calendar.required_between(last, until) == 0):
        return calendar
    return replace(
        calendar,
        excused=await tx.work.excused_dates(place),
        offdays=tuple(await tx.offdays.list(place)),
    )


async def recomputed(tx: Tx, member: Member, calendar: StreakCalendar) -> StreakState:
    """The member's streak recomputed from every reflection they wrote."""
    return recompute((r.day for r in await tx.reflections.list(member.ref)), calendar)


async def store_recomputed(tx: Tx, member: Member, place: Place) -> None:
    """Store the member's streak recomputed (after a change of pauses or settings)."""
    calendar = await calendar_of(tx, member, place)
    await tx.members.save(replace(member, streak=await recomputed(tx, member, calendar)))
