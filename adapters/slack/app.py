"""The Slack app: slash command, buttons, modals and App Home on slack-bolt's ``AsyncApp``.

This module only translates: Slack payloads become an ``Actor``, a ``Place`` and plain
answers for the core, and the core's ``Reply`` is rendered back as Block Kit. Decisions (who may
do what, what is valid) are the core's. Every request is acknowledged at once; the work
follows (views.open still happens well within the trigger's 3 seconds).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from adapters.slack.chat import SlackChat, SlackDeliveryError
from adapters.slack.escape import escape, plain
from adapters.slack.render import card_blocks, file_note, form_view, home_view, view_answers
from bot.commands import Commands
from bot.delivery import Courier
from bot.messages import Card, Reply, Tone
from bot.model import Actor, Place
from bot.ports import AlreadyHandled, DeliveryError
from bot.practice import Practice
from bot.rounds import Rounds

log = logging.getLogger("ballback.slack")

PLATFORM = "slack"
COMMAND = "/practice"
USER_CACHE_SECONDS = 300.0
# A user as Slack writes it in an escaped slash command: <@U123> or <@U123|name>.
MENTION = re.compile(r"<@(?P<user>[UW][A-Z0-9]+)(?:\|(?P<name>[^>]*))?>")


@dataclass
class SlackContext:
    """What the handlers share: the core, delivery, and a short cache of users.info."""

    practice: Practice
    rounds: Rounds
    chat: SlackChat
    courier: Courier
    users: dict[str, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    # Built once. Every text is escaped when rendered, so a typed command is shown back as is.
    commands: Commands = field(init=False)

    def __post_init__(self) -> None:
        self.commands = Commands(self.practice, self.rounds, prefix=f"{COMMAND} ")


def split_command(text: str) -> tuple[str, str]:
    """``"pause until 2026-12-31"`` → ``("pause", "until 2026-12-31")``."""
    verb, _, rest = text.strip().partition(" ")
    return verb.lower(), rest.strip()


def error_card(reply: Reply) -> Card:
    """A refusal as a card (one line per message)."""
    return Card(title="\n".join(reply.errors.values())[:150], tone=Tone.ERROR, private=True)


def reply_blocks(reply: Reply, files_at: str | None = None) -> list[dict[str, Any]]:
    """Every card of a reply as blocks, refusals first; a card's attachment and image (already
    sent elsewhere) are named under it, linked to ``files_at`` when given."""
    cards = ([error_card(reply)] if reply.errors else []) + list(reply.cards)
    blocks: list[dict[str, Any]] = []
    for card in cards:
        blocks += card_blocks(card)
        for name in file_names(card):
            blocks.append(file_note(name, files_at))
    return blocks[:50]


def file_names(card: Card) -> list[str]:
    """The names of the files that go with a card: its attachment's, its image's."""
    names = [card.attachment.filename] if card.attachment is not None else []
    return names + ([card.image_name] if card.image_png is not None else [])


def private_copy(card: Card) -> Card:
    """What goes to the member's DM for a card answered ephemerally: a card with an
    attachment as it is; a card with only an image, the image with the card's title and body
    as its comment (its fields and buttons are in the answer already)."""
    if card.attachment is not None:
        return card
    return replace(card, fields=(), actions=())


def app_dm_link(body: dict[str, Any], team: str) -> str | None:
    """Slack's link that opens the member's DM with this app (where their files went)."""
    app_id = body.get("api_app_id")
    if not app_id:
        return None
    return "https://slack.com/app_redirect?" + urlencode({"app": app_id, "team": team})


def reply_text(reply: Reply) -> str:
    """The fallback text of a reply (mrkdwn, so escaped: a refusal may quote what a member
    typed, such as ``<!channel>`` given as a time zone)."""
    if reply.errors:
        return escape("; ".join(reply.errors.values()))
    return escape(reply.cards[0].title) if reply.cards else "ok"


def build_app(
    context: SlackContext,
    *,
    signing_secret: str,
    client: Any,
    process_before_response: bool = False,
) -> Any:
    """The ``AsyncApp`` with every listener registered (no globals; built per process)."""
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.response import BoltResponse

    app = AsyncApp(
        signing_secret=signing_secret,
        client=client,
        process_before_response=process_before_response,
        # ballback answers every request itself; bolt's "unhandled request" warnings would log
        # request bodies, which can hold members' text.
        raise_error_for_unhandled_request=False,
    )
    practice = context.practice
    # The manifest subscribes to group-DM messages (message.mpim, mpim:history): live reading
    # is possible here, and still needs every member's yes (bot.usecases.observing).
    practice.context.live_platforms.add(PLATFORM)

    async def actor_of(team: str, user: str, name: str = "") -> Actor:
        info = await _user_info(context, client, user)
        profile = info.get("profile") or {}
        return Actor(
            platform=PLATFORM,
            workspace=team,
            user=user,
            display_name=(
                profile.get("display_name")
                or info.get("real_name")
                or name
                or info.get("name")
                or user
            ),
            timezone=info.get("tz"),
            locale=info.get("locale"),
            is_platform_admin=bool(info.get("is_admin") or info.get("is_owner")),
        )

    async def deliver(reply: Reply) -> None:
        # The reply's notices are in the outbox already: have them sent now.
        if reply.outbox:
            await context.courier.send(reply.outbox)

    async def send_files(reply: Reply, actor: Actor, place: Place) -> Reply:
        # An ephemeral answer cannot carry a file: a card's attachment or image goes to the
        # member's DM with the app instead (Slack shows an image there inline). A refusal
        # becomes the answer, never a stack trace.
        try:
            for card in reply.cards:
                if file_names(card):
                    await context.chat.send_private(place, actor.ref, private_copy(card))
        except DeliveryError as exc:
            log.warning("a file for a member was not delivered: %s", exc)
            code = exc.code if isinstance(exc, SlackDeliveryError) else "delivery_failed"
            names = ", ".join(name for c in reply.cards for name in file_names(c))
            lang = await practice.context.language_for(actor, place)
            text = practice.context.text("error.file_not_sent", lang, file=names, error=code)
            # A card whose point is its file goes; one with a picture stays, without it.
            kept = tuple(replace(c, image_png=None) for c in reply.cards if c.attachment is None)
            return Reply(cards=kept, errors={"": text}, notices=reply.notices, outbox=reply.outbox)
        return reply

    async def answer(
        reply: Reply, actor: Actor, place: Place, body: dict[str, Any], respond: Any
    ) -> None:
        # A form opens as a modal (the trigger is valid for 3 s); anything else is shown to
        # the person who asked only.
        if reply.form is not None:
            view = form_view(reply.form, {"channel": place.channel})
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        reply = await send_files(reply, actor, place)
        await respond(
            text=reply_text(reply),
            blocks=reply_blocks(reply, app_dm_link(body, place.workspace)),
            response_type="ephemeral",
            replace_original=False,
        )
        await deliver(reply)

    @app.middleware
    async def once(body: dict[str, Any], next: Callable[[], Awaitable[Any]]) -> Any:
        # Slack retries events and may deliver an interaction twice: one effect per key,
        # across every instance sharing the database.
        # A form submission claims its key in the transaction that stores it (on_view): one
        # transaction per submission instead of a claim and then the work.
        key = _dedup_key(body) if body.get("type") != "view_submission" else None
        if key is not None and not await practice.context.first_time(f"slack:{key}"):
            log.info("duplicate Slack request ignored")
            return BoltResponse(status=200, body="")
        return await next()

    @app.error
    async def failed(error: Exception, body: dict[str, Any]) -> None:
        # Slack retries a failed event: release its key so the retry is handled, not dropped.
        log.error("a Slack request failed", exc_info=error)
        key = _dedup_key(body)
        if key is not None:
            await practice.context.handling_failed(f"slack:{key}")

    @app.command(COMMAND)
    async def on_command(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        actor = await actor_of(body["team_id"], body["user_id"], body.get("user_name", ""))
        place = Place(PLATFORM, body["team_id"], body["channel_id"])
        verb, rest = split_command(body.get("text", ""))
        reply = await _run_command(context, actor, place, verb, rest)
        await answer(reply, actor, place, body, respond)

    @app.action(re.compile(".+"))
    async def on_action(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        team = (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
        actor = await actor_of(team, body["user"]["id"], body["user"].get("name", ""))
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        action_id = body["actions"][0]["action_id"]
        # A button pressed in a DM may name the channel it is about (a reflection reminder).
        place = Commands.place_of(action_id, Place(PLATFORM, team, channel))
        reply = await context.commands.click(actor, place, action_id)
        await answer(reply, actor, place, body, respond)

    @app.view(re.compile(".+"))
    async def on_view(ack: Any, body: dict[str, Any]) -> None:
        view = body["view"]
        team = (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
        actor = await actor_of(team, body["user"]["id"], body["user"].get("name", ""))
        try:
            channel = str(json.loads(view.get("private_metadata") or "{}").get("channel", ""))
        except (ValueError, AttributeError):
            channel = ""
        place = Place(PLATFORM, team, channel)
        answers = view_answers(view)
        form_id = view.get("callback_id", "")
        key = _dedup_key(body)
        try:
            with practice.context.once(f"slack:{key}") if key else nullcontext():
                reply = await context.commands.submit(actor, place, form_id, answers)
        except AlreadyHandled:
            log.info("duplicate Slack request ignored")
            await ack()
            return
        if reply.errors:
            first = next(iter(answers), "")
            errors = {(k or first): v for k, v in reply.errors.items() if (k or first)}
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        for card in reply.cards:
            await context.chat.send_private(place, actor.ref, card)
        await deliver(reply)

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any]) -> None:
        # What a pair types in their practice space (a group DM) reaches the automatic
        # observer, which reads it only once everyone in the group agreed (observe live).
        if event.get("channel_type") != "mpim" or event.get("subtype") or event.get("bot_id"):
            return
        user, text, space = event.get("user"), event.get("text"), event.get("channel")
        if not (isinstance(user, str) and isinstance(text, str) and isinstance(space, str)):
            return
        team = str(body.get("team_id") or "")
        actor = await actor_of(team, user)
        # The observer reads what was typed, not Slack's escapes ("&lt;") or mention markup.
        said = plain(text)
        await context.commands.rounds.heard(actor, Place(PLATFORM, team, space), said, space=space)

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        actor = await actor_of(body.get("team_id", ""), event["user"])
        reply = await practice.overview.home(actor)
        await client.views_publish(user_id=event["user"], view=home_view(list(reply.cards)))

    return app


async def _run_command(
    context: SlackContext, actor: Actor, place: Place, verb: str, rest: str
) -> Reply:
    setup_verb, _, target = rest.partition(" ")
    if verb == "setup" and setup_verb.lower() in ("grant", "revoke"):
        # Whom to allow is written the Slack way (an escaped mention): parsed here.
        mention = MENTION.fullmatch(target.strip())
        if mention is None:
            return Reply(errors={"": context.practice.context.text("error.grant_usage", "en")})
        return await context.practice.admin.grant(
            actor,
            place,
            mention["user"],
            mention["name"] or "",
            allowed=setup_verb.lower() == "grant",
        )
    if verb in ("cohort", "groep"):
        # A trainer is named the Slack way (an escaped mention): the core gets the user id.
        rest = MENTION.sub(lambda m: m["user"], rest)
    return await context.commands.run(actor, place, verb, rest)


async def _user_info(context: SlackContext, client: Any, user: str) -> dict[str, Any]:
    from slack_sdk.errors import SlackApiError

    cached = context.users.get(user)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    try:
        info = (await client.users_info(user=user)).get("user") or {}
    except SlackApiError as exc:
        log.warning("users.info failed for a member: %s", exc.response.get("error"))
        info = {}
    context.users[user] = (time.monotonic() + USER_CACHE_SECONDS, info)
    return info


def _dedup_key(body: dict[str, Any]) -> str | None:
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("type") == "block_actions":
        actions = body.get("actions") or [{}]
        return f"action:{body.get('trigger_id')}:{actions[0].get('action_ts')}"
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    return None
