"""Every platform lists the same commands, all generated from ``bot.registry`` (issue 10,
item 3): the help in both languages, the console's table, Slack's manifest and the
``/practice`` group Discord was synced with."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from adapters.console.repl import CONSOLE, ConsoleRepl, LineReader
from adapters.slack.runner import manifest
from bot.clock import OffsetClock
from bot.registry import COMMANDS
from tests.console.harness import Console
from tests.discord.conftest import CATALOG, DiscordWorld

SYNC = "/applications/{application_id}/guilds/{guild_id}/commands"


async def test_every_platform_lists_the_registrys_commands(
    discord_world: DiscordWorld, tmp_path: Path
) -> None:
    world, fake = discord_world, discord_world.fake
    names = list(COMMANDS.names())
    assert "setup" in names and len(names) <= 25, "Discord takes 25 subcommands per group"

    # Discord: the synced group, each command's arguments as its (text) options.
    [sync] = fake.calls_to("PUT", SYNC)
    [group] = sync.body
    assert [sub["name"] for sub in group["options"]] == names
    for sub, command in zip(group["options"], COMMANDS, strict=True):
        options = sub.get("options") or []
        assert [o["name"] for o in options] == [a.name for a in command.args]
        assert all(o["type"] == 3 and not o.get("required") for o in options)
        assert 0 < len(sub["description"]) <= 100 and sub["description"] != "…"
        # Dutch beside the English, for members whose Discord speaks Dutch.
        for item in (sub, *options):
            dutch = item["description_localizations"]["nl"]
            assert 0 < len(dutch) <= 100 and dutch != item["description"], item
    assert group["description_localizations"]["nl"].startswith("De vaardigheid")

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

    # The help, both languages: on Discord (as /practice …) and in the console (as /…).
    for lang in ("en", "nl"):
        await world.command(fake.user_id, "settings", text=f"lang {lang}")
        _, answer = await world.command(fake.user_id, "help")
        assert answer is not None
        [embed] = [e for e in answer.body["embeds"] if e.get("fields")]
        assert [f["name"] for f in embed["fields"]] == [f"/practice {n}" for n in names], lang
    console = Console(world.practice.store, CATALOG, datetime(2026, 12, 7, 7, tzinfo=UTC), tmp_path)
    out = await console.run("/help", "/lang nl", "/help")
    english, dutch = out.split("Instellingen bewaard")
    for text in (english, dutch):
        labels = re.findall(r"^(/\S+?)[,: ]", text, re.MULTILINE)
        shown = [label[1:] for label in labels if label[1:] in {*names, *CONSOLE.names()}]
        assert shown[-len(names) - len(CONSOLE) :] == [*names, *CONSOLE.names()]
