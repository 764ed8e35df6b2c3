"""Self-tests of the benchmark and crash-test fakes: the rate-limited Slack API
(``budget_slack``) with the real ``AsyncWebClient``, and the recording ``inbox``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.budget_slack import (
    BudgetLimiter,
    BudgetSlack,
    Post,
    floor_seconds,
    retry_after_seconds,
)
from tests.fakes.inbox import (
    DELIVERED,
    DROPPED,
    DUPLICATE,
    Inbox,
    InboxClient,
    InboxError,
)

TOKEN = "xoxb-budget"
TIMEOUT = 5.0
CHANNELS = {"C1": "T1", "C2": "T1", "C3": "T1", "C9": "T2"}


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def web_client(slack: BudgetSlack, token: str = TOKEN) -> AsyncWebClient:
    """A real AsyncWebClient on the fake, without retry handlers (429s surface)."""
    return AsyncWebClient(token=token, base_url=slack.base_url, retry_handlers=[])


async def rate_limited(client: AsyncWebClient, channel: str, text: str) -> int:
    """Post and expect a 429; return its ``Retry-After`` (checked to be an integer)."""
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel=channel, text=text)
    response = caught.value.response
    assert response.status_code == 429
    assert response["error"] == "ratelimited"
    header = response.headers["Retry-After"]
    assert header.isdigit(), header
    return int(header)


# -- budget_slack: the limiter and the floor -------------------------------------------------


def test_limiter_refills_continuously_up_to_burst_and_refusals_cost_nothing() -> None:
    limiter = BudgetLimiter(per_minute=120, burst=2)  # 2 tokens per second
    assert limiter.admit("T1", "C1", 0.0).accepted
    assert limiter.admit("T1", "C2", 0.0).accepted
    refused = limiter.admit("T1", "C3", 0.0)
    assert (refused.accepted, refused.reason, refused.wait) == (False, "workspace", 0.5)
    assert limiter.admit("T1", "C3", 0.25).wait == pytest.approx(0.25)
    assert limiter.admit("T1", "C3", 0.5).accepted  # the refusals took no token
    assert limiter.admit("T2", "C1", 0.5).accepted  # another workspace, same channel id
    # The bucket never holds more than burst: after a long pause two posts pass, not more.
    assert limiter.level("T1", 100.0) == 2.0
    assert limiter.admit("T1", "C4", 100.0).accepted
    assert limiter.admit("T1", "C5", 100.0).accepted
    assert not limiter.admit("T1", "C6", 100.0).accepted


def test_limiter_spaces_messages_to_one_channel_by_a_second() -> None:
    limiter = BudgetLimiter(per_minute=600)  # burst 10
    assert limiter.burst == 10
    assert limiter.admit("T1", "C1", 0.0).accepted
    refused = limiter.admit("T1", "C1", 0.4)
    assert (refused.reason, refused.wait) == ("channel", pytest.approx(0.6))
    assert limiter.admit("T1", "C1", 1.0).accepted
    small = BudgetLimiter(per_minute=30, burst=1)
    assert small.admit("T1", "C1", 0.0).accepted
    both = small.admit("T1", "C1", 0.5)
    assert (both.reason, both.wait) == ("both", pytest.approx(1.5))
    assert both.retry_after == 2


def test_limiter_defaults_and_rounding() -> None:
    assert BudgetLimiter(per_minute=6000).burst == 100
    assert BudgetLimiter(per_minute=30).burst == 1  # half a token would admit nothing
    with pytest.raises(ValueError):
        BudgetLimiter(per_minute=60, burst=0.5)
    assert [retry_after_seconds(w) for w in (0.001, 1.0, 1.0000000001, 1.2, 2.5)] == [
        1,
        1,
        1,
        2,
        3,
    ]


def test_floor_seconds_examples() -> None:
    assert floor_seconds({}, {}, 600, 10) == 0.0
    # 12 messages with 10 in the bucket: the 2 others need 0.2 s at 10/s.
    assert floor_seconds({"T1": 12}, {"C1": 1}, 600, 10) == pytest.approx(0.2)
    # Five messages to one channel need four one-second gaps, whatever the budget.
    assert floor_seconds({"T1": 5}, {"C1": 5}, 6000, 100) == 4.0
    # The benchmark: 50 workspaces x 200 channels, one post each, 600/min, default burst.
    workspaces = {f"T{w}": 200 for w in range(50)}
    channels = {(f"T{w}", f"C{c}"): 1 for w in range(50) for c in range(200)}
    assert floor_seconds(workspaces, channels, 600) == pytest.approx(19.0)
    assert floor_seconds(workspaces, channels, 600, burst=200) == 0.0
    assert floor_seconds({"T1": 3}, {}, 120, 2) == pytest.approx(0.5)


# -- budget_slack: the server with the real AsyncWebClient -----------------------------------


@pytest.fixture
async def slack() -> AsyncIterator[BudgetSlack]:
    """A started fake: 600/min per workspace (burst 10), channels C1-C3 in T1, C9 in T2."""
    async with BudgetSlack(per_minute=600, channel_workspaces=CHANNELS) as started:
        yield started


async def test_two_posts_to_one_channel_in_a_second_get_429(slack: BudgetSlack) -> None:
    client = web_client(slack)
    first = await client.chat_postMessage(channel="C1", text="one")
    assert first["ok"] and first["channel"] == "C1"
    assert await rate_limited(client, "C1", "two") == 1
    ok_elsewhere = await client.chat_postMessage(channel="C2", text="two")
    assert ok_elsewhere["ts"] != first["ts"]
    assert [(p.channel, p.workspace, p.text) for p in slack.posts] == [
        ("C1", "T1", "one"),
        ("C2", "T1", "two"),
    ]
    assert slack.rejected == 1
    assert slack.rejected_by_workspace == {"T1": 1}
    assert slack.rejected_by_reason == {"channel": 1}


async def test_exceeding_a_small_workspace_budget_gets_429() -> None:
    async with BudgetSlack(per_minute=120, burst=2, channel_workspaces=CHANNELS) as slack:
        client = web_client(slack)
        await client.chat_postMessage(channel="C1", text="a")
        await client.chat_postMessage(channel="C2", text="b")
        assert await rate_limited(client, "C3", "c") == 1  # 0.5 s to the next token
        await client.chat_postMessage(channel="C9", text="d")  # T2 has its own bucket
        assert [(p.channel, p.workspace) for p in slack.posts] == [
            ("C1", "T1"),
            ("C2", "T1"),
            ("C9", "T2"),
        ]
        assert slack.rejected_by_workspace == {"T1": 1}
        assert slack.rejected_by_reason == {"workspace": 1}
        assert slack.accepted_by_workspace == {"T1": 2, "T2": 1}
        assert slack.floor() == 0.0


async def test_retry_after_rounds_the_real_wait_up() -> None:
    clock = ManualClock()
    async with BudgetSlack(per_minute=24, burst=1, clock=clock) as slack:  # 0.4 tokens/s
        client = web_client(slack)
        await client.chat_postMessage(channel="C1", text="a")
        assert await rate_limited(client, "C2", "b") == 3  # 2.5 s
        clock.now += 2.0
        assert await rate_limited(client, "C2", "b") == 1  # 0.5 s
        clock.now += 0.5
        await client.chat_postMessage(channel="C2", text="b")
        # Unknown channels count against the token's workspace (the token itself here).
        assert {p.workspace for p in slack.posts} == {TOKEN}
        assert slack.posts[1].accepted_at - slack.posts[0].accepted_at == 2.5


async def test_token_workspaces_metadata_and_duplicates() -> None:
    clock = ManualClock()
    async with BudgetSlack(
        per_minute=600, token_workspaces={"xoxb-a": "TA", "xoxb-b": "TB"}, clock=clock
    ) as slack:
        a, b = web_client(slack, "xoxb-a"), web_client(slack, "xoxb-b")
        meta = {"event_type": "notice", "event_payload": {"key": "n1"}}
        await a.chat_postMessage(channel="C1", text="hello", metadata=meta)
        await b.chat_postMessage(channel="C1", text="hello")
        await a.chat_postMessage(channel="C2", text="other", metadata=meta)
        assert slack.duplicates() == 0
        clock.now += 1.0
        await a.chat_postMessage(channel="C1", text="re-worded", metadata=meta)  # same key
        await b.chat_postMessage(channel="C1", text="hello")  # same text, no metadata
        assert [p.workspace for p in slack.posts] == ["TA", "TB", "TA", "TA", "TB"]
        assert slack.posts[0].metadata == meta
        assert slack.duplicates() == 2
        assert slack.duplicate_keys() == {("C1", "n1"): 2, ("C1", "hello"): 2}
        assert slack.rejected == 0


async def test_custom_delivery_key() -> None:
    def by_text(post: Post) -> Any:
        return post.text

    async with BudgetSlack(per_minute=600, delivery_key=by_text) as slack:
        client = web_client(slack)
        await client.chat_postMessage(channel="C1", text="same")
        await client.chat_postMessage(channel="C2", text="same")
        assert slack.duplicates() == 1


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing:UserWarning")
async def test_form_body_auth_test_and_conversations_open(slack: BudgetSlack) -> None:
    client = web_client(slack)
    auth = await client.auth_test()
    assert auth["team_id"] == TOKEN and auth["user_id"] == "UBOT"
    dm = await client.conversations_open(users="U7")
    assert dm["channel"]["id"] == "DU7"
    group = await client.conversations_open(users=["U2", "U1"])
    again = await client.conversations_open(users="U1,U2")
    assert group["channel"]["id"] == again["channel"]["id"]
    assert group["channel"]["id"].startswith("G")
    form = await client.api_call("chat.postMessage", data={"channel": "C9", "text": "form"})
    assert form["ok"]
    await client.chat_postMessage(channel="U7", text="dm")
    assert [(p.channel, p.workspace) for p in slack.posts] == [("C9", "T2"), ("DU7", TOKEN)]
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="C1", text="")
    assert caught.value.response["error"] == "no_text"
    assert slack.errors == {"no_text": 1}
    assert slack.rejected == 0


async def test_wait_for_posts(slack: BudgetSlack) -> None:
    client = web_client(slack)
    waiting = asyncio.create_task(slack.wait_for_posts(3, TIMEOUT))
    await asyncio.gather(
        *(client.chat_postMessage(channel=f"C{i}", text=str(i)) for i in range(1, 4))
    )
    assert len(await waiting) == 3
    with pytest.raises(AssertionError, match="3 of 4 posts"):
        await slack.wait_for_posts(4, 0.05)


async def test_a_fan_out_is_accepted_at_the_budget(slack: BudgetSlack) -> None:
    """Forty workspaces x five channels fit their bursts: all accepted at once.

    One shared session: a fresh connection per request (the client's default) for hundreds
    of concurrent posts overflows the listen backlog and costs SYN retries of a second.
    """
    for w in range(40):
        for c in range(5):
            slack.add_channel(f"C{w}-{c}", f"W{w}")
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(
            token=TOKEN, base_url=slack.base_url, session=session, retry_handlers=[]
        )
        await asyncio.gather(
            *(
                client.chat_postMessage(channel=f"C{w}-{c}", text="hi")
                for w in range(40)
                for c in range(5)
            )
        )
    assert len(slack.posts) == 200 and slack.rejected == 0
    assert set(slack.accepted_by_workspace.values()) == {5}
    assert slack.duplicates() == 0


# -- inbox -----------------------------------------------------------------------------------


def notice(nonce: str, **fields: Any) -> dict[str, Any]:
    """A ``/deliver`` body (without ``worker``: the client adds it)."""
    body: dict[str, Any] = {
        "nonce": nonce,
        "kind": "channel",
        "platform": "slack",
        "workspace": "T1",
        "channel": "C1",
        "member": None,
        "space": None,
        "title": "Weekly practice",
        "body": "Time to practise!",
    }
    body.update(fields)
    return body


@pytest.fixture
async def inbox() -> AsyncIterator[Inbox]:
    """A started inbox."""
    async with Inbox() as started:
        yield started


@pytest.fixture
async def client(inbox: Inbox) -> AsyncIterator[InboxClient]:
    """A client sending as worker ``w1``."""
    async with inbox.client("w1") as opened:
        yield opened


async def test_nonce_deduplication(inbox: Inbox, client: InboxClient) -> None:
    ref = await client.send(notice("n1"))
    assert await client.send(notice("n1")) == ref
    other = await client.send(notice("n2", kind="private", member="U1", title="Your turn"))
    assert other != ref
    assert [d.nonce for d in inbox.deliveries] == ["n1", "n2"]
    assert inbox.deliveries[0].worker == "w1" and inbox.deliveries[1].member == "U1"
    assert [a.outcome for a in inbox.attempts] == [DELIVERED, DUPLICATE, DELIVERED]
    assert inbox.duplicate_attempts == 1
    assert inbox.conflicts == []
    inbox.assert_exactly_once(
        [
            ("channel", "slack", "T1", "C1", None, None, "Weekly practice"),
            ("private", "slack", "T1", "C1", "U1", None, "Your turn"),
        ]
    )
    # A retry that differs from what was recorded is still a duplicate, and flagged.
    assert await client.send(notice("n1", body="changed")) == ref
    assert len(inbox.conflicts) == 1 and inbox.duplicate_attempts == 2


async def test_open_space_refs_and_repeated_keys(inbox: Inbox, client: InboxClient) -> None:
    first = await client.send(notice("s1", kind="open_space", title="Pair up"))
    second = await client.send(notice("s2", kind="open_space", title="Pair up"))
    assert (first, second) == ("space-1", "space-2")
    assert await client.send(notice("s1", kind="open_space", title="Pair up")) == "space-1"
    await client.send(notice("m1", kind="space", space=first))
    assert inbox.by_key(("kind", "title"))[("open_space", "Pair up")] == 2
    assert inbox.repeated(("kind", "title")) == {("open_space", "Pair up"): 2}
    with pytest.raises(AssertionError, match="more than once"):
        inbox.assert_exactly_once(fields=("kind", "title"))
    inbox.assert_exactly_once(fields=("nonce",))
    assert [d.space for d in inbox.deliveries_where(kind="space")] == ["space-1"]


async def test_invalid_bodies_are_refused(inbox: Inbox, client: InboxClient) -> None:
    with pytest.raises(InboxError) as caught:
        await client.send(notice("n1", kind="carrier-pigeon"))
    assert caught.value.status == 400
    with pytest.raises(InboxError):
        await client.send({"nonce": "n2"})
    assert len(inbox.invalid) == 2 and inbox.attempts == []


async def test_held_unrecorded_request_of_a_killed_client_is_not_recorded(
    inbox: Inbox,
) -> None:
    hold = inbox.hold(lambda body: body["title"] == "Held", record=False)
    doomed = InboxClient(inbox.url, "w1")
    sending = asyncio.create_task(doomed.send(notice("n1", title="Held")))
    arrived = await hold.wait_arrived(TIMEOUT)
    assert (arrived.worker, arrived.payload["nonce"]) == ("w1", "n1")
    assert inbox.deliveries == []
    sending.cancel()
    await doomed.close()
    finished = await hold.wait_finished(TIMEOUT)
    assert finished.outcome == DROPPED
    assert inbox.deliveries == []
    # Another worker retries the same notice: the first time it is recorded.
    async with inbox.client("w2") as retry:
        ref = await retry.send(notice("n1", title="Held"))
    assert [(d.nonce, d.worker, d.ref) for d in inbox.deliveries] == [("n1", "w2", ref)]
    assert inbox.duplicate_attempts == 0
    with pytest.raises(asyncio.CancelledError):
        await sending


async def test_held_recorded_request_of_a_killed_client_is_recorded_once(
    inbox: Inbox,
) -> None:
    hold = inbox.hold(lambda body: body["nonce"] == "n1", record=True)
    doomed = InboxClient(inbox.url, "w1")
    sending = asyncio.create_task(doomed.send(notice("n1")))
    await hold.wait_arrived(TIMEOUT)
    assert [d.nonce for d in inbox.deliveries] == ["n1"]
    sending.cancel()
    await doomed.close()
    finished = await hold.wait_finished(TIMEOUT)
    assert finished.outcome == DELIVERED
    async with inbox.client("w2") as retry:
        ref = await retry.send(notice("n1"))
    assert ref == inbox.deliveries[0].ref
    assert len(inbox.deliveries) == 1
    assert inbox.duplicate_attempts == 1
    assert [a.outcome for a in inbox.attempts] == [DELIVERED, DUPLICATE]


async def test_released_holds_answer_and_each_matches_once(
    inbox: Inbox, client: InboxClient
) -> None:
    first = inbox.hold(lambda body: body["kind"] == "private", record=False)
    second = inbox.hold(lambda body: body["kind"] == "private", record=True)
    one = asyncio.create_task(client.send(notice("p1", kind="private", member="U1")))
    await first.wait_arrived(TIMEOUT)
    two = asyncio.create_task(client.send(notice("p2", kind="private", member="U2")))
    await second.wait_arrived(TIMEOUT)
    assert [d.nonce for d in inbox.deliveries] == ["p2"]  # record=True: before the hold
    third = await client.send(notice("p3", kind="private", member="U3"))  # no hold left
    first.release()
    second.release()
    refs = await asyncio.wait_for(asyncio.gather(one, two), TIMEOUT)
    assert [d.nonce for d in inbox.deliveries] == ["p2", "p3", "p1"]
    assert refs == [inbox.delivery("p1").ref, inbox.delivery("p2").ref]  # type: ignore[union-attr]
    assert third == inbox.delivery("p3").ref  # type: ignore[union-attr]
    assert (await first.wait_finished()).outcome == DELIVERED
    await inbox.wait_for_deliveries(3, TIMEOUT)


async def test_stopping_drops_held_requests() -> None:
    inbox = Inbox()
    await inbox.start()
    hold = inbox.hold(lambda body: True, record=False)
    unmatched = inbox.hold(lambda body: False, record=False)
    async with inbox.client("w1") as client:
        sending = asyncio.create_task(client.send(notice("n1")))
        await hold.wait_arrived(TIMEOUT)
        await inbox.stop()
        with pytest.raises(InboxError) as caught:
            await asyncio.wait_for(sending, TIMEOUT)
    assert caught.value.status == 503
    assert (await hold.wait_finished()).outcome == DROPPED
    assert inbox.deliveries == []
    assert unmatched.arrived.cancelled()
