"""``ballback run`` with ``DISCORD_TOKEN``: a real process whose discord.py client logs into the
loopback fake through ``BALLBACK_DISCORD_API_URL`` / ``BALLBACK_DISCORD_GATEWAY_URL``."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from tests.fakes.fake_discord import FakeDiscord
from tests.support.env import process_env

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.run-test.token"


async def test_run_connects_to_discord_and_stops_cleanly(tmp_path: Path) -> None:
    fake = FakeDiscord(token=TOKEN)
    await fake.start()
    env = process_env(
        tmp_path,
        DISCORD_TOKEN=TOKEN,
        BALLBACK_DISCORD_API_URL=fake.rest_url,
        BALLBACK_DISCORD_GATEWAY_URL=fake.gateway_url,
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_ready(timeout=30)
        await fake.wait_for("PUT /applications/*/commands", timeout=30)  # commands synced
        interaction = fake.slash_command()
        await fake.push("INTERACTION_CREATE", interaction)
        callback = await fake.wait_for_callback(str(interaction["id"]), timeout=30)
        assert callback.type in (4, 5)  # answered, or deferred and followed up
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        assert process.returncode == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    assert process.stderr is not None
    log = (await process.stderr.read()).decode()
    assert TOKEN not in log  # the token never reaches the logs
