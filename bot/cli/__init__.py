"""The composition root and the ``ballback`` command line.

``main`` parses the command line and runs the command; the rooms it uses:

- ``bot.cli.app``: ``build_app``, the one place where settings, the store, the content catalog
  and the core are put together, and ``StartupError``;
- ``bot.cli.args``: the argument parser;
- ``bot.cli.run``: ``ballback run`` (the configured platforms with the scheduler) and
  ``ballback console``;
- ``bot.cli.commands``: ``today``, ``status``, ``member export`` / ``forget``, ``content
  check`` and ``db upgrade``;
- ``bot.cli.install``: ``slack manifest`` and ``discord invite-url``.

Heavy imports (SQLAlchemy, the platform SDKs) happen inside the functions that need them, so
``ballback --help`` starts instantly. ``python -m bot.cli`` runs ``main`` (``__main__.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence

from bot.cli.app import EXIT_USAGE, App, StartupError, build_app, load_content, load_settings
from bot.cli.args import _parser, version
from bot.cli.commands import (
    _calendar,
    _cohort,
    _content_check,
    _content_stats,
    _db_upgrade,
    _member_export,
    _member_forget,
    _report,
    _status,
    _today,
    member_ref,
)
from bot.cli.install import (
    MAX_SNOWFLAKE_DIGITS,
    _discord_invite_url,
    _slack_manifest,
    is_snowflake,
    public_url_problem,
)
from bot.cli.run import PLATFORMS, _console, _run, load_platforms

__all__ = [
    "EXIT_USAGE",
    "MAX_SNOWFLAKE_DIGITS",
    "PLATFORMS",
    "App",
    "StartupError",
    "build_app",
    "is_snowflake",
    "load_content",
    "load_platforms",
    "load_settings",
    "main",
    "public_url_problem",
    "version",
]


def main(argv: Sequence[str] | None = None) -> int:
    """The ``ballback`` command."""
    args = _parser().parse_args(argv)
    try:
        status = _command(args)
        sys.stdout.flush()  # here, so that a reader gone away is answered below, not at exit
        return status
    except StartupError as exc:
        print(f"ballback: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``ballback today | head -2``): it had what it wanted. Point
        # stdout at /dev/null so the interpreter's last flush cannot fail again (the recipe of
        # Python's signal docs, and its exit status).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _command(args: argparse.Namespace) -> int:
    if args.command == "content":
        if args.content_command == "stats":
            return _content_stats(args.directory)
        return _content_check(args.directory)
    if args.command == "slack":
        return _slack_manifest(args.url, args.socket_mode)
    if args.command == "discord":
        return _discord_invite_url(args.app_id)
    if args.command == "member":
        ref = member_ref(args.platform, args.workspace, args.user)  # before any setting is read
    settings = load_settings()
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.INFO)
        if args.command == "run"
        else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # Alembic's INFO lines ("Context impl SQLiteImpl.", its plugins) on every start, and
        # slack_sdk's about each retry, are noise; BALLBACK_LOG_LEVEL=DEBUG shows them.
        for name in ("alembic", "slack_sdk"):
            logging.getLogger(name).setLevel(logging.WARNING)
    if args.command == "report":
        return asyncio.run(
            _report(
                settings,
                args.channel,
                args.first,
                args.last,
                args.format,
                args.lang,
                args.picture,
            )
        )
    if args.command == "cohort":
        return asyncio.run(_cohort(settings, args.channel, args.user, args.file, args.words))
    if args.command == "calendar":
        return asyncio.run(
            _calendar(settings, args.channel, args.first, args.days, args.lang, args.json)
        )
    if args.command == "today":
        return asyncio.run(_today(settings, args.channel, args.date, args.lang))
    if args.command == "db":
        return asyncio.run(_db_upgrade(settings))
    if args.command == "status":
        return asyncio.run(_status(settings, args.channel))
    if args.command == "member":
        if args.member_command == "export":
            return asyncio.run(_member_export(settings, ref, args.out))
        return asyncio.run(_member_forget(settings, ref, args.yes, sys.stdin, sys.stdout))
    if args.command == "run":
        return asyncio.run(_run(settings))
    return asyncio.run(_console(settings, sys.stdin, sys.stdout, with_ticker=False))
