"""A rate-limited, Slack-compatible Web API on loopback, for fan-out benchmarks.

Point the real ``AsyncWebClient(token=..., base_url=server.base_url)`` at a
:class:`BudgetSlack`. It implements ``chat.postMessage`` (JSON body as slack_sdk sends it, or a
form body), ``auth.test`` and ``conversations.open``, and enforces Slack-like rate limits in
real time (``time.monotonic()``). Nothing leaves 127.0.0.1.

Limiter semantics (:class:`BudgetLimiter`; ``now`` is the time the request is handled):

- **Per channel**: at most one accepted message per ``channel_interval`` (1 s) per channel
  (Slack: "1 message per second to a specific channel"). A post to a channel is admissible when
  the channel never accepted a message or ``now - last_accepted >= channel_interval``; its wait
  otherwise is ``last_accepted + channel_interval - now``. Channels are keyed by
  ``(workspace, channel id)``, so equal ids in different workspaces do not share a slot.
- **Per workspace**: a token bucket of capacity ``burst`` that refills continuously at
  ``per_minute / 60`` tokens per second, and starts full. At ``now`` its level is
  ``min(burst, level_then + (now - then) * per_minute / 60)``; a post is admissible when the
  level is at least 1 token; its wait otherwise is ``(1 - level) / (per_minute / 60)``.
  ``burst`` defaults to one second's worth, ``per_minute / 60``, raised to 1 if smaller (a
  bucket that cannot hold one token would never admit anything); a ``burst`` below 1 is refused.
- A post is **accepted** only when it is admissible by both limits; then one token is taken and
  the channel's ``last_accepted`` becomes ``now``. A refused post consumes nothing (neither a
  token nor the channel's slot). Comparisons allow a 1e-9 s / 1e-9 token slack for float error.
- A refused post is answered ``HTTP 429`` with ``Retry-After: ceil(max(channel wait, workspace
  wait))`` in whole seconds (at least 1; Slack sends integer seconds) and ``{"ok": false,
  "error": "ratelimited"}``; it is counted in :attr:`BudgetSlack.rejected_by_workspace` (and by
  reason in :attr:`BudgetSlack.rejected_by_reason`: ``"channel"``, ``"workspace"`` or
  ``"both"``) and not recorded as a post.
- Only ``chat.postMessage`` is limited; ``auth.test`` and ``conversations.open`` never are.
  Requests refused for other reasons (no token, no channel, no text) consume nothing either.

Which workspace a post counts against: ``channel_workspaces[channel]`` if the channel is there,
else ``token_workspaces[token]``, else the token string itself.

:func:`floor_seconds` gives the least time in which given numbers of messages could be accepted
under these limits starting with full buckets, a lower bound for a benchmark's wall time.

Every request is handled in O(1) work (apart from JSON parsing), so ~10,000 posts in a run
(e.g. 50 workspaces × 200 channels at 600/min) do not make the fake the bottleneck.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import itertools
import math
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes.fake_slack import bearer, parse_request
from tests.fakes.servers import Served, serve

#: Float slack in the limiter's comparisons (seconds or tokens).
EPSILON = 1e-9

ACCEPTED = "accepted"
CHANNEL = "channel"
WORKSPACE = "workspace"
BOTH = "both"


def default_burst(per_minute: float) -> float:
    """One second's worth of a ``per_minute`` budget, but at least one token."""
    return max(1.0, per_minute / 60.0)


def retry_after_seconds(wait: float) -> int:
    """A wait in seconds as Slack's integer ``Retry-After``: rounded up, at least 1."""
    return max(1, math.ceil(wait - EPSILON))


def floor_seconds(
    counts_per_workspace: Mapping[Any, int],
    counts_per_channel: Mapping[Any, int],
    per_minute: float,
    burst: float | None = None,
    *,
    channel_interval: float = 1.0,
) -> float:
    """The least time in which these messages could be accepted, starting with full buckets.

    A workspace bucket holds ``burst`` tokens and refills at ``per_minute / 60`` per second, so
    its ``n``-th message cannot be accepted before ``max(0, n - burst) / (per_minute / 60)``; a
    channel's ``n``-th message not before ``(n - 1) * channel_interval``. The floor is the
    largest of these over all workspaces and channels (0.0 when there is nothing to send).
    Only the mappings' values are used (keys may be ids or ``(workspace, channel)`` pairs).
    ``burst=None`` means :func:`default_burst`, as in :class:`BudgetLimiter`.
    """
    if per_minute <= 0:
        raise ValueError("per_minute must be positive")
    burst = default_burst(per_minute) if burst is None else burst
    rate = per_minute / 60.0
    floor = 0.0
    for n in counts_per_workspace.values():
        floor = max(floor, max(0.0, n - burst) / rate)
    for n in counts_per_channel.values():
        floor = max(floor, max(0, n - 1) * channel_interval)
    return floor


@dataclass(frozen=True, slots=True)
class Verdict:
    """The limiter's answer for one post: accepted, or refused with a wait and a reason.

    ``reason`` is ``"accepted"``, ``"channel"``, ``"workspace"`` or ``"both"``; ``wait`` is the
    real (fractional) time until the post would be admissible (0.0 when accepted).
    """

    accepted: bool
    wait: float = 0.0
    reason: str = ACCEPTED

    @property
    def retry_after(self) -> int:
        """``wait`` as an integer ``Retry-After`` (rounded up, at least 1)."""
        return retry_after_seconds(self.wait)


_ACCEPT = Verdict(True)


class BudgetLimiter:
    """Per-channel spacing plus a per-workspace token bucket (see the module docstring).

    Pure and clock-free: every call passes ``now``, so it can be tested without waiting.
    """

    def __init__(
        self, per_minute: float, burst: float | None = None, *, channel_interval: float = 1.0
    ) -> None:
        """A limiter with ``per_minute`` tokens per workspace and capacity ``burst``."""
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        burst = default_burst(per_minute) if burst is None else float(burst)
        if burst < 1:
            raise ValueError("burst must be at least 1 (the bucket must hold one message)")
        self.per_minute = float(per_minute)
        self.burst = burst
        self.rate = self.per_minute / 60.0
        self.channel_interval = channel_interval
        #: workspace -> [token level, time of that level]
        self._buckets: dict[str, list[float]] = {}
        #: (workspace, channel) -> time of the last accepted message
        self._last: dict[tuple[str, str], float] = {}

    def level(self, workspace: str, now: float) -> float:
        """The workspace bucket's token level at ``now``."""
        bucket = self._buckets.get(workspace)
        if bucket is None:
            return self.burst
        return min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)

    def admit(self, workspace: str, channel: str, now: float) -> Verdict:
        """Accept (and charge) a post to ``channel`` of ``workspace`` at ``now``, or refuse it."""
        tokens = self.level(workspace, now)
        workspace_wait = 0.0 if tokens >= 1.0 - EPSILON else (1.0 - tokens) / self.rate
        slot = (workspace, channel)
        last = self._last.get(slot)
        channel_wait = 0.0 if last is None else last + self.channel_interval - now
        if channel_wait <= EPSILON:
            channel_wait = 0.0
        if workspace_wait or channel_wait:
            if workspace_wait and channel_wait:
                reason = BOTH
            else:
                reason = WORKSPACE if workspace_wait else CHANNEL
            return Verdict(False, max(workspace_wait, channel_wait), reason)
        self._buckets[workspace] = [max(0.0, tokens - 1.0), now]
        self._last[slot] = now
        return _ACCEPT


@dataclass(frozen=True, slots=True)
class Post:
    """One accepted ``chat.postMessage``.

    ``channel`` is the resolved channel id (a user id ``U…``/``W…`` becomes its DM ``D<user>``);
    ``metadata`` is the ``metadata`` argument if sent (``{"event_type", "event_payload"}``);
    ``accepted_at`` is the ``time.monotonic()`` of acceptance; ``args`` the parsed request.
    """

    channel: str
    workspace: str
    ts: str
    text: str
    metadata: dict[str, Any] | None
    accepted_at: float
    token: str | None
    args: dict[str, Any]


def default_delivery_key(post: Post) -> Hashable:
    """``(channel, metadata.event_payload.key)`` when the post carries that key, else
    ``(channel, text)``."""
    metadata = post.metadata
    if isinstance(metadata, dict):
        payload = metadata.get("event_payload")
        if isinstance(payload, dict) and "key" in payload:
            key = payload["key"]
            return (post.channel, key if isinstance(key, Hashable) else repr(key))
    return (post.channel, post.text)


class _SlackRefusal(Exception):
    """An ordinary Slack error answer (HTTP 200, ``ok: false``)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class BudgetSlack(Served):
    """A loopback Slack Web API that rate-limits ``chat.postMessage`` like Slack.

    Use ``async with BudgetSlack(per_minute=600, channel_workspaces=...) as slack:`` and point
    ``AsyncWebClient(token=..., base_url=slack.base_url)`` at it. Any non-empty token is
    accepted (a missing one is ``not_authed``).
    """

    def __init__(
        self,
        *,
        per_minute: float,
        burst: float | None = None,
        channel_workspaces: Mapping[str, str] | None = None,
        token_workspaces: Mapping[str, str] | None = None,
        delivery_key: Callable[[Post], Hashable] = default_delivery_key,
        channel_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        bot_user_id: str = "UBOT",
        bot_id: str = "B1",
    ) -> None:
        """Create the fake (not yet serving; call :meth:`start` or use ``async with``).

        ``per_minute`` and ``burst`` size each workspace's bucket (see the module docstring);
        ``channel_workspaces`` maps channel ids to workspace ids and ``token_workspaces``
        tokens to workspace ids (both copied; extend them with :meth:`add_channel`);
        ``delivery_key`` extracts the key :meth:`duplicates` counts.
        """
        self.limiter = BudgetLimiter(per_minute, burst, channel_interval=channel_interval)
        self.channel_workspaces: dict[str, str] = dict(channel_workspaces or {})
        self.token_workspaces: dict[str, str] = dict(token_workspaces or {})
        self.delivery_key = delivery_key
        self.clock = clock
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        #: Accepted posts, in order of acceptance.
        self.posts: list[Post] = []
        #: Accepted posts per workspace and per ``(workspace, channel)``.
        self.accepted_by_workspace: Counter[str] = Counter()
        self.accepted_by_channel: Counter[tuple[str, str]] = Counter()
        #: 429 answers per workspace, and per reason (``"channel"``/``"workspace"``/``"both"``).
        self.rejected_by_workspace: Counter[str] = Counter()
        self.rejected_by_reason: Counter[str] = Counter()
        #: ``chat.postMessage`` calls refused with an ordinary Slack error (not rate limits).
        self.errors: Counter[str] = Counter()
        self._key_counts: Counter[Hashable] = Counter()
        self._duplicates = 0
        self._ts_counter = itertools.count(1)
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._waiter_ids = itertools.count()
        self._url: str | None = None
        self._stop: Callable[[], Awaitable[None]] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on 127.0.0.1 at an ephemeral port."""
        if self._url is not None:
            raise RuntimeError("BudgetSlack is already started")
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
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
            raise RuntimeError("BudgetSlack is not started")
        return self._url

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/api/``: the ``base_url`` for ``AsyncWebClient``."""
        return f"{self.url}/api/"

    # -- set-up and inspection ---------------------------------------------------------------

    @property
    def per_minute(self) -> float:
        """Each workspace's budget in messages per minute."""
        return self.limiter.per_minute

    @property
    def burst(self) -> float:
        """Each workspace bucket's capacity in messages."""
        return self.limiter.burst

    def add_channel(self, channel: str, workspace: str) -> None:
        """Count posts to ``channel`` against ``workspace``."""
        self.channel_workspaces[channel] = workspace

    def workspace_of(self, channel: str, token: str | None) -> str:
        """The workspace a post to ``channel`` with ``token`` counts against."""
        workspace = self.channel_workspaces.get(channel)
        if workspace is not None:
            return workspace
        if token is not None and token in self.token_workspaces:
            return self.token_workspaces[token]
        return token or ""

    @property
    def rejected(self) -> int:
        """The number of posts answered with 429."""
        return self.rejected_by_workspace.total()

    def duplicates(self) -> int:
        """How many delivery keys were accepted more than once."""
        return self._duplicates

    def duplicate_keys(self) -> dict[Hashable, int]:
        """The delivery keys accepted more than once, with their counts."""
        return {key: n for key, n in self._key_counts.items() if n > 1}

    def floor(self) -> float:
        """:func:`floor_seconds` for the posts accepted so far under this fake's limits."""
        return floor_seconds(
            self.accepted_by_workspace,
            self.accepted_by_channel,
            self.limiter.per_minute,
            self.limiter.burst,
            channel_interval=self.limiter.channel_interval,
        )

    async def wait_for_posts(self, n: int, timeout: float = 5.0) -> list[Post]:
        """Wait until at least ``n`` posts were accepted; return (a copy of) them all.

        Raises ``AssertionError`` after ``timeout`` seconds.
        """
        if len(self.posts) < n:
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            heapq.heappush(self._waiters, (n, next(self._waiter_ids), future))
            try:
                await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise AssertionError(
                    f"{len(self.posts)} of {n} posts accepted after {timeout}s "
                    f"({self.rejected} answered 429)"
                ) from None
        return list(self.posts)

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        """Answer one Web API call."""
        method = request.match_info["method"]
        parsed = await parse_request(request)
        args = parsed.args
        token = bearer(request.headers.get("Authorization"))
        body_token = args.pop("token", None)
        if token is None and isinstance(body_token, str) and body_token:
            token = body_token
        try:
            if parsed.error is not None:
                raise _SlackRefusal(parsed.error)
            if token is None:
                raise _SlackRefusal("not_authed")
            if method == "chat.postMessage":
                return self._chat_post_message(args, token)
            if method == "auth.test":
                result = self._auth_test(token)
            elif method == "conversations.open":
                result = self._conversations_open(args)
            else:
                raise _SlackRefusal("unknown_method")
        except _SlackRefusal as exc:
            if method == "chat.postMessage":
                self.errors[exc.error] += 1
            return web.json_response({"ok": False, "error": exc.error})
        return web.json_response({"ok": True, **result})

    def _chat_post_message(self, args: dict[str, Any], token: str) -> web.Response:
        """``chat.postMessage``: rate-limited, recorded when accepted."""
        channel = args.get("channel")
        if not channel or not isinstance(channel, str):
            raise _SlackRefusal("channel_not_found")
        if not any(args.get(key) for key in ("text", "blocks", "attachments")):
            raise _SlackRefusal("no_text")
        if channel[:1] in ("U", "W"):
            channel = "D" + channel
        workspace = self.workspace_of(channel, token)
        now = self.clock()
        verdict = self.limiter.admit(workspace, channel, now)
        if not verdict.accepted:
            self.rejected_by_workspace[workspace] += 1
            self.rejected_by_reason[verdict.reason] += 1
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(verdict.retry_after)},
            )
        micros = next(self._ts_counter) * 100
        ts = f"{1700000000 + micros // 1_000_000}.{micros % 1_000_000:06d}"
        metadata = args.get("metadata")
        text = args.get("text")
        post = Post(
            channel=channel,
            workspace=workspace,
            ts=ts,
            text=text if isinstance(text, str) else "",
            metadata=metadata if isinstance(metadata, dict) else None,
            accepted_at=now,
            token=token,
            args=args,
        )
        self._record(post)
        message = {"type": "message", "text": post.text, "ts": ts, "bot_id": self.bot_id}
        return web.json_response({"ok": True, "channel": channel, "ts": ts, "message": message})

    def _record(self, post: Post) -> None:
        """Append an accepted post, update the counters and wake satisfied waiters."""
        self.posts.append(post)
        self.accepted_by_workspace[post.workspace] += 1
        self.accepted_by_channel[(post.workspace, post.channel)] += 1
        key = self.delivery_key(post)
        self._key_counts[key] += 1
        if self._key_counts[key] == 2:
            self._duplicates += 1
        count = len(self.posts)
        while self._waiters and self._waiters[0][0] <= count:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)

    def _auth_test(self, token: str) -> dict[str, Any]:
        """``auth.test``: the workspace of the token (see :meth:`workspace_of`)."""
        team_id = self.token_workspaces.get(token, token)
        return {
            "url": f"https://{team_id.lower()}.slack.com/",
            "team": team_id,
            "user": "ballback",
            "team_id": team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    @staticmethod
    def _conversations_open(args: dict[str, Any]) -> dict[str, Any]:
        """``conversations.open``: ``D<user>`` for one user, a stable ``G…`` id for several,
        or the given ``channel``."""
        value = args.get("users")
        if isinstance(value, list):
            users = [str(user).strip() for user in value if str(user).strip()]
        elif isinstance(value, str):
            users = [user.strip() for user in value.split(",") if user.strip()]
        else:
            users = []
        if not users:
            channel = args.get("channel")
            if channel:
                return {"channel": {"id": str(channel)}}
            raise _SlackRefusal("users_list_not_supplied")
        members = sorted(set(users))
        if len(members) == 1:
            return {"channel": {"id": "D" + members[0]}}
        digest = hashlib.sha256(",".join(members).encode()).hexdigest()[:10].upper()
        return {"channel": {"id": "G" + digest}}
