"""Slack as a platform of ``ballback run``: which settings start it, and one line for each way
a start can fail (the message names the setting, never a secret)."""

from __future__ import annotations

import socket

import pytest

from adapters.slack.platform import PLATFORM as SLACK
from bot.platform import AdapterError, Capability
from tests.fakes.fake_slack import FakeSlack
from tests.support.platforms import bare_core, closed_port, settings_from

TOKEN = "xoxb-platform-test"
SECRET = "platform-test-secret"
APP_TOKEN = "xapp-1-platform-test"


@pytest.mark.parametrize(
    ("env", "configured", "missing"),
    [
        ({}, False, ()),
        ({"SLACK_BOT_TOKEN": TOKEN}, True, ("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",)),
        ({"SLACK_SIGNING_SECRET": SECRET}, True, ("SLACK_BOT_TOKEN",)),
        ({"SLACK_APP_TOKEN": APP_TOKEN}, True, ("SLACK_BOT_TOKEN",)),
        ({"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET}, True, ()),
        ({"SLACK_BOT_TOKEN": TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}, True, ()),
    ],
)
def test_check_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], configured: bool, missing: tuple
) -> None:
    readiness = SLACK.check(settings_from(monkeypatch, **env))
    assert (readiness.configured, readiness.missing) == (configured, missing)
    line = readiness.line("slack")
    assert "\n" not in line
    for value in env.values():
        assert value not in line
    if not configured:
        assert line.startswith("slack: not configured (set SLACK_BOT_TOKEN")
    elif missing:
        assert line.startswith("slack: not started: ")
        assert all(name in line for name in missing[0].split(" or "))


def test_the_declared_settings_and_capabilities() -> None:
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"} <= set(SLACK.settings)
    assert {"BALLBACK_SLACK_HOST", "BALLBACK_SLACK_PORT"} <= set(SLACK.settings)
    assert Capability.PRIVATE_MESSAGES_NEED_CONSENT not in SLACK.capabilities


async def test_http_mode_starts_listens_and_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeSlack(token=TOKEN) as fake:
        port = closed_port()
        settings = settings_from(
            monkeypatch,
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            BALLBACK_SLACK_HOST="127.0.0.1",
            BALLBACK_SLACK_PORT=str(port),
            BALLBACK_SLACK_API_URL=fake.base_url,
        )
        core = bare_core()
        started = await SLACK.start(settings, core)
        try:
            assert started.summary == f"HTTP mode on 127.0.0.1:{port}/slack/events"
            assert "slack" in core.chats
            assert fake.calls_to("auth.test")  # the token was checked at start
            with pytest.raises(OSError):  # the port is taken: by the adapter
                socket.create_server(("127.0.0.1", port)).close()
        finally:
            await started.stop()


async def test_a_host_that_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host == "nowhere.example":  # resolved here, so no DNS query leaves the machine
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    settings = settings_from(
        monkeypatch,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        BALLBACK_SLACK_HOST="nowhere.example",
        BALLBACK_SLACK_API_URL=f"http://127.0.0.1:{closed_port()}/api/",
    )
    with pytest.raises(AdapterError) as failed:
        await SLACK.start(settings, bare_core())
    assert str(failed.value) == (
        "BALLBACK_SLACK_HOST: cannot listen on 'nowhere.example': the name does not resolve"
    )


async def test_an_unreachable_slack(monkeypatch: pytest.MonkeyPatch) -> None:
    port = closed_port()
    settings = settings_from(
        monkeypatch,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        BALLBACK_SLACK_API_URL=f"http://127.0.0.1:{port}/api/?key=value",
    )
    with pytest.raises(AdapterError) as failed:
        await SLACK.start(settings, bare_core())
    message = str(failed.value)
    assert message.startswith(
        f"cannot reach Slack at BALLBACK_SLACK_API_URL http://127.0.0.1:{port}"
    )
    assert "\n" not in message and "value" not in message and APP_TOKEN not in message


async def test_a_refused_bot_token(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeSlack(token=TOKEN, app_token=APP_TOKEN) as fake:
        settings = settings_from(
            monkeypatch,
            SLACK_BOT_TOKEN="xoxb-wrong",
            SLACK_APP_TOKEN=APP_TOKEN,
            BALLBACK_SLACK_API_URL=fake.base_url,
        )
        with pytest.raises(AdapterError) as failed:
            await SLACK.start(settings, bare_core())
    assert str(failed.value) == "SLACK_BOT_TOKEN: Slack refused auth.test (invalid_auth)"
