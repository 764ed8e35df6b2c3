"""Benchmark 4: what ballback's Slack app adds to bolt's own HTTP round trip.

Measures, over loopback HTTP, the time from sending a signed Slack request (``SlackDriver``
from the tests: payload built the way Slack shapes it, HMAC-signed, POSTed on a kept-alive
``aiohttp`` session) to receiving the app's HTTP response, one request at a time (latency, not
queueing): median and p99 of ``REQUESTS`` requests per app after a warm-up, for two requests:

1. ``/practice today``, the slash command's ack. ballback's app is built the way the tests build
   it (``tests/slack/conftest.py``: a temporary SQLite store from ``open_store``, ``Practice``,
   ``Rounds``, ``Courier``, ``build_adapter(..., api_url=fake.base_url, pace_seconds=0)``) but
   with the production default ``process_before_response=False``: bolt answers as soon as the
   listener calls ``ack()`` and finishes the work (users.info, ``Practice.today``, the
   ``response_url`` post) after responding. What the ack waits for is bolt's request
   pipeline plus ballback's dedup middleware (``Practice.first_time``: one SQLite write per
   request). The background work of a batch is drained (the fake saw every ``response_url``
   post) before the next batch starts, so it never runs inside another request's timing.
2. The reflection modal's ``view_submission`` (callback_id ``reflect``, answers R1-R3 of 200
   characters, ``private_metadata`` naming the channel), in production mode too: ballback's
   ack carries the validation errors, so the reflection is written (dedup write, then
   ``Practice.reflect``'s transaction) before ``ack()``; the "saved" card goes to the member's
   DM (``chat.postMessage`` on the fake) after it, and a batch's DMs are drained before the
   next batch. ``BATCH`` members each submit once per batch; the ``ManualClock``
   moves a day per batch (the day's pick is made beforehand, not timed, as the scheduler's
   morning post would), so every submission is that member's first reflection of the day.
   Each response is checked (HTTP 200, empty body: no errors), and at the end every member's
   stored reflections are counted.

Baseline, in the same run: a bare slack-bolt ``AsyncApp`` with the same signing secret and an
``AsyncWebClient`` on the same fake, whose ``/practice`` (or ``reflect`` view) listener only
calls ``await ack()``, served the same way (``tests.fakes.servers.serve`` on 127.0.0.1:0,
``/slack/events``) with the same ``process_before_response`` as ballback's. Batches of the bare
app and of ballback alternate (the first of each pair alternates too), so machine noise hits
both. Ratios are ballback / bare. The Slack Web API is ``tests.fakes.fake_slack.FakeSlack`` on
loopback: nothing leaves the machine.

Note: with ``process_before_response=False`` bolt (1.30) waits for ``ack()`` by polling every
10 ms, so about 10 ms is the floor of both apps' slash command ack.

Target: p50 ratio <= 1.5 for each of the two requests (PASS/MISS printed, never asserted). A
request that fails or is refused is a bug, not a timing: ``CoreBug`` is raised.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from adapters.slack.runner import EVENTS_PATH, build_adapter, make_client
from bench.reflections import CoreBug
from bench.stats import ms, percentile, ratio, table, times, verdict
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.model import Actor, MemberRef, Place
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from content import load_catalog
from storage import SqlStore, open_store
from storage.engine import sqlite_url
from tests.fakes.fake_slack import FakeSlack
from tests.fakes.servers import serve
from tests.fakes.slack_driver import Response, SlackDriver

SECRET: Final = "bench-signing-secret"
TOKEN: Final = "xoxb-test"
TEAM: Final = "T1"
CHANNEL: Final = "C0PRACTICE"
START: Final = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # Monday 7 December 2026, 08:00 Amsterdam

BATCH: Final = 30  # requests per batch; also the number of members
BATCHES: Final = 10  # per app and request kind
REQUESTS: Final = BATCH * BATCHES  # measured requests per app and request kind
WARM_UP: Final = 2 * BATCH  # slash commands per app before measuring (one day of reflections)
MEMBERS: Final = tuple(f"U{i:04d}" for i in range(BATCH))
ANSWERS: Final[dict[str, str]] = {"R1": "a" * 200, "R2": "b" * 200, "R3": "c" * 200}
METADATA: Final = json.dumps({"channel": CHANNEL})

TARGET_RATIO: Final = 1.5

Send = Callable[[str], Awaitable[Response]]  # member id -> the app's HTTP answer


@dataclass(frozen=True, slots=True)
class Pair:
    """One request kind's figures: per-request latencies (seconds) of both apps."""

    bare: Sequence[float]
    ballback: Sequence[float]

    def p50(self) -> tuple[float, float]:
        """Median in ms: (bare, ballback)."""
        return percentile(self.bare, 50) * 1000, percentile(self.ballback, 50) * 1000

    def p99(self) -> tuple[float, float]:
        """p99 in ms: (bare, ballback)."""
        return percentile(self.bare, 99) * 1000, percentile(self.ballback, 99) * 1000


def _acked(response: Response, what: str) -> None:
    """An empty 200: a plain ``ack()``. Anything else is a bug, not a timing."""
    if response.status != 200 or response.text:
        raise CoreBug(f"{what}: HTTP {response.status} {response.text[:300]!r}")


async def _batch(send: Send, what: str) -> tuple[list[float], list[Response]]:
    """One request per member, one at a time; their latencies and responses."""
    latencies: list[float] = []
    responses: list[Response] = []
    for member in MEMBERS:
        began = time.perf_counter()
        response = await send(member)
        latencies.append(time.perf_counter() - began)
        _acked(response, what)
        responses.append(response)
    return latencies, responses


async def _serve(app: Any, fake: FakeSlack) -> tuple[SlackDriver, Callable[[], Awaitable[None]]]:
    """Serve a bolt app on loopback; a driver signing for it, and the stop coroutine."""
    url, stop = await serve(app.web_app(path=EVENTS_PATH))
    return SlackDriver(url + EVENTS_PATH, SECRET, team_id=TEAM, fake=fake), stop


def _ballback_app(
    store: SqlStore, practice: Practice, fake: FakeSlack, *, process_before_response: bool
) -> Any:
    """ballback's bolt app, wired like ``tests/slack/conftest.py``."""
    rounds = Rounds(practice)
    chats: dict[str, Chat] = {}
    courier = Courier(store, chats, practice.clock)
    adapter = build_adapter(
        practice,
        rounds,
        courier,
        token=TOKEN,
        signing_secret=SECRET,
        api_url=fake.base_url,
        pace_seconds=0,
        process_before_response=process_before_response,
    )
    chats["slack"] = adapter.chat
    return adapter.app


def _bare_app(fake: FakeSlack, *, process_before_response: bool) -> Any:
    """A bare ``AsyncApp`` whose ``/practice`` and ``reflect`` view listeners only ack."""
    from slack_bolt.async_app import AsyncApp

    app = AsyncApp(
        signing_secret=SECRET,
        client=make_client(TOKEN, fake.base_url),
        process_before_response=process_before_response,
    )

    async def only_ack(ack: Any) -> None:
        await ack()

    app.command("/practice")(only_ack)
    app.view("reflect")(only_ack)
    return app


async def _interleaved(
    bare: Send,
    ballback: Send,
    what: str,
    before_pair: Callable[[int], Awaitable[None]],
    after_ballback: Callable[[list[Response]], Awaitable[None]],
) -> Pair:
    """BATCHES pairs of batches, bare and ballback alternating which goes first."""
    bare_all: list[float] = []
    ballback_all: list[float] = []
    for n in range(BATCHES):
        await before_pair(n)
        for side in ("bare", "ballback") if n % 2 == 0 else ("ballback", "bare"):
            if side == "bare":
                latencies, _ = await _batch(bare, f"{what} (bare)")
                bare_all += latencies
            else:
                latencies, responses = await _batch(ballback, f"{what} (ballback)")
                ballback_all += latencies
                await after_ballback(responses)
    return Pair(bare_all, ballback_all)


async def bench_command(fake: FakeSlack, store: SqlStore, practice: Practice) -> Pair:
    """``/practice today``: HTTP ack, production mode (the work follows the ack)."""
    apps = (
        _bare_app(fake, process_before_response=False),
        _ballback_app(store, practice, fake, process_before_response=False),
    )
    (bare, stop_bare), (ours, stop_ours) = [await _serve(app, fake) for app in apps]

    async def drained(responses: list[Response]) -> None:
        # bolt finishes the listener after answering: wait for every response_url post.
        for response in responses:
            if response.response_url_method is None:
                raise CoreBug("slash command without a response_url")
            call = (await fake.wait_for(response.response_url_method, timeout=10.0))[0]
            if not call.ok or not call.args.get("blocks"):
                raise CoreBug(f"/practice today answered {call.args!r}")
        fake.clear()

    async def nothing(_: int) -> None:
        return None

    def sender(driver: SlackDriver) -> Send:
        return lambda member: driver.command(member, CHANNEL, "today")

    try:
        for _ in range(WARM_UP // BATCH):  # users.info cached, members and the pick exist
            await _batch(sender(bare), "/practice today warm-up (bare)")
            _, responses = await _batch(sender(ours), "/practice today warm-up (ballback)")
            await drained(responses)
        return await _interleaved(sender(bare), sender(ours), "/practice today", nothing, drained)
    finally:
        for driver, stop in ((bare, stop_bare), (ours, stop_ours)):
            await driver.close()
            await stop()


async def bench_reflection(
    fake: FakeSlack, store: SqlStore, practice: Practice, clock: ManualClock
) -> Pair:
    """The ``reflect`` modal's submission, production mode: ballback acks once the reflection
    is written (the ack carries any validation errors); the "saved" DM follows the ack."""
    apps = (
        _bare_app(fake, process_before_response=False),
        _ballback_app(store, practice, fake, process_before_response=False),
    )
    (bare, stop_bare), (ours, stop_ours) = [await _serve(app, fake) for app in apps]
    place = Place("slack", TEAM, CHANNEL)
    organiser = Actor("slack", TEAM, "UBENCH", "bench")

    async def new_day(day: int) -> None:
        # Not timed: a new day, and its pick made as the scheduler's morning post would.
        clock.set(START + timedelta(days=day))
        await practice.daily.today(organiser, place)

    async def drained(responses: list[Response]) -> None:
        # The "saved" DMs go out after the ack: let them finish before the next batch.
        await fake.wait_for("chat.postMessage", count=len(responses), timeout=10.0)
        fake.clear()

    def sender(driver: SlackDriver) -> Send:
        return lambda member: driver.view_submission(
            member, "reflect", ANSWERS, private_metadata=METADATA
        )

    try:
        # Warm-up on the day after the slash commands: users.info cached, DMs opened.
        await new_day(1)
        await _batch(sender(bare), "reflect warm-up (bare)")
        _, responses = await _batch(sender(ours), "reflect warm-up (ballback)")
        await drained(responses)
        pair = await _interleaved(
            sender(bare),
            sender(ours),
            "reflect",
            lambda n: new_day(2 + n),
            drained,
        )
    finally:
        for driver, stop in ((bare, stop_bare), (ours, stop_ours)):
            await driver.close()
            await stop()
    async with store.transaction() as tx:
        for member in MEMBERS:
            stored = await tx.reflections.list(MemberRef("slack", TEAM, member))
            if len(stored) != 1 + BATCHES:
                raise CoreBug(f"{member} has {len(stored)} reflections, not {1 + BATCHES}")
    return pair


def report(command: Pair, reflection: Pair) -> str:
    """The benchmark's table: both apps' p50/p99, the ratios, the targets and verdicts."""
    rows: list[tuple[str, Sequence[str]]] = []
    notes: list[str] = []
    for name, pair in (("/practice today ack", command), ("reflect submission", reflection)):
        (bare50, ours50), (bare99, ours99) = pair.p50(), pair.p99()
        p50_ratio = ratio(ours50, bare50)
        rows += [
            (f"{name}: bare bolt", (ms(bare50), ms(bare99))),
            (f"{name}: ballback", (ms(ours50), ms(ours99))),
            (f"{name}: ratio", (times(p50_ratio), times(ratio(ours99, bare99)))),
        ]
        notes.append(
            f"target: p50 ratio <= {TARGET_RATIO}: {verdict(p50_ratio <= TARGET_RATIO)} "
            f"({name}, {times(p50_ratio)})"
        )
    notes += [
        "ack: process_before_response=False (bolt polls for ack() every 10 ms)",
        "reflect: process_before_response=False too (the reflection is written before ack())",
    ]
    return table(
        f"Slack adapter vs bare AsyncApp (loopback HTTP, one request at a time, {REQUESTS} each)",
        ("p50 ms", "p99 ms"),
        rows,
        notes,
    )


async def run() -> None:
    """Run both comparisons on a temporary SQLite store and a loopback fake Slack; print them."""
    fake = FakeSlack(token=TOKEN, team_id=TEAM)
    await fake.start()
    try:
        fake.add_channel(CHANNEL, "practice")
        for member in MEMBERS:
            fake.add_user(member, member.lower(), real_name=f"Member {member}")
        with tempfile.TemporaryDirectory(prefix="ballback-bench-") as tmp:
            store = await open_store(sqlite_url(Path(tmp) / "slack.db"))
            try:
                clock = ManualClock(START)
                practice = Practice(
                    store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam")
                )
                command = await bench_command(fake, store, practice)
                reflection = await bench_reflection(fake, store, practice, clock)
            finally:
                await store.close()
    finally:
        await fake.stop()
    print(report(command, reflection))


if __name__ == "__main__":
    asyncio.run(run())
