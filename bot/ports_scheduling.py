"""The scheduling ports of a store transaction: the ledger of scheduled work with its
leases, the outbox of notices to deliver, and off-days."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.messages import Notice
from bot.model import (
    Channel,
    DateRange,
    Job,
    OutboxRecord,
    Place,
    WorkRecord,
)


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
