"""A member's streak calendar, its recompute from the stored reflections, and what each day
is in the streak's picture."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from bot.model import (
    Channel,
    Member,
    Place,
    StreakState,
)
from bot.pictures.heatmap import DayState
from bot.ports import Tx
from bot.rules.streak import (
    Mark,
    StreakCalendar,
    recompute,
)

# The streak rules' marks as the picture's states: a required day not over yet is still to come.
_STATES: Mapping[Mark, DayState] = {
    Mark.REFLECTED: DayState.REFLECTED,
    Mark.FORGIVEN: DayState.FORGIVEN,
    Mark.MISSED: DayState.MISSED,
    Mark.EXCUSED: DayState.EXCUSED,
    Mark.OFFDAY: DayState.OFFDAY,
    Mark.PAUSED: DayState.PAUSED,
    Mark.REST: DayState.REST,
    Mark.BEFORE: DayState.BEFORE,
    Mark.OPEN: DayState.FUTURE,
}


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


def day_states(marks: Mapping[date, Mark], today: date) -> dict[date, DayState]:
    """Each day's state in the streak picture, from its mark (``bot.rules.streak.marks``) as
    seen on ``today``: every day after today is still to come, whatever it will be."""
    return {day: DayState.FUTURE if day > today else _STATES[mark] for day, mark in marks.items()}
