"""``ballback slack manifest``: one JSON that creates the Slack app, for HTTP or Socket Mode."""

from __future__ import annotations

import json
from pathlib import Path

from adapters.slack.runner import manifest
from tests.test_cli import run


def test_the_http_manifest_points_everything_at_the_events_url() -> None:
    made = manifest("https://ballback.example.org/")
    url = "https://ballback.example.org/slack/events"
    [command] = made["features"]["slash_commands"]
    assert command["command"] == "/practice" and command["url"] == url
    assert made["settings"]["event_subscriptions"]["request_url"] == url
    assert made["settings"]["interactivity"]["request_url"] == url
    assert made["settings"]["socket_mode_enabled"] is False
    assert sorted(made["oauth_config"]["scopes"]["bot"]) == [
        "chat:write", "commands", "files:write", "im:write", "mpim:history", "mpim:write",
        "users:read",
    ]  # fmt: skip


def test_the_socket_mode_manifest_has_no_request_urls() -> None:
    made = manifest(None)
    assert made["settings"]["socket_mode_enabled"] is True
    assert "url" not in json.dumps(made).replace("usage_hint", "")
    assert made["settings"]["event_subscriptions"]["bot_events"] == [
        "app_home_opened",
        "message.mpim",  # the automatic observer's live reading, with the group's consent
    ]


def test_the_command(tmp_path: Path) -> None:
    http = run(["slack", "manifest", "https://b.example.org"], tmp_path)
    assert http.returncode == 0, http.stderr
    assert json.loads(http.stdout)["settings"]["socket_mode_enabled"] is False
    socket = run(["slack", "manifest", "--socket-mode"], tmp_path)
    assert socket.returncode == 0 and json.loads(socket.stdout)["settings"]["socket_mode_enabled"]
    for args in ([], ["https://b.example.org", "--socket-mode"]):
        wrong = run(["slack", "manifest", *args], tmp_path)
        assert wrong.returncode == 2 and "--socket-mode" in wrong.stderr, args
        assert "Traceback" not in wrong.stderr
