"""Reliability of the Discord adapter: duplicate deliveries, 429s and slow answers."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from typing import Any

import aiohttp
import discord

from adapters.discord.render import form_custom_id
from bot.clock import ManualClock
from bot.messages import Reply
from bot.model import Actor, MemberRef, Place
from tests.discord.conftest import BOB, DiscordWorld, amsterdam, make_world
from tests.discord.test_discord_loop import REFLECTION, custom_ids, place_of
from tests.fakes.fake_discord import (
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_MODAL,
    FakeDiscord,
    RestCall,
    logged_in_client,
)

SETTLE = 0.3  # seconds to let a duplicate delivery run (it must do nothing)


def accepted(fake: FakeDiscord, interaction_id: str) -> list[Any]:
    """The initial responses the fake accepted for an interaction (a duplicate's own defer, if
    it reaches Discord at all, is refused with 40060)."""
    return [c for c in fake.callbacks if c.interaction_id == interaction_id]


async def test_a_slash_command_delivered_twice_is_answered_once(
    discord_world: DiscordWorld,
) -> None:
    world, fake = discord_world, discord_world.fake
    payload = fake.slash_command(fake.user_id)
    await fake.push("INTERACTION_CREATE", payload)
    await fake.push("INTERACTION_CREATE", payload)  # a second instance, or a replay
    _, followup = await world.interact_pushed(payload)
    assert followup is not None
    await asyncio.sleep(SETTLE)
    assert len(accepted(fake, payload["id"])) == 1
    assert len(fake.calls_to("POST", f"/webhooks/{fake.app_id}/{payload['token']}")) == 1
    refused = fake.calls_to("POST", f"/interactions/{payload['id']}/*/callback")[1:]
    assert all(call.status == 400 for call in refused)


async def test_a_modal_submit_delivered_twice_saves_once(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    opened, _ = await world.command(fake.user_id, "reflect")
    assert opened.type == CALLBACK_MODAL
    submit = fake.modal_submit(fake.user_id, custom_id=opened.data["custom_id"], values=REFLECTION)
    await fake.push("INTERACTION_CREATE", submit)
    await fake.push("INTERACTION_CREATE", submit)
    _, followup = await world.interact_pushed(submit)
    assert followup is not None
    await asyncio.sleep(SETTLE)
    assert len(accepted(fake, submit["id"])) == 1
    assert len(fake.calls_to("POST", f"/webhooks/{fake.app_id}/{submit['token']}")) == 1
    async with world.practice.store.transaction() as tx:
        ref = MemberRef("discord", place_of(fake).workspace, fake.user_id)
        assert len(await tx.reflections.list(ref)) == 1


def content_of(call: RestCall | None) -> str:
    """The plain ``content`` line of a follow-up (where the time-zone notice goes)."""
    assert call is not None
    return str(call.body.get("content") or "")


async def test_the_time_zone_notice_comes_once_even_across_a_restart(
    store: Any, fake: FakeDiscord
) -> None:
    first = make_world(store, fake)
    async with logged_in_client(fake, first.adapter.client):
        _, answer = await first.command(fake.user_id, "today")
        notice = content_of(answer)
        assert "this channel's time zone (Europe/Amsterdam)" in notice
        assert "/practice settings tz Europe/Amsterdam" in notice
        _, again = await first.command(fake.user_id, "streak")
        assert content_of(again) == ""
    restarted = make_world(store, fake)
    async with logged_in_client(fake, restarted.adapter.client):
        _, after = await restarted.command(fake.user_id, "today")
        assert content_of(after) == "", "once per member and guild, not per process"
        _, other = await restarted.command(BOB, "today")
        assert "this channel's time zone" in content_of(other), "every member gets it once"


async def test_forgetting_releases_the_notice_and_its_answer_claims_none(
    store: Any, fake: FakeDiscord
) -> None:
    """The notice's key names the member: forgetting them removes it, and the answer to the
    forget claims none again, even from an instance that never answered them before."""
    from sqlalchemy import select

    from storage.tables import handled_requests

    async def keys_naming_the_member() -> list[str]:
        async with store.read() as tx:
            keys = (await tx.conn.execute(select(handled_requests.c.key))).scalars()
            return [key for key in keys if fake.user_id in key]

    first = make_world(store, fake)
    async with logged_in_client(fake, first.adapter.client):
        _, answer = await first.command(fake.user_id, "streak")  # a member from here on
        assert "this channel's time zone" in content_of(answer)
        _, ask = await first.command(fake.user_id, "forget")
        assert ask is not None
        [confirm] = [c for c in custom_ids(ask.body) if c.endswith(":forget:confirm")]
    assert await keys_naming_the_member() == [f"discord:tz-notice:{fake.guild_id}:{fake.user_id}"]
    restarted = make_world(store, fake)
    async with logged_in_client(fake, restarted.adapter.client):
        _, done = await restarted.interact(fake.button(fake.user_id, fake.channel_id, confirm))
        assert done is not None and "Your data is deleted" in json.dumps(done.body)
        assert content_of(done) == ""
        assert await keys_naming_the_member() == []
        # Coming back is a new start: the notice once more.
        _, back = await restarted.command(fake.user_id, "today")
        assert "this channel's time zone" in content_of(back)


async def test_no_notice_for_a_member_with_their_own_zone(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    _, saved = await world.command(fake.user_id, "settings", text="tz Europe/London")
    assert "Europe/London" in json.dumps(saved.body if saved else None)
    assert content_of(saved) == ""
    _, today = await world.command(fake.user_id, "today")
    assert content_of(today) == ""


async def test_the_notice_is_in_the_members_language(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    await world.command(fake.moderator_id, "setup", text="lang nl")
    _, answer = await world.command(fake.user_id, "today")
    notice = content_of(answer)
    assert "de tijdzone van dit kanaal (Europe/Amsterdam)" in notice
    assert "/practice settings tz Europe/Amsterdam" in notice


async def test_a_rate_limited_nudge_is_retried_and_recorded_once(
    discord_world: DiscordWorld,
) -> None:
    world, fake = discord_world, discord_world.fake
    place = place_of(fake)
    await world.command(fake.moderator_id, "setup", text="time 09:00 pairing 10:00 days mon-fri")
    route = f"/channels/{fake.channel_id}/messages"
    fake.fail_next(f"POST {route}", 429, retry_after=0.05)
    await world.tick(amsterdam(7, 9))
    attempts = fake.calls_to("POST", route)
    assert [call.status for call in attempts] == [429, 200], "discord.py waited and retried"
    async with world.practice.store.transaction() as tx:
        [record] = await tx.outbox.records(place, statuses=("sent",))
        [work] = await tx.work.records(place)
    assert (work.local_date, work.kind, work.status) == (date(2026, 12, 7), "nudge", "done")
    assert record.kind == "nudge" and record.attempts == 1
    posted = [m for m in fake.messages_in(fake.channel_id) if m.get("embeds")]
    assert record.message_ref == posted[-1]["id"]
    await world.tick(amsterdam(7, 9, 5))  # a later tick does not post it again
    assert len(fake.calls_to("POST", route)) == 2


async def test_a_slow_answer_is_deferred_then_followed_up(store: Any) -> None:
    async with FakeDiscord(ack_deadline=0.5) as fake:  # Discord's 3 s, shortened
        world = make_world(store, fake)
        gate = asyncio.Event()
        real_streak = world.practice.reflections.streak

        async def slow_streak(actor: Actor, place: Place) -> Reply:
            await gate.wait()
            return await real_streak(actor, place)

        world.practice.reflections.streak = slow_streak  # type: ignore[method-assign]
        async with logged_in_client(fake, world.adapter.client):
            payload = fake.slash_command(fake.user_id, options=[{"name": "streak", "type": 1}])
            await fake.push("INTERACTION_CREATE", payload)
            callback = await fake.wait_for_callback(str(payload["id"]))
            assert callback.type == CALLBACK_DEFERRED_MESSAGE and callback.ephemeral
            assert callback.elapsed is not None and callback.elapsed < 0.5
            followups = f"/webhooks/{fake.app_id}/{payload['token']}"
            await asyncio.sleep(0.7)  # the core is still busy after the deadline
            assert fake.calls_to("POST", followups) == []
            gate.set()
            [followup] = await fake.wait_for(
                lambda call: call.method == "POST" and call.path == followups
            )
            assert followup.status == 200 and followup.body["flags"] & 64
            assert "Your streak" in json.dumps(followup.body)
        assert fake.unknown == []


async def test_the_claims_winner_follows_up_when_another_deferred_first(
    discord_world: DiscordWorld,
) -> None:
    world, fake = discord_world, discord_world.fake
    payload = fake.slash_command(fake.user_id)
    callback_url = f"{fake.rest_url}/interactions/{payload['id']}/{payload['token']}/callback"
    defer = {"type": 5, "data": {"flags": 64}}  # another instance's defer got there first
    async with aiohttp.ClientSession() as session, session.post(callback_url, json=defer) as sent:
        assert sent.status == 200
    _, followup = await world.interact(payload)  # our defer is refused (40060); we won the claim
    assert followup is not None and followup.status == 200 and followup.body["embeds"]
    statuses = [c.status for c in fake.calls_to("POST", f"/interactions/{payload['id']}/*")]
    assert statuses == [200, 400]


async def test_work_that_outlives_the_token_is_never_followed_up_late(
    discord_world: DiscordWorld,
) -> None:
    world, fake = discord_world, discord_world.fake
    gate, finished = asyncio.Event(), asyncio.Event()
    real_reflect = world.practice.reflections.reflect

    async def slow_reflect(actor: Actor, place: Place, answers: Any) -> Reply:
        await gate.wait()
        try:
            return await real_reflect(actor, place, answers)
        finally:
            finished.set()

    world.practice.reflections.reflect = slow_reflect  # type: ignore[method-assign]
    custom_id = form_custom_id(place_of(fake), "reflect")
    submit = fake.modal_submit(fake.user_id, custom_id=custom_id, values=REFLECTION)
    # By the time the work starts, Discord's clock says the token is 14.5 minutes old.
    created = discord.utils.snowflake_time(int(submit["id"]))
    world.adapter.client.token_clock = ManualClock(created + timedelta(minutes=14, seconds=30))
    callback, followup = await world.interact(submit)
    assert callback.type == CALLBACK_DEFERRED_MESSAGE
    assert followup is not None and followup.body["flags"] & 64
    assert "taking longer than Discord lets me answer" in json.dumps(followup.body)
    gate.set()
    await finished.wait()
    await asyncio.sleep(0)  # let the late work's callback run
    followups = f"/webhooks/{fake.app_id}/{submit['token']}"
    assert len(fake.calls_to("POST", followups)) == 1, "nothing after the token's deadline"
    async with world.practice.store.transaction() as tx:  # what the member wrote is kept
        ref = MemberRef("discord", fake.guild_id, fake.user_id)
        assert len(await tx.reflections.list(ref)) == 1


async def test_a_post_whose_recording_was_lost_is_retried_with_its_nonce_and_shows_once(
    discord_world: DiscordWorld,
) -> None:
    # An instance posts the nudge and dies before recording it; once its claim runs out,
    # another delivers the notice again with the same nonce, and Discord (enforce_nonce) hands
    # back the message it already has instead of posting a second one.
    world, fake = discord_world, discord_world.fake
    place = place_of(fake)
    await world.command(fake.moderator_id, "setup", text="time 09:00 pairing 10:00 days mon-fri")
    nine = amsterdam(7, 9)
    world.clock.set(nine)
    await world.scheduler.tick(nine, deliver=False)
    lease = timedelta(minutes=2)
    async with world.practice.store.transaction() as tx:
        assert await tx.outbox.claim_lane("discord:" + place.workspace, "dead", nine, lease)
        [parcel] = await tx.outbox.claim("discord:" + place.workspace, "dead", nine, lease, 9)
    first = await world.adapter.chat.post(place, parcel.notice.card, nonce=parcel.nonce)
    later = nine + 2 * lease
    world.clock.set(later)
    assert (await world.scheduler.courier.drain(later)).sent == 1
    route = f"/channels/{fake.channel_id}/messages"
    assert len(fake.calls_to("POST", route)) == 2  # two attempts ...
    nudges = [
        m
        for m in fake.messages_in(fake.channel_id)
        if any(str(e.get("title", "")).startswith("Today's skill") for e in m.get("embeds") or [])
    ]
    assert [m["id"] for m in nudges] == [first]  # ... one message
    async with world.practice.store.transaction() as tx:
        [record] = await tx.outbox.records(place, statuses=("sent",))
    assert (record.message_ref, record.attempts) == (first, 2)
