"""The commands and buttons every chat adapter offers, mapped onto the use cases.

The commands are declared once, in ``bot.registry``: an adapter only turns its slash command or
button payload into ``(verb, rest)`` or an action id, and renders the ``Reply``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bot.forms import DAILY_REFLECTION, MONTHLY_REFLECTION, WEEKLY_REFLECTION
from bot.messages import Reply
from bot.model import LIVE_ANSWERS, Actor, Place
from bot.mydata import MyData
from bot.parsing import is_plain_id, is_platform_id, number_in
from bot.practice import Practice
from bot.registry import COMMANDS, Registry, Runner, suggestion
from bot.rounds import Rounds, parse_form_key
from bot.usecases.calendar import CalendarUseCase
from bot.usecases.cohort import CohortUseCase
from bot.usecases.observing import OBSERVE_FORM
from bot.usecases.offdays import OffDaysUseCase
from bot.usecases.sharing import Sharing
from bot.usecases.status import StatusUseCase

MAX_SHOWN = 40  # characters of an unknown command shown back


class Commands:
    """Runs a text command (``"pause", "until 2026-12-31"``) or a button (``"feedback:12"``).

    Built once per adapter. ``prefix`` is how the platform spells a command (``"/practice "``,
    or ``"/"`` in the console), ``escape`` its escape for text a member typed that is shown
    back in ballback's own text (identity where the renderer escapes all text), ``aliases``
    whether typed aliases work there (not on Discord, whose subcommands are fixed), ``groups``
    whether commands sit in their registry ``group`` there (Discord: ``/practice admin
    report``), and ``also`` the adapter's own commands (the console's), for help and
    suggestions.
    """

    def __init__(
        self,
        practice: Practice,
        rounds: Rounds,
        *,
        prefix: str,
        escape: Callable[[str], str] = str,
        aliases: bool = True,
        groups: bool = False,
        also: Sequence[Registry] = (),
    ) -> None:
        self.practice = practice
        self.rounds = rounds
        self.mydata = MyData(practice)
        self.offdays = OffDaysUseCase(practice)
        self.status = StatusUseCase(practice)
        self.calendar = CalendarUseCase(practice)
        self.cohort = CohortUseCase(practice)
        self.sharing = Sharing(practice.context)
        self.prefix = prefix
        self.escape = escape
        self.aliases = aliases
        self.groups = groups
        self.also = tuple(also)

    async def run(self, actor: Actor, place: Place, verb: str, rest: str = "") -> Reply:
        """A subcommand by name or alias; an empty one answers with the help, an unknown one
        with one line (and the closest command, if one is close)."""
        if not ids_ok(actor, place):
            return self.practice.context.refusal("error.bad_request")
        if not verb.strip():
            return await self.help(actor, place)
        command = COMMANDS.find(verb)
        if command is None:
            return await self.unknown(actor, place, verb)
        run: Runner = command.run
        return await run(self, actor, place, rest)

    async def help(self, actor: Actor, place: Place) -> Reply:
        """The help, spelled the way this platform types commands."""
        return await self.practice.overview.help(
            actor,
            place,
            prefix=self.prefix,
            also=self.also,
            aliases=self.aliases,
            groups=self.groups,
        )

    async def unknown(self, actor: Actor, place: Place, verb: str) -> Reply:
        """``Unknown command /strek — did you mean /streak? Type /help for all commands.``"""
        lang = await self.practice.context.language_for(actor, place)
        word = verb.strip()
        close = suggestion(word, (COMMANDS, *self.also))
        params: dict[str, object] = {
            "command": f"{self.prefix}{self.escape(word[:MAX_SHOWN])}",
            "help": f"{self.prefix}help",
        }
        if close is None:
            text = self.practice.context.text("error.unknown_command", lang, **params)
        else:
            text = self.practice.context.text(
                "error.did_you_mean", lang, suggestion=self.spelled(close), **params
            )
        return Reply(errors={"": text})

    def spelled(self, word: str) -> str:
        """A command word as a member types it on this platform (in its group on Discord)."""
        for registry in (COMMANDS, *self.also):
            command = registry.find(word)
            if command is not None:
                return command.spelled(self.prefix, word, groups=self.groups)
        return f"{self.prefix}{word}"

    async def submit(
        self, actor: Actor, place: Place, form_id: str, answers: Mapping[str, str]
    ) -> Reply:
        """A submitted form, routed by its id: the daily or weekly reflection (``reflect``,
        ``reflect-week``) or a feedback
        form (``fb:<group>:<turn>:<form>``); any other id is refused."""
        if not ids_ok(actor, place):
            return self.practice.context.refusal("error.bad_request")
        if form_id == DAILY_REFLECTION:
            return await self.practice.reflections.reflect(actor, place, answers)
        if form_id == WEEKLY_REFLECTION:
            return await self.practice.reflections.reflect(actor, place, answers, weekly=True)
        if form_id == MONTHLY_REFLECTION:
            return await self.practice.reflections.reflect(actor, place, answers, monthly=True)
        if parse_form_key(form_id) is not None:
            return await self.rounds.submit_feedback(actor, place, form_id, answers)
        if form_id == OBSERVE_FORM:
            return await self.rounds.submit_observation(actor, place, answers)
        return self.practice.context.refusal("feedback.unknown_form")

    async def share(self, actor: Actor, place: Place, rest: str = "") -> Reply:
        """``share``: the latest reflection in the channel; ``share trainers|stop|list``:
        what the member lets the training group's trainers read (``bot.usecases.sharing``)."""
        about_trainers = await self.sharing.command(actor, place, rest)
        if about_trainers is not None:
            return about_trainers
        if rest.strip():
            return self.practice.context.refusal("error.share_usage")
        return await self.practice.reflections.share(actor, place)

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
            return self.practice.context.refusal("error.bad_request")
        verb, _, argument = action_id.partition(":")
        number = number_in(argument)  # a group id, or a reflection id (None: none, or forged)
        practice, rounds = self.practice, self.rounds
        if verb == "join":
            return await rounds.join(actor, place)
        if verb == "reflect":
            return await practice.reflections.reflection_form(
                actor, self.place_of(action_id, place)
            )
        if verb == "redo":
            return await rounds.redo(actor, place, group_id=number)
        if verb == "weekly":
            return await practice.reflections.reflection_form(actor, place, "week")
        if verb == "scenario":
            return await practice.daily.scenario(actor, place)
        if verb == "share":
            if argument and number is None:  # "share:trainers r12", "share:stop f3-1-partner"
                return await self.share(actor, place, argument)
            return await practice.reflections.share(actor, place, number)
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
        if verb == "observe":  # observe:yes|keep|no:<group>
            answer, _, group = argument.partition(":")
            if answer in LIVE_ANSWERS and number_in(group) is not None:
                return await rounds.consent(actor, place, answer=answer, group_id=number_in(group))
        return await self.help(actor, place)


def ids_ok(actor: Actor, place: Place) -> bool:
    """Whether the ids a request names can be platform ids (the one check at the way in)."""
    ids = (actor.workspace, actor.user, place.workspace, place.channel)
    return all(is_platform_id(i) for i in ids) and " " not in "".join(ids)
