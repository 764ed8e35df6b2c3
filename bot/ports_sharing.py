"""The port for what members share with their training group's trainers (``bot.ports.Tx``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.model import MemberRef, Place, SharedItem


class Shares(Protocol):
    """Reflections and feedback forms their authors shared with the trainers, item by item.

    An item is named by its ``SharedItem.key``; only its author changes it."""

    async def item(self, key: str, author: MemberRef) -> SharedItem | None:
        """The author's item with this key (shared or not), or None: no such item, not
        theirs, or a malformed key."""
        ...

    async def set(self, key: str, author: MemberRef, shared: bool) -> bool:
        """Share the author's item with the trainers (or stop); False when it was already so
        or is not theirs."""
        ...

    async def of_member(self, author: MemberRef, place: Place) -> Sequence[SharedItem]:
        """What the author shares with the trainers of this channel, oldest first."""
        ...

    async def in_channel(self, place: Place, first: date, last: date) -> Sequence[SharedItem]:
        """Everything shared with the channel's trainers on local days ``first..last``,
        oldest first (members who asked to be forgotten have none)."""
        ...
