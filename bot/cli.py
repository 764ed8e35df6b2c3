"""The composition root and the ``ballback`` command line.

``main`` parses the command line (``bot.commandline.args``) and runs the command. This is the
one module of ``bot/`` that may import the store and the adapters: ``build_app`` puts settings,
content, the store and the core together; ``ballback run`` and ``console`` start the platforms
(``PLATFORMS``); ``slack manifest``, ``discord invite-url`` and ``db upgrade`` are here for the
same reason. The other commands live in ``bot.commandline.commands`` and get the app and the
console's card renderer through ``WIRING``.

Heavy imports (SQLAlchemy, the platform SDKs) happen inside the functions that need them, so
``ballback --help`` starts instantly. ``python -m bot.cli`` runs ``main``.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from bot.commandline.app import (
    EXIT_USAGE,
    App,
    StartupError,
    Wiring,
    load_content,
    load_settings,
)
from bot.commandline.args import _parser, version
from bot.commandline.commands import (
    _calendar,
    _cohort,
    _content_check,
    _content_stats,
    _member_export,
    _member_forget,
    _report,
    _status,
    _today,
    member_ref,
)
from bot.commandline.install import MAX_SNOWFLAKE_DIGITS, is_snowflake, public_url_problem

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.messages import Card
    from bot.platform import Platform
    from bot.settings import Settings

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
    if args.command == "observe":
        return _observe(args)
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
                WIRING,
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
        return asyncio.run(
            _cohort(WIRING, settings, args.channel, args.user, args.file, args.words)
        )
    if args.command == "calendar":
        return asyncio.run(
            _calendar(WIRING, settings, args.channel, args.first, args.days, args.lang, args.json)
        )
    if args.command == "today":
        return asyncio.run(_today(WIRING, settings, args.channel, args.date, args.lang))
    if args.command == "db":
        return asyncio.run(_db_upgrade(settings))
    if args.command == "status":
        return asyncio.run(_status(WIRING, settings, args.channel))
    if args.command == "member":
        if args.member_command == "export":
            return asyncio.run(_member_export(WIRING, settings, ref, args.out))
        return asyncio.run(_member_forget(WIRING, settings, ref, args.yes, sys.stdin, sys.stdout))
    if args.command == "run":
        return asyncio.run(_run(settings))
    return asyncio.run(_console(settings, sys.stdin, sys.stdout, with_ticker=False))


def _observe(args: argparse.Namespace) -> int:
    """``ballback observe``: no settings, store or adapter (``bot.commandline.observe``)."""
    from bot.commandline.observe import observe_file, observe_jsonl

    if args.jsonl:
        if args.file is not None:
            raise StartupError("observe --jsonl reads standard input: give no FILE")
        return observe_jsonl(sys.stdin.buffer, sys.stdout)
    if args.file is None:
        raise StartupError("observe needs a FILE (or - for standard input), or --jsonl")
    return observe_file(args.file, args.lang, args.helper, args.skill)


async def build_app(settings: Settings, *, clock: Clock | None = None) -> App:
    """Build the store (migrated), catalog and core from settings."""
    from bot.clock import SystemClock
    from bot.ports import StoreError
    from bot.practice import ChannelDefaults, Practice
    from storage import open_store

    catalog = load_content(settings)
    try:
        store = await open_store(settings.resolved_database_url())
    except StoreError as exc:
        raise StartupError(str(exc)) from None
    clock = clock or SystemClock()
    defaults = ChannelDefaults(
        timezone=settings.resolved_timezone(),
        language=settings.language,
        nudge_time=settings.nudge_time,
    )
    practice = Practice(store, catalog, clock, defaults)
    return App(settings, store, catalog, clock, practice)


def _render_card(card: Card) -> str:
    from adapters.console.render import render_card

    return render_card(card)


#: What the commands of ``bot.commandline`` get from the composition root.
WIRING = Wiring(build_app=build_app, render_card=_render_card)


async def _console(settings: Settings, stdin: TextIO, stdout: TextIO, *, with_ticker: bool) -> int:
    from adapters.console.repl import ConsoleChat, ConsoleRepl, LineReader
    from bot.clock import OffsetClock

    # Bytes that are not UTF-8 on stdin (or text the terminal cannot show) become a
    # replacement character, not a UnicodeDecodeError that ends the console.
    for stream in (stdin, stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    clock = OffsetClock()
    app = await build_app(settings, clock=clock)
    try:
        app.chats["console"] = ConsoleChat(stdout)
        scheduler = app.scheduler()
        interactive = stdin.isatty() and stdout.isatty()
        repl = ConsoleRepl(
            app.practice,
            scheduler,
            clock,
            reader=LineReader(stdin, interactive=interactive),
            out=stdout,
            user=_local_user(),
        )
        stop = asyncio.Event()
        ticker = asyncio.create_task(scheduler.run(stop)) if with_ticker else None
        try:
            return await repl.run()
        finally:
            stop.set()
            if ticker is not None:
                await ticker
    finally:
        await app.close()


def _local_user() -> str:
    import getpass

    try:
        return getpass.getuser() or "me"
    except Exception:  # no user name in this environment
        return "me"


# The platforms `ballback run` can start: modules whose PLATFORM is a bot.platform.Platform. A
# new platform is a folder under adapters/ with such a module, and one line here.
PLATFORMS = (
    "adapters.slack.platform",
    "adapters.discord.platform",
)


def load_platforms() -> list[Platform]:
    import importlib

    return [importlib.import_module(name).PLATFORM for name in PLATFORMS]


def _say(line: str) -> None:
    """A line of ``ballback run``'s report, on stderr (stdout is the console's)."""
    print(f"ballback: {line}", file=sys.stderr, flush=True)


async def _run(settings: Settings, platforms: Sequence[Platform] | None = None) -> int:
    checked = [(p, p.check(settings)) for p in (platforms or load_platforms())]
    ready = [p for p, readiness in checked if readiness.ready]
    for platform, readiness in checked:
        if readiness.configured and not readiness.ready:
            _say(readiness.line(platform.name))
    unconfigured = [(p, r) for p, r in checked if not r.configured]
    if not ready:
        if len(unconfigured) < len(checked):
            return EXIT_USAGE  # partly configured: not the console a server cannot use
        for platform, readiness in checked:
            _say(readiness.line(platform.name))
        _say("no platform configured: starting the console")
        return await _console(settings, sys.stdin, sys.stdout, with_ticker=True)
    import signal

    from bot.delivery import Courier
    from bot.platform import AdapterError, Core
    from bot.rounds import Rounds
    from bot.scheduler import Scheduler

    # Installed first, so a stop asked for while the adapters connect still ends cleanly.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    app = await build_app(settings)
    running = []
    try:
        rounds = Rounds(app.practice)
        courier = Courier(app.store, app.chats, app.clock)
        core = Core(app.practice, rounds, courier, app.chats)
        for platform in ready:
            try:
                started = await platform.start(settings, core)
            except AdapterError as exc:
                raise StartupError(f"{platform.name}: {exc}") from None
            running.append(started)
            _say(f"{platform.name}: started ({started.summary})")
        for platform, readiness in unconfigured:
            _say(readiness.line(platform.name))
        scheduler = Scheduler(
            app.store,
            app.practice,
            app.chats,
            app.clock,
            rounds,
            courier=courier,
            tick_seconds=settings.tick_seconds,
        )
        await scheduler.run(stop)
    finally:
        for adapter in reversed(running):
            await adapter.stop()
        await app.close()
    return 0


def _discord_invite_url(app_id: str | None) -> int:
    from adapters.discord.runner import invite_url

    if app_id is None:
        # A bot token's first part is the bot's user id (= the application id), base64-coded.
        import base64

        settings = load_settings()
        if settings.discord_token is None:
            raise StartupError("give --app-id, or set DISCORD_TOKEN to derive it")
        first = settings.discord_token.get_secret_value().split(".")[0]
        try:
            app_id = base64.b64decode(first + "=" * (-len(first) % 4)).decode()
        except ValueError:
            raise StartupError("DISCORD_TOKEN does not look like a bot token") from None
        if not is_snowflake(app_id):
            raise StartupError("DISCORD_TOKEN does not look like a bot token")
    elif not is_snowflake(app_id):
        raise StartupError(
            f"--app-id: not an application id: {app_id[:40]!r} (a Discord id is "
            f"1-{MAX_SNOWFLAKE_DIGITS} digits 0-9)"
        )
    print(invite_url(app_id))
    return 0


def _slack_manifest(base_url: str | None, socket_mode: bool) -> int:
    import json

    from adapters.slack.runner import manifest

    if (base_url is None) != socket_mode:
        print("ballback: give the public URL (HTTP mode) or --socket-mode", file=sys.stderr)
        return 2
    if base_url is not None and (problem := public_url_problem(base_url)) is not None:
        print(f"ballback: {problem}", file=sys.stderr)
        return 2
    print(json.dumps(manifest(base_url), indent=2))
    return 0


async def _db_upgrade(settings: Settings) -> int:
    from bot.ports import StoreError
    from storage import open_store

    url = settings.resolved_database_url()
    try:
        store = await open_store(url)
    except StoreError as exc:
        raise StartupError(str(exc)) from None
    await store.close()
    print("The database is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
