"""Send byte-exact, signed Slack requests (commands, interactivity, events) to an app over HTTP.

The driver builds payloads shaped like Slack's (see the shared Slack payload samples),
signs exactly the bytes it sends (``v0:{timestamp}:{body}``, HMAC-SHA256 with the signing
secret) and POSTs them with one shared ``aiohttp.ClientSession``. Given a :class:`FakeSlack`,
``response_url`` fields point at the fake, DM channel ids match the fake's
``conversations.open`` ids, trigger ids are the ones the fake's ``views.open`` will see, and
``block_actions`` carry the fake's stored copy of the clicked message.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from tests.fakes.fake_slack import RESPONSE_URL_PREFIX, FakeSlack

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
#: Where ``response_url`` points without a fake: the discard port on loopback.
NO_FAKE_RESPONSE_URL = "http://127.0.0.1:9/response"

#: A ``view_submission`` state value: a string (plain_text_input), ``None`` (an empty optional
#: plain_text_input) or a full state element such as :func:`static_select` returns.
StateValue = str | dict[str, Any] | None


@dataclass
class Response:
    """The app's HTTP answer (``json`` is the parsed body when it is JSON, else ``None``).

    ``response_url_method`` is the ``Call.method`` the fake records for POSTs to this request's
    ``response_url`` (``None`` for requests without one); ``trigger_id`` is the request's
    trigger id, if it had one.
    """

    status: int
    text: str
    json: Any | None
    headers: dict[str, str] = field(default_factory=dict)
    response_url_method: str | None = None
    trigger_id: str | None = None


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A ``static_select`` state element for :meth:`SlackDriver.view_submission` values."""
    if value is None:
        return {"type": "static_select", "selected_option": None}
    option = {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}
    return {"type": "static_select", "selected_option": option}


def plain_text_input(value: str | None) -> dict[str, Any]:
    """A ``plain_text_input`` state element (what a plain ``str`` value becomes)."""
    return {"type": "plain_text_input", "value": value}


class SlackDriver:
    """Drives a Slack app (e.g. bolt's ``AsyncApp.web_app()``) with signed HTTP requests."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        team_id: str = "T1",
        api_app_id: str = "A1",
        fake: FakeSlack | None = None,
        team_domain: str = "ballback-test",
        verification_token: str = "deprecated-verification-token",
    ) -> None:
        """Target ``url`` (e.g. ``http://127.0.0.1:PORT/slack/events``)."""
        self.url = url
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.fake = fake
        self.team_domain = team_domain
        self.verification_token = verification_token
        self._verifier = SignatureVerifier(signing_secret)
        self._session: aiohttp.ClientSession | None = None
        self._counter = itertools.count(1)

    async def close(self) -> None:
        """Close the HTTP session."""
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> SlackDriver:
        """Use as ``async with SlackDriver(...) as driver``."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Close the HTTP session."""
        await self.close()

    # -- signing and sending -----------------------------------------------------------------

    def sign(self, body: str, timestamp: int) -> str:
        """The ``X-Slack-Signature`` value for ``body`` sent at ``timestamp``."""
        signature = self._verifier.generate_signature(timestamp=str(timestamp), body=body)
        assert signature is not None
        return signature

    async def raw(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """POST ``body`` as is; signed correctly for ``timestamp`` unless ``signature`` is given.

        ``timestamp`` defaults to now (pass ``int(time.time()) - 301`` for a stale request).
        """
        timestamp = int(time.time()) if timestamp is None else timestamp
        if signature is None:
            signature = self.sign(body.decode("utf-8"), timestamp)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(headers or {}),
        }
        if self._session is None:
            self._session = aiohttp.ClientSession()
        async with self._session.post(self.url, data=body, headers=all_headers) as http:
            text = await http.text()
            return Response(
                status=http.status,
                text=text,
                json=_maybe_json(text),
                headers=dict(http.headers),
            )

    async def _send(
        self,
        body: str,
        content_type: str,
        *,
        headers: Mapping[str, str] | None = None,
        response_url_method: str | None = None,
        trigger_id: str | None = None,
    ) -> Response:
        """Encode, sign and POST ``body``; tag the response with the request's ids."""
        response = await self.raw(body.encode("utf-8"), content_type, headers=headers)
        response.response_url_method = response_url_method
        response.trigger_id = trigger_id
        return response

    # -- ids and shared shapes ---------------------------------------------------------------

    def _trigger_id(self) -> str:
        """A unique trigger id shaped like Slack's (``13345224609.738474920.8088…``)."""
        return f"{int(time.time())}{next(self._counter)}.738474920.{uuid.uuid4().hex}"

    def _response_url(self, kind: str) -> tuple[str, str | None]:
        """A fresh response URL and the ``Call.method`` the fake records for it."""
        name = f"{kind}-{next(self._counter)}"
        if self.fake is None:
            return f"{NO_FAKE_RESPONSE_URL}/{name}", None
        return self.fake.response_url(name), RESPONSE_URL_PREFIX + name

    def _user_name(self, user: str) -> str:
        """The user's ``name`` from the fake, else the lower-cased id."""
        if self.fake is not None and user in self.fake.users:
            return str(self.fake.users[user]["name"])
        return user.lower()

    def _user(self, user: str) -> dict[str, Any]:
        """The ``user`` object of interactivity payloads."""
        name = self._user_name(user)
        return {"id": user, "username": name, "name": name, "team_id": self.team_id}

    def _team(self) -> dict[str, Any]:
        """The ``team`` object of interactivity payloads."""
        return {"id": self.team_id, "domain": self.team_domain}

    def _channel_name(self, channel: str) -> str:
        """Slack's ``channel_name`` for a channel id (and register it with the fake)."""
        if channel.startswith("D"):
            name = "directmessage"
        elif self.fake is not None and channel in self.fake.channels:
            name = str(self.fake.channels[channel]["name"])
        else:
            name = "privategroup" if channel.startswith("G") else channel.lower()
        if self.fake is not None and not channel.startswith("D"):
            self.fake.add_channel(channel, name, is_private=channel.startswith("G"))
        return name

    def dm_channel(self, user: str) -> str:
        """The DM channel id between the bot and ``user`` (the fake's, when there is one)."""
        if self.fake is not None:
            return self.fake.dm_channel_id(user)
        return "D" + user.lstrip("UW")

    # -- slash commands ----------------------------------------------------------------------

    async def command(
        self,
        user: str,
        channel: str,
        text: str = "",
        *,
        command: str = "/practice",
        user_name: str | None = None,
        channel_name: str | None = None,
    ) -> Response:
        """A slash command, form-encoded with Slack's fields in Slack's order."""
        response_url, response_method = self._response_url("command")
        trigger_id = self._trigger_id()
        fields = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel,
            "channel_name": channel_name or self._channel_name(channel),
            "user_id": user,
            "user_name": user_name or self._user_name(user),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
        return await self._send(
            urlencode(fields),
            FORM,
            response_url_method=response_method,
            trigger_id=trigger_id,
        )

    # -- interactivity -----------------------------------------------------------------------

    async def interactive(
        self,
        payload: dict[str, Any],
        *,
        response_url_method: str | None = None,
    ) -> Response:
        """Any interactivity payload, sent as Slack does: form-encoded ``payload=<JSON>``."""
        return await self._send(
            urlencode({"payload": json.dumps(payload)}),
            FORM,
            response_url_method=response_url_method,
            trigger_id=payload.get("trigger_id"),
        )

    async def block_action(
        self,
        user: str,
        channel: str,
        action_id: str,
        value: str = "",
        *,
        block_id: str = "b",
        message_ts: str = "1700000000.000100",
        selected: str | None = None,
        ephemeral: bool = False,
    ) -> Response:
        """A ``block_actions`` click on a button (or a ``static_select`` when ``selected``).

        The payload's ``message`` is the fake's stored copy of ``(channel, message_ts)`` when
        there is one. Ephemeral messages carry no ``message`` (as in Slack).
        """
        response_url, response_method = self._response_url("action")
        now = f"{time.time():.6f}"
        action: dict[str, Any]
        if selected is None:
            action = {
                "action_id": action_id,
                "block_id": block_id,
                "text": {"type": "plain_text", "text": "Button", "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": now,
            }
        else:
            action = {
                "action_id": action_id,
                "block_id": block_id,
                "selected_option": static_select(selected)["selected_option"],
                "placeholder": {"type": "plain_text", "text": "Choose", "emoji": True},
                "type": "static_select",
                "action_ts": now,
            }
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
            },
            "trigger_id": self._trigger_id(),
            "team": self._team(),
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": self._channel_name(channel)},
            "state": {"values": {}},
            "response_url": response_url,
            "actions": [action],
        }
        if not ephemeral:
            payload["message"] = self._message(channel, message_ts)
        return await self.interactive(payload, response_url_method=response_method)

    def _message(self, channel: str, ts: str) -> dict[str, Any]:
        """The clicked message: the fake's copy if it has one, else a minimal bot message."""
        if self.fake is not None and (channel, ts) in self.fake.messages:
            return dict(self.fake.messages[(channel, ts)])
        bot_user = self.fake.bot_user_id if self.fake is not None else "UBOT"
        return {"type": "message", "user": bot_user, "text": "", "blocks": [], "ts": ts}

    async def view_submission(
        self,
        user: str,
        callback_id: str,
        values: Mapping[str, StateValue],
        *,
        private_metadata: str = "",
        view_id: str = "V1",
        external_id: str = "",
    ) -> Response:
        """A modal ``view_submission``; each value sits in its own block (block_id = action id).

        ``values`` maps action ids to a ``str`` (a ``plain_text_input``), ``None`` (an empty
        optional input) or a state element such as ``static_select("pair")``.
        """
        state: dict[str, dict[str, Any]] = {}
        blocks: list[dict[str, Any]] = []
        for action_id, value in values.items():
            element = value if isinstance(value, dict) else plain_text_input(value)
            state[action_id] = {action_id: element}
            blocks.append(
                {
                    "type": "input",
                    "block_id": action_id,
                    "label": {"type": "plain_text", "text": action_id},
                    "optional": value is None,
                    "element": {"type": element["type"], "action_id": action_id},
                }
            )
        view = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": blocks,
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": state},
            "hash": f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
            "title": {"type": "plain_text", "text": "Ballback"},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": {"type": "plain_text", "text": "Cancel"},
            "submit": {"type": "plain_text", "text": "Submit"},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": self.api_app_id,
            "external_id": external_id,
            "app_installed_team_id": self.team_id,
            "bot_id": self.fake.bot_id if self.fake is not None else "B1",
        }
        payload = {
            "type": "view_submission",
            "team": self._team(),
            "user": self._user(user),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": self._trigger_id(),
            "view": view,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return await self.interactive(payload)

    # -- Events API --------------------------------------------------------------------------

    async def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
    ) -> Response:
        """An ``event_callback`` wrapping ``event`` (JSON), with a unique ``event_id`` unless
        given; ``retry_num`` adds ``X-Slack-Retry-Num``/``X-Slack-Retry-Reason`` headers."""
        bot_user = self.fake.bot_user_id if self.fake is not None else "UBOT"
        wrapper = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": bot_user,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{uuid.uuid4().hex}",
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return await self._send(json.dumps(wrapper), JSON, headers=headers)

    async def app_home_opened(self, user: str, *, tab: str = "home") -> Response:
        """An ``app_home_opened`` event for ``user`` in the bot's DM with them."""
        ts = f"{time.time():.6f}"
        return await self.event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": self.dm_channel(user),
                "tab": tab,
                "event_ts": ts,
            }
        )

    async def message_im(self, user: str, text: str, *, channel: str | None = None) -> Response:
        """A ``message`` event with ``channel_type: "im"`` from ``user`` to the bot."""
        ts = f"{time.time():.6f}"
        return await self.event(
            {
                "type": "message",
                "channel": channel or self.dm_channel(user),
                "user": user,
                "text": text,
                "ts": ts,
                "event_ts": ts,
                "channel_type": "im",
            }
        )

    async def url_verification(self, challenge: str = "challenge-123") -> Response:
        """Slack's ``url_verification`` handshake (signed like any other request)."""
        body = {"token": self.verification_token, "challenge": challenge}
        return await self._send(json.dumps({**body, "type": "url_verification"}), JSON)


def _maybe_json(text: str) -> Any | None:
    """``text`` parsed as JSON, or ``None`` when it is not JSON."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
