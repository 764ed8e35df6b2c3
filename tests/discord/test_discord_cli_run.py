"""``ballback run`` with ``DISCORD_TOKEN``: a real process whose discord.py client logs into the
loopback fake through ``BALLBACK_DISCORD_API_URL`` / ``BALLBACK_DISCORD_GATEWAY_URL``."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.fake_discord import FakeDiscord
from tests.support.env import process_env
from tests.support.process import ballback_run

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.run-test.token"


async def test_run_connects_to_discord_and_stops_cleanly(tmp_path: Path) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        env = process_env(
            tmp_path,
            DISCORD_TOKEN=TOKEN,
            BALLBACK_DISCORD_API_URL=fake.rest_url,
            BALLBACK_DISCORD_GATEWAY_URL=fake.gateway_url,
        )
        async with ballback_run(env) as run:
            await fake.wait_ready(timeout=30)
            await run.wait_for_line("ballback: discord: started (connected as ")
            await fake.wait_for("PUT /applications/*/commands", timeout=30)  # commands synced
            interaction = fake.slash_command()
            await fake.push("INTERACTION_CREATE", interaction)
            callback = await fake.wait_for_callback(str(interaction["id"]), timeout=30)
            assert callback.type in (4, 5)  # answered, or deferred and followed up
            await run.stop()
    assert TOKEN not in run.output  # the token never reaches the logs
