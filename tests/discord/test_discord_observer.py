"""The automatic observer through the real discord.py client (issue 13): live reading of the
practice thread needs the message-content intent (a setting, off by default) and everyone's
yes; without either, nothing is read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from adapters.discord.render import button_id
from bot.model import HELPER, Actor, Group, Place
from bot.rounds import form_key
from tests.discord.conftest import BOB, DiscordWorld, amsterdam, make_world
from tests.fakes.fake_discord import INTENT_MESSAGE_CONTENT, FakeDiscord, logged_in_client

SECRET = "the night shift <@&123> hates me"


async def world_with(store: Any, fake: FakeDiscord, *, message_content: bool) -> Any:
    world = make_world(store, fake, message_content=message_content)
    heard: asyncio.Queue[bool] = asyncio.Queue()
    real = world.rounds.heard

    async def counted(*args: Any, **kwargs: Any) -> bool:
        read = await real(*args, **kwargs)
        heard.put_nowait(read)  # the test waits for this instead of sleeping
        return read

    world.rounds.heard = counted  # type: ignore[method-assign]
    return world, heard


@pytest.fixture
async def observing(store: Any, fake: FakeDiscord) -> AsyncIterator[tuple[DiscordWorld, Any]]:
    fake.privileged_intents = INTENT_MESSAGE_CONTENT  # switched on in the Developer Portal
    world, heard = await world_with(store, fake, message_content=True)
    async with logged_in_client(fake, world.adapter.client):
        yield world, heard


async def paired(world: DiscordWorld) -> tuple[Group, str, str]:
    fake = world.fake
    for user in (fake.user_id, BOB):
        _, joined = await world.command(user, "join")
        assert joined is not None
    await world.tick(amsterdam(7, 10))
    async with world.practice.store.read() as tx:
        [group] = await tx.groups.list(
            Place("discord", fake.guild_id, fake.channel_id), date(2026, 12, 7)
        )
    assert group.space_ref
    helper = next(s.member.user for s in group.seats if s.role == HELPER)
    other = next(s.member.user for s in group.seats if s.role != HELPER)
    return group, helper, other


def thread_text(fake: FakeDiscord, thread: str) -> str:
    return json.dumps([m.get("embeds") or m.get("content") for m in fake.messages_in(thread)])


async def posted(fake: FakeDiscord, thread: str, text: str) -> None:
    """Wait until ballback posted ``text`` in the thread (a reply's notices follow its answer)."""
    path = f"/channels/{thread}/messages"
    await fake.wait_for(
        lambda c: c.method == "POST" and c.path == path and text in json.dumps(c.body)
    )


async def test_live_reading_of_the_practice_thread(observing) -> None:
    world, heard = observing
    fake = world.fake
    assert (fake.intents or 0) & INTENT_MESSAGE_CONTENT  # asked for, as the setting says
    group, helper, other = await paired(world)
    thread = group.space_ref or ""
    await fake.say(helper, thread, "what would you like to talk about?")
    assert await heard.get() is False  # nobody agreed yet: not read
    # A form command answers at once (no defer): its reply is the callback itself.
    asked, _ = await world.command(helper, "observe", thread, text="live")
    assert "agreed to live reading" in json.dumps(asked.data)
    await posted(fake, thread, "may ballback read this practice space")
    # The button as ballback posted it (its custom id names the channel, too).
    yes = button_id(group.place, f"observe:yes:{group.id}")
    assert yes in json.dumps([m.get("components") for m in fake.messages_in(thread)])
    await world.interact(fake.button(other, thread, yes))
    await posted(fake, thread, "Everyone agreed")
    for user, text in (
        (helper, "what would you like to talk about?"),
        (other, SECRET),
        (helper, "so the night shift feels against you?"),
    ):
        await fake.say(user, thread, text)
        assert await heard.get() is True
    _, done = await world.command(other, "done", thread)
    assert done is not None
    await posted(fake, thread, "What the observer saw")
    shown = thread_text(fake, thread)
    assert "What the observer saw" in shown and "snapshot: 1" in shown
    async with world.practice.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.finished and observed.context == ""


async def test_without_the_setting_nothing_is_read(store: Any, fake: FakeDiscord) -> None:
    world, heard = await world_with(store, fake, message_content=False)
    async with logged_in_client(fake, world.adapter.client):
        assert not (fake.intents or 0) & INTENT_MESSAGE_CONTENT
        group, helper, _ = await paired(world)
        refused, _ = await world.command(helper, "observe", group.space_ref, text="live")
        assert "not switched on" in json.dumps(refused.data)
        await fake.say(helper, group.space_ref or "", "what would you like to talk about?")
        # A command pushed after the message comes back only after the client read both: the
        # message never reached the observer (and its text arrived empty, without the intent).
        _, shown = await world.command(helper, "round", group.space_ref)
        assert shown is not None and heard.empty()
        async with world.practice.store.read() as tx:
            assert await tx.observations.of_group(group.id or 0) == []


async def test_the_keep_button_keeps_the_thread_for_the_helpers_feedback(observing) -> None:
    world, heard = observing
    fake = world.fake
    group, helper, other = await paired(world)
    thread = group.space_ref or ""
    asked, _ = await world.command(helper, "observe", thread, text="live keep")
    assert "keep the text with your feedback" in json.dumps(asked.data)
    await posted(fake, thread, "may ballback read this practice space")
    keep = button_id(group.place, f"observe:keep:{group.id}")
    assert keep in json.dumps([m.get("components") for m in fake.messages_in(thread)])
    await world.interact(fake.button(other, thread, keep))
    await posted(fake, thread, "Everyone chose to keep the text")
    for user, text in ((helper, "what would you like to talk about?"), (other, SECRET)):
        await fake.say(user, thread, text)
        assert await heard.get() is True
    _, done = await world.command(other, "done", thread)
    assert done is not None
    await posted(fake, thread, "kept with the helper")
    names = {s.member.user: s.display_name for s in group.seats}
    async with world.practice.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.finished and observed.transcript == (
        f"{names[helper]}: what would you like to talk about?\n{names[other]}: {SECRET}"
    )
    # The helper's feedback view shows it, the role mention escaped (and nobody pinged).
    actor = Actor("discord", fake.guild_id, helper, names[helper])
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await world.rounds.submit_feedback(actor, group.place, key, {"S1": "ok"})).ok
    callback, followup = await world.command(helper, "feedback", thread)
    answer = followup.body if followup is not None else callback.data
    fields = [f for e in answer["embeds"] for f in e.get("fields", [])]
    [kept] = [f for f in fields if "hates me" in f["value"]]
    assert "<@&123>" not in kept["value"] and "<@\u200b&123>" in kept["value"]
    assert answer["allowed_mentions"]["parse"] == []
