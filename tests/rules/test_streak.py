"""Streak rules: local days, grace, practice days, pauses and excused days."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.model import Pause, StreakState
from bot.rules.streak import StreakCalendar, advance, credited_day, current_at, recompute

AMS = ZoneInfo("Europe/Amsterdam")
BASE = date(2024, 1, 1)  # a Monday
WINDOW = 150
DAY = timedelta(days=1)
moderate = settings(max_examples=200, deadline=None)


# --- an independent, day-by-day reference -------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    practice: frozenset[int]
    pauses: tuple[tuple[date, date], ...]
    excused: frozenset[date]

    def paused(self, d: date) -> bool:
        return any(start <= d <= end for start, end in self.pauses)

    def required(self, d: date) -> bool:
        return d.weekday() in self.practice and not self.paused(d) and d not in self.excused

    def streak(self, days: Iterable[date]) -> StreakState:
        counted = {d for d in days if not self.paused(d)}
        if not counted:
            return StreakState()
        run = longest = 0
        d, last = min(counted), max(counted)
        while d <= last:
            if d in counted:
                run += 1
                longest = max(longest, run)
            elif self.required(d):
                run = 0
            d += DAY
        return StreakState(current=run, longest=longest, total=len(counted), last_day=last)

    def shown_on(self, days: Iterable[date], today: date) -> int:
        state = self.streak(days)
        if state.last_day is None:
            return 0
        d = state.last_day + DAY
        while d < today:
            if self.required(d):
                return 0
            d += DAY
        return state.current

    def calendar(self) -> StreakCalendar:
        return StreakCalendar(
            practice_days=self.practice,
            pauses=tuple(Pause(start, end) for start, end in self.pauses),
            excused=self.excused,
        )


def day_in_window(lo: int = 0, hi: int = WINDOW) -> st.SearchStrategy[date]:
    return st.integers(min_value=lo, max_value=hi).map(lambda n: BASE + timedelta(days=n))


@st.composite
def references(draw: st.DrawFn, span: int = WINDOW) -> Reference:
    practice = draw(st.frozensets(st.integers(min_value=0, max_value=6)))
    pauses = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        start = draw(st.integers(min_value=-10, max_value=span))
        # Negative lengths make inverted pauses, which must cover nothing.
        length = draw(st.integers(min_value=-2, max_value=span // 4))
        pauses.append((BASE + timedelta(days=start), BASE + timedelta(days=start + length)))
    excused = draw(st.frozensets(day_in_window(-5, span + 5), max_size=12))
    return Reference(practice, tuple(pauses), excused)


reflection_days = st.lists(day_in_window(), max_size=40)


# --- properties ---------------------------------------------------------------------------------


@moderate
@given(references(), reflection_days)
def test_advance_fold_equals_recompute_equals_reference(ref: Reference, days: list[date]) -> None:
    cal = ref.calendar()
    folded = reduce(lambda state, d: advance(state, d, cal), sorted(days), StreakState())
    full = recompute(days, cal)
    assert folded == full
    assert full == ref.streak(days)
    assert full.longest >= full.current
    assert full.total == len({d for d in days if not ref.paused(d)})


@moderate
@given(references(), reflection_days, day_in_window(-5, WINDOW + 30))
def test_current_at_agrees_with_reference(ref: Reference, days: list[date], today: date) -> None:
    cal = ref.calendar()
    assert current_at(recompute(days, cal), today, cal) == ref.shown_on(days, today)


@moderate
@given(references(), reflection_days, st.randoms(use_true_random=False))
def test_recompute_ignores_order_and_repeats(
    ref: Reference, days: list[date], rnd: random.Random
) -> None:
    cal = ref.calendar()
    shuffled = days * 2
    rnd.shuffle(shuffled)
    assert recompute(shuffled, cal) == recompute(days, cal)


@moderate
@given(references(span=1500), day_in_window(-20, 1500), st.integers(min_value=0, max_value=1500))
def test_required_between_agrees_with_counting_days(ref: Reference, after: date, gap: int) -> None:
    before = after + timedelta(days=gap)
    expected = sum(1 for n in range(1, gap) if ref.required(after + timedelta(days=n)))
    assert ref.calendar().required_between(after, before) == expected
    assert ref.calendar().required_between(before, after) == 0


# --- examples ------------------------------------------------------------------------------------

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2024, 3, 4) + timedelta(days=n) for n in range(7))
NEXT_MON = MON + timedelta(days=7)


def test_weekend_gap_keeps_the_streak() -> None:
    cal = StreakCalendar()
    state = recompute([THU, FRI, NEXT_MON], cal)
    assert (state.current, state.longest, state.total) == (3, 3, 3)
    assert current_at(recompute([FRI], cal), NEXT_MON, cal) == 1
    assert current_at(recompute([FRI], cal), SUN, cal) == 1


def test_missed_wednesday_breaks_the_streak() -> None:
    cal = StreakCalendar()
    state = recompute([MON, TUE, THU], cal)
    assert (state.current, state.longest, state.total) == (1, 2, 3)
    two_days = recompute([MON, TUE], cal)
    assert current_at(two_days, WED, cal) == 2  # Wednesday is not over yet
    assert current_at(two_days, THU, cal) == 0


def test_weekend_reflection_counts_but_is_not_required() -> None:
    cal = StreakCalendar()
    assert recompute([FRI, SAT, NEXT_MON], cal).current == 3
    assert recompute([MON, SAT], cal).current == 1  # Tuesday to Friday were missed


def test_paused_week_neither_counts_nor_breaks() -> None:
    cal = StreakCalendar(pauses=(Pause(NEXT_MON, NEXT_MON + timedelta(days=6)),))
    during = NEXT_MON + timedelta(days=2)
    after = NEXT_MON + timedelta(days=7)
    state = recompute([THU, FRI, during, after], cal)
    assert (state.current, state.total, state.last_day) == (3, 3, after)
    assert advance(recompute([FRI], cal), during, cal) == recompute([FRI], cal)
    assert current_at(recompute([FRI], cal), after, cal) == 1


def test_excused_day_does_not_break() -> None:
    cal = StreakCalendar(excused=frozenset({WED}))
    assert recompute([MON, TUE, THU], cal).current == 3
    # An excused day with a reflection still counts.
    assert recompute([MON, TUE, WED, THU], cal).current == 4


def test_custom_practice_days() -> None:
    cal = StreakCalendar(practice_days=frozenset({0, 3}))  # Mondays and Thursdays
    assert recompute([MON, THU, NEXT_MON], cal).current == 3
    assert recompute([MON, NEXT_MON], cal).current == 1
    assert recompute([MON, NEXT_MON], StreakCalendar(practice_days=frozenset())).current == 2


def test_advance_increments_and_rejects_the_past() -> None:
    cal = StreakCalendar()
    state = advance(StreakState(), MON, cal)
    assert state == StreakState(current=1, longest=1, total=1, last_day=MON)
    assert advance(state, MON, cal) is state
    state = advance(advance(state, TUE, cal), THU, cal)
    assert state == StreakState(current=1, longest=2, total=3, last_day=THU)
    with pytest.raises(ValueError):
        advance(state, WED, cal)


def test_empty_history() -> None:
    cal = StreakCalendar()
    assert recompute([], cal) == StreakState()
    assert current_at(StreakState(), MON, cal) == 0


def test_returning_after_years_is_fast() -> None:
    cal = StreakCalendar(
        pauses=tuple(Pause(date(2001 + n, 7, 1), date(2001 + n, 7, 31)) for n in range(50)),
        excused=frozenset(date(2001, 1, 1) + timedelta(days=3 * n) for n in range(2000)),
    )
    start = time.perf_counter()
    for _ in range(1000):
        assert current_at(recompute([date(2000, 1, 3)], cal), date(2060, 1, 1), cal) == 0
    assert time.perf_counter() - start < 2
    # 400 years are exactly 20,871 weeks, so 5 practice days in each.
    assert StreakCalendar().required_between(date(1600, 1, 1), date(2000, 1, 2)) == 5 * 20871


# --- grace and time zones -----------------------------------------------------------------------


def local(d: date, hour: int, minute: int = 0, tz: ZoneInfo = AMS) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=tz).astimezone(UTC)


def test_grace_after_midnight_counts_for_yesterday() -> None:
    assert credited_day(local(TUE, 1, 30), AMS) == MON
    assert credited_day(local(TUE, 1, 59), AMS) == MON
    assert credited_day(local(TUE, 2, 0), AMS) == TUE
    assert credited_day(local(TUE, 2, 30), AMS) == TUE
    assert credited_day(local(TUE, 23, 59), AMS) == TUE
    assert credited_day(local(TUE, 1, 30), AMS, grace=timedelta(0)) == TUE


def test_local_day_follows_the_member_time_zone() -> None:
    at = datetime(2024, 3, 5, 23, 30, tzinfo=UTC)
    assert credited_day(at, ZoneInfo("UTC")) == date(2024, 3, 5)
    assert credited_day(at, AMS) == date(2024, 3, 5)  # 00:30 local, in the grace
    assert credited_day(at, ZoneInfo("Asia/Tokyo")) == date(2024, 3, 6)  # 08:30 local


def test_naive_instants_and_negative_grace_are_rejected() -> None:
    with pytest.raises(ValueError):
        credited_day(datetime(2024, 3, 5, 12, 0), AMS)
    with pytest.raises(ValueError):
        credited_day(local(TUE, 12), AMS, grace=timedelta(hours=-1))


def test_spring_forward_in_amsterdam() -> None:
    # 2024-03-31: at 01:00 UTC the clocks jump from 02:00 CET to 03:00 CEST.
    sunday = date(2024, 3, 31)
    assert credited_day(datetime(2024, 3, 31, 0, 30, tzinfo=UTC), AMS) == sunday - DAY  # 01:30
    assert credited_day(datetime(2024, 3, 31, 0, 59, tzinfo=UTC), AMS) == sunday - DAY  # 01:59
    assert credited_day(datetime(2024, 3, 31, 1, 0, tzinfo=UTC), AMS) == sunday  # 03:00 CEST
    assert credited_day(datetime(2024, 3, 31, 21, 59, tzinfo=UTC), AMS) == sunday  # 23:59
    assert credited_day(datetime(2024, 3, 31, 22, 30, tzinfo=UTC), AMS) == sunday  # 00:30 Mon
    assert credited_day(datetime(2024, 4, 1, 0, 30, tzinfo=UTC), AMS) == sunday + DAY  # 02:30


def test_fall_back_in_amsterdam() -> None:
    # 2024-10-27: at 01:00 UTC the clocks go back from 03:00 CEST to 02:00 CET.
    sunday = date(2024, 10, 27)
    assert credited_day(datetime(2024, 10, 26, 23, 30, tzinfo=UTC), AMS) == sunday - DAY  # 01:30
    assert credited_day(datetime(2024, 10, 27, 0, 30, tzinfo=UTC), AMS) == sunday  # 02:30 CEST
    assert credited_day(datetime(2024, 10, 27, 1, 30, tzinfo=UTC), AMS) == sunday  # 02:30 CET
    assert credited_day(datetime(2024, 10, 27, 23, 30, tzinfo=UTC), AMS) == sunday  # 00:30 Mon
    assert credited_day(datetime(2024, 10, 28, 0, 30, tzinfo=UTC), AMS) == sunday  # 01:30 Mon


def test_streak_across_the_dst_weekend() -> None:
    cal = StreakCalendar()
    friday = credited_day(local(date(2024, 3, 29), 21), AMS)
    monday_late = credited_day(local(date(2024, 4, 2), 1, 15), AMS)  # Tuesday 01:15 -> Monday
    state = recompute([friday, monday_late], cal)
    assert (state.current, state.last_day) == (2, date(2024, 4, 1))
    # At 01:15 on Tuesday, Monday is still in its grace and so not over: the streak still shows.
    today = credited_day(local(date(2024, 4, 2), 1, 15), AMS)
    assert current_at(recompute([friday], cal), today, cal) == 1
