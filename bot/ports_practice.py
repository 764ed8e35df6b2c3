"""The practice ports of a store transaction, one per area with a handful of methods:
channels, members, pauses, picks, reflections, round joins, groups, feedback, reports,
channel admins and the request ledger."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from bot.model import (
    Channel,
    ChannelActivity,
    Cohort,
    CohortActivity,
    DailyPick,
    Feedback,
    Group,
    Level,
    Member,
    MemberRef,
    Pause,
    Place,
    Reflection,
    Rotation,
)

TRIO = "trio"  # the key of ``Groups.role_counts``' count of first-turn seats in groups of three


class Picks(Protocol):
    """The daily picks: one channel's, or many channels' at once (a batch of nudges is decided
    together)."""

    async def get(self, place: Place, local_date: date) -> DailyPick | None:
        """The channel's pick for that local date, or None."""
        ...

    async def recent(self, place: Place, limit: int) -> Sequence[DailyPick]:
        """The channel's last ``limit`` picks, oldest first."""
        ...

    async def add(self, pick: DailyPick) -> bool:
        """Insert the pick; False (nothing written) when that (channel, date) already has one."""
        ...

    async def get_many(
        self, keys: Collection[tuple[Place, date]]
    ) -> dict[tuple[Place, date], DailyPick]:
        """The stored picks among these (channel, local date) keys."""
        ...

    async def recent_many(
        self, places: Collection[Place], limit: int
    ) -> dict[Place, list[DailyPick]]:
        """Each channel's last ``limit`` picks by local date, oldest first."""
        ...

    async def add_many(self, picks: Sequence[DailyPick]) -> set[tuple[Place, date]]:
        """Insert the picks; the keys of those inserted (an existing pick is kept)."""
        ...

    async def save_rotations(self, rotations: Mapping[Place, Rotation]) -> None:
        """Store these channels' rotation state."""
        ...


class Channels(Protocol):
    """The channels a bot serves, with their settings and rotation state."""

    async def get(self, place: Place, *, for_update: bool = False) -> Channel | None:
        """The channel, or None. ``for_update`` locks the row until the transaction ends."""
        ...

    async def get_many(
        self, places: Collection[Place], *, for_update: bool = False
    ) -> dict[Place, Channel]:
        """The known channels among ``places``; ``for_update`` locks them."""
        ...

    async def add(self, channel: Channel) -> Channel:
        """Insert a channel unless it exists (a concurrent insert wins); return the stored one."""
        ...

    async def save(self, channel: Channel) -> None:
        """Update an existing channel's settings and rotation state."""
        ...

    async def list(self) -> Sequence[Channel]:
        """All channels, in a stable order."""
        ...


class Members(Protocol):
    """The members, with their settings and streaks."""

    async def get(self, ref: MemberRef, *, for_update: bool = False) -> Member | None:
        """The member, or None. ``for_update`` locks the row until the transaction ends."""
        ...

    async def get_many(self, refs: Iterable[MemberRef]) -> Mapping[MemberRef, Member]:
        """The stored members among ``refs`` (unknown ones are left out), in bulk: a round's
        members take one query, not one each."""
        ...

    async def add(self, member: Member) -> Member:
        """Insert a member unless they exist (a concurrent insert wins); return the stored one."""
        ...

    async def save(self, member: Member) -> None:
        """Update an existing member's display name, settings and streak."""
        ...

    async def delete(self, ref: MemberRef) -> bool:
        """Delete the member and everything of theirs (reflections, pauses, joins, seats,
        feedback they gave, grants, levels; their notices in the outbox, and their user id
        in the outbox's records and in the practice spaces still to be opened); False when
        there was no such member. The request ledger's keys are the caller's to release."""
        ...

    async def with_reminders(self, place: Place) -> Sequence[Member]:
        """The members who asked for reflection reminders in this channel
        (``Member.reminders`` True with ``reminder_channel`` this channel)."""
        ...

    async def reflecting_in(self, place: Place) -> Sequence[MemberRef]:
        """The members with at least one reflection written in this channel."""
        ...


class Pauses(Protocol):
    """Members' pauses: date ranges in which they do not practise."""

    async def list(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first."""
        ...

    async def covering(self, refs: Iterable[MemberRef], day: date) -> Mapping[MemberRef, date]:
        """The members among ``refs`` paused on ``day``, each with the last day of that pause
        (the latest, if several pauses cover ``day``). Members not paused are left out. In bulk,
        like ``Members.get_many``."""
        ...

    async def replace(self, ref: MemberRef, pauses: Sequence[Pause]) -> None:
        """Store exactly these pauses for the member."""
        ...


class Reflections(Protocol):
    """Members' reflections on a practice day."""

    async def add(self, reflection: Reflection) -> int:
        """Insert a reflection and return its id."""
        ...

    async def get(self, reflection_id: int) -> Reflection | None:
        """One reflection by id, with its author and channel; None when there is none."""
        ...

    async def mark_shared(self, reflection_id: int) -> bool:
        """Mark a reflection shared by its author: True only the first time."""
        ...

    async def list(self, ref: MemberRef) -> Sequence[Reflection]:
        """The member's reflections, oldest first."""
        ...

    async def reflected_on(self, refs: Iterable[MemberRef], day: date) -> frozenset[MemberRef]:
        """The members among ``refs`` who have a reflection that counts for ``day``."""
        ...


class RoundJoins(Protocol):
    """Who joined which day's practice round, and the claim of its pairing.

    Most writes raise ``LookupError`` when the channel or member they name is not stored (each
    method says which; ``leave`` answers False). Reads never do: they return empty results,
    None, False or zeros instead.
    """

    async def join(self, place: Place, local_date: date, member: MemberRef, now: datetime) -> bool:
        """Add the member to that day's round; False when they had already joined.

        ``LookupError`` for an unknown channel or member. A repeated join writes nothing and
        leaves the transaction usable.
        """
        ...

    async def leave(self, place: Place, local_date: date, member: MemberRef) -> bool:
        """Take the member out of that day's round; False when they had not joined (also for
        an unknown channel or member: no ``LookupError``)."""
        ...

    async def list_joined(self, place: Place, local_date: date) -> Sequence[MemberRef]:
        """The members who joined that day's round, in the order they joined.

        Ordered by join time; members who joined at the same instant come in the order their
        joins were written. Empty for an unknown channel.
        """
        ...

    async def count_joined(self, place: Place, local_date: date) -> int:
        """How many members joined that day's round (``len(list_joined(...))``, in one count);
        0 for an unknown channel."""
        ...

    async def claim(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the pairing of that day's round: True for exactly one caller, ever.

        Also across processes. ``LookupError`` for an unknown channel. A claim made in a
        transaction that rolls back is undone: the round can be claimed again.
        """
        ...

    async def claimed(self, place: Place, local_date: date) -> bool:
        """Whether that day's round has been claimed for pairing (joining is then closed);
        False for an unknown channel."""
        ...


class Groups(Protocol):
    """The groups a round was paired into: their seats, turns, outcomes and the first-turn role
    counts they add up to.

    Most writes raise ``LookupError`` when the channel, member or group they name is not
    stored (each method says which; ``claim_reminder`` answers False). Reads never do: they
    return empty results, None, False or zeros instead.
    """

    async def add(self, groups: Sequence[Group]) -> Sequence[Group]:
        """Store a round's groups (seats in order); return them, in order, with their ids.

        ``Group.id`` is ignored on input: the store assigns the ids. ``LookupError`` (nothing
        written) for an unknown channel or member, ``outcome_by`` included. A group number
        already taken in that channel on that day is a database error: the transaction fails
        and ends in ``StoreError``.
        """
        ...

    async def list(self, place: Place, local_date: date) -> Sequence[Group]:
        """That day's groups in the channel, by number, seats in their stored order (empty for
        an unknown channel)."""
        ...

    async def with_space(self, platform: str, workspace: str, space_ref: str) -> Group | None:
        """The latest group whose practice space is ``space_ref`` in that platform workspace."""
        ...

    async def get(self, group_id: int, *, for_update: bool = False) -> Group | None:
        """The group, or None. ``for_update`` locks the group's row until the transaction
        ends (use it before a read-modify-write such as a swap or an outcome)."""
        ...

    async def group_of(self, place: Place, local_date: date, member: MemberRef) -> Group | None:
        """The member's group in that day's round, or None (also for an unknown channel or
        member)."""
        ...

    async def of_member(self, member: MemberRef) -> Sequence[Group]:
        """Every group the member has sat in, in any channel, oldest first."""
        ...

    async def recent_partners(
        self, place: Place, before: date, rounds: int
    ) -> Mapping[MemberRef, frozenset[MemberRef]]:
        """Whom each member sat with in the channel's last ``rounds`` rounds before ``before``.

        Only days with groups count as rounds (a day nobody was paired on is skipped, not
        counted), and only days strictly before ``before``. Symmetric: ``b`` is among ``a``'s
        partners exactly when ``a`` is among ``b``'s. Members without a group in those rounds
        are left out; empty for ``rounds <= 0`` or an unknown channel.
        """
        ...

    async def role_counts(
        self, place: Place, members: Sequence[MemberRef]
    ) -> Mapping[MemberRef, Mapping[str, int]]:
        """How often each member had each first-turn role in the channel's rounds so far.

        Every requested member is in the result with a count for every role in
        ``bot.model.ROLES`` and for ``TRIO`` (their first-turn seats in groups of three), zeros
        without history, also for an unknown member or channel. Later turns (swaps) do not
        count.
        """
        ...

    async def save(self, group: Group) -> None:
        """Update a stored group's turn, space, outcome (and who gave it) and reminder flag.

        Place, date, number, seats, scenario and skill stay as stored whatever ``group`` says.
        ``LookupError`` for an unknown group or ``outcome_by`` member; ``ValueError`` for a
        group without id.
        """
        ...

    async def claim_reminder(self, group_id: int) -> bool:
        """Mark the group reminded: True only once, and only while it has no outcome.

        False for an unknown group id (no ``LookupError``). A claim made in a transaction that
        rolls back is undone: the reminder can be claimed again.
        """
        ...


class FeedbackLog(Protocol):
    """The feedback forms members sent about their group's turns."""

    async def add(self, feedback: Feedback) -> bool:
        """Store the answers; False (nothing written) when that giver already sent that form
        for that group and turn.

        ``LookupError`` for an unknown group or giver. A refusal leaves the transaction usable.
        """
        ...

    async def list(self, group_id: int, turn: int) -> Sequence[Feedback]:
        """The feedback given in a group's turn, oldest first (empty for an unknown group)."""
        ...

    async def in_groups(self, group_ids: Iterable[int]) -> Sequence[Feedback]:
        """All feedback given in these groups (every turn), oldest first."""
        ...


class Reports(Protocol):
    """Counts of what happened, for reports."""

    async def channel_activity(self, place: Place, first: date, last: date) -> ChannelActivity:
        """Counts of what happened in the channel on local days ``first``..``last`` (zeros for
        an unknown channel)."""
        ...

    async def cohort_activity(self, place: Place, first: date, last: date) -> CohortActivity:
        """The seats, feedback (coded answers), joins and reflection days of the channel on
        local days ``first``..``last``, in a handful of statements (empty for an unknown
        channel). Never a text anyone wrote."""
        ...


class Cohorts(Protocol):
    """Channels run as training groups: start, trainers, curriculum (``bot.model.Cohort``)."""

    async def get(self, place: Place) -> Cohort | None:
        """The channel's cohort, or None."""
        ...

    async def has_trainers(self, place: Place) -> bool:
        """Whether the channel is a training group with at least one trainer (one lookup)."""
        ...

    async def get_many(self, places: Collection[Place]) -> dict[Place, Cohort]:
        """The cohorts among ``places``."""
        ...

    async def save(self, cohort: Cohort) -> None:
        """Store the cohort as it is now (start, trainers and lessons replace the stored ones).
        The channel and every trainer must exist (``LookupError`` otherwise)."""
        ...

    async def delete(self, place: Place) -> bool:
        """Stop running the channel as a cohort (its picks stay); False when it was none."""
        ...


class Levels(Protocol):
    """Each member's practice level in a channel (``bot.rules.levels``); no row: the channel's."""

    async def get_many(self, place: Place, members: Sequence[MemberRef]) -> dict[MemberRef, Level]:
        """The stored levels of those ``members`` that have one in the channel."""
        ...

    async def save(self, place: Place, member: MemberRef, level: Level) -> None:
        """Store the member's level in the channel. The channel and the member must exist
        (``LookupError`` otherwise)."""
        ...


class ChannelAdmins(Protocol):
    """Who, beyond the platform's own admins, may set a channel up."""

    async def set(self, place: Place, member: MemberRef, allowed: bool, now: datetime) -> bool:
        """Allow (or stop allowing) a member to set up the channel; False when nothing changed.
        The channel and the member must exist (``LookupError`` otherwise)."""
        ...

    async def is_admin(self, place: Place, member: MemberRef) -> bool:
        """Whether the member was allowed to set up the channel."""
        ...


class RequestLedger(Protocol):
    """Platform request keys already handled, to answer each request once."""

    async def claim(self, key: str, now: datetime) -> bool:
        """Record a platform request key (a Slack ``event_id``, a ``trigger_id``…): True the
        first time, False for a retry or a duplicate — also across processes."""
        ...

    async def release(self, key: str) -> None:
        """Forget a claimed request key whose handling failed, so the platform's retry of
        that request is handled (a no-op for an unknown key)."""
        ...
