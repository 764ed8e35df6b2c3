"""The one command registry (issue 10, item 3): dispatch, help and "did you mean"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.registry import COMMANDS, Access, Command, Registry, suggestion
from bot.rounds import Rounds
from content import Catalog, load_catalog

PLACE = Place("slack", "T1", "C1")
ANNA = Actor("slack", "T1", "UANNA", "Anna")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def practice(store, catalog: Catalog) -> Practice:
    clock = ManualClock(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))
    return Practice(store, catalog, clock, ChannelDefaults(timezone="Europe/Amsterdam"))


@pytest.fixture
def commands(practice: Practice) -> Commands:
    return Commands(practice, Rounds(practice), prefix="/practice ", escape=str.upper)


def test_every_command_is_declared_once_with_texts_in_both_languages(catalog: Catalog) -> None:
    names = COMMANDS.names()
    assert len(set(names)) == len(names) and "setup" in names and names[-1] == "help"
    for command in COMMANDS:
        for key in (command.help, *(arg.description for arg in command.args)):
            assert catalog.has_text(key), key
            assert catalog.text(key, "nl") != catalog.text(key, "en"), key
        if command.access is not Access.MEMBER:
            assert catalog.has_text(f"help.access.{command.access}")
    assert COMMANDS.find("VANDAAG") is COMMANDS.find("today") is not None
    assert {c.name for c in COMMANDS if c.form} == {"reflect", "feedback", "observe"}
    with pytest.raises(ValueError, match="not unique"):
        Registry([Command("a", None), Command("b", None, aliases={"nl": ("a",)})])


def test_suggestions_come_from_names_and_aliases() -> None:
    assert suggestion("strek", [COMMANDS]) == "streak"
    assert suggestion("vandag", [COMMANDS]) == "vandaag"
    assert suggestion("SETUPP", [COMMANDS]) == "setup"
    assert suggestion("frobnicate", [COMMANDS]) is None


async def test_a_typo_answers_one_line_in_the_members_language(
    commands: Commands, practice: Practice
) -> None:
    reply = await commands.run(ANNA, PLACE, "strek")
    assert not reply.cards
    assert reply.errors == {
        "": "Unknown command /practice STREK — did you mean /practice streak? "
        "Type /practice help for all commands."
    }
    unknown = await commands.run(ANNA, PLACE, "frobnicate")
    assert unknown.errors == {
        "": "Unknown command /practice FROBNICATE. Type /practice help for all commands."
    }
    await commands.run(ANNA, PLACE, "settings", "lang nl")
    dutch = await commands.run(ANNA, PLACE, "reflectei")
    assert dutch.errors[""] == (
        "Onbekend commando /practice REFLECTEI — bedoel je /practice reflectie? "
        "Typ /practice help voor alle commando's."
    )
    assert (await commands.run(ANNA, PLACE, "x" * 500)).errors[""].count("X") == 40


async def test_the_help_is_generated_from_the_registry(commands: Commands) -> None:
    # Over 25 commands: the help goes on over a second card (a card shows 25 fields).
    cards = (await commands.run(ANNA, PLACE, "")).cards
    assert all(len(c.fields) <= 25 for c in cards) and cards[0].body
    fields = [f for c in cards for f in c.fields]
    assert [f.label for f in fields] == [f"/practice {n}" for n in COMMANDS.names()]
    assert fields[COMMANDS.names().index("status")].value.endswith("(channel admins)")
    await commands.run(ANNA, PLACE, "instellingen", "lang nl")  # an alias runs its command
    dutch = [f for c in (await commands.run(ANNA, PLACE, "hulp")).cards for f in c.fields]
    assert dutch[0].label == "/practice today, /practice vandaag"
    assert "(kanaalbeheerders" in dutch[COMMANDS.names().index("setup")].value
