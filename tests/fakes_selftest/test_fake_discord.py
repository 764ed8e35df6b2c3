"""Self-tests of the loopback Discord fake: a real discord.py client logs in and talks to it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any, Self

import aiohttp
import discord
import pytest
import yarl
from discord import app_commands

from tests.fakes.fake_discord import (
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_MESSAGE,
    CALLBACK_MODAL,
    CALLBACK_UPDATE_MESSAGE,
    INTENT_GUILD_MEMBERS,
    PRIVATE_THREAD,
    PRIVILEGED_INTENTS,
    FakeDiscord,
    discord_pointed_at,
    logged_in_client,
)

TOKEN = "test-token"
TIMEOUT = 5.0


class FeedbackModal(discord.ui.Modal, title="Practice feedback"):
    """A one-question modal that hands the answer to the bot."""

    answer: discord.ui.TextInput[Self] = discord.ui.TextInput(
        label="How did it go?", custom_id="feedback:answer"
    )

    def __init__(self, bot: PracticeBot) -> None:
        super().__init__(custom_id="feedback")
        self.bot = bot

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Record the answer and thank the user privately."""
        self.bot.results["feedback"] = self.answer.value
        await interaction.response.send_message("Thanks!", ephemeral=True)


class Practice(app_commands.Group):
    """``/practice today|feedback|slow``."""

    @app_commands.command(name="today", description="Today's practice")
    async def today(self, interaction: discord.Interaction) -> None:
        """Answer ephemerally, saying whether the caller may manage the server."""
        manage = interaction.permissions.manage_guild
        await interaction.response.send_message(f"manage_guild={manage}", ephemeral=True)

    @app_commands.command(name="feedback", description="Give feedback")
    async def feedback(self, interaction: discord.Interaction) -> None:
        """Open the feedback modal."""
        assert isinstance(interaction.client, PracticeBot)
        await interaction.response.send_modal(FeedbackModal(interaction.client))

    @app_commands.command(name="slow", description="Defer, then follow up")
    async def slow(self, interaction: discord.Interaction) -> None:
        """The slow path: defer with thinking, follow up, edit the original response."""
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("follow-up")
        await interaction.edit_original_response(content="done")


class AcceptPair(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"pair-(?P<pair_id>[0-9]+):accept",
):
    """A restart-safe button whose state (the pair id) lives in its custom_id."""

    def __init__(self, pair_id: int) -> None:
        super().__init__(discord.ui.Button(label="Accept", custom_id=f"pair-{pair_id}:accept"))
        self.pair_id = pair_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> Self:
        """Rebuild the item from the pressed custom_id."""
        return cls(int(match["pair_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Replace the message (callback type 7) and drop the button."""
        await interaction.response.edit_message(content=f"pair {self.pair_id} accepted", view=None)


class PracticeBot(discord.Client):
    """A client like the coming adapter's: a guild-synced command tree and dynamic items."""

    def __init__(self, fake: FakeDiscord, intents: discord.Intents | None = None) -> None:
        super().__init__(
            intents=intents if intents is not None else discord.Intents.default(),
            guild_ready_timeout=0.1,
        )
        self.guild_object = discord.Object(int(fake.guild_id))
        self.tree = app_commands.CommandTree(self)
        self.tree.add_command(Practice(name="practice"), guild=self.guild_object)
        self.results: dict[str, Any] = {}
        self.interactions: asyncio.Queue[discord.Interaction] = asyncio.Queue()

    async def setup_hook(self) -> None:
        """Register dynamic items and sync the guild's commands."""
        self.add_dynamic_items(AcceptPair)
        self.results["synced"] = await self.tree.sync(guild=self.guild_object)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Every interaction also arrives here (whatever handled it)."""
        self.interactions.put_nowait(interaction)

    async def next_interaction(self) -> discord.Interaction:
        """The next interaction seen by ``on_interaction``."""
        return await asyncio.wait_for(self.interactions.get(), TIMEOUT)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A started fake; no test may hit a route it does not serve."""
    async with FakeDiscord(token=TOKEN) as started:
        yield started
        assert started.unknown == []


@pytest.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[PracticeBot]:
    """A PracticeBot logged in to the fake and ready."""
    async with logged_in_client(fake, PracticeBot(fake)) as client:
        yield client


def _channel(bot: PracticeBot, fake: FakeDiscord) -> discord.TextChannel:
    """The practice channel from the client's cache."""
    channel = bot.get_channel(int(fake.channel_id))
    assert isinstance(channel, discord.TextChannel)
    return channel


# -- the redirect points (canary) -------------------------------------------------------------


async def test_discord_py_still_has_the_redirect_points(fake: FakeDiscord) -> None:
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    default_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert isinstance(default_gateway, yarl.URL)
    assert str(default_gateway) == "wss://gateway.discord.gg/"
    with discord_pointed_at(fake):
        route = discord.http.Route("GET", "/users/@me")
        assert route.url == f"{fake.rest_url}/users/@me"
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == fake.gateway_url
    assert discord.http.Route.BASE == "https://discord.com/api/v10"


# -- login, READY, GUILD_CREATE ---------------------------------------------------------------


async def test_login_caches_guild_and_practice_channel(fake: FakeDiscord, bot: PracticeBot) -> None:
    guild = bot.get_guild(int(fake.guild_id))
    assert guild is not None and guild.name == "Practice Guild"
    assert _channel(bot, fake).name == "practice"
    assert guild.member_count == 4
    assert guild.me is not None and guild.me.id == bot.user.id == int(fake.app_id)
    assert guild.get_member(int(fake.user_id)) is None  # no members intent: only the bot
    assert {role.name for role in guild.roles} >= {"@everyone", "Moderator"}

    first = fake.calls[:2]
    assert [call.key for call in first] == ["GET /users/@me", "GET /oauth2/applications/@me"]
    assert all(call.authorization == f"Bot {TOKEN}" for call in first)
    sync = fake.calls_to("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
    assert len(sync) == 1 and sync[0].body[0]["name"] == "practice"
    synced = bot.results["synced"]
    assert [c.id for c in synced] == [int(fake.command_id("practice", fake.guild_id))]


async def test_identify_has_no_privileged_intents(fake: FakeDiscord, bot: PracticeBot) -> None:
    await fake.wait_ready()
    (identify,) = fake.identify_payloads
    assert identify["token"] == TOKEN
    assert identify["intents"] == discord.Intents.default().value == fake.intents
    assert identify["intents"] & PRIVILEGED_INTENTS == 0
    assert fake.gateway_queries[0]["v"] == "10" and fake.gateway_queries[0]["encoding"] == "json"


async def test_privileged_intents_close_with_4014_unless_enabled() -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        client = discord.Client(intents=discord.Intents.all(), guild_ready_timeout=0.1)
        # With reconnect=False discord.py re-raises the raw close; only its reconnecting path
        # (client.start) turns 4014 into PrivilegedIntentsRequired.
        with pytest.raises(discord.ConnectionClosed) as closed:
            async with logged_in_client(fake, client):
                pass
        assert closed.value.code == 4014
    intents = discord.Intents.default()
    intents.members = True
    async with FakeDiscord(token=TOKEN, privileged_intents=INTENT_GUILD_MEMBERS) as fake:
        client = discord.Client(intents=intents, guild_ready_timeout=0.1)
        async with logged_in_client(fake, client):
            guild = client.get_guild(int(fake.guild_id))
            assert guild is not None and guild.get_member(int(fake.user_id)) is not None


async def test_wrong_token_is_a_login_failure(fake: FakeDiscord) -> None:
    client = discord.Client(intents=discord.Intents.default())
    with discord_pointed_at(fake), pytest.raises(discord.LoginFailure):
        await client.login("wrong-token")
    await client.close()
    assert [(call.key, call.status) for call in fake.calls] == [("GET /users/@me", 401)]


async def test_auto_sharded_client_asks_gateway_bot_and_identifies_a_shard() -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        client = discord.AutoShardedClient(
            intents=discord.Intents.default(), guild_ready_timeout=0.1
        )
        async with logged_in_client(fake, client):
            assert client.shard_count == 1 and client.get_guild(int(fake.guild_id)) is not None
        assert fake.calls_to("GET", "/gateway/bot")[0].status == 200
        assert fake.identify_payloads[0]["shard"] == [0, 1]


async def test_stopping_the_fake_under_a_connected_client() -> None:
    fake = FakeDiscord(token=TOKEN)
    await fake.start()
    client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.1)
    # The fake closes with 1001, discord.py tries to resume and finds the port closed.
    with pytest.raises(aiohttp.ClientConnectionError):
        async with logged_in_client(fake, client):
            await fake.stop()
            await asyncio.wait_for(client.wait_for("disconnect"), TIMEOUT)


# -- REST -------------------------------------------------------------------------------------


async def test_channel_send_records_allowed_mentions_none(
    fake: FakeDiscord, bot: PracticeBot
) -> None:
    sent = await _channel(bot, fake).send("x", allowed_mentions=discord.AllowedMentions.none())
    (call,) = fake.calls_to("POST", "/channels/{channel_id}/messages")
    assert call.path == f"/channels/{fake.channel_id}/messages"
    assert call.body["content"] == "x"
    assert call.body["allowed_mentions"] == {"parse": []}
    assert call.authorization == f"Bot {TOKEN}"
    assert fake.messages[str(sent.id)]["content"] == "x"


async def test_429_is_retried_by_discord_py(fake: FakeDiscord, bot: PracticeBot) -> None:
    fake.fail_next("POST /channels/{channel_id}/messages", retry_after=0.05)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await _channel(bot, fake).send("after the limit")
    assert loop.time() - started >= 0.05
    calls = fake.calls_to("POST", "/channels/*/messages")
    assert [call.status for call in calls] == [429, 200]
    assert calls[0].body == calls[1].body


async def test_threads_dms_and_lookups(fake: FakeDiscord, bot: PracticeBot) -> None:
    # Client.wait_for registers its listener when called, so THREAD_CREATE cannot slip by.
    created = bot.wait_for("thread_create", timeout=TIMEOUT)
    thread = await _channel(bot, fake).create_thread(
        name="pair-42", type=discord.ChannelType.private_thread, invitable=False
    )
    assert thread.type is discord.ChannelType.private_thread and thread.parent_id == int(
        fake.channel_id
    )
    assert (await created).id == thread.id
    assert bot.get_channel(thread.id) is not None  # THREAD_CREATE put it in the cache
    await thread.add_user(discord.Object(int(fake.user_id)))
    (create,) = fake.calls_to("POST", "/channels/{channel_id}/threads")
    assert create.body["type"] == PRIVATE_THREAD and create.body["invitable"] is False
    assert fake.thread_members[str(thread.id)] == {fake.app_id, fake.user_id}
    await thread.send("welcome")

    dm = await bot.create_dm(discord.Object(int(fake.user_id)))
    await dm.send("psst")
    dm_call = fake.calls_to("POST", "/users/@me/channels")[0]
    assert str(dm_call.body["recipient_id"]) == fake.user_id  # discord.py sends an int
    assert fake.messages_in(dm.id)[0]["content"] == "psst"
    fake.block_dms(fake.moderator_id)
    closed = await bot.create_dm(discord.Object(int(fake.moderator_id)))
    with pytest.raises(discord.Forbidden) as refused:
        await closed.send("hello?")
    assert refused.value.code == 50007

    fetched = await bot.fetch_channel(int(fake.channel_id))
    assert isinstance(fetched, discord.TextChannel) and fetched.name == "practice"
    guild = bot.get_guild(int(fake.guild_id))
    assert guild is not None
    member = await guild.fetch_member(int(fake.moderator_id))
    assert member.name == "mod" and [role.name for role in member.roles][-1] == "Moderator"


# -- interactions -----------------------------------------------------------------------------


async def test_slash_command_reaches_the_tree_and_answers_ephemerally(
    fake: FakeDiscord, bot: PracticeBot
) -> None:
    payload = fake.slash_command(fake.user_id, fake.channel_id)
    assert payload["data"]["guild_id"] == fake.guild_id  # synced to the guild
    await fake.push("INTERACTION_CREATE", payload)
    callback = await fake.wait_for_callback(payload["id"])
    assert callback.type == CALLBACK_MESSAGE and callback.data["flags"] == 64
    assert callback.ephemeral and callback.data["content"] == "manage_guild=False"
    seen = await bot.next_interaction()
    assert seen.id == int(payload["id"]) and seen.command is not None
    assert seen.command.qualified_name == "practice today"

    assert callback.elapsed is not None and 0 <= callback.elapsed < TIMEOUT

    await fake.push("INTERACTION_CREATE", fake.slash_command(fake.moderator_id))
    assert (await fake.wait_for_callback()).data["content"] == "manage_guild=True"


async def test_late_initial_response_is_unknown_interaction(
    fake: FakeDiscord, bot: PracticeBot
) -> None:
    fake.ack_deadline = 0.0  # every answer is late
    await fake.push("INTERACTION_CREATE", fake.slash_command())
    (late,) = await fake.wait_for("POST /interactions/{webhook_id}/{webhook_token}/callback")
    assert late.status == 404 and fake.callbacks == []


async def test_defer_followup_and_edit_original(fake: FakeDiscord, bot: PracticeBot) -> None:
    payload = fake.slash_command(options=[{"name": "slow", "type": 1}])
    await fake.push("INTERACTION_CREATE", payload)
    assert (await fake.wait_for_callback(payload["id"])).type == CALLBACK_DEFERRED_MESSAGE
    (edit,) = await fake.wait_for("PATCH /webhooks/*/*/messages/@original")
    (followup,) = fake.calls_to("POST", "/webhooks/{webhook_id}/{webhook_token}")
    assert followup.body["content"] == "follow-up" and followup.authorization is None
    assert edit.status == 200 and edit.body["content"] == "done"
    contents = [m["content"] for m in fake.messages_in(fake.channel_id)]
    assert contents == ["done", "follow-up"]


async def test_button_reaches_a_dynamic_item(fake: FakeDiscord, bot: PracticeBot) -> None:
    view = discord.ui.View(timeout=None)
    view.add_item(AcceptPair(42))
    sent = await _channel(bot, fake).send("Pair up?", view=view)
    payload = fake.button(fake.user_id, fake.channel_id, "pair-42:accept", sent.id)
    await fake.push("INTERACTION_CREATE", payload)
    callback = await fake.wait_for_callback(payload["id"])
    assert callback.type == CALLBACK_UPDATE_MESSAGE
    assert fake.messages[str(sent.id)]["content"] == "pair 42 accepted"
    assert fake.messages[str(sent.id)]["components"] == []
    seen = await bot.next_interaction()
    assert seen.data is not None and seen.data["custom_id"] == "pair-42:accept"


async def test_modal_opened_and_submitted(fake: FakeDiscord, bot: PracticeBot) -> None:
    opener = fake.slash_command(options=[{"name": "feedback", "type": 1}])
    await fake.push("INTERACTION_CREATE", opener)
    opened = await fake.wait_for_callback(opener["id"])
    assert opened.type == CALLBACK_MODAL and opened.data["custom_id"] == "feedback"
    await bot.next_interaction()

    submit = fake.modal_submit(custom_id="feedback", values={"How did it go?": "it went well"})
    await fake.push("INTERACTION_CREATE", submit)
    answered = await fake.wait_for_callback(submit["id"])
    assert answered.type == CALLBACK_MESSAGE and answered.ephemeral
    assert bot.results["feedback"] == "it went well"
    seen = await bot.next_interaction()
    assert seen.type is discord.InteractionType.modal_submit
    assert _text_values(seen) == {"feedback:answer": "it went well"}


async def test_unknown_modal_submit_still_reaches_on_interaction(
    fake: FakeDiscord, bot: PracticeBot
) -> None:
    submit = fake.modal_submit(custom_id="form:7", values={"notes": "after a restart"})
    assert submit["data"]["components"][0]["type"] == 18  # the current Label shape
    await fake.push("INTERACTION_CREATE", submit)
    seen = await bot.next_interaction()
    assert _text_values(seen) == {"notes": "after a restart"}
    assert fake.callbacks == []


def _text_values(interaction: discord.Interaction) -> dict[str, str]:
    """custom_id → value of the text inputs in a modal submit's raw data."""
    assert interaction.data is not None
    values: dict[str, str] = {}
    for top in interaction.data.get("components", []):
        inner = top.get("components") or [top.get("component")]
        for item in inner:
            if item and item.get("type") == 4:
                values[item["custom_id"]] = item["value"]
    return values


# -- the fake's own checks, over raw HTTP -------------------------------------------------------


async def test_fake_rejects_like_discord(fake: FakeDiscord) -> None:
    payload = fake.slash_command()
    callback = f"{fake.rest_url}/interactions/{payload['id']}/{payload['token']}/callback"
    followup = f"{fake.rest_url}/webhooks/{fake.app_id}/{payload['token']}"
    bot_headers = {"Authorization": f"Bot {TOKEN}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(followup, json={"content": "early"}) as early:
            assert early.status == 404 and (await early.json())["code"] == 10015
        async with http.post(callback, json={"type": 7, "data": {}}) as wrong_type:
            assert wrong_type.status == 400
        async with http.post(callback, json={"type": 4, "data": {"content": "hi"}}) as first:
            assert first.status == 200 and first.headers["Content-Type"] == "application/json"
            assert (await first.json())["resource"]["message"]["content"] == "hi"
        async with http.post(callback, json={"type": 4, "data": {"content": "again"}}) as second:
            assert second.status == 400 and (await second.json())["code"] == 40060
        bogus = f"{fake.rest_url}/interactions/1/nope/callback"
        async with http.post(bogus, json={"type": 4, "data": {"content": "x"}}) as unknown:
            assert unknown.status == 404 and (await unknown.json())["code"] == 10062
        messages = f"{fake.rest_url}/channels/{fake.channel_id}/messages"
        async with http.post(messages, json={"content": "x"}) as anonymous:
            assert anonymous.status == 401
        async with http.post(messages, json={"content": ""}, headers=bot_headers) as empty:
            assert (await empty.json())["code"] == 50006
        async with http.post(messages, json={"content": "x" * 2001}, headers=bot_headers) as long:
            assert long.status == 400 and (await long.json())["code"] == 50035
        async with http.get(f"{fake.rest_url}/voice/regions", headers=bot_headers) as missing:
            assert missing.status == 404
    assert fake.unknown == ["GET /voice/regions"]
    assert [c.type for c in fake.callbacks] == [CALLBACK_MESSAGE]
    fake.unknown.clear()


async def test_global_429_and_cloudflare_ban_headers(fake: FakeDiscord) -> None:
    fake.fail_next("GET /users/@me", retry_after=0.25, global_=True)
    fake.fail_next("GET /users/@me", via=False)
    async with aiohttp.ClientSession() as http:
        url = f"{fake.rest_url}/users/@me"
        async with http.get(url) as limited:
            body = await limited.json()
            assert limited.status == 429 and body["global"] is True and body["retry_after"] == 0.25
            assert limited.headers["X-RateLimit-Global"] == "true"
            assert limited.headers["Via"] and limited.headers["X-RateLimit-Reset-After"] == "0.250"
            assert limited.headers["X-RateLimit-Bucket"] and limited.headers["Retry-After"] == "1"
        async with http.get(url) as banned:
            assert banned.status == 429 and "Via" not in banned.headers
        async with http.get(url) as unauthorised:
            assert unauthorised.status == 401
    assert [call.status for call in fake.calls] == [429, 429, 401]


async def test_fake_checks_synced_command_trees_like_discord(fake: FakeDiscord) -> None:
    """A subcommand group one level down syncs; 26 subcommands in a level, or a group inside
    a group, are refused (50035) as Discord refuses them."""
    url = f"{fake.rest_url}/applications/{fake.app_id}/guilds/{fake.guild_id}/commands"
    headers = {"Authorization": f"Bot {TOKEN}"}

    def sub(name: str) -> dict[str, object]:
        return {"type": 1, "name": name, "description": name}

    def group(name: str, options: list[dict[str, object]]) -> dict[str, object]:
        return {"type": 2, "name": name, "description": name, "options": options}

    def practice(options: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{"type": 1, "name": "practice", "description": "p", "options": options}]

    nested = practice([sub("today"), group("admin", [sub("report")])])
    too_many = practice([sub(f"c{i}") for i in range(26)])
    too_deep = practice([group("admin", [group("more", [sub("report")])])])
    mixed = practice([sub("today"), {"type": 3, "name": "text", "description": "t"}])
    async with aiohttp.ClientSession() as http:
        async with http.put(url, json=nested, headers=headers) as synced:
            assert synced.status == 200
            [command] = await synced.json()
            assert command["options"][1]["options"][0]["name"] == "report"
        for body in (too_many, too_deep, mixed):
            async with http.put(url, json=body, headers=headers) as refused:
                assert refused.status == 400 and (await refused.json())["code"] == 50035
    assert fake.commands[fake.guild_id][0]["options"][1]["name"] == "admin", "kept the last good"
