"""The core stays free of platforms and storage (DESIGN.md, "the dependency rule")."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bot

FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "aiohttp", "sqlalchemy", "storage", "adapters")


def core_modules() -> list[str]:
    names = [
        m.name for m in pkgutil.walk_packages(bot.__path__, prefix="bot.") if m.name != "bot.cli"
    ]
    return ["bot", *sorted(names)]


def test_core_modules_are_found() -> None:
    modules = core_modules()
    assert {"bot.practice", "bot.scheduler", "bot.rules.streak", "bot.ports"} <= set(modules)


def test_importing_the_core_loads_no_platform_or_storage() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})))\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert json.loads(result.stdout) == []


def test_content_imports_nothing_from_the_project() -> None:
    code = (
        "import content, content.loader, content.schema, json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('bot', 'storage', 'adapters'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
