"""The Slack adapter over Socket Mode: ``serve_socket_mode`` against loopback fakes of the Web API
(``apps.connections.open``) and of the Socket Mode WebSocket; no signing secret, no network."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date

import pytest

from adapters.slack.runner import SocketModeError, build_adapter, serve_http, serve_socket_mode
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.model import MemberRef, Place
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from storage import SqlStore
from tests.fakes.fake_slack import FakeSlack
from tests.fakes.fake_slack_socket import FakeSlackSocket, SocketModeDriver, SocketResponse
from tests.slack.conftest import CATALOG, CHANNEL, SlackWorld, amsterdam

APP_TOKEN = "xapp-1-A1-socket-mode-test"
BOT_TOKEN = "xoxb-test"
PLACE = Place("slack", "T1", CHANNEL)


def socket_of(world: SlackWorld) -> FakeSlackSocket:
    assert isinstance(world.driver, SocketModeDriver)
    return world.driver.socket


async def bolt_work_done() -> None:
    """Wait for the work bolt goes on with after an ack (its listener tasks), so nothing of it
    is still running when the store closes."""
    running = [
        task
        for task in asyncio.all_tasks()
        if getattr(task.get_coro(), "__qualname__", "").endswith("run_ack_function_asynchronously")
    ]
    if running:
        await asyncio.wait(running, timeout=5)


@pytest.fixture
async def socket_mode(store: SqlStore) -> AsyncIterator[SlackWorld]:
    """The adapter built as ``ballback run`` builds it with only SLACK_BOT_TOKEN and
    SLACK_APP_TOKEN, connected through ``serve_socket_mode`` to the fakes."""
    fake = FakeSlack(token=BOT_TOKEN, app_token=APP_TOKEN)
    await fake.start()
    socket = FakeSlackSocket(fake)
    await socket.start()
    fake.add_user("UTESS", "tess", real_name="Tess", is_admin=True)
    fake.add_user("UANNA", "anna", real_name="Anna")
    fake.add_channel(CHANNEL, "practice")
    clock = ManualClock(amsterdam(7, 8))  # Monday 7 December 2026, 08:00
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    rounds = Rounds(practice)
    chats: dict[str, Chat] = {}
    courier = Courier(store, chats, clock)
    adapter = build_adapter(
        practice,
        rounds,
        courier,
        token=BOT_TOKEN,
        signing_secret=None,  # Socket Mode needs none
        api_url=fake.base_url,
        pace_seconds=0,
        posts_per_minute=None,
    )
    chats["slack"] = adapter.chat
    scheduler = Scheduler(store, practice, chats, clock, rounds, courier=courier)
    stop = await serve_socket_mode(adapter, APP_TOKEN)
    driver = SocketModeDriver(socket)
    try:
        await socket.wait_connected()
        yield SlackWorld(fake, driver, adapter, practice, rounds, scheduler, clock)
    finally:
        await bolt_work_done()
        await driver.close()
        await stop()
        await socket.stop()
        await fake.stop()


async def test_connects_with_the_app_token_to_the_configured_api(socket_mode: SlackWorld) -> None:
    [opened] = socket_mode.fake.calls_to("apps.connections.open")
    assert opened.ok and opened.token == APP_TOKEN  # the app token, on the fake: no real host
    assert socket_of(socket_mode).connections == 1


async def test_a_command_and_a_click_over_socket_mode(socket_mode: SlackWorld) -> None:
    fake, driver, socket = socket_mode.fake, socket_mode.driver, socket_of(socket_mode)

    # The slash command is acked (bare: the answer follows through response_url, ephemeral).
    today = await driver.command("UANNA", CHANNEL, "today")
    assert isinstance(today, SocketResponse)
    assert today.envelope["type"] == "slash_commands"
    assert [ack.raw for ack in socket.acks_for(today.envelope["envelope_id"])] == [
        {"envelope_id": today.envelope["envelope_id"]}
    ]
    assert today.response_url_method is not None
    [answer] = await fake.wait_for(today.response_url_method)
    assert answer.args["response_type"] == "ephemeral"
    assert "Today's skill" in json.dumps(answer.args)

    # The nudge at 09:00; Anna clicks its join button.
    await socket_mode.tick(amsterdam(7, 9))
    [nudge] = [c for c in fake.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL]
    ts = next(ts for (channel, ts) in fake.messages if channel == CHANNEL)
    joined = await driver.block_action("UANNA", CHANNEL, "join", message_ts=ts)
    assert isinstance(joined, SocketResponse)
    assert joined.envelope["type"] == "interactive"
    assert joined.envelope["payload"]["type"] == "block_actions"
    assert len(socket.acks_for(joined.envelope["envelope_id"])) == 1
    assert joined.response_url_method is not None
    [confirmed] = await fake.wait_for(joined.response_url_method)
    assert "You joined today's practice" in json.dumps(confirmed.args)
    async with socket_mode.practice.store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, date(2026, 12, 7)) == [
            MemberRef("slack", "T1", "UANNA")
        ]

    # Each envelope was acked exactly once, and nothing went to an unknown method.
    acked = [ack.envelope_id for ack in socket.acks]
    assert sorted(acked) == sorted({e["envelope_id"] for e in socket.sent})
    assert fake.unknown == []
    assert "join" in json.dumps(nudge.args["blocks"])


async def test_a_redelivered_envelope_has_one_effect(socket_mode: SlackWorld) -> None:
    fake, driver, socket = socket_mode.fake, socket_mode.driver, socket_of(socket_mode)
    await driver.command("UANNA", CHANNEL, "today")  # the channel exists from first use

    # A click whose ack Slack thinks came late: the same envelope arrives again.
    joined = await driver.block_action("UANNA", CHANNEL, "join")
    assert isinstance(joined, SocketResponse) and joined.response_url_method is not None
    await fake.wait_for(joined.response_url_method)
    await socket.redeliver(joined.envelope)
    acks = await socket.wait_for_acks(joined.envelope["envelope_id"], count=2)
    assert [ack.payload for ack in acks] == [None, None]  # both acked, bare

    # An event retried with retry_attempt (Slack's X-Slack-Retry-Num over Socket Mode).
    opened = await driver.app_home_opened("UANNA")
    assert isinstance(opened, SocketResponse)
    await fake.wait_for("views.publish")
    await socket.redeliver(opened.envelope)
    await socket.wait_for_acks(opened.envelope["envelope_id"], count=2)

    await bolt_work_done()
    assert len(fake.calls_to(joined.response_url_method)) == 1
    assert len(fake.calls_to("views.publish")) == 1
    async with socket_mode.practice.store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, date(2026, 12, 7)) == [
            MemberRef("slack", "T1", "UANNA")
        ]


async def test_a_refused_app_token_stops_start_up(store: SqlStore) -> None:
    fake = FakeSlack(token=BOT_TOKEN, app_token=APP_TOKEN)
    async with fake, FakeSlackSocket(fake) as socket:
        practice = Practice(store, CATALOG, ManualClock(amsterdam(7, 8)), ChannelDefaults())
        adapter = build_adapter(
            practice,
            Rounds(practice),
            Courier(store, {}, practice.clock),
            token=BOT_TOKEN,
            signing_secret=None,
            api_url=fake.base_url,
        )
        for token, error in (
            ("xapp-wrong", "invalid_auth"),
            (BOT_TOKEN, "not_allowed_token_type"),
        ):
            with pytest.raises(SocketModeError) as refused:
                await serve_socket_mode(adapter, token)
            assert error in str(refused.value) and token not in str(refused.value)
        assert socket.connections == 0
        # Without a signing secret the adapter can only do Socket Mode: never unsigned HTTP.
        with pytest.raises(ValueError, match="signatures"):
            await serve_http(adapter, "127.0.0.1", 0)


async def test_reconnects_through_the_configured_api_when_slack_asks(
    socket_mode: SlackWorld,
) -> None:
    fake, driver, socket = socket_mode.fake, socket_mode.driver, socket_of(socket_mode)
    # Slack refreshes connections now and then: a "disconnect" message asks for a new URL.
    await socket.send({"type": "disconnect", "reason": "refresh_requested"})
    await socket.wait_connected(count=2)
    assert [call.token for call in fake.calls_to("apps.connections.open")] == [APP_TOKEN] * 2
    today = await driver.command("UANNA", CHANNEL, "today")  # served on the new connection
    assert today.response_url_method is not None
    await fake.wait_for(today.response_url_method)
