"""The two ports through which the core speaks to the world.

``Store`` is persistence (implemented by ``storage/``); ``Chat`` is outbound delivery (implemented
by each adapter). The core owns transactions: a use case opens ``store.transaction()``, works
through the ``Tx`` it yields and the transaction commits when the block ends without an error
and rolls back otherwise, so nothing half-written ever stays behind.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.messages import Card, Notice
from bot.model import (
    Channel,
    ChannelActivity,
    DailyPick,
    DateRange,
    Feedback,
    Group,
    Job,
    Member,
    MemberRef,
    OutboxRecord,
    Pause,
    Place,
    Reflection,
    Rotation,
    WorkRecord,
)

TRIO = "trio"  # the key of ``Groups.role_counts``' count of first-turn seats in groups of three


class StoreError(Exception):
    """The store cannot be used (bad URL, unwritable path, server down). The message says why."""


@dataclass(frozen=True, slots=True)
class ChannelCursor:
    """A channel whose scheduled work needs planning: its settings, its off-days and the
    instant from which on its work is not in the ledger yet."""

    channel: Channel
    offdays: tuple[DateRange, ...]
    next_due_at: datetime


@dataclass(frozen=True, slots=True)
class Planned:
    """A piece of work for the ledger: (channel, local date, kind) due at ``due_at``."""

    place: Place
    local_date: date
    kind: str
    due_at: datetime


class WorkLedger(Protocol):
    """Scheduled work, one row per (channel, local date, kind), claimed with leases.

    A channel's *cursor* is the instant from which on its work has not been planned yet; a
    tick plans the work of channels whose cursor has passed and then claims what is due.
    Claims are made with an owner and a lease; a claim whose lease ran out (its process died)
    can be claimed by anyone. On PostgreSQL the claiming ``SELECT`` skips rows another
    transaction has locked (``FOR UPDATE SKIP LOCKED``); SQLite's write lock serializes it.
    """

    async def due_channels(
        self, now: datetime, platforms: Collection[str], limit: int
    ) -> Sequence[ChannelCursor]:
        """Channels of these platforms whose cursor is at or before ``now`` (earliest first),
        locked for this transaction (others skip them)."""
        ...

    async def plan(self, work: Sequence[Planned], cursors: Mapping[Place, datetime]) -> int:
        """Add the work that is not in the ledger yet (what is there stays as it is) and move
        each channel's cursor; returns how many rows were added."""
        ...

    async def set_cursor(self, place: Place, at: datetime, *, earlier_only: bool) -> None:
        """Move the channel's cursor to ``at`` (with ``earlier_only``: only if that is earlier
        than where it is)."""
        ...

    async def anything_due(self, now: datetime, platforms: Collection[str]) -> bool:
        """Whether a tick at ``now`` has anything to do: a cursor passed, or work to claim."""
        ...

    async def claim(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        platforms: Collection[str],
        limit: int,
    ) -> Sequence[Job]:
        """Claim due work: pending rows whose time came, and claimed rows whose lease ran out
        (their process died), oldest first."""
        ...

    async def finish(self, job: Job, status: str, note: str, now: datetime) -> bool:
        """Record what became of claimed work (``done``, ``missed``); False when the claim is
        no longer this job's (its lease ran out and another instance took it): the caller must
        then roll back whatever it did."""
        ...

    async def finish_many(
        self, outcomes: Sequence[tuple[Job, str, str]], now: datetime
    ) -> set[int]:
        """``finish`` for many jobs, each ``(job, status, note)``; the ids of those whose claim
        was still theirs (the others' work is another instance's now)."""
        ...

    async def retry_later(self, job: Job, at: datetime, note: str) -> None:
        """Give claimed work back after a failure, to be claimed again from ``at`` on."""
        ...

    async def skip(self, place: Place, dates: Collection[date], note: str, now: datetime) -> int:
        """Mark the channel's pending work on these dates skipped (off-days set after it fell
        due); returns how many rows changed."""
        ...

    async def kinds_on(self, place: Place, local_date: date) -> frozenset[str]:
        """The kinds of work in the ledger for that channel and date."""
        ...

    async def records(
        self, place: Place, *, statuses: Collection[str] = (), limit: int = 20
    ) -> Sequence[WorkRecord]:
        """The channel's ledger rows, newest due first (only these statuses, when given)."""
        ...

    async def excused_dates(self, place: Place) -> frozenset[date]:
        """Local dates on which the channel's nudge or round was missed through ballback's own
        fault (it was down, or the platform kept failing): they never break a streak."""
        ...

    async def count(self, place: Place, kind: str, status: str, first: date, last: date) -> int:
        """How many rows of that kind and status the channel has on dates first..last."""
        ...

    async def prune(self, before: date) -> int:
        """Delete settled work (done, skipped) of dates before ``before``; missed work stays
        (it excuses its day in every recompute of a streak). Returns how many rows went."""
        ...


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A notice to queue with what the outbox keeps beside it (``Outbox.add_many``)."""

    notice: Notice
    kind: str
    expires_at: datetime | None = None
    work_id: int | None = None
    local_date: date | None = None


@dataclass(frozen=True, slots=True)
class Parcel:
    """A notice taken from the outbox to be delivered, with what the courier needs."""

    id: int
    notice: Notice
    kind: str
    lane: str
    attempts: int
    expires_at: datetime | None
    owner: str

    @property
    def nonce(self) -> str:
        """The same for every attempt at this notice: platforms that de-duplicate on a nonce
        (Discord) show a retried post once."""
        return f"bb{self.id}"


class Outbox(Protocol):
    """Notices to deliver, written in the transaction that decided them.

    The courier claims them per *lane* (a platform workspace, whose rate budget they share):
    one instance owns a lane at a time, under a lease, and claims its notices with leases too,
    so a notice whose instance died is delivered by another one.
    """

    async def add(
        self,
        notices: Sequence[Notice],
        *,
        kind: str | Sequence[str],
        now: datetime,
        expires_at: datetime | None = None,
        work_id: int | None = None,
        local_date: date | None = None,
    ) -> tuple[int, ...]:
        """Queue the notices (in order) and return their ids. ``kind`` says what they are
        (``nudge``, ``role``, ``brief``, ``space``, ``reminder``, …; one for all of them or one
        per notice), ``local_date`` which
        practice day they belong to; not delivered after ``expires_at`` (then failed)."""
        ...

    async def add_many(self, items: Sequence[Outgoing], *, now: datetime) -> tuple[int, ...]:
        """Queue notices that each carry their own kind, expiry, work and date (one
        statement for a batch of nudges); their ids, in order."""
        ...

    async def lanes_due(self, now: datetime, platforms: Collection[str]) -> Sequence[str]:
        """Lanes of these platforms with notices to deliver now."""
        ...

    async def claim_lane(self, lane: str, owner: str, now: datetime, lease: timedelta) -> bool:
        """Own the lane until ``now + lease`` (renews an own claim); False when another
        instance owns it and its lease has not run out."""
        ...

    async def release_lane(self, lane: str, owner: str) -> None:
        """Give the lane up (a no-op when not its owner)."""
        ...

    async def claim(
        self, lane: str, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> Sequence[Parcel]:
        """Claim the lane's notices that are due (new ones, failed ones whose retry time came,
        and ones whose claim ran out), in the order they were queued."""
        ...

    async def claim_ids(
        self, ids: Collection[int], owner: str, now: datetime, lease: timedelta
    ) -> Sequence[Parcel]:
        """Claim these notices now (a reply's own notices), if nobody else has them."""
        ...

    async def sent(self, parcel: Parcel, now: datetime, message_ref: str) -> bool:
        """Record a delivery; False when the claim was no longer this parcel's."""
        ...

    async def sent_many(self, deliveries: Sequence[tuple[Parcel, datetime, str]]) -> set[int]:
        """``sent`` for many ``(parcel, now, message_ref)`` at once; the ids recorded (the
        others' claims were lost)."""
        ...

    async def skipped(self, parcel: Parcel, now: datetime, why: str) -> None:
        """Record that the notice is not to be sent (e.g. no consent to direct messages)."""
        ...

    async def failed(
        self, parcel: Parcel, now: datetime, error: str, retry_at: datetime | None
    ) -> None:
        """Record a failed attempt: tried again from ``retry_at`` on, or given up (None)."""
        ...

    async def records(
        self, place: Place, *, statuses: Collection[str] = (), limit: int = 20
    ) -> Sequence[OutboxRecord]:
        """The channel's notices, newest first (only these statuses, when given)."""
        ...

    async def count(self, place: Place, statuses: Collection[str]) -> int:
        """How many of the channel's notices have one of these statuses."""
        ...

    async def prune(self, before: datetime) -> int:
        """Delete notices sent or skipped before ``before`` (failed ones stay). Returns how
        many went."""
        ...


class OffDays(Protocol):
    """A channel's off-days: date ranges without nudge or round that never break a streak."""

    async def list(self, place: Place) -> Sequence[DateRange]:
        """The channel's off-day ranges, earliest first (empty for an unknown channel)."""
        ...

    async def add(self, place: Place, days: DateRange, now: datetime) -> bool:
        """Add a range; False when exactly that range is there already."""
        ...

    async def remove(self, place: Place, days: DateRange) -> int:
        """Remove the off-days within ``days`` (ranges are cut where they stick out); returns
        how many ranges changed."""
        ...


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
        feedback they gave, grants); False when there was no such member."""
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


class Tx(Protocol):
    """One unit of work. Reads see the transaction's own writes.

    Everything goes through its parts, each a port of its own: ``channels``, ``members``,
    ``pauses``, ``picks`` (daily picks), ``reflections``, ``rounds`` (who joined, the claim of
    the pairing), ``groups``, ``feedback``, ``reports``, ``admins`` (channel grants),
    ``requests`` (platform request keys), and for scheduling ``work`` (the ledger of scheduled
    work), ``outbox`` (notices to deliver) and ``offdays``.
    """

    channels: Channels
    members: Members
    pauses: Pauses
    picks: Picks
    reflections: Reflections
    rounds: RoundJoins
    groups: Groups
    feedback: FeedbackLog
    reports: Reports
    admins: ChannelAdmins
    requests: RequestLedger
    work: WorkLedger
    outbox: Outbox
    offdays: OffDays


class Store(Protocol):
    """Persistence. Built once by the composition root and closed on shutdown."""

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """A unit of work: commits on normal exit, rolls back on an exception."""
        ...

    def read(self) -> AbstractAsyncContextManager[Tx]:
        """A read-only unit of work: a consistent snapshot that takes no write lock (SQLite's
        writers are not held up by it). Writing in it is an error."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...

    @property
    def writes_on_loop(self) -> bool:
        """Whether write transactions run on the event loop's own thread (SQLite): nothing
        else in the process runs meanwhile, so batch work keeps them short."""
        ...


class DeliveryError(Exception):
    """A platform refused or failed a delivery; the courier records it and retries later.

    ``permanent``: retrying cannot help (the channel is gone, the member's DMs are closed), so
    the notice is given up at once. ``retry_after``: the platform said when to try again
    (seconds, from a 429's ``Retry-After``).
    """

    def __init__(
        self, message: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class Chat(Protocol):
    """Outbound delivery to one platform. Every method raises ``DeliveryError`` when the
    platform could not take the message.

    ``nonce`` is the same for every attempt at one notice: a platform that de-duplicates posts
    on it (Discord's ``nonce`` with ``enforce_nonce``) shows a post retried after a crash once.
    """

    platform: str
    # True where a bot may message a member privately only after they asked for it (Discord
    # flags bots that send unasked DMs); then members without ``Member.dms`` get none.
    private_needs_consent: bool
    # The most messages a minute one platform workspace takes (the courier paces each
    # workspace's lane to it); None where the platform has no such budget or the chat paces
    # itself.
    posts_per_minute: float | None

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        """Post a card in a channel; return the platform's message reference."""
        ...

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        """Show a card to one member only (a DM or an ephemeral message near ``place``)."""
        ...

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """Open a practice space for a pair or trio (a group DM on Slack, a private thread on
        Discord, a section in the console); return its reference."""
        ...

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        """Post a card in a practice space opened by ``open_space``."""
        ...
