"""The two ports through which the core speaks to the world.

``Store`` is persistence (implemented by ``storage/``); ``Chat`` is outbound delivery (implemented
by each adapter). The core owns transactions: a use case opens ``store.transaction()``, works
through the ``Tx`` it yields and the transaction commits when the block ends without an error
and rolls back otherwise, so nothing half-written ever stays behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, datetime
from typing import Protocol

from bot.messages import Card
from bot.model import (
    Channel,
    ChannelActivity,
    DailyPick,
    Feedback,
    Group,
    Member,
    MemberRef,
    NudgeRecord,
    Pause,
    Place,
    Reflection,
)

TRIO = "trio"  # the key of ``Tx.role_counts``' count of first-turn seats in groups of three


class StoreError(Exception):
    """The store cannot be used (bad URL, unwritable path, server down). The message says why."""


class Tx(Protocol):
    """One unit of work. Reads see the transaction's own writes."""

    # Channels
    async def get_channel(self, place: Place, *, for_update: bool = False) -> Channel | None:
        """The channel, or None. ``for_update`` locks the row until the transaction ends."""
        ...

    async def add_channel(self, channel: Channel) -> Channel:
        """Insert a channel unless it exists (a concurrent insert wins); return the stored one."""
        ...

    async def save_channel(self, channel: Channel) -> None:
        """Update an existing channel's settings and rotation state."""
        ...

    async def list_channels(self) -> Sequence[Channel]:
        """All channels, in a stable order."""
        ...

    # Members
    async def get_member(self, ref: MemberRef, *, for_update: bool = False) -> Member | None:
        """The member, or None. ``for_update`` locks the row until the transaction ends."""
        ...

    async def add_member(self, member: Member) -> Member:
        """Insert a member unless they exist (a concurrent insert wins); return the stored one."""
        ...

    async def save_member(self, member: Member) -> None:
        """Update an existing member's display name, settings and streak."""
        ...

    async def delete_member(self, ref: MemberRef) -> bool:
        """Delete the member and everything of theirs (reflections, pauses, joins, seats,
        feedback they gave, grants); False when there was no such member."""
        ...

    async def get_members(self, refs: Iterable[MemberRef]) -> Mapping[MemberRef, Member]:
        """The stored members among ``refs`` (unknown ones are left out), in bulk: a round's
        members take one query, not one each."""
        ...

    async def list_pauses(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first."""
        ...

    async def pauses_covering(
        self, refs: Iterable[MemberRef], day: date
    ) -> Mapping[MemberRef, date]:
        """The members among ``refs`` paused on ``day``, each with the last day of that pause
        (the latest, if several pauses cover ``day``). Members not paused are left out. In bulk,
        like ``get_members``."""
        ...

    async def replace_pauses(self, ref: MemberRef, pauses: Sequence[Pause]) -> None:
        """Store exactly these pauses for the member."""
        ...

    # Daily picks
    async def get_pick(self, place: Place, local_date: date) -> DailyPick | None:
        """The channel's pick for that local date, or None."""
        ...

    async def recent_picks(self, place: Place, limit: int) -> Sequence[DailyPick]:
        """The channel's last ``limit`` picks, oldest first."""
        ...

    async def add_pick(self, pick: DailyPick) -> bool:
        """Insert the pick; False (nothing written) when that (channel, date) already has one."""
        ...

    # Reflections
    async def add_reflection(self, reflection: Reflection) -> int:
        """Insert a reflection and return its id."""
        ...

    async def get_reflection(self, reflection_id: int) -> Reflection | None:
        """One reflection by id, with its author and channel; None when there is none."""
        ...

    async def mark_shared(self, reflection_id: int) -> bool:
        """Mark a reflection shared by its author: True only the first time."""
        ...

    async def list_reflections(self, ref: MemberRef) -> Sequence[Reflection]:
        """The member's reflections, oldest first."""
        ...

    # Nudge ledger
    async def get_nudge(self, place: Place, local_date: date) -> NudgeRecord | None:
        """The ledger entry for that channel and local date, or None."""
        ...

    async def claim_nudge(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the day's nudge: True for the one caller that gets it, also across processes.

        A new entry is created as ``claimed``; an entry that ``failed`` earlier is claimed again.
        An entry that is ``claimed`` or ``sent`` is not.
        """
        ...

    async def finish_nudge(
        self,
        place: Place,
        local_date: date,
        *,
        sent: bool,
        now: datetime,
        message_ref: str | None = None,
    ) -> None:
        """Record the outcome of a claimed nudge."""
        ...

    async def failed_nudge_dates(self, place: Place) -> frozenset[date]:
        """Local dates on which the channel's nudge could not be delivered (and never was)."""
        ...

    # Practice rounds: who joined, the pairing ledger, groups and their feedback.
    #
    # Most writes raise ``LookupError`` when the channel, member or group they name is not
    # stored (each method says which; ``leave_round`` and ``claim_reminder`` answer False).
    # Reads never do: they return empty results, None, False or zeros instead.

    async def join_round(
        self, place: Place, local_date: date, member: MemberRef, now: datetime
    ) -> bool:
        """Add the member to that day's round; False when they had already joined.

        ``LookupError`` for an unknown channel or member. A repeated join writes nothing and
        leaves the transaction usable.
        """
        ...

    async def leave_round(self, place: Place, local_date: date, member: MemberRef) -> bool:
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

    async def claim_round(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the pairing of that day's round: True for exactly one caller, ever.

        Also across processes. ``LookupError`` for an unknown channel. A claim made in a
        transaction that rolls back is undone: the round can be claimed again.
        """
        ...

    async def round_claimed(self, place: Place, local_date: date) -> bool:
        """Whether that day's round has been claimed for pairing (joining is then closed);
        False for an unknown channel."""
        ...

    async def add_groups(self, groups: Sequence[Group]) -> Sequence[Group]:
        """Store a round's groups (seats in order); return them, in order, with their ids.

        ``Group.id`` is ignored on input: the store assigns the ids. ``LookupError`` (nothing
        written) for an unknown channel or member, ``outcome_by`` included. A group number
        already taken in that channel on that day is a database error: the transaction fails
        and ends in ``StoreError``.
        """
        ...

    async def list_groups(self, place: Place, local_date: date) -> Sequence[Group]:
        """That day's groups in the channel, by number, seats in their stored order (empty for
        an unknown channel)."""
        ...

    async def get_group(self, group_id: int, *, for_update: bool = False) -> Group | None:
        """The group, or None. ``for_update`` locks the group's row until the transaction
        ends (use it before a read-modify-write such as a swap or an outcome)."""
        ...

    async def group_of(self, place: Place, local_date: date, member: MemberRef) -> Group | None:
        """The member's group in that day's round, or None (also for an unknown channel or
        member)."""
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

    async def save_group(self, group: Group) -> None:
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

    async def add_feedback(self, feedback: Feedback) -> bool:
        """Store the answers; False (nothing written) when that giver already sent that form
        for that group and turn.

        ``LookupError`` for an unknown group or giver. A refusal leaves the transaction usable.
        """
        ...

    async def groups_of_member(self, member: MemberRef) -> Sequence[Group]:
        """Every group the member has sat in, in any channel, oldest first."""
        ...

    async def feedback_in(self, group_ids: Iterable[int]) -> Sequence[Feedback]:
        """All feedback given in these groups (every turn), oldest first."""
        ...

    async def list_feedback(self, group_id: int, turn: int) -> Sequence[Feedback]:
        """The feedback given in a group's turn, oldest first (empty for an unknown group)."""
        ...

    # Channel roles
    async def channel_activity(self, place: Place, first: date, last: date) -> ChannelActivity:
        """Counts of what happened in the channel on local days ``first``..``last`` (zeros for
        an unknown channel)."""
        ...

    async def set_channel_admin(
        self, place: Place, member: MemberRef, allowed: bool, now: datetime
    ) -> bool:
        """Allow (or stop allowing) a member to set up the channel; False when nothing changed.
        The channel and the member must exist (``LookupError`` otherwise)."""
        ...

    async def is_channel_admin(self, place: Place, member: MemberRef) -> bool:
        """Whether the member was allowed to set up the channel."""
        ...

    # Platform requests
    async def claim_request(self, key: str, now: datetime) -> bool:
        """Record a platform request key (a Slack ``event_id``, a ``trigger_id``…): True the
        first time, False for a retry or a duplicate — also across processes."""
        ...

    async def release_request(self, key: str) -> None:
        """Forget a claimed request key whose handling failed, so the platform's retry of
        that request is handled (a no-op for an unknown key)."""
        ...


class Store(Protocol):
    """Persistence. Built once by the composition root and closed on shutdown."""

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """A unit of work: commits on normal exit, rolls back on an exception."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


class DeliveryError(Exception):
    """A platform refused or failed a delivery; the scheduler records it and retries later."""


class Chat(Protocol):
    """Outbound delivery to one platform. Every method raises ``DeliveryError`` when the
    platform could not take the message."""

    platform: str
    # True where a bot may message a member privately only after they asked for it (Discord
    # flags bots that send unasked DMs); then members without ``Member.dms`` get none.
    private_needs_consent: bool

    async def post(self, place: Place, card: Card) -> str:
        """Post a card in a channel; return the platform's message reference."""
        ...

    async def send_private(self, place: Place, member: MemberRef, card: Card) -> str:
        """Show a card to one member only (a DM or an ephemeral message near ``place``)."""
        ...

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """Open a practice space for a pair or trio (a group DM on Slack, a private thread on
        Discord, a section in the console); return its reference."""
        ...

    async def post_in_space(self, place: Place, space: str, card: Card) -> str:
        """Post a card in a practice space opened by ``open_space``."""
        ...
