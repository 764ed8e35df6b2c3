"""A loopback fake of the Slack Web API (aiohttp), for driving real slack_sdk / bolt clients.

Point ``AsyncWebClient(token=..., base_url=fake.base_url)`` at it. Every request is recorded as
a :class:`Call`; the answers are Slack-shaped (``{"ok": true, ...}`` or ``{"ok": false,
"error": ...}``) for the methods a bot adapter uses. Nothing leaves 127.0.0.1.

How slack_sdk 3.48's ``AsyncWebClient`` sends the implemented methods (``Call.encoding``):

- JSON body: ``chat.postMessage``, ``chat.postEphemeral``, ``chat.update``, ``views.open``,
  ``views.push``, ``views.publish``, ``views.update``.
- POST with the arguments in the *query string* and an empty body: ``auth.test``,
  ``conversations.open`` (a ``users`` list is joined with commas by the client).
- GET with a query string: ``users.info``, ``conversations.info``, ``chat.getPermalink``.
- POST with no arguments but the app-level token: ``apps.connections.open`` (Socket Mode; it
  answers with the URL of a :class:`tests.fakes.fake_slack_socket.FakeSlackSocket` attached
  to this fake).
- ``files_upload_v2`` makes three requests per file, the last shared: ``files.getUploadURLExternal``
  (POST, query string ``filename``, ``length`` and an image's ``alt_txt``), then a POST of the
  raw bytes (``application/octet-stream``, no token) to the ``upload_url`` it returned (here:
  ``/upload/<file id>`` on this server, recorded as ``Call(method="upload_url")`` with the
  bytes in ``args["content"]``), then one ``files.completeUploadExternal`` for all the files
  (POST, query string ``files`` as a JSON string, ``channel_id``, ``initial_comment``).

Form bodies (what ``api_call(..., data=...)`` and other clients send) are handled too; in form
and query arguments the JSON-string values of keys such as ``blocks`` and ``view`` are decoded.
The token comes from ``Authorization: Bearer ...`` (slack_sdk moves a ``token`` argument there)
or from a ``token`` argument, which is removed from ``Call.args``.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web

from tests.fakes.servers import Served, serve

#: Argument names whose values Slack takes as JSON when sent as form or query parameters.
JSON_VALUED_KEYS = frozenset(
    {
        "blocks",
        "attachments",
        "view",
        "metadata",
        "unfurls",
        "user_auth_blocks",
        "options",
        "files",
    }
)

#: Modal limits from the Slack docs (platform-notes §1.11).
MAX_TITLE_CHARS = 24
MAX_BLOCKS = 100
MAX_PRIVATE_METADATA_CHARS = 3000
MAX_CALLBACK_ID_CHARS = 255
MAX_CONVERSATION_USERS = 8

#: Methods that take the app-level token (``xapp-…``) instead of the bot token.
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})

RESPONSE_URL_PREFIX = "response_url:"
#: ``Call.method`` of a POST of a file's bytes to an ``upload_url`` of
#: ``files.getUploadURLExternal`` (``fail_next(UPLOAD_URL_METHOD, 500)`` makes one fail).
UPLOAD_URL_METHOD = "upload_url"


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    ``method`` is the Web API method (``"chat.postMessage"``) or ``"response_url:<name>"`` for a
    POST to :meth:`FakeSlack.response_url`. ``args`` is the parsed request (query string merged
    with the JSON or form body; JSON-string form values of ``blocks``/``view``/... decoded).
    ``status`` and ``error`` describe the answer given (``error`` is ``None`` when ok), and
    ``encoding`` says how the arguments arrived: ``"json"``, ``"form"``, ``"multipart"``,
    ``"query"`` (query string only), ``"none"`` or ``"unparsed"`` (a body of another type);
    ``"binary"`` for the bytes POSTed to an upload URL.
    """

    method: str
    args: dict[str, Any]
    token: str | None
    status: int = 200
    error: str | None = None
    encoding: str = "json"

    @property
    def ok(self) -> bool:
        """Whether the fake answered this call with ``ok: true``."""
        return self.error is None


@dataclass
class _Failure:
    """A queued failure for one method (see :meth:`FakeSlack.fail_next`)."""

    status: int
    retry_after: int
    error: str


class SlackError(Exception):
    """Raised by a method handler to answer ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, messages: Iterable[str] = ()) -> None:
        super().__init__(error)
        self.error = error
        self.messages = list(messages)

    def body(self) -> dict[str, Any]:
        """The Slack-shaped error body."""
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["response_metadata"] = {"messages": self.messages}
        return body


@dataclass
class _Parsed:
    """Arguments parsed from one request."""

    args: dict[str, Any] = field(default_factory=dict)
    encoding: str = "none"
    error: str | None = None


Handler = Callable[[dict[str, Any]], dict[str, Any]]


class FakeSlack(Served):
    """A fake Slack Web API on 127.0.0.1 that records calls and answers like Slack.

    Leniency (documented so tests know what is *not* checked): ``chat.postMessage`` accepts any
    channel id (a user id ``U…``/``W…`` is answered with that user's DM channel, as Slack does);
    ``chat.update`` and ``views.update`` accept ids the fake never issued; ``views.open`` accepts
    any trigger id but refuses one that was already used (``exchanged_trigger_id``).
    ``conversations.open`` accepts any ``U…``/``W…`` id without registration. Strict:
    ``users.info`` only knows :attr:`users`; ``conversations.info`` only knows channels added
    with :meth:`add_channel` or opened with ``conversations.open``.
    """

    def __init__(
        self,
        token: str = "xoxb-test",
        team_id: str = "T1",
        bot_user_id: str = "UBOT",
        *,
        bot_id: str = "B1",
        app_id: str = "A1",
        team_name: str = "Ballback Test",
        team_domain: str = "ballback-test",
        app_token: str = "xapp-test",
    ) -> None:
        """Create the fake (not yet serving; call :meth:`start` or use ``async with``)."""
        self.token = token
        self.app_token = app_token
        #: Issues a Socket Mode WebSocket URL for ``apps.connections.open``; set by an attached
        #: ``FakeSlackSocket`` (``None``: the app has no Socket Mode endpoint).
        self.issue_socket_url: Callable[[], str] | None = None
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.team_name = team_name
        self.team_domain = team_domain
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        #: Messages posted or updated, keyed by (channel id, ts).
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        #: Views opened, pushed or updated, keyed by view id.
        self.views: dict[str, dict[str, Any]] = {}
        #: The App Home view last published for each user id.
        self.home_views: dict[str, dict[str, Any]] = {}
        self.used_trigger_ids: set[str] = set()
        #: Files by id, from ``files.getUploadURLExternal`` on: ``name``, ``length``,
        #: ``alt_txt`` (an image's description, or ``None``), ``content`` (the uploaded bytes,
        #: ``None`` until uploaded), ``title``, ``channels`` and ``initial_comment`` (set by
        #: ``files.completeUploadExternal``).
        self.files: dict[str, dict[str, Any]] = {}
        self._file_counter = itertools.count(1)
        self.calls: list[Call] = []
        self.unknown: list[str] = []
        self._failures: dict[str, deque[_Failure]] = {}
        self._ts_counter = itertools.count(1)
        self._view_counter = itertools.count(1)
        self._changed = asyncio.Condition()
        self._url: str | None = None
        self._stop: Callable[[], Awaitable[None]] | None = None
        self._handlers: dict[str, Handler] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.publish": self._views_publish,
            "views.update": self._views_update,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "users.info": self._users_info,
            "apps.connections.open": self._apps_connections_open,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "files.completeUploadExternal": self._files_complete_upload_external,
        }
        self.add_user(bot_user_id, name="ballback", is_bot=True)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on 127.0.0.1 at an ephemeral port."""
        if self._url is not None:
            raise RuntimeError("FakeSlack is already started")
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{name}", self._handle_response_url)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        self._url, self._stop = await serve(app)

    async def stop(self) -> None:
        """Stop serving (idempotent)."""
        stop, self._stop, self._url = self._stop, None, None
        if stop is not None:
            await stop()

    @property
    def url(self) -> str:
        """The server root, ``http://127.0.0.1:PORT`` (only while started)."""
        if self._url is None:
            raise RuntimeError("FakeSlack is not started")
        return self._url

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/api/``: the ``base_url`` for ``AsyncWebClient``."""
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        """A URL on the fake whose POSTs are recorded as ``Call(method="response_url:<name>")``."""
        return f"{self.url}/response/{quote(name, safe='')}"

    # -- state set-up ------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        *,
        real_name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        is_primary_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        tz: str = "Europe/Amsterdam",
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """Register a user for ``users.info`` and return its (mutable) user object.

        ``locale`` is only included in answers when the call passes ``include_locale=true``,
        as Slack does.
        """
        name = name if name is not None else user_id.lower()
        real_name = real_name if real_name is not None else name
        now = datetime.now(ZoneInfo(tz))
        offset = now.utcoffset()
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": deleted,
            "real_name": real_name,
            "tz": tz,
            "tz_label": now.tzname() or tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": {"real_name": real_name, "display_name": name, "team": self.team_id},
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": is_primary_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": 1700000000,
            "locale": locale,
        }
        self.users[user_id] = user
        return user

    def add_channel(
        self, channel_id: str, name: str | None = None, *, is_private: bool = False
    ) -> dict[str, Any]:
        """Register a channel for ``conversations.info`` (returns the existing one if known)."""
        if channel_id in self.channels:
            return self.channels[channel_id]
        is_im = channel_id.startswith("D")
        channel: dict[str, Any] = {
            "id": channel_id,
            "name": name if name is not None else channel_id.lower(),
            "is_channel": not is_im and not is_private,
            "is_group": is_private,
            "is_im": is_im,
            "is_mpim": False,
            "is_private": is_private or is_im,
            "is_archived": False,
            "is_general": False,
            "is_member": True,
            "created": 1700000000,
            "context_team_id": self.team_id,
        }
        self.channels[channel_id] = channel
        return channel

    def dm_channel_id(self, *users: str) -> str:
        """The stable conversation id for this set of users (``D…`` for one, ``G…`` for more).

        The same set always maps to the same id (also across fakes); the conversation is
        registered for ``conversations.info``.
        """
        members = sorted(set(users))
        channel_id = _conversation_id(members)
        if channel_id not in self.channels:
            channel = self.add_channel(
                channel_id, "directmessage" if len(members) == 1 else "mpdm-" + "--".join(members)
            )
            if len(members) == 1:
                channel["user"] = members[0]
            else:
                channel.update(is_channel=False, is_group=False, is_mpim=True, is_private=True)
        return channel_id

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        *,
        error: str | None = None,
    ) -> None:
        """Make the next ``times`` calls to ``method`` fail before any other check.

        429 answers carry ``Retry-After: <retry_after>`` and ``{"ok": false, "error":
        "ratelimited"}``; 5xx answers ``{"ok": false, "error": "internal_error"}``. With
        ``status=200`` and ``error="expired_trigger_id"`` (say) an ordinary Slack error is
        returned. ``method`` may also be ``"response_url:<name>"``.
        """
        if error is None:
            if status == 429:
                error = "ratelimited"
            elif status >= 500:
                error = "internal_error"
            else:
                raise ValueError(f"pass error=... for a status-{status} failure")
        queue = self._failures.setdefault(method, deque())
        queue.extend(_Failure(status, retry_after, error) for _ in range(times))

    def clear(self) -> None:
        """Forget recorded calls and unknown methods (state such as users is kept)."""
        self.calls.clear()
        self.unknown.clear()

    # -- inspection --------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls to ``method``, oldest first."""
        return [call for call in self.calls if call.method == method]

    def uploaded(self, channel: str) -> list[dict[str, Any]]:
        """The files shared in ``channel`` by ``files.completeUploadExternal``, oldest first."""
        return [f for f in self.files.values() if channel in f["channels"]]

    def response_url_calls(self) -> list[Call]:
        """All recorded POSTs to response URLs, oldest first."""
        return [call for call in self.calls if call.method.startswith(RESPONSE_URL_PREFIX)]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until at least ``count`` calls to ``method`` were recorded; return them all.

        Raises ``AssertionError`` (listing the methods seen) after ``timeout`` seconds.
        """

        def enough() -> bool:
            return len(self.calls_to(method)) >= count

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(enough), timeout)
        except TimeoutError:
            seen = [call.method for call in self.calls]
            raise AssertionError(
                f"{len(self.calls_to(method))} of {count} calls to {method!r} after {timeout}s; "
                f"calls seen: {seen}"
            ) from None
        return self.calls_to(method)

    # -- HTTP --------------------------------------------------------------------------------

    async def _record(self, call: Call) -> None:
        """Append ``call`` and wake waiters."""
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    def _take_failure(self, method: str) -> _Failure | None:
        """Pop the next queued failure for ``method``, if any."""
        queue = self._failures.get(method)
        return queue.popleft() if queue else None

    @staticmethod
    def _failure_response(failure: _Failure) -> web.Response:
        """The HTTP answer for a queued failure."""
        headers = {"Retry-After": str(failure.retry_after)} if failure.status == 429 else None
        return web.json_response(
            {"ok": False, "error": failure.error}, status=failure.status, headers=headers
        )

    async def _handle_api(self, request: web.Request) -> web.Response:
        """Answer one Web API call."""
        method = request.match_info["method"]
        parsed = await parse_request(request)
        args = parsed.args
        token = bearer(request.headers.get("Authorization"))
        body_token = args.pop("token", None)
        if token is None and isinstance(body_token, str):
            token = body_token

        failure = self._take_failure(method)
        if failure is not None:
            await self._record(
                Call(method, args, token, failure.status, failure.error, parsed.encoding)
            )
            return self._failure_response(failure)

        handler = self._handlers.get(method)
        if handler is None:
            self.unknown.append(method)
            result: dict[str, Any] = SlackError("unknown_method").body()
        elif parsed.error is not None:
            result = SlackError(parsed.error).body()
        elif method in APP_TOKEN_METHODS and token != self.app_token:
            # As Slack: a bot token is the wrong kind here, anything else is not a token.
            error = "not_allowed_token_type" if token == self.token else "invalid_auth"
            result = SlackError(error).body()
        elif method not in APP_TOKEN_METHODS and token != self.token:
            result = SlackError("invalid_auth").body()
        else:
            try:
                result = {"ok": True, **handler(args)}
            except SlackError as exc:
                result = exc.body()
        await self._record(Call(method, args, token, 200, result.get("error"), parsed.encoding))
        return web.json_response(result)

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        """Record a POST to a response URL (no token is needed, as with Slack's)."""
        method = RESPONSE_URL_PREFIX + request.match_info["name"]
        parsed = await parse_request(request)
        failure = self._take_failure(method)
        if failure is not None:
            await self._record(
                Call(method, parsed.args, None, failure.status, failure.error, parsed.encoding)
            )
            return self._failure_response(failure)
        await self._record(Call(method, parsed.args, None, 200, parsed.error, parsed.encoding))
        if parsed.error is not None:
            return web.json_response(SlackError(parsed.error).body(), status=400)
        return web.json_response({"ok": True})

    async def _handle_upload(self, request: web.Request) -> web.Response:
        """The bytes of a file, POSTed to an ``upload_url`` (raw, or as a multipart ``file``
        part); answered like Slack's upload host: ``200 text/plain "OK - <length>"``."""
        file_id = request.match_info["file_id"]
        if request.content_type == "multipart/form-data":
            form = await request.post()
            part = next((v for v in form.values() if not isinstance(v, str)), None)
            content = part.file.read() if part is not None else b""
        else:
            content = await request.read()
        args = {"file_id": file_id, "content": content}
        failure = self._take_failure(UPLOAD_URL_METHOD)
        if failure is not None:
            await self._record(
                Call(UPLOAD_URL_METHOD, args, None, failure.status, failure.error, "binary")
            )
            return self._failure_response(failure)
        upload = self.files.get(file_id)
        if upload is None or upload["content"] is not None:
            await self._record(Call(UPLOAD_URL_METHOD, args, None, 404, "not_found", "binary"))
            return web.Response(status=404, text="Not Found", content_type="text/plain")
        upload["content"] = content
        await self._record(Call(UPLOAD_URL_METHOD, args, None, 200, None, "binary"))
        return web.Response(text=f"OK - {len(content)}", content_type="text/plain")

    # -- methods -----------------------------------------------------------------------------

    def _next_ts(self) -> str:
        """An increasing message timestamp: 1700000000.000100, 1700000000.000200, ..."""
        micros = next(self._ts_counter) * 100
        return f"{1700000000 + micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        """``auth.test``: who the bot token belongs to."""
        return {
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": self.users[self.bot_user_id]["name"],
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _resolve_channel(self, channel: str) -> str:
        """Slack posts to a user id ``U…``/``W…`` in the bot's DM with that user."""
        if channel[:1] in ("U", "W"):
            return self.dm_channel_id(channel)
        return channel

    @staticmethod
    def _check_content(args: dict[str, Any]) -> None:
        """Slack needs one of text/blocks/attachments, and blocks must be a list."""
        if not any(args.get(key) for key in ("text", "blocks", "attachments")):
            raise SlackError("no_text")
        blocks = args.get("blocks")
        if blocks is not None and not isinstance(blocks, list):
            raise SlackError("invalid_blocks")

    def _message(self, args: dict[str, Any], ts: str) -> dict[str, Any]:
        """A bot message object as Slack returns it."""
        message: dict[str, Any] = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "text": args.get("text") or "",
            "blocks": args.get("blocks") or [],
            "ts": ts,
        }
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        return message

    def _chat_post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        """``chat.postMessage``."""
        channel = _required(args, "channel", "channel_not_found")
        self._check_content(args)
        channel_id = self._resolve_channel(channel)
        ts = self._next_ts()
        message = self._message(args, ts)
        self.messages[(channel_id, ts)] = message
        return {"channel": channel_id, "ts": ts, "message": message}

    def _chat_post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        """``chat.postEphemeral`` (not stored: ephemeral messages cannot be updated)."""
        _required(args, "channel", "channel_not_found")
        _required(args, "user", "user_not_found")
        self._check_content(args)
        return {"message_ts": self._next_ts()}

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        """``chat.update`` (a message the fake never posted is accepted and stored)."""
        channel = self._resolve_channel(_required(args, "channel", "channel_not_found"))
        ts = _required(args, "ts", "message_not_found")
        self._check_content(args)
        message = self._message(args, ts)
        self.messages[(channel, ts)] = message
        return {"channel": channel, "ts": ts, "text": message["text"], "message": message}

    def _chat_get_permalink(self, args: dict[str, Any]) -> dict[str, Any]:
        """``chat.getPermalink`` (a string only: nothing is served there)."""
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "message_ts", "message_not_found")
        link = f"https://{self.team_domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"channel": channel, "permalink": link}

    def _view(self, spec: dict[str, Any], view_id: str | None = None) -> dict[str, Any]:
        """A stored view object: Slack's defaults overlaid with the given view payload."""
        view_id = view_id or f"V{next(self._view_counter):08d}"
        _check_view(spec)
        previous = self.views.get(view_id, {})
        view: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"1700000000.{hashlib.sha256(view_id.encode()).hexdigest()[:8]}",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": previous.get("root_view_id", view_id),
            "app_id": self.app_id,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        view.update({key: value for key, value in spec.items() if key != "id"})
        self.views[view_id] = view
        return view

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        """``views.open`` / ``views.push``: a trigger id can be exchanged once."""
        trigger_id = _required(args, "trigger_id", "invalid_arguments")
        spec = args.get("view")
        if not isinstance(spec, dict) or spec.get("type") != "modal":
            raise SlackError("invalid_arguments", ["view must be a modal view object"])
        if trigger_id in self.used_trigger_ids:
            raise SlackError("exchanged_trigger_id")
        view = self._view(spec)
        self.used_trigger_ids.add(trigger_id)
        return {"view": view}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        """``views.publish``: the App Home tab of ``user_id``."""
        user_id = _required(args, "user_id", "invalid_arguments")
        spec = args.get("view")
        if not isinstance(spec, dict) or spec.get("type") != "home":
            raise SlackError("invalid_arguments", ["view must be a home view object"])
        previous = self.home_views.get(user_id)
        view = self._view(spec, previous["id"] if previous else None)
        self.home_views[user_id] = view
        return {"view": view}

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        """``views.update`` by ``view_id`` or ``external_id`` (unknown ids are accepted)."""
        spec = args.get("view")
        if not isinstance(spec, dict):
            raise SlackError("invalid_arguments", ["view must be a view object"])
        view_id = args.get("view_id")
        external_id = args.get("external_id")
        if not view_id and external_id:
            view_id = next(
                (v["id"] for v in self.views.values() if v.get("external_id") == external_id),
                None,
            )
            if view_id is None:
                raise SlackError("not_found")
        if not view_id:
            raise SlackError("invalid_arguments", ["view_id or external_id is required"])
        return {"view": self._view(spec, str(view_id))}

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        """``conversations.open``: 1–8 users, a stable id per set of users."""
        users = _split_users(args.get("users"))
        if not users:
            channel = args.get("channel")
            if channel:
                if channel not in self.channels:
                    raise SlackError("channel_not_found")
                return {"channel": {"id": channel}}
            raise SlackError("users_list_not_supplied")
        if len(users) > MAX_CONVERSATION_USERS:
            raise SlackError("too_many_users")
        if any(user[:1] not in ("U", "W") for user in users):
            raise SlackError("user_not_found")
        members = sorted(set(users))
        already_open = _conversation_id(members) in self.channels
        channel_id = self.dm_channel_id(*members)
        result: dict[str, Any] = {"channel": {"id": channel_id}}
        if _truthy(args.get("return_im")):
            result["channel"] = dict(self.channels[channel_id])
        if already_open:
            result.update(no_op=True, already_open=True)
        return result

    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        """``conversations.info`` for registered or opened conversations."""
        channel = _required(args, "channel", "channel_not_found")
        if channel not in self.channels:
            raise SlackError("channel_not_found")
        return {"channel": dict(self.channels[channel])}

    def _apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        """``apps.connections.open``: a fresh WebSocket URL of the attached Socket Mode fake
        (without one, the fake's own error ``socket_mode_not_enabled``)."""
        if self.issue_socket_url is None:
            raise SlackError("socket_mode_not_enabled")
        return {"url": self.issue_socket_url()}

    def _files_get_upload_url_external(self, args: dict[str, Any]) -> dict[str, Any]:
        """``files.getUploadURLExternal``: a file id and an upload URL on this server."""
        filename = _required(args, "filename", "invalid_arguments")
        try:
            length = int(_required(args, "length", "invalid_arguments"))
        except ValueError:
            raise SlackError("invalid_arguments", ["length must be an integer"]) from None
        if length < 1:
            raise SlackError("invalid_arguments", ["length must be positive"])
        file_id = f"F{next(self._file_counter):010d}"
        self.files[file_id] = {
            "id": file_id,
            "name": filename,
            "length": length,
            "content": None,
            "title": filename,
            "alt_txt": args.get("alt_txt"),
            "channels": [],
            "initial_comment": None,
        }
        return {"upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_complete_upload_external(self, args: dict[str, Any]) -> dict[str, Any]:
        """``files.completeUploadExternal``: share uploaded files in ``channel_id`` (or
        ``channels``); without either the files stay private, as with Slack. A file whose
        bytes never arrived, or not as many as announced, is ``file_not_found``."""
        items = args.get("files")
        if not isinstance(items, list) or not items:
            raise SlackError("invalid_arguments", ["files must be a JSON array"])
        channels = [args["channel_id"]] if args.get("channel_id") else []
        channels += _split_users(args.get("channels"))
        for channel in channels:
            if channel not in self.channels:
                raise SlackError("channel_not_found")
        uploads = []
        for item in items:
            upload = self.files.get(str(item.get("id"))) if isinstance(item, dict) else None
            if upload is None or upload["content"] is None:
                raise SlackError("file_not_found")
            if len(upload["content"]) != upload["length"]:
                raise SlackError("file_not_found", ["the uploaded size differs from length"])
            uploads.append((upload, item))
        done = []
        for upload, item in uploads:
            upload["title"] = item.get("title") or upload["name"]
            upload["channels"] = channels
            upload["initial_comment"] = args.get("initial_comment")
            done.append({"id": upload["id"], "title": upload["title"]})
        for channel in channels:
            # Slack shares the files as one message of the bot in each channel.
            ts = self._next_ts()
            message = self._message({"text": args.get("initial_comment") or ""}, ts)
            message["files"] = [{"id": u["id"], "name": u["name"]} for u, _ in uploads]
            self.messages[(channel, ts)] = message
        return {"files": done}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        """``users.info`` from :attr:`users` (``locale`` only with ``include_locale``)."""
        user_id = _required(args, "user", "user_not_found")
        if user_id not in self.users:
            raise SlackError("user_not_found")
        user = json.loads(json.dumps(self.users[user_id]))
        if not _truthy(args.get("include_locale")):
            user.pop("locale", None)
        return {"user": user}


# -- helpers ---------------------------------------------------------------------------------


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None


def _truthy(value: Any) -> bool:
    """Slack's reading of a boolean argument (``true``/``1`` as JSON or form values)."""
    return value is True or value == 1 or str(value).lower() in ("true", "1")


def _required(args: dict[str, Any], key: str, error: str) -> str:
    """A required non-empty string argument, else the given Slack error."""
    value = args.get(key)
    if value is None or value == "":
        raise SlackError(error)
    return str(value)


def _conversation_id(members: list[str]) -> str:
    """A deterministic conversation id for a sorted, de-duplicated list of user ids."""
    if not members:
        raise ValueError("at least one user id is needed")
    digest = hashlib.sha256(",".join(members).encode()).hexdigest()[:10].upper()
    return ("D" if len(members) == 1 else "G") + digest


def _split_users(value: Any) -> list[str]:
    """A ``users`` argument: comma-separated string (or a JSON list) of user ids."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return []


def _check_view(view: dict[str, Any]) -> None:
    """Slack's documented modal limits (title, block count, metadata and callback id)."""
    problems: list[str] = []
    title = view.get("title")
    if isinstance(title, dict) and len(str(title.get("text", ""))) > MAX_TITLE_CHARS:
        problems.append(f"title must be at most {MAX_TITLE_CHARS} characters")
    if len(view.get("blocks") or []) > MAX_BLOCKS:
        problems.append(f"no more than {MAX_BLOCKS} blocks allowed")
    if len(view.get("private_metadata") or "") > MAX_PRIVATE_METADATA_CHARS:
        problems.append(f"private_metadata must be at most {MAX_PRIVATE_METADATA_CHARS} chars")
    if len(view.get("callback_id") or "") > MAX_CALLBACK_ID_CHARS:
        problems.append(f"callback_id must be at most {MAX_CALLBACK_ID_CHARS} characters")
    if problems:
        raise SlackError("invalid_arguments", problems)


def _decode_json_values(args: dict[str, Any]) -> None:
    """Decode JSON-string values of :data:`JSON_VALUED_KEYS` in place (form/query bodies)."""
    for key in JSON_VALUED_KEYS & args.keys():
        value = args[key]
        if isinstance(value, str) and value[:1] in ("[", "{"):
            try:
                args[key] = json.loads(value)
            except ValueError:
                continue


async def parse_request(request: web.Request) -> _Parsed:
    """Query string merged with a JSON, form or multipart body."""
    parsed = _Parsed(args=dict(request.query.items()))
    if parsed.args:
        parsed.encoding = "query"
    content_type = request.content_type
    if request.can_read_body:
        if content_type == "application/json":
            parsed.encoding = "json"
            try:
                body = await request.json()
            except ValueError:
                parsed.error = "invalid_json"
                return parsed
            if not isinstance(body, dict):
                parsed.error = "invalid_json"
                return parsed
            _decode_json_values(parsed.args)
            parsed.args.update(body)
            return parsed
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            parsed.encoding = "form" if content_type.startswith("application") else "multipart"
            form = await request.post()
            for key, value in form.items():
                parsed.args[key] = value if isinstance(value, str) else f"<file {value.filename}>"
        elif await request.read():
            parsed.encoding = "unparsed"
    _decode_json_values(parsed.args)
    return parsed
