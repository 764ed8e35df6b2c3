"""Access decided in one place, seen through every adapter (issue 12, item 4): every role ×
every guarded use case, done the way a user of each platform does it, allowed or refused
exactly as ``bot.access.MATRIX`` says.

tests/core/test_access_matrix.py runs the matrix through ``bot.commands.Commands``; here the
same attempts go through each adapter's real entry point, and the outcome is read from what
the user is shown:

- **Slack**: the slack-bolt app fed signed ``/practice <verb> <rest>`` requests, answered on
  the loopback fake Slack's response URL. A workspace admin (or owner) is whoever ``users.info``
  says ``is_admin`` (``is_owner``); a channel admin is granted in the store. No Slack request
  makes an operator.
- **Discord**: the discord.py client logged in to the loopback fake Discord, sent
  ``INTERACTION_CREATE`` for ``/practice <subcommand>`` with its options. A workspace admin is
  a member whose permissions in the payload hold Administrator (so every permission) or Manage
  Server. No interaction makes an operator.
- **Console**: the REPL reading ``/<verb> <rest>`` after ``/as NAME``. The person at the
  keyboard owns the machine: everyone is a workspace admin (and so a channel admin), also a
  trainer when named one. A plain member, a trainer or channel admin only, and the operator
  are not reachable there, and the test checks that rather than faking them.
- **Operator**: the ``ballback`` CLI (``cohort``, ``report``, ``calendar``, ``status``,
  ``member export``), in process. It has no command to change a channel's settings or
  off-days or to grant setup, and the matrix does not allow those to the operator.

Each (role, action) gets a fresh channel, set up as in the core test: a member granted as its
channel admin, a training group with its trainer, another channel with another group's. The
core's ``roles_of`` is watched (not changed) to check each persona held the roles meant.
"""

from __future__ import annotations

import asyncio
import io
import os
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.console.repl import ConsoleChat, ConsoleRepl, LineReader, member_id
from adapters.slack.http import events_app
from adapters.slack.runner import EVENTS_PATH, build_adapter
from bot.access import MATRIX, Action, Role
from bot.cli import main
from bot.clock import ManualClock, OffsetClock
from bot.delivery import Courier
from bot.model import Cohort, Member, MemberRef, Place, Reflection
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from content import load_catalog
from tests.discord.conftest import make_world
from tests.fakes.fake_discord import ADMINISTRATOR, FakeDiscord, logged_in_client
from tests.fakes.fake_slack import FakeSlack
from tests.fakes.servers import serve
from tests.fakes.slack_driver import SlackDriver

# Monday 4 January 2027, 07:00 UTC: before the channels' 09:00 nudge (nothing falls due while
# the console ticks), a week before the training groups start.
NOW = datetime(2027, 1, 4, 7, tzinfo=UTC)
START = date(2027, 1, 11)
CATALOG = load_catalog()
SECRET = "test-signing-secret"

MEMBER = frozenset({Role.MEMBER})
TRAINER = MEMBER | {Role.TRAINER}
CHANNEL_ADMIN = MEMBER | {Role.CHANNEL_ADMIN}
WORKSPACE_ADMIN = CHANNEL_ADMIN | {Role.WORKSPACE_ADMIN}
OPERATOR = MEMBER | {Role.OPERATOR}

#: What each action's attempt types after ``/practice`` (``{grant}`` names a member the
#: platform's way); every command of an attempt must come out the same.
ATTEMPTS: dict[Action, tuple[tuple[str, str], ...]] = {
    Action.SEE_COHORT: (("cohort", ""),),
    Action.START_COHORT: (("cohort", "end"),),
    Action.CHANGE_CURRICULUM: (("cohort", f"weekly from {START} handen"),),
    Action.SEE_REPORT: (("report", ""),),
    Action.SEE_TRAINER_REPORT: (("report", ""),),
    Action.READ_SHARED: (("report", ""),),
    Action.SEE_CALENDAR: (("calendar", ""),),
    Action.SEE_STATUS: (("status", ""),),
    Action.CHANGE_CHANNEL: (("settings", "channel time 08:30"), ("setup", "time 08:15")),
    Action.CHANGE_OFFDAYS: (("offdays", "add 2027-02-01"),),
    Action.GRANT_SETUP: (("setup", "grant {grant}"),),
}

#: What the user is shown when the action was done (the use case's own title).
DONE: dict[Action, str] = {
    Action.SEE_COHORT: "Training group since",
    Action.START_COHORT: "Training group updated",
    Action.CHANGE_CURRICULUM: "Training group updated",
    Action.SEE_REPORT: "This channel, ",
    Action.SEE_TRAINER_REPORT: "Members, ",
    Action.READ_SHARED: "Shared with the trainers, ",
    Action.SEE_CALENDAR: "The next 14 days",
    Action.SEE_STATUS: "Schedule of this channel",
    Action.CHANGE_CHANNEL: "Settings saved",
    Action.CHANGE_OFFDAYS: "Off-days added",
    Action.GRANT_SETUP: "may now set up this channel",
}

#: The refusals the matrix's use cases answer with.
REFUSALS = (
    "error.not_admin",
    "error.not_admin_see",
    "error.not_trainer_or_admin",
    "error.not_workspace_admin",
    "error.cohort_trainers_only",
    "error.cohort_trainers_admins",
)


@dataclass(frozen=True)
class Persona:
    """Someone acting on a platform: their user id there and the roles they should hold."""

    user: str
    roles: frozenset[Role]


#: (persona, action) → allowed.
Outcomes = dict[tuple[str, Action], bool]
#: Per persona: every set of roles the core worked out for them.
Held = dict[str, set[frozenset[Role]]]


def expected(personas: dict[str, Persona], actions: Iterable[Action]) -> Outcomes:
    """The matrix's answer for every persona and action."""
    return {(w, a): bool(p.roles & MATRIX[a]) for w, p in personas.items() for a in actions}


def judge(action: Action, shown: list[str], refusals: list[str]) -> bool:
    """Allowed or refused, from what the user was shown for each command of an attempt; an
    answer that is neither (or attempts that disagree) fails the test."""
    outcomes = set()
    for text in shown:
        done = DONE[action] in text
        refused = any(refusal in text for refusal in refusals)
        if action is Action.READ_SHARED:
            # Refused is the report without what was shared, or no report at all.
            refused = not done and (refused or DONE[Action.SEE_REPORT] in text)
        assert done != refused, f"{action}: neither clearly done nor refused:\n{text}"
        outcomes.add(done)
    assert len(outcomes) == 1, f"{action}: its commands disagree: {shown}"
    return outcomes.pop()


def strings(value: Any) -> list[str]:
    """Every string inside a JSON-like payload (what a client could show of it)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for inner in value.values() for s in strings(inner)]
    if isinstance(value, list | tuple):
        return [s for inner in value for s in strings(inner)]
    return []


Say = Callable[[str, Place, str, str], Awaitable[str]]


@dataclass
class Platform:
    """One adapter's world: its core, its people, and how a user acts there."""

    practice: Practice
    place: Callable[[int], Awaitable[tuple[Place, Place]]]  # a fresh channel and another one
    say: Say  # (user, place, verb, rest) → everything the user was shown
    grant: str  # how the member to allow is written there
    trainer: str
    other_trainer: str
    channel_admin: str
    sharer: str
    #: The user id the platform gives who acts as ``user`` (the console: from the typed name).
    id_of: Callable[[str], str] = str

    def ref(self, place: Place, user: str) -> MemberRef:
        return MemberRef(place.platform, place.workspace, self.id_of(user))


def spy_on_roles(practice: Practice) -> dict[tuple[str, str], set[frozenset[Role]]]:
    """Record the roles the core works out per (user, channel): the adapter's actor is what
    it is (admin or not), this only watches."""
    seen: dict[tuple[str, str], set[frozenset[Role]]] = defaultdict(set)
    roles_of = practice.context.roles_of

    async def watched(tx: Any, actor: Any, place: Place) -> frozenset[Role]:
        roles = await roles_of(tx, actor, place)
        seen[(actor.user, place.channel)].add(roles)
        return roles

    practice.context.roles_of = watched  # type: ignore[method-assign]
    return seen


async def run_matrix(platform: Platform, personas: dict[str, Persona]) -> tuple[Outcomes, Held]:
    """Every persona × every action, each in a fresh channel: what each was allowed, and the
    roles the core worked out for each persona from the adapter's actor."""
    practice, store = platform.practice, platform.practice.store
    seen = spy_on_roles(practice)
    refusals = [practice.context.text(key, "en") for key in REFUSALS]
    now = practice.clock.now()
    outcomes: Outcomes = {}
    channels: dict[str, list[str]] = defaultdict(list)
    for n, (who, action) in enumerate((w, a) for w in personas for a in Action):
        place, other = await platform.place(n)
        ref = platform.ref
        async with store.transaction() as tx:
            if n == 0:
                for user in {platform.sharer, *(p.user for p in personas.values())}:
                    if await tx.members.get(ref(place, user)) is None:
                        await tx.members.add(Member(ref(place, user), user))
            for here in (place, other):
                await practice.context.channel_in(tx, here)
            await tx.admins.set(place, ref(place, platform.channel_admin), True, now)
            await tx.cohorts.save(Cohort(place, START, (ref(place, platform.trainer),)))
            await tx.cohorts.save(Cohort(other, START, (ref(place, platform.other_trainer),)))
            if action is Action.READ_SHARED:
                # A member shares a reflection with the trainers; who reads it in the report?
                sharer = ref(place, platform.sharer)
                reflection = Reflection(
                    sharer, place, now.date(), now, {"R1": "for my trainer"}, "handen"
                )
                key = f"r{await tx.reflections.add(reflection)}"
                assert await tx.shares.set(key, sharer, True)
        user = personas[who].user
        shown = [
            await platform.say(user, place, verb, rest.format(grant=platform.grant))
            for verb, rest in ATTEMPTS[action]
        ]
        outcomes[(who, action)] = judge(action, shown, refusals)
        channels[who].append(place.channel)
    held: Held = {}
    for who, persona in personas.items():
        user = platform.id_of(persona.user)
        held[who] = set().union(*(seen[(user, c)] for c in channels[who]))
    return outcomes, held


def check(outcomes: Outcomes, held: Held, personas: dict[str, Persona]) -> None:
    """Allowed exactly as the matrix says, each persona holding the roles it was meant to."""
    assert outcomes == expected(personas, Action)
    assert held == {who: {persona.roles} for who, persona in personas.items()}


# -- Slack -------------------------------------------------------------------------------------

SLACK_TEAM = "T1"
SLACK = {
    "member": Persona("UMEM", MEMBER),
    "trainer": Persona("UTRUDY", TRAINER),
    "other group's trainer": Persona("UOTTO", MEMBER),
    "channel admin": Persona("UCHAD", CHANNEL_ADMIN),
    "workspace admin": Persona("UWANDA", WORKSPACE_ADMIN),
    "workspace owner": Persona("UOWEN", WORKSPACE_ADMIN),
}


@asynccontextmanager
async def slack_platform(store: Any) -> AsyncIterator[Platform]:
    """The Slack app served on loopback against the fake Slack, and how a user acts there."""
    fake = FakeSlack()
    await fake.start()
    for user in ("UMEM", "UTRUDY", "UOTTO", "UCHAD", "USARA", "UNEWBIE"):
        fake.add_user(user, user[1:].lower(), real_name=user[1:].title())
    fake.add_user("UWANDA", "wanda", real_name="Wanda", is_admin=True)
    fake.add_user("UOWEN", "owen", real_name="Owen", is_owner=True)
    clock = ManualClock(NOW)
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="UTC"))
    rounds = Rounds(practice)
    chats: dict[str, Chat] = {}
    adapter = build_adapter(
        practice,
        rounds,
        Courier(store, chats, clock),
        token="xoxb-test",
        signing_secret=SECRET,
        api_url=fake.base_url,
        pace_seconds=0,
        posts_per_minute=None,
        process_before_response=True,  # the HTTP answer comes after the work: no waiting
    )
    chats["slack"] = adapter.chat
    url, stop = await serve(events_app(adapter, EVENTS_PATH))
    driver = SlackDriver(url + EVENTS_PATH, SECRET, team_id=SLACK_TEAM, fake=fake)

    async def place(n: int) -> tuple[Place, Place]:
        course, other = f"C{n:04d}COURSE", f"C{n:04d}OTHER"
        return Place("slack", SLACK_TEAM, course), Place("slack", SLACK_TEAM, other)

    async def say(user: str, place: Place, verb: str, rest: str) -> str:
        response = await driver.command(user, place.channel, f"{verb} {rest}".strip())
        assert response.status == 200, response.text
        [answer] = fake.calls_to(response.response_url_method or "")
        assert answer.args["response_type"] == "ephemeral"
        return "\n".join(strings(answer.args))

    try:
        yield Platform(
            practice, place, say, "<@UNEWBIE|newbie>", "UTRUDY", "UOTTO", "UCHAD", "USARA"
        )
        assert fake.unknown == []
    finally:
        await driver.close()
        await stop()
        await fake.stop()


async def test_slack(store: Any) -> None:
    async with slack_platform(store) as slack:
        outcomes, held = await run_matrix(slack, SLACK)
    check(outcomes, held, SLACK)


# -- Discord -----------------------------------------------------------------------------------

#: Each subcommand's one text option (from bot.registry), which carries ``rest``.
DISCORD_OPTION = {
    "cohort": "text",
    "report": "weeks",
    "calendar": "days",
    "settings": "text",
    "setup": "text",
    "offdays": "text",
}
DISCORD_USERS = {
    "member": "4000000000000000031",
    "trainer": "4000000000000000032",
    "other group's trainer": "4000000000000000033",
    "channel admin": "4000000000000000034",
    "workspace admin": "4000000000000000035",
}
SARA_ON_DISCORD = "4000000000000000036"
NEWBIE_ON_DISCORD = "4000000000000000037"


def discord_personas(fake: FakeDiscord) -> dict[str, Persona]:
    roles = {
        "member": MEMBER,
        "trainer": TRAINER,
        "other group's trainer": MEMBER,
        "channel admin": CHANNEL_ADMIN,
        "workspace admin": WORKSPACE_ADMIN,
    }
    personas = {who: Persona(DISCORD_USERS[who], roles[who]) for who in roles}
    # The fake's seeded moderator: Manage Server and Manage Channels, no Administrator.
    personas["server manager"] = Persona(fake.moderator_id, WORKSPACE_ADMIN)
    return personas


async def test_discord(store: Any) -> None:
    fake = FakeDiscord()
    admin_role = fake.add_role("Admin", ADMINISTRATOR)
    for who, user in DISCORD_USERS.items():
        roles = [admin_role] if who == "workspace admin" else []
        fake.add_member(user, who.replace(" ", "-").replace("'", ""), roles=roles)
    fake.add_member(SARA_ON_DISCORD, "sara")
    personas = discord_personas(fake)
    async with fake:
        world = make_world(store, fake)
        world.clock.set(NOW)
        guild = fake.guild_id

        async def place(n: int) -> tuple[Place, Place]:
            course = fake.add_text_channel(f"course-{n}")["id"]
            other = fake.add_text_channel(f"other-{n}")["id"]
            return Place("discord", guild, course), Place("discord", guild, other)

        async def say(user: str, place: Place, verb: str, rest: str) -> str:
            options = {DISCORD_OPTION[verb]: rest} if rest else {}
            callback, followup = await world.command(user, verb, place.channel, **options)
            assert followup is not None, callback
            assert callback.ephemeral
            return "\n".join(strings(followup.body))

        discord = Platform(
            world.practice,
            place,
            say,
            f"<@{NEWBIE_ON_DISCORD}>",
            DISCORD_USERS["trainer"],
            DISCORD_USERS["other group's trainer"],
            DISCORD_USERS["channel admin"],
            SARA_ON_DISCORD,
        )
        async with logged_in_client(fake, world.adapter.client):
            outcomes, held = await run_matrix(discord, personas)
        assert fake.unknown == []
    check(outcomes, held, personas)


# -- Console -----------------------------------------------------------------------------------

#: Whoever is at the keyboard owns the machine: a workspace admin, and a trainer when named one.
CONSOLE = {
    "local user": Persona("Mem", WORKSPACE_ADMIN),
    "local user named trainer": Persona("Trudy", WORKSPACE_ADMIN | {Role.TRAINER}),
    "local user granted the channel": Persona("Chad", WORKSPACE_ADMIN),
    "local user who trains another group": Persona("Otto", WORKSPACE_ADMIN),
}


async def test_console(store: Any) -> None:
    clock = OffsetClock(ManualClock(NOW))
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="UTC"))
    out = io.StringIO()
    scheduler = Scheduler(store, practice, {"console": ConsoleChat(out)}, clock)

    async def place(n: int) -> tuple[Place, Place]:
        return Place("console", "local", f"course-{n}"), Place("console", "local", f"other-{n}")

    async def say(name: str, place: Place, verb: str, rest: str) -> str:
        # One terminal per channel; who types is chosen with /as, as a user does.
        repl = ConsoleRepl(
            practice,
            scheduler,
            clock,
            reader=LineReader(io.StringIO(""), interactive=False),
            out=out,
            channel=place.channel,
        )
        await repl.handle(f"/as {name}")
        out.seek(0)
        out.truncate()
        await repl.handle(f"/{verb} {rest}".strip())
        return out.getvalue()

    console = Platform(
        practice, place, say, "Newbie", "Trudy", "Otto", "Chad", "Sara", id_of=member_id
    )
    outcomes, held = await run_matrix(console, CONSOLE)
    check(outcomes, held, CONSOLE)
    # Only these role sets exist on the console: no plain member, no trainer or channel admin
    # without the workspace's powers, no operator.
    assert {p.roles for p in CONSOLE.values()} == {WORKSPACE_ADMIN, WORKSPACE_ADMIN | TRAINER}


# -- Operator (CLI) ----------------------------------------------------------------------------

#: What the operator runs for each action (``{channel}`` as ``ballback status`` lists it).
CLI: dict[Action, str] = {
    Action.SEE_COHORT: "cohort --channel {channel}",
    Action.START_COHORT: "cohort --channel {channel} end",
    Action.CHANGE_CURRICULUM: "cohort --channel {channel} weekly from {start} handen",
    Action.SEE_REPORT: "report --channel {channel}",
    Action.SEE_TRAINER_REPORT: "report --channel {channel}",
    Action.READ_SHARED: "report --channel {channel} --from {first} --to {last}",
    Action.SEE_CALENDAR: "calendar --channel {channel}",
    Action.SEE_STATUS: "status --channel {channel}",
}
#: What the CLI prints when done (its report is the trainers' one: no channel-counts card).
CLI_DONE = {
    **DONE,
    Action.SEE_REPORT: "Members, ",
    Action.SEE_CALENDAR: "+ 14 day(s)",
    Action.SEE_STATUS: "1 channel(s)",
}
#: Actions the operator has no CLI command for: the matrix does not allow them to the operator.
NOT_ON_THE_CLI = {Action.CHANGE_CHANNEL, Action.CHANGE_OFFDAYS, Action.GRANT_SETUP}


async def test_operator_cli(
    store: Any,
    store_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    for name in list(os.environ):
        if name.startswith(("BALLBACK_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BALLBACK_DATABASE_URL", store_url)
    monkeypatch.setenv("HOME", str(tmp_path))
    # The CLI runs on the real clock: dates around today.
    today = datetime.now(UTC).date()
    start = today + timedelta(days=7 + (7 - today.weekday()) % 7)  # a Monday after next week
    now = datetime.now(UTC)
    practice = Practice(store, CATALOG, ManualClock(now), ChannelDefaults(timezone="UTC"))
    sara = MemberRef("slack", SLACK_TEAM, "USARA")
    trudy, otto = MemberRef("slack", SLACK_TEAM, "UTRUDY"), MemberRef("slack", SLACK_TEAM, "UOTTO")
    async with store.transaction() as tx:
        for ref in (sara, trudy, otto):
            await tx.members.add(Member(ref, ref.user))

    async def ballback(*args: str) -> tuple[int, str]:
        code = await asyncio.to_thread(main, list(args))
        out, err = capsys.readouterr()
        return code, out if code == 0 else err

    outcomes = {}
    for n, action in enumerate(CLI):
        place = Place("slack", SLACK_TEAM, f"C{n:04d}CLI")
        other = Place("slack", SLACK_TEAM, f"C{n:04d}CLIOTHER")
        async with store.transaction() as tx:
            for here in (place, other):
                await practice.context.channel_in(tx, here)
            await tx.cohorts.save(Cohort(place, start, (trudy,)))
            await tx.cohorts.save(Cohort(other, start, (otto,)))
            if action is Action.READ_SHARED:
                reflection = Reflection(sara, place, today, now, {"R1": "for my trainer"}, "handen")
                key = f"r{await tx.reflections.add(reflection)}"
                assert await tx.shares.set(key, sara, True)
        values = {
            "channel": f"{place.platform}:{place.workspace}:{place.channel}",
            "start": start.isoformat(),
            "first": (today - timedelta(days=7)).isoformat(),
            "last": (today + timedelta(days=1)).isoformat(),
        }
        code, shown = await ballback(*(arg.format(**values) for arg in CLI[action].split()))
        done = code == 0 and CLI_DONE[action] in shown
        assert done or code != 0, f"{action}: neither clearly done nor refused:\n{shown}"
        outcomes[("operator", action)] = done
    operator = {"operator": Persona("operator", OPERATOR)}
    assert outcomes == expected(operator, CLI)
    assert set(CLI) | NOT_ON_THE_CLI == set(Action)
    assert not any(MATRIX[a] & {Role.OPERATOR} for a in NOT_ON_THE_CLI)
    for command in ("setup", "settings", "offdays"):
        with pytest.raises(SystemExit):  # argparse: no such command
            main([command])
    capsys.readouterr()

    # Another member's data is the operator's alone, from the CLI (outside the matrix).
    out = tmp_path / "sara.json"
    ids = f"--platform slack --workspace {SLACK_TEAM} --user USARA"
    code, shown = await ballback("member", "export", *ids.split(), "--out", str(out))
    assert code == 0 and shown == f"{out}\n"
    assert "for my trainer" in out.read_text(encoding="utf-8")
