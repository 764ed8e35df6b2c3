"""When a channel's scheduled work is due: the one place that knows (pure, no I/O).

A channel's *practice day* is a local date that is one of its weekdays and not one of its
off-days. On each practice day four pieces of work fall due, each at a local time:

- ``nudge``: the daily nudge, at ``Channel.nudge_time``;
- ``round``: pairing the day's round, at ``Channel.pairing_time`` (joining closes then);
- ``outcome``: the one reminder to say whether the pair practised, ``OUTCOME_DELAY`` after the
  pairing instant, only when that is still the same local day;
- ``reminder``: the reflection reminder, at ``Channel.reminder_time``.

Local times become instants by one rule, used by every path (the scheduler's tick, the
console's clock jumps, ``status``):

- a time inside a **skipped** hour (spring forward) is due at the first instant after the gap:
  02:30 on the last Sunday of March in Amsterdam is due at 03:00 CEST (01:00 UTC);
- a time inside a **repeated** hour (fall back) is due at its first occurrence (``fold=0``):
  02:30 on the last Sunday of October in Amsterdam is due at 02:30 CEST (00:30 UTC).

Work that is processed late (the bot was down, or a crash left it for another instance) is
judged by ``timeliness``: on time within a small tolerance, *late* until the work's cut-off
(``cutoff``), else *missed*. What is missed is recorded, never posted.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.model import Channel, DateRange

NUDGE = "nudge"
ROUND = "round"
OUTCOME = "outcome"
REMINDER = "reminder"
KINDS: tuple[str, ...] = (NUDGE, ROUND, OUTCOME, REMINDER)

OUTCOME_DELAY = timedelta(hours=4)  # "did you practise?" is asked again this long after pairing
ON_TIME = timedelta(minutes=10)  # work done within this of its instant is on time, not late
ROUND_LATE_FOR = timedelta(hours=3)  # a round may be paired this much after its time, no later
REMINDER_LATE_FOR = timedelta(hours=2)  # the same for the outcome and reflection reminders
NUDGE_LATE_FOR = timedelta(hours=2)  # a late nudge's cut-off when pairing comes before the nudge
SEARCH_DAYS = 8  # a week and a day finds the next practice day whenever weekdays allow one

_ONE_DAY = timedelta(days=1)


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"


@dataclass(frozen=True, slots=True, order=True)
class Due:
    """One piece of a channel's scheduled work: its instant (UTC), local date and kind."""

    at: datetime
    local_date: date
    kind: str


# Pure, and asked the same few questions all the time (channels share zones and times): a
# tick that plans 10,000 channels spent a tenth of its time here before the cache.
@functools.lru_cache(maxsize=8192)
def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant (in UTC) at which the wall clock in ``zone`` shows ``at`` on ``day``.

    A skipped wall time resolves to the first instant after the gap; a repeated one to its
    first occurrence. Exact to the second.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # Inside a gap: fold=0 reads the wall time with the offset from before the gap (an
    # instant after it), fold=1 with the offset from after it (an instant before it). The
    # gap's end lies between: bisect, in whole seconds, for the first instant whose wall time
    # is at or after ``naive`` (transitions fall on whole seconds).
    low = int(naive.replace(tzinfo=zone, fold=1).timestamp())
    high = int(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def is_off(day: date, offdays: Iterable[DateRange]) -> bool:
    """Whether ``day`` lies in one of the off-day ranges."""
    return any(r.covers(day) for r in offdays)


def is_practice_day(channel: Channel, day: date, offdays: Sequence[DateRange] = ()) -> bool:
    """Whether the channel practises on its local date ``day``."""
    return day.weekday() in channel.weekdays and not is_off(day, offdays)


def last_practice_day_of_week(channel: Channel, day: date) -> bool:
    """Whether ``day`` is a practice weekday of the channel with none after it in its calendar
    week (Monday to Sunday). Off-days are not looked at: this only decides what the day's
    nudge offers (the weekly reflection)."""
    if day.weekday() not in channel.weekdays:
        return False
    return not any(d in channel.weekdays for d in range(day.weekday() + 1, 7))


def day_plan(channel: Channel, day: date) -> tuple[Due, ...]:
    """The work of one local date, in time order, as if it were a practice day."""
    zone = ZoneInfo(channel.timezone)
    paired = local_instant(day, channel.pairing_time, zone)
    plan = [
        Due(local_instant(day, channel.nudge_time, zone), day, NUDGE),
        Due(paired, day, ROUND),
        Due(local_instant(day, channel.reminder_time, zone), day, REMINDER),
    ]
    outcome = paired + OUTCOME_DELAY
    if outcome.astimezone(zone).date() == day:
        plan.append(Due(outcome, day, OUTCOME))
    return tuple(sorted(plan))


def due_between(
    channel: Channel, offdays: Sequence[DateRange], first: datetime, last: datetime
) -> list[Due]:
    """Every piece of work with ``first <= at <= last``, in time order."""
    if last < first:
        return []
    zone = ZoneInfo(channel.timezone)
    # A day's work can start before its local midnight is over elsewhere: look one day wider.
    day = first.astimezone(zone).date() - _ONE_DAY
    end = last.astimezone(zone).date() + _ONE_DAY
    found: list[Due] = []
    while day <= end:
        if is_practice_day(channel, day, offdays):
            found += [d for d in day_plan(channel, day) if first <= d.at <= last]
        day += _ONE_DAY
    return sorted(found)


def next_due(
    channel: Channel, offdays: Sequence[DateRange], after: datetime, count: int = 1
) -> list[Due]:
    """The next ``count`` pieces of work strictly after ``after``, in time order (fewer when the
    channel has no practice days in reach: no weekdays, or off-days for a long time)."""
    zone = ZoneInfo(channel.timezone)
    day = after.astimezone(zone).date() - _ONE_DAY
    horizon = day + timedelta(days=SEARCH_DAYS) + _skip_span(offdays, day)
    found: list[Due] = []
    while day <= horizon and len(found) < count:
        if is_practice_day(channel, day, offdays):
            found += [d for d in day_plan(channel, day) if d.at > after]
        day += _ONE_DAY
    return sorted(found)[:count]


def _skip_span(offdays: Sequence[DateRange], start: date) -> timedelta:
    # Off-days push the next practice day out by as long as they last from ``start`` on.
    return timedelta(days=sum(r.days for r in offdays if r.last >= start))


def cutoff(channel: Channel, due: Due) -> datetime:
    """The last instant at which ``due``'s work still makes sense; after it, it is missed.

    - nudge: until the channel's pairing time (``Channel.late_until`` instead, when set), or
      ``NUDGE_LATE_FOR`` after the nudge when that time is not after it;
    - round: ``ROUND_LATE_FOR`` after the pairing time;
    - outcome and reminder: ``REMINDER_LATE_FOR`` after their time (a "did you practise?" or
      "time to reflect" late in the evening helps nobody).

    Never later than the end of the work's local day.
    """
    zone = ZoneInfo(channel.timezone)
    day_end = local_instant(due.local_date + _ONE_DAY, time(0, 0), zone)
    if due.kind == NUDGE:
        until = channel.late_until or channel.pairing_time
        limit = local_instant(due.local_date, until, zone)
        if limit <= due.at:
            limit = due.at + NUDGE_LATE_FOR
    elif due.kind == ROUND:
        limit = due.at + ROUND_LATE_FOR
    else:
        limit = due.at + REMINDER_LATE_FOR
    return min(limit, day_end)


def timeliness(
    channel: Channel, due: Due, now: datetime, on_time: timedelta = ON_TIME
) -> Timeliness:
    """Whether work due at ``due.at`` and done at ``now`` is on time, late, or missed."""
    if now - due.at <= on_time:
        return Timeliness.ON_TIME
    if now <= cutoff(channel, due):
        return Timeliness.LATE
    return Timeliness.MISSED


def in_quiet_hours(local: time, quiet: tuple[time, time] | None) -> bool:
    """Whether the wall time ``local`` lies in ``quiet`` = (start, end), which may wrap past
    midnight (21:00–08:00). ``None`` or start == end: never quiet."""
    if quiet is None:
        return False
    start, end = quiet
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def next_practice_day(channel: Channel, offdays: Sequence[DateRange], after: date) -> date | None:
    """The first practice day strictly after ``after``, or None when there is none in reach."""
    horizon = after + timedelta(days=SEARCH_DAYS) + _skip_span(offdays, after)
    day = after + _ONE_DAY
    while day <= horizon:
        if is_practice_day(channel, day, offdays):
            return day
        day += _ONE_DAY
    return None
