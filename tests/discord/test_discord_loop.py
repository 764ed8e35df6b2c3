"""The practice loop through the real discord.py client of the adapter, against the fake."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from adapters.discord.render import button_id, form_custom_id
from bot.model import BRINGER, HELPER, OBSERVER, MemberRef, Place
from tests.discord.conftest import BOB, CEES, DiscordWorld, amsterdam, make_world
from tests.fakes.fake_discord import (
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_MESSAGE,
    CALLBACK_MODAL,
    PRIVATE_THREAD,
    FakeDiscord,
    logged_in_client,
)

REFLECTION = {"R1": "I asked one question.", "R2": "She thought.", "R3": "Wait longer."}
ANSWERS: dict[str, dict[str, str]] = {
    HELPER: {"S1": "I kept quiet."},
    BRINGER: {
        "P1": "Yes",  # a choice typed as its label …
        "P3": "THE ISSUE-BRINGER",  # … in any case, or as its id
        "P8": "inbrenger",
        "P6": "You waited @everyone and <@&123> and <@4000000000000000001>.",
    },
    OBSERVER: {
        "O1": "ja",
        "O6": "both",
        "O7": "1",
        "O4": "persoon",
        "O5": "After the pause she sat up.",
    },
}


def place_of(fake: FakeDiscord) -> Place:
    """The practice channel as the core sees it."""
    return Place("discord", fake.guild_id, fake.channel_id)


def shown(call: Any) -> str:
    """Everything a recorded send or callback carried, as text."""
    return json.dumps(getattr(call, "body", None) or getattr(call, "data", None))


def custom_ids(message: dict[str, Any]) -> list[str]:
    """The custom_ids of the buttons on a message body."""
    return [
        item["custom_id"]
        for row in message.get("components") or []
        for item in row.get("components") or []
    ]


async def groups(world: DiscordWorld, day: date) -> list[Any]:
    """The practice groups of a day in the channel."""
    async with world.practice.store.transaction() as tx:
        return await tx.groups.list(place_of(world.fake), day)


def sends(fake: FakeDiscord) -> list[Any]:
    """Every message the bot sent (channel, thread, DM and follow-up)."""
    return fake.calls_to("POST", "/channels/*/messages") + fake.calls_to(
        "POST", "/webhooks/{webhook_id}/{webhook_token}"
    )


async def reflect(world: DiscordWorld, user: str) -> str:
    """The reflection through ``/practice reflect`` and its modal; the answer's text."""
    fake = world.fake
    opened, _ = await world.command(user, "reflect")
    assert opened.type == CALLBACK_MODAL
    assert opened.data["custom_id"] == form_custom_id(place_of(fake), "reflect")
    submit = fake.modal_submit(user, custom_id=opened.data["custom_id"], values=REFLECTION)
    callback, followup = await world.interact(submit)
    assert callback.type == CALLBACK_DEFERRED_MESSAGE and followup is not None
    return shown(followup)


async def test_the_whole_loop(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    place = place_of(fake)
    # Setup by a member with Manage Server; a plain member may not.
    callback, answer = await world.command(
        fake.moderator_id, "setup", text="time 09:00 pairing 10:00 days mon-fri"
    )
    assert callback.type == CALLBACK_DEFERRED_MESSAGE and callback.ephemeral
    assert answer is not None and "Settings saved" in shown(answer)
    assert answer.body["flags"] & 64
    _, refused = await world.command(fake.user_id, "setup", text="time 07:00")
    assert refused is not None and "Only a channel admin" in shown(refused)

    # The nudge at 09:00: an embed with buttons, no mentions allowed.
    await world.tick(amsterdam(7, 9))
    [nudge] = fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")
    assert nudge.body["embeds"] and nudge.body["allowed_mentions"] == {"parse": []}
    assert custom_ids(nudge.body) == [
        button_id(place, "join"),
        button_id(place, "reflect"),
        button_id(place, "scenario"),
    ]
    message = fake.messages_in(fake.channel_id)[-1]  # ephemeral answers are stored, too

    # Three members join with the button; at 10:00 they are a trio in a private thread.
    members = (fake.user_id, BOB, CEES)
    for user in members:
        payload = fake.button(user, fake.channel_id, button_id(place, "join"), message["id"])
        callback, joined = await world.interact(payload)
        assert callback.ephemeral and joined is not None
    await world.tick(amsterdam(7, 10))
    [trio] = await groups(world, date(2026, 12, 7))
    assert len(trio.seats) == 3 and trio.space_ref
    [thread] = fake.calls_to("POST", "/channels/{channel_id}/threads")
    assert thread.body["type"] == PRIVATE_THREAD
    assert fake.thread_members[trio.space_ref] >= set(members)
    assert fake.messages_in(trio.space_ref), "the trio is greeted in its thread"
    # Nobody asked for DMs, so none are sent: each member reads their own brief with the
    # thread's "My brief" button, in an ephemeral follow-up.
    assert fake.calls_to("POST", "/users/@me/channels") == []
    for user in members:
        custom_id = button_id(place, f"brief:{trio.id}")
        callback, brief = await world.interact(fake.button(user, trio.space_ref, custom_id))
        assert callback.ephemeral and brief is not None and brief.body["flags"] & 64
        role = trio.role_of(MemberRef("discord", fake.guild_id, user))
        title = {HELPER: "Helper", BRINGER: "Issue-bringer", OBSERVER: "Observer"}[role or ""]
        assert brief.body["embeds"][0]["title"].startswith(title), f"no brief for {user}"

    # Feedback: button in the thread → modal → submit; partner and observer, then the helper.
    for role in (BRINGER, OBSERVER, HELPER):
        seat = trio.member_in(role)
        assert seat is not None
        user = seat.member.user
        custom_id = button_id(place, f"feedback:{trio.id}")
        opened, _ = await world.interact(fake.button(user, trio.space_ref, custom_id))
        assert opened.type == CALLBACK_MODAL
        form_end = {HELPER: "self_assessment", BRINGER: "partner", OBSERVER: "observer"}[role]
        assert opened.data["custom_id"].endswith(form_end)
        submit = fake.modal_submit(user, trio.space_ref, opened.data["custom_id"], ANSWERS[role])
        _, done = await world.interact(submit)
        assert done is not None and "⚠️" not in shown(done), shown(done)
    assert "From " in shown(done) and "(issue-bringer)" in shown(done)
    assert "@\\u200beveryone" in shown(done), "member text is shown, escaped"

    # A reflection through the modal, then the streak.
    assert "Reflection saved" in await reflect(world, fake.user_id)
    _, streak = await world.command(fake.user_id, "streak")
    assert streak is not None and '"1 day"' in shown(streak)

    # Day two: the nudge again at the set time, another reflection, a streak of two.
    await world.tick(amsterdam(8, 9))
    nudges = fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")
    assert len([n for n in nudges if n.body.get("embeds")]) >= 2
    assert "Reflection saved" in await reflect(world, fake.user_id)
    _, streak = await world.command(fake.user_id, "streak")
    assert streak is not None and '"2 days"' in shown(streak)

    # Nothing ever pings: every send suppresses all mentions; member text is escaped.
    for call in sends(fake):
        assert call.body["allowed_mentions"] == {"parse": []}, call.key
        assert "@everyone" not in shown(call) and "<@&123>" not in shown(call), shown(call)


async def test_someone_elses_feedback_button_is_refused(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    for user in (fake.user_id, BOB):
        await world.command(user, "join")
    await world.tick(amsterdam(7, 10))
    [pair] = await groups(world, date(2026, 12, 7))
    custom_id = button_id(place_of(fake), f"feedback:{pair.id}")
    callback, _ = await world.interact(fake.button(CEES, fake.channel_id, custom_id))
    assert callback.type == CALLBACK_MESSAGE and callback.ephemeral
    assert "Only the members of practice 1" in shown(callback)
    assert fake.opened_modals == {}


async def test_a_form_opened_before_a_restart_is_still_accepted(
    store: Any, fake: FakeDiscord
) -> None:
    custom_id = form_custom_id(place_of(fake), "reflect")
    first = make_world(store, fake)
    async with logged_in_client(fake, first.adapter.client):
        opened, _ = await first.command(fake.user_id, "reflect")
        assert opened.data["custom_id"] == custom_id
    restarted = make_world(store, fake)  # a new process: a new client, nothing in memory
    async with logged_in_client(fake, restarted.adapter.client):
        submit = fake.modal_submit(fake.user_id, custom_id=custom_id, values=REFLECTION)
        _, answer = await restarted.interact(submit)
        assert answer is not None and "Reflection saved" in shown(answer)
    async with store.transaction() as tx:
        assert (
            len(await tx.reflections.list(MemberRef("discord", fake.guild_id, fake.user_id))) == 1
        )


async def test_an_over_long_answer_is_refused(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    custom_id = form_custom_id(place_of(fake), "reflect")
    await world.command(fake.user_id, "reflect")
    submit = fake.modal_submit(
        fake.user_id, custom_id=custom_id, values={**REFLECTION, "R1": "x" * 4001}
    )
    _, answer = await world.interact(submit)
    assert answer is not None and "3000" in shown(answer)
    async with world.practice.store.transaction() as tx:
        ref = MemberRef("discord", fake.guild_id, fake.user_id)
        assert await tx.reflections.list(ref) == []


async def test_unknown_and_help_commands(discord_world: DiscordWorld) -> None:
    _, answer = await discord_world.command(discord_world.fake.user_id, "help")
    assert answer is not None and "/practice today" in shown(answer)


async def test_only_members_who_asked_get_dms(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    _, answer = await world.command(BOB, "settings", text="dms on")
    assert answer is not None and "Settings saved" in shown(answer)
    assert "briefs and feedback also come as a direct message" in shown(answer)
    _, refused = await world.command(CEES, "settings", text="dms maybe")
    assert refused is not None and "neither on nor off" in shown(refused)
    for user in (fake.user_id, BOB):
        await world.command(user, "join")
    await world.tick(amsterdam(7, 10))
    [pair] = await groups(world, date(2026, 12, 7))
    assert len(fake.messages_in(fake.dm_channel_id(BOB))) == 2, "role and brief"
    assert fake.messages_in(fake.dm_channel_id(fake.user_id)) == []
    # Two turns (a swap between), so BOB is the helper in one: the helper submits first,
    # then the partner's feedback arrives: by DM to BOB; otherwise the thread says it
    # arrived (without repeating it) and the helper's button shows it, ephemeral.
    place = place_of(fake)
    feedback_id = button_id(place, f"feedback:{pair.id}")
    paths = []
    for turn in (1, 2):
        [pair] = await groups(world, date(2026, 12, 7))
        helper, bringer = pair.member_in(HELPER), pair.member_in(BRINGER)
        assert pair.turn == turn and helper is not None and bringer is not None
        for seat, role in ((helper, HELPER), (bringer, BRINGER)):
            user = seat.member.user
            opened, _ = await world.interact(fake.button(user, pair.space_ref, feedback_id))
            values = ANSWERS[role]
            await world.interact(
                fake.modal_submit(user, pair.space_ref, opened.data["custom_id"], values)
            )
        by_dm = helper.member.user == BOB
        paths.append(by_dm)
        to = fake.dm_channel_id(BOB) if by_dm else pair.space_ref
        expected = "From " if by_dm else f"New feedback for {helper.display_name}"
        [notice] = await fake.wait_for(
            lambda call, to=to, expected=expected: (
                call.path == f"/channels/{to}/messages" and expected in shown(call)
            )
        )
        if by_dm:
            assert "You waited" in shown(notice)
        else:
            assert "You waited" not in shown(notice)
            received, _ = await world.interact(
                fake.button(helper.member.user, pair.space_ref, feedback_id)
            )
            assert received.type == CALLBACK_MESSAGE and received.ephemeral
            assert "You waited" in shown(received)
        if turn == 1:
            swap_id = button_id(place, f"swap:{pair.id}")
            await world.interact(fake.button(helper.member.user, pair.space_ref, swap_id))
    assert sorted(paths) == [False, True], "one turn each way"
    assert not any("New feedback for bob" in shown(call) for call in sends(fake)), (
        "no pointer for a member who gets DMs"
    )


async def test_a_solo_member_without_dms_is_told_in_the_channel(
    discord_world: DiscordWorld,
) -> None:
    world, fake = discord_world, discord_world.fake
    await world.command(fake.user_id, "join")
    await world.tick(amsterdam(7, 10))
    assert fake.messages_in(fake.dm_channel_id(fake.user_id)) == []
    posted = json.dumps(fake.messages_in(fake.channel_id)[-1])
    assert "A solo exercise today" in posted and "only one who joined" in posted


async def test_closed_dms_do_not_stop_the_round(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    fake.block_dms(BOB)
    for user in (fake.user_id, BOB):
        await world.command(user, "settings", text="dms on")
        await world.command(user, "join")
    await world.tick(amsterdam(7, 10))
    [pair] = await groups(world, date(2026, 12, 7))
    assert pair.space_ref and fake.messages_in(fake.dm_channel_id(fake.user_id))
    _, brief = await world.command(BOB, "brief")
    assert brief is not None and brief.body["embeds"]


async def test_a_feedback_button_in_a_dm_works(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    for user in (fake.user_id, BOB):
        await world.command(user, "join")
    await world.tick(amsterdam(7, 10))
    [pair] = await groups(world, date(2026, 12, 7))
    seat = pair.member_in(HELPER)
    assert seat is not None
    user = seat.member.user
    dm = fake.dm_channel_id(user)
    # A DM interaction has no guild: the place comes from the button's custom_id.
    custom_id = button_id(place_of(fake), f"feedback:{pair.id}")
    opened, _ = await world.interact(fake.button(user, dm, custom_id))
    assert opened.type == CALLBACK_MODAL
    submit = fake.modal_submit(user, dm, opened.data["custom_id"], ANSWERS[HELPER])
    _, saved = await world.interact(submit)
    assert saved is not None and "⚠️" not in shown(saved), shown(saved)


async def test_commands_are_synced_to_the_guild(discord_world: DiscordWorld) -> None:
    fake = discord_world.fake
    [sync] = fake.calls_to("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
    [practice] = sync.body
    assert practice["name"] == "practice"
    names = {option["name"] for option in practice["options"]}
    assert names >= {
        "today", "join", "leave", "reflect", "share", "streak", "settings", "pause", "resume",
        "help", "round", "brief", "feedback", "swap", "done", "notdone", "export", "forget",
        "admin",
    }  # fmt: skip
    [admin] = [option for option in practice["options"] if option["name"] == "admin"]
    assert "setup" in {option["name"] for option in admin["options"]}


async def test_a_reflection_is_shared_with_its_button(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    place = place_of(fake)
    custom_id = form_custom_id(place, "reflect")
    await world.command(fake.user_id, "reflect")
    values = {**REFLECTION, "R1": "I waited @everyone and <@&123>."}
    _, saved = await world.interact(
        fake.modal_submit(fake.user_id, custom_id=custom_id, values=values)
    )
    assert saved is not None
    [share_id] = [c for c in custom_ids(saved.body) if ":share:" in c]
    # Another member's click is refused; the author's posts it in the channel, without pings.
    _, refused = await world.interact(fake.button(BOB, fake.channel_id, share_id))
    assert refused is not None and refused.body["flags"] & 64
    assert "Only the author" in shown(refused)
    _, done = await world.interact(fake.button(fake.user_id, fake.channel_id, share_id))
    assert done is not None and "Shared in the channel" in shown(done)
    [posted] = await fake.wait_for(
        lambda call: (
            call.path == f"/channels/{fake.channel_id}/messages"
            and "shares a reflection" in shown(call)
        )
    )
    assert posted.body["allowed_mentions"] == {"parse": []}
    assert "I waited" in shown(posted)
    assert "@everyone" not in shown(posted) and "<@&123>" not in shown(posted)
    _, again = await world.command(fake.user_id, "share")
    assert again is not None and "already shared" in shown(again)


async def test_export_then_forget(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    place = place_of(fake)
    await world.command(fake.user_id, "reflect")
    values = {**REFLECTION, "R1": "I waited @everyone."}
    submit = fake.modal_submit(
        fake.user_id, custom_id=form_custom_id(place, "reflect"), values=values
    )
    await world.interact(submit)
    await reflect(world, BOB)
    # The export comes as a file in the ephemeral follow-up, and only there.
    _, answer = await world.interact(
        fake.slash_command(fake.user_id, options=[{"name": "export", "type": 1}])
    )
    assert answer is not None and answer.body["flags"] & 64
    [name] = answer.files
    assert name == f"ballback-discord-{fake.user_id}.json"
    [(uploaded_name, data)] = fake.uploads
    exported = json.loads(data)
    assert uploaded_name == name and exported["member"]["user"] == fake.user_id
    assert [r["answers"]["R1"] for r in exported["reflections"]] == ["I waited @everyone."]
    assert "@everyone" not in shown(answer)
    # Forgetting asks first; only the member's own click deletes, and only their data.
    _, ask = await world.command(fake.user_id, "forget")
    assert ask is not None and "Delete all your data?" in shown(ask)
    [confirm] = [c for c in custom_ids(ask.body) if c.endswith(":forget:confirm")]
    _, done = await world.interact(fake.button(fake.user_id, fake.channel_id, confirm))
    assert done is not None and "Your data is deleted" in shown(done)
    async with world.practice.store.transaction() as tx:
        assert await tx.members.get(MemberRef("discord", fake.guild_id, fake.user_id)) is None
        assert await tx.reflections.list(MemberRef("discord", fake.guild_id, fake.user_id)) == []
        assert len(await tx.reflections.list(MemberRef("discord", fake.guild_id, BOB))) == 1


async def test_a_file_discord_refuses_gets_a_clear_answer(discord_world: DiscordWorld) -> None:
    fake = discord_world.fake
    payload = fake.slash_command(fake.user_id, options=[{"name": "export", "type": 1}])
    route = f"POST /webhooks/{fake.app_id}/{payload['token']}"
    fake.fail_next(route, 413, code=40005, message="Request entity too large")
    await fake.push("INTERACTION_CREATE", payload)
    path = f"/webhooks/{fake.app_id}/{payload['token']}"
    refused, answer = await fake.wait_for(
        lambda call: call.method == "POST" and call.path == path, count=2
    )
    assert refused.status == 413 and answer.status == 200
    assert answer.body["flags"] & 64 and not answer.files
    assert "Discord did not take ballback-discord-" in shown(answer)


async def test_offdays_and_status_from_the_command_group(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    _, refused = await world.command(fake.user_id, "offdays", text="add 2026-12-24")
    assert refused is not None and "Only a channel admin" in shown(refused)
    _, added = await world.command(fake.moderator_id, "offdays", text="add 2026-12-24..2027-01-01")
    assert added is not None and "Off-days added: 2026-12-24..2027-01-01" in shown(added)
    _, listed = await world.command(fake.user_id, "offdays")
    assert listed is not None and "2026-12-24..2027-01-01" in shown(listed)
    _, status = await world.command(fake.moderator_id, "status")
    assert status is not None and "Schedule of this channel" in shown(status)
    assert status.body["flags"] & 64  # ephemeral: for the admin who asked
