"""Streak rules: local days, grace, practice days, pauses, off-days, excused days, forgiveness."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.model import WEEKDAYS_MON_FRI, DateRange, Pause, StreakState
from bot.rules.streak import (
    Mark,
    StreakCalendar,
    advance,
    credited_day,
    current_at,
    forgiven_days,
    marks,
    recompute,
)

AMS = ZoneInfo("Europe/Amsterdam")
BASE = date(2024, 1, 1)  # a Monday
WINDOW = 150
DAY = timedelta(days=1)
moderate = settings(max_examples=200, deadline=None)


# --- an independent, day-by-day reference -------------------------------------------------------


def week(d: date) -> tuple[int, int]:
    iso = d.isocalendar()
    return iso.year, iso.week


@dataclass(frozen=True)
class Walk:
    state: StreakState
    forgiven: frozenset[date]
    forgiven_per_week: Counter[tuple[int, int]]


@dataclass(frozen=True)
class Reference:
    """The rule as a plain walk over every day from the first reflection to the last."""

    practice: frozenset[int]
    pauses: tuple[tuple[date, date], ...] = ()
    offdays: tuple[tuple[date, date], ...] = ()
    excused: frozenset[date] = frozenset()
    forgive: int = 0

    def paused(self, d: date) -> bool:
        return any(start <= d <= end for start, end in self.pauses)

    def off(self, d: date) -> bool:
        return any(start <= d <= end for start, end in self.offdays)

    def required(self, d: date) -> bool:
        return (
            d.weekday() in self.practice
            and not self.paused(d)
            and not self.off(d)
            and d not in self.excused
        )

    def walk(self, days: Iterable[date], until: date | None = None) -> Walk:
        """Every day from the first reflection on: required days without a reflection are
        forgiven while their week (one with a counted day) has allowance left, else missed.
        With ``until``, the walk goes on to that day as if it were counted (``today``)."""
        counted = set(days)
        if not counted:
            return Walk(StreakState(), frozenset(), Counter())
        last = max(counted)
        ends = counted | ({until} if until is not None and until > last else set())
        weeks = {week(d) for d in ends}
        run = longest = 0
        broken = False
        forgiven: set[date] = set()
        per_week: Counter[tuple[int, int]] = Counter()
        d = min(counted)
        while d <= max(ends):
            if d in counted:
                run = 1 if broken else run + 1
                broken = False
                longest = max(longest, run)
            elif d in ends:  # ``until``: only whether the run would go on
                pass
            elif self.required(d):
                if week(d) in weeks and per_week[week(d)] < self.forgive:
                    forgiven.add(d)
                    per_week[week(d)] += 1
                else:
                    broken = True
            d += DAY
        if until is not None and until > last:
            run = 0 if broken else run
        state = StreakState(
            current=run,
            longest=longest,
            total=len(counted),
            last_day=last,
            week_forgiven=sum(1 for f in forgiven if week(f) == week(last) and f < last),
        )
        return Walk(state, frozenset(forgiven), per_week)

    def streak(self, days: Iterable[date]) -> StreakState:
        return self.walk(days).state

    def shown_on(self, days: Iterable[date], today: date) -> int:
        walk = self.walk(days)
        last = walk.state.last_day
        if last is None:
            return 0
        if today <= last:
            return walk.state.current
        return self.walk(days, until=today).state.current

    def marks(self, days: Iterable[date], first: date, last: date, today: date) -> dict[date, str]:
        counted = set(days)
        walk = self.walk(counted, until=today)
        start = min(counted) if counted else None
        result = {}
        d = first
        while d <= last:
            if d in counted:
                mark = "reflected"
            elif self.off(d):
                mark = "offday"
            elif d in self.excused:
                mark = "excused"
            elif self.paused(d):
                mark = "paused"
            elif d.weekday() not in self.practice:
                mark = "rest"
            elif start is None or d < start:
                mark = "before"
            elif d >= today:
                mark = "open"
            elif d in walk.forgiven:
                mark = "forgiven"
            else:
                mark = "missed"
            result[d] = mark
            d += DAY
        return result

    def calendar(self) -> StreakCalendar:
        return StreakCalendar(
            practice_days=self.practice,
            pauses=tuple(Pause(start, end) for start, end in self.pauses),
            excused=self.excused,
            offdays=tuple(DateRange(first, last) for first, last in self.offdays),
            forgive_per_week=self.forgive,
        )


def day_in_window(lo: int = 0, hi: int = WINDOW) -> st.SearchStrategy[date]:
    return st.integers(min_value=lo, max_value=hi).map(lambda n: BASE + timedelta(days=n))


def ranges(draw: st.DrawFn, span: int, most: int, longest: int) -> tuple[tuple[date, date], ...]:
    found = []
    for _ in range(draw(st.integers(min_value=0, max_value=most))):
        start = draw(st.integers(min_value=-10, max_value=span))
        # Negative lengths make inverted ranges, which must cover nothing.
        length = draw(st.integers(min_value=-2, max_value=longest))
        found.append((BASE + timedelta(days=start), BASE + timedelta(days=start + length)))
    return tuple(found)


@st.composite
def references(draw: st.DrawFn, span: int = WINDOW) -> Reference:
    return Reference(
        practice=draw(
            st.one_of(
                st.sampled_from([WEEKDAYS_MON_FRI, frozenset({0, 2, 4}), frozenset(range(7))]),
                st.frozensets(st.integers(min_value=0, max_value=6)),
            )
        ),
        pauses=ranges(draw, span, 4, span // 4),
        offdays=ranges(draw, span, 3, 14),
        excused=draw(st.frozensets(day_in_window(-5, span + 5), max_size=12)),
        forgive=draw(st.integers(min_value=0, max_value=2)),
    )


@st.composite
def reflection_days(draw: st.DrawFn) -> list[date]:
    if draw(st.booleans()):  # scattered over the window
        return draw(st.lists(day_in_window(), max_size=40))
    # A long stretch of mostly reflected days, where forgiveness matters most.
    start = draw(st.integers(min_value=0, max_value=WINDOW - 1))
    length = draw(st.integers(min_value=0, max_value=WINDOW - start))
    rate = draw(st.sampled_from([0.5, 0.7, 0.85, 0.95]))
    rnd = draw(st.randoms(use_true_random=False))
    return [BASE + timedelta(days=start + n) for n in range(length) if rnd.random() < rate]


# --- properties ---------------------------------------------------------------------------------


@moderate
@given(references(), reflection_days())
def test_advance_fold_equals_recompute_equals_reference(ref: Reference, days: list[date]) -> None:
    cal = ref.calendar()
    folded = reduce(lambda state, d: advance(state, d, cal), sorted(days), StreakState())
    full = recompute(days, cal)
    assert folded == full  # every field, week_forgiven included
    assert full == ref.streak(days)
    assert full.longest >= full.current
    assert full.total == len(set(days))  # every reflection counts, paused or not
    assert full.week_forgiven <= ref.forgive


@moderate
@given(references(), reflection_days(), day_in_window(-5, WINDOW + 30))
def test_current_at_agrees_with_reference(ref: Reference, days: list[date], today: date) -> None:
    cal = ref.calendar()
    assert current_at(recompute(days, cal), today, cal) == ref.shown_on(days, today)


@moderate
@given(
    references(),
    reflection_days(),
    day_in_window(-10, WINDOW + 10),
    st.integers(min_value=-2, max_value=60),
    day_in_window(-5, WINDOW + 30),
)
def test_marks_agree_with_reference(
    ref: Reference, days: list[date], first: date, length: int, today: date
) -> None:
    cal = ref.calendar()
    last = first + timedelta(days=length)
    got = marks(days, cal, first, last, today)
    assert got == ref.marks(days, first, last, today)
    assert list(got) == [first + timedelta(days=n) for n in range(length + 1)]


@moderate
@given(references(), reflection_days())
def test_forgiven_days_agree_with_reference(ref: Reference, days: list[date]) -> None:
    cal = ref.calendar()
    forgiven = forgiven_days(days, cal)
    assert forgiven == tuple(sorted(ref.walk(days).forgiven))
    if days:  # the same days as marks between the first and the last reflection
        seen = marks(days, cal, min(days), max(days), max(days) + DAY)
        assert forgiven == tuple(d for d, m in seen.items() if m is Mark.FORGIVEN)


@moderate
@given(
    references(),
    references(),
    reflection_days(),
    day_in_window(-5, WINDOW + 30),
    st.integers(min_value=0, max_value=2),
)
def test_pauses_offdays_excused_days_and_forgiveness_never_lower_a_streak(
    ref: Reference, more: Reference, days: list[date], today: date, extra: int
) -> None:
    # Each of them only turns a missed day into one that is not missed (a day is forgiven or
    # not by its place in its week, whatever happens around it), so a calendar with more of
    # them never shows a lower streak, today or ever.
    wider = Reference(
        ref.practice,
        pauses=ref.pauses + more.pauses,
        offdays=ref.offdays + more.offdays,
        excused=ref.excused | more.excused,
        forgive=min(ref.forgive + extra, 7),
    )
    plain = Reference(ref.practice)
    for lower, higher in ((plain, ref), (ref, wider)):
        low, high = recompute(days, lower.calendar()), recompute(days, higher.calendar())
        assert high.current >= low.current
        assert high.longest >= low.longest
        assert current_at(high, today, higher.calendar()) >= current_at(
            low, today, lower.calendar()
        )


@moderate
@given(references(), reflection_days(), st.randoms(use_true_random=False))
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
    cal = ref.calendar()
    before = after + timedelta(days=gap)
    expected = sum(1 for n in range(1, gap) if ref.required(after + timedelta(days=n)))
    assert cal.required_between(after, before) == expected
    assert cal.required_between(before, after) == 0
    for n in range(0, gap, 7):
        d = after + timedelta(days=n)
        assert cal.is_required(d) == ref.required(d)
        assert (cal.is_paused(d), cal.is_offday(d)) == (ref.paused(d), ref.off(d))


# --- examples ------------------------------------------------------------------------------------

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2024, 3, 4) + timedelta(days=n) for n in range(7))
NEXT_MON, NEXT_TUE, NEXT_WED, NEXT_THU, NEXT_FRI, NEXT_SAT, NEXT_SUN = (
    d + timedelta(days=7) for d in (MON, TUE, WED, THU, FRI, SAT, SUN)
)
PREV_FRI = FRI - timedelta(days=7)
FORGIVE_ONE = StreakCalendar(forgive_per_week=1)  # Mon–Fri, one missed day a week forgiven


def week_marks(days: list[date], cal: StreakCalendar, today: date = NEXT_MON) -> list[str]:
    """The marks of MON..FRI as seen on ``today``."""
    return [str(m) for m in marks(days, cal, MON, FRI, today).values()]


def test_weekend_gap_keeps_the_streak() -> None:
    cal = StreakCalendar()
    state = recompute([THU, FRI, NEXT_MON], cal)
    assert (state.current, state.longest, state.total) == (3, 3, 3)
    assert current_at(recompute([FRI], cal), NEXT_MON, cal) == 1
    assert current_at(recompute([FRI], cal), SUN, cal) == 1


def test_missed_wednesday_breaks_the_streak_without_forgiveness() -> None:
    cal = StreakCalendar()
    state = recompute([MON, TUE, THU], cal)
    assert (state.current, state.longest, state.total) == (1, 2, 3)
    two_days = recompute([MON, TUE], cal)
    assert current_at(two_days, WED, cal) == 2  # Wednesday is not over yet
    assert current_at(two_days, THU, cal) == 0
    marked = ["reflected", "reflected", "missed", "reflected", "missed"]
    assert week_marks([MON, TUE, THU], cal) == marked


def test_one_missed_day_a_week_is_forgiven() -> None:
    state = recompute([MON, TUE, THU, FRI], FORGIVE_ONE)
    assert (state.current, state.longest, state.week_forgiven) == (4, 4, 1)
    assert week_marks([MON, TUE, THU, FRI], FORGIVE_ONE) == [
        "reflected",
        "reflected",
        "forgiven",
        "reflected",
        "reflected",
    ]
    assert forgiven_days([MON, TUE, THU, FRI], FORGIVE_ONE) == (WED,)


def test_two_missed_days_in_a_row_break() -> None:
    # Wednesday is the week's first missed day (forgiven), Thursday its second: the run breaks.
    state = recompute([MON, TUE, FRI], FORGIVE_ONE)
    assert (state.current, state.longest, state.week_forgiven) == (1, 2, 1)
    assert week_marks([MON, TUE, FRI], FORGIVE_ONE) == [
        "reflected",
        "reflected",
        "forgiven",
        "missed",
        "reflected",
    ]


def test_the_second_missed_day_of_a_week_breaks() -> None:
    # Monday is forgiven (the run goes on from last Friday); Thursday would be the week's second.
    days = [PREV_FRI, TUE, WED, FRI]
    state = recompute(days, FORGIVE_ONE)
    assert (state.current, state.longest, state.week_forgiven) == (1, 3, 1)
    marked = ["forgiven", "reflected", "reflected", "missed", "reflected"]
    assert week_marks(days, FORGIVE_ONE) == marked


def test_forgiveness_is_per_iso_week() -> None:
    # Friday and the next Monday are in different weeks: one forgiven in each.
    state = recompute([THU, NEXT_TUE], FORGIVE_ONE)
    assert (state.current, state.week_forgiven) == (2, 1)  # NEXT_MON, forgiven in the new week
    assert forgiven_days([THU, NEXT_TUE], FORGIVE_ONE) == (FRI, NEXT_MON)
    # NEXT_WED would be the new week's second: the run breaks, and what was forgiven stays so.
    state = advance(state, NEXT_THU, FORGIVE_ONE)
    assert (state.current, state.longest, state.week_forgiven) == (1, 2, 1)
    assert state == recompute([THU, NEXT_TUE, NEXT_THU], FORGIVE_ONE)


def test_the_first_missed_day_is_forgiven_even_when_the_run_breaks() -> None:
    # Tuesday is the week's first missed day, Wednesday its second (the run breaks there), and
    # Friday finds the week's allowance used: a day is forgiven or not by its place in the week,
    # whatever happens around it.
    days = [MON, THU, NEXT_MON]
    state = recompute(days, FORGIVE_ONE)
    assert (state.current, state.longest) == (1, 1)
    assert week_marks(days, FORGIVE_ONE, today=NEXT_TUE) == [
        "reflected",
        "forgiven",
        "missed",
        "reflected",
        "missed",
    ]


def test_excusing_a_day_never_lowers_a_streak() -> None:
    # With Wednesday excused the week has one missed day (Tuesday, forgiven) before Thursday,
    # so the run goes on from Monday; Friday, the week's second, still breaks it.
    days = [MON, THU, NEXT_MON]
    excused = replace(FORGIVE_ONE, excused=frozenset({WED}))
    assert (recompute(days, excused).current, recompute(days, excused).longest) == (1, 2)
    assert recompute(days, excused).longest >= recompute(days, FORGIVE_ONE).longest


def test_a_whole_week_without_a_reflection_breaks() -> None:
    after = NEXT_MON + timedelta(days=7)
    for forgive in (1, 7):
        cal = StreakCalendar(forgive_per_week=forgive)
        assert recompute([FRI, after], cal).current == 1
        assert current_at(recompute([FRI], cal), after, cal) == 0
    # Until that week is over, a reflection in it could still hold on to it; with forgiveness
    # of 5 or more a Saturday reflection would bridge the five missed days.
    assert current_at(recompute([FRI], FORGIVE_ONE), NEXT_SAT, FORGIVE_ONE) == 0
    all_week = StreakCalendar(forgive_per_week=7)
    assert current_at(recompute([FRI], all_week), NEXT_SAT, all_week) == 1
    # Even a week with a single required day: the week has nothing to hold on to.
    cal = StreakCalendar(forgive_per_week=1, excused=frozenset({NEXT_TUE, NEXT_WED, NEXT_THU}))
    cal = replace(cal, offdays=(DateRange(NEXT_FRI, NEXT_FRI),))
    assert recompute([FRI, after], cal).current == 1


def test_a_week_of_offdays_does_not_break() -> None:
    holiday = replace(FORGIVE_ONE, offdays=(DateRange(NEXT_MON, NEXT_SUN),))
    after = NEXT_MON + timedelta(days=7)
    assert recompute([THU, FRI, after], holiday).current == 3
    assert current_at(recompute([FRI], holiday), after, holiday) == 1
    seen = marks([FRI], holiday, NEXT_MON, NEXT_SUN, after)
    assert set(seen.values()) == {Mark.OFFDAY}


def test_one_practice_day_a_week_needs_a_reflection_every_week() -> None:
    cal = StreakCalendar(practice_days=frozenset({0}), forgive_per_week=1)  # Mondays
    in_two_weeks = MON + timedelta(days=14)
    # Forgiving one day a week must not mean "never reflect, keep the streak".
    assert recompute([MON, in_two_weeks], cal).current == 1
    assert current_at(recompute([MON], cal), in_two_weeks + DAY, cal) == 0
    # A reflection on another day of the week holds on to it: that week's Monday is forgiven.
    assert recompute([MON, NEXT_TUE, in_two_weeks], cal).current == 3
    assert forgiven_days([MON, NEXT_TUE, in_two_weeks], cal) == (NEXT_MON,)


def test_weekend_reflection_counts_but_is_not_required() -> None:
    cal = StreakCalendar()
    assert recompute([FRI, SAT, NEXT_MON], cal).current == 3
    assert recompute([MON, SAT], cal).current == 1  # Tuesday to Friday were missed


def test_paused_week_does_not_break_and_a_paused_reflection_counts() -> None:
    # Changed rule: a reflection on a paused day used to be ignored; now every reflection
    # counts, so a member who pauses from today keeps the reflection they already wrote today.
    cal = StreakCalendar(pauses=(Pause(NEXT_MON, NEXT_MON + timedelta(days=6)),))
    during = NEXT_MON + timedelta(days=2)
    after = NEXT_MON + timedelta(days=7)
    state = recompute([THU, FRI, during, after], cal)
    assert (state.current, state.total, state.last_day) == (4, 4, after)
    assert advance(recompute([FRI], cal), during, cal) == recompute([FRI, during], cal)
    assert advance(recompute([FRI], cal), during, cal).current == 2
    assert current_at(recompute([FRI], cal), after, cal) == 1
    assert current_at(recompute([FRI, during], cal), after, cal) == 2


def test_pausing_from_today_keeps_todays_reflection() -> None:
    state = recompute([MON, TUE], StreakCalendar())
    paused = StreakCalendar(pauses=(Pause(TUE, NEXT_FRI),))
    assert recompute([MON, TUE], paused) == state
    assert marks([MON, TUE], paused, TUE, WED, WED) == {TUE: Mark.REFLECTED, WED: Mark.PAUSED}


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


def test_current_at_uses_the_weeks_forgiveness() -> None:
    state = recompute([MON, TUE], FORGIVE_ONE)
    assert current_at(state, THU, FORGIVE_ONE) == 2  # Wednesday would be forgiven
    assert current_at(state, FRI, FORGIVE_ONE) == 0  # Wednesday and Thursday would not
    # Provisional marks follow current_at: Wednesday is forgiven on Thursday, missed on Friday.
    assert marks([MON, TUE], FORGIVE_ONE, WED, WED, THU) == {WED: Mark.FORGIVEN}
    assert marks([MON, TUE], FORGIVE_ONE, WED, THU, FRI) == {
        WED: Mark.FORGIVEN,
        THU: Mark.MISSED,
    }
    # Tuesday was forgiven already this week: a missed Thursday would end the run.
    state = recompute([MON, WED], FORGIVE_ONE)
    assert current_at(state, THU, FORGIVE_ONE) == 2
    assert current_at(state, FRI, FORGIVE_ONE) == 0


def test_marks_priority_and_open_days() -> None:
    cal = StreakCalendar(
        pauses=(Pause(TUE, WED),),
        excused=frozenset({MON, TUE, SAT}),
        offdays=(DateRange(MON, MON),),
    )
    assert marks([WED], cal, MON, NEXT_TUE, NEXT_MON) == {
        MON: Mark.OFFDAY,  # off-day over excused
        TUE: Mark.EXCUSED,  # excused over paused
        WED: Mark.REFLECTED,  # a reflection over everything
        THU: Mark.MISSED,
        FRI: Mark.MISSED,
        SAT: Mark.EXCUSED,  # excused over rest
        SUN: Mark.REST,
        NEXT_MON: Mark.OPEN,  # today, not over yet
        NEXT_TUE: Mark.OPEN,
    }
    # Before the first reflection the member was not practising yet: neither missed nor kept.
    assert marks([], StreakCalendar(), MON, TUE, WED) == {MON: Mark.BEFORE, TUE: Mark.BEFORE}
    assert marks([WED], StreakCalendar(), MON, THU, FRI)[TUE] is Mark.BEFORE
    assert marks([MON], StreakCalendar(), TUE, MON, WED) == {}


def test_forgiveness_must_be_a_number_of_weekdays() -> None:
    for wrong in (-1, 8):
        with pytest.raises(ValueError):
            StreakCalendar(forgive_per_week=wrong)


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
    assert forgiven_days([], cal) == ()


class CountingCalendar(StreakCalendar):
    """A calendar that counts its day-by-day questions: the cost of a rule, without timing it."""

    asked: ClassVar[list[int]] = [0]

    def is_required(self, day: date) -> bool:
        CountingCalendar.asked[0] += 1
        return super().is_required(day)


def test_returning_after_years_costs_no_day_by_day_walk() -> None:
    cal = CountingCalendar(
        pauses=tuple(Pause(date(2001 + n, 7, 1), date(2001 + n, 7, 31)) for n in range(50)),
        excused=frozenset(date(2001, 1, 1) + timedelta(days=3 * n) for n in range(2000)),
        offdays=tuple(DateRange(date(2001 + n, 7, 20), date(2001 + n, 8, 10)) for n in range(50)),
        forgive_per_week=1,
    )
    CountingCalendar.asked[0] = 0
    assert current_at(recompute([date(2000, 1, 3)], cal), date(2060, 1, 1), cal) == 0
    assert recompute([date(2000, 1, 3), date(2060, 1, 1)], cal).current == 1
    assert CountingCalendar.asked[0] == 0  # whole weeks and ranges are counted, not walked
    # 400 years are exactly 20,871 weeks, so 5 practice days in each.
    assert StreakCalendar().required_between(date(1600, 1, 1), date(2000, 1, 2)) == 5 * 20871


def test_a_26_week_view_of_a_long_history_walks_only_its_window() -> None:
    rnd = random.Random(7)
    start_day = date(2014, 1, 6)
    days = [start_day + timedelta(days=n) for n in range(3650) if rnd.random() < 0.7]
    cal = CountingCalendar(
        offdays=tuple(DateRange(date(2014 + n, 12, 24), date(2015 + n, 1, 1)) for n in range(10)),
        forgive_per_week=1,
    )
    today = start_day + timedelta(days=3650)
    first = today - timedelta(weeks=26)
    CountingCalendar.asked[0] = 0
    seen = marks(days, cal, first, today, today)
    # The history before the window is stepped through arithmetically, one step per
    # reflection; only the window's days (and the two weeks around a gap) are looked at.
    assert CountingCalendar.asked[0] <= 3 * (26 * 7 + 14)
    assert len(seen) == 26 * 7 + 1
    assert seen[today] in (Mark.OPEN, Mark.REST, Mark.OFFDAY)
    assert seen == marks(days, replace(cal), first, today, today)


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
