"""Discord's ``/practice`` command tree, built from ``bot.registry``.

Each command of the registry becomes a subcommand whose arguments are text options (the core
parses them). Discord takes at most 25 subcommands per group, so a command that names a
``group`` in the registry sits one level down, in a nested group: ``/practice admin report``.
Either way the subcommand's callback hands the same ``(verb, rest)`` to the client.

Descriptions are English with the Dutch beside them (``locale_str`` extras), which
:class:`RegistryTranslator` hands to the sync.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.registry import COMMANDS, Command, help_field
from bot.texts import Texts
from content import Catalog

DESCRIPTION_LIMIT = 100  # characters in a command's or an option's description

#: What a subcommand calls: ``run(interaction, verb, rest)``.
Run = Callable[[discord.Interaction, str, str], Awaitable[None]]


def _description(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


class RegistryTranslator(app_commands.Translator):
    """Discord shows a command's description in the member's client language: the Dutch texts
    travel with each English one as ``locale_str`` extras, and this hands them to the sync."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.dutch:
            return string.extras.get("nl")
        return None


def _localized(en: Texts, nl: Texts, key: Callable[[Texts], str]) -> app_commands.locale_str:
    return app_commands.locale_str(_description(key(en)), nl=_description(key(nl)))


def practice_command(
    command: Command, en: Texts, nl: Texts, run: Run
) -> app_commands.Command[Any, ..., None]:
    """One ``/practice`` subcommand from the registry: its arguments become text options (the
    core parses them), described in English with the Dutch beside it, and the typed values its
    ``rest``."""

    async def callback(interaction: discord.Interaction, **values: str) -> None:
        rest = " ".join(v.strip() for v in (values.get(a.name, "") for a in command.args))
        await run(interaction, command.name, rest.strip())

    positional, keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
    callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("interaction", positional, annotation=discord.Interaction),
            *(
                inspect.Parameter(
                    arg.name,
                    keyword,
                    annotation=str,
                    default="" if arg.optional else inspect.Parameter.empty,
                )
                for arg in command.args
            ),
        ]
    )
    callback.__discord_app_commands_param_description__ = {  # type: ignore[attr-defined]
        arg.name: _localized(en, nl, lambda t, key=arg.description: t(key)) for arg in command.args
    }
    return app_commands.Command(
        name=command.name,
        description=_localized(en, nl, lambda t: help_field(command, t, "", aliases=False).value),
        callback=callback,
    )


class PracticeGroup(app_commands.Group):
    """``/practice …``: one subcommand per command of the registry, each handing its verb and
    options to ``run``; a command with a ``group`` sits in that nested group
    (``/practice admin report``), which Discord lists where its first command stood."""

    def __init__(self, catalog: Catalog, run: Run) -> None:
        en, nl = Texts(catalog, "en"), Texts(catalog, "nl")
        super().__init__(
            name="practice",
            description=_localized(en, nl, lambda t: t("discord.group")),
            guild_only=True,
        )
        nested: dict[str, app_commands.Group] = {}
        for command in COMMANDS:
            subcommand = practice_command(command, en, nl, run)
            if not command.group:
                self.add_command(subcommand)
                continue
            if command.group not in nested:
                # Not limited to admins by Discord's default permissions: trainers run
                # ``report`` too, and the core checks every actor anyway.
                nested[command.group] = app_commands.Group(
                    name=command.group,
                    description=_localized(
                        en, nl, lambda t, group=command.group: t(f"discord.subgroup.{group}")
                    ),
                )
                self.add_command(nested[command.group])
            nested[command.group].add_command(subcommand)
