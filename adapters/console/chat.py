"""The console's ``Chat`` port: what ballback sends, printed to the terminal with a header saying
where it would have gone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from adapters.console.render import escape, render_card
from bot.messages import Card
from bot.model import MemberRef, Place

PLATFORM = "console"


class ConsoleChat:
    """The ``Chat`` port of the console: everything goes straight to the terminal, with a
    header saying where it would have gone (the channel, one member, a practice space)."""

    platform = PLATFORM
    private_needs_consent = False
    posts_per_minute = None  # a terminal takes whatever comes

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.posted = 0
        self.spaces: dict[str, str] = {}

    def _print(self, header: str, card: Card) -> str:
        self.posted += 1
        self.out.write(f"[{header}]\n{render_card(card)}\n\n")
        self.out.flush()
        return f"console-{self.posted}"

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        """Print the card as a channel post."""
        return self._print(f"#{escape(place.channel)}", card)

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        """Print the card as a message only ``member`` sees."""
        return self._print(f"private → {escape(member.user)}", card)

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """A practice space is a labelled section of the transcript."""
        ref = f"space-{len(self.spaces) + 1}"
        names = ", ".join(escape(m.user) for m in members)
        self.spaces[ref] = f"#{escape(place.channel)} › {escape(title)} ({names})"
        return ref

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        """Print the card under its practice space's label."""
        return self._print(self.spaces.get(space, f"#{escape(place.channel)} › {space}"), card)
