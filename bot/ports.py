"""The two ports through which the core speaks to the world.

``Store`` is persistence (implemented by ``storage/``); ``Chat`` is outbound delivery (implemented
by each adapter). The core owns transactions: a use case opens ``store.transaction()``, works
through the ``Tx`` it yields and the transaction commits when the block ends without an error
and rolls back otherwise, so nothing half-written ever stays behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from datetime import datetime
from typing import Protocol

from bot.messages import Card
from bot.model import (
    MemberRef,
    Place,
)
from bot.ports_observing import Observations
from bot.ports_practice import (
    TRIO,
    ChannelAdmins,
    Channels,
    Cohorts,
    FeedbackLog,
    Groups,
    Levels,
    Members,
    Pauses,
    Picks,
    Reflections,
    Reports,
    RequestLedger,
    RoundJoins,
)
from bot.ports_scheduling import (
    ChannelCursor,
    OffDays,
    Outbox,
    Outgoing,
    Parcel,
    Planned,
    WorkLedger,
)
from bot.ports_sharing import Shares

__all__ = [
    "PENDING_REQUEST",
    "TRIO",
    "AlreadyHandled",
    "ChannelAdmins",
    "ChannelCursor",
    "Channels",
    "Chat",
    "Cohorts",
    "DeliveryError",
    "FeedbackLog",
    "Groups",
    "Levels",
    "Members",
    "Observations",
    "OffDays",
    "Outbox",
    "Outgoing",
    "Parcel",
    "Pauses",
    "Picks",
    "Planned",
    "Reflections",
    "Reports",
    "RequestLedger",
    "RoundJoins",
    "Shares",
    "Store",
    "StoreError",
    "Tx",
    "WorkLedger",
]


class AlreadyHandled(Exception):
    """The platform request was handled before: a re-delivery, or another instance's."""


#: The platform request key (and when it arrived) that the next write transaction of this task
#: claims in the request ledger, inside that transaction (``Context.once``): the claim and the
#: work commit together, or neither does. A key claimed before raises ``AlreadyHandled`` there.
PENDING_REQUEST: ContextVar[tuple[str, datetime] | None] = ContextVar(
    "ballback_pending_request", default=None
)


class StoreError(Exception):
    """The store cannot be used (bad URL, unwritable path, server down). The message says why."""


class Tx(Protocol):
    """One unit of work. Reads see the transaction's own writes.

    Everything goes through its parts, each a port of its own: ``channels``, ``members``,
    ``pauses``, ``picks`` (daily picks), ``reflections``, ``rounds`` (who joined, the claim of
    the pairing), ``groups``, ``feedback``, ``reports``, ``admins`` (channel grants),
    ``levels`` (members' practice levels), ``cohorts`` (training groups), ``shares`` (what
    members share with their trainers), ``observations`` (the automatic observer's counts and
    the consent to live reading), ``requests`` (platform request keys), and for
    scheduling ``work`` (the ledger of scheduled work), ``outbox`` (notices to deliver) and
    ``offdays``.
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
    levels: Levels
    cohorts: Cohorts
    shares: Shares
    observations: Observations
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
