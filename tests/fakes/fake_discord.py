"""A loopback fake of Discord (REST API v10 + JSON gateway) for driving a real discord.py client.

One aiohttp app on 127.0.0.1 serves both halves:

- REST under ``/api/v10`` (:attr:`FakeDiscord.rest_url`, the value for ``discord.http.Route.BASE``).
  Every request is recorded as a :class:`RestCall`; answers are Discord-shaped, with the exact
  ``Content-Type: application/json`` and the rate-limit headers discord.py reads
  (platform-notes §2.5: with ``…; charset=utf-8`` discord.py would not parse the JSON).
- A JSON-text WebSocket gateway at ``/gateway`` (:attr:`FakeDiscord.gateway_url`): HELLO →
  IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, and :meth:`FakeDiscord.push` for dispatches.

Point a real client at it with :func:`logged_in_client` (or :func:`discord_pointed_at` for the two
class attributes alone)::

    async with FakeDiscord() as fake:
        client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.1)
        async with logged_in_client(fake, client):
            await fake.push("INTERACTION_CREATE", fake.slash_command())
            callback = await fake.wait_for_callback()

Build clients with a small ``guild_ready_timeout`` (discord.py waits that long after the last
GUILD_CREATE before ``on_ready``; the default is 2 s per login).

What the fake checks, like Discord: the bot token on bot routes (``Authorization: Bot <token>``;
interaction callbacks and webhook routes carry none); privileged intents in IDENTIFY (closed
with 4014 unless enabled with ``privileged_intents=``); one initial response per interaction
(``40060``), interactions it never issued (``10062``), the callback type against the
interaction type, modal limits (title ≤45, 1–5 components, custom_id 1–100), message content
(≤2000 chars, ≤10 embeds, not empty), unknown channels/messages/members, DMs to users who
block them (:meth:`FakeDiscord.block_dms`), synced commands' option trees (≤25 a level,
subcommand groups one level deep, descriptions 1–100). Follow-ups need an acknowledged
interaction. :meth:`FakeDiscord.slash_command` sends the ``options`` given, so a nested
``[{"type": 2, "name": "admin", "options": [{"type": 1, "name": "report"}]}]`` comes as
Discord sends it.

Leniency (what is *not* modelled): no real per-route rate limiting (only :meth:`fail_next`);
channel permission overwrites and the bot's own permissions are not enforced; the bot's
messages are not echoed as MESSAGE_CREATE; ``ack_deadline`` (Discord's 3 s) is off by default so
a loaded CI machine cannot flake tests. A thread the bot creates *is* announced with
THREAD_CREATE (so ``guild.get_thread`` works, as in production), and GUILD_CREATE carries only
the bot's own member unless the client identified with the (privileged) members intent.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import math
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from typing import Any, TypeVar

import discord
import yarl
from aiohttp import BodyPartReader, WSMsgType, web

from tests.fakes.servers import Served, serve

Snowflake = str | int
ClientT = TypeVar("ClientT", bound=discord.Client)

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"

DEFAULT_APP_ID = "1000000000000000001"
DEFAULT_GUILD_ID = "2000000000000000001"
DEFAULT_CHANNEL_ID = "3000000000000000001"
DEFAULT_USER_ID = "4000000000000000001"
DEFAULT_MODERATOR_ID = "4000000000000000002"
DEFAULT_OWNER_ID = "4000000000000000099"

# Permission bits (https://discord.com/developers/docs/topics/permissions).
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
MANAGE_THREADS = 1 << 34
#: What a fresh server grants @everyone (as in the recorded payload samples).
DEFAULT_EVERYONE_PERMISSIONS = 1071698660929
ALL_PERMISSIONS = (1 << 51) - 1

# Gateway intents: the privileged ones need a Developer Portal toggle (platform-notes §2.6).
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Interaction types and callback (response) types (platform-notes §2.1).
INTERACTION_APPLICATION_COMMAND = 2
INTERACTION_MESSAGE_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
INTERACTION_MODAL_SUBMIT = 5
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE_RESULT = 8
CALLBACK_MODAL = 9
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    INTERACTION_APPLICATION_COMMAND: frozenset({4, 5, 9}),
    INTERACTION_MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    INTERACTION_AUTOCOMPLETE: frozenset({8}),
    INTERACTION_MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}

# Message flags.
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

# Channel types.
GUILD_TEXT = 0
DM = 1
GUILD_CATEGORY = 4
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12
TEXT_LIKE_CHANNELS = frozenset({GUILD_TEXT, DM, 5, 10, PUBLIC_THREAD, PRIVATE_THREAD})
THREAD_TYPES = frozenset({10, PUBLIC_THREAD, PRIVATE_THREAD})

MAX_CONTENT_CHARS = 2000
MAX_EMBEDS = 10
MAX_MODAL_TITLE_CHARS = 45
MAX_MODAL_COMPONENTS = 5
MAX_CUSTOM_ID_CHARS = 100
MAX_COMMAND_OPTIONS = 25  # options (subcommands, groups) of a command or of one level of it
MAX_DESCRIPTION_CHARS = 100
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2  # application command option types

DEFAULT_PRACTICE_OPTIONS: tuple[dict[str, Any], ...] = ({"name": "today", "type": 1},)

_PARAM = re.compile(r"\{(\w+)\}")
_FIXED_TIMESTAMP = "2024-01-01T00:00:00+00:00"


class DiscordError(Exception):
    """Raised by a route handler to answer with a Discord JSON error (``{message, code}``)."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON error body."""
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


@dataclass(frozen=True)
class RestCall:
    """One REST request the fake received (after ``/api/v10``).

    ``route`` is the matched template in discord.py's own spelling (``"POST
    /channels/{channel_id}/messages"``) or ``None`` for an unknown route; ``params`` are the
    template's values. ``body`` is the parsed JSON (for multipart: the ``payload_json`` part,
    with the uploaded file names in ``files``), raw text for other bodies, ``None`` if empty.
    ``status`` is the status the fake answered with.
    """

    method: str
    path: str
    route: str | None
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    status: int
    files: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """``"METHOD /concrete/path"``."""
        return f"{self.method} {self.path}"

    @property
    def authorization(self) -> str | None:
        """The ``Authorization`` header as sent (``"Bot <token>"`` from discord.py)."""
        return self.headers.get("Authorization")

    def matches(self, method: str, pattern: str) -> bool:
        """Whether ``method`` (or ``"*"``) and ``pattern`` fit this call.

        ``pattern`` is compared with the route template (``/channels/{channel_id}/messages``)
        and the concrete path, each as an exact string or an ``fnmatch`` glob
        (``/channels/*/messages``).
        """
        if method not in ("*", self.method):
            return False
        template = self.route.split(" ", 1)[1] if self.route else None
        return any(
            candidate is not None and (candidate == pattern or fnmatchcase(candidate, pattern))
            for candidate in (template, self.path)
        )


@dataclass(frozen=True)
class InteractionCallback:
    """An accepted initial response (``POST /interactions/{id}/{token}/callback``).

    ``type`` is the callback type (4 message, 5 deferred, 6 deferred update, 7 update, 9 modal),
    ``data`` its ``data`` object (``{}`` when absent), ``interaction_type`` the type of the
    interaction answered and ``elapsed`` the seconds since it was pushed (``None`` if the
    payload was never pushed).
    """

    interaction_id: str
    token: str
    interaction_type: int
    type: int
    data: dict[str, Any]
    elapsed: float | None

    @property
    def ephemeral(self) -> bool:
        """Whether the response message carries the EPHEMERAL flag (64)."""
        return bool(int(self.data.get("flags") or 0) & FLAG_EPHEMERAL)


@dataclass
class _Failure:
    """A queued failure (see :meth:`FakeDiscord.fail_next`)."""

    key: str
    status: int
    retry_after: float
    global_: bool
    code: int
    message: str | None
    via: bool


@dataclass
class _Interaction:
    """What the fake knows about an interaction it issued."""

    id: str
    token: str
    type: int
    channel_id: str
    message_id: str | None = None
    pushed_at: float | None = None
    response_type: int | None = None
    original_message_id: str | None = None


@dataclass
class _Request:
    """A parsed REST request handed to a route handler."""

    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    files: tuple[str, ...] = ()


Reply = tuple[int, Any]
Handler = Callable[[_Request], Awaitable[Reply]]


@dataclass(frozen=True)
class _Route:
    """One REST route: method, template, handler and whether it needs the bot token."""

    method: str
    template: str
    handler: Handler
    auth: bool = True
    pattern: re.Pattern[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        """Compile the template (``{name}`` matches one path segment)."""
        parts = _PARAM.split(self.template)
        regex = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+)"
            for index, part in enumerate(parts)
        )
        object.__setattr__(self, "pattern", re.compile(f"^{regex}$"))

    @property
    def key(self) -> str:
        """``"METHOD /template"``, as discord.py spells its routes."""
        return f"{self.method} {self.template}"

    @property
    def bucket(self) -> str:
        """A stable ``X-RateLimit-Bucket`` value for this route."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:16]


class FakeDiscord(Served):
    """A fake Discord on 127.0.0.1: REST + gateway, recording everything a client sends.

    The guild (``guild_id``) has a category, a ``general`` and a ``practice`` text channel
    (``channel_id``), an @everyone role (:data:`DEFAULT_EVERYONE_PERMISSIONS`), a ``Moderator``
    role (Manage Server + Manage Channels + Manage Threads) and the members: the bot
    (``bot_user_id``, default ``app_id``), ``alice`` (``user_id``), ``mod`` (``moderator_id``,
    with the Moderator role) and the owner (``owner_id``). Add more with :meth:`add_member`
    before the client connects.
    """

    def __init__(
        self,
        token: str = "test-token",
        app_id: Snowflake = DEFAULT_APP_ID,
        guild_id: Snowflake = DEFAULT_GUILD_ID,
        channel_id: Snowflake = DEFAULT_CHANNEL_ID,
        *,
        user_id: Snowflake = DEFAULT_USER_ID,
        moderator_id: Snowflake = DEFAULT_MODERATOR_ID,
        owner_id: Snowflake = DEFAULT_OWNER_ID,
        bot_user_id: Snowflake | None = None,
        guild_name: str = "Practice Guild",
        privileged_intents: int = 0,
        ack_deadline: float | None = None,
        heartbeat_interval_ms: int = 41250,
    ) -> None:
        """Create the fake (not serving yet: call :meth:`start` or use ``async with``).

        ``privileged_intents`` are the privileged intent bits "enabled in the Developer
        Portal" (IDENTIFY asking for others is closed with 4014). ``ack_deadline`` (seconds,
        e.g. Discord's 3.0) makes late initial responses fail with ``10062``.
        """
        self.token = token
        self.app_id = str(app_id)
        self.guild_id = str(guild_id)
        self.channel_id = str(channel_id)
        self.user_id = str(user_id)
        self.moderator_id = str(moderator_id)
        self.owner_id = str(owner_id)
        self.bot_user_id = str(bot_user_id) if bot_user_id is not None else self.app_id
        self.guild_name = guild_name
        self.privileged_intents = privileged_intents
        self.ack_deadline = ack_deadline
        self.heartbeat_interval_ms = heartbeat_interval_ms

        self._ids = itertools.count(5000000000000000001)
        self.users: dict[str, dict[str, Any]] = {}
        #: Guild members (REST shape, without ``permissions``), keyed by user id.
        self.members: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, dict[str, Any]] = {}
        #: Guild channels, threads and DM channels, keyed by id.
        self.channels: dict[str, dict[str, Any]] = {}
        #: Messages sent or edited through the fake (channel, interaction and follow-up).
        self.messages: dict[str, dict[str, Any]] = {}
        self.nonces: dict[str, str] = {}  # nonce -> the message it created (enforce_nonce)
        #: Members of each thread (user ids), keyed by thread id.
        self.thread_members: dict[str, set[str]] = {}
        #: Application commands as synced: ``None`` for global, else the guild id.
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        #: Modals opened with callback type 9, keyed by custom_id (the ``data`` sent).
        self.opened_modals: dict[str, dict[str, Any]] = {}
        self.blocked_dm_users: set[str] = set()

        self.calls: list[RestCall] = []
        self.unknown: list[str] = []
        # (file name, bytes) of every file uploaded in a multipart request, in order.
        self.uploads: list[tuple[str, bytes]] = []
        self.callbacks: list[InteractionCallback] = []
        #: The ``d`` of every IDENTIFY received (token included, as sent).
        self.identify_payloads: list[dict[str, Any]] = []
        #: Every gateway frame received from clients.
        self.gateway_frames: list[dict[str, Any]] = []
        #: The query string of every gateway connection (``v``, ``encoding``, ``compress``).
        self.gateway_queries: list[dict[str, str]] = []
        self.sequence = 0
        self.session_id = "fake-session-1"

        self._command_ids: dict[tuple[str | None, int, str], str] = {}
        self._interactions: dict[str, _Interaction] = {}
        self._last_pushed: str | None = None
        self._dm_channels: dict[str, str] = {}
        self._failures: deque[_Failure] = deque()
        self._changed = asyncio.Condition()
        self._identified = asyncio.Event()
        self._socket: web.WebSocketResponse | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._url: str | None = None
        self._stop: Callable[[], Awaitable[None]] | None = None
        self._routes = self._build_routes()
        self._seed_guild()

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on 127.0.0.1 at an ephemeral port."""
        if self._url is not None:
            raise RuntimeError("FakeDiscord is already started")
        app = web.Application()
        app.router.add_get(GATEWAY_PATH, self._handle_gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_rest)
        self._url, self._stop = await serve(app)

    async def stop(self) -> None:
        """Close gateway connections and stop serving (idempotent)."""
        for socket in list(self._sockets):
            await socket.close(code=1001, message=b"fake discord stopping")
        stop, self._stop, self._url = self._stop, None, None
        if stop is not None:
            await stop()

    @property
    def url(self) -> str:
        """The server root, ``http://127.0.0.1:PORT`` (only while started)."""
        if self._url is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._url

    @property
    def rest_url(self) -> str:
        """``http://127.0.0.1:PORT/api/v10``: the value for ``discord.http.Route.BASE``."""
        return self.url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """``ws://127.0.0.1:PORT/gateway``: for ``DiscordWebSocket.DEFAULT_GATEWAY``."""
        return "ws" + self.url.removeprefix("http") + GATEWAY_PATH

    # -- state set-up ------------------------------------------------------------------------

    def snowflake(self) -> str:
        """A fresh id (increasing, unique within this fake)."""
        return str(next(self._ids))

    def add_user(self, user_id: Snowflake, username: str, *, bot: bool = False) -> dict[str, Any]:
        """Register a user (not a guild member) and return its (mutable) user object."""
        user = {
            "id": str(user_id),
            "username": username,
            "discriminator": "0",
            "global_name": username,
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
            "flags": 0,
        }
        self.users[str(user_id)] = user
        return user

    def add_role(self, name: str, permissions: int, *, role_id: Snowflake | None = None) -> str:
        """Add a guild role and return its id."""
        rid = str(role_id) if role_id is not None else self.snowflake()
        self.roles[rid] = {
            "id": rid,
            "name": name,
            "permissions": str(permissions),
            "position": len(self.roles),
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return rid

    def add_member(
        self,
        user_id: Snowflake,
        username: str,
        *,
        roles: Sequence[Snowflake] = (),
        bot: bool = False,
        nick: str | None = None,
    ) -> dict[str, Any]:
        """Add a guild member (and its user); returns the member object (REST shape)."""
        user = self.users.get(str(user_id)) or self.add_user(user_id, username, bot=bot)
        member = {
            "user": user,
            "roles": [str(role) for role in roles],
            "joined_at": _FIXED_TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": nick,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }
        self.members[str(user_id)] = member
        return member

    def add_text_channel(
        self, name: str, *, channel_id: Snowflake | None = None, parent_id: str | None = None
    ) -> dict[str, Any]:
        """Add a guild text channel and return its (mutable) channel object."""
        cid = str(channel_id) if channel_id is not None else self.snowflake()
        channel = {
            "id": cid,
            "type": GUILD_TEXT,
            "guild_id": self.guild_id,
            "name": name,
            "position": len(self.channels),
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": parent_id,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        self.channels[cid] = channel
        return channel

    def block_dms(self, user_id: Snowflake) -> None:
        """Make messages to ``user_id``'s DM channel fail with 403 ``50007`` (DMs closed)."""
        self.blocked_dm_users.add(str(user_id))

    def member_permissions(self, user_id: Snowflake) -> int:
        """A member's guild permissions: @everyone | its roles; owner/administrator get all."""
        uid = str(user_id)
        if uid == self.owner_id:
            return ALL_PERMISSIONS
        member = self.members.get(uid)
        if member is None:
            raise KeyError(f"{uid} is not a member of the fake guild")
        value = int(self.roles[self.guild_id]["permissions"])
        for role_id in member["roles"]:
            value |= int(self.roles[role_id]["permissions"])
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def dm_channel_id(self, user_id: Snowflake) -> str:
        """The DM channel with ``user_id`` (created on first use, stable afterwards)."""
        uid = str(user_id)
        if uid not in self.users:
            raise KeyError(f"unknown user {uid}")
        if uid not in self._dm_channels:
            cid = self.snowflake()
            self._dm_channels[uid] = cid
            self.channels[cid] = {
                "id": cid,
                "type": DM,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.users[uid]],
            }
        return self._dm_channels[uid]

    def command_id(self, name: str, guild_id: Snowflake | None = None, type_: int = 1) -> str:
        """The id of a command as synced (stable across syncs, as on Discord)."""
        key = (str(guild_id) if guild_id is not None else None, type_, name)
        if key not in self._command_ids:
            self._command_ids[key] = self.snowflake()
        return self._command_ids[key]

    def fail_next(
        self,
        route_key: str,
        status: int = 429,
        retry_after: float = 0.05,
        *,
        global_: bool = False,
        times: int = 1,
        code: int = 0,
        message: str | None = None,
        via: bool = True,
    ) -> None:
        """Answer the next ``times`` requests matching ``route_key`` with ``status``.

        ``route_key`` is ``"METHOD pattern"`` (``"POST /channels/{channel_id}/messages"``, a
        concrete path or a glob: see :meth:`RestCall.matches`). A 429 carries what discord.py's
        limiter reads: ``X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket/Scope``,
        ``Retry-After``, ``Via`` and ``{"message", "retry_after", "global"}``; with
        ``global_=True`` also ``X-RateLimit-Global: true`` (discord.py then pauses every
        request). ``via=False`` drops the ``Via`` header, which discord.py takes for a
        Cloudflare ban (``HTTPException``, no retry). Other statuses answer ``{message, code}``;
        discord.py retries 500/502/504/524 after 1 s, 3 s, ….
        """
        _split_route_key(route_key)
        self._failures.extend(
            _Failure(route_key, status, retry_after, global_, code, message, via)
            for _ in range(times)
        )

    def clear(self) -> None:
        """Forget recorded calls, callbacks, unknown routes and gateway frames (state stays)."""
        self.calls.clear()
        self.unknown.clear()
        self.callbacks.clear()
        self.gateway_frames.clear()

    # -- inspection --------------------------------------------------------------------------

    def calls_to(self, method: str, path_pattern: str) -> list[RestCall]:
        """Recorded calls matching ``method`` (or ``"*"``) and ``path_pattern``, oldest first."""
        return [call for call in self.calls if call.matches(method, path_pattern)]

    def messages_in(self, channel_id: Snowflake) -> list[dict[str, Any]]:
        """Messages stored for a channel, oldest first."""
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id)]

    async def say(self, user_id: Snowflake, channel_id: Snowflake, content: str) -> dict[str, Any]:
        """A member types ``content`` in a channel or thread: stored and pushed as a
        MESSAGE_CREATE. Like Discord, its content reaches the bot only when the bot identified
        with the message-content intent (bit 15); otherwise it arrives empty."""
        channel = self.channels[str(channel_id)]
        message: dict[str, Any] = {
            "id": self.snowflake(),
            "channel_id": str(channel_id),
            "author": {**self.users[str(user_id)]},
            "content": content if (self.intents or 0) & INTENT_MESSAGE_CONTENT else "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if channel["type"] != DM:
            message["guild_id"] = self.guild_id
        self.messages[message["id"]] = {**message, "content": content}
        await self.push("MESSAGE_CREATE", message)
        return message

    @property
    def intents(self) -> int | None:
        """The intents of the latest IDENTIFY (``None`` before any)."""
        return self.identify_payloads[-1]["intents"] if self.identify_payloads else None

    async def wait_for(
        self,
        predicate_or_route: Callable[[RestCall], bool] | str,
        count: int = 1,
        timeout: float = 5.0,
    ) -> list[RestCall]:
        """Wait until ``count`` recorded calls match; return all matching calls.

        ``predicate_or_route`` is a predicate on :class:`RestCall` or ``"METHOD pattern"`` as
        in :meth:`fail_next`. Raises ``AssertionError`` listing the calls seen on timeout.
        """
        predicate = (
            _route_predicate(predicate_or_route)
            if isinstance(predicate_or_route, str)
            else predicate_or_route
        )

        def matching() -> list[RestCall]:
            return [call for call in self.calls if predicate(call)]

        await self._wait_until(
            lambda: len(matching()) >= count,
            timeout,
            lambda: (
                f"{len(matching())} of {count} matching calls; calls seen: "
                f"{[f'{c.key} -> {c.status}' for c in self.calls]}"
            ),
        )
        return matching()

    async def wait_for_callback(
        self, interaction_id: str | None = None, timeout: float = 5.0
    ) -> InteractionCallback:
        """Wait for the accepted initial response to ``interaction_id``.

        Without an id: to the interaction pushed last (so a reply that arrives before this
        call starts waiting is not missed).
        """
        if interaction_id is None:
            interaction_id = self._last_pushed
        if interaction_id is None:
            raise RuntimeError("no interaction was pushed; pass interaction_id")

        def found() -> InteractionCallback | None:
            return next((c for c in self.callbacks if c.interaction_id == interaction_id), None)

        def describe() -> str:
            tried = [c.key + f" -> {c.status}" for c in self.calls_to("POST", "/interactions/*")]
            return f"no accepted callback for interaction {interaction_id}; attempts: {tried}"

        await self._wait_until(lambda: found() is not None, timeout, describe)
        result = found()
        assert result is not None
        return result

    async def wait_ready(self, timeout: float = 5.0) -> None:
        """Wait until a client identified and was sent READY + GUILD_CREATE."""
        try:
            await asyncio.wait_for(self._identified.wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no client identified within {timeout}s; frames seen: {self.gateway_frames}"
            ) from None

    async def _wait_until(
        self, condition: Callable[[], bool], timeout: float, describe: Callable[[], str]
    ) -> None:
        """Wait on the change condition until ``condition()``; ``AssertionError`` on timeout."""
        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(condition), timeout)
        except TimeoutError:
            raise AssertionError(f"after {timeout}s: {describe()}") from None

    async def _notify(self) -> None:
        """Wake every waiter."""
        async with self._changed:
            self._changed.notify_all()

    # -- gateway -----------------------------------------------------------------------------

    async def push(self, event_name: str, data: Mapping[str, Any]) -> int:
        """Send a dispatch (op 0) to the identified client; returns its sequence number.

        An ``INTERACTION_CREATE`` built by this fake starts its ``ack_deadline`` clock here.
        """
        socket = self._socket
        if socket is None or socket.closed:
            raise RuntimeError("no identified gateway connection to push to")
        if event_name == "INTERACTION_CREATE":
            known = self._interactions.get(str(data.get("id")))
            if known is not None:
                known.pushed_at = asyncio.get_running_loop().time()
                self._last_pushed = known.id
        self.sequence += 1
        frame = {"op": 0, "t": event_name, "s": self.sequence, "d": data}
        await socket.send_str(json.dumps(frame))
        return self.sequence

    async def _handle_gateway(self, request: web.Request) -> web.WebSocketResponse:
        """One gateway connection: HELLO, then answer heartbeats, IDENTIFY and RESUME."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.add(socket)
        self.gateway_queries.append(dict(request.query))
        identified = False
        try:
            await _send_frame(
                socket, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(message.data)
                self.gateway_frames.append(frame)
                op = frame.get("op")
                if op == 1:
                    await _send_frame(socket, {"op": 11})
                elif op == 2:
                    if identified:
                        await socket.close(code=4005, message=b"Already authenticated.")
                    else:
                        identified = await self._identify(socket, frame.get("d") or {})
                elif op == 6:
                    identified = await self._resume(socket, frame.get("d") or {})
                await self._notify()
        finally:
            self._sockets.discard(socket)
            if self._socket is socket:
                self._socket = None
        return socket

    async def _identify(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> bool:
        """Check IDENTIFY, then send READY and GUILD_CREATE."""
        self.identify_payloads.append(data)
        if data.get("token") != self.token:
            await socket.close(code=4004, message=b"Authentication failed.")
            return False
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0:
            await socket.close(code=4013, message=b"Invalid intent(s).")
            return False
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await socket.close(code=4014, message=b"Disallowed intent(s).")
            return False
        self._socket = socket
        self.sequence = 0
        ready: dict[str, Any] = {
            "v": 10,
            "user": {**self.users[self.bot_user_id], "verified": True, "mfa_enabled": False},
            "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": self.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
        }
        if data.get("shard") is not None:
            ready["shard"] = data["shard"]
        await self.push("READY", ready)
        await self.push("GUILD_CREATE", self.guild_create(intents))
        self._identified.set()
        return True

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> bool:
        """RESUME: accept this session (nothing is replayed) or invalidate it (op 9)."""
        if data.get("token") != self.token or data.get("session_id") != self.session_id:
            await _send_frame(socket, {"op": 9, "d": False})
            return False
        self._socket = socket
        await self.push("RESUMED", {})
        return True

    def guild_create(self, intents: int = 0) -> dict[str, Any]:
        """The GUILD_CREATE payload (members: the bot only, unless ``intents`` has members)."""
        with_members = bool(intents & INTENT_GUILD_MEMBERS)
        members = [
            dict(member)
            for uid, member in self.members.items()
            if with_members or uid == self.bot_user_id
        ]
        guild_channels = [c for c in self.channels.values() if c["type"] not in (DM, *THREAD_TYPES)]
        threads = [c for c in self.channels.values() if c["type"] in THREAD_TYPES]
        return {
            "id": self.guild_id,
            "name": self.guild_name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_id,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": list(self.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "safety_alerts_channel_id": None,
            "joined_at": _FIXED_TIMESTAMP,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": members,
            "channels": guild_channels,
            "threads": threads,
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    # -- interaction payloads ----------------------------------------------------------------

    def interaction(
        self,
        type_: int,
        data: dict[str, Any],
        user: Snowflake | None = None,
        channel: Snowflake | None = None,
        *,
        permissions: int | str | None = None,
        message: dict[str, Any] | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload (unique id and token), registered for callbacks.

        ``user`` defaults to :attr:`user_id`, ``channel`` to :attr:`channel_id`. In a guild
        channel the payload has ``member`` with its ``permissions`` string (computed from the
        roles unless ``permissions`` is given); in a DM channel (:meth:`dm_channel_id`) it has
        ``user`` and ``context: 1`` instead, as Discord sends.
        """
        uid = str(user) if user is not None else self.user_id
        cid = str(channel) if channel is not None else self.channel_id
        if cid not in self.channels:
            raise KeyError(f"unknown channel {cid}")
        iid = self.snowflake()
        token = f"fake-interaction-token-{iid}"
        channel_obj = self.channels[cid]
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": self.app_id,
            "type": type_,
            "token": token,
            "version": 1,
            "channel_id": cid,
            "channel": channel_obj,
            "app_permissions": str(self.member_permissions(self.bot_user_id)),
            "locale": locale,
            "entitlements": [],
            "attachment_size_limit": 10485760,
            "data": data,
        }
        if channel_obj["type"] == DM:
            if uid not in self.users:
                raise KeyError(f"unknown user {uid}")
            payload.update(
                user=self.users[uid], context=1, authorizing_integration_owners={"0": "0"}
            )
        else:
            if uid not in self.members:
                raise KeyError(f"{uid} is not a member of the fake guild")
            perms = self.member_permissions(uid) if permissions is None else int(permissions)
            payload.update(
                guild_id=self.guild_id,
                guild={"id": self.guild_id, "locale": "en-US", "features": []},
                member={**self.members[uid], "permissions": str(perms)},
                guild_locale="en-US",
                context=0,
                authorizing_integration_owners={"0": self.guild_id},
            )
        if message is not None:
            payload["message"] = message
        self._interactions[iid] = _Interaction(
            iid, token, type_, cid, message_id=message["id"] if message else None
        )
        return payload

    def slash_command(
        self,
        user: Snowflake | None = None,
        channel: Snowflake | None = None,
        name: str = "practice",
        options: Sequence[Mapping[str, Any]] | None = None,
        *,
        permissions: int | str | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A ``/name`` chat-input command (interaction type 2).

        ``options`` defaults to ``[{"name": "today", "type": 1}]`` (the ``/practice today``
        subcommand) for ``practice`` and to none otherwise. ``data.id``/``data.guild_id`` follow
        the last sync: a guild-synced command carries the guild id (discord.py's tree looks
        guild commands up by it), a global or never-synced one does not.
        """
        if options is None:
            options = DEFAULT_PRACTICE_OPTIONS if name == "practice" else ()
        cid = str(channel) if channel is not None else self.channel_id
        in_guild = self.channels.get(cid, {}).get("type") != DM
        guild_synced = in_guild and any(
            command["name"] == name for command in self.commands.get(self.guild_id, [])
        )
        data: dict[str, Any] = {
            "id": self.command_id(name, self.guild_id if guild_synced else None),
            "name": name,
            "type": 1,
            "options": [dict(option) for option in options],
        }
        if guild_synced:
            data["guild_id"] = self.guild_id
        return self.interaction(
            INTERACTION_APPLICATION_COMMAND, data, user, cid, permissions=permissions, locale=locale
        )

    def button(
        self,
        user: Snowflake | None = None,
        channel: Snowflake | None = None,
        custom_id: str = "button",
        message_id: Snowflake | None = None,
        *,
        permissions: int | str | None = None,
    ) -> dict[str, Any]:
        """A button press (interaction type 3, ``component_type`` 2) on a bot message.

        The ``message`` is the stored one with ``message_id`` if the fake has it; otherwise a
        bot message with that id (or a new one) holding the button is created and stored.
        """
        message = self._component_message(channel, message_id, custom_id, 2)
        data = {"custom_id": custom_id, "component_type": 2}
        return self.interaction(
            INTERACTION_MESSAGE_COMPONENT,
            data,
            user,
            message["channel_id"],
            permissions=permissions,
            message=message,
        )

    def select(
        self,
        user: Snowflake | None = None,
        channel: Snowflake | None = None,
        custom_id: str = "select",
        values: Sequence[str] = (),
        message_id: Snowflake | None = None,
        *,
        permissions: int | str | None = None,
    ) -> dict[str, Any]:
        """A string-select choice (interaction type 3, ``component_type`` 3) with ``values``."""
        message = self._component_message(channel, message_id, custom_id, 3)
        data = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
        return self.interaction(
            INTERACTION_MESSAGE_COMPONENT,
            data,
            user,
            message["channel_id"],
            permissions=permissions,
            message=message,
        )

    def modal_submit(
        self,
        user: Snowflake | None = None,
        channel: Snowflake | None = None,
        custom_id: str = "modal",
        values: Mapping[str, str] | None = None,
        *,
        permissions: int | str | None = None,
    ) -> dict[str, Any]:
        """A modal submit (interaction type 5) with text-input (type 4) ``values``.

        If the modal was opened through this fake (callback type 9), the submit mirrors its
        layout (Action Row- or Label-wrapped inputs, as discord.py sent them), ``values`` keys
        may be an input's custom_id or its label, and inputs not given submit ``""``. For a modal
        the fake never saw (e.g. after a restart) the current Label (type 18) shape is used.
        """
        values = dict(values or {})
        opened = self.opened_modals.get(custom_id)
        components = (
            _mirror_modal(opened, values)
            if opened is not None
            else [
                {
                    "type": 18,
                    "id": 2 * index + 1,
                    "component": {"type": 4, "id": 2 * index + 2, "custom_id": key, "value": val},
                }
                for index, (key, val) in enumerate(values.items())
            ]
        )
        data = {"custom_id": custom_id, "components": components}
        return self.interaction(
            INTERACTION_MODAL_SUBMIT, data, user, channel, permissions=permissions
        )

    def _component_message(
        self, channel: Snowflake | None, message_id: Snowflake | None, custom_id: str, kind: int
    ) -> dict[str, Any]:
        """The message a component interaction comes from (stored, or made and stored)."""
        if message_id is not None and str(message_id) in self.messages:
            return self.messages[str(message_id)]
        cid = str(channel) if channel is not None else self.channel_id
        component: dict[str, Any] = {"type": kind, "id": 2, "custom_id": custom_id}
        if kind == 2:
            component.update(style=1, label=custom_id)
        else:
            component["options"] = []
        message = self._new_message(
            cid,
            {"content": "", "components": [{"type": 1, "id": 1, "components": [component]}]},
            message_id=str(message_id) if message_id is not None else None,
        )
        return message

    # -- REST --------------------------------------------------------------------------------

    def _build_routes(self) -> list[_Route]:
        """The REST routes served (discord.py's template spelling)."""
        r = _Route
        return [
            r("GET", "/gateway", self._get_gateway, auth=False),
            r("GET", "/gateway/bot", self._get_gateway_bot),
            r("GET", "/users/@me", self._get_me),
            r("GET", "/oauth2/applications/@me", self._get_application),
            r("GET", "/applications/{application_id}/commands", self._get_commands),
            r("PUT", "/applications/{application_id}/commands", self._put_commands),
            r(
                "GET",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self._get_commands,
            ),
            r(
                "PUT",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self._put_commands,
            ),
            r("GET", "/channels/{channel_id}", self._get_channel),
            r("POST", "/channels/{channel_id}/messages", self._post_message),
            r("PATCH", "/channels/{channel_id}/messages/{message_id}", self._patch_message),
            r("POST", "/channels/{channel_id}/threads", self._post_thread),
            r("PUT", "/channels/{channel_id}/thread-members/{user_id}", self._put_thread_member),
            r("POST", "/users/@me/channels", self._post_dm),
            r("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member),
            r(
                "POST",
                "/interactions/{webhook_id}/{webhook_token}/callback",
                self._post_callback,
                auth=False,
            ),
            r("POST", "/webhooks/{webhook_id}/{webhook_token}", self._post_followup, auth=False),
            *(
                r(
                    method,
                    "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                    self._webhook_message,
                    auth=False,
                )
                for method in ("GET", "PATCH", "DELETE")
            ),
        ]

    async def _handle_rest(self, request: web.Request) -> web.Response:
        """Route, record and answer one REST request."""
        path = "/" + request.match_info["tail"]
        method = request.method
        query = dict(request.query)
        headers = dict(request.headers)
        try:
            body, files, contents = await _read_body(request)
            self.uploads.extend(zip(files, contents, strict=True))
        except DiscordError as exc:
            await self._record(RestCall(method, path, None, {}, query, None, headers, exc.status))
            return _json(exc.body(), exc.status)

        route, params = self._match(method, path)
        if route is None:
            self.unknown.append(f"{method} {path}")
            await self._record(RestCall(method, path, None, {}, query, body, headers, 404, files))
            return _json({"message": "404: Not Found", "code": 0}, 404)

        call_args = (method, path, route.key, params, query, body, headers)
        failure = self._take_failure(method, path, route)
        if failure is not None:
            await self._record(RestCall(*call_args, failure.status, files))
            return _failure_response(failure, route)

        if route.auth and request.headers.get("Authorization") != f"Bot {self.token}":
            await self._record(RestCall(*call_args, 401, files))
            return _json({"message": "401: Unauthorized", "code": 0}, 401)

        try:
            status, payload = await route.handler(
                _Request(method, path, params, query, body, files)
            )
        except DiscordError as exc:
            await self._record(RestCall(*call_args, exc.status, files))
            return _json(exc.body(), exc.status, _ratelimit_headers(route))
        await self._record(RestCall(*call_args, status, files))
        if status == 204:
            return web.Response(status=204, headers=_ratelimit_headers(route))
        return _json(payload, status, _ratelimit_headers(route))

    def _match(self, method: str, path: str) -> tuple[_Route | None, dict[str, str]]:
        """The route serving ``method path`` and its parameters."""
        for route in self._routes:
            if route.method == method:
                found = route.pattern.match(path)
                if found is not None:
                    return route, found.groupdict()
        return None, {}

    def _take_failure(self, method: str, path: str, route: _Route) -> _Failure | None:
        """Pop the first queued failure whose key fits this request."""
        for failure in self._failures:
            want_method, pattern = _split_route_key(failure.key)
            if want_method not in ("*", method):
                continue
            if any(c == pattern or fnmatchcase(c, pattern) for c in (route.template, path)):
                self._failures.remove(failure)
                return failure
        return None

    async def _record(self, call: RestCall) -> None:
        """Append ``call`` and wake waiters."""
        self.calls.append(call)
        await self._notify()

    # -- REST handlers -----------------------------------------------------------------------

    async def _get_gateway(self, request: _Request) -> Reply:
        """``GET /gateway``."""
        return 200, {"url": self.gateway_url}

    async def _get_gateway_bot(self, request: _Request) -> Reply:
        """``GET /gateway/bot`` (AutoShardedClient asks it for the shard count and URL)."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}
        return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}

    async def _get_me(self, request: _Request) -> Reply:
        """``GET /users/@me``: the bot user (discord.py's ``static_login``)."""
        return 200, {**self.users[self.bot_user_id], "verified": True, "mfa_enabled": False}

    async def _get_application(self, request: _Request) -> Reply:
        """``GET /oauth2/applications/@me`` (``Client.application_info``)."""
        return 200, {
            "id": self.app_id,
            "name": self.users[self.bot_user_id]["username"],
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.users[self.owner_id],
            "verify_key": "00" * 32,
            "flags": 0,
            "team": None,
            "interactions_endpoint_url": None,
            "bot": self.users[self.bot_user_id],
        }

    def _check_app(self, request: _Request) -> str | None:
        """The guild of a commands route (``None``: global), after checking ids."""
        if request.params["application_id"] != self.app_id:
            raise DiscordError(403, 50001, "Missing Access")
        guild_id = request.params.get("guild_id")
        if guild_id is not None and guild_id != self.guild_id:
            raise DiscordError(404, 10004, "Unknown Guild")
        return guild_id

    async def _get_commands(self, request: _Request) -> Reply:
        """``GET …/commands``: the commands as last synced."""
        return 200, self.commands.get(self._check_app(request), [])

    async def _put_commands(self, request: _Request) -> Reply:
        """``PUT …/commands`` (bulk overwrite, ``tree.sync``): echo with stable ids."""
        guild_id = self._check_app(request)
        if not isinstance(request.body, list):
            raise DiscordError(400, 50035, "Invalid Form Body")
        synced = []
        for command in request.body:
            type_ = int(command.get("type", 1))
            name = str(command.get("name", ""))
            if not re.fullmatch(r"[-_\w]{1,32}", name) or (type_ == 1 and name != name.lower()):
                raise DiscordError(400, 50035, f"Invalid Form Body (command name {name!r})")
            if type_ == 1:
                _check_options(command.get("options") or [], depth=0)
            synced.append(
                {
                    "default_member_permissions": None,
                    "nsfw": False,
                    "contexts": None,
                    "integration_types": [0],
                    **command,
                    "id": self.command_id(name, guild_id, type_),
                    "application_id": self.app_id,
                    "type": type_,
                    "version": self.snowflake(),
                    **({"guild_id": guild_id} if guild_id is not None else {}),
                }
            )
        self.commands[guild_id] = synced
        return 200, synced

    def _channel(self, channel_id: str) -> dict[str, Any]:
        """A known channel or 404 ``10003``."""
        channel = self.channels.get(channel_id)
        if channel is None:
            raise DiscordError(404, 10003, "Unknown Channel")
        return channel

    async def _get_channel(self, request: _Request) -> Reply:
        """``GET /channels/{id}``."""
        return 200, self._channel(request.params["channel_id"])

    async def _post_message(self, request: _Request) -> Reply:
        """``POST /channels/{id}/messages``."""
        channel = self._channel(request.params["channel_id"])
        if channel["type"] not in TEXT_LIKE_CHANNELS:
            raise DiscordError(400, 50008, "Cannot send messages in a non-text channel")
        if channel["type"] == DM and channel["recipients"][0]["id"] in self.blocked_dm_users:
            raise DiscordError(403, 50007, "Cannot send messages to this user")
        body = _message_body(request, files=request.files)
        # Discord's nonce with enforce_nonce: the same author reusing a nonce shortly after
        # gets the message it created then, not a second one (kept for the fake's lifetime).
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            known = self.nonces.get(str(nonce))
            if known is not None:
                return 200, self.messages[known]
        message = self._new_message(channel["id"], body)
        if nonce is not None and body.get("enforce_nonce"):
            self.nonces[str(nonce)] = message["id"]
        return 200, message

    async def _patch_message(self, request: _Request) -> Reply:
        """``PATCH /channels/{id}/messages/{mid}``."""
        self._channel(request.params["channel_id"])
        message = self.messages.get(request.params["message_id"])
        if message is None or message["channel_id"] != request.params["channel_id"]:
            raise DiscordError(404, 10008, "Unknown Message")
        if message["author"]["id"] != self.bot_user_id:
            raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
        return 200, self._edit_message(message, _dict_body(request))

    async def _post_thread(self, request: _Request) -> Reply:
        """``POST /channels/{id}/threads`` (thread without a message; default type 12)."""
        parent = self._channel(request.params["channel_id"])
        if parent["type"] != GUILD_TEXT:
            raise DiscordError(400, 50024, "Cannot execute action on this channel type")
        body = _dict_body(request)
        name = body.get("name")
        type_ = int(body.get("type") or PRIVATE_THREAD)
        archive = int(body.get("auto_archive_duration") or 4320)
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            raise DiscordError(400, 50035, "Invalid Form Body (name)")
        if type_ not in (PUBLIC_THREAD, PRIVATE_THREAD) or archive not in (60, 1440, 4320, 10080):
            raise DiscordError(400, 50035, "Invalid Form Body (type/auto_archive_duration)")
        tid = self.snowflake()
        now = _now()
        thread = {
            "id": tid,
            "guild_id": self.guild_id,
            "parent_id": parent["id"],
            "owner_id": self.bot_user_id,
            "type": type_,
            "name": name,
            "last_message_id": None,
            "rate_limit_per_user": int(body.get("rate_limit_per_user") or 0),
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": archive,
                "archive_timestamp": now,
                "locked": False,
                "invitable": bool(body.get("invitable", True)) if type_ == PRIVATE_THREAD else True,
                "create_timestamp": now,
            },
        }
        self.channels[tid] = thread
        self.thread_members[tid] = {self.bot_user_id}
        member = {"id": tid, "user_id": self.bot_user_id, "join_timestamp": now, "flags": 0}
        if self._socket is not None and not self._socket.closed:
            await self.push("THREAD_CREATE", {**thread, "member": member, "newly_created": True})
        return 201, {**thread, "member": member}

    async def _put_thread_member(self, request: _Request) -> Reply:
        """``PUT /channels/{thread}/thread-members/{user}`` (204)."""
        thread = self._channel(request.params["channel_id"])
        if thread["type"] not in THREAD_TYPES:
            raise DiscordError(400, 50024, "Cannot execute action on this channel type")
        user_id = request.params["user_id"]
        if user_id not in self.members:
            raise DiscordError(404, 10007, "Unknown Member")
        self.thread_members[thread["id"]].add(user_id)
        thread["member_count"] = len(self.thread_members[thread["id"]])
        return 204, None

    async def _post_dm(self, request: _Request) -> Reply:
        """``POST /users/@me/channels`` ``{recipient_id}``: the (stable) DM channel."""
        recipient = str(_dict_body(request).get("recipient_id", ""))
        if recipient not in self.users:
            raise DiscordError(404, 10013, "Unknown User")
        return 200, self.channels[self.dm_channel_id(recipient)]

    async def _get_member(self, request: _Request) -> Reply:
        """``GET /guilds/{g}/members/{user}`` (REST members carry no ``permissions``)."""
        if request.params["guild_id"] != self.guild_id:
            raise DiscordError(404, 10004, "Unknown Guild")
        member = self.members.get(request.params["user_id"])
        if member is None:
            raise DiscordError(404, 10007, "Unknown Member")
        return 200, member

    def _interaction_for(self, interaction_id: str | None, token: str) -> _Interaction:
        """The issued interaction with this token (and id), else 404 ``10062``."""
        found = next((i for i in self._interactions.values() if i.token == token), None)
        if found is None or (interaction_id is not None and found.id != interaction_id):
            raise DiscordError(404, 10062, "Unknown interaction")
        return found

    async def _post_callback(self, request: _Request) -> Reply:
        """``POST /interactions/{id}/{token}/callback``: the initial response."""
        state = self._interaction_for(request.params["webhook_id"], request.params["webhook_token"])
        loop_time = asyncio.get_running_loop().time()
        elapsed = loop_time - state.pushed_at if state.pushed_at is not None else None
        if self.ack_deadline is not None and elapsed is not None and elapsed > self.ack_deadline:
            raise DiscordError(404, 10062, "Unknown interaction")
        if state.response_type is not None:
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        body = _dict_body(request)
        type_ = body.get("type")
        if type_ not in ALLOWED_CALLBACKS[state.type]:
            raise DiscordError(400, 50035, f"Invalid Form Body (callback type {type_!r})")
        data = body.get("data") or {}
        if not isinstance(data, dict):
            raise DiscordError(400, 50035, "Invalid Form Body (data)")

        resource: dict[str, Any] | None = None
        if type_ == CALLBACK_MODAL:
            _check_modal(data)
            self.opened_modals[str(data["custom_id"])] = data
        elif type_ == CALLBACK_MESSAGE:
            message = self._new_message(
                state.channel_id, _message_body(request, data, request.files), interaction=True
            )
            state.original_message_id = message["id"]
            resource = {"type": type_, "message": message}
        elif type_ == CALLBACK_DEFERRED_MESSAGE:
            flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._new_message(
                state.channel_id, {"content": "", "flags": flags}, interaction=True
            )
            state.original_message_id = message["id"]
            resource = {"type": type_, "message": message}
        elif type_ in (CALLBACK_DEFERRED_UPDATE, CALLBACK_UPDATE_MESSAGE):
            state.original_message_id = state.message_id
            if type_ == CALLBACK_UPDATE_MESSAGE and state.message_id in self.messages:
                message = self._edit_message(self.messages[state.message_id], data)
                resource = {"type": type_, "message": message}
        state.response_type = type_
        self.callbacks.append(
            InteractionCallback(state.id, state.token, state.type, type_, data, elapsed)
        )
        answer: dict[str, Any] = {
            "interaction": {
                "id": state.id,
                "type": state.type,
                "response_message_loading": type_ == CALLBACK_DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & FLAG_EPHEMERAL),
            }
        }
        if resource is not None:
            answer["interaction"]["response_message_id"] = resource["message"]["id"]
            answer["resource"] = resource
        return 200, answer

    def _acknowledged(self, request: _Request) -> _Interaction:
        """The acknowledged interaction behind a webhook route, else 404 ``10015``."""
        if request.params["webhook_id"] != self.app_id:
            raise DiscordError(404, 10015, "Unknown Webhook")
        try:
            state = self._interaction_for(None, request.params["webhook_token"])
        except DiscordError:
            raise DiscordError(404, 10015, "Unknown Webhook") from None
        if state.response_type is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        return state

    async def _post_followup(self, request: _Request) -> Reply:
        """``POST /webhooks/{app}/{token}``: a follow-up message."""
        state = self._acknowledged(request)
        body = _message_body(request, files=request.files)
        return 200, self._new_message(state.channel_id, body, interaction=True)

    async def _webhook_message(self, request: _Request) -> Reply:
        """``GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{id|@original}``."""
        state = self._acknowledged(request)
        mid = request.params["message_id"]
        if mid == "@original":
            mid = state.original_message_id or ""
        message = self.messages.get(mid)
        if message is None or message["channel_id"] != state.channel_id:
            raise DiscordError(404, 10008, "Unknown Message")
        if request.method == "DELETE":
            del self.messages[mid]
            return 204, None
        if request.method == "PATCH":
            message = self._edit_message(message, _dict_body(request))
            message["flags"] = int(message["flags"]) & ~FLAG_LOADING
        return 200, message

    # -- messages ----------------------------------------------------------------------------

    def _new_message(
        self,
        channel_id: str,
        body: Mapping[str, Any],
        *,
        message_id: str | None = None,
        interaction: bool = False,
    ) -> dict[str, Any]:
        """Store and return a message by the bot (``webhook_id`` set for interaction replies)."""
        mid = message_id or self.snowflake()
        channel = self.channels[channel_id]
        message: dict[str, Any] = {
            "id": mid,
            "channel_id": channel_id,
            "author": {**self.users[self.bot_user_id]},
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": list(body.get("embeds") or []),
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
            "components": list(body.get("components") or []),
        }
        if channel["type"] != DM:
            message["guild_id"] = self.guild_id
        if interaction:
            message.update(webhook_id=self.app_id, application_id=self.app_id)
        self.messages[mid] = message
        channel["last_message_id"] = mid
        return message

    def _edit_message(self, message: dict[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
        """Apply an edit (content/embeds/components/flags) and return the message."""
        _check_content(body, require=False)
        for key, empty in (("content", ""), ("embeds", []), ("components", [])):
            if key in body:
                message[key] = body[key] if body[key] is not None else empty
        if body.get("flags") is not None:
            message["flags"] = int(body["flags"])
        message["edited_timestamp"] = _now()
        return message

    def _seed_guild(self) -> None:
        """The default guild: roles, members and channels (see the class docstring)."""
        self.add_role("@everyone", DEFAULT_EVERYONE_PERMISSIONS, role_id=self.guild_id)
        moderator = self.add_role("Moderator", MANAGE_GUILD | MANAGE_CHANNELS | MANAGE_THREADS)
        bot_role = self.add_role("ballback", MANAGE_THREADS)
        self.roles[bot_role]["managed"] = True
        self.add_member(self.bot_user_id, "ballback", roles=[bot_role], bot=True)
        self.add_member(self.user_id, "alice")
        self.add_member(self.moderator_id, "mod", roles=[moderator])
        self.add_member(self.owner_id, "owner")
        category = self.snowflake()
        self.channels[category] = {
            "id": category,
            "type": GUILD_CATEGORY,
            "guild_id": self.guild_id,
            "name": "Ballback",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "flags": 0,
        }
        self.add_text_channel("general")
        self.add_text_channel("practice", channel_id=self.channel_id, parent_id=category)


# -- pointing discord.py at the fake ---------------------------------------------------------


@contextlib.contextmanager
def discord_pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Set ``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` to the fake.

    Both are class attributes read when a request/connection is made (platform-notes §2.11),
    so keep this active for the client's whole life; the old values are restored on exit.
    """
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.rest_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def logged_in_client(
    fake: FakeDiscord, client: ClientT, *, token: str | None = None, timeout: float = 5.0
) -> AsyncIterator[ClientT]:
    """Log ``client`` in to ``fake``, connect it and wait for ``on_ready``; close it on exit.

    Runs ``client.login`` (``GET /users/@me``, ``GET /oauth2/applications/@me``,
    ``setup_hook``) and ``client.connect(reconnect=False)`` in a task inside
    :func:`discord_pointed_at`. Errors of the connect task (say ``PrivilegedIntentsRequired``)
    are raised here, before ready or on exit. Build the client with a small
    ``guild_ready_timeout`` (e.g. 0.1) or ``on_ready`` takes 2 s.
    """
    with discord_pointed_at(fake):
        connect: asyncio.Task[None] | None = None
        try:
            await client.login(token if token is not None else fake.token)
            connect = asyncio.create_task(client.connect(reconnect=False), name="fake-connect")
            await _wait_until_ready(client, connect, timeout)
            yield client
        finally:
            error = await _shut_down(client, connect, timeout)
        if error is not None:
            raise error


async def _wait_until_ready(
    client: discord.Client, connect: asyncio.Task[None], timeout: float
) -> None:
    """Wait for ``client.wait_until_ready()``, failing fast if the connect task ends first."""
    ready = asyncio.create_task(client.wait_until_ready(), name="fake-wait-ready")
    try:
        done, _ = await asyncio.wait(
            {ready, connect}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        if not ready.done():
            ready.cancel()
    if ready in done:
        return
    if connect in done:
        connect.result()
        raise RuntimeError("client.connect() returned before the client became ready")
    raise AssertionError(f"the client was not ready within {timeout}s")


async def _shut_down(
    client: discord.Client, connect: asyncio.Task[None] | None, timeout: float
) -> BaseException | None:
    """Close the client and end its connect task; return the task's error, if any."""
    await client.close()
    if connect is None:
        return None
    done, _ = await asyncio.wait({connect}, timeout=timeout)
    if not done:
        connect.cancel()
        await asyncio.wait({connect})
        return None
    return None if connect.cancelled() else connect.exception()


# -- helpers ---------------------------------------------------------------------------------


def _route_predicate(route_key: str) -> Callable[[RestCall], bool]:
    """A predicate matching calls to ``"METHOD pattern"`` (see :meth:`RestCall.matches`)."""
    method, pattern = _split_route_key(route_key)
    return lambda call: call.matches(method, pattern)


def _split_route_key(route_key: str) -> tuple[str, str]:
    """``"METHOD pattern"`` → (method, pattern); a bare ``"/pattern"`` means any method."""
    if route_key.startswith("/"):
        return "*", route_key
    method, _, pattern = route_key.partition(" ")
    if not pattern.startswith("/"):
        raise ValueError(f"expected 'METHOD /path', got {route_key!r}")
    return method.upper(), pattern


def _now() -> str:
    """The current time as an ISO 8601 timestamp (Discord's format)."""
    return datetime.now(UTC).isoformat()


def _json(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json``.

    discord.py's ``json_or_text`` compares the header with ``==``; aiohttp's ``json_response``
    adds ``; charset=utf-8`` and discord.py would then see a string (platform-notes §2.5).
    """
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def _ratelimit_headers(route: _Route) -> dict[str, str]:
    """Headers of a request well within its (pretend) bucket."""
    return {
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "4",
        "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
        "X-RateLimit-Bucket": route.bucket,
    }


def _failure_response(failure: _Failure, route: _Route) -> web.Response:
    """The answer for a queued failure (429s shaped for discord.py's limiter)."""
    if failure.status != 429:
        default = {403: "Missing Permissions", 404: "404: Not Found"}.get(
            failure.status, f"{failure.status}: Error"
        )
        body = {"message": failure.message or default, "code": failure.code}
        return _json(body, failure.status)
    headers = {
        "Retry-After": str(max(1, math.ceil(failure.retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + failure.retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{failure.retry_after:.3f}",
        "X-RateLimit-Bucket": route.bucket,
        "X-RateLimit-Scope": "global" if failure.global_ else "user",
    }
    if failure.global_:
        headers["X-RateLimit-Global"] = "true"
    if failure.via:
        headers["Via"] = "1.1 google"
    body = {
        "message": failure.message or "You are being rate limited.",
        "retry_after": failure.retry_after,
        "global": failure.global_,
    }
    return _json(body, 429, headers)


async def _read_body(
    request: web.Request,
) -> tuple[Any, tuple[str, ...], tuple[bytes, ...]]:
    """A JSON body, the ``payload_json`` of a multipart body (plus the files' names and
    bytes), or raw text."""
    if not request.can_read_body:
        return None, (), ()
    if request.content_type == "multipart/form-data":
        payload: Any = None
        files: list[str] = []
        contents: list[bytes] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                payload = _loads(await part.text())
            else:
                files.append(part.filename or part.name or "")
                contents.append(bytes(await part.read()))
        return payload, tuple(files), tuple(contents)
    raw = await request.text()
    if request.content_type == "application/json":
        return (_loads(raw) if raw else None), (), ()
    return (raw or None), (), ()


def _loads(text: str) -> Any:
    """Parse JSON or answer 400 ``50109``."""
    try:
        return json.loads(text)
    except ValueError:
        raise DiscordError(400, 50109, "The request body contains invalid JSON.") from None


def _dict_body(request: _Request) -> dict[str, Any]:
    """The JSON object body (an empty one when absent), else 400 ``50035``."""
    if request.body is None:
        return {}
    if not isinstance(request.body, dict):
        raise DiscordError(400, 50035, "Invalid Form Body")
    return request.body


def _message_body(
    request: _Request, data: Mapping[str, Any] | None = None, files: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A message create body (``data`` for an interaction response), checked like Discord."""
    body = dict(data) if data is not None else _dict_body(request)
    _check_content(body, require=not files)
    return body


def _check_content(body: Mapping[str, Any], *, require: bool) -> None:
    """Content ≤2000 chars, ≤10 embeds and (when ``require``) not empty: 400 otherwise."""
    content = body.get("content")
    if content is not None and len(str(content)) > MAX_CONTENT_CHARS:
        errors = {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH"}]}}
        raise DiscordError(400, 50035, "Invalid Form Body", errors)
    if len(body.get("embeds") or []) > MAX_EMBEDS:
        raise DiscordError(400, 50035, "Invalid Form Body", {"embeds": {"_errors": []}})
    keys = ("content", "embeds", "components", "sticker_ids", "attachments", "poll")
    if require and not any(body.get(key) for key in keys):
        raise DiscordError(400, 50006, "Cannot send an empty message")


def _check_modal(data: Mapping[str, Any]) -> None:
    """Modal limits (platform-notes §2.2): title ≤45, custom_id 1–100, 1–5 components."""
    custom_id = data.get("custom_id")
    title = data.get("title")
    components = data.get("components")
    if not isinstance(custom_id, str) or not 1 <= len(custom_id) <= MAX_CUSTOM_ID_CHARS:
        raise DiscordError(400, 50035, "Invalid Form Body (modal custom_id)")
    if not isinstance(title, str) or not 1 <= len(title) <= MAX_MODAL_TITLE_CHARS:
        raise DiscordError(400, 50035, "Invalid Form Body (modal title)")
    if not isinstance(components, list) or not 1 <= len(components) <= MAX_MODAL_COMPONENTS:
        raise DiscordError(400, 50035, "Invalid Form Body (modal components)")


def _mirror_modal(opened: Mapping[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """Submit components for an opened modal: its layout, with ``values`` (by id or label)."""
    ids = itertools.count(1)
    used: set[str] = set()
    components: list[dict[str, Any]] = []

    def text_input(item: Mapping[str, Any], label: str | None) -> dict[str, Any]:
        custom_id = str(item.get("custom_id"))
        key = custom_id if custom_id in values else label if label in values else None
        if key is not None:
            used.add(key)
        value = values[key] if key is not None else ""
        return {"type": 4, "id": next(ids), "custom_id": custom_id, "value": value}

    for top in opened.get("components") or []:
        if top.get("type") == 1:
            row_id = next(ids)
            inputs = [
                text_input(item, item.get("label"))
                for item in top.get("components") or []
                if item.get("type") == 4
            ]
            components.append({"type": 1, "id": row_id, "components": inputs})
        elif top.get("type") == 18 and (top.get("component") or {}).get("type") == 4:
            label_id = next(ids)
            inner = text_input(top["component"], top.get("label"))
            components.append({"type": 18, "id": label_id, "component": inner})
    unknown = set(values) - used
    if unknown:
        raise ValueError(f"the opened modal has no text inputs {sorted(unknown)}")
    return components


def _check_options(options: Sequence[Mapping[str, Any]], depth: int) -> None:
    """A chat-input command's options as Discord checks them on a sync: at most 25 a level,
    names lower-case and unique, descriptions 1–100 characters; subcommand groups (type 2)
    only at the top, holding subcommands (type 1) only; subcommands not mixed with plain
    options, and holding only plain options."""
    if len(options) > MAX_COMMAND_OPTIONS:
        raise DiscordError(400, 50035, "Invalid Form Body (options: must be 25 or fewer)")
    names = [str(o.get("name", "")) for o in options]
    if len(set(names)) != len(names):
        raise DiscordError(400, 50035, "Invalid Form Body (options: duplicate names)")
    types = {int(o.get("type", 0)) for o in options}
    nesting = types & {SUBCOMMAND, SUBCOMMAND_GROUP}
    allowed = {0: {SUBCOMMAND, SUBCOMMAND_GROUP}, 1: {SUBCOMMAND}}.get(depth, set())
    if nesting - allowed or (nesting and types - nesting):
        raise DiscordError(400, 50035, f"Invalid Form Body (options nested wrongly: {names})")
    for option, name in zip(options, names, strict=True):
        if not re.fullmatch(r"[-_\w]{1,32}", name) or name != name.lower():
            raise DiscordError(400, 50035, f"Invalid Form Body (option name {name!r})")
        if not 1 <= len(str(option.get("description", ""))) <= MAX_DESCRIPTION_CHARS:
            raise DiscordError(400, 50035, f"Invalid Form Body (description of {name!r})")
        if int(option.get("type", 0)) in (SUBCOMMAND, SUBCOMMAND_GROUP):
            _check_options(option.get("options") or [], depth + 1)


async def _send_frame(socket: web.WebSocketResponse, frame: dict[str, Any]) -> None:
    """Send a gateway frame (``s``/``t`` null for non-dispatch ops) as a text frame."""
    await socket.send_str(json.dumps({"s": None, "t": None, "d": None, **frame}))
