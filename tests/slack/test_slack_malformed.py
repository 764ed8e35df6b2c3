"""Requests no Slack would send, at the HTTP endpoint: each answered 400 or 401, never a 500
with a traceback, and nothing written (issue 10, item 6)."""

from __future__ import annotations

import json
import logging
from datetime import date
from urllib.parse import quote

import pytest

from bot.model import Place
from tests.slack.conftest import CHANNEL, SlackWorld

FORM = "application/x-www-form-urlencoded"
PLACE = Place("slack", "T1", CHANNEL)


@pytest.mark.parametrize(
    ("body", "signed", "expected"),
    [
        (b"payload={not-json MEMBER-WORDS", False, 401),
        (b"payload=%5B1%2C2%5D", False, 401),  # payload=[1,2]
        (b"payload={not-json MEMBER-WORDS", True, 400),
        (b"payload=%5B1%2C2%5D", True, 400),
        (
            b"payload=" + quote(json.dumps({"type": "view_submission", "view": None})).encode(),
            True,
            400,
        ),
        (
            b"payload=" + quote(json.dumps({"type": "block_actions", "actions": "x"})).encode(),
            True,
            400,
        ),
    ],
)
async def test_malformed_interactivity_is_refused(
    slack: SlackWorld, caplog: pytest.LogCaptureFixture, body: bytes, signed: bool, expected: int
) -> None:
    caplog.set_level(logging.INFO)
    answer = await slack.driver.raw(body, FORM, signature=None if signed else "v0=" + "0" * 64)
    assert answer.status == expected, answer.text
    assert "Traceback" not in caplog.text
    # One line saying why, and nothing of what was sent.
    refusals = [r for r in caplog.records if r.getMessage().startswith("refused a Slack request")]
    assert len(refusals) == 1, caplog.text
    assert "MEMBER-WORDS" not in caplog.text
    async with slack.practice.store.read() as tx:
        assert await tx.rounds.list_joined(PLACE, date(2026, 12, 7)) == []


async def test_a_timestamp_that_is_no_number_is_refused(
    slack: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    body = b"command=%2Fpractice&text=join&team_id=T1&channel_id=C0PRACTICE&user_id=UANNA"
    for stamp in ("soon", "1e9", "١٢٣", "9" * 40, ""):
        answer = await slack.driver.raw(body, FORM, headers={"X-Slack-Request-Timestamp": stamp})
        assert answer.status == 401, (stamp, answer.text)
    assert "Traceback" not in caplog.text


async def test_a_refusal_quoting_markup_keeps_it_text(slack: SlackWorld) -> None:
    """``/practice settings tz <!channel>``: the refusal quotes what was typed, escaped in
    the fallback text as in the blocks, so it never pings the channel."""
    response = await slack.driver.command("UANNA", CHANNEL, "settings tz <!channel>")
    [answer] = slack.fake.calls_to(response.response_url_method)
    # The fallback text is mrkdwn: escaped. The blocks show it as plain text, which Slack
    # never reads as a mention.
    assert "<!channel>" not in answer.args["text"] and "&lt;!channel&gt;" in answer.args["text"]
    for block in answer.args["blocks"]:
        if "<!channel>" in json.dumps(block):
            assert block["text"]["type"] == "plain_text", block
