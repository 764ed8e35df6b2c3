"""/streak comes with the member's heat-map, its days worked out from what the streak rules
read: reflections, practice days, pauses, the channel's off-days and weekly forgiveness."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image

from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.pictures.heatmap import STYLES, DayState, Layout, window
from bot.practice import ChannelDefaults, Practice
from bot.usecases.offdays import OffDaysUseCase
from content import load_catalog
from tests.support.transactions import count_transactions

PLACE = Place("console", "local", "team")
ANNA = Actor("console", "local", "anna", "Anna")
ADMIN = Actor("console", "local", "tess", "Tess", is_platform_admin=True)
GOOD = {"R1": "I asked what she had tried.", "R2": "She lit up.", "R3": "Wait longer."}


def at(day: int, hour: int = 10) -> datetime:
    """An Amsterdam wall-clock time in December 2026 (UTC+1)."""
    return datetime(2026, 12, day, hour - 1, tzinfo=UTC)


async def test_streak_attaches_the_heatmap_from_one_read(store) -> None:
    clock = ManualClock(at(1))
    practice = Practice(
        store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam", language="en")
    )
    await practice.daily.pick_for(PLACE)  # the channel exists
    assert (await OffDaysUseCase(practice).offdays(ADMIN, PLACE, "add 2026-12-08")).ok
    for day in (1, 2, 7):  # Tue, Wed, and the next Monday
        clock.set(at(day))
        assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok
    assert (await practice.preferences.pause(ANNA, PLACE, "until 2026-12-09")).ok  # from Mon
    clock.set(at(10, 12))  # Thursday noon, no reflection yet today

    transactions = count_transactions(store)
    before = transactions.value
    reply = await practice.reflections.streak(ANNA, PLACE)
    assert transactions.since(before) == 1  # the picture reads nothing more

    [card] = reply.cards
    assert card.image_name == "streak.png" and card.private
    assert card.image_png is not None
    image = Image.open(io.BytesIO(card.image_png))
    layout = Layout()
    assert image.format == "PNG" and image.size == (layout.width * 2, layout.height * 2)
    first, _ = window(date(2026, 12, 10))
    expected = {
        date(2026, 11, 30): DayState.BEFORE,  # before the first reflection
        date(2026, 12, 1): DayState.REFLECTED,
        date(2026, 12, 2): DayState.REFLECTED,
        date(2026, 12, 3): DayState.FORGIVEN,  # the week's one forgiven day
        date(2026, 12, 4): DayState.MISSED,
        date(2026, 12, 5): DayState.REST,
        date(2026, 12, 6): DayState.REST,
        date(2026, 12, 7): DayState.REFLECTED,  # reflected, though paused from that day
        date(2026, 12, 8): DayState.OFFDAY,  # an off-day, and paused
        date(2026, 12, 9): DayState.PAUSED,
        date(2026, 12, 10): DayState.FUTURE,  # today, not over yet
        date(2026, 12, 11): DayState.FUTURE,
        date(2026, 12, 13): DayState.FUTURE,
    }
    for day, state in expected.items():
        pixel = layout.fill_pixel((day - first).days // 7, day.weekday())
        assert image.getpixel(pixel) == STYLES[state].fill, (day, state)
    # The listing of the last four weeks still names the forgiven day.
    assert [f.value for f in card.fields] == ["1 day", "2 days", "3 days", "2026-12-03"]


async def test_a_member_without_reflections_gets_a_picture_too(store) -> None:
    practice = Practice(
        store, load_catalog(), ManualClock(at(1)), ChannelDefaults(timezone="Europe/Amsterdam")
    )
    [card] = (await practice.reflections.streak(ANNA, PLACE)).cards
    assert card.image_png is not None and card.image_png.startswith(b"\x89PNG")
