"""Settings and a bare core for starting a :class:`bot.platform.Platform` in a test."""

from __future__ import annotations

import os
import socket
from typing import Any

import pytest

from bot.platform import Core
from bot.settings import Settings


def settings_from(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    """Settings read from exactly ``env`` (every other ballback or platform variable unset)."""
    for name in list(os.environ):
        if name.startswith(("BALLBACK_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


def bare_core() -> Core:
    """A core whose parts are never used: for starts that fail, or that only connect."""
    nothing: Any = None
    return Core(nothing, nothing, nothing, {})


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
