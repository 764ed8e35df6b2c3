"""The long-running commands: ``ballback run`` (start every configured platform with the
scheduler; the console when none is configured) and ``ballback console``."""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from bot.cli.app import EXIT_USAGE, StartupError, build_app

if TYPE_CHECKING:
    from bot.platform import Platform
    from bot.settings import Settings


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
