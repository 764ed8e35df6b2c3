"""/practice streak on Discord: the ephemeral answer's embed shows the heat-map, attached to
the same message as ``streak.png`` (``attachment://streak.png``)."""

from __future__ import annotations

import io

from PIL import Image

from tests.discord.conftest import DiscordWorld
from tests.discord.test_discord_loop import reflect, shown


async def test_streak_embeds_the_heatmap_as_an_attachment(discord_world: DiscordWorld) -> None:
    world, fake = discord_world, discord_world.fake
    await reflect(world, fake.user_id)
    fake.uploads.clear()

    _, answer = await world.command(fake.user_id, "streak")

    assert answer is not None and answer.body["flags"] & 64  # for the member alone
    assert answer.files == ("streak.png",)
    [embed] = answer.body["embeds"]
    assert embed["title"] == "Your streak" and "1 day" in shown(answer)
    assert embed["image"]["url"] == "attachment://streak.png"
    [attachment] = answer.body["attachments"]
    assert attachment["filename"] == "streak.png"
    assert attachment["description"] == "Your streak"  # what a screen reader says
    [(name, data)] = fake.uploads
    picture = Image.open(io.BytesIO(data))
    assert name == "streak.png" and picture.format == "PNG" and picture.width >= 400


async def test_a_picture_discord_refuses_leaves_the_numbers(discord_world: DiscordWorld) -> None:
    fake = discord_world.fake
    payload = fake.slash_command(fake.user_id, options=[{"name": "streak", "type": 1}])
    path = f"/webhooks/{fake.app_id}/{payload['token']}"
    fake.fail_next(f"POST {path}", 413, code=40005, message="Request entity too large")
    await fake.push("INTERACTION_CREATE", payload)
    refused, answer = await fake.wait_for(
        lambda call: call.method == "POST" and call.path == path, count=2
    )
    assert refused.status == 413 and answer.status == 200
    assert answer.body["flags"] & 64 and not answer.files
    assert "Discord did not take streak.png" in shown(answer)
    assert "Your streak" in shown(answer) and "attachment://" not in shown(answer)
