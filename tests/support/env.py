"""The environment of a ``ballback`` process started by a test."""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]  # the repository root holding bot/ and tests/


def process_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """This environment without any ballback or platform setting, plus a scratch database,
    a fixed time zone, a scratch home, this checkout's code first on the path, and
    ``settings``."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BALLBACK_", "SLACK_", "DISCORD_"))
    }
    env |= {
        "BALLBACK_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'ballback.db'}",
        "BALLBACK_TIMEZONE": "Europe/Amsterdam",
        "HOME": str(tmp_path),
        # This checkout's code, also where the installed ballback is another one's (a worktree
        # sharing a virtual environment).
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")])),
    }
    return env | settings
