"""The scenario suite's driver: one per adapter, each on every store backend.

The Slack and Discord worlds are the ones their own suites use (the fixtures are re-used
from there, not copied); only the driver the test is parametrized with is built.
"""

from __future__ import annotations

import pytest

from tests.discord.conftest import discord_world, fake
from tests.scenario.drivers import ConsoleDriver, DiscordScenarioDriver, Driver, SlackScenarioDriver
from tests.slack.conftest import slack

#: The fixtures of the other suites this one builds on (imported to be visible here).
REUSED_FIXTURES = (discord_world, fake, slack)


@pytest.fixture(params=["console", "slack", "discord"])
def driver(request: pytest.FixtureRequest, store) -> Driver:
    """The scenario's driver for one adapter, on the test's store."""
    if request.param == "slack":
        return SlackScenarioDriver(request.getfixturevalue("slack"))
    if request.param == "discord":
        return DiscordScenarioDriver(request.getfixturevalue("discord_world"))
    return ConsoleDriver(store)
