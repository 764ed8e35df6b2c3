"""Every command and every button, fed what a member or a stranger can send: odd text,
odd ids, odd names and zones. Each gets a Reply (a clear answer or a refusal), never an
exception, on both backends (issue 10, item 6). Nothing is logged as an error, and no log
line repeats what was typed."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.messages import Reply
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from content import load_catalog

VERBS = [
    "today",
    "scenario",
    "join",
    "leave",
    "round",
    "brief",
    "feedback",
    "done",
    "notdone",
    "swap",
    "reflect",
    "share",
    "streak",
    "settings",
    "pause",
    "resume",
    "setup",
    "offdays",
    "status",
    "report",
    "export",
    "forget",
]
ODD_TEXTS = (
    "",
    "²",
    "9" * 40,
    str(2**63),
    "-1",
    "\x00",
    "\udc80",
    "x" * 5000,
    "<!channel> <@U123> @everyone",
    "tz " + "Europe/" + "A" * 300,
    "tz \x00UTC",
    "channel time ²:00",
    "channel window ²",
    "level ²",
    "niveau \x00",
    "level " + "9" * 30,
    "channel days \udc80",
    "until 9999-12-31",
    "until 0000-01-01",
    "2026-02-30",
    "grant <@\x00>",
    "confirm",
)
BUTTONS = (
    "feedback:" + "9" * 30,
    f"brief:{2**63}",
    f"swap:{2**31}",
    "share:-1",
    "done:²",
    "reflect:C\x00",
    "reflect:" + "C" * 500,
    "forget:\udc80",
    "redo:²",
    f"redo:{2**63}",
    "weekly:x",
    "nothing:1",
    "",
    ":",
)
PLACE = Place("console", "local", "team")


MEMBER_WORDS = ("<!channel>", "x" * 100, "N" * 100, "A" * 100)


def quiet(caplog: pytest.LogCaptureFixture) -> bool:
    """No error logged, and no log line holding a member's words."""
    return all(
        record.levelno < logging.ERROR
        and not any(words in record.getMessage() for words in MEMBER_WORDS)
        for record in caplog.records
    )


def answered(reply: object) -> bool:
    """A reply, and every refusal in it a message (raising is the other way to fail)."""
    return isinstance(reply, Reply) and all(
        isinstance(message, str) and message.strip() for message in reply.errors.values()
    )


@pytest.fixture
def commands(store) -> Commands:
    clock = ManualClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    return Commands(practice, Rounds(practice), prefix="/")


ACTORS = (
    Actor("console", "local", "anna", "Anna", is_platform_admin=True),
    Actor("console", "local", "odd", "\x00\udc80" + "N" * 500, timezone="Europe/" + "A" * 300),
    Actor("console", "local", "tz", "Tz", timezone="\x00"),
)


async def test_every_command_answers_odd_text_without_raising(
    commands: Commands, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for actor in ACTORS:
        for verb in (*VERBS, "strek", "²", "\x00", "x" * 300):
            for text in ODD_TEXTS:
                reply = await commands.run(actor, PLACE, verb, text)
                assert answered(reply), (verb, text)
    assert quiet(caplog), caplog.text[:2000]


async def test_every_button_answers_forged_ids_without_raising(
    commands: Commands, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for actor in ACTORS:
        for action in BUTTONS:
            reply = await commands.click(actor, PLACE, action)
            assert answered(reply), action
    assert quiet(caplog), caplog.text[:2000]


async def test_odd_ids_from_a_platform_are_refused_not_raised(commands: Commands) -> None:
    for odd in ("\x00", "\udc80", "C" * 300):
        actor = Actor("console", "local", odd, "Odd")
        place = Place("console", "local", odd)
        for verb in ("today", "join", "reflect", "streak", "settings", "export"):
            reply = await commands.run(actor, place, verb, "")
            assert answered(reply), (verb, odd)
