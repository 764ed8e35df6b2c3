"""Settings and a bare core for starting a :class:`bot.platform.Platform` in a test."""

from __future__ import annotations

import os
import socket
from typing import Any

import pytest

from bot.clock import SystemClock
from bot.platform import Core
from bot.practice import Practice
from bot.rounds import Rounds
from bot.settings import Settings
from content import load_catalog


def settings_from(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    """Settings read from exactly ``env`` (every other ballback or platform variable unset)."""
    for name in list(os.environ):
        if name.startswith(("BALLBACK_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


def bare_core() -> Core:
    """A core whose store is never opened: for starts that fail, or that only connect (an
    adapter builds its command table from the use cases when it starts)."""
    nothing: Any = None
    practice = Practice(nothing, load_catalog(), SystemClock())
    return Core(practice, Rounds(practice), nothing, {})


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
