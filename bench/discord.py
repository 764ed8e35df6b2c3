"""Benchmark 5: what ballback's Discord client adds to discord.py's own interaction round trip.

Measures, on loopback, the time from an ``INTERACTION_CREATE`` (a ``/practice today`` slash
command) pushed by the fake gateway (``tests.fakes.fake_discord.FakeDiscord``) to the
interaction's initial callback (``POST /interactions/{id}/{token}/callback``) arriving at the
fake REST API: the fake stamps the push and the callback on the event loop's clock and reports
the difference (``InteractionCallback.elapsed``). One interaction at a time (latency, not
queueing): median and p99 of ``REQUESTS`` interactions per client after a warm-up.

ballback's client is built the way the tests build it (``tests/discord/conftest.py``: a
temporary SQLite store from ``open_store``, ``Practice``, ``Rounds``, ``Courier``,
``build_adapter(..., guild_ids=[guild], pace_seconds=0, gap_seconds=0)``). It *defers*
(callback type 5, ephemeral) and only then claims the interaction in the store
(``Practice.first_time``: one SQLite write, so two instances never both act on it): the first
callback is what Discord's 3-second rule is about, and it is what is timed here. The claim and
the follow-up (``Practice.today``, the time-zone check and the webhook post) come after the
defer and are not timed, but they are awaited (the follow-up is checked: it must carry the
skill's embed) before the next interaction is pushed, so they never run inside another
interaction's timing.

Baseline, in the same run: a bare ``discord.Client`` with an ``app_commands.CommandTree`` whose
``/practice today`` handler only calls ``interaction.response.send_message("ok",
ephemeral=True)`` (callback type 4), synced to the same guild. The fake serves one gateway
client at a time, so the two clients take turns: each batch logs a new client in (not timed),
runs ``BATCH`` interactions and closes it; batches of the bare client and of ballback alternate
(the first of each pair alternates too), so machine noise hits both. Ratios are ballback / bare.
Nothing leaves the machine.

Target: p50 ratio <= 1.5 (PASS/MISS printed, never asserted). An interaction answered wrongly
is a bug, not a timing: ``CoreBug`` is raised.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import discord
from discord import app_commands

from adapters.discord.runner import build_adapter
from bench.reflections import CoreBug
from bench.stats import ms, percentile, ratio, table, times, verdict
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from content import load_catalog
from storage import SqlStore, open_store
from storage.engine import sqlite_url
from tests.fakes.fake_discord import (
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_MESSAGE,
    FakeDiscord,
    logged_in_client,
)

START: Final = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # Monday 7 December 2026, 08:00 Amsterdam
BATCH: Final = 20  # interactions per batch (one login per batch)
BATCHES: Final = 10  # per client
REQUESTS: Final = BATCH * BATCHES  # measured interactions per client
WARM_UP: Final = BATCH  # interactions per client before measuring
TARGET_RATIO: Final = 1.5
READY_TIMEOUT: Final = 0.05  # guild_ready_timeout: logins are not timed, but keep them short

MakeClient = Callable[[], discord.Client]
Drain = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Pair:
    """Per-interaction latencies (seconds) to the first callback, of both clients."""

    bare: Sequence[float]
    ballback: Sequence[float]

    def p50(self) -> tuple[float, float]:
        """Median in ms: (bare, ballback)."""
        return percentile(self.bare, 50) * 1000, percentile(self.ballback, 50) * 1000

    def p99(self) -> tuple[float, float]:
        """p99 in ms: (bare, ballback)."""
        return percentile(self.bare, 99) * 1000, percentile(self.ballback, 99) * 1000


class BareClient(discord.Client):
    """discord.py alone: ``/practice today`` answers "ok" (ephemeral) and nothing else."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=READY_TIMEOUT)
        self.guild_id = guild_id
        self.tree = app_commands.CommandTree(self)

    async def setup_hook(self) -> None:
        """Register ``/practice today`` in the guild and sync it, as ballback does."""
        group = app_commands.Group(name="practice", description="bare", guild_only=True)

        @group.command(name="today", description="Today's skill")
        async def today(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("ok", ephemeral=True)

        guild = discord.Object(self.guild_id)
        self.tree.add_command(group, guild=guild)
        await self.tree.sync(guild=guild)


async def _batch(
    fake: FakeDiscord, make: MakeClient, expected: int, drain: Drain, what: str
) -> list[float]:
    """Log a new client in, push BATCH ``/practice today`` one at a time, log it out."""
    latencies: list[float] = []
    async with logged_in_client(fake, make()):
        for _ in range(BATCH):
            payload = fake.slash_command(fake.user_id)
            await fake.push("INTERACTION_CREATE", payload)
            callback = await fake.wait_for_callback(str(payload["id"]), timeout=10.0)
            if callback.type != expected or not callback.ephemeral or callback.elapsed is None:
                raise CoreBug(f"{what}: callback type {callback.type}, data {callback.data!r}")
            latencies.append(callback.elapsed)
            await drain(payload)
        fake.clear()
    if fake.unknown:
        raise CoreBug(f"{what}: unknown routes {fake.unknown}")
    return latencies


async def bench_today(fake: FakeDiscord, store: SqlStore, practice: Practice) -> Pair:
    """``/practice today``: push to first callback, ballback (defer) vs bare (message)."""
    guild = int(fake.guild_id)

    def ballback() -> discord.Client:
        rounds = Rounds(practice)
        chats: dict[str, Chat] = {}
        adapter = build_adapter(
            practice,
            rounds,
            Courier(store, chats, practice.clock),
            token=fake.token,
            guild_ids=[guild],
            guild_ready_timeout=READY_TIMEOUT,
            pace_seconds=0,
            gap_seconds=0,
        )
        chats["discord"] = adapter.chat
        return adapter.client

    async def followed_up(payload: dict[str, Any]) -> None:
        path = f"/webhooks/{fake.app_id}/{payload['token']}"
        [call] = await fake.wait_for(lambda c: c.method == "POST" and c.path == path, timeout=10.0)
        if call.status != 200 or not (call.body or {}).get("embeds"):
            raise CoreBug(f"/practice today followed up with {json.dumps(call.body)[:300]}")

    async def nothing(_: dict[str, Any]) -> None:
        return None

    sides: dict[str, tuple[MakeClient, int, Drain]] = {
        "bare": (lambda: BareClient(guild), CALLBACK_MESSAGE, nothing),
        "ballback": (ballback, CALLBACK_DEFERRED_MESSAGE, followed_up),
    }
    for side, (make, expected, drain) in sides.items():  # warm-up: members, pick, imports
        await _batch(fake, make, expected, drain, f"warm-up ({side})")
    measured: dict[str, list[float]] = {"bare": [], "ballback": []}
    for n in range(BATCHES):
        for side in ("bare", "ballback") if n % 2 == 0 else ("ballback", "bare"):
            make, expected, drain = sides[side]
            measured[side] += await _batch(fake, make, expected, drain, side)
    return Pair(measured["bare"], measured["ballback"])


def report(pair: Pair) -> str:
    """The benchmark's table: both clients' p50/p99, the ratios, the target and verdict."""
    (bare50, ours50), (bare99, ours99) = pair.p50(), pair.p99()
    p50_ratio = ratio(ours50, bare50)
    rows: list[tuple[str, Sequence[str]]] = [
        ("bare discord.py", (ms(bare50), ms(bare99))),
        ("ballback", (ms(ours50), ms(ours99))),
        ("ratio", (times(p50_ratio), times(ratio(ours99, bare99)))),
    ]
    notes = [
        f"target: p50 ratio <= {TARGET_RATIO}: {verdict(p50_ratio <= TARGET_RATIO)} "
        f"({times(p50_ratio)})",
        "timed: INTERACTION_CREATE pushed -> first callback at the fake REST API",
        "ballback's first callback is its defer (type 5); the dedup write and the follow-up",
        "come after it, awaited between interactions but not timed. bare: send_message (type 4)",
    ]
    return table(
        f"Discord client vs bare discord.py (loopback, one interaction at a time, {REQUESTS} each)",
        ("p50 ms", "p99 ms"),
        rows,
        notes,
    )


async def run() -> None:
    """Run the comparison on a temporary SQLite store and a loopback fake Discord; print it."""
    async with FakeDiscord() as fake:
        with tempfile.TemporaryDirectory(prefix="ballback-bench-") as tmp:
            store = await open_store(sqlite_url(Path(tmp) / "discord.db"))
            try:
                practice = Practice(
                    store,
                    load_catalog(),
                    ManualClock(START),
                    ChannelDefaults(timezone="Europe/Amsterdam"),
                )
                pair = await bench_today(fake, store, practice)
            finally:
                await store.close()
    print(report(pair))


if __name__ == "__main__":
    asyncio.run(run())
