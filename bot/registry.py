"""Every chat command, declared once.

A :class:`Command` names the verb, its aliases per language, its arguments (Discord turns them
into options), the UI key of its help line, who may run it, and the use case it runs. From
:data:`COMMANDS` come the help in every language, the dispatch in :class:`bot.commands.Commands`,
the console's table, Slack's usage hint and Discord's ``/practice`` group, so a command added
here shows up everywhere at once. Discord alone nests a command that names a ``group`` one
level down (``/practice admin report``); the platforms that take typed text ignore the group.

The registry only *describes* who may run a command (for the help and the platforms); the use
case itself still decides (the core re-checks every actor).
"""

from __future__ import annotations

import difflib
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from bot.messages import Field, Reply
from bot.model import Actor, Place
from bot.texts import Texts


class Access(StrEnum):
    """Who may run a command (the use case enforces it; help and platforms show it)."""

    MEMBER = "member"  # any member of the channel
    CHANNEL_ADMIN = "channel_admin"  # the channel's admins (platform admins, or granted)
    SETUP = "setup"  # whoever may set the channel up: platform admins and those they allow


#: Discord's subcommand group of the channel admins' and trainers' commands.
ADMIN = "admin"


class UseCases(Protocol):
    """What a command's runner reaches: the use cases, as ``bot.commands.Commands`` holds them."""

    # Typed loosely on purpose: the help (a use case) reads this registry, so the registry
    # imports no use case module (no import cycle); ``bot.commands.Commands`` has the types.
    practice: Any
    rounds: Any
    mydata: Any
    offdays: Any
    status: Any
    calendar: Any
    cohort: Any
    sharing: Any

    async def help(self, actor: Actor, place: Place) -> Reply:
        """The help, the way this platform spells commands."""
        ...

    async def share(self, actor: Actor, place: Place, rest: str) -> Reply:
        """``share`` and its words about the trainers."""
        ...


Runner = Callable[[UseCases, Actor, Place, str], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a command: a Discord option; on Slack and the console, typed text.

    ``kind`` says what the core expects (``text``, ``number``, ``date``); every platform
    passes it on as text and the use case parses it. ``description`` is a UI key.
    """

    name: str
    description: str
    kind: str = "text"
    optional: bool = True


@dataclass(frozen=True, slots=True)
class Command:
    """One command: ``name`` (what every platform accepts), ``aliases`` per language (accepted
    in every language, shown in the help of their own), arguments, help key, access, the
    Discord subcommand ``group`` it sits in (if any), and the use case it runs
    (``run(use_cases, actor, place, rest)``)."""

    name: str
    run: Any  # a Runner for the core's commands; an adapter's own commands run their own way
    args: tuple[Arg, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    access: Access = Access.MEMBER
    form: bool = False  # answered with a form (Discord must open its modal first)
    help_key: str = ""  # default help.<name>
    usage_key: str = ""  # a UI text that spells the command with its arguments (the console's)
    # Discord takes at most 25 subcommands per group, so some commands sit one level down
    # there (``/practice admin report``). Typed text (Slack, the console) ignores it.
    group: str = ""

    @property
    def help(self) -> str:
        """The UI key of the command's help line."""
        return self.help_key or f"help.{self.name}"

    def aliases_in(self, lang: str) -> tuple[str, ...]:
        """The aliases shown in help in ``lang``."""
        return self.aliases.get(lang, ())

    def words(self) -> tuple[str, ...]:
        """The name and every alias, in every language."""
        return (self.name, *(a for aliases in self.aliases.values() for a in aliases))

    def spelled(self, prefix: str, word: str = "", *, groups: bool = False) -> str:
        """``word`` (default the name) as a member types it: ``/practice report``, or with
        ``groups`` (Discord, whose subcommands sit in groups) ``/practice admin report``."""
        group = f"{self.group} " if groups and self.group else ""
        return f"{prefix}{group}{word or self.name}"


class Registry:
    """An ordered set of commands (help order), looked up by name or alias."""

    def __init__(self, commands: Sequence[Command]) -> None:
        self.commands = tuple(commands)
        self._by_word: dict[str, Command] = {}
        for command in self.commands:
            for word in command.words():
                if word != word.lower() or word in self._by_word:
                    raise ValueError(f"command word {word!r} is not lower-case or not unique")
                self._by_word[word] = command
        # A group shares Discord's namespace with the ungrouped subcommands beside it.
        for group in self.groups():
            if group != group.lower() or group in self._by_word:
                raise ValueError(f"command group {group!r} is not lower-case or not unique")

    def __iter__(self) -> Iterator[Command]:
        return iter(self.commands)

    def __len__(self) -> int:
        return len(self.commands)

    def names(self) -> tuple[str, ...]:
        """Every command's name, in help order."""
        return tuple(c.name for c in self.commands)

    def words(self) -> tuple[str, ...]:
        """Every name and alias."""
        return tuple(self._by_word)

    def groups(self) -> tuple[str, ...]:
        """The Discord subcommand groups the commands name, in order of first appearance."""
        return tuple(dict.fromkeys(c.group for c in self.commands if c.group))

    def find(self, word: str) -> Command | None:
        """The command ``word`` names (a name or an alias in any language, any case)."""
        return self._by_word.get(word.strip().lower())

    def help_fields(
        self, t: Texts, prefix: str, *, aliases: bool = True, groups: bool = False
    ) -> tuple[Field, ...]:
        """One help line per command, spelled as typed on the platform (``prefix``); with
        ``aliases`` (platforms that take typed text) the aliases of ``t``'s language too, with
        ``groups`` (Discord) each command in its subcommand group."""
        return tuple(
            help_field(c, t, prefix, aliases=aliases, groups=groups) for c in self.commands
        )


def help_field(
    command: Command, t: Texts, prefix: str, *, aliases: bool = True, groups: bool = False
) -> Field:
    """A command's help line: ``/practice today, /practice vandaag`` — what it does (with
    ``groups``: ``/practice admin report``)."""
    spelled = command.spelled(prefix, groups=groups)
    label = t(command.usage_key) if command.usage_key else spelled
    if aliases:
        label += "".join(
            f", {command.spelled(prefix, alias, groups=groups)}"
            for alias in command.aliases_in(t.lang)
        )
    text = t(command.help)
    if command.access is not Access.MEMBER:
        text += f" ({t(f'help.access.{command.access}')})"
    return Field(label, text)


def suggestion(word: str, registries: Sequence[Registry]) -> str | None:
    """The command word closest to a mistyped ``word`` (a name or an alias), if any is close."""
    words = [w for registry in registries for w in registry.words()]
    close = difflib.get_close_matches(word.lower(), words, n=1, cutoff=0.6)
    return close[0] if close else None


def _arg(command: str, name: str, kind: str = "text") -> Arg:
    return Arg(name, f"help.arg.{command}.{name}", kind)


#: The commands every chat platform offers, in help order.
COMMANDS = Registry(
    [
        Command(
            "today",
            lambda u, a, p, rest: u.practice.daily.today(a, p),
            aliases={"nl": ("vandaag",)},
        ),
        Command(
            "scenario",
            lambda u, a, p, rest: u.practice.daily.scenario(a, p),
            aliases={"nl": ("casus",)},
        ),
        Command("join", lambda u, a, p, rest: u.rounds.join(a, p), aliases={"nl": ("meedoen",)}),
        Command("leave", lambda u, a, p, rest: u.rounds.leave(a, p), aliases={"nl": ("afmelden",)}),
        Command("round", lambda u, a, p, rest: u.rounds.show(a, p), aliases={"nl": ("ronde",)}),
        Command("brief", lambda u, a, p, rest: u.rounds.brief(a, p), aliases={"nl": ("rol",)}),
        Command("feedback", lambda u, a, p, rest: u.rounds.feedback(a, p), form=True),
        Command(
            "done", lambda u, a, p, rest: u.rounds.outcome(a, p, True), aliases={"nl": ("klaar",)}
        ),
        Command(
            "notdone",
            lambda u, a, p, rest: u.rounds.outcome(a, p, False),
            aliases={"nl": ("nietgedaan",)},
        ),
        Command("swap", lambda u, a, p, rest: u.rounds.swap(a, p), aliases={"nl": ("wissel",)}),
        Command(
            "observe",
            lambda u, a, p, rest: u.rounds.observe(a, p, rest),
            args=(_arg("observe", "text"),),
            aliases={"nl": ("observeer",)},
            form=True,
        ),
        Command(
            "reflect",
            lambda u, a, p, rest: u.practice.reflections.reflection_form(a, p, rest),
            args=(_arg("reflect", "which"),),
            aliases={"nl": ("reflectie",)},
            form=True,
        ),
        Command(
            "share",
            lambda u, a, p, rest: u.share(a, p, rest),
            args=(_arg("share", "text"),),
            aliases={"nl": ("deel",)},
        ),
        Command(
            "streak",
            lambda u, a, p, rest: u.practice.reflections.streak(a, p),
            aliases={"nl": ("reeks",)},
        ),
        Command(
            "settings",
            lambda u, a, p, rest: u.practice.preferences.settings(a, p, rest),
            args=(_arg("settings", "text"),),
            aliases={"nl": ("instellingen",)},
        ),
        Command(
            "pause",
            lambda u, a, p, rest: u.practice.preferences.pause(a, p, rest),
            args=(_arg("pause", "until", "date"),),
            aliases={"nl": ("pauze",)},
        ),
        Command(
            "resume",
            lambda u, a, p, rest: u.practice.preferences.resume(a, p),
            aliases={"nl": ("hervat",)},
        ),
        Command(
            "offdays",
            lambda u, a, p, rest: u.offdays.offdays(a, p, rest),
            args=(_arg("offdays", "text"),),
            aliases={"nl": ("vrijedagen",)},
        ),
        Command(
            "status",
            lambda u, a, p, rest: u.status.status(a, p),
            access=Access.CHANNEL_ADMIN,
            group=ADMIN,
        ),
        Command(
            "cohort",
            lambda u, a, p, rest: u.cohort.cohort(a, p, rest),
            args=(_arg("cohort", "text"),),
            aliases={"nl": ("groep",)},
        ),
        Command(
            "calendar",
            lambda u, a, p, rest: u.calendar.calendar(a, p, rest),
            args=(_arg("calendar", "days", "number"),),
            aliases={"nl": ("kalender",)},
            access=Access.CHANNEL_ADMIN,
            group=ADMIN,
        ),
        Command(
            "report",
            lambda u, a, p, rest: u.practice.admin.report(a, p, rest),
            args=(_arg("report", "weeks", "number"),),
            aliases={"nl": ("rapport",)},
            access=Access.CHANNEL_ADMIN,
            group=ADMIN,
        ),
        Command(
            "setup",
            lambda u, a, p, rest: u.practice.admin.setup(a, p, rest),
            args=(_arg("setup", "text"),),
            aliases={"nl": ("inrichten",)},
            access=Access.SETUP,
            group=ADMIN,
        ),
        Command(
            "export",
            lambda u, a, p, rest: u.mydata.export(a, p),
            aliases={"nl": ("exporteer",)},
        ),
        Command(
            "forget",
            lambda u, a, p, rest: u.mydata.forget(a, p, rest),
            aliases={"nl": ("vergeet",)},
        ),
        Command("help", lambda u, a, p, rest: u.help(a, p), aliases={"nl": ("hulp",)}),
    ]
)
