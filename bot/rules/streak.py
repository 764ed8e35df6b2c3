"""A member's practice streak, counted in their local days.

Definitions (``cal`` is the member's ``StreakCalendar``; weeks are ISO weeks, Monday–Sunday, as
``date.isocalendar()`` numbers them):

- A reflection is credited to a local day by ``credited_day``: the member's local date, except
  that one written in the first ``grace`` after local midnight (default 2 hours) counts for the
  previous day. ``grace`` is measured on the local wall clock ("before 02:00"), so DST changes
  do not move the cut-off; in zones that switch at 02:00/03:00 (e.g. Europe/Amsterdam) this is
  the same as two elapsed hours after midnight.
- A day *counts* when it has at least one reflection, whatever kind of day it is: paused,
  excused, off-day or not a practice day (a member who pauses from today keeps today's
  reflection).
- A day is *required* when it is a practice weekday, not paused, not excused (the bot failed to
  deliver that day) and not one of the channel's off-days. Other days without a reflection
  neither count nor break.
- *Forgiveness*: in each week that has a counted day, the first ``cal.forgive_per_week``
  required days without a reflection are *forgiven* (only days after the member's first
  reflection: before it they were not practising yet). Why weeks with a counted day: the
  allowance is "miss up to N practice days a week", which needs a reflection in the week to hold
  on to; a week without any counted day forgives nothing, so a member with one practice day a
  week cannot keep a streak without ever reflecting. A day is forgiven or not whatever happens
  around it, so a pause, off-day, excused day, reflection or higher allowance can only turn a
  missed day into one that is not missed: none of them ever lowers a streak.
- A required day without a reflection that is not forgiven is *missed*; it breaks the run once
  it is over. Two consecutive counted days ``prev < day`` are in the same run when no missed day
  lies between them.
- ``StreakState.current`` is the length of the run ending at ``last_day`` (the last counted
  day), ``longest`` the longest run ever, ``total`` the number of counted days, and
  ``week_forgiven`` how many days of ``last_day``'s week up to it were forgiven (what is left of
  that week's allowance for the days after it).
- ``marks`` gives each day a ``Mark``, the first that applies: ``reflected``, ``offday``,
  ``excused``, ``paused``, ``rest`` (not a practice weekday), ``before`` (before the first
  reflection); then, for a required day, ``open`` (today or later), ``forgiven`` or ``missed``.
  The required days after the last counted day and before ``today`` are marked as if ``today``
  were counted (this week may still get its reflection), as ``current_at`` sees them.

Edge-case decisions:

- ``advance`` only moves forward: a reflection credited to a day before ``state.last_day`` raises
  ``ValueError``; the caller recomputes from the history with ``recompute``. A second reflection
  on ``last_day`` leaves the state unchanged.
- The calendar applies retroactively. ``advance`` assumes it did not change since the state was
  built; after changing practice days, off-days or the forgiveness, or adding a pause or excused
  day in the past, recompute.
- A pause or off-day range whose end is before its start covers no days.
- ``current_at`` treats ``today`` as not over yet: it shows ``state.current`` when no missed
  day lies between ``last_day`` and ``today``, counting ``today``'s week as one that has a
  reflection (it may still get one). Pass the day a reflection written
  *now* would be credited to (``credited_day(now, tz, grace)``), so that during the grace after
  midnight yesterday is not over either.
- ``today`` before ``state.last_day`` (e.g. after a time-zone change) shows ``state.current``.
- With no practice days at all nothing is ever required, so a streak never breaks.
- A gap without required days always keeps the run, even if a stale state says more days were
  forgiven in the week than the calendar now allows.

Counting required days between two dates is arithmetic on whole weeks, adjusted for the merged
pause and off-day ranges (one set, so that a day both paused and off is subtracted once) and a
sorted list of excused days: a member returning after years costs no more than one returning
after a weekend. ``marks`` looks at each day of its window but only at the reflections' days of
the history before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from itertools import accumulate, pairwise
from zoneinfo import ZoneInfo

from bot.model import WEEKDAYS_MON_FRI, DateRange, Pause, StreakState

__all__ = [
    "DEFAULT_GRACE",
    "Mark",
    "StreakCalendar",
    "advance",
    "credited_day",
    "current_at",
    "forgiven_days",
    "marks",
    "recompute",
]

DEFAULT_GRACE = timedelta(hours=2)
_ONE_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)

_Ranges = tuple[tuple[date, date], ...]


class Mark(StrEnum):
    """What a day is in a member's streak, for display (see ``marks``)."""

    REFLECTED = "reflected"  # has a reflection: counts
    FORGIVEN = "forgiven"  # a missed required day bridged by the weekly forgiveness
    MISSED = "missed"  # a required day without reflection, not forgiven: it breaks the run
    EXCUSED = "excused"  # the bot failed to deliver that day
    OFFDAY = "offday"  # one of the channel's off-days (holidays)
    PAUSED = "paused"  # the member paused
    REST = "rest"  # not one of the member's practice weekdays
    BEFORE = "before"  # before the member's first reflection
    OPEN = "open"  # a required day that is not over yet (today or later)


def credited_day(at: datetime, tz: ZoneInfo, grace: timedelta = DEFAULT_GRACE) -> date:
    """Return the member's local day that a reflection written at ``at`` counts for.

    ``at`` must be timezone-aware. A reflection whose local wall-clock time is before
    ``00:00 + grace`` counts for the previous local day. Raises ``ValueError`` for a naive
    ``at`` or a negative ``grace``.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("credited_day needs a timezone-aware instant")
    if grace < timedelta(0):
        raise ValueError("grace must not be negative")
    # Drop the zone before subtracting so the arithmetic is plainly on the wall clock.
    local = at.astimezone(tz).replace(tzinfo=None)
    return (local - grace).date()


def _merge(ranges: Iterable[tuple[date, date]]) -> _Ranges:
    """Sorted, disjoint, non-adjacent inclusive ranges covering the same days (empty ones go)."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(r for r in ranges if r[0] <= r[1]):
        if merged and (start - merged[-1][1]).days <= 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _in_ranges(ranges: _Ranges, ends: Sequence[date], day: date) -> bool:
    i = bisect_left(ends, day)  # the first range ending on or after ``day``
    return i < len(ranges) and ranges[i][0] <= day


@dataclass(frozen=True)
class StreakCalendar:
    """Which of a member's local days are required for their streak, and what is forgiven.

    ``practice_days`` are ``date.weekday()`` numbers (Monday is 0); ``pauses`` (the member's)
    and ``offdays`` (the channel's holidays) are inclusive date ranges; ``excused`` are days on
    which the bot failed to deliver; ``forgive_per_week`` (0..7) is how many missed required
    days per ISO week keep a streak going.
    """

    practice_days: frozenset[int] = WEEKDAYS_MON_FRI
    pauses: tuple[Pause, ...] = ()
    excused: frozenset[date] = field(default_factory=frozenset)
    offdays: tuple[DateRange, ...] = ()
    forgive_per_week: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.forgive_per_week <= 7:
            raise ValueError("forgive_per_week must be between 0 and 7")

    def is_paused(self, day: date) -> bool:
        """Whether ``day`` lies in one of the pauses."""
        return _in_ranges(self._pauses, self._pause_ends, day)

    def is_offday(self, day: date) -> bool:
        """Whether ``day`` lies in one of the off-day ranges."""
        return _in_ranges(self._offdays, self._offday_ends, day)

    def is_required(self, day: date) -> bool:
        """Whether a missing reflection on ``day`` breaks or uses forgiveness once it is over."""
        return (
            self._weekday_mask[day.weekday()]
            and day not in self.excused
            and not _in_ranges(self._off, self._off_ends, day)
        )

    def required_between(self, after: date, before: date) -> int:
        """Count the required days strictly between ``after`` and ``before`` (0 if none)."""
        return self._required_in(after + _ONE_DAY, before - _ONE_DAY)

    def _required_in(self, first: date, last: date) -> int:
        """Count the required days from ``first`` to ``last``, both included (0 if none)."""
        if last < first:
            return 0
        count = self._count_practice(first, last)
        off, prefix = self._off, self._off_prefix
        i = bisect_left(self._off_ends, first)  # the first range ending on or after ``first``
        j = bisect_right(self._off_starts, last)  # past the last range starting by ``last``
        if i < j:
            count -= prefix[j] - prefix[i]
            # The ranges at either end may stick out of [first, last]: add those parts back.
            count += self._count_practice(off[i][0], first - _ONE_DAY)
            count += self._count_practice(last + _ONE_DAY, off[j - 1][1])
        excused = self._excused_required
        count -= bisect_right(excused, last) - bisect_left(excused, first)
        return count

    @cached_property
    def _weekday_mask(self) -> tuple[bool, ...]:
        return tuple(w in self.practice_days for w in range(7))

    @cached_property
    def _pauses(self) -> _Ranges:
        return _merge((p.start, p.end) for p in self.pauses)

    @cached_property
    def _pause_ends(self) -> tuple[date, ...]:
        return tuple(end for _, end in self._pauses)

    @cached_property
    def _offdays(self) -> _Ranges:
        return _merge((r.first, r.last) for r in self.offdays)

    @cached_property
    def _offday_ends(self) -> tuple[date, ...]:
        return tuple(end for _, end in self._offdays)

    @cached_property
    def _off(self) -> _Ranges:
        # Pauses and off-days as one set of "not required" ranges: a day that is both would
        # otherwise be subtracted twice.
        return _merge(self._pauses + self._offdays)

    @cached_property
    def _off_starts(self) -> tuple[date, ...]:
        return tuple(start for start, _ in self._off)

    @cached_property
    def _off_ends(self) -> tuple[date, ...]:
        return tuple(end for _, end in self._off)

    @cached_property
    def _off_prefix(self) -> tuple[int, ...]:
        # _off_prefix[k]: the practice weekdays in the first k "not required" ranges.
        return (0, *accumulate(self._count_practice(s, e) for s, e in self._off))

    @cached_property
    def _excused_required(self) -> tuple[date, ...]:
        # Only excused days that would otherwise be required: the others are not counted anyway.
        return tuple(
            sorted(
                d
                for d in self.excused
                if self._weekday_mask[d.weekday()] and not _in_ranges(self._off, self._off_ends, d)
            )
        )

    def _count_practice(self, first: date, last: date) -> int:
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        mask = self._weekday_mask
        start = first.weekday()
        return weeks * sum(mask) + sum(mask[(start + i) % 7] for i in range(rest))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _bridge(prev: date, day: date, used: int, cal: StreakCalendar) -> tuple[bool, int]:
    """Whether the run goes on from counted day ``prev`` to ``day`` (``prev < day``), and how
    many days of ``day``'s week before ``day`` are forgiven.

    ``used`` is how many days of ``prev``'s week up to ``prev`` were forgiven. The weeks
    strictly between have no counted day, so none of their required days is forgiven.
    """
    allowed = cal.forgive_per_week
    prev_monday, day_monday = _monday(prev), _monday(day)
    if prev_monday == day_monday:
        missed = cal.required_between(prev, day)
        return missed <= max(allowed - used, 0), min(allowed, used + missed)
    missed_then = cal._required_in(prev + _ONE_DAY, prev_monday + timedelta(days=6))
    between = cal._required_in(prev_monday + _WEEK, day_monday - _ONE_DAY)
    missed_now = cal._required_in(day_monday, day - _ONE_DAY)
    keeps = missed_then <= max(allowed - used, 0) and between == 0 and missed_now <= allowed
    return keeps, min(allowed, missed_now)


def _step(state: StreakState, day: date, cal: StreakCalendar) -> StreakState:
    """The state after counting ``day``, which is after ``state.last_day`` (or the first)."""
    last = state.last_day
    if last is None:  # the first reflection: nothing before it is forgiven or missed
        keeps, forgiven = False, 0
    else:
        keeps, forgiven = _bridge(last, day, state.week_forgiven, cal)
    current = state.current + 1 if keeps else 1
    return StreakState(
        current=current,
        longest=max(state.longest, current),
        total=state.total + 1,
        last_day=day,
        week_forgiven=forgiven,
    )


def advance(state: StreakState, day: date, cal: StreakCalendar) -> StreakState:
    """Return the streak after one more reflection credited to ``day``.

    Unchanged if ``day`` is ``state.last_day``. Raises ``ValueError`` if ``day`` is before
    ``state.last_day``: the caller must ``recompute`` from the reflection history.
    """
    last = state.last_day
    if last is not None and day < last:
        raise ValueError(f"reflection day {day} is before the last counted day {last}")
    if day == last:
        return state
    return _step(state, day, cal)


def recompute(days: Iterable[date], cal: StreakCalendar) -> StreakState:
    """Return the streak from the full reflection history (days in any order, repeats allowed)."""
    state = StreakState()
    for day in sorted(set(days)):
        state = _step(state, day, cal)
    return state


def current_at(state: StreakState, today: date, cal: StreakCalendar) -> int:
    """Return the streak to show on ``today`` (which is not over yet).

    That is ``state.current`` if no missed day lies between ``state.last_day`` and ``today``
    (same rule as between two reflections, with ``state.week_forgiven``); else 0.
    """
    last = state.last_day
    if last is None:
        return 0
    if today <= last or _bridge(last, today, state.week_forgiven, cal)[0]:
        return state.current
    return 0


def _forgiven_in_gap(
    prev: date, day: date, used: int, cal: StreakCalendar
) -> tuple[list[date], int]:
    """The days forgiven strictly between counted days (or between the last one and ``day``
    treated as counted): the first allowed required days of ``prev``'s week after ``prev``,
    and of ``day``'s week before ``day``; none in the weeks between. Also ``used`` for the
    week of ``day``. Walks only the two weeks' days."""
    allowed = cal.forgive_per_week
    forgiven: list[date] = []
    week_end = _monday(prev) + _WEEK
    d = prev + _ONE_DAY
    while d < min(day, week_end):
        if used < allowed and cal.is_required(d):
            forgiven.append(d)
            used += 1
        d += _ONE_DAY
    if day >= week_end:
        used = 0
        d = _monday(day)
        while d < day:
            if used < allowed and cal.is_required(d):
                forgiven.append(d)
                used += 1
            d += _ONE_DAY
    return forgiven, used


def forgiven_days(days: Iterable[date], cal: StreakCalendar) -> tuple[date, ...]:
    """Return the forgiven days of the whole history, in order.

    Only days between two counted days: the provisional view after the last one is ``marks``'.
    """
    forgiven: list[date] = []
    if cal.forgive_per_week == 0:
        return ()
    counted = sorted(set(days))
    used = 0
    for prev, day in pairwise(counted):
        found, used = _forgiven_in_gap(prev, day, used, cal)
        forgiven += found
    return tuple(forgiven)


def marks(
    days: Iterable[date], cal: StreakCalendar, first: date, last: date, today: date
) -> dict[date, Mark]:
    """Return the ``Mark`` of every date from ``first`` to ``last`` (both included; empty when
    ``last`` is before ``first``), as seen on ``today`` (which is not over yet).

    Priority when a day is several things: reflected > offday > excused > paused > rest >
    before; a required day is then open (``today`` or later), forgiven or missed. The required
    days after the last reflection and before ``today`` are forgiven as if ``today`` had a
    reflection (its week may still get one).
    """
    counted = sorted(set(days))
    counted_set = set(counted)
    result: dict[date, Mark] = {}
    if last < first:
        return result
    # The forgiven days of the gaps that touch the window, the provisional one up to ``today``
    # included. Gaps before it only carry their week's use forward: one step per reflection.
    forgiven: set[date] = set()
    used = 0
    ends = [*counted, today] if counted and today > counted[-1] else counted
    for prev, day in pairwise(ends):
        if prev >= last:
            break
        if day > first:
            found, used = _forgiven_in_gap(prev, day, used, cal)
            forgiven.update(found)
        else:
            used = _bridge(prev, day, used, cal)[1]
    start = counted[0] if counted else None
    d = first
    while d <= last:
        result[d] = _mark(d, start, counted_set, forgiven, cal, today)
        d += _ONE_DAY
    return result


def _mark(
    d: date,
    start: date | None,
    counted_set: set[date],
    forgiven: set[date],
    cal: StreakCalendar,
    today: date,
) -> Mark:
    if d in counted_set:
        return Mark.REFLECTED
    if cal.is_offday(d):
        return Mark.OFFDAY
    if d in cal.excused:
        return Mark.EXCUSED
    if cal.is_paused(d):
        return Mark.PAUSED
    if d.weekday() not in cal.practice_days:
        return Mark.REST
    if start is None or d < start:
        return Mark.BEFORE
    if d >= today:
        return Mark.OPEN
    return Mark.FORGIVEN if d in forgiven else Mark.MISSED
