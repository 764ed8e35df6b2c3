"""Every platform lists the same commands, all generated from ``bot.registry`` (issue 10,
item 3): the help in both languages, the console's table, Slack's manifest and the
``/practice`` group Discord was synced with."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from adapters.console.repl import CONSOLE, ConsoleRepl, LineReader
from adapters.slack.runner import manifest
from bot.clock import OffsetClock
from bot.model import Actor, Place
from bot.registry import COMMANDS
from tests.console.harness import Console
from tests.discord.conftest import CATALOG, DiscordWorld

SYNC = "/applications/{application_id}/guilds/{guild_id}/commands"


async def test_every_platform_lists_the_registrys_commands(
    discord_world: DiscordWorld, tmp_path: Path
) -> None:
    world, fake = discord_world, discord_world.fake
    names = list(COMMANDS.names())
    ungrouped = [c.name for c in COMMANDS if not c.group]
    grouped = {g: [c.name for c in COMMANDS if c.group == g] for g in COMMANDS.groups()}
    assert grouped == {"admin": ["status", "calendar", "report", "setup"]}
    assert "cohort" in ungrouped, "members see their training group: not an admin command"

    # Discord: the synced group, the ungrouped commands and the admin group (type 2) beside
    # them, each holding at most 25 (Discord's limit per group).
    [sync] = fake.calls_to("PUT", SYNC)
    [practice] = sync.body
    top = practice["options"]
    assert len(top) <= 25
    assert [o["name"] for o in top if o["type"] == 1] == ungrouped
    groups = [o for o in top if o["type"] == 2]
    assert [g["name"] for g in groups] == list(grouped)
    assert {o["type"] for o in top} == {1, 2}
    subs = [o for o in top if o["type"] == 1]
    for group in groups:
        assert 0 < len(group["options"]) <= 25
        assert all(o["type"] == 1 for o in group["options"]), "groups nest one level only"
        assert [o["name"] for o in group["options"]] == grouped[group["name"]]
        subs += group["options"]
        assert 0 < len(group["description"]) <= 100
        dutch = group["description_localizations"]["nl"]
        assert 0 < len(dutch) <= 100 and dutch != group["description"]
    # Every command is reachable exactly once, with its arguments as its (text) options.
    assert sorted(sub["name"] for sub in subs) == sorted(names)
    for sub in subs:
        command = COMMANDS.find(sub["name"])
        assert command is not None
        options = sub.get("options") or []
        assert [o["name"] for o in options] == [a.name for a in command.args]
        assert all(o["type"] == 3 and not o.get("required") for o in options)
        assert 0 < len(sub["description"]) <= 100 and sub["description"] != "…"
        # Dutch beside the English, for members whose Discord speaks Dutch.
        for item in (sub, *options):
            dutch = item["description_localizations"]["nl"]
            assert 0 < len(dutch) <= 100 and dutch != item["description"], item
    assert practice["description_localizations"]["nl"].startswith("De vaardigheid")

    # Slack: the manifest's usage hint.
    [slash] = manifest(None)["features"]["slash_commands"]
    assert slash["usage_hint"].split(" | ") == names

    # The console's table: every name and alias of the core's and the console's own.
    repl = ConsoleRepl(
        world.practice,
        world.scheduler,
        OffsetClock(world.clock),
        reader=LineReader(io.StringIO(""), interactive=False),
        out=io.StringIO(),
    )
    assert set(repl.commands) == {w for c in (*COMMANDS, *CONSOLE) for w in c.words()}

    # The help, both languages: on Discord (as /practice …, in its group: /practice admin …)
    # and in the console (as /…, no group).
    spelled = [
        f"/practice {c.group} {c.name}" if c.group else f"/practice {c.name}" for c in COMMANDS
    ]
    for lang in ("en", "nl"):
        await world.command(fake.user_id, "settings", text=f"lang {lang}")
        _, answer = await world.command(fake.user_id, "help")
        assert answer is not None
        # More than 25 commands: the help goes on in a second embed (25 fields each).
        embeds = [e for e in answer.body["embeds"] if e.get("fields")]
        assert all(len(e["fields"]) <= 25 for e in embeds)
        assert [f["name"] for e in embeds for f in e["fields"]] == spelled, lang
    console = Console(world.practice.store, CATALOG, datetime(2026, 12, 7, 7, tzinfo=UTC), tmp_path)
    out = await console.run("/help", "/lang nl", "/help")
    english, dutch = out.split("Instellingen bewaard")
    for text in (english, dutch):
        labels = re.findall(r"^(/\S+?)[,: ]", text, re.MULTILINE)
        shown = [label[1:] for label in labels if label[1:] in {*names, *CONSOLE.names()}]
        assert shown[-len(names) - len(CONSOLE) :] == [*names, *CONSOLE.names()]


async def test_an_admin_command_comes_nested_in_its_group(discord_world: DiscordWorld) -> None:
    """``/practice admin status`` as Discord sends it: the group (type 2) around the
    subcommand (type 1); the core gets the same verb as on Slack, and still decides who may."""
    world, fake = discord_world, discord_world.fake
    nested = [{"name": "admin", "type": 2, "options": [{"name": "status", "type": 1}]}]
    _, status = await world.interact(fake.slash_command(fake.moderator_id, options=nested))
    assert status is not None and "Schedule of this channel" in json.dumps(status.body)
    assert status.body["flags"] & 64  # ephemeral: for the admin who asked
    _, refused = await world.interact(fake.slash_command(fake.user_id, options=nested))
    assert refused is not None and "Only a channel admin" in json.dumps(refused.body)

    # Its option arrives as on Slack: ``/practice admin report weeks:2`` runs "report 2".
    weeks = {"name": "report", "type": 1, "options": [{"name": "weeks", "type": 3, "value": "2"}]}
    _, report = await world.interact(
        fake.slash_command(
            fake.moderator_id, options=[{"name": "admin", "type": 2, "options": [weeks]}]
        )
    )
    assert report is not None and "This channel, 2026-11-24 to 2026-12-07" in json.dumps(
        report.body
    )


async def test_only_discord_spells_the_admin_group(
    discord_world: DiscordWorld, tmp_path: Path
) -> None:
    """The help and "did you mean" name ``/practice admin report`` on Discord; the console
    (and Slack, ``tests/slack``) keep ``/report`` and ``/practice report``."""
    world, fake = discord_world, discord_world.fake
    _, answer = await world.command(fake.user_id, "help")
    assert answer is not None
    embeds = [e for e in answer.body["embeds"] if e.get("fields")]
    labels = [f["name"] for e in embeds for f in e["fields"]]
    assert "/practice admin report" in labels and "/practice report" not in labels
    assert "/practice cohort" in labels and "/practice today" in labels

    # A word no subcommand has (an old sync, say) gets the suggestion spelled in its group.
    commands, place = (
        world.adapter.client.commands,
        Place("discord", fake.guild_id, fake.channel_id),
    )
    actor = Actor("discord", fake.guild_id, fake.user_id, "alice")
    unknown = await commands.run(actor, place, "reprot")
    assert "did you mean /practice admin report?" in unknown.errors[""]
    unknown = await commands.run(actor, place, "strek")
    assert "did you mean /practice streak?" in unknown.errors[""]

    console = Console(world.practice.store, CATALOG, datetime(2026, 12, 7, 7, tzinfo=UTC), tmp_path)
    out = await console.run("/help", "/reprot")
    assert re.search(r"^/report\b", out, re.MULTILINE) and "/admin" not in out
    assert "did you mean /report?" in out
