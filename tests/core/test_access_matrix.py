"""Access decided in one place (issue 12, item 4): every role × every guarded use case, run
through the command layer every adapter uses, allowed exactly as ``bot.access.MATRIX`` says."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.access import MATRIX, Action, Role
from bot.clock import ManualClock
from bot.commands import Commands
from bot.messages import Reply
from bot.model import Actor, Cohort, Member, Place, Reflection
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from content import load_catalog

START = date(2027, 1, 11)
NOW = datetime(2027, 1, 4, 9, tzinfo=UTC)
SARA = Actor("test", "w", "sara", "Sara")

ACTORS = {
    "member": (Actor("test", "w", "mem", "Mem"), {Role.MEMBER}),
    "trainer": (Actor("test", "w", "trudy", "Trudy"), {Role.MEMBER, Role.TRAINER}),
    "other group's trainer": (Actor("test", "w", "otto", "Otto"), {Role.MEMBER}),
    "channel admin": (Actor("test", "w", "chad", "Chad"), {Role.MEMBER, Role.CHANNEL_ADMIN}),
    "workspace admin": (
        Actor("test", "w", "wanda", "Wanda", is_platform_admin=True),
        {Role.MEMBER, Role.CHANNEL_ADMIN, Role.WORKSPACE_ADMIN},
    ),
    "operator": (
        Actor("test", "w", "operator", "Operator", is_operator=True),
        {Role.MEMBER, Role.OPERATOR},
    ),
}


async def attempt(
    commands: Commands, practice: Practice, actor: Actor, action: Action, place: Place
) -> bool:
    """Whether ``actor`` got to do ``action`` in ``place``: the use case's own answer says."""
    run = commands.run
    if action is Action.SEE_COHORT:
        reply = await run(actor, place, "cohort", "")
        return reply.ok and reply.cards[0].title.startswith("Training group since")
    if action is Action.START_COHORT:
        return (await run(actor, place, "cohort", "end")).ok
    if action is Action.CHANGE_CURRICULUM:
        return (await run(actor, place, "cohort", "weekly from 2027-01-11 handen")).ok
    if action is Action.SEE_REPORT:
        return (await run(actor, place, "report", "")).ok
    if action is Action.SEE_TRAINER_REPORT:
        reply = await run(actor, place, "report", "")
        return reply.ok and any(c.title.startswith("Members") for c in reply.cards)
    if action is Action.SEE_CALENDAR:
        return (await run(actor, place, "calendar", "")).ok
    if action is Action.SEE_STATUS:
        return (await run(actor, place, "status", "")).ok
    if action is Action.CHANGE_CHANNEL:
        settings: Reply = await run(actor, place, "settings", "channel time 08:30")
        setup = await run(actor, place, "setup", "time 08:15")
        assert settings.ok == setup.ok, (settings.errors, setup.errors)
        return settings.ok
    if action is Action.CHANGE_OFFDAYS:
        return (await run(actor, place, "offdays", "add 2027-02-01")).ok
    if action is Action.GRANT_SETUP:
        return (await practice.admin.grant(actor, place, "newbie", "Newbie")).ok
    if action is Action.READ_SHARED:
        # Sara shares a reflection with the trainers; who reads it in the report?
        async with practice.context.store.transaction() as tx:
            reflection = Reflection(
                SARA.ref, place, NOW.date(), NOW, {"R1": "for my trainer"}, "handen"
            )
            key = f"r{await tx.reflections.add(reflection)}"
            assert await tx.shares.set(key, SARA.ref, True)
        reply = await run(actor, place, "report", "")
        return any(c.title.startswith("Shared with the trainers") for c in reply.cards)
    raise AssertionError(f"no attempt for {action}")


async def test_every_role_and_guarded_use_case(store) -> None:
    # One channel per (role, action), so every attempt starts from the same state.
    clock = ManualClock(NOW)
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    commands = Commands(practice, Rounds(practice), prefix="/")
    names = ("channel admin", "trainer", "other group's trainer")
    chad, trudy, otto = (ACTORS[n][0] for n in names)
    async with store.transaction() as tx:
        for actor in (SARA, *(a for a, _ in ACTORS.values())):
            await tx.members.add(Member(actor.ref, actor.display_name))
    outcomes = {}
    for n, (who, action) in enumerate((w, a) for w in ACTORS for a in Action):
        place, other = Place("test", "w", f"course-{n}"), Place("test", "w", f"other-{n}")
        async with store.transaction() as tx:
            for here in (place, other):
                await practice.context.channel_in(tx, here)
            await tx.admins.set(place, chad.ref, True, clock.now())
            await tx.cohorts.save(Cohort(place, START, (trudy.ref,)))
            await tx.cohorts.save(Cohort(other, START, (otto.ref,)))
        actor, roles = ACTORS[who]
        async with store.read() as tx:
            assert await practice.context.roles_of(tx, actor, place) == roles, who
        outcomes[(who, action)] = await attempt(commands, practice, actor, action, place)
    expected = {(w, a): bool(ACTORS[w][1] & MATRIX[a]) for w in ACTORS for a in Action}
    assert outcomes == expected
