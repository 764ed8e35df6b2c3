"""``ballback run`` with Slack settings: a real process serving the adapter over HTTP, or
connected over Socket Mode."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from pathlib import Path

from tests.fakes.fake_slack import FakeSlack
from tests.fakes.fake_slack_socket import FakeSlackSocket, SocketModeDriver
from tests.fakes.slack_driver import SlackDriver
from tests.support.env import process_env

SECRET = "run-test-signing-secret"
TOKEN = "xoxb-test"
APP_TOKEN = "xapp-1-A1-run-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_run_serves_slack_and_stops_cleanly(tmp_path: Path) -> None:
    fake = FakeSlack(token=TOKEN)
    await fake.start()
    fake.add_user("UANNA", "anna", real_name="Anna")
    port = free_port()
    env = process_env(
        tmp_path,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        BALLBACK_SLACK_API_URL=fake.base_url,
        BALLBACK_SLACK_HOST="127.0.0.1",
        BALLBACK_SLACK_PORT=str(port),
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
    log: list[str] = []
    try:
        assert process.stderr is not None
        while True:  # wait for the log line that says the server listens
            line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
            assert line, "ballback run ended early:\n" + "".join(log)
            log.append(line)
            if "listening" in line:
                break
        async with SlackDriver(f"http://127.0.0.1:{port}/slack/events", SECRET, fake=fake) as d:
            response = await d.command("UANNA", "C1", "today")
            assert response.status == 200
            [answer] = await fake.wait_for(response.response_url_method)
            assert "Today's skill" in str(answer.args)
            forged = await d.raw(
                b"command=%2Fpractice",
                "application/x-www-form-urlencoded",
                signature="v0=" + "1" * 64,
            )
            assert forged.status == 401
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        assert process.returncode == 0
        log.append((await process.stderr.read()).decode())
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    output = "".join(log)
    assert TOKEN not in output and SECRET not in output  # secrets never reach the logs


async def test_run_connects_over_socket_mode_without_a_signing_secret(tmp_path: Path) -> None:
    fake = FakeSlack(token=TOKEN, app_token=APP_TOKEN)
    socket = FakeSlackSocket(fake)
    await fake.start()
    await socket.start()
    fake.add_user("UANNA", "anna", real_name="Anna")
    env = process_env(
        tmp_path,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,  # and no SLACK_SIGNING_SECRET: Socket Mode needs none
        BALLBACK_SLACK_API_URL=fake.base_url,
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
    log: list[str] = []
    try:
        assert process.stderr is not None
        while True:  # wait for the log line that says the adapter is connected
            line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
            assert line, "ballback run ended early:\n" + "".join(log)
            log.append(line)
            if "connected over Socket Mode" in line:
                break
        [opened] = fake.calls_to("apps.connections.open")
        assert opened.token == APP_TOKEN
        await socket.wait_connected()
        async with SocketModeDriver(socket) as driver:
            response = await driver.command("UANNA", "C1", "today")
            assert response.response_url_method is not None
            [answer] = await fake.wait_for(response.response_url_method)
            assert "Today's skill" in str(answer.args)
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        assert process.returncode == 0
        log.append((await process.stderr.read()).decode())
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await socket.stop()
        await fake.stop()
    output = "".join(log)
    assert "disconnected from Socket Mode" in output
    assert TOKEN not in output and APP_TOKEN not in output  # secrets never reach the logs
