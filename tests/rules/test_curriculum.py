"""A cohort's curriculum: weekly and daily lessons, changes from a date on, the checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.model import Lesson
from bot.rules.curriculum import CurriculumError, check, daily, lesson_on, replace_from, weekly

MONDAY = date(2027, 1, 11)
SKILLS = ("handen", "stilte", "fotos")


def test_weekly_and_daily() -> None:
    week = weekly(MONDAY + timedelta(days=2), SKILLS)  # from a Wednesday: that week's rest
    assert [(x.first, x.last, x.skill_id) for x in week] == [
        (date(2027, 1, 13), date(2027, 1, 17), "handen"),
        (date(2027, 1, 18), date(2027, 1, 24), "stilte"),
        (date(2027, 1, 25), date(2027, 1, 31), "fotos"),
    ]
    days = daily(date(2027, 1, 15), SKILLS, {0, 1, 2, 3, 4})  # a Friday, then Mon, Tue
    assert [x.first for x in days] == [date(2027, 1, 15), date(2027, 1, 18), date(2027, 1, 19)]
    assert lesson_on(days, date(2027, 1, 18)) == days[1]
    assert lesson_on(days, date(2027, 1, 16)) is None


def test_the_checks() -> None:
    known = set(SKILLS)
    good = weekly(MONDAY, SKILLS)
    assert check(reversed(good), MONDAY, known, {"s01"}) == good  # type: ignore[arg-type]
    cases = [
        ((Lesson(MONDAY, MONDAY, "luisteren"),), "error.cohort_unknown_skill"),
        ((Lesson(MONDAY, MONDAY, "handen", "s99"),), "error.cohort_unknown_scenario"),
        ((Lesson(MONDAY - timedelta(days=1), MONDAY, "handen"),), "error.cohort_before_start"),
    ]
    for lessons, key in cases[:3]:
        with pytest.raises(CurriculumError) as raised:
            check(lessons, MONDAY, known, {"s01"})
        assert raised.value.key == key
    far = MONDAY + timedelta(days=400)
    with pytest.raises(CurriculumError) as raised:
        check((Lesson(far, far, "handen"),), MONDAY, known, set())
    assert raised.value.key == "error.cohort_too_long"
    overlapping = (
        Lesson(MONDAY, MONDAY + timedelta(days=6), "handen"),
        Lesson(MONDAY + timedelta(days=3), MONDAY + timedelta(days=3), "stilte"),
    )
    with pytest.raises(CurriculumError) as raised:
        check(overlapping, MONDAY, known, set())
    assert raised.value.key == "error.cohort_overlap"


@given(st.integers(0, 40), st.lists(st.sampled_from(SKILLS), min_size=1, max_size=6))
def test_a_change_from_a_day_leaves_the_days_before_it(offset: int, skills: list[str]) -> None:
    old = weekly(MONDAY, SKILLS * 2)
    day = MONDAY + timedelta(days=offset)
    new = daily(day, skills, {0, 1, 2, 3, 4})
    changed = replace_from(old, new, day)
    for n in range(60):
        when = MONDAY + timedelta(days=n)
        if when < day:
            assert lesson_on(changed, when) == lesson_on(old, when) or (
                lesson_on(changed, when) is not None
                and lesson_on(changed, when).skill_id == lesson_on(old, when).skill_id  # type: ignore[union-attr]
            )
        else:
            assert lesson_on(changed, when) == lesson_on(new, when)
    check(changed, MONDAY, set(SKILLS), set())  # never overlapping
