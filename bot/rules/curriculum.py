"""A cohort's curriculum: which skill (and scenario) the daily pick takes on which day.

A curriculum is a list of lessons, each a skill for a range of local dates. It is written in
one of three ways and stored as lessons:

- **weekly**: skills in order, one per week from a Monday on (``weekly(start, skills)``);
- **daily**: skills in order, one per practice day from a date on (``daily(...)``);
- **custom**: a date or a week (``2027-W03``) with a skill and an optional scenario.

``replace_from(old, new, day)`` changes a curriculum from ``day`` on: what came before stays,
so picks already made never change (they are stored anyway). Days outside every lesson follow
the channel's ordinary rotation.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from itertools import pairwise

from bot.model import Lesson

__all__ = [
    "CurriculumError",
    "check",
    "daily",
    "lesson_on",
    "replace_from",
    "week_range",
    "weekly",
]

MAX_SPAN_DAYS = 366  # a curriculum reaches at most a year past its start


class CurriculumError(ValueError):
    """A curriculum that cannot be used; ``key`` and ``params`` name the UI text that says why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def week_range(day: date) -> tuple[date, date]:
    """The Monday and Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekly(start: date, skills: Sequence[str]) -> tuple[Lesson, ...]:
    """One skill per week, in order, from the week of ``start`` (from ``start`` itself)."""
    lessons = []
    first = start
    for skill in skills:
        _, sunday = week_range(first)
        lessons.append(Lesson(first, sunday, skill))
        first = sunday + timedelta(days=1)
    return tuple(lessons)


def daily(start: date, skills: Sequence[str], weekdays: Collection[int]) -> tuple[Lesson, ...]:
    """One skill per practice day (``weekdays``, 0 = Monday), in order, from ``start``."""
    if not weekdays:
        raise CurriculumError("error.cohort_no_days")
    lessons = []
    day = start
    for skill in skills:
        while day.weekday() not in weekdays:
            day += timedelta(days=1)
        lessons.append(Lesson(day, day, skill))
        day += timedelta(days=1)
    return tuple(lessons)


def lesson_on(lessons: Sequence[Lesson], day: date) -> Lesson | None:
    """The lesson of ``day``, if any."""
    return next((lesson for lesson in lessons if lesson.first <= day <= lesson.last), None)


def replace_from(old: Sequence[Lesson], new: Sequence[Lesson], day: date) -> tuple[Lesson, ...]:
    """``old`` up to the day before ``day`` (a lesson running past it is cut there), then
    ``new`` from ``day`` on (lessons of ``new`` before ``day`` are cut or dropped)."""
    kept = []
    for lesson in old:
        if lesson.last < day:
            kept.append(lesson)
        elif lesson.first < day:
            kept.append(
                Lesson(lesson.first, day - timedelta(days=1), lesson.skill_id, lesson.scenario_id)
            )
    for lesson in new:
        if lesson.last >= day:
            first = max(lesson.first, day)
            kept.append(Lesson(first, lesson.last, lesson.skill_id, lesson.scenario_id))
    return tuple(sorted(kept, key=lambda lesson: lesson.first))


def check(
    lessons: Sequence[Lesson],
    start: date,
    skills: Collection[str],
    scenarios: Collection[str],
) -> tuple[Lesson, ...]:
    """``lessons`` in date order when each names a known skill (and scenario), lies on or after
    ``start``, within a year of it, and none overlaps another; else ``CurriculumError``."""
    ordered = sorted(lessons, key=lambda lesson: lesson.first)
    for lesson in ordered:
        if lesson.skill_id not in skills:
            raise CurriculumError("error.cohort_unknown_skill", value=lesson.skill_id)
        if lesson.scenario_id is not None and lesson.scenario_id not in scenarios:
            raise CurriculumError("error.cohort_unknown_scenario", value=lesson.scenario_id)
        if lesson.last < lesson.first:
            raise CurriculumError("error.cohort_bad_range", value=lesson.first.isoformat())
        if lesson.first < start:
            raise CurriculumError(
                "error.cohort_before_start", day=lesson.first.isoformat(), start=start.isoformat()
            )
        if (lesson.last - start).days > MAX_SPAN_DAYS:
            raise CurriculumError("error.cohort_too_long", day=lesson.last.isoformat())
    for earlier, later in pairwise(ordered):
        if later.first <= earlier.last:
            raise CurriculumError(
                "error.cohort_overlap", first=earlier.first.isoformat(), day=later.first.isoformat()
            )
    return tuple(ordered)
