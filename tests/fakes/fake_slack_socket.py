"""A loopback fake of Slack's Socket Mode endpoint (an aiohttp WebSocket server).

Attach it to a :class:`FakeSlack`: its ``apps.connections.open`` then answers (for the app
token only) with a one-time ``ws://127.0.0.1:PORT/link/?ticket=…&app_id=…`` URL of this server,
as Slack answers with ``wss://wss-primary.slack.com/link/?ticket=…``. A connecting client gets
Slack's ``hello`` message; :meth:`FakeSlackSocket.push` sends it an envelope

    {"envelope_id": …, "type": "slash_commands" | "interactive" | "events_api",
     "payload": …, "accepts_response_payload": …}

and every text frame the client sends back is recorded as an :class:`Ack` (Slack's clients
answer ``{"envelope_id": …}`` or ``{"envelope_id": …, "payload": …}``). Nothing leaves
127.0.0.1.

:class:`SocketModeDriver` is the :class:`SlackDriver` for this transport: the same
Slack-shaped commands, clicks and events, delivered as envelopes instead of signed HTTP
requests (there are no signatures in Socket Mode); each call returns once the envelope is acked.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import WSMsgType, web

from tests.fakes.fake_slack import FakeSlack
from tests.fakes.servers import Served, serve
from tests.fakes.slack_driver import FORM, JSON, Response, SlackDriver

LINK_PATH = "/link/"


@dataclass(frozen=True)
class Ack:
    """One frame the client sent back: the envelope id it acknowledges and its payload, if any
    (``raw`` is the whole parsed frame)."""

    envelope_id: str | None
    payload: dict[str, Any] | None
    raw: dict[str, Any]


class FakeSlackSocket(Served):
    """Slack's Socket Mode WebSocket endpoint on 127.0.0.1, attached to a :class:`FakeSlack`.

    Strict: a URL is good for one connection (an unknown or reused ticket is refused with 401,
    so a client must ask ``apps.connections.open`` again to reconnect). Lenient: any number of
    connections may be open; envelopes go to the newest one.
    """

    def __init__(self, fake: FakeSlack) -> None:
        """Create the endpoint for ``fake`` (not yet serving; :meth:`start` or ``async with``)."""
        self.fake = fake
        #: Every frame the clients sent, oldest first.
        self.acks: list[Ack] = []
        #: Every envelope pushed, oldest first.
        self.sent: list[dict[str, Any]] = []
        #: How many connections were accepted so far.
        self.connections = 0
        self._tickets: set[str] = set()
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Condition()
        self._counter = itertools.count(1)
        self._url: str | None = None
        self._stop: Callable[[], Awaitable[None]] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on an ephemeral loopback port and answer ``apps.connections.open`` on the fake."""
        if self._url is not None:
            raise RuntimeError("FakeSlackSocket is already started")
        app = web.Application()
        app.router.add_get(LINK_PATH, self._handle_link)
        self._url, self._stop = await serve(app)
        self.fake.issue_socket_url = self.issue_url

    async def stop(self) -> None:
        """Detach from the fake, close open connections and stop serving (idempotent)."""
        if self.fake.issue_socket_url == self.issue_url:
            self.fake.issue_socket_url = None
        for socket in list(self._sockets):
            await socket.close()
        stop, self._stop, self._url = self._stop, None, None
        if stop is not None:
            await stop()

    def issue_url(self) -> str:
        """A fresh one-time WebSocket URL, as ``apps.connections.open`` hands out."""
        if self._url is None:
            raise RuntimeError("FakeSlackSocket is not started")
        ticket = uuid.uuid4().hex
        self._tickets.add(ticket)
        query = urlencode({"ticket": ticket, "app_id": self.fake.app_id})
        return f"{self._url.replace('http://', 'ws://', 1)}{LINK_PATH}?{query}"

    # -- sending -----------------------------------------------------------------------------

    async def push(
        self,
        envelope_type: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool | None = None,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> dict[str, Any]:
        """Send a new envelope to the newest connection and return it (see :meth:`send`).

        ``accepts_response_payload`` defaults to Slack's: true for slash commands and for
        ``view_submission``/``block_suggestion`` interactions. The retry fields are only sent
        when given (Slack sends them on ``events_api`` redeliveries).
        """
        if accepts_response_payload is None:
            accepts_response_payload = envelope_type == "slash_commands" or (
                envelope_type == "interactive"
                and payload.get("type") in ("view_submission", "block_suggestion")
            )
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id or str(uuid.uuid4()),
            "payload": payload,
            "type": envelope_type,
            "accepts_response_payload": accepts_response_payload,
        }
        if retry_attempt is not None:
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason or "timeout"
        await self.send(envelope)
        return envelope

    async def redeliver(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """Send ``envelope`` again (same id, same payload), as Slack does when an ack is late;
        an ``events_api`` envelope carries the next ``retry_attempt``."""
        again = copy.deepcopy(envelope)
        if again["type"] == "events_api":
            again["retry_attempt"] = int(envelope.get("retry_attempt") or 0) + 1
            again["retry_reason"] = "timeout"
        await self.send(again)
        return again

    async def send(self, message: dict[str, Any]) -> None:
        """Send any JSON message to the newest open connection."""
        open_sockets = [s for s in self._sockets if not s.closed]
        if not open_sockets:
            raise RuntimeError("no Socket Mode client is connected")
        self.sent.append(message)
        await open_sockets[-1].send_json(message)

    # -- inspection --------------------------------------------------------------------------

    def acks_for(self, envelope_id: str) -> list[Ack]:
        """The recorded acks of ``envelope_id``, oldest first."""
        return [ack for ack in self.acks if ack.envelope_id == envelope_id]

    async def wait_connected(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until ``count`` connections were accepted in all."""
        await self._wait(lambda: self.connections >= count, timeout, f"{count} connection(s)")

    async def wait_for_acks(
        self, envelope_id: str, count: int = 1, timeout: float = 5.0
    ) -> list[Ack]:
        """Wait until ``envelope_id`` was acked ``count`` times; return its acks."""
        await self._wait(
            lambda: len(self.acks_for(envelope_id)) >= count,
            timeout,
            f"{count} ack(s) of {envelope_id}",
        )
        return self.acks_for(envelope_id)

    async def _wait(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(done), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no {what} after {timeout}s; acks: {[a.raw for a in self.acks]}"
            ) from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- WebSocket ---------------------------------------------------------------------------

    async def _handle_link(self, request: web.Request) -> web.StreamResponse:
        """One client connection: check the ticket, say hello, record what comes back."""
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            raise web.HTTPUnauthorized(text="invalid or used ticket")
        self._tickets.discard(ticket)
        socket = web.WebSocketResponse()  # autoping: answers the client's pings
        await socket.prepare(request)
        self._sockets.append(socket)
        self.connections += 1
        try:
            await socket.send_json(
                {
                    "type": "hello",
                    "num_connections": len(self._sockets),
                    "debug_info": {"host": "applink-fake", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": self.fake.app_id},
                }
            )
            await self._notify()
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    frame = json.loads(message.data)
                    self.acks.append(Ack(frame.get("envelope_id"), frame.get("payload"), frame))
                    await self._notify()
        finally:
            self._sockets.remove(socket)
            await self._notify()
        return socket


@dataclass
class SocketResponse(Response):
    """A :class:`Response` for an envelope: ``json`` is the ack's payload (``None`` for a bare
    ack) and ``envelope`` the envelope that was sent (for :meth:`FakeSlackSocket.redeliver`)."""

    envelope: dict[str, Any] = field(default_factory=dict)


class SocketModeDriver(SlackDriver):
    """A :class:`SlackDriver` whose requests travel as Socket Mode envelopes.

    The payload builders are SlackDriver's; only the transport differs: a command's form fields
    become the ``slash_commands`` payload, ``payload=<JSON>`` the ``interactive`` payload and an
    event callback the ``events_api`` payload (``X-Slack-Retry-*`` become the retry fields).
    Each call waits for the envelope's ack.
    """

    def __init__(self, socket: FakeSlackSocket, **options: Any) -> None:
        """Drive the client connected to ``socket`` (options as for :class:`SlackDriver`)."""
        # No URL and no signing secret: nothing is sent over HTTP or signed in Socket Mode.
        super().__init__("socket-mode:", "unused", fake=socket.fake, **options)
        self.socket = socket

    async def _send(
        self,
        body: str,
        content_type: str,
        *,
        headers: Mapping[str, str] | None = None,
        response_url_method: str | None = None,
        trigger_id: str | None = None,
    ) -> Response:
        """Push ``body`` as an envelope and wait for its ack."""
        envelope_type, payload = _envelope_payload(body, content_type)
        retry = (headers or {}).get("X-Slack-Retry-Num")
        envelope = await self.socket.push(
            envelope_type,
            payload,
            retry_attempt=int(retry) if retry is not None else None,
            retry_reason=(headers or {}).get("X-Slack-Retry-Reason"),
        )
        acks = await self.socket.wait_for_acks(envelope["envelope_id"])
        answer = acks[-1].payload
        return SocketResponse(
            status=200,
            text=json.dumps(answer) if answer is not None else "",
            json=answer,
            response_url_method=response_url_method,
            trigger_id=trigger_id,
            envelope=envelope,
        )


def _envelope_payload(body: str, content_type: str) -> tuple[str, dict[str, Any]]:
    """The envelope type and payload Slack sends over Socket Mode for an HTTP request body."""
    if content_type == JSON:
        return "events_api", json.loads(body)
    if content_type != FORM:
        raise ValueError(f"no Socket Mode envelope for {content_type}")
    fields = dict(parse_qsl(body, keep_blank_values=True))
    if fields.keys() == {"payload"}:
        return "interactive", json.loads(fields["payload"])
    return "slash_commands", fields
