"""The database schema as SQLAlchemy Core tables.

This module describes the schema the code expects; the migrations in ``storage/migrations``
are what creates it (a test checks that both agree). Channels and members get surrogate integer
ids so the other tables reference them cheaply; the domain only ever sees natural keys
(``Place``, ``MemberRef``).

Conventions:

- Lists of small ids (weekdays, professions, the rotation bag) are stored as comma-separated
  text: they are read and written whole, never queried inside.
- Every timestamp goes through ``UTCDateTime``: stored in UTC, returned timezone-aware in UTC on
  both backends (SQLite has no time zone support of its own).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names, so later migrations can refer to (and drop) them by name.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

WORK_STATUSES: tuple[str, ...] = ("pending", "claimed", "done", "missed", "skipped")
OUTBOX_STATUSES: tuple[str, ...] = ("pending", "sending", "sent", "skipped", "failed")
SEAT_ROLES: tuple[str, ...] = ("helper", "bringer", "observer")  # bot.model.ROLES
GROUP_OUTCOMES: tuple[str, ...] = ("practised", "not_happened")  # bot.model.PRACTISED, …


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware (``tzinfo=UTC``).

    PostgreSQL stores ``timestamptz`` natively. SQLite stores text without an offset, so the
    value is converted to UTC before it is written and marked UTC when it is read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # Callers validate this earlier (see store._utc); failing here too keeps naive
            # local times from ever being stored as if they were UTC.
            raise ValueError(f"naive datetime {value!r}: timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc(moment: datetime) -> datetime:
    """``moment`` itself, checked to be timezone-aware.

    A naive datetime is ambiguous (local? UTC?); refusing it keeps every stored time in UTC.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware (UTC) datetime")
    return moment


def json_dumps(value: Any) -> str:
    """The JSON columns' serializer (every engine's ``json_serializer``)."""
    # Unicode is stored as itself (no \uXXXX escapes), so 4,000 emoji stay 4,000 characters;
    # control characters (NUL included) are still escaped, as PostgreSQL text requires.
    return json.dumps(value, ensure_ascii=False)


metadata = MetaData(naming_convention=NAMING_CONVENTION)

channels = Table(
    "channels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", Text, nullable=False),
    Column("workspace", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("timezone", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("nudge_time", Time, nullable=False),
    Column("weekdays", Text, nullable=False),  # "0,1,2,3,4" (date.weekday(), Monday == 0)
    Column("professions", Text, nullable=False),  # comma-separated ids, in order
    Column("difficulty", Integer, nullable=False),
    Column("rotation_cycle", Integer, nullable=False),
    Column("rotation_bag", Text, nullable=False),  # comma-separated skill ids, in order
    Column("rotation_position", Integer, nullable=False),
    # Added by 0002; the server defaults fill channels that existed before.
    Column("pairing_time", Time, nullable=False, server_default=text("'10:00:00'")),
    Column("repeat_window", Integer, nullable=False, server_default=text("8")),
    # Added by 0007.
    Column("reminder_time", Time, nullable=False, server_default=text("'16:00:00'")),
    Column("late_until", Time, nullable=True),
    Column("forgive_per_week", Integer, nullable=False, server_default=text("1")),
    # The scheduling cursor: the channel's work due from this instant on is not planned yet.
    Column("next_due_at", UTCDateTime(), nullable=True),
    UniqueConstraint("platform", "workspace", "channel"),
    Index(None, "next_due_at"),
)

members = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", Text, nullable=False),
    Column("workspace", Text, nullable=False),
    # "user" is a reserved word in PostgreSQL; a plain name keeps hand-written SQL simple.
    Column("user_id", Text, nullable=False),
    Column("display_name", Text, nullable=False),
    Column("timezone", Text, nullable=True),
    Column("language", Text, nullable=True),
    Column("practice_days", Text, nullable=False),
    # Whether the member asked for direct messages; Discord sends none without it.
    Column("dms", Boolean, nullable=False, server_default=false()),
    Column("streak_current", Integer, nullable=False),
    Column("streak_longest", Integer, nullable=False),
    Column("streak_total", Integer, nullable=False),
    Column("streak_last_day", Date, nullable=True),
    # Added by 0007: the weekly forgiveness used in the last counted day's week; reminders
    # (NULL: after a practice only) and where; quiet hours (NULL: the default).
    Column("streak_week_forgiven", Integer, nullable=False, server_default=text("0")),
    Column("reminders", Boolean, nullable=True),
    Column("reminder_channel", Text, nullable=True),
    Column("quiet_start", Time, nullable=True),
    Column("quiet_end", Time, nullable=True),
    # Added by 0010: a row that stands for members who asked to be forgotten (no user id of
    # theirs): their counted activity moved here, so reports still add up.
    Column("forgotten", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("platform", "workspace", "user_id"),
)

pauses = Table(
    "pauses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    # "start"/"end" would need quoting ("end" is reserved); the _day suffix avoids that.
    Column("start_day", Date, nullable=False),
    Column("end_day", Date, nullable=False),
    Index(None, "member_id", "start_day"),
)

daily_picks = Table(
    "daily_picks",
    metadata,
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("skill_id", Text, nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("habit_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),
    # The idempotency key: one pick per channel and local day, whoever inserts first wins.
    PrimaryKeyConstraint("channel_id", "local_date"),
)

reflections = Table(
    "reflections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("skill_id", Text, nullable=True),
    Column("shared", Boolean, nullable=False),
    # Added by 0010: its author let the training group's trainers read it (revocable).
    Column("for_trainers", Boolean, nullable=False, server_default=false()),
    # JSON (not JSONB) on PostgreSQL: it keeps the text as written, so key order survives.
    Column("answers", JSON, nullable=False),
    Index(None, "member_id", "created_at"),
    Index(None, "channel_id"),
)

# ---------------------------------------------------------------------- practice rounds

round_members = Table(
    "round_members",
    metadata,
    # Only a tie-breaker: members who joined at the same instant are listed in insert order.
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("joined_at", UTCDateTime(), nullable=False),
    # One entry per member and round; its index also serves "who joined this round".
    UniqueConstraint("channel_id", "local_date", "member_id"),
)

rounds = Table(
    "rounds",
    metadata,
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("claimed_at", UTCDateTime(), nullable=False),
    # The pairing ledger: whoever inserts the (channel, day) row pairs that round, once ever.
    PrimaryKeyConstraint("channel_id", "local_date"),
)

groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("number", Integer, nullable=False),
    Column("scenario_id", Text, nullable=False),
    Column("skill_id", Text, nullable=False),
    Column("turn", Integer, nullable=False, server_default=text("1")),
    Column("space_ref", Text, nullable=True),
    Column("outcome", Text, nullable=True),
    Column(
        "outcome_by_id",
        Integer,
        ForeignKey("members.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("reminded", Boolean, nullable=False, server_default=false()),
    # Its index (channel_id, local_date, …) also serves a round's groups and recent rounds.
    UniqueConstraint("channel_id", "local_date", "number"),
    # A command typed in a practice space finds its group (0011).
    Index(None, "space_ref"),
    CheckConstraint("outcome IN ('practised', 'not_happened')", name="outcome"),
)

group_seats = Table(
    "group_seats",
    metadata,
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 0-based seat order, as given
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("role", Text, nullable=False),  # the first-turn role
    Column("display_name", Text, nullable=False),
    PrimaryKeyConstraint("group_id", "position"),
    UniqueConstraint("group_id", "member_id"),
    # A member's seats: their group on a day (role counts are in role_tallies).
    Index(None, "member_id", "group_id"),
    CheckConstraint("role IN ('helper', 'bringer', 'observer')", name="role"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("turn", Integer, nullable=False),
    Column("form_id", Text, nullable=False),
    Column("giver_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    # JSON, like reflections.answers: the text as written, key order kept.
    Column("answers", JSON, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    # Added by 0010: its giver let the training group's trainers read it (revocable).
    Column("for_trainers", Boolean, nullable=False, server_default=false()),
    # One form per giver and turn; its index also serves "the feedback of this turn".
    UniqueConstraint("group_id", "turn", "form_id", "giver_id"),
)

observations = Table(
    "observations",
    metadata,
    # The automatic observer's counts for a group's turn (bot.observer): from a pasted
    # role-play, or read live in the practice space once every member agreed. Counts only;
    # "context" holds the other's last message while live reading goes on (never after the
    # card), "transcript" only what the members chose to keep.
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("turn", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("lang", Text, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("context", Text, nullable=True),
    Column("finished", Boolean, nullable=False, server_default=false()),
    Column("transcript", Text, nullable=True),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("group_id", "turn"),
    CheckConstraint("source IN ('pasted', 'live')", name="source"),
)

observation_consents = Table(
    "observation_consents",
    metadata,
    # Each member's answer, once per round, to "may ballback read this practice space?".
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("agreed", Boolean, nullable=False),
    # Added by 0012: with "agreed", "and keep the text with our feedback" (bot.model.LIVE_KEEP).
    Column("keep", Boolean, nullable=False, server_default=false()),
    PrimaryKeyConstraint("group_id", "member_id"),
)

handled_requests = Table(
    "handled_requests",
    metadata,
    # A platform's request key (e.g. "slack:event:Ev123"): handled once, whoever receives it.
    Column("key", Text, primary_key=True),
    Column("handled_at", UTCDateTime(), nullable=False),
)

channel_admins = Table(
    "channel_admins",
    metadata,
    # Members a workspace admin allowed to set up this channel (next to the platform's admins).
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("granted_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("channel_id", "member_id"),
)

role_tallies = Table(
    "role_tallies",
    metadata,
    # How often each member had each first-turn role in the channel's rounds, and how many of
    # those seats were in trios: the sums over group_seats that pairing needs, kept in step by
    # groups.add (seats never change), so reading them does not grow with the history.
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    # One column per SEAT_ROLES entry (bot.model.ROLES), plus bot.ports.TRIO.
    Column("helper", Integer, nullable=False),
    Column("bringer", Integer, nullable=False),
    Column("observer", Integer, nullable=False),
    Column("trio", Integer, nullable=False),
    # Its index also serves "the channel's tallies", the pass role_counts makes.
    PrimaryKeyConstraint("channel_id", "member_id"),
)

member_levels = Table(
    "member_levels",
    metadata,
    # A member's practice level in a channel (bot.rules.levels); no row: the channel's level.
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("level", Integer, nullable=False),
    Column("easy", Integer, nullable=False),  # "too easy" answers in a row since it moved
    PrimaryKeyConstraint("channel_id", "member_id"),
)

cohorts = Table(
    "cohorts",
    metadata,
    # A channel run as a training group (0009): its start; trainers and lessons below.
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Date, nullable=False),
)

cohort_trainers = Table(
    "cohort_trainers",
    metadata,
    Column(
        "channel_id", Integer, ForeignKey("cohorts.channel_id", ondelete="CASCADE"), nullable=False
    ),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("channel_id", "member_id"),
)

cohort_lessons = Table(
    "cohort_lessons",
    metadata,
    # One curriculum entry: the skill (and scenario) of the local days first..last.
    Column(
        "channel_id", Integer, ForeignKey("cohorts.channel_id", ondelete="CASCADE"), nullable=False
    ),
    Column("first", Date, nullable=False),
    Column("last", Date, nullable=False),
    Column("skill", Text, nullable=False),
    Column("scenario", Text, nullable=True),
    PrimaryKeyConstraint("channel_id", "first"),
)

# ---------------------------------------------------------------------- scheduled work (0007)

offdays = Table(
    "offdays",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("added_at", UTCDateTime(), nullable=False),
    UniqueConstraint("channel_id", "first_day", "last_day"),
)

work = Table(
    "work",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("platform", Text, nullable=False),  # the channel's, so claims need no join
    Column("local_date", Date, nullable=False),
    Column("kind", Text, nullable=False),  # bot.rules.schedule.KINDS
    Column("due_at", UTCDateTime(), nullable=False),
    Column("status", Text, nullable=False),
    # When the row next needs attention: a pending row's due (or retry) time, a claimed row's
    # lease end; NULL once it is settled. Its index is all a tick reads when nothing is due.
    Column("ready_at", UTCDateTime(), nullable=True),
    Column("owner", Text, nullable=True),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("note", Text, nullable=False, server_default=text("''")),
    Column("updated_at", UTCDateTime(), nullable=False),
    # The ledger key: each piece of work exists once, whoever plans it first.
    UniqueConstraint("channel_id", "local_date", "kind"),
    Index(None, "ready_at"),
    CheckConstraint("status IN ('pending', 'claimed', 'done', 'missed', 'skipped')", name="status"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("platform", Text, nullable=False),
    Column("lane", Text, nullable=False),  # "platform:workspace": who shares a rate budget
    Column("work_id", Integer, ForeignKey("work.id", ondelete="SET NULL"), nullable=True),
    Column("kind", Text, nullable=False),  # nudge, role, brief, space, reminder, pointer, …
    Column("local_date", Date, nullable=True),  # the practice day it belongs to, if any
    Column("member_user", Text, nullable=True),  # the one member it is for (private notices)
    Column("group_id", Integer, nullable=True),
    Column("title", Text, nullable=False),
    # The notice itself (bot.messages codec); cleared once settled, so what members wrote is
    # not kept here beyond its delivery.
    Column("notice", JSON(none_as_null=True), nullable=True),
    Column("status", Text, nullable=False),
    Column("ready_at", UTCDateTime(), nullable=True),  # as in work: due, retry or lease end
    Column("owner", Text, nullable=True),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("expires_at", UTCDateTime(), nullable=True),  # not delivered after this: failed
    Column("message_ref", Text, nullable=True),
    Column("error", Text, nullable=False, server_default=text("''")),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("settled_at", UTCDateTime(), nullable=True),
    Index(None, "ready_at"),
    Index(None, "lane", "ready_at"),
    Index(None, "channel_id", "id"),
    CheckConstraint("status IN ('pending', 'sending', 'sent', 'skipped', 'failed')", name="status"),
)

outbox_lanes = Table(
    "outbox_lanes",
    metadata,
    # One instance delivers a lane's notices at a time (so together they keep its rate budget).
    Column("lane", Text, primary_key=True),
    Column("owner", Text, nullable=True),
    Column("lease_until", UTCDateTime(), nullable=True),
)
