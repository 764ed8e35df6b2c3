"""The environment of a ``ballback`` process started by a test."""

from __future__ import annotations

import os
from pathlib import Path


def process_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """This environment without any ballback or platform setting, plus a scratch database,
    a fixed time zone, a scratch home, and ``settings``."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BALLBACK_", "SLACK_", "DISCORD_"))
    }
    env |= {
        "BALLBACK_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'ballback.db'}",
        "BALLBACK_TIMEZONE": "Europe/Amsterdam",
        "HOME": str(tmp_path),
    }
    return env | settings
