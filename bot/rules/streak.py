"""A member's practice streak, counted in their local days.

Definitions (``cal`` is the member's ``StreakCalendar``):

- A reflection is credited to a local day by ``credited_day``: the member's local date, except
  that one written in the first ``grace`` after local midnight (default 2 hours) counts for the
  previous day. ``grace`` is measured on the local wall clock ("before 02:00"), so DST changes
  do not move the cut-off; in zones that switch at 02:00/03:00 (e.g. Europe/Amsterdam) this is
  the same as two elapsed hours after midnight.
- A day *counts* when it has at least one reflection and is not paused. That includes days that
  are not practice days (a Saturday reflection counts) and excused days.
- A day is *required* when it is a practice day, not paused and not excused (the bot failed to
  deliver that day). A required day without a reflection breaks the streak once it is over.
  Paused, excused and non-practice days without a reflection neither count nor break.
- ``StreakState.current`` is the length of the run of counted days ending at ``last_day`` (the
  last counted day); two counted days are in the same run when no required day lies strictly
  between them. ``longest`` is the longest run ever, ``total`` the number of counted days.

Edge-case decisions:

- ``advance`` only moves forward: a reflection credited to a day before ``state.last_day`` raises
  ``ValueError``; the caller recomputes from the history with ``recompute``. A second reflection
  on ``last_day`` and a reflection on a paused day leave the state unchanged.
- The calendar applies retroactively. ``advance`` assumes it did not change since the state was
  built; after changing practice days, or adding a pause or excused day in the past, recompute.
- A pause whose ``end`` is before its ``start`` covers no days.
- ``current_at`` treats ``today`` as not over yet. Pass the day a reflection written *now* would
  be credited to (``credited_day(now, tz, grace)``), so that during the grace after midnight
  yesterday is not over either.
- ``today`` before ``state.last_day`` (e.g. after a time-zone change) shows ``state.current``.
- With no practice days at all nothing is ever required, so a streak never breaks.

Counting required days between two dates is arithmetic on whole weeks, adjusted for merged pause
intervals and a sorted list of excused days: a member returning after years costs no more than
one returning after a weekend.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from itertools import pairwise
from zoneinfo import ZoneInfo

from bot.model import WEEKDAYS_MON_FRI, Pause, StreakState

__all__ = [
    "DEFAULT_GRACE",
    "StreakCalendar",
    "advance",
    "credited_day",
    "current_at",
    "recompute",
]

DEFAULT_GRACE = timedelta(hours=2)
_ONE_DAY = timedelta(days=1)


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


@dataclass(frozen=True)
class StreakCalendar:
    """Which of a member's local days are required for their streak.

    ``practice_days`` are ``date.weekday()`` numbers (Monday is 0); ``pauses`` are inclusive date
    ranges; ``excused`` are days on which the bot failed to deliver.
    """

    practice_days: frozenset[int] = WEEKDAYS_MON_FRI
    pauses: tuple[Pause, ...] = ()
    excused: frozenset[date] = field(default_factory=frozenset)

    def is_paused(self, day: date) -> bool:
        """Whether ``day`` lies in one of the pauses."""
        return any(p.covers(day) for p in self.pauses)

    def is_required(self, day: date) -> bool:
        """Whether a missing reflection on ``day`` would break the streak once ``day`` is over."""
        return (
            day.weekday() in self.practice_days
            and day not in self.excused
            and not self.is_paused(day)
        )

    def required_between(self, after: date, before: date) -> int:
        """Count the required days strictly between ``after`` and ``before`` (0 if none)."""
        if (before - after).days <= 1:
            return 0
        first, last = after + _ONE_DAY, before - _ONE_DAY
        count = self._count_practice(first, last)
        for start, end in self._merged_pauses:
            if end < first:
                continue
            if start > last:
                break
            count -= self._count_practice(max(start, first), min(end, last))
        excused = self._excused_unpaused
        count -= bisect_right(excused, last) - bisect_left(excused, first)
        return count

    @cached_property
    def _weekday_mask(self) -> tuple[bool, ...]:
        return tuple(w in self.practice_days for w in range(7))

    @cached_property
    def _merged_pauses(self) -> tuple[tuple[date, date], ...]:
        # Overlapping pauses would otherwise subtract the same practice day twice.
        merged: list[tuple[date, date]] = []
        for p in sorted((p for p in self.pauses if p.start <= p.end), key=lambda p: p.start):
            if merged and (p.start - merged[-1][1]).days <= 1:
                if p.end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], p.end)
            else:
                merged.append((p.start, p.end))
        return tuple(merged)

    @cached_property
    def _excused_unpaused(self) -> tuple[date, ...]:
        # Only excused days that would otherwise be required: a paused one is subtracted already.
        return tuple(
            sorted(
                d for d in self.excused if self._weekday_mask[d.weekday()] and not self.is_paused(d)
            )
        )

    def _count_practice(self, first: date, last: date) -> int:
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        mask = self._weekday_mask
        start = first.weekday()
        return weeks * sum(mask) + sum(mask[(start + i) % 7] for i in range(rest))


def _continues(last_day: date, day: date, cal: StreakCalendar) -> bool:
    return cal.required_between(last_day, day) == 0


def advance(state: StreakState, day: date, cal: StreakCalendar) -> StreakState:
    """Return the streak after one more reflection credited to ``day``.

    Unchanged if ``day`` is ``state.last_day`` or paused. Raises ``ValueError`` if ``day`` is
    before ``state.last_day``: the caller must ``recompute`` from the reflection history.
    """
    last = state.last_day
    if last is not None and day < last:
        raise ValueError(f"reflection day {day} is before the last counted day {last}")
    if day == last or cal.is_paused(day):
        return state
    current = state.current + 1 if last is not None and _continues(last, day, cal) else 1
    return StreakState(
        current=current,
        longest=max(state.longest, current),
        total=state.total + 1,
        last_day=day,
    )


def recompute(days: Iterable[date], cal: StreakCalendar) -> StreakState:
    """Return the streak from the full reflection history (days in any order, repeats allowed)."""
    counted = sorted({d for d in days if not cal.is_paused(d)})
    if not counted:
        return StreakState()
    run = longest = 1
    for prev, day in pairwise(counted):
        run = run + 1 if _continues(prev, day, cal) else 1
        longest = max(longest, run)
    return StreakState(current=run, longest=longest, total=len(counted), last_day=counted[-1])


def current_at(state: StreakState, today: date, cal: StreakCalendar) -> int:
    """Return the streak to show on ``today`` (which is not over yet).

    That is ``state.current`` unless a required day lies strictly between ``state.last_day`` and
    ``today`` and was therefore missed; then 0.
    """
    if state.last_day is None:
        return 0
    return state.current if _continues(state.last_day, today, cal) else 0
