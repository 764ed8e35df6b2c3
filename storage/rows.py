"""Rows and the domain: the mappers and key conditions every part of a transaction shares.

Also ``IN_CHUNK`` and ``chunks``, which keep ``IN (…)`` lists within both backends' limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, and_

from bot.model import (
    Channel,
    DailyPick,
    Member,
    MemberRef,
    Place,
    Reflection,
    Rotation,
    StreakState,
)
from storage.tables import channels, members

# The most values one statement binds in an ``IN (…)`` list. Within SQLite's limit of 32,766
# variables and asyncpg's 32,767 arguments, and large enough that a 10,000-member round needs
# one query.
IN_CHUNK = 10_000

_T = TypeVar("_T")


def place_params(place: Place) -> dict[str, str]:
    return {
        "at_platform": place.platform,
        "at_workspace": place.workspace,
        "at_channel": place.channel,
    }


def member_params(ref: MemberRef) -> dict[str, str]:
    return {"at_platform": ref.platform, "at_workspace": ref.workspace, "at_user": ref.user}


def is_place(place: Place) -> ColumnElement[bool]:
    return and_(
        channels.c.platform == place.platform,
        channels.c.workspace == place.workspace,
        channels.c.channel == place.channel,
    )


def is_member(ref: MemberRef) -> ColumnElement[bool]:
    return and_(
        members.c.platform == ref.platform,
        members.c.workspace == ref.workspace,
        members.c.user_id == ref.user,
    )


def by_workspace(refs: Iterable[MemberRef]) -> dict[tuple[str, str], list[str]]:
    """The distinct user ids of ``refs`` per (platform, workspace), in first-seen order."""
    users: dict[tuple[str, str], dict[str, None]] = {}
    for ref in refs:
        users.setdefault((ref.platform, ref.workspace), {})[ref.user] = None
    return {key: list(found) for key, found in users.items()}


def chunks(values: Sequence[_T], size: int | None = None) -> Iterable[Sequence[_T]]:
    """``values`` in slices of at most ``size`` (default ``IN_CHUNK``, read at call time)."""
    size = size or IN_CHUNK
    return (values[start : start + size] for start in range(0, len(values), size))


def join_ids(ids: Iterable[str], what: str) -> str:
    """Ids as stored: comma-separated (``ValueError`` for one that would not come back)."""
    ids = tuple(ids)
    for item in ids:
        # Stored comma-separated: an empty id or a comma would not survive the round trip.
        if not item or "," in item:
            raise ValueError(f"{what} id {item!r}: ids must be non-empty and contain no comma")
    return ",".join(ids)


def split_ids(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()


def join_days(days: Iterable[int]) -> str:
    days = sorted(set(days))
    if any(not 0 <= day <= 6 for day in days):
        raise ValueError(f"weekdays {days}: each must be 0 (Monday) to 6 (Sunday)")
    return ",".join(map(str, days))


def split_days(text: str) -> frozenset[int]:
    return frozenset(int(day) for day in text.split(",")) if text else frozenset()


def channel_settings(channel: Channel) -> dict[str, Any]:
    return {
        "timezone": channel.timezone,
        "language": channel.language,
        "nudge_time": channel.nudge_time,
        "weekdays": join_days(channel.weekdays),
        "professions": join_ids(channel.professions, "profession"),
        "difficulty": channel.difficulty,
        "rotation_cycle": channel.rotation.cycle,
        "rotation_bag": join_ids(channel.rotation.bag, "skill"),
        "rotation_position": channel.rotation.position,
        "pairing_time": channel.pairing_time,
        "repeat_window": channel.repeat_window,
        "reminder_time": channel.reminder_time,
        "late_until": channel.late_until,
        "forgive_per_week": channel.forgive_per_week,
    }


def channel_from_row(row: Row[Any]) -> Channel:
    """A ``channels`` row as the domain's ``Channel`` (the one mapper, also for the parts)."""
    return Channel(
        place=Place(row.platform, row.workspace, row.channel),
        timezone=row.timezone,
        language=row.language,
        nudge_time=row.nudge_time,
        weekdays=split_days(row.weekdays),
        professions=split_ids(row.professions),
        difficulty=row.difficulty,
        rotation=Rotation(
            cycle=row.rotation_cycle,
            bag=split_ids(row.rotation_bag),
            position=row.rotation_position,
        ),
        pairing_time=row.pairing_time,
        repeat_window=row.repeat_window,
        reminder_time=row.reminder_time,
        late_until=row.late_until,
        forgive_per_week=row.forgive_per_week,
    )


def member_settings(member: Member) -> dict[str, Any]:
    return {
        "display_name": member.display_name,
        "timezone": member.timezone,
        "language": member.language,
        "practice_days": join_days(member.practice_days),
        "dms": member.dms,
        "streak_current": member.streak.current,
        "streak_longest": member.streak.longest,
        "streak_total": member.streak.total,
        "streak_last_day": member.streak.last_day,
        "streak_week_forgiven": member.streak.week_forgiven,
        "reminders": member.reminders,
        "reminder_channel": member.reminder_channel,
        "quiet_start": member.quiet[0] if member.quiet else None,
        "quiet_end": member.quiet[1] if member.quiet else None,
    }


def member_from_row(row: Row[Any]) -> Member:
    return Member(
        ref=MemberRef(row.platform, row.workspace, row.user_id),
        display_name=row.display_name,
        timezone=row.timezone,
        language=row.language,
        practice_days=split_days(row.practice_days),
        dms=row.dms,
        streak=StreakState(
            current=row.streak_current,
            longest=row.streak_longest,
            total=row.streak_total,
            last_day=row.streak_last_day,
            week_forgiven=row.streak_week_forgiven,
        ),
        reminders=row.reminders,
        reminder_channel=row.reminder_channel,
        quiet=(
            (row.quiet_start, row.quiet_end)
            if row.quiet_start is not None and row.quiet_end is not None
            else None
        ),
    )


def reflection_from_row(author: MemberRef, row: Row[Any]) -> Reflection:
    return Reflection(
        member=author,
        place=Place(row.platform, row.workspace, row.channel),
        day=row.day,
        created_at=row.created_at,
        answers=dict(row.answers),
        skill_id=row.skill_id,
        shared=bool(row.shared),
        for_trainers=bool(row.for_trainers),
        id=row.id,
    )


def pick_from_row(place: Place, row: Any) -> DailyPick:
    """A ``daily_picks`` row as the domain's ``DailyPick`` (the one mapper)."""
    return DailyPick(
        place=place,
        local_date=row.local_date,
        skill_id=row.skill_id,
        scenario_id=row.scenario_id,
        habit_id=row.habit_id,
        seq=row.seq,
    )
