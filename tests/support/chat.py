"""A recording ``Chat``: the platform boundary, for core tests that are not about an adapter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.messages import Card
from bot.model import MemberRef, Place
from bot.ports import DeliveryError


@dataclass(frozen=True)
class Sent:
    kind: str  # "channel" | "private" | "space"
    place: Place
    card: Card
    to: MemberRef | None = None
    space: str | None = None


class RecordingChat:
    """Records everything; ``fail`` makes the next that many deliveries raise."""

    def __init__(self, platform: str = "test", *, private_needs_consent: bool = False) -> None:
        self.platform = platform
        self.private_needs_consent = private_needs_consent
        self.posts_per_minute: float | None = None
        self.nonces: list[str | None] = []
        self.sent: list[Sent] = []
        self.spaces: dict[str, tuple[MemberRef, ...]] = {}
        self.fail = 0

    def _check(self) -> None:
        if self.fail:
            self.fail -= 1
            raise DeliveryError("platform said 500")

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        self._check()
        self.nonces.append(nonce)
        self.sent.append(Sent("channel", place, card))
        return f"m{len(self.sent)}"

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        self._check()
        self.nonces.append(nonce)
        self.sent.append(Sent("private", place, card, to=member))
        return f"m{len(self.sent)}"

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        self._check()
        ref = f"space{len(self.spaces) + 1}"
        self.spaces[ref] = tuple(members)
        return ref

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        self._check()
        self.nonces.append(nonce)
        self.sent.append(Sent("space", place, card, space=space))
        return f"m{len(self.sent)}"

    @property
    def posts(self) -> list[tuple[Place, Card]]:
        return [(s.place, s.card) for s in self.sent if s.kind == "channel"]

    def to(self, user: str) -> list[Card]:
        return [s.card for s in self.sent if s.kind == "private" and s.to and s.to.user == user]

    def in_space(self, space: str) -> list[Card]:
        return [s.card for s in self.sent if s.kind == "space" and s.space == space]
