"""The automatic observer in the console (issue 13): ``/observe`` for a pasted role-play, and
live reading of what a pair types with ``/say`` once both agreed (``/observe live``)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.model import HELPER, Place
from content import Catalog, load_catalog
from tests.console.harness import Console

PLACE = Place("console", "local", "practice")
DAY = "2026-12-07"
SECRET = "honestly the roster is killing me"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def console(store, catalog: Catalog) -> Console:
    return Console(store, catalog, datetime(2026, 12, 7, 7, 0, tzinfo=UTC))


async def pair(console: Console) -> tuple[str, str]:
    """Anna and Bob join and are paired; (helper, other) by display name."""
    await console.run(f"/day {DAY} 09:30", "/as Anna", "/join", "/as Bob", "/join", "/time 10:05")
    async with console.store.read() as tx:
        [group] = await tx.groups.list(PLACE, date.fromisoformat(DAY))
    helper = next(s for s in group.seats if s.role == HELPER)
    other = next(s for s in group.seats if s.role != HELPER)
    return helper.display_name, other.display_name


async def test_a_pasted_role_play_in_the_console(console: Console) -> None:
    helper, other = await pair(console)
    out = await console.run(
        "/observe",
        "<<<",
        f"{helper}: what would you like to talk about today?",
        f"{other}: {SECRET}",
        f"{helper}: you should ask for a fixed schedule",
        ">>>",
        helper,
        "1",
        user=other,
    )
    assert "<<<" in out  # the form says how to give several lines
    assert "What the observer saw" in out and "advice: 1" in out
    assert "open question: 1" in out
    assert SECRET not in out.split("What the observer saw", 1)[1]


async def test_a_paste_over_the_limit_is_refused_clearly(console: Console) -> None:
    await pair(console)
    out = await console.run("/observe", "<<<", "Anna: " + "x" * 3100, ">>>", "/cancel")
    assert "at most 3000 characters" in out
    async with console.store.read() as tx:
        [group] = await tx.groups.list(PLACE, date.fromisoformat(DAY))
        assert await tx.observations.of_group(group.id or 0) == []


async def test_live_reading_with_say_needs_both(console: Console) -> None:
    helper, other = await pair(console)
    out = await console.run(
        f"/as {helper}",
        "/say what is on your mind?",
        "/observe live",
        f"/as {other}",
        f"/say {SECRET}",
        "/observe live",
        f"/as {helper}",
        "/say so the roster keeps changing and you feel stuck?",
        "/say what have you tried so far?",
        f"/as {other}",
        "/done",
    )
    assert "may ballback read this practice space" in out
    assert "Everyone agreed" in out
    card = out.split("What the observer saw", 1)[1]
    # Only what was said after both agreed is counted: two helper turns.
    assert "2 turns of yours" in card and "snapshot: 1" in card
    assert SECRET not in card
    async with console.store.read() as tx:
        [group] = await tx.groups.list(PLACE, date.fromisoformat(DAY))
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.finished and observed.context == "" and observed.transcript is None


async def test_say_outside_a_group_and_without_text(console: Console) -> None:
    out = await console.run(f"/day {DAY} 09:30", "/say hello", "/say")
    assert "! " in out and "/say TEXT" in out


async def test_live_reading_that_keeps_the_text_with_typed_answers(console: Console) -> None:
    helper, other = await pair(console)
    out = await console.run(
        f"/as {helper}",
        "/observe live keep",
        f"/as {other}",
        "/observe keep",  # as the ask shows its button: [/observe keep]
        f"/as {helper}",
        "/say what is on your mind?",
        f"/as {other}",
        f"/say {SECRET} \x1b[31m",
        "/done",
    )
    assert "[/observe keep] Yes, and keep the text" in out
    assert "Everyone chose to keep the text" in out
    assert "kept with the helper's feedback" in out
    async with console.store.read() as tx:
        [group] = await tx.groups.list(PLACE, date.fromisoformat(DAY))
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.transcript == f"{helper}: what is on your mind?\n{other}: {SECRET} \x1b[31m"
    # The helper reads it with their feedback, the terminal's control bytes made inert.
    shown = await console.run(f"/as {helper}", "/feedback", "I asked.", "2", "1", "1", "/feedback")
    view = shown.split("The text you kept:", 1)[1]
    assert f"{other}: {SECRET}" in view and "\x1b" not in view
    # A plain yes typed later drops it.
    changed = await console.run(f"/as {other}", "/observe yes")
    assert "the text kept so far is deleted" in changed
    async with console.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.transcript is None
