"""The ``Chat`` port on Slack: channel posts, DMs, and group DMs as practice spaces.

A card with an attachment (a member's data export) or an image (a streak's heat-map) goes as
files, with slack_sdk's ``files_upload_v2``: per file ``files.getUploadURLExternal`` (an image
with its alt text) → a POST of the bytes to the returned ``upload_url``, then one
``files.completeUploadExternal`` with ``channel_id``, which shares them in the conversation as
one message (needs the ``files:write`` scope). Slack shows an image file inline.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

from adapters.slack.render import card_blocks, card_comment, card_text
from bot.messages import Card
from bot.model import MemberRef, Place
from bot.ports import DeliveryError

log = logging.getLogger("ballback.slack")


class SlackDeliveryError(DeliveryError):
    """A ``DeliveryError`` that keeps Slack's error code (``not_in_channel``, or ours:
    ``upload_failed``, ``unreachable``), so a member can be told what went wrong."""

    def __init__(self, message: str, code: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, permanent=code in PERMANENT, retry_after=retry_after)
        self.code = code


# Errors a retry cannot mend: the conversation or member is gone, or the app may not post.
PERMANENT = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "restricted_action",
        "missing_scope",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "msg_too_long",
        "invalid_blocks",
    }
)


def _refused(method: str, exc: Any) -> SlackDeliveryError:
    code = str(exc.response.get("error") or "unknown_error")
    retry_after = None
    if code == "ratelimited":
        headers = getattr(exc.response, "headers", None) or {}
        value = headers.get("Retry-After") or headers.get("retry-after")
        retry_after = float(value) if value and str(value).isdigit() else 1.0
    return SlackDeliveryError(f"Slack refused {method}: {code}", code, retry_after=retry_after)


def files_of(card: Card) -> list[dict[str, Any]]:
    """The files a card sends (``files_upload_v2``'s ``file_uploads``): its attachment, then
    its image, alt text the card's title."""
    uploads: list[dict[str, Any]] = []
    if card.attachment is not None:
        name = card.attachment.filename
        uploads.append({"file": card.attachment.data, "filename": name, "title": name})
    if card.image_png is not None:
        name = card.image_name
        uploads.append(
            {"file": card.image_png, "filename": name, "title": name, "alt_txt": card.title}
        )
    return uploads


class SlackChat:
    """Delivers cards through the Web API client (which retries 429s after Retry-After).

    Posts to one conversation are paced (Slack allows about one message per second per
    channel); the courier paces each workspace to ``posts_per_minute`` (Slack's workspace-wide
    budget, "several hundred messages per minute"), so a daily fan-out never bursts into rate
    limits.
    """

    platform = "slack"
    private_needs_consent = False  # a DM from the app is how Slack apps talk to one member

    def __init__(
        self, client: Any, *, pace_seconds: float = 1.0, posts_per_minute: float | None = 300.0
    ) -> None:
        self.client = client
        self.pace_seconds = pace_seconds
        self.posts_per_minute = posts_per_minute
        self._next_in: dict[str, float] = {}  # per conversation: its next free send time
        self._dm: dict[str, str] = {}

    async def _pace(self, conversation: str) -> None:
        # The slot is reserved before sleeping, so a paced conversation never holds up others.
        now = time.monotonic()
        slot = max(now, self._next_in.get(conversation, 0.0))
        if len(self._next_in) > 4096:
            self._next_in = {key: at for key, at in self._next_in.items() if at > now}
        self._next_in[conversation] = slot + self.pace_seconds
        if slot > now:
            await asyncio.sleep(slot - now)

    async def _send(self, conversation: str, card: Card) -> str:
        uploads = files_of(card)
        if uploads:
            return await self._send_files(conversation, card, uploads)
        return await self._send_message(conversation, card)

    async def _send_message(self, conversation: str, card: Card) -> str:
        from slack_sdk.errors import SlackApiError

        await self._pace(conversation)
        try:
            response = await self.client.chat_postMessage(
                channel=conversation,
                text=card_text(card),
                blocks=card_blocks(card),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise _refused("chat.postMessage", exc) from exc
        except OSError as exc:
            raise SlackDeliveryError(f"Slack could not be reached: {exc}", "unreachable") from exc
        return str(response.get("ts", ""))

    async def _send_files(
        self, conversation: str, card: Card, uploads: list[dict[str, Any]]
    ) -> str:
        """Upload the card's files into the conversation; returns the first file's id.

        The card's title and body become the files' initial comment (one message); a card
        with fields or buttons, which a comment cannot carry, is posted first as a message.
        """
        import aiohttp
        from slack_sdk.errors import SlackApiError, SlackRequestError

        comment: str | None = card_comment(card)
        if card.fields or card.actions:
            await self._send_message(conversation, card)
            comment = None
        await self._pace(conversation)
        try:
            response = await self.client.files_upload_v2(
                file_uploads=uploads, channel=conversation, initial_comment=comment
            )
        except SlackApiError as exc:
            # Either files.getUploadURLExternal or files.completeUploadExternal: the URL says.
            method = str(getattr(exc.response, "api_url", "")).rsplit("/", 1)[-1] or "files"
            raise _refused(method, exc) from exc
        except SlackRequestError as exc:
            # The POST of the bytes to upload_url answered other than 200 (its body may echo
            # the upload URL, so it stays out of the message).
            raise SlackDeliveryError(
                "Slack refused the file's bytes at its upload URL", "upload_failed"
            ) from exc
        except (OSError, aiohttp.ClientError) as exc:  # TimeoutError is an OSError
            raise SlackDeliveryError(
                f"Slack could not be reached: {type(exc).__name__}", "unreachable"
            ) from exc
        return str(((response.get("files") or [{}])[0]).get("id", ""))

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        """Post a card in the channel (Slack has no idempotency key: ``nonce`` is unused)."""
        return await self._send(place.channel, card)

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        """Send a card to the member's DM with the app (kept, unlike an ephemeral message);
        a card's attachment is uploaded there as a file only that member can see."""
        channel = self._dm.get(member.user)
        if channel is None:
            channel = await self._open([member.user])
            self._dm[member.user] = channel
        return await self._send(channel, card)

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """A group DM with the pair or trio (conversations.open takes 2–8 users)."""
        return await self._open([m.user for m in members])

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        """Post a card in the group DM."""
        return await self._send(space, card)

    async def _open(self, users: list[str]) -> str:
        from slack_sdk.errors import SlackApiError

        try:
            response = await self.client.conversations_open(users=",".join(users))
        except SlackApiError as exc:
            raise _refused("conversations.open", exc) from exc
        return str(response["channel"]["id"])
