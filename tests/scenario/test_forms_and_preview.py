"""Forms and the day's preview over the console, Slack and Discord adapters.

A command while the reflection form is open, an invalid first answer corrected at once, and
``today`` before the day's nudge: it shows the skill the nudge will post and writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.model import Reflection
from bot.ports import Store
from tests.scenario.drivers import CATALOG, FORM_REFLECTION, Driver, current_streak

MEMBERS = ("Anna", "Bob", "Cees")
#: The label of the reflection's first question (R1), which refusals name.
R1_LABEL = "What? One moment: what did you say or do?"


async def reflections(store: Store, driver: Driver, member: str) -> list[Reflection]:
    """Every reflection stored for ``member``."""
    async with store.read() as tx:
        return list(await tx.reflections.list(driver.ref(member)))


async def test_a_command_while_the_reflection_form_is_open(driver: Driver, store: Store) -> None:
    shown = await driver.reflect_with_a_command_in_between("Anna")

    if driver.name == "console":
        # Inside a form a command is refused, never taken as an answer or run: the streak is
        # not shown, and the line after it answers the same question (So what?).
        assert "/streak does not work inside a form" in shown, shown
        assert "To start an answer with a slash, type it twice (//)." in shown, shown
        assert "Current:" not in shown, shown
        so_what, refused = shown.index("So what?"), shown.index("/streak does not work")
        assert so_what < refused < shown.index("Now what?"), shown
        assert shown.count("So what?") == 1, "the question is not printed again, only read again"
    else:
        # A modal is apart from the channel: the command runs while it is open (no reflection
        # yet, so no streak).
        assert current_streak(shown) == 0, shown

    [saved] = await reflections(store, driver, "Anna")
    assert dict(saved.answers) == FORM_REFLECTION
    assert all("streak" not in answer for answer in saved.answers.values())
    assert await driver.streak("Anna") == 1


@pytest.mark.parametrize(
    ("first", "refusal"),
    [
        ("x" * 4001, f"{R1_LABEL}: at most 3000 characters, you wrote 4001."),
        ("", f"{R1_LABEL}: please write something here."),
    ],
    ids=["too-long", "empty"],
)
async def test_an_invalid_answer_is_refused_and_corrected(
    driver: Driver, store: Store, first: str, refusal: str
) -> None:
    shown = await driver.reflect_corrected("Anna", first)

    assert refusal in shown, shown[-2000:]
    if driver.name == "console":
        # Refused at once: asked again before the next question.
        assert shown.index(refusal) < shown.index("So what?"), shown[-2000:]
    elif driver.name == "slack":
        # The modal stays open with the message at the field.
        refused: dict[str, Any] = json.loads(shown)
        assert refused["response_action"] == "errors", refused
        assert list(refused["errors"]) == ["R1"], refused
        assert refusal in refused["errors"]["R1"], refused
    else:
        # A Discord modal closes on submit: the refusal is an ephemeral follow-up, and the
        # member opens the form again (empty) to send the corrected answers.
        assert json.loads(shown)["flags"] & 64, shown

    [saved] = await reflections(store, driver, "Anna")
    assert dict(saved.answers) == FORM_REFLECTION
    assert saved.answers["R1"] == FORM_REFLECTION["R1"]


async def _snapshot(store: Store, driver: Driver) -> tuple[Any, ...]:
    async with store.read() as tx:
        return (
            list(await tx.channels.list()),
            list(await tx.picks.recent(driver.place, 100)),
            [await tx.members.get(driver.ref(member)) for member in MEMBERS],
        )


def _skills_named(shown: str) -> list[str]:
    return [skill.id for skill in CATALOG.skills if skill.name.en in shown]


async def test_today_previews_the_nudge_and_changes_nothing(driver: Driver, store: Store) -> None:
    for member in ("Anna", "Bob"):  # the channel exists; Cees never used ballback
        await driver.join(member)
    before = await _snapshot(store, driver)
    channels, picks, members = before
    assert [c.place for c in channels] == [driver.place]
    assert picks == []  # the day's pick is the nudge's to make
    assert members[2] is None

    previews = [await driver.today(member) for member in MEMBERS]

    assert await _snapshot(store, driver) == before
    [skill] = _skills_named(previews[0])
    assert all(_skills_named(shown) == [skill] for shown in previews), previews
    assert "Today's skill" in previews[0], previews[0]

    posted = await driver.nudge_now()

    [pick] = (await _snapshot(store, driver))[1]
    assert pick.local_date == driver.day and pick.skill_id == skill
    assert _skills_named(posted) == [skill], posted
    assert "Posted late" not in posted, "the nudge of its own time, not a late one"
    scenario = CATALOG.scenario(pick.scenario_id).title.en
    assert all(scenario in shown for shown in (*previews, posted)), (scenario, posted)
