"""The two ports through which the core speaks to the world.

``Store`` is persistence (implemented by ``storage/``); ``Chat`` is outbound delivery (implemented
by each adapter). The core owns transactions: a use case opens ``store.transaction()``, works
through the ``Tx`` it yields and the transaction commits when the block ends without an error
and rolls back otherwise, so nothing half-written ever stays behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, datetime
from typing import Protocol

from bot.messages import Card
from bot.model import (
    Channel,
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

    async def list_pauses(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first."""
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

    # Practice rounds: who joined, the pairing ledger, groups and their feedback
    async def join_round(
        self, place: Place, local_date: date, member: MemberRef, now: datetime
    ) -> bool:
        """Add the member to that day's round; False when they had already joined."""
        ...

    async def leave_round(self, place: Place, local_date: date, member: MemberRef) -> bool:
        """Take the member out of that day's round; False when they had not joined."""
        ...

    async def list_joined(self, place: Place, local_date: date) -> Sequence[MemberRef]:
        """The members who joined that day's round, in the order they joined."""
        ...

    async def claim_round(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the pairing of that day's round: True for exactly one caller, ever."""
        ...

    async def round_claimed(self, place: Place, local_date: date) -> bool:
        """Whether that day's round has been claimed for pairing (joining is then closed)."""
        ...

    async def add_groups(self, groups: Sequence[Group]) -> Sequence[Group]:
        """Store a round's groups (seats in order); return them with their ids."""
        ...

    async def list_groups(self, place: Place, local_date: date) -> Sequence[Group]:
        """That day's groups in the channel, by number."""
        ...

    async def get_group(self, group_id: int, *, for_update: bool = False) -> Group | None:
        """The group, or None."""
        ...

    async def group_of(self, place: Place, local_date: date, member: MemberRef) -> Group | None:
        """The member's group in that day's round, or None."""
        ...

    async def recent_groups(self, place: Place, before: date, rounds: int) -> Sequence[Group]:
        """The groups of the channel's last ``rounds`` rounds before ``before`` (any order)."""
        ...

    async def role_counts(
        self, place: Place, members: Sequence[MemberRef]
    ) -> Mapping[MemberRef, Mapping[str, int]]:
        """How often each member had each first-turn role in the channel's rounds so far."""
        ...

    async def save_group(self, group: Group) -> None:
        """Update a stored group's turn, space, outcome and reminder flag."""
        ...

    async def claim_reminder(self, group_id: int) -> bool:
        """Mark the group reminded: True only once, and only while it has no outcome."""
        ...

    async def add_feedback(self, feedback: Feedback) -> bool:
        """Store the answers; False (nothing written) when that giver already sent that form
        for that group and turn."""
        ...

    async def list_feedback(self, group_id: int, turn: int) -> Sequence[Feedback]:
        """The feedback given in a group's turn, oldest first."""
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
