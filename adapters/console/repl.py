"""The console REPL: practise today's skill in a terminal, or script it through a pipe.

Everything is a slash command. Before each command the scheduler ticks, so a nudge that fell
due shows up; ``/day`` and ``/time`` move the simulated clock and run everything due on the
way, in order. With stdin piped no prompt is printed, so the output is only ballback's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import TextIO

from adapters.console.chat import PLATFORM, ConsoleChat
from adapters.console.forms import Stop, ask
from adapters.console.reader import LineReader
from adapters.console.render import escape, render_card, render_errors, render_reply
from bot.clock import OffsetClock
from bot.commands import Commands
from bot.messages import Card, Form, Reply
from bot.model import Actor, Place
from bot.parsing import InputError, number_in, parse_date, parse_language, parse_time
from bot.practice import Practice
from bot.registry import COMMANDS, Command, Registry
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from bot.settings import default_files_dir
from bot.texts import Texts

WORKSPACE = "local"
MAX_JUMP = timedelta(days=366)  # how far /day may move the simulated clock forward at once
ROUND_COMMANDS = ("join", "leave", "round", "brief", "feedback", "done", "notdone", "swap")


def _console_command(
    name: str, run: Callable[[ConsoleRepl, str], Awaitable[None]], *aliases: str
) -> Command:
    return Command(
        name,
        run,
        aliases={"en": aliases} if aliases else {},
        help_key=f"console.help.{name}",
        usage_key=f"console.usage.{name}",
    )


# The console's own commands, next to the core's (bot.registry): in its table and its help.
CONSOLE = Registry(
    [
        _console_command("as", lambda repl, rest: repl._as(rest)),
        _console_command("day", lambda repl, rest: repl._day(rest)),
        _console_command("time", lambda repl, rest: repl._time(rest)),
        _console_command("lang", lambda repl, rest: repl._lang(rest)),
        _console_command("say", lambda repl, rest: repl._say(rest)),
        _console_command("quit", lambda repl, rest: repl._quit(rest), "exit"),
    ]
)


def member_id(name: str) -> str:
    """A stable local user id for a display name (``/as Anna de Vries`` → ``anna-de-vries``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "me"


@dataclass
class _State:
    actor: Actor
    running: bool = True


class ConsoleRepl:
    """The interactive loop. Built by the composition root with the shared core objects."""

    def __init__(
        self,
        practice: Practice,
        scheduler: Scheduler,
        clock: OffsetClock,
        *,
        reader: LineReader,
        out: TextIO,
        channel: str = "practice",
        user: str = "me",
        files_dir: Path | None = None,
    ) -> None:
        self.practice = practice
        self.scheduler = scheduler
        self.rounds: Rounds = scheduler.rounds
        self.clock = clock
        self.reader = reader
        self.out = out
        self.files_dir = files_dir or default_files_dir()  # where a data export is written
        self.place = Place(PLATFORM, WORKSPACE, channel)
        self.state = _State(self._actor(user))
        # One table from the registries: the core's commands (bot.registry) run through
        # Commands, forms are asked line by line here (and whom ``setup grant`` names is read
        # here), then the console's own commands.
        self.core = Commands(practice, self.rounds, prefix="/", escape=escape, also=(CONSOLE,))
        here: dict[str, Callable[[str], Awaitable[None]]] = {
            "reflect": partial(self._form_command, "reflect"),
            "observe": partial(self._form_command, "observe"),
            "feedback": self._feedback,
            "setup": self._setup,
        }
        # What members /say in their practice space reaches the automatic observer (read only
        # once everyone in the group agreed: /observe live).
        practice.context.live_platforms.add(PLATFORM)
        self.commands: dict[str, Callable[[str], Awaitable[None]]] = {}
        for command in COMMANDS:
            run = here.get(command.name) or partial(self._core, command.name)
            self.commands.update(dict.fromkeys(command.words(), run))
        for command in CONSOLE:
            self.commands.update(dict.fromkeys(command.words(), partial(command.run, self)))

    @staticmethod
    def _actor(name: str) -> Actor:
        # The person at the keyboard owns this machine, so they may change channel settings.
        return Actor(PLATFORM, WORKSPACE, member_id(name), name, is_platform_admin=True)

    def say(self, text: str) -> None:
        """Print a block of output followed by a blank line."""
        if text:
            self.out.write(text + "\n\n")
            self.out.flush()

    async def run(self) -> int:
        """Show today's nudge, then read commands until /quit or the end of input."""
        if not await self.scheduler.tick(self.clock.now()):
            self.say(render_reply(await self.practice.daily.today(self.state.actor, self.place)))
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        self.say(self.practice.context.text("console.welcome", lang))
        while self.state.running:
            line = await self.reader.read(f"{self.state.actor.display_name}> ")
            if line is None:
                break
            await self.handle(line)
        return 0

    async def handle(self, line: str) -> None:
        """Run one line of input."""
        line = line.strip()
        if not line:
            return
        await self.scheduler.tick(self.clock.now())
        name, _, rest = line.partition(" ")
        if not name.startswith("/"):
            lang = await self.practice.context.language_for(self.state.actor, self.place)
            self.say("! " + self.practice.context.text("console.not_a_command", lang))
            return
        handler = self.commands.get(name[1:].lower())
        if handler is None:
            await self._show(self.core.run(self.state.actor, self.place, name[1:], rest))
            return
        await handler(rest.strip())

    # ------------------------------------------------------------------ commands

    async def _show(self, reply: Reply | Awaitable[Reply]) -> None:
        if not isinstance(reply, Reply):
            reply = await reply
        self.say(render_reply(reply))
        for card in reply.cards:
            if card.attachment is not None:
                self._save(card.attachment.filename, card.attachment.data)
            if card.image_png is not None:
                # A picture goes beside the export, named for the member (several members
                # may share this terminal through /as).
                user = self.state.actor.user
                self._save(
                    f"ballback-{PLATFORM}-{user}-{Path(card.image_name).name}", card.image_png
                )
        if reply.outbox:
            await self.scheduler.courier.send(reply.outbox)

    def _save(self, filename: str, data: bytes) -> None:
        # A terminal cannot hold a file: it goes to the user's data directory, readable by
        # them alone (an export holds every reflection they wrote), and its path is printed.
        path = self.files_dir / filename
        try:
            self.files_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as file:
                os.fchmod(file.fileno(), 0o600)  # also when the file was already there
                file.write(data)
        except OSError as exc:
            lang = self.practice.defaults.language
            self.say(
                "! "
                + self.practice.context.text(
                    "console.file_failed", lang, path=str(path), error=exc.strerror or str(exc)
                )
            )
            return
        self.say(f"→ {escape(str(path))}")

    async def _settings(self, rest: str) -> None:
        await self._show(
            await self.practice.preferences.settings(self.state.actor, self.place, rest)
        )

    async def _lang(self, rest: str) -> None:
        await self._settings(f"lang {rest}" if rest else "lang")

    async def _quit(self, _: str) -> None:
        self.state.running = False

    async def _core(self, name: str, rest: str) -> None:
        await self._show(self.core.run(self.state.actor, self.place, name, rest))

    async def _setup(self, rest: str) -> None:
        setup_verb, _, target = rest.partition(" ")
        if setup_verb.lower() not in ("grant", "revoke"):
            await self._core("setup", rest)
            return
        # Whom to allow is written the console way (a name, as /as takes it, or @name): parsed
        # here, as the Slack and Discord adapters parse their mentions.
        name = escape(target).strip().removeprefix("@").strip()[:80]
        if not name:
            lang = await self.practice.context.language_for(self.state.actor, self.place)
            self.say("! " + self.practice.context.text("error.grant_usage", lang))
            return
        await self._show(
            self.practice.admin.grant(
                self.state.actor,
                self.place,
                member_id(name),
                name,
                allowed=setup_verb.lower() == "grant",
            )
        )

    async def _as(self, rest: str) -> None:
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        name = escape(rest).strip()[:80]
        if not name:
            self.say("! " + self.practice.context.text("console.as_usage", lang))
            return
        self.state.actor = self._actor(name)
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        self.say(self.practice.context.text("console.now_acting", lang, name=name))

    async def _move_clock(self, target: datetime) -> None:
        """Move the simulated clock forward, running what fell due on the way; each day's
        posts come under that day's date. The clock never goes back: what ran stays run."""
        before = self.clock.now()
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        t = Texts(self.practice.catalog, lang)
        zone = target.tzinfo
        if target < before:
            now = before.astimezone(zone)
            self.say("! " + t("console.clock_backwards", when=f"{t.day(now.date())} {now:%H:%M}"))
            return
        self.clock.set(target)
        self.say(t("console.clock", when=f"{t.day(target.date())} {target:%H:%M}", zone=str(zone)))
        shown = [before.astimezone(zone).date()]

        def heading(instant: datetime) -> None:
            day = instant.astimezone(zone).date()
            if day != shown[-1]:
                shown.append(day)
                self.say(f"— {t.day(day)} —")

        await self.scheduler.advance(before, target, heading)

    async def _day(self, rest: str) -> None:
        words = rest.split()
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        try:
            if not 1 <= len(words) <= 2:
                raise InputError("console.day_usage")
            day = parse_date(words[0])
            at = parse_time(words[1]) if len(words) == 2 else time(12, 0)
        except InputError as error:
            self.say("! " + self.practice.context.text(error.key, lang, **error.params))
            return
        zone = await self.practice.context.zone_for(self.state.actor, self.place)
        target = datetime.combine(day, at, zone)
        if target - self.clock.now() > MAX_JUMP:
            # Every day in between is simulated (nudges, rounds, reminders): a jump of
            # centuries would post for hours, and near year 9999 the dates overflow.
            self.say(
                "! " + self.practice.context.text("console.day_too_far", lang, days=MAX_JUMP.days)
            )
            return
        await self._move_clock(target)

    async def _time(self, rest: str) -> None:
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        try:
            if not rest:
                raise InputError("console.time_usage")
            at = parse_time(rest)
        except InputError as error:
            self.say("! " + self.practice.context.text(error.key, lang, **error.params))
            return
        zone = await self.practice.context.zone_for(self.state.actor, self.place)
        today = self.clock.now().astimezone(zone).date()
        await self._move_clock(datetime.combine(today, at, zone))

    async def _say(self, rest: str) -> None:
        """``/say TEXT``: the member speaks in their practice space (a written role-play)."""
        actor = self.state.actor
        lang = await self.practice.context.language_for(actor, self.place)
        if not rest:
            self.say("! " + self.practice.context.text("console.say_usage", lang))
            return
        number = await self.rounds.say(actor, self.place, rest)
        if number is None:
            self.say("! " + self.practice.context.text("round.no_group", lang))
            return
        where = f"#{escape(self.place.channel)} › {number}"
        self.say(f"[{where}] {escape(actor.display_name)}: {escape(rest)}")

    async def _form_command(self, name: str, rest: str) -> None:
        """A core command that answers with a form (``/reflect``, ``/observe``): its fields
        asked one by one, then submitted."""
        actor = self.state.actor
        reply = await self.core.run(actor, self.place, name, rest)
        form = reply.form
        if form is None:
            await self._show(reply)
            return
        await self._fill(
            reply, lambda answers: self.core.submit(actor, self.place, form.id, answers)
        )

    async def _feedback(self, rest: str) -> None:
        actor = self.state.actor
        number = number_in(rest)
        if rest and number is None:
            lang = await self.practice.context.language_for(actor, self.place)
            self.say("! " + self.practice.context.text("console.feedback_usage", lang))
            return
        reply = await self.rounds.feedback(actor, self.place, number)
        form = reply.form
        if form is None:
            await self._show(reply)
            return
        await self._fill(
            reply, lambda answers: self.rounds.submit_feedback(actor, self.place, form.id, answers)
        )

    async def _fill(
        self, reply: Reply, submit: Callable[[Mapping[str, str]], Awaitable[Reply]]
    ) -> None:
        """Ask a form's fields one by one, each checked as it is typed, then submit; ask again
        only what the core still refused."""
        form = reply.form
        if form is None:
            await self._show(reply)
            return
        lang = await self.practice.context.language_for(self.state.actor, self.place)
        t = Texts(self.practice.catalog, lang)
        self.say(
            render_card(Card(title=form.title, body=f"{form.intro}\n{t('console.form_hint')}"))
        )
        answers: dict[str, str] = {}
        pending = list(form.fields)
        while True:
            for field in pending:
                answer = await ask(field, t, self.reader, self.out)
                if isinstance(answer, Stop):
                    self.say("! " + t("console.form_cancelled", what=escape(form.title)))
                    if answer is Stop.QUIT:
                        self.state.running = False
                    return
                answers[field.id] = answer
            result = await submit(answers)
            if result.ok:
                await self._show(result)
                return
            self.say(render_errors(result.errors))
            pending = [f for f in form.fields if f.id in result.errors]
            if not pending:  # a refusal not tied to a field: nothing to ask again
                return


def language_arg(value: str) -> str:
    """argparse type for ``--lang``."""
    try:
        return parse_language(value)
    except InputError:
        raise ValueError(value) from None


__all__ = ["ConsoleChat", "ConsoleRepl", "Form", "LineReader", "language_arg"]
