"""A loopback delivery endpoint that records notices, de-duplicates by nonce and can hold
requests open, for crash tests of several ``ballback`` scheduler processes.

The workers POST each notice to ``/deliver`` of an :class:`Inbox` (e.g. with
:class:`InboxClient`) as JSON::

    {"nonce": str, "worker": str, "kind": "channel" | "private" | "space" | "open_space",
     "platform": str, "workspace": str, "channel": str, "member": str | null,
     "space": str | null, "title": str, "body": str}

and get ``{"ref": str}`` back (``member`` and ``space`` may be left out: null). A body that is
not such an object is answered ``400 {"error": ...}`` and listed in :attr:`Inbox.invalid`, not
in :attr:`Inbox.attempts`.

Nonces work like Discord's ``nonce`` with ``enforce_nonce``, but across the whole inbox: the
first request with a nonce is recorded as a :class:`Delivery` and gets a new ref (``msg-<n>``,
or ``space-<n>`` for ``open_space``, the id of the space it opened); a later request with the
same nonce is not recorded again, gets the same ref, and counts as a duplicate attempt. (A
duplicate whose notice fields differ from the recorded delivery is also listed in
:attr:`Inbox.conflicts`.)

Holds (:meth:`Inbox.hold`) let a test freeze a request mid-flight to SIGKILL its sender: the
next request matching a predicate is held open until :meth:`Hold.release`. With
``record=True`` it is recorded before the hold (the platform accepted it; the sender never
learns the ref); with ``record=False`` only after release, and only if the client is still
connected. The server runs with aiohttp's handler cancellation on, so a client that
disconnects while held cancels the handler at once; a cancelled ``record=False`` request is
not recorded (outcome ``"dropped"``). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from tests.fakes.servers import Served, serve

KINDS = frozenset({"channel", "private", "space", "open_space"})
#: Fields that must be strings in a ``/deliver`` body.
STRING_FIELDS = ("nonce", "worker", "kind", "platform", "workspace", "channel", "title", "body")
#: Fields that may be a string or null (or absent).
OPTIONAL_FIELDS = ("member", "space")
#: The notice fields compared to flag a nonce conflict (everything but the sender).
NOTICE_FIELDS = (
    "kind",
    "platform",
    "workspace",
    "channel",
    "member",
    "space",
    "title",
    "body",
)
#: The default key of :meth:`Inbox.by_key`: which notice a delivery is.
DEFAULT_KEY = ("kind", "platform", "workspace", "channel", "member", "space", "title")

#: :attr:`Attempt.outcome` values.
PENDING = "pending"  # held with record=False, not settled yet
DELIVERED = "delivered"  # the first request with its nonce: recorded
DUPLICATE = "duplicate"  # a later request with a recorded nonce: answered with the same ref
DROPPED = "dropped"  # held with record=False, and the client went away (or the inbox stopped)

Predicate = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Delivery:
    """One recorded (unique-nonce) notice; ``at`` is the ``time.monotonic()`` of recording."""

    ref: str
    nonce: str
    worker: str
    kind: str
    platform: str
    workspace: str
    channel: str
    member: str | None
    space: str | None
    title: str
    body: str
    at: float

    def key(self, fields: Sequence[str] = DEFAULT_KEY) -> tuple[Any, ...]:
        """The values of ``fields`` (default :data:`DEFAULT_KEY`)."""
        return tuple(getattr(self, name) for name in fields)


@dataclass(slots=True)
class Attempt:
    """One valid request to ``/deliver``: its JSON ``payload`` and what became of it.

    ``outcome`` is :data:`PENDING`, :data:`DELIVERED`, :data:`DUPLICATE` or :data:`DROPPED`;
    ``ref`` is set once settled (not for a dropped one); ``at`` is the ``time.monotonic()`` of
    arrival; ``hold`` the :class:`Hold` that caught it, if any.
    """

    nonce: str
    worker: str
    payload: dict[str, Any]
    at: float
    outcome: str = PENDING
    ref: str | None = None
    hold: Hold | None = field(default=None, repr=False)


class Hold:
    """An armed hold (see :meth:`Inbox.hold`).

    ``arrived`` resolves to the held :class:`Attempt` (``.payload`` is the request body,
    ``.worker`` its sender) when a matching request arrives; ``finished`` resolves to the same
    attempt once its handler is done (released and answered, or cancelled/dropped).
    """

    def __init__(self, predicate: Predicate, record: bool) -> None:
        """A hold for the next request matching ``predicate`` (needs a running loop)."""
        loop = asyncio.get_running_loop()
        self.predicate = predicate
        self.record = record
        self.arrived: asyncio.Future[Attempt] = loop.create_future()
        self.finished: asyncio.Future[Attempt] = loop.create_future()
        self._released = asyncio.Event()

    @property
    def armed(self) -> bool:
        """Whether no request has matched yet."""
        return not self.arrived.done()

    @property
    def released(self) -> bool:
        """Whether :meth:`release` was called."""
        return self._released.is_set()

    def release(self) -> None:
        """Let the held request continue (also fine before it arrives: it then passes)."""
        self._released.set()

    async def wait_arrived(self, timeout: float = 5.0) -> Attempt:
        """``await self.arrived`` with a timeout (``AssertionError`` when it passes)."""
        try:
            return await asyncio.wait_for(asyncio.shield(self.arrived), timeout)
        except TimeoutError:
            raise AssertionError(f"no request matching the hold arrived in {timeout}s") from None

    async def wait_finished(self, timeout: float = 5.0) -> Attempt:
        """``await self.finished`` with a timeout (``AssertionError`` when it passes)."""
        try:
            return await asyncio.wait_for(asyncio.shield(self.finished), timeout)
        except TimeoutError:
            raise AssertionError(f"the held request did not finish in {timeout}s") from None

    def _finish(self, attempt: Attempt) -> None:
        if not self.finished.done():
            self.finished.set_result(attempt)


class _Waiters:
    """Futures waiting for a condition on the inbox, checked on every change (no polling)."""

    def __init__(self) -> None:
        self._waiting: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    def wake(self) -> None:
        """Resolve the waiters whose condition now holds."""
        still = []
        for condition, future in self._waiting:
            if future.done():
                continue
            if condition():
                future.set_result(None)
            else:
                still.append((condition, future))
        self._waiting = still

    async def wait(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``condition()``; ``False`` after ``timeout`` seconds."""
        if condition():
            return True
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((condition, future))
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return False
        return True


class Inbox(Served):
    """The recording ``/deliver`` endpoint (see the module docstring)."""

    def __init__(self) -> None:
        """Create the inbox (not yet serving; call :meth:`start` or use ``async with``)."""
        #: Unique deliveries, in order of recording.
        self.deliveries: list[Delivery] = []
        #: Every valid request, in order of arrival.
        self.attempts: list[Attempt] = []
        #: Requests with a recorded nonce (answered with the delivery's ref, not recorded).
        self.duplicate_attempts = 0
        #: ``(attempt, delivery)`` for duplicates whose notice fields differ from the delivery.
        self.conflicts: list[tuple[Attempt, Delivery]] = []
        #: Error messages of the requests answered 400.
        self.invalid: list[str] = []
        self._by_nonce: dict[str, Delivery] = {}
        self._holds: list[Hold] = []
        self._all_holds: list[Hold] = []
        self._message_refs = itertools.count(1)
        self._space_refs = itertools.count(1)
        self._waiters = _Waiters()
        self._stopping = False
        self._url: str | None = None
        self._stop: Callable[[], Awaitable[None]] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on 127.0.0.1 at an ephemeral port."""
        if self._url is not None:
            raise RuntimeError("Inbox is already started")
        # Handler cancellation: a client that disconnects cancels its (held) handler.
        app = web.Application(handler_args={"handler_cancellation": True})
        app.router.add_post("/deliver", self._handle_deliver)
        self._stopping = False
        self._url, self._stop = await serve(app)

    async def stop(self) -> None:
        """Stop serving (idempotent). Held requests are dropped (answered 503 if the client is
        still there; a ``record=False`` one is not recorded); unmatched holds are cancelled."""
        self._stopping = True
        for hold in self._all_holds:
            if hold.armed:
                hold.arrived.cancel()
                hold.finished.cancel()
            hold.release()
        self._holds.clear()
        stop, self._stop, self._url = self._stop, None, None
        if stop is not None:
            await stop()

    @property
    def url(self) -> str:
        """The server root, ``http://127.0.0.1:PORT`` (only while started)."""
        if self._url is None:
            raise RuntimeError("Inbox is not started")
        return self._url

    @property
    def deliver_url(self) -> str:
        """``http://127.0.0.1:PORT/deliver``."""
        return f"{self.url}/deliver"

    def client(self, worker: str) -> InboxClient:
        """An :class:`InboxClient` for this inbox, sending as ``worker``."""
        return InboxClient(self.url, worker)

    # -- holds -------------------------------------------------------------------------------

    def hold(self, predicate: Predicate, *, record: bool) -> Hold:
        """Hold open the next request whose body matches ``predicate`` (once).

        Holds are tried in the order they were armed; the first matching one takes the
        request. With ``record=True`` the request is settled (recorded, or counted as a
        duplicate) before it is held; with ``record=False`` after :meth:`Hold.release`, if the
        client is still connected.
        """
        hold = Hold(predicate, record)
        self._holds.append(hold)
        self._all_holds.append(hold)
        return hold

    def _take_hold(self, payload: dict[str, Any]) -> Hold | None:
        """Disarm and return the first armed hold matching ``payload`` (a hold whose
        ``arrived`` future was cancelled, e.g. by an unshielded ``wait_for``, is disarmed)."""
        self._holds = [hold for hold in self._holds if hold.armed]
        for index, hold in enumerate(self._holds):
            if hold.predicate(payload):
                del self._holds[index]
                return hold
        return None

    # -- inspection --------------------------------------------------------------------------

    def delivery(self, nonce: str) -> Delivery | None:
        """The delivery recorded for ``nonce``, if any."""
        return self._by_nonce.get(nonce)

    def deliveries_where(self, **fields: Any) -> list[Delivery]:
        """The deliveries whose fields equal the given values (``kind="space"``, ...)."""
        return [
            d
            for d in self.deliveries
            if all(getattr(d, name) == value for name, value in fields.items())
        ]

    def by_key(self, fields: Sequence[str] = DEFAULT_KEY) -> Counter[tuple[Any, ...]]:
        """Unique deliveries counted per key (the values of ``fields``, default
        :data:`DEFAULT_KEY`: kind, platform, workspace, channel, member, space, title)."""
        return Counter(delivery.key(fields) for delivery in self.deliveries)

    def repeated(self, fields: Sequence[str] = DEFAULT_KEY) -> dict[tuple[Any, ...], int]:
        """The keys delivered more than once (under different nonces), with their counts."""
        return {key: n for key, n in self.by_key(fields).items() if n > 1}

    def assert_exactly_once(
        self,
        expected: Iterable[tuple[Any, ...]] | None = None,
        *,
        fields: Sequence[str] = DEFAULT_KEY,
    ) -> None:
        """Assert that no key was delivered twice and, given ``expected``, that exactly those
        keys were delivered (each once). Raises ``AssertionError`` listing what is wrong."""
        counts = self.by_key(fields)
        problems = []
        repeated = {key: n for key, n in counts.items() if n > 1}
        if repeated:
            problems.append(f"delivered more than once: {repeated}")
        if expected is not None:
            wanted = set(expected)
            missing = wanted - counts.keys()
            unexpected = counts.keys() - wanted
            if missing:
                problems.append(f"never delivered: {sorted(missing, key=repr)}")
            if unexpected:
                problems.append(f"not expected: {sorted(unexpected, key=repr)}")
        if problems:
            raise AssertionError(f"by {tuple(fields)}: " + "; ".join(problems))

    async def wait_until(
        self, condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition"
    ) -> None:
        """Wait until ``condition()`` holds (re-checked whenever a request is handled);
        ``AssertionError`` after ``timeout`` seconds."""
        if not await self._waiters.wait(condition, timeout):
            raise AssertionError(
                f"{what} not met after {timeout}s ({len(self.deliveries)} deliveries, "
                f"{len(self.attempts)} attempts, {self.duplicate_attempts} duplicates)"
            )

    async def wait_for_deliveries(self, n: int, timeout: float = 5.0) -> list[Delivery]:
        """Wait until at least ``n`` unique deliveries were recorded; return them all."""
        await self.wait_until(lambda: len(self.deliveries) >= n, timeout, f"{n} deliveries")
        return list(self.deliveries)

    async def wait_for_attempts(self, n: int, timeout: float = 5.0) -> list[Attempt]:
        """Wait until at least ``n`` requests arrived; return them all."""
        await self.wait_until(lambda: len(self.attempts) >= n, timeout, f"{n} attempts")
        return list(self.attempts)

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle_deliver(self, request: web.Request) -> web.Response:
        """Record (or de-duplicate, or hold) one notice."""
        try:
            payload = await request.json()
        except ValueError:
            return self._invalid("the body is not JSON")
        error = _validate(payload)
        if error is not None:
            return self._invalid(error)
        payload.setdefault("member", None)
        payload.setdefault("space", None)
        attempt = Attempt(payload["nonce"], payload["worker"], payload, time.monotonic())
        self.attempts.append(attempt)
        hold = self._take_hold(payload)
        if hold is None:
            self._settle(attempt)
            return web.json_response({"ref": attempt.ref})

        attempt.hold = hold
        if hold.record:
            self._settle(attempt)
        else:
            self._waiters.wake()
        hold.arrived.set_result(attempt)
        try:
            await hold._released.wait()
        except asyncio.CancelledError:
            self._drop(attempt, hold)
            raise
        if self._stopping or _client_gone(request):
            self._drop(attempt, hold)
            return web.json_response({"error": "the inbox is stopping"}, status=503)
        if not hold.record:
            self._settle(attempt)
        hold._finish(attempt)
        return web.json_response({"ref": attempt.ref})

    def _invalid(self, error: str) -> web.Response:
        """Note and answer a malformed request."""
        self.invalid.append(error)
        return web.json_response({"error": error}, status=400)

    def _settle(self, attempt: Attempt) -> None:
        """Record ``attempt`` as a new delivery, or count it as a duplicate of its nonce's."""
        payload = attempt.payload
        known = self._by_nonce.get(attempt.nonce)
        if known is not None:
            attempt.outcome = DUPLICATE
            attempt.ref = known.ref
            self.duplicate_attempts += 1
            if any(payload[name] != getattr(known, name) for name in NOTICE_FIELDS):
                self.conflicts.append((attempt, known))
        else:
            if payload["kind"] == "open_space":
                ref = f"space-{next(self._space_refs)}"
            else:
                ref = f"msg-{next(self._message_refs)}"
            delivery = Delivery(
                ref=ref,
                nonce=attempt.nonce,
                worker=attempt.worker,
                kind=payload["kind"],
                platform=payload["platform"],
                workspace=payload["workspace"],
                channel=payload["channel"],
                member=payload["member"],
                space=payload["space"],
                title=payload["title"],
                body=payload["body"],
                at=time.monotonic(),
            )
            self._by_nonce[attempt.nonce] = delivery
            self.deliveries.append(delivery)
            attempt.outcome = DELIVERED
            attempt.ref = ref
        self._waiters.wake()

    def _drop(self, attempt: Attempt, hold: Hold) -> None:
        """A held request whose client went away (or the inbox stops): unrecorded if
        ``record=False``; either way the hold is finished."""
        if not hold.record:
            attempt.outcome = DROPPED
        hold._finish(attempt)
        self._waiters.wake()


def _client_gone(request: web.Request) -> bool:
    """Whether the client's connection is closed (or closing)."""
    transport = request.transport
    return transport is None or transport.is_closing()


def _validate(payload: Any) -> str | None:
    """Why ``payload`` is not a valid ``/deliver`` body (``None`` when it is)."""
    if not isinstance(payload, dict):
        return "the body must be a JSON object"
    for name in STRING_FIELDS:
        if not isinstance(payload.get(name), str):
            return f"{name!r} must be a string"
    for name in OPTIONAL_FIELDS:
        value = payload.get(name)
        if value is not None and not isinstance(value, str):
            return f"{name!r} must be a string or null"
    if not payload["nonce"]:
        return "'nonce' must not be empty"
    if payload["kind"] not in KINDS:
        return f"'kind' must be one of {sorted(KINDS)}"
    return None


class InboxError(Exception):
    """A non-200 answer from the inbox (``status`` and the response ``text``)."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"inbox answered HTTP {status}: {text}")
        self.status = status
        self.text = text


class InboxClient:
    """Sends notices to an :class:`Inbox` as ``worker`` over one lazily created session."""

    def __init__(self, base_url: str, worker: str, *, timeout: float = 30.0) -> None:
        """A client for the inbox at ``base_url`` (``http://127.0.0.1:PORT``)."""
        self.base_url = base_url.rstrip("/")
        self.worker = worker
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def send(self, payload: Mapping[str, Any]) -> str:
        """POST one notice (``worker`` defaults to this client's); return its ``ref``.

        Raises :class:`InboxError` on a non-200 answer or an answer without a ref.
        """
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        body = {"worker": self.worker, **payload}
        async with self._session.post(f"{self.base_url}/deliver", json=body) as response:
            text = await response.text()
            if response.status != 200:
                raise InboxError(response.status, text)
            try:
                ref = (await response.json())["ref"]
            except (ValueError, KeyError, TypeError, aiohttp.ContentTypeError):
                raise InboxError(response.status, text) from None
        if not isinstance(ref, str):
            raise InboxError(response.status, text)
        return ref

    async def close(self) -> None:
        """Close the session (idempotent; a later :meth:`send` opens a new one)."""
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> Self:
        """Use as ``async with InboxClient(...) as client:``."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the session."""
        await self.close()
