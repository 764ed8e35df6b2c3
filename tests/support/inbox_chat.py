"""``InboxChat``: the ``bot.ports.Chat`` of platform ``"test"``, delivering to an ``Inbox``.

Every card is POSTed to the loopback :class:`tests.fakes.inbox.Inbox` with the courier's
``nonce``, so the inbox sees each attempt at a notice and de-duplicates retries the way
Discord's ``enforce_nonce`` does. ``open_space`` has no nonce in the ``Chat`` port: each call
sends a fresh random one (an opening retried after a crash opens a second space).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

import aiohttp

from bot.messages import Card
from bot.model import MemberRef, Place
from bot.ports import DeliveryError
from tests.fakes.inbox import InboxClient, InboxError

PLATFORM = "test"


class InboxChat:
    """Delivers cards of platform ``"test"`` to the inbox at ``base_url`` as ``worker``."""

    platform = PLATFORM
    private_needs_consent = False
    posts_per_minute: float | None = None

    def __init__(self, base_url: str, worker: str) -> None:
        self.client = InboxClient(base_url, worker)

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        return await self._send("channel", place, card, nonce)

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        return await self._send("private", place, card, nonce, member=member.user)

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        body = ", ".join(m.user for m in members)
        return await self._send("open_space", place, Card(title=title, body=body), None)

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        return await self._send("space", place, card, nonce, space=space)

    async def _send(
        self,
        kind: str,
        place: Place,
        card: Card,
        nonce: str | None,
        *,
        member: str | None = None,
        space: str | None = None,
    ) -> str:
        payload: dict[str, Any] = {
            "nonce": nonce or f"open-{secrets.token_hex(8)}",
            "kind": kind,
            "platform": place.platform,
            "workspace": place.workspace,
            "channel": place.channel,
            "member": member,
            "space": space,
            "title": card.title,
            "body": card.body,
        }
        try:
            return await self.client.send(payload)
        except InboxError as exc:
            raise DeliveryError(str(exc), permanent=exc.status == 400) from exc
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise DeliveryError(f"inbox unreachable: {type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        await self.client.close()
