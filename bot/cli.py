"""The composition root and the ``ballback`` command line.

``build_app`` is the one place where settings, the store, the content catalog, the core and the
adapters are put together. Heavy imports (SQLAlchemy, the platform SDKs) happen inside the
functions that need them, so ``ballback --help`` starts instantly.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.model import Place
    from bot.platform import Platform
    from bot.ports import Chat, Store
    from bot.practice import Practice
    from bot.scheduler import Scheduler
    from bot.settings import Settings
    from content import Catalog

EXIT_USAGE = 2


class StartupError(Exception):
    """ballback cannot start; the message says why and what to change."""


@dataclass
class App:
    """Everything ``build_app`` put together; ``close()`` releases it."""

    settings: Settings
    store: Store
    catalog: Catalog
    clock: Clock
    practice: Practice
    chats: dict[str, Chat] = field(default_factory=dict)

    def scheduler(self) -> Scheduler:
        """A scheduler (with its courier) over the chats registered so far and later."""
        from bot.scheduler import Scheduler

        return Scheduler(
            self.store,
            self.practice,
            self.chats,
            self.clock,
            tick_seconds=self.settings.tick_seconds,
        )

    async def close(self) -> None:
        await self.store.close()


def load_settings() -> Settings:
    """The settings from the environment, or a StartupError naming the bad variable."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{_env_name(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise StartupError(f"bad setting: {problems}") from None


def _env_name(loc: tuple[int | str, ...]) -> str:
    """The environment variable of a settings error: ``BALLBACK_<field>``, or the alias itself
    (``SLACK_BOT_TOKEN``)."""
    name = str(loc[0]) if loc else "?"
    return name if name.isupper() else f"BALLBACK_{name.upper()}"


def load_content(settings: Settings) -> Catalog:
    """The shipped catalog plus the deployment's pack, or a StartupError listing every problem."""
    from content import ContentError, load_catalog

    try:
        return load_catalog(settings.content_dir)
    except ContentError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        raise StartupError(f"the content pack has problems:\n{lines}") from None


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


# ---------------------------------------------------------------------- commands


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


MAX_SNOWFLAKE_DIGITS = 20  # a snowflake is an unsigned 64-bit integer


def is_snowflake(value: str) -> bool:
    """Whether ``value`` is a Discord id: ASCII digits only (not ``"٣"``), at most 64 bits."""
    return (
        0 < len(value) <= MAX_SNOWFLAKE_DIGITS
        and value.isascii()
        and value.isdigit()
        and int(value) < 2**64
    )


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


def public_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the base of Slack's request URLs, or None: it must be an http(s)
    URL with a host, and no user info, query or fragment (``/slack/events`` is appended)."""
    from bot.settings import url_problem

    problem = url_problem(url)
    if problem is None and ("?" in url or "#" in url):
        problem = "give the base URL without ?query or #fragment"
    if problem is not None and "user:password" not in problem:
        problem += f": {url[:100]!r}"
    return problem


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


async def _today(settings: Settings, channel: str, day: date | None, lang: str | None) -> int:
    from adapters.console.render import render_card
    from bot.cards import nudge_card
    from bot.model import Place

    app = await build_app(settings)
    try:
        place = Place("console", "local", channel)
        # A preview: what that day's nudge will say, with nothing written (no channel row,
        # no pick, no step of the channel's bag of skills).
        pick, stored = await app.practice.daily.preview_pick(place, day)
        language = lang or stored.language
        print(f"{pick.local_date.isoformat()}  #{channel}")
        print(render_card(nudge_card(app.practice.catalog, pick, language)))
    finally:
        await app.close()
    return 0


async def _status(settings: Settings, wanted: str | None) -> int:
    from bot.usecases.status import channel_status, status_lines

    app = await build_app(settings)
    try:
        now = app.clock.now()
        async with app.store.read() as tx:
            channels = list(await tx.channels.list())
            if wanted is not None:
                channels = [c for c in channels if _names(c.place, wanted)]
                if not channels:
                    raise StartupError(
                        f"no channel {wanted!r} here; give a channel id as `ballback status` "
                        "lists them (or platform:workspace:channel)"
                    )
            statuses = [await channel_status(tx, c, now) for c in channels]
    finally:
        await app.close()
    print(f"{len(statuses)} channel(s), {now:%Y-%m-%d %H:%M} UTC")
    for status in statuses:
        print()
        print("\n".join(status_lines(status)))
    return 0


def _names(place: Place, wanted: str) -> bool:
    """Whether ``wanted`` names the channel: its id, or ``platform:workspace:channel``."""
    return wanted in (place.channel, f"{place.platform}:{place.workspace}:{place.channel}")


def _content_check(directory: Path | None) -> int:
    from content import check_pack, load_catalog

    problems = check_pack(directory)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return EXIT_USAGE
    catalog = load_catalog(directory)
    print(
        f"Content OK: {len(catalog.skills)} skills, {len(catalog.habits)} habits, "
        f"{len(catalog.scenarios)} scenarios, {len(catalog.forms)} feedback forms, "
        f"{len(catalog.reflection_sets)} reflection sets."
    )
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


def version() -> str:
    """The installed package's version (``pyproject.toml``), or "unknown" when not installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("ballback")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _VersionAction(argparse.Action):
    """``--version``, with the metadata read only when asked (``--help`` stays instant)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"ballback {version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ballback",
        description="Practise conversation skills a few minutes a day: give the ball back.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print ballback's version and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("console", help="practise in this terminal (the default of `make run`)")
    sub.add_parser("run", help="start every configured adapter with the scheduler")
    today = sub.add_parser("today", help="print today's skill and scenario for a channel")
    today.add_argument("--channel", default="practice", help="console channel id")
    today.add_argument("--date", type=_date_arg, help="a local date, YYYY-MM-DD")
    today.add_argument("--lang", type=_lang_arg, help="nl or en")
    content = sub.add_parser("content", help="content pack tools")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_sub.add_parser("check", help="validate the shipped content or a pack")
    check.add_argument("directory", nargs="?", type=Path, help="a custom pack directory")
    slack = sub.add_parser("slack", help="Slack tools")
    slack_sub = slack.add_subparsers(dest="slack_command", metavar="ACTION", required=True)
    manifest = slack_sub.add_parser("manifest", help="print the Slack app manifest")
    manifest.add_argument(
        "url",
        nargs="?",
        help="the public base URL ballback is reached at, e.g. https://ballback.example.org",
    )
    manifest.add_argument(
        "--socket-mode", action="store_true", help="for Socket Mode: no public URL needed"
    )
    discord = sub.add_parser("discord", help="Discord tools")
    discord_sub = discord.add_subparsers(dest="discord_command", metavar="ACTION", required=True)
    invite = discord_sub.add_parser("invite-url", help="print the bot's OAuth2 install URL")
    invite.add_argument("--app-id", help="the application id (default: from DISCORD_TOKEN)")
    status = sub.add_parser(
        "status", help="per channel: what is due next, what went out, what waits, what was missed"
    )
    status.add_argument("--channel", help="only this channel (its id, or platform:workspace:id)")
    db = sub.add_parser("db", help="database tools")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply the database migrations")
    return parser


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _lang_arg(value: str) -> str:
    from content.languages import LANGUAGES

    if value not in LANGUAGES:
        known = " or ".join(LANGUAGES)
        raise argparse.ArgumentTypeError(f"unknown language {value!r} (use {known})")
    return value


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
        return _content_check(args.directory)
    if args.command == "slack":
        return _slack_manifest(args.url, args.socket_mode)
    if args.command == "discord":
        return _discord_invite_url(args.app_id)
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
    if args.command == "today":
        return asyncio.run(_today(settings, args.channel, args.date, args.lang))
    if args.command == "db":
        return asyncio.run(_db_upgrade(settings))
    if args.command == "status":
        return asyncio.run(_status(settings, args.channel))
    if args.command == "run":
        return asyncio.run(_run(settings))
    return asyncio.run(_console(settings, sys.stdin, sys.stdout, with_ticker=False))


if __name__ == "__main__":
    sys.exit(main())
