"""The ``ballback`` command line: its parser, subcommands, options and their argument types."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path


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
    calendar = sub.add_parser(
        "calendar", help="the coming practice days of a channel, as they will be posted"
    )
    calendar.add_argument(
        "--channel",
        default="practice",
        help="a console channel id, or platform:workspace:channel (as `ballback status` lists)",
    )
    calendar.add_argument("--from", dest="first", type=_date_arg, help="first day, YYYY-MM-DD")
    calendar.add_argument("--days", type=_days_arg, default=14, help="how many days (1-366)")
    calendar.add_argument("--lang", type=_lang_arg, help="nl or en")
    calendar.add_argument("--json", action="store_true", help="one JSON object per line")
    cohort = sub.add_parser(
        "cohort",
        help="a channel's training group: show it, start it, set its curriculum (or load a file)",
    )
    cohort.add_argument(
        "--channel",
        default="practice",
        help="a console channel id, or platform:workspace:channel (as `ballback status` lists)",
    )
    cohort.add_argument(
        "--user",
        default="operator",
        help="the member acting (a channel admin or trainer; default: operator)",
    )
    cohort.add_argument(
        "--file", type=Path, help="a curriculum in YAML or CSV, applied from its first lesson on"
    )
    cohort.add_argument(
        "words",
        nargs="*",
        help="as in chat: start YYYY-MM-DD | weekly [from DATE] SKILL … | daily … | set DATE"
        " SKILL [SCENARIO] | clear [from DATE] | end (nothing: show it)",
    )
    report = sub.add_parser(
        "report", help="a channel's trainer report: per member and per skill (counts only)"
    )
    report.add_argument(
        "--channel",
        default="practice",
        help="a console channel id, or platform:workspace:channel (as `ballback status` lists)",
    )
    report.add_argument(
        "--from", dest="first", type=_date_arg, help="first day (default: 4 weeks back)"
    )
    report.add_argument("--to", dest="last", type=_date_arg, help="last day (default: today)")
    report.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="text, csv or json"
    )
    report.add_argument("--lang", type=_lang_arg, help="nl or en (text)")
    report.add_argument(
        "--picture", type=Path, help="also write the cohort picture (members × weeks) as PNG"
    )
    content = sub.add_parser("content", help="content pack tools")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_sub.add_parser("check", help="validate the shipped content or a pack")
    check.add_argument("directory", nargs="?", type=Path, help="a custom pack directory")
    stats = content_sub.add_parser(
        "stats", help="scenarios per skill and profession, gaps, and a 36-day simulation"
    )
    stats.add_argument("directory", nargs="?", type=Path, help="a custom pack directory")
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
    _member_parser(sub)
    _observe_parser(sub)
    db = sub.add_parser("db", help="database tools")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply the database migrations")
    return parser


MEMBER_HELP = """\
A member is named by three ids, as the platform knows them: --platform (slack, discord or
console), --workspace (the Slack team id, the Discord server id, or "" for a Discord direct
message; "local" in the console) and --user (the platform's user id; in the console the name
in lower case with dashes, e.g. anna-de-vries).

  export  writes everything ballback keeps about the member (what `/practice export` gives
          them) to a JSON file readable by its owner alone (mode 0600), and prints its path.
  forget  deletes the member and everything of theirs, as `/practice forget confirm` does.
          Asks once on a terminal; without one, only with --yes.

An unknown member or a malformed id is refused with one line and exit status 2; nothing is
written or deleted then."""


def _member_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    member = sub.add_parser(
        "member",
        help="a member's data: export it to a file, or delete it (for data requests)",
        description=MEMBER_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    member_sub = member.add_subparsers(dest="member_command", metavar="ACTION", required=True)
    export = member_sub.add_parser(
        "export",
        help="write everything ballback keeps about a member to a JSON file (mode 0600)",
        description="Write what `/practice export` gives the member to a JSON file that only "
        "its owner can read (mode 0600), and print its path.",
    )
    _member_ids(export)
    export.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="the file to write (default: ballback-PLATFORM-USER.json in the data directory, "
        "where the console's /export writes)",
    )
    forget = member_sub.add_parser(
        "forget",
        help="delete a member and everything of theirs (as `/practice forget confirm`)",
        description="Delete the member and everything of theirs, as `/practice forget confirm` "
        "does: settings, streak, pauses, reflections, seats in practice rounds, the feedback "
        "they gave, grants and levels. The other members' history stays.",
    )
    _member_ids(forget)
    forget.add_argument(
        "--yes", action="store_true", help="do not ask (needed when not run on a terminal)"
    )


OBSERVE_HELP = """\
Label the helper's turns of a written role-play with the moves they make (advice, open and
closed questions, snapshots, …) and print the tally card with one line of feed-forward.

FILE holds lines "Name: text" (a line without a name continues the turn before it) or, without
names, alternating paragraphs or lines. The helper is --helper, else the first speaker.

With --jsonl, reads JSON lines {"id", "lang", "text", "context"} from standard input and writes
one line {"id", "labels"} per input line, or {"id", "error"} for a line it cannot label; exit
status 1 when any error line was written, else 0."""


def _observe_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from bot.observer.skills import SKILLS

    observe = sub.add_parser(
        "observe",
        help="the automatic observer: label a written role-play and print its tally",
        description=OBSERVE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    observe.add_argument("file", nargs="?", metavar="FILE", help="the role-play (- for stdin)")
    observe.add_argument(
        "--lang", choices=("nl", "en"), default="en", help="the role-play's language (en)"
    )
    observe.add_argument("--helper", metavar="NAME", help="the helper (default: first speaker)")
    observe.add_argument("--skill", choices=SKILLS, help="the day's skill, for the feed-forward")
    observe.add_argument(
        "--jsonl", action="store_true", help="label JSON lines from stdin instead of a FILE"
    )


def _member_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--platform", required=True, help="slack, discord or console")
    parser.add_argument(
        "--workspace", required=True, help='the Slack team or Discord server id ("" for none)'
    )
    parser.add_argument("--user", required=True, help="the platform's user id")


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _days_arg(value: str) -> int:
    from bot.parsing import number_in

    days = number_in(value, 1, 366)
    if days is None:
        raise argparse.ArgumentTypeError(f"not a number of days from 1 to 366: {value!r}")
    return days


def _lang_arg(value: str) -> str:
    from content.languages import LANGUAGES

    if value not in LANGUAGES:
        known = " or ".join(LANGUAGES)
        raise argparse.ArgumentTypeError(f"unknown language {value!r} (use {known})")
    return value
