"""Numbers and time-zone names a member (or a forged button) can send: digits that
``str.isdigit`` accepts but ``int`` refuses, numbers too large for any id, zone names the
system cannot even look up. Each gets a clear answer and writes nothing (issue 10, item 6)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.forms import clean_answers
from bot.messages import Form, FormField
from bot.model import Actor, Place
from bot.parsing import InputError, number_in, parse_timezone, zone_name
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, parse_form_key
from bot.settings import Settings
from bot.texts import Texts
from content import load_catalog

PLACE = Place("console", "local", "team")
ANNA = Actor("console", "local", "anna", "Anna")
ADMIN = Actor("console", "local", "tess", "Tess", is_platform_admin=True)
LONG_ZONE = "Europe/" + "A" * 300


@pytest.fixture
def practice(store) -> Practice:
    clock = ManualClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    return Practice(store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),  # superscript two: isdigit() says yes, int() says no
        ("٣", None),  # Arabic-Indic three: int() would accept it; ids are ASCII
        ("12x", None),
        ("", None),
        ("-1", None),
        ("9" * 40, None),  # beyond any id column
        (str(2**31), None),
    ],
)
def test_number_in_takes_ascii_digits_within_bounds_only(text: str, expected: int | None) -> None:
    assert number_in(text) == expected


def test_zone_names_any_case_and_never_an_error() -> None:
    assert zone_name("europe/amsterdam") == "Europe/Amsterdam"
    assert parse_timezone("AMERICA/NEW_YORK") == "America/New_York"
    for odd in (LONG_ZONE, "\udc80", "\x00UTC", "/etc/passwd", "", "../../etc"):
        assert zone_name(odd) is None
        with pytest.raises(InputError):
            parse_timezone(odd)


def test_a_long_ballback_timezone_is_a_settings_error_not_os_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        Settings(timezone=LONG_ZONE)
    assert Settings(timezone="europe/london").timezone == "Europe/London"


@pytest.mark.parametrize(
    "text",
    ["tz " + LONG_ZONE, "channel window ²", "channel window 99999999999999999999"],
)
async def test_odd_settings_are_refused_and_change_nothing(
    practice: Practice, store, text: str
) -> None:
    actor = ADMIN if text.startswith("channel") else ANNA
    async with store.read() as tx:
        before = await tx.channels.get(PLACE)
    reply = await practice.preferences.settings(actor, PLACE, text)
    assert not reply.ok and reply.errors[""]
    async with store.read() as tx:
        assert await tx.members.get(ANNA.ref) is None
        assert await tx.channels.get(PLACE) == before


async def test_a_report_of_odd_weeks_is_refused(practice: Practice) -> None:
    for weeks in ("²", "99999999999999999999", "0"):
        reply = await practice.admin.report(ADMIN, PLACE, weeks)
        assert not reply.ok and weeks in reply.errors[""]


async def test_forged_buttons_and_form_ids_with_huge_numbers_are_refused(
    practice: Practice,
) -> None:
    commands = Commands(practice, Rounds(practice), prefix="/")
    for action in ("share:99999999999999999999", "share:²", "done:" + "9" * 30):
        reply = await commands.click(ANNA, PLACE, action)
        assert not reply.ok or not reply.cards, action  # an answer, never a traceback
    assert parse_form_key("fb:99999999999999999999:1:helper") is None
    assert parse_form_key("fb:²:1:helper") is None


def test_a_scale_answer_in_odd_digits_is_a_problem_at_its_field() -> None:
    form = Form(
        "fb",
        "Feedback",
        (FormField("room", "scale", "Room to think", minimum=1, maximum=5, step=1),),
    )
    t = Texts(load_catalog(), "en")
    for value in ("²", "-²", "9" * 40, "3.0"):
        _, problems = clean_answers(form, {"room": value}, t)
        assert [p.field_id for p in problems] == ["room"], value


async def test_control_characters_in_a_name_or_a_button_never_reach_the_database(
    practice: Practice, store
) -> None:
    """A display name with NUL (PostgreSQL's text cannot hold it) is kept without it; a
    forged ``reflect:`` button naming no plain channel id is about the channel it was
    pressed in."""
    odd = Actor("console", "local", "odd", "A\x00nna\udc80\n")
    assert (await practice.reflections.streak(odd, PLACE)).ok
    async with store.read() as tx:
        member = await tx.members.get(odd.ref)
    assert member is not None and member.display_name == "Anna?"
    for action in ("reflect:\x00C1", "reflect:a b", "reflect:" + "C" * 65):
        assert Commands.place_of(action, PLACE) == PLACE
    assert Commands.place_of("reflect:C0PRACTICE", PLACE).channel == "C0PRACTICE"
