"""The daily fan-out is paced: per channel and between any two sends (tests elsewhere pass 0)."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from adapters.discord.chat import DiscordChat
from bot.messages import Card
from bot.model import Place

TOLERANCE = 0.02  # seconds: asyncio.sleep may wake a little early on coarse clocks


@dataclass
class Channel:
    """A stand-in text channel that records when each send arrived."""

    id: int
    sent: list[float]

    async def send(self, **_: Any) -> Any:
        self.sent.append(time.monotonic())
        return type("Message", (), {"id": len(self.sent)})()


@dataclass
class Client:
    """A stand-in client: ``get_channel`` only."""

    sent: list[float] = field(default_factory=list)
    channels: dict[int, Channel] = field(default_factory=dict)

    def get_channel(self, channel_id: int) -> Channel:
        return self.channels.setdefault(channel_id, Channel(channel_id, []))


def place(channel: int) -> Place:
    return Place("discord", "2000000000000000001", str(channel))


async def test_posts_are_paced_per_channel_and_globally() -> None:
    client = Client()
    chat = DiscordChat(client, pace_seconds=0.2, gap_seconds=0.05)  # type: ignore[arg-type]
    began = time.monotonic()
    posts = [chat.post(place(1), Card(title=f"nudge {n}")) for n in range(3)]
    posts += [chat.post(place(channel), Card(title="nudge")) for channel in (2, 3)]
    await asyncio.gather(*posts)
    same = client.channels[1].sent
    assert all(b - a >= 0.2 - TOLERANCE for a, b in itertools.pairwise(same))
    everything = sorted(t for channel in client.channels.values() for t in channel.sent)
    assert all(b - a >= 0.05 - TOLERANCE for a, b in itertools.pairwise(everything))
    # Other channels are not held up by the busy one: they go out in the global gaps.
    assert max(client.channels[2].sent + client.channels[3].sent) - began < 0.35
    assert same[-1] - began >= 0.4 - TOLERANCE


async def test_no_pacing_when_zero() -> None:
    client = Client()
    chat = DiscordChat(client, pace_seconds=0, gap_seconds=0)  # type: ignore[arg-type]
    began = time.monotonic()
    await asyncio.gather(*(chat.post(place(1), Card(title=f"n{n}")) for n in range(20)))
    assert time.monotonic() - began < 0.1
    assert len(client.channels[1].sent) == 20
