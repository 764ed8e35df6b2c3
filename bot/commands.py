"""The commands and buttons every chat adapter offers, mapped onto the use cases.

One table for all platforms: an adapter only turns its slash command or button payload into
``(verb, rest)`` or an action id, and renders the ``Reply``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.messages import Reply
from bot.model import Actor, Place
from bot.mydata import MyData
from bot.parsing import is_plain_id, is_platform_id, number_in
from bot.practice import Practice
from bot.rounds import Rounds
from bot.usecases.offdays import OffDaysUseCase
from bot.usecases.status import StatusUseCase


class Commands:
    """Runs a text command (``"pause", "until 2026-12-31"``) or a button (``"feedback:12"``)."""

    def __init__(self, practice: Practice, rounds: Rounds, *, prefix: str) -> None:
        self.practice = practice
        self.rounds = rounds
        self.mydata = MyData(practice)
        self.offdays = OffDaysUseCase(practice)
        self.status = StatusUseCase(practice)
        self.prefix = prefix  # how the platform spells a command in help, e.g. "/practice "

    async def run(self, actor: Actor, place: Place, verb: str, rest: str = "") -> Reply:
        """A subcommand; an unknown or empty one answers with the help."""
        if not ids_ok(actor, place):
            return self.practice.refusal("error.bad_request")
        practice, rounds = self.practice, self.rounds
        commands: dict[str, Callable[[], Awaitable[Reply]]] = {
            "today": lambda: practice.today(actor, place),
            "scenario": lambda: practice.scenario(actor, place),
            "join": lambda: rounds.join(actor, place),
            "leave": lambda: rounds.leave(actor, place),
            "round": lambda: rounds.show(actor, place),
            "brief": lambda: rounds.brief(actor, place),
            "feedback": lambda: rounds.feedback(actor, place),
            "done": lambda: rounds.outcome(actor, place, True),
            "notdone": lambda: rounds.outcome(actor, place, False),
            "swap": lambda: rounds.swap(actor, place),
            "reflect": lambda: practice.reflection_form(actor, place),
            "share": lambda: practice.share(actor, place),
            "streak": lambda: practice.streak(actor, place),
            "settings": lambda: practice.settings(actor, place, rest),
            "pause": lambda: practice.pause(actor, place, rest),
            "resume": lambda: practice.resume(actor, place),
            "setup": lambda: practice.setup(actor, place, rest),
            "offdays": lambda: self.offdays.offdays(actor, place, rest),
            "status": lambda: self.status.status(actor, place),
            "report": lambda: practice.report(actor, place, rest),
            "export": lambda: self.mydata.export(actor, place),
            "forget": lambda: self.mydata.forget(actor, place, rest),
        }
        run = commands.get(verb.lower())
        if run is None:
            return await practice.help(actor, place, prefix=self.prefix)
        return await run()

    @staticmethod
    def place_of(action_id: str, place: Place) -> Place:
        """The channel a button is about: the one it names (``reflect:C123``, pressed in a
        direct message), else the one it was pressed in. Only ever in the same workspace."""
        verb, _, argument = action_id.partition(":")
        if verb == "reflect" and is_plain_id(argument) and not argument.isdigit():
            return Place(place.platform, place.workspace, argument)
        return place

    async def click(self, actor: Actor, place: Place, action_id: str) -> Reply:
        """A button: ``verb`` or ``verb:id`` (a group's, or a reflection's for ``share``); the
        core re-checks who clicked."""
        if not ids_ok(actor, place):
            return self.practice.refusal("error.bad_request")
        verb, _, argument = action_id.partition(":")
        number = number_in(argument)  # a group id, or a reflection id (None: none, or forged)
        practice, rounds = self.practice, self.rounds
        if verb == "join":
            return await rounds.join(actor, place)
        if verb == "reflect":
            return await practice.reflection_form(actor, self.place_of(action_id, place))
        if verb == "scenario":
            return await practice.scenario(actor, place)
        if verb == "share":
            return await practice.share(actor, place, number)
        if verb == "forget":
            return await self.mydata.forget(actor, place, argument)
        if verb == "brief":
            return await rounds.brief(actor, place, group_id=number)
        if verb == "feedback":
            return await rounds.feedback(actor, place, group_id=number)
        if verb in ("done", "notdone"):
            return await rounds.outcome(actor, place, verb == "done", group_id=number)
        if verb == "swap":
            return await rounds.swap(actor, place, group_id=number)
        return await practice.help(actor, place, prefix=self.prefix)


def ids_ok(actor: Actor, place: Place) -> bool:
    """Whether the ids a request names can be platform ids (the one check at the way in)."""
    ids = (actor.workspace, actor.user, place.workspace, place.channel)
    return all(is_platform_id(i) for i in ids) and " " not in "".join(ids)
