"""Plain domain data: who, where, and what was practised. No behaviour beyond small helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

WEEKDAYS_MON_FRI: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # date.weekday(): Monday == 0


@dataclass(frozen=True, slots=True)
class Place:
    """A channel on a platform: where a daily pick and nudge live."""

    platform: str
    workspace: str
    channel: str


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A member's identity on a platform (a member is per platform workspace, not per channel)."""

    platform: str
    workspace: str
    user: str


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, as the adapter saw them. Authorization is decided in the core from this."""

    platform: str
    workspace: str
    user: str
    display_name: str
    timezone: str | None = None  # when the platform knows it (Slack does, Discord does not)
    locale: str | None = None
    is_platform_admin: bool = False

    @property
    def ref(self) -> MemberRef:
        return MemberRef(self.platform, self.workspace, self.user)


@dataclass(frozen=True, slots=True)
class Rotation:
    """A channel's position in its shuffled bag of skills (see ``bot.rules.rotation``)."""

    cycle: int = 0
    bag: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel's settings and rotation state."""

    place: Place
    timezone: str = "UTC"
    language: str = "en"
    nudge_time: time = time(9, 0)
    weekdays: frozenset[int] = WEEKDAYS_MON_FRI
    professions: tuple[str, ...] = ()
    difficulty: int = 3
    rotation: Rotation = field(default_factory=Rotation)


@dataclass(frozen=True, slots=True)
class StreakState:
    """The stored streak: ``current`` is the run as of ``last_day`` (the last counted day)."""

    current: int = 0
    longest: int = 0
    total: int = 0
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """Days (inclusive) on which a member is paused: they neither count nor break a streak."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Member:
    """A member's own settings and their stored streak."""

    ref: MemberRef
    display_name: str
    timezone: str | None = None  # None: the channel's time zone applies
    language: str | None = None  # None: the channel's language applies
    practice_days: frozenset[int] = WEEKDAYS_MON_FRI
    streak: StreakState = field(default_factory=StreakState)


@dataclass(frozen=True, slots=True)
class DailyPick:
    """(channel, local date) -> skill, scenario and habit focus; created once, then read back."""

    place: Place
    local_date: date
    skill_id: str
    scenario_id: str
    habit_id: str
    seq: int  # 0 for the channel's first pick, then +1 per pick: the bag's clock


@dataclass(frozen=True, slots=True)
class Reflection:
    """A member's private note to self; ``day`` is the local day it counts for."""

    member: MemberRef
    place: Place
    day: date
    created_at: datetime  # UTC
    answers: Mapping[str, str]
    skill_id: str | None = None
    shared: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class NudgeRecord:
    """The ledger entry of one channel's nudge on one local day."""

    place: Place
    local_date: date
    status: str  # "claimed" | "sent" | "failed"
    attempts: int = 0
    message_ref: str | None = None
    updated_at: datetime | None = None
