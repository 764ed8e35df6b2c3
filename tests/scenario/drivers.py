"""One practice scenario, three ways to drive it: the console, Slack and Discord adapters.

A :class:`Driver` speaks about members by scenario name ("Anna", "Bob", "Cees") and does
everything the platform's own way: the console REPL reads typed lines, the Slack app gets
signed slash commands, button clicks and modal submissions over loopback HTTP, and the
Discord client gets slash commands, button clicks and modal submits from the fake gateway.
Only :meth:`Driver.groups` reads the store (who got which role).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from adapters.discord.render import button_id
from bot.model import BRINGER, HELPER, OBSERVER, MemberRef, Place
from bot.model import Group as StoredGroup
from bot.ports import Store
from bot.rounds import Rounds
from tests.console.harness import Console
from tests.discord.conftest import BOB, CEES, DiscordWorld
from tests.fakes.fake_discord import CALLBACK_MODAL
from tests.fakes.slack_driver import static_select
from tests.slack.conftest import CATALOG, CHANNEL, SlackWorld
from tests.support.transactions import TransactionCount, count_transactions

#: Monday 7 December 2026: the first day of the scenario (every world starts there, 08:00).
FIRST_DAY = date(2026, 12, 7)
#: The answers the helper must see: one free-text answer each of the partner and the observer.
BRINGER_NOTE = "You let the silence run."
OBSERVER_NOTE = "After the pause she sat up."
#: The form each role fills in (the end of its form id).
FORM_OF_ROLE = {HELPER: "self_assessment", BRINGER: "partner", OBSERVER: "observer"}
#: The reflection the form scenarios save (the optional R4 left empty), the same on every
#: platform; R3 starts with a slash (typed ``//…`` on the console).
FORM_REFLECTION = {"R1": "One question, then silence.", "R2": "She thought.", "R3": "/pause first."}


def _text(value: Any) -> str:
    """A recorded payload as text, non-ASCII kept as it is (skill names, em dashes)."""
    return json.dumps(value, ensure_ascii=False)


def amsterdam(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Amsterdam in December (UTC+1)."""
    return datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)


def current_streak(shown: str) -> int:
    """The current streak in a rendered streak card (console text, Block Kit or an embed)."""
    found = re.search(r"Current.*?(\d+) days?\b", shown, re.DOTALL)
    assert found is not None, f"no current streak in {shown!r}"
    return int(found[1])


@dataclass(frozen=True)
class Group:
    """A practice group as the scenario sees it: members by scenario name."""

    id: int
    roles: dict[str, str]  # member → role (turn 1)
    names: dict[str, str]  # member → the name partners are shown

    def member_in(self, role: str) -> str:
        """The member who has ``role``."""
        [member] = [m for m, r in self.roles.items() if r == role]
        return member


class Driver(Protocol):
    """What the scenario does, whatever the platform."""

    name: str
    place: Place  # the practice channel
    day: date  # the scenario's current local day

    async def join(self, member: str) -> None:
        """``member`` joins today's round."""

    async def pair_now(self) -> None:
        """Move the clock to the pairing time and run the scheduler."""

    async def groups(self) -> list[Group]:
        """Today's groups, read back from the store."""

    async def brief(self, member: str) -> str:
        """The member reads their own brief the platform's way; what they were shown."""

    async def give_feedback(self, member: str, role: str) -> None:
        """Open the feedback form the platform's way and submit typical answers for ``role``."""

    async def feedback_again(self, member: str, role: str) -> str:
        """Try to give the same feedback a second time; what the member was shown."""

    async def feedback_seen_by_helper(self, helper: str) -> str:
        """What the helper was shown after sending their self-assessment."""

    async def reflect(self, member: str) -> None:
        """Write today's reflection."""

    async def streak(self, member: str) -> int:
        """The current streak as the member is shown it."""

    async def next_day(self) -> None:
        """Move the clock to 09:30 the next day and run the scheduler."""

    def ref(self, member: str) -> MemberRef:
        """The member's identity in the store."""

    async def reflect_with_a_command_in_between(self, member: str) -> str:
        """Open the reflection form, ask for the streak while it is open, then finish the form
        with :data:`FORM_REFLECTION`; what the member was shown from opening to saving."""

    async def reflect_corrected(self, member: str, first: str) -> str:
        """Send the reflection with ``first`` as the first answer (refused), then correct it to
        :data:`FORM_REFLECTION`; what the member was shown for the refused answer."""

    async def today(self, member: str) -> str:
        """``today`` as the member: what they were shown."""

    async def scenario(self, member: str) -> str:
        """``/scenario``: what the member is shown, as text."""
        ...

    async def swap(self, member: str) -> str:
        """``/swap``: the group's next turn, and its answer as text."""
        ...

    async def nudge_now(self) -> str:
        """Move the clock to the nudge time (09:00) today and run the scheduler; what was posted
        to the channel."""


@dataclass
class _Base:
    """What every driver keeps: the store, the day, who is who and what members were shown."""

    store: Store
    place: Place
    users: dict[str, str]  # scenario name → platform user id
    day: date = FIRST_DAY
    shown: dict[str, str] = field(default_factory=dict)
    #: Store transactions each submission cost, from the request to its answer:
    #: ("reflection" | "feedback", count).
    costs: list[tuple[str, int]] = field(default_factory=list)

    @property
    def counted(self) -> TransactionCount:
        return count_transactions(self.store)

    async def _stored_groups(self) -> list[StoredGroup]:
        async with self.store.transaction() as tx:
            return await tx.groups.list(self.place, self.day)

    async def _group_of(self, member: str) -> StoredGroup:
        user = self.users[member]
        [group] = [
            g for g in await self._stored_groups() if any(s.member.user == user for s in g.seats)
        ]
        return group

    async def groups(self) -> list[Group]:
        """Today's groups, read back from the store."""
        names = {user: member for member, user in self.users.items()}
        found = []
        for group in await self._stored_groups():
            assert group.id is not None
            found.append(
                Group(
                    group.id,
                    roles={names[s.member.user]: s.role for s in group.seats},
                    names={names[s.member.user]: s.display_name for s in group.seats},
                )
            )
        return found

    async def feedback_seen_by_helper(self, helper: str) -> str:
        """What the helper was shown after sending their self-assessment."""
        return self.shown[helper]

    def ref(self, member: str) -> MemberRef:
        """The member's identity in the store."""
        return MemberRef(self.place.platform, self.place.workspace, self.users[member])


# ---------------------------------------------------------------------------------- console

CONSOLE_ANSWERS = {
    HELPER: ["I mostly kept quiet.", "2", "1", "1"],
    BRINGER: ["3", "1", "1", "2", BRINGER_NOTE],
    OBSERVER: ["1", "2", "1", "2", OBSERVER_NOTE],
}
CONSOLE_REFLECTION = ["I asked one question.", "She thought.", "Wait longer.", "", ""]


class ConsoleDriver(_Base):
    """The console REPL in-process: each step is a short session of typed lines."""

    name = "console"

    def __init__(self, store: Store) -> None:
        super().__init__(
            store,
            Place("console", "local", "practice"),
            {name: name.lower() for name in ("Anna", "Bob", "Cees")},
        )
        self.console = Console(store, CATALOG, amsterdam(FIRST_DAY, 8))

    async def join(self, member: str) -> None:
        """``/join`` as the member."""
        out = await self.console.run(f"/as {member}", "/join")
        assert "You joined today's practice" in out, out

    async def pair_now(self) -> None:
        """``/time 10:00``: the clock moves and the round is paired on the way."""
        out = await self.console.run("/time 10:00")
        assert "Today you are the helper" in out, out

    async def brief(self, member: str) -> str:
        """``/brief``: what it printed (after the session's greeting and the ``/as``)."""
        out = await self.console.run(f"/as {member}", "/brief")
        return out.split(f"You are now {member}.", 1)[1]

    async def give_feedback(self, member: str, role: str) -> None:
        """``/feedback``, then one typed answer per question."""
        submit = Rounds.submit_feedback

        async def counted(rounds: Rounds, *args: Any) -> Any:
            mark = self.counted.value
            try:
                return await submit(rounds, *args)
            finally:
                self.costs.append(("feedback", self.counted.since(mark)))

        Rounds.submit_feedback = counted  # type: ignore[method-assign]
        try:
            out = await self.console.run(f"/as {member}", "/feedback", *CONSOLE_ANSWERS[role])
        finally:
            Rounds.submit_feedback = submit  # type: ignore[method-assign]
        assert "Feedback saved" in out, out
        self.shown[member] = out

    async def feedback_again(self, member: str, role: str) -> str:
        """``/feedback`` a second time (the console does not open the form again)."""
        return await self.console.run(f"/as {member}", "/feedback")

    async def reflect(self, member: str) -> None:
        """``/reflect``, then one typed answer per question."""
        reflections = self.console.practice.reflections
        reflect = reflections.reflect

        async def counted(*args: Any) -> Any:
            mark = self.counted.value
            try:
                return await reflect(*args)
            finally:
                self.costs.append(("reflection", self.counted.since(mark)))

        reflections.reflect = counted  # type: ignore[method-assign]
        try:
            out = await self.console.run(f"/as {member}", "/reflect", *CONSOLE_REFLECTION)
        finally:
            del reflections.reflect
        assert "Reflection saved" in out, out

    async def streak(self, member: str) -> int:
        """``/streak``."""
        return current_streak(await self.console.run(f"/as {member}", "/streak"))

    async def next_day(self) -> None:
        """``/day <tomorrow> 09:30``."""
        self.day += timedelta(days=1)
        await self.console.run(f"/day {self.day.isoformat()} 09:30")

    async def _as(self, member: str, *lines: str) -> str:
        """A session as ``member``: what it printed after the ``/as``."""
        out = await self.console.run(f"/as {member}", *lines)
        return out.split(f"You are now {member}.", 1)[1]

    async def reflect_with_a_command_in_between(self, member: str) -> str:
        """``/reflect``; at the second question ``/streak`` and ``/help`` are typed (form
        commands, not answers), then the answers; R3 typed with a doubled slash."""
        r1, r2, r3 = FORM_REFLECTION["R1"], FORM_REFLECTION["R2"], FORM_REFLECTION["R3"]
        out = await self._as(member, "/reflect", r1, "/streak", "/help", r2, "/" + r3, "", "")
        assert "Reflection saved" in out, out
        return out

    async def reflect_corrected(self, member: str, first: str) -> str:
        """``/reflect``, ``first`` typed as the first answer, then the corrected answers."""
        answers = [
            FORM_REFLECTION["R1"],
            FORM_REFLECTION["R2"],
            "/" + FORM_REFLECTION["R3"],
            "",
            "",
        ]
        out = await self._as(member, "/reflect", first, *answers)
        assert "Reflection saved" in out, out
        return out

    async def today(self, member: str) -> str:
        """``/today``."""
        return await self._as(member, "/today")

    async def scenario(self, member: str) -> str:
        """``/scenario``."""
        return await self._as(member, "/scenario")

    async def swap(self, member: str) -> str:
        """``/swap``."""
        return await self._as(member, "/swap")

    async def nudge_now(self) -> str:
        """``/time 09:00``: on the way the scheduler posts the nudge to ``[#practice]`` (what
        the session printed before it, its greeting, is left out)."""
        out = await self.console.run("/time 09:00")
        assert "[#practice]" in out, out
        return out.split("[#practice]", 1)[1]


# ---------------------------------------------------------------------------------- Slack

SLACK_ANSWERS: dict[str, dict[str, Any]] = {
    HELPER: {"S1": "I kept quiet.", "S2": static_select(None)},
    BRINGER: {
        "P1": static_select("ja"),
        "P3": static_select("inbrenger"),
        "P8": static_select("inbrenger"),
        "P9": static_select(None),
        "P6": BRINGER_NOTE,
    },
    OBSERVER: {
        "O1": static_select("ja"),
        "O6": static_select("samen"),
        "O7": static_select("inbrenger"),
        "O4": static_select("persoon"),
        "O5": OBSERVER_NOTE,
    },
}
SLACK_REFLECTION = {"R1": "I asked one question.", "R2": "She thought.", "R3": "Wait.", "R4": None}


class SlackScenarioDriver(_Base):
    """The real Slack app on loopback, fed signed requests; its Web API calls go to the fake."""

    name = "slack"

    def __init__(self, world: SlackWorld) -> None:
        super().__init__(
            world.practice.store,
            Place("slack", world.driver.team_id, CHANNEL),
            {"Anna": "UANNA", "Bob": "UBOB", "Cees": "UCEES"},
        )
        self.world = world
        self.fake = world.fake
        self.http = world.driver
        self.views: dict[str, dict[str, Any]] = {}

    async def _command(self, member: str, text: str) -> str:
        """``/practice <text>`` in the channel; the ephemeral answer (if any) as JSON."""
        response = await self.http.command(self.users[member], CHANNEL, text)
        assert response.status == 200, response.text
        return json.dumps([c.args for c in self.fake.calls_to(response.response_url_method)])

    async def _private_since(self, member: str, start: int) -> str:
        """Everything posted to the member's DM since call number ``start``, as JSON."""
        dm = self.fake.dm_channel_id(self.users[member])
        return json.dumps(
            [
                c.args
                for c in self.fake.calls[start:]
                if c.method == "chat.postMessage" and c.args.get("channel") == dm
            ]
        )

    def _opened_view(self, trigger_id: str | None) -> dict[str, Any]:
        """The modal the app opened with the request's trigger id."""
        [opened] = [
            c for c in self.fake.calls_to("views.open") if c.args["trigger_id"] == trigger_id
        ]
        return dict(opened.args["view"])

    async def join(self, member: str) -> None:
        """``/practice join``."""
        assert "You joined today's practice" in await self._command(member, "join")

    async def brief(self, member: str) -> str:
        """Click "My brief" in the trio's group DM: the answer is ephemeral."""
        group = await self._group_of(member)
        assert group.space_ref is not None
        response = await self.http.block_action(
            self.users[member], group.space_ref, f"brief:{group.id}"
        )
        assert response.status == 200, response.text
        return json.dumps([c.args for c in self.fake.calls_to(response.response_url_method)])

    async def pair_now(self) -> None:
        """Tick the scheduler at 10:00: the trio gets a group DM with the feedback button."""
        await self.world.tick(amsterdam(self.day, 10))

    async def give_feedback(self, member: str, role: str) -> None:
        """Click the feedback button in the group DM; submit the modal that opens."""
        group = await self._group_of(member)
        user = self.users[member]
        space = self.fake.dm_channel_id(*sorted(s.member.user for s in group.seats))
        action = f"feedback:{group.id}"
        posted = [m for (channel, _), m in self.fake.messages.items() if channel == space]
        assert action in json.dumps(posted), "the group DM offers the feedback button"
        clicked = await self.http.block_action(user, space, action)
        assert clicked.status == 200, clicked.text
        view = self._opened_view(clicked.trigger_id)
        assert view["callback_id"].endswith(FORM_OF_ROLE[role]), view["callback_id"]
        self.views[member] = view
        start, mark = len(self.fake.calls), self.counted.value
        done = await self._submit(member, view, SLACK_ANSWERS[role])
        self.costs.append(("feedback", self.counted.since(mark)))
        assert done.status == 200 and not done.text, done.text
        self.shown[member] = await self._private_since(member, start)
        assert "Feedback saved" in self.shown[member]

    async def _submit(self, member: str, view: dict[str, Any], values: dict[str, Any]) -> Any:
        return await self.http.view_submission(
            self.users[member],
            view["callback_id"],
            values,
            private_metadata=view["private_metadata"],
        )

    async def feedback_again(self, member: str, role: str) -> str:
        """Submit the same modal once more (a double click, a stale modal)."""
        start = len(self.fake.calls)
        again = await self._submit(member, self.views[member], SLACK_ANSWERS[role])
        assert again.status == 200
        return again.text + await self._private_since(member, start)

    async def reflect(self, member: str) -> None:
        """``/practice reflect`` opens a modal; submit it."""
        response = await self.http.command(self.users[member], CHANNEL, "reflect")
        view = self._opened_view(response.trigger_id)
        assert view["callback_id"] == "reflect"
        start, mark = len(self.fake.calls), self.counted.value
        done = await self._submit(member, view, SLACK_REFLECTION)
        self.costs.append(("reflection", self.counted.since(mark)))
        assert done.status == 200 and not done.text, done.text
        assert "Reflection saved" in await self._private_since(member, start)

    async def streak(self, member: str) -> int:
        """``/practice streak``."""
        return current_streak(await self._command(member, "streak"))

    async def next_day(self) -> None:
        """Tick the scheduler at 09:30 the next day (the nudge is posted)."""
        self.day += timedelta(days=1)
        await self.world.tick(amsterdam(self.day, 9, 30))

    async def _ephemeral(self, member: str, text: str) -> str:
        """``/practice <text>``; its ephemeral answer, as text."""
        response = await self.http.command(self.users[member], CHANNEL, text)
        assert response.status == 200, response.text
        return _text([c.args for c in self.fake.calls_to(response.response_url_method)])

    async def _open_reflection(self, member: str) -> dict[str, Any]:
        response = await self.http.command(self.users[member], CHANNEL, "reflect")
        view = self._opened_view(response.trigger_id)
        assert view["callback_id"] == "reflect"
        return view

    async def _submit_saved(self, member: str, view: dict[str, Any]) -> None:
        """Submit :data:`FORM_REFLECTION` in ``view``: the modal closes, the DM says saved."""
        start = len(self.fake.calls)
        done = await self._submit(member, view, {**FORM_REFLECTION, "R4": None})
        assert done.status == 200 and not done.text, done.text
        assert "Reflection saved" in await self._private_since(member, start)

    async def reflect_with_a_command_in_between(self, member: str) -> str:
        """``/practice reflect`` opens the modal; ``/practice streak`` while it is open (its
        ephemeral answer is returned); then the modal is submitted."""
        view = await self._open_reflection(member)
        shown = await self._ephemeral(member, "streak")
        await self._submit_saved(member, view)
        return shown

    async def reflect_corrected(self, member: str, first: str) -> str:
        """Submit the modal with ``first`` (``None`` for an empty input, as Slack sends it): the
        answer is ``response_action: errors``; the same modal is submitted again, corrected."""
        view = await self._open_reflection(member)
        values = {**FORM_REFLECTION, "R1": first or None, "R4": None}
        refused = await self._submit(member, view, values)
        assert refused.status == 200, refused.text
        await self._submit_saved(member, view)
        return _text(refused.json)

    async def today(self, member: str) -> str:
        """``/practice today``: the ephemeral answer."""
        return await self._ephemeral(member, "today")

    async def scenario(self, member: str) -> str:
        """``/practice scenario``: the ephemeral answer."""
        return await self._ephemeral(member, "scenario")

    async def swap(self, member: str) -> str:
        """``/practice swap``: the ephemeral answer."""
        return await self._ephemeral(member, "swap")

    async def nudge_now(self) -> str:
        """Tick at the nudge time (09:00) today: what was posted to the channel."""
        start = len(self.fake.calls)
        await self.world.tick(amsterdam(self.day, 9))
        return _text(
            [
                c.args
                for c in self.fake.calls[start:]
                if c.method == "chat.postMessage" and c.args.get("channel") == CHANNEL
            ]
        )


# ---------------------------------------------------------------------------------- Discord

DISCORD_ANSWERS: dict[str, dict[str, str]] = {
    HELPER: {"S1": "I kept quiet."},
    BRINGER: {"P1": "Yes", "P3": "The issue-bringer", "P8": "inbrenger", "P6": BRINGER_NOTE},
    OBSERVER: {"O1": "ja", "O6": "both", "O7": "1", "O4": "persoon", "O5": OBSERVER_NOTE},
}
DISCORD_REFLECTION = {"R1": "I asked one question.", "R2": "She thought.", "R3": "Wait."}


def _dump(call: Any) -> str:
    """Everything a recorded send or callback carried, as text."""
    return json.dumps(getattr(call, "body", None) or getattr(call, "data", None))


class DiscordScenarioDriver(_Base):
    """The real discord.py client logged in to the fake: interactions in, REST calls out."""

    name = "discord"

    def __init__(self, world: DiscordWorld) -> None:
        fake = world.fake
        super().__init__(
            world.practice.store,
            Place("discord", fake.guild_id, fake.channel_id),
            {"Anna": fake.user_id, "Bob": BOB, "Cees": CEES},
        )
        self.world = world
        self.fake = fake
        self.forms: dict[str, tuple[str, str]] = {}  # member → (channel, modal custom_id)

    async def _command(self, member: str, verb: str) -> str:
        """``/practice <verb>`` in the channel; the (deferred) ephemeral answer as JSON."""
        _, answer = await self.world.command(self.users[member], verb)
        assert answer is not None
        return _dump(answer)

    async def join(self, member: str) -> None:
        """``/practice join``."""
        assert "You joined today's practice" in await self._command(member, "join")

    async def brief(self, member: str) -> str:
        """Click "My brief" in the trio's private thread: the answer is ephemeral."""
        group = await self._group_of(member)
        assert group.space_ref is not None
        custom_id = button_id(self.place, f"brief:{group.id}")
        assert custom_id in json.dumps(self.fake.messages_in(group.space_ref))
        click = self.fake.button(self.users[member], group.space_ref, custom_id)
        _, answer = await self.world.interact(click)
        assert answer is not None and answer.body["flags"] & 64
        return _dump(answer)

    async def pair_now(self) -> None:
        """Tick the scheduler at 10:00: the trio gets a private thread with the buttons."""
        await self.world.tick(amsterdam(self.day, 10))

    async def give_feedback(self, member: str, role: str) -> None:
        """Click the feedback button in the trio's thread; submit the modal that opens."""
        group = await self._group_of(member)
        thread = group.space_ref
        assert thread is not None
        custom_id = button_id(self.place, f"feedback:{group.id}")
        posted = json.dumps(self.fake.messages_in(thread))
        assert custom_id in posted, "the thread offers the feedback button"
        user = self.users[member]
        opened, _ = await self.world.interact(self.fake.button(user, thread, custom_id))
        assert opened.type == CALLBACK_MODAL
        form = opened.data["custom_id"]
        assert form.endswith(FORM_OF_ROLE[role]), form
        self.forms[member] = (thread, form)
        mark = self.counted.value
        _, done = await self.world.interact(
            self.fake.modal_submit(user, thread, form, DISCORD_ANSWERS[role])
        )
        self.costs.append(("feedback", self.counted.since(mark)))
        assert done is not None
        self.shown[member] = _dump(done)
        assert "Feedback saved" in self.shown[member], self.shown[member]

    async def feedback_again(self, member: str, role: str) -> str:
        """Submit the same modal once more (a double click, a stale modal)."""
        thread, form = self.forms[member]
        submit = self.fake.modal_submit(self.users[member], thread, form, DISCORD_ANSWERS[role])
        _, answer = await self.world.interact(submit)
        assert answer is not None
        return _dump(answer)

    async def reflect(self, member: str) -> None:
        """``/practice reflect`` opens a modal; submit it."""
        user = self.users[member]
        opened, _ = await self.world.command(user, "reflect")
        assert opened.type == CALLBACK_MODAL
        submit = self.fake.modal_submit(
            user, custom_id=opened.data["custom_id"], values=DISCORD_REFLECTION
        )
        mark = self.counted.value
        _, saved = await self.world.interact(submit)
        self.costs.append(("reflection", self.counted.since(mark)))
        assert saved is not None and "Reflection saved" in _dump(saved), _dump(saved)

    async def streak(self, member: str) -> int:
        """``/practice streak``."""
        return current_streak(await self._command(member, "streak"))

    async def next_day(self) -> None:
        """Tick the scheduler at 09:30 the next day (the nudge is posted)."""
        self.day += timedelta(days=1)
        await self.world.tick(amsterdam(self.day, 9, 30))

    async def _open_reflection(self, user: str) -> str:
        """``/practice reflect``: the custom id of the modal it opened."""
        opened, _ = await self.world.command(user, "reflect")
        assert opened.type == CALLBACK_MODAL
        return str(opened.data["custom_id"])

    async def _submit_reflection(self, user: str, form: str, values: dict[str, str]) -> str:
        """Submit the modal; the (deferred) ephemeral answer, as text."""
        _, answer = await self.world.interact(
            self.fake.modal_submit(user, custom_id=form, values=values)
        )
        assert answer is not None
        return _text(getattr(answer, "body", None))

    async def reflect_with_a_command_in_between(self, member: str) -> str:
        """``/practice reflect`` opens the modal; ``/practice streak`` while it is open (its
        answer is returned); then the modal is submitted."""
        user = self.users[member]
        form = await self._open_reflection(user)
        _, streak = await self.world.command(user, "streak")
        assert streak is not None
        shown = _text(streak.body)
        saved = await self._submit_reflection(user, form, FORM_REFLECTION)
        assert "Reflection saved" in saved, saved
        return shown

    async def reflect_corrected(self, member: str, first: str) -> str:
        """Submit the modal with ``first``: the follow-up is the refusal (a modal cannot stay
        open with errors on Discord); ``/practice reflect`` opens it again, corrected."""
        user = self.users[member]
        form = await self._open_reflection(user)
        refused = await self._submit_reflection(user, form, {**FORM_REFLECTION, "R1": first})
        again = await self._open_reflection(user)
        saved = await self._submit_reflection(user, again, FORM_REFLECTION)
        assert "Reflection saved" in saved, saved
        return refused

    async def today(self, member: str) -> str:
        """``/practice today``: the (deferred) ephemeral answer."""
        _, answer = await self.world.command(self.users[member], "today")
        assert answer is not None
        return _text(answer.body)

    async def scenario(self, member: str) -> str:
        """``/practice scenario``: the (deferred) ephemeral answer."""
        _, answer = await self.world.command(self.users[member], "scenario")
        assert answer is not None
        return _text(answer.body)

    async def swap(self, member: str) -> str:
        """``/practice swap``: the (deferred) ephemeral answer."""
        _, answer = await self.world.command(self.users[member], "swap")
        assert answer is not None
        return _text(answer.body)

    async def nudge_now(self) -> str:
        """Tick at the nudge time (09:00) today: what was posted to the channel."""
        path = f"/channels/{self.fake.channel_id}/messages"
        before = len(self.fake.calls_to("POST", path))
        await self.world.tick(amsterdam(self.day, 9))
        return _text([c.body for c in self.fake.calls_to("POST", path)[before:]])
