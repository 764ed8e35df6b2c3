"""``ballback run`` with Slack settings: a real process serving the adapter over HTTP, or
connected over Socket Mode."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.fakes.fake_slack import FakeSlack
from tests.fakes.fake_slack_socket import FakeSlackSocket, SocketModeDriver
from tests.fakes.slack_driver import SlackDriver
from tests.support.env import process_env
from tests.support.process import ballback_run

SECRET = "run-test-signing-secret"
TOKEN = "xoxb-test"
APP_TOKEN = "xapp-1-A1-run-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_run_serves_slack_and_stops_cleanly(tmp_path: Path) -> None:
    async with FakeSlack(token=TOKEN) as fake:
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
        async with ballback_run(env) as run:
            await run.wait_for_line("listening")
            await run.wait_for_line(
                f"ballback: slack: started (HTTP mode on 127.0.0.1:{port}/slack/events)"
            )
            await run.wait_for_line("ballback: discord: not configured (set DISCORD_TOKEN)")
            url = f"http://127.0.0.1:{port}/slack/events"
            async with SlackDriver(url, SECRET, fake=fake) as driver:
                response = await driver.command("UANNA", "C1", "today")
                assert response.status == 200
                [answer] = await fake.wait_for(response.response_url_method)
                assert "Today's skill" in str(answer.args)
                forged = await driver.raw(
                    b"command=%2Fpractice",
                    "application/x-www-form-urlencoded",
                    signature="v0=" + "1" * 64,
                )
                assert forged.status == 401
            await run.stop()
    assert TOKEN not in run.output and SECRET not in run.output  # secrets never reach logs
    assert "alembic" not in run.output and "Traceback" not in run.output


async def test_run_connects_over_socket_mode_without_a_signing_secret(tmp_path: Path) -> None:
    async with FakeSlack(token=TOKEN, app_token=APP_TOKEN) as fake, FakeSlackSocket(fake) as socket:
        fake.add_user("UANNA", "anna", real_name="Anna")
        env = process_env(
            tmp_path,
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_APP_TOKEN=APP_TOKEN,  # and no SLACK_SIGNING_SECRET: Socket Mode needs none
            BALLBACK_SLACK_API_URL=fake.base_url,
        )
        async with ballback_run(env) as run:
            await run.wait_for_line("connected over Socket Mode")
            await run.wait_for_line("ballback: slack: started (Socket Mode)")
            [opened] = fake.calls_to("apps.connections.open")
            assert opened.token == APP_TOKEN
            await socket.wait_connected()
            async with SocketModeDriver(socket) as driver:
                response = await driver.command("UANNA", "C1", "today")
                assert response.response_url_method is not None
                [answer] = await fake.wait_for(response.response_url_method)
                assert "Today's skill" in str(answer.args)
            await run.stop()
    assert "disconnected from Socket Mode" in run.output
    assert TOKEN not in run.output and APP_TOKEN not in run.output  # secrets never reach logs
