"""The Discord client: ``/practice`` slash commands, buttons and modals on discord.py.

This module only translates: an interaction becomes an ``Actor``, a ``Place`` and plain
answers for the core, and the core's ``Reply`` is rendered back as embeds, buttons and
modals (the ``/practice`` tree itself is built in ``adapters.discord.slash``). Decisions (who
may do what, what is valid) are the core's. Everything that touches the store is deferred
first (Discord's 3 s deadline) and answered with a follow-up; a modal must be the initial
response, so the form is built first (that is fast).

Buttons (``bb:``) and modals (``bbform:``) are routed by ``on_interaction`` from their
custom_id alone, so they keep working after a restart.

Discord has no user time zones: until a member sets theirs (``/practice settings tz …``) the
channel's applies, and the first follow-up they get in a guild says so in one line (once per
member and guild, claimed in the store, so a restart does not repeat it).

Every interaction is claimed once in the store (``Practice.first_time``) before the core sees
it: two instances sharing a token both receive it, and only the claim's winner acts on it. The
claim comes right after the defer, so the 3 s answer never waits for the write; a duplicate's
defer is refused by Discord (40060) and ignored, and the winner follows up either way (the
follow-up only needs the interaction's token). A modal must be the initial response, so a verb
answered with a modal is claimed first.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands

from adapters.discord.escape import escape_own, escape_untrusted
from adapters.discord.render import (
    BUTTON_PREFIX,
    FORM_PREFIX,
    file_names,
    form_modal,
    modal_values,
    parse_custom_id,
    reply_cards,
    send_kwargs,
)
from adapters.discord.slash import PracticeGroup, RegistryTranslator
from bot.clock import Clock, SystemClock
from bot.commands import Commands
from bot.delivery import Courier
from bot.messages import Reply
from bot.model import Actor, Place
from bot.ports import AlreadyHandled
from bot.practice import Practice
from bot.registry import COMMANDS
from bot.rounds import Rounds
from bot.usecases.zone_notice import ZoneNotice

log = logging.getLogger("ballback.discord")

PLATFORM = "discord"
COMMAND = "/practice"
# A member as Discord writes it in text: <@123> or <@!123>.
MENTION = re.compile(r"<@!?(?P<user>[0-9]{15,21})>")
# Verbs answered with a modal: the form is built before any defer.
MODAL_VERBS = frozenset(command.name for command in COMMANDS if command.form)
ALREADY_ACKNOWLEDGED = 40060  # another delivery of the interaction answered first
# An interaction's token takes follow-ups for 15 minutes; the margin covers the send itself
# and clock skew between us and Discord.
TOKEN_LIFETIME = timedelta(minutes=15)
TOKEN_MARGIN = timedelta(minutes=1)


@dataclass
class DiscordContext:
    """What the handlers share: the core and delivery."""

    practice: Practice
    rounds: Rounds
    courier: Courier


def actor_of(interaction: discord.Interaction, guild: str) -> Actor:
    """The person who acted; Manage Server or Manage Channels make a platform admin."""
    permissions = interaction.permissions
    in_guild = interaction.guild_id is not None
    return Actor(
        platform=PLATFORM,
        workspace=guild,
        user=str(interaction.user.id),
        display_name=interaction.user.display_name,
        timezone=None,
        locale=str(interaction.locale),
        is_platform_admin=in_guild and (permissions.manage_guild or permissions.manage_channels),
    )


def command_place(interaction: discord.Interaction) -> Place:
    """The place of a slash command (the tree only offers it in guilds)."""
    return Place(PLATFORM, str(interaction.guild_id or ""), str(interaction.channel_id or ""))


def component_place(interaction: discord.Interaction, guild: str, channel: str) -> Place:
    """The place a button or modal belongs to: the one in its custom_id. In a guild the
    interaction's own guild wins (a custom_id naming another guild keeps only the channel
    the interaction came from)."""
    if interaction.guild_id is not None and str(interaction.guild_id) != guild:
        return Place(PLATFORM, str(interaction.guild_id), str(interaction.channel_id or ""))
    return Place(PLATFORM, guild, channel)


async def first_seen(practice: Practice, interaction: discord.Interaction) -> bool:
    """Claim the interaction in the store: False when another delivery (or instance) has."""
    if await practice.context.first_time(f"{PLATFORM}:{interaction.id}"):
        return True
    log.info("duplicate Discord interaction ignored")
    return False


class BallbackClient(discord.Client):
    """The adapter's gateway client, built per process (no globals).

    ``guild_ids`` syncs the commands to those guilds (instant; for development and tests);
    without them the commands are synced globally. ``sync_commands=False`` skips the sync
    (commands already registered).
    """

    def __init__(
        self,
        context: DiscordContext,
        *,
        guild_ids: Sequence[int] = (),
        sync_commands: bool = True,
        token_clock: Clock | None = None,
        message_content: bool = False,
        **options: Any,
    ) -> None:
        intents = discord.Intents.default()
        # Reading what a pair types in their practice thread (the automatic observer) needs
        # the privileged message-content intent: off unless the operator switched it on
        # (BALLBACK_DISCORD_MESSAGE_CONTENT) and enabled it in the Developer Portal.
        intents.message_content = message_content
        self.message_content = message_content
        if message_content:
            context.practice.context.live_platforms.add(PLATFORM)
        options.setdefault("intents", intents)
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        super().__init__(**options)
        self.context = context
        self.guild_ids = tuple(guild_ids)
        self.sync_commands = sync_commands
        self.tree = app_commands.CommandTree(self)
        # Built once; Discord's subcommands are fixed, so no typed aliases here, and some sit
        # in a group (``/practice admin report``, see ``adapters.discord.slash``).
        self.commands = Commands(
            context.practice,
            context.rounds,
            prefix=f"{COMMAND} ",
            escape=escape_untrusted,
            aliases=False,
            groups=True,
        )
        # Real time, whatever the core's (possibly simulated) clock says: tokens age in it.
        self.token_clock = token_clock or SystemClock()
        self._late: set[asyncio.Future[Any]] = set()  # work that outlived its token
        self.zone_notice = ZoneNotice(context.practice, command=COMMAND)

    async def setup_hook(self) -> None:
        """Register ``/practice`` and sync it."""
        await self.tree.set_translator(RegistryTranslator())
        group = PracticeGroup(self.context.practice.catalog, self.run_command)
        if self.guild_ids:
            for guild_id in self.guild_ids:
                self.tree.add_command(group, guild=discord.Object(guild_id))
                if self.sync_commands:
                    await self.tree.sync(guild=discord.Object(guild_id))
        else:
            self.tree.add_command(group)
            if self.sync_commands:
                await self.tree.sync()

    # -- answering ---------------------------------------------------------------------------

    async def _deliver(self, reply: Reply) -> None:
        # The reply's notices are in the outbox already: have them sent now.
        if reply.outbox:
            await self.context.courier.send(reply.outbox)

    async def _answer_now(
        self, interaction: discord.Interaction, reply: Reply, place: Place
    ) -> None:
        """The initial response: a modal for a form, else an ephemeral message."""
        if reply.form is not None:
            await interaction.response.send_modal(form_modal(reply.form, place))
        else:
            await interaction.response.send_message(
                **send_kwargs(reply_cards(reply), place), ephemeral=True
            )
        await self._deliver(reply)

    async def _follow_up(
        self, interaction: discord.Interaction, reply: Reply, place: Place, actor: Actor
    ) -> None:
        """The answer after a defer: an ephemeral follow-up (a form cannot open any more),
        with the time-zone notice the first time."""
        cards = reply_cards(reply)
        if reply.form is not None and not cards:
            cards = reply_cards(Reply(errors={"": reply.form.title}))
        notice = await self._zone_notice(actor, place, reply)
        if cards or notice:
            kwargs = send_kwargs(cards, place)
            if notice:
                kwargs["content"] = notice
            try:
                await interaction.followup.send(**kwargs, ephemeral=True)
            except discord.HTTPException as exc:
                if "files" not in kwargs:
                    raise
                # A file Discord refused (too large, say): the member is told, not left waiting.
                await self._file_refused(interaction, reply, place, actor, exc)
        await self._deliver(reply)

    async def _file_refused(
        self,
        interaction: discord.Interaction,
        reply: Reply,
        place: Place,
        actor: Actor,
        exc: discord.HTTPException,
    ) -> None:
        log.warning("Discord refused a file (%s %s)", exc.status, exc.code)
        names = ", ".join(file_names(reply.cards))
        lang = await self.context.practice.context.language_for(actor, place)
        text = self.context.practice.context.text(
            "error.file_not_sent_here", lang, file=names, error=f"{exc.status} {exc.code}"
        )
        # A card whose point is its file goes; one with a picture stays, without it.
        kept = tuple(replace(c, image_png=None) for c in reply.cards if c.attachment is None)
        await interaction.followup.send(
            **send_kwargs(reply_cards(Reply(cards=kept, errors={"": text})), place), ephemeral=True
        )

    async def _finish(
        self,
        interaction: discord.Interaction,
        work: Awaitable[Reply],
        place: Place,
        actor: Actor,
    ) -> None:
        """Do deferred work and follow up, never after the interaction's token expired.

        Work that is not done in time is not cancelled (what a member wrote is still saved
        and its notices still go out); the member is told so while the token is still valid.
        """
        task: asyncio.Task[Reply] = asyncio.ensure_future(work)
        deadline = interaction.created_at + TOKEN_LIFETIME - TOKEN_MARGIN
        remaining = (deadline - self.token_clock.now()).total_seconds()
        done, _ = await asyncio.wait({task}, timeout=max(remaining, 0.0))
        if task in done:
            if isinstance(task.exception(), AlreadyHandled):
                log.info("duplicate Discord interaction ignored")
                return
            await self._follow_up(interaction, task.result(), place, actor)
            return
        log.warning("an interaction's work outlived its token; its answer is not shown")
        self._late.add(task)
        task.add_done_callback(self._finished_late)
        # The member's settings may be what is slow to read: Discord's locale picks the words.
        lang = "nl" if str(interaction.locale).startswith("nl") else "en"
        text = self.context.practice.context.text("error.too_slow", lang, command=COMMAND)
        await interaction.followup.send(
            **send_kwargs(reply_cards(Reply(errors={"": text})), place), ephemeral=True
        )

    def _finished_late(self, task: asyncio.Task[Reply]) -> None:
        self._late.discard(task)
        if task.cancelled():
            return
        if isinstance(error := task.exception(), AlreadyHandled):
            return  # a second delivery of work already done
        if error is not None:
            log.error("late interaction work failed", exc_info=error)
            return
        outbox = task.result().outbox
        if outbox:  # the answer has nowhere to go; notices for others still do
            late = asyncio.ensure_future(self.context.courier.send(outbox))
            self._late.add(late)
            late.add_done_callback(self._late.discard)

    async def _zone_notice(self, actor: Actor, place: Place, reply: Reply) -> str | None:
        """The core's one-time time-zone notice, escaped as Discord text."""
        notice = await self.zone_notice.once(actor, place, reply)
        return escape_own(notice) if notice else None

    # -- claiming ----------------------------------------------------------------------------

    async def _first(self, interaction: discord.Interaction) -> bool:
        """Claim the interaction before answering it (for answers that must come first)."""
        return await first_seen(self.context.practice, interaction)

    async def _defer(self, interaction: discord.Interaction) -> None:
        """Defer (ephemeral); a second delivery's defer is refused by Discord, harmlessly."""
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except discord.HTTPException as exc:
            if exc.code != ALREADY_ACKNOWLEDGED:
                raise

    async def _defer_first(self, interaction: discord.Interaction) -> bool:
        """Defer (ephemeral), then claim the interaction; True when this delivery won the
        claim and must do the work. The defer never waits for the store's write."""
        await self._defer(interaction)
        return await self._first(interaction)

    # -- slash commands ----------------------------------------------------------------------

    async def run_command(
        self, interaction: discord.Interaction, verb: str, rest: str = ""
    ) -> None:
        """Run ``/practice <verb> [rest]`` (or ``/practice <group> <verb> [rest]``) for the
        person who typed it."""
        place = command_place(interaction)
        actor = actor_of(interaction, place.workspace)
        if verb in MODAL_VERBS:
            if await self._first(interaction):
                await self._answer_now(
                    interaction, await self._command(actor, place, verb, rest), place
                )
            return
        if not await self._defer_first(interaction):
            return
        await self._finish(interaction, self._command(actor, place, verb, rest), place, actor)

    async def _command(self, actor: Actor, place: Place, verb: str, rest: str) -> Reply:
        practice = self.context.practice
        setup_verb, _, target = rest.strip().partition(" ")
        if verb == "setup" and setup_verb.lower() in ("grant", "revoke"):
            # Whom to allow is written the Discord way (a mention): parsed here.
            mention = MENTION.fullmatch(target.strip())
            if mention is None:
                return Reply(errors={"": practice.context.text("error.grant_usage", "en")})
            return await practice.admin.grant(
                actor, place, mention["user"], "", allowed=setup_verb.lower() == "grant"
            )
        if verb == "cohort":
            # A trainer is named the Discord way (a mention): the core gets the user id.
            rest = MENTION.sub(lambda m: m["user"], rest)
        return await self.commands.run(actor, place, verb, rest)

    # -- buttons and modals ------------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """What a pair types in their practice thread reaches the automatic observer, which
        reads it only once everyone in the group agreed (``/practice observe live``)."""
        if not self.message_content or message.author.bot or not message.content:
            return
        guild = getattr(message.guild, "id", None) or getattr(message.channel, "guild_id", None)
        if guild is None:
            return  # a direct message is no practice space
        space = str(message.channel.id)
        author = message.author
        actor = Actor(PLATFORM, str(guild), str(author.id), author.display_name)
        place = Place(PLATFORM, str(guild), space)
        await self.context.rounds.heard(actor, place, message.content, space=space)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Route our buttons and modal submits (slash commands go to the tree)."""
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        try:
            if interaction.type is discord.InteractionType.component:
                parsed = parse_custom_id(custom_id, BUTTON_PREFIX)
                if parsed is not None:
                    await self._on_button(interaction, *parsed)
            elif interaction.type is discord.InteractionType.modal_submit:
                parsed = parse_custom_id(custom_id, FORM_PREFIX)
                if parsed is not None:
                    await self._on_modal(interaction, *parsed, modal_values(data))
        except Exception:
            log.exception("a Discord interaction failed")

    async def _on_button(
        self, interaction: discord.Interaction, guild: str, channel: str, action_id: str
    ) -> None:
        place = component_place(interaction, guild, channel)
        actor = actor_of(interaction, place.workspace)
        verb = action_id.partition(":")[0]
        if verb in MODAL_VERBS:
            if await self._first(interaction):
                reply = await self._action(actor, place, action_id)
                await self._answer_now(interaction, reply, place)
            return
        if not await self._defer_first(interaction):
            return
        await self._finish(interaction, self._action(actor, place, action_id), place, actor)

    async def _action(self, actor: Actor, place: Place, action_id: str) -> Reply:
        return await self.commands.click(actor, place, action_id)

    async def _on_modal(
        self,
        interaction: discord.Interaction,
        guild: str,
        channel: str,
        form_id: str,
        answers: dict[str, str],
    ) -> None:
        # A submission claims the interaction in the transaction that stores it (one
        # transaction, not a claim and then the work): a second delivery finds it claimed.
        await self._defer(interaction)
        place = component_place(interaction, guild, channel)
        actor = actor_of(interaction, place.workspace)
        work = self._claimed(f"{PLATFORM}:{interaction.id}", actor, place, form_id, answers)
        await self._finish(interaction, work, place, actor)

    async def _claimed(
        self, key: str, actor: Actor, place: Place, form_id: str, answers: dict[str, str]
    ) -> Reply:
        # Only the submission's own work claims the key: what follows (the answer, its
        # one-time notices) runs outside.
        with self.context.practice.context.once(key):
            return await self._submit(actor, place, form_id, answers)

    async def _submit(
        self, actor: Actor, place: Place, form_id: str, answers: dict[str, str]
    ) -> Reply:
        # Routed by the core; a typed choice label is mapped to its id by its form engine.
        return await self.commands.submit(actor, place, form_id, answers)
