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
    is_operator: bool = False  # the ``ballback`` CLI on the server, never a chat request

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
    pairing_time: time = time(10, 0)  # joining closes and the round is paired at this time
    repeat_window: int = 8  # avoid partners from this many of the channel's last rounds
    reminder_time: time = time(16, 0)  # the reflection reminder of each practice day
    late_until: time | None = None  # a late nudge is posted until then (None: pairing time)
    forgive_per_week: int = 1  # missed practice days per ISO week that keep a streak going


@dataclass(frozen=True, slots=True)
class StreakState:
    """The stored streak: ``current`` is the run as of ``last_day`` (the last counted day)."""

    current: int = 0
    longest: int = 0
    total: int = 0
    last_day: date | None = None
    # How many missed days the weekly forgiveness bridged in the ISO week of ``last_day`` (up
    # to it): what a later gap in that same week may still be forgiven depends on it.
    week_forgiven: int = 0


@dataclass(frozen=True, slots=True)
class Pause:
    """Days (inclusive) on which a member is paused: they neither count nor break a streak."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class DateRange:
    """Consecutive local dates, both ends included (a channel's off-days, say)."""

    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def days(self) -> int:
        """How many dates the range holds (0 when ``last`` is before ``first``)."""
        return max((self.last - self.first).days + 1, 0)

    @property
    def label(self) -> str:
        """``YYYY-MM-DD`` for one day, else ``YYYY-MM-DD..YYYY-MM-DD`` (as members type it)."""
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


@dataclass(frozen=True, slots=True)
class Member:
    """A member's own settings and their stored streak."""

    ref: MemberRef
    display_name: str
    timezone: str | None = None  # None: the channel's time zone applies
    language: str | None = None  # None: the channel's language applies
    practice_days: frozenset[int] = WEEKDAYS_MON_FRI
    dms: bool = False  # asked for direct messages (Discord sends none without this)
    streak: StreakState = field(default_factory=StreakState)
    # Reflection reminders: None = only on days they practised in a round; True = every
    # practice day of ``reminder_channel`` (where they asked); False = never.
    reminders: bool | None = None
    reminder_channel: str | None = None  # a channel id in the member's workspace
    quiet: tuple[time, time] | None = None  # never reminded then, in their zone (None: default)


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
    for_trainers: bool = False  # its author lets the training group's trainers read it


@dataclass(frozen=True, slots=True)
class ChannelActivity:
    """What happened in a channel over a span of local days, as counts only (no names, no
    text): what a trainer sees of their cohort."""

    nudges: int = 0  # nudges posted
    joins: int = 0  # round joins (a member once per day)
    joiners: int = 0  # distinct members who joined
    groups: int = 0  # pairs and trios formed
    practised: int = 0
    not_happened: int = 0
    feedback: int = 0  # feedback forms filled in
    reflections: int = 0
    reflectors: int = 0  # distinct members who reflected
    shared: int = 0  # reflections shared in the channel


DEFAULT_QUIET = (time(21, 0), time(8, 0))  # quiet hours of members who set none

# What became of a piece of scheduled work (``WorkRecord.status``).
PENDING = "pending"  # due, not taken yet (or given back after a failure)
CLAIMED = "claimed"  # an instance is doing it, until its lease runs out
DONE = "done"  # done (its messages are in the outbox); ``note`` says on time or late
MISSED = "missed"  # too late when it could be done; ``note`` says why
SKIPPED = "skipped"  # no longer wanted (an off-day was set after it fell due)


@dataclass(frozen=True, slots=True)
class Job:
    """A piece of scheduled work claimed by one instance until ``lease_until``."""

    id: int
    place: Place
    local_date: date
    kind: str  # bot.rules.schedule.KINDS
    due_at: datetime
    owner: str
    lease_until: datetime
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class WorkRecord:
    """One row of the work ledger: (channel, local date, kind) and what became of it."""

    place: Place
    local_date: date
    kind: str
    due_at: datetime
    status: str
    note: str = ""
    attempts: int = 0
    updated_at: datetime | None = None


# What became of a notice in the outbox (``OutboxRecord.status``).
SENDING = "sending"  # an instance is delivering it, until its lease runs out
SENT = "sent"
FAILED = "failed"  # given up: the platform kept failing until the notice no longer made sense


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """A notice in the outbox as ``status`` shows it (no card: only what it was and became)."""

    id: int
    place: Place
    kind: str
    title: str
    status: str
    attempts: int
    created_at: datetime
    settled_at: datetime | None = None
    message_ref: str | None = None
    error: str = ""


HELPER = "helper"
BRINGER = "bringer"
OBSERVER = "observer"
ROLES = (HELPER, BRINGER, OBSERVER)

PRACTISED = "practised"
NOT_HAPPENED = "not_happened"


@dataclass(frozen=True, slots=True)
class Seat:
    """A member's place in a group: their first-turn role and the name shown to partners."""

    member: MemberRef
    role: str  # HELPER | BRINGER | OBSERVER (in the group's first turn)
    display_name: str


@dataclass(frozen=True, slots=True)
class Group:
    """A pair or trio in one channel's round on one local day.

    Turn 1 uses the seats' roles; each later turn (a swap) rotates them, so in a pair the
    helper and the issue-bringer trade places.
    """

    place: Place
    local_date: date
    number: int  # 1, 2, … within the round
    seats: tuple[Seat, ...]
    scenario_id: str
    skill_id: str
    turn: int = 1
    space_ref: str | None = None
    outcome: str | None = None  # PRACTISED | NOT_HAPPENED, answered once
    outcome_by: MemberRef | None = None
    reminded: bool = False
    id: int | None = None

    def role_of(self, member: MemberRef, turn: int | None = None) -> str | None:
        """The member's role in ``turn`` (default: the current turn), or None if not in it."""
        roles = [s.role for s in self.seats]
        shift = ((turn or self.turn) - 1) % len(self.seats)
        for index, seat in enumerate(self.seats):
            if seat.member == member:
                return roles[(index + shift) % len(roles)]
        return None

    def member_in(self, role: str, turn: int | None = None) -> Seat | None:
        """The seat whose member has ``role`` in ``turn`` (default: the current turn)."""
        return next((s for s in self.seats if self.role_of(s.member, turn) == role), None)


@dataclass(frozen=True, slots=True)
class Feedback:
    """Answers to one feedback form in one turn of a group; one per (group, turn, form, giver)."""

    group_id: int
    turn: int
    form_id: str  # "self_assessment" | "partner" | "observer"
    giver: MemberRef
    answers: Mapping[str, str]
    created_at: datetime
    for_trainers: bool = False  # its giver lets the training group's trainers read it


@dataclass(frozen=True, slots=True)
class Level:
    """A member's practice level in a channel (1-3, see ``bot.rules.levels``) and their "too
    easy" self-assessments in a row since it last moved."""

    level: int
    easy: int = 0


@dataclass(frozen=True, slots=True)
class Lesson:
    """One curriculum entry: the skill (and, optionally, the scenario) of the days
    ``first..last`` (local dates, both included)."""

    first: date
    last: date
    skill_id: str
    scenario_id: str | None = None


@dataclass(frozen=True, slots=True)
class Cohort:
    """A channel run as a training group: its start date, trainers and curriculum (lessons in
    date order, never overlapping; days outside them follow the channel's rotation)."""

    place: Place
    start: date
    trainers: tuple[MemberRef, ...] = ()
    lessons: tuple[Lesson, ...] = ()


@dataclass(frozen=True, slots=True)
class SeatEvent:
    """A member's seat in a group of the channel, for reports: the group's day, skill, size
    and outcome, and the member's first-turn role."""

    group_id: int
    day: date
    skill_id: str
    member: MemberRef
    name: str
    role: str
    size: int
    outcome: str | None


@dataclass(frozen=True, slots=True)
class FeedbackEvent:
    """A feedback form given in the channel, for reports: only its coded answers are read."""

    group_id: int
    turn: int
    form_id: str
    giver: MemberRef
    answers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class CohortActivity:
    """What a report is made of, for local days ``first..last``: seats, feedback, and per
    member their joins, reflections (counted only) and reflection days."""

    seats: tuple[SeatEvent, ...] = ()
    feedback: tuple[FeedbackEvent, ...] = ()
    joins: Mapping[MemberRef, int] = field(default_factory=dict)
    reflections: Mapping[MemberRef, tuple[date, ...]] = field(default_factory=dict)
    # Stand-ins for members who asked to be forgotten: counted in totals, never by name.
    forgotten: frozenset[MemberRef] = frozenset()


@dataclass(frozen=True, slots=True)
class SharedItem:
    """A reflection or feedback form whose author shared it with the training group's
    trainers (``bot.usecases.sharing``). ``key`` names it in a ``share`` command: ``r<id>``
    for a reflection, ``f<group>-<turn>-<form>`` for feedback. ``answers`` are as written
    (untrusted)."""

    kind: str  # "reflection" | "feedback"
    key: str
    member: MemberRef
    name: str
    place: Place
    day: date
    skill_id: str | None
    form_id: str
    answers: Mapping[str, str]


#: A member's answer to live reading of their group's practice space: no; yes, counting only;
#: yes, and keep the text with the group's feedback (``bot.usecases.live_reading``).
LIVE_NO, LIVE_YES, LIVE_KEEP = "no", "yes", "keep"
LIVE_ANSWERS = (LIVE_NO, LIVE_YES, LIVE_KEEP)


@dataclass(frozen=True, slots=True)
class Observation:
    """The automatic observer's counts for one turn of a group (``bot.observer``): the
    helper's moves and the figures a ``Tally`` is rebuilt from. ``source`` is "pasted" (a
    member pasted the role-play) or "live" (read in the practice space with everyone's
    consent); ``context`` is the other's last message while live reading goes on, dropped
    once ``finished``; ``transcript`` is kept only when the members chose so."""

    group_id: int
    turn: int
    source: str
    lang: str
    counts: Mapping[str, int]
    context: str = ""
    finished: bool = False
    transcript: str | None = None
