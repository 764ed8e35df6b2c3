"""Self-tests of the loopback Slack fakes: real slack_sdk and slack_bolt clients against them."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.fake_slack import FakeSlack
from tests.fakes.servers import serve
from tests.fakes.slack_driver import FORM, JSON, SlackDriver, static_select

TOKEN = "xoxb-test"
SECRET = "s3cr3t-signing"
TIMEOUT = 5.0
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    """A started fake with two known users."""
    async with FakeSlack(token=TOKEN) as started:
        started.add_user("U1", name="ada", is_admin=True)
        started.add_user("U2", name="bob", tz="America/New_York", locale="nl-NL")
        yield started
        assert started.unknown == []


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    """A real AsyncWebClient pointed at the fake."""
    return AsyncWebClient(token=TOKEN, base_url=fake.base_url)


# -- the fake Web API with the real AsyncWebClient ------------------------------------------


async def test_post_message_records_args_and_answers_like_slack(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    first = await client.chat_postMessage(channel="C1", text="hello", blocks=BLOCKS)
    second = await client.chat_postMessage(channel="C1", text="again")
    assert first["ok"] and first["channel"] == "C1"
    assert first["ts"] == "1700000000.000100"
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["blocks"] == BLOCKS and first["message"]["text"] == "hello"
    call = fake.calls_to("chat.postMessage")[0]
    assert call.args == {"channel": "C1", "text": "hello", "blocks": BLOCKS}
    assert call.token == TOKEN and call.ok and call.encoding == "json"
    assert fake.messages[("C1", first["ts"])]["text"] == "hello"


async def test_post_message_needs_content_and_posts_to_user_ids_in_the_dm(
    client: AsyncWebClient,
) -> None:
    with pytest.raises(SlackApiError) as raised, pytest.warns(UserWarning, match="`text`"):
        await client.chat_postMessage(channel="C1")
    assert raised.value.response["error"] == "no_text"
    to_user = await client.chat_postMessage(channel="U1", text="psst")
    opened = await client.conversations_open(users="U1")
    assert to_user["channel"] == opened["channel"]["id"]


async def test_form_bodies_are_parsed_and_json_values_decoded(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    await client.api_call(
        "chat.postMessage", data={"channel": "C1", "text": "t", "blocks": json.dumps(BLOCKS)}
    )
    call = fake.calls_to("chat.postMessage")[0]
    assert call.encoding == "form"
    assert call.args["blocks"] == BLOCKS and call.token == TOKEN


async def test_conversations_open_is_stable_per_user_set(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    one = await client.conversations_open(users=["U1"])
    again = await client.conversations_open(users="U1")
    group = await client.conversations_open(users=["U2", "U1"])
    same_group = await client.conversations_open(users="U1,U2")
    assert one["channel"]["id"].startswith("D")
    assert one["channel"]["id"] == again["channel"]["id"] == fake.dm_channel_id("U1")
    assert again["already_open"] is True
    assert group["channel"]["id"][0] in "GC"
    assert group["channel"]["id"] == same_group["channel"]["id"] != one["channel"]["id"]
    assert fake.calls_to("conversations.open")[0].encoding == "query"
    info = await client.conversations_info(channel=one["channel"]["id"])
    assert info["channel"]["is_im"] is True and info["channel"]["user"] == "U1"
    with pytest.raises(SlackApiError) as raised:
        await client.conversations_open(users=[f"U{i}" for i in range(9)])
    assert raised.value.response["error"] == "too_many_users"


async def test_users_info(fake: FakeSlack, client: AsyncWebClient) -> None:
    ada = await client.users_info(user="U1")
    bob = await client.users_info(user="U2", include_locale=True)
    assert ada["user"]["name"] == "ada" and ada["user"]["is_admin"] is True
    assert ada["user"]["tz"] == "Europe/Amsterdam" and "locale" not in ada["user"]
    assert bob["user"]["locale"] == "nl-NL" and bob["user"]["tz_offset"] < 0
    assert fake.calls_to("users.info")[0].encoding == "query"
    with pytest.raises(SlackApiError) as raised:
        await client.users_info(user="U404")
    assert raised.value.response["error"] == "user_not_found"


async def test_views_and_other_methods(fake: FakeSlack, client: AsyncWebClient) -> None:
    modal = {
        "type": "modal",
        "callback_id": "reflect",
        "title": {"type": "plain_text", "text": "Reflect"},
        "blocks": [],
    }
    opened = await client.views_open(trigger_id="t1", view=modal)
    assert opened["view"]["id"].startswith("V") and opened["view"]["callback_id"] == "reflect"
    with pytest.raises(SlackApiError) as raised:
        await client.views_open(trigger_id="t1", view=modal)
    assert raised.value.response["error"] == "exchanged_trigger_id"
    too_long = {**modal, "title": {"type": "plain_text", "text": "x" * 25}}
    with pytest.raises(SlackApiError) as raised:
        await client.views_open(trigger_id="t2", view=too_long)
    assert raised.value.response["error"] == "invalid_arguments"
    updated = await client.views_update(view_id=opened["view"]["id"], view=modal)
    assert updated["view"]["id"] == opened["view"]["id"]
    home = await client.views_publish(user_id="U1", view={"type": "home", "blocks": BLOCKS})
    assert fake.home_views["U1"]["id"] == home["view"]["id"]
    ephemeral = await client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert ephemeral["message_ts"]
    posted = await client.chat_postMessage(channel="C1", text="v1")
    await client.chat_update(channel="C1", ts=posted["ts"], text="v2")
    assert fake.messages[("C1", posted["ts"])]["text"] == "v2"
    link = await client.chat_getPermalink(channel="C1", message_ts=posted["ts"])
    assert link["permalink"].endswith("/archives/C1/p1700000000000200")
    auth = await client.auth_test()
    assert (auth["user_id"], auth["team_id"], auth["bot_id"]) == ("UBOT", "T1", "B1")


async def test_bad_token_and_unknown_method(fake: FakeSlack) -> None:
    bad = AsyncWebClient(token="xoxb-wrong", base_url=fake.base_url)
    with pytest.raises(SlackApiError) as raised:
        await bad.chat_postMessage(channel="C1", text="x")
    assert raised.value.response["error"] == "invalid_auth"
    missing = AsyncWebClient(base_url=fake.base_url)
    with pytest.raises(SlackApiError) as raised:
        await missing.auth_test()
    assert raised.value.response["error"] == "invalid_auth"
    assert fake.calls_to("auth.test")[0].token is None
    with pytest.raises(SlackApiError) as raised:
        await AsyncWebClient(token=TOKEN, base_url=fake.base_url).api_call("no.suchMethod")
    assert raised.value.response["error"] == "unknown_method"
    assert fake.unknown == ["no.suchMethod"]
    fake.unknown.clear()


async def test_rate_limit_is_retried_by_the_sdk_handler(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    fake.fail_next("chat.postMessage", 429, retry_after=0)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    started = time.monotonic()
    response = await client.chat_postMessage(channel="C1", text="x")
    assert response["ok"]
    calls = fake.calls_to("chat.postMessage")
    assert [(c.status, c.error) for c in calls] == [(429, "ratelimited"), (200, None)]
    # slack_sdk sleeps int(Retry-After) + random() seconds, so retry_after=0 waits < 1 s.
    assert time.monotonic() - started < 1.5


async def test_rate_limit_without_handler_and_server_error_raise(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    fake.fail_next("chat.postMessage", 429, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"
    fake.fail_next("users.info", 500)
    with pytest.raises(SlackApiError) as raised:
        await client.users_info(user="U1")
    assert raised.value.response.status_code == 500
    assert raised.value.response["error"] == "internal_error"
    fake.fail_next("views.open", 200, error="expired_trigger_id")
    with pytest.raises(SlackApiError) as raised:
        await client.views_open(trigger_id="t", view={"type": "modal"})
    assert raised.value.response["error"] == "expired_trigger_id"
    assert (await client.users_info(user="U1"))["ok"]


async def test_wait_for_times_out_with_a_clear_message(fake: FakeSlack) -> None:
    with pytest.raises(AssertionError, match=re.escape("0 of 1 calls to 'chat.update'")):
        await fake.wait_for("chat.update", timeout=0.05)


# -- a real bolt AsyncApp driven over HTTP --------------------------------------------------


@dataclass
class Seen:
    """What the bolt handlers received, by handler kind."""

    bodies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def add(self, kind: str, body: dict[str, Any]) -> None:
        """Record ``body`` for ``kind`` and wake waiters."""
        self.bodies.setdefault(kind, []).append(body)
        async with self.changed:
            self.changed.notify_all()

    async def wait(self, kind: str, count: int = 1) -> dict[str, Any]:
        """The latest body seen for ``kind``, once at least ``count`` were seen."""
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: len(self.bodies.get(kind, [])) >= count), TIMEOUT
            )
        return self.bodies[kind][-1]


@dataclass
class Bolt:
    """A served bolt app, its driver and what its handlers saw."""

    driver: SlackDriver
    seen: Seen


@pytest.fixture
async def bolt(fake: FakeSlack) -> AsyncIterator[Bolt]:
    """A real bolt AsyncApp (client on the fake) served on loopback, with a driver."""
    app = AsyncApp(
        signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=fake.base_url)
    )
    seen = Seen()

    @app.command("/practice")
    async def practice(ack: Any, command: dict[str, Any], respond: Any) -> None:
        await ack({"response_type": "ephemeral", "text": f"echo: {command['text']}"})
        await respond(text="later", response_type="ephemeral")
        await seen.add("command", command)

    @app.action("pick")
    async def pick(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.chat_update(
            channel=body["channel"]["id"], ts=body["container"]["message_ts"], text="picked"
        )
        await seen.add("action", body)

    @app.view("reflect")
    async def reflect(ack: Any, view: dict[str, Any], body: dict[str, Any]) -> None:
        await ack()
        await seen.add("view", body)

    @app.event("app_home_opened")
    async def home(event: dict[str, Any], client: AsyncWebClient, request: Any) -> None:
        await client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        await seen.add("event", {**event, "retry_num": retry})

    base, stop = await serve(app.web_app(path="/slack/events"))
    driver = SlackDriver(f"{base}/slack/events", SECRET, fake=fake)
    try:
        yield Bolt(driver, seen)
    finally:
        await driver.close()
        await stop()


async def test_slash_command_acks_and_responds(fake: FakeSlack, bolt: Bolt) -> None:
    response = await bolt.driver.command("U1", "C9", "monday 9:00")
    assert response.status == 200
    assert response.json == {"response_type": "ephemeral", "text": "echo: monday 9:00"}
    command = await bolt.seen.wait("command")
    assert command["user_id"] == "U1" and command["user_name"] == "ada"
    assert command["channel_id"] == "C9" and command["command"] == "/practice"
    assert command["team_id"] == "T1" and command["api_app_id"] == "A1"
    assert command["trigger_id"] == response.trigger_id
    assert response.response_url_method is not None
    [posted] = await fake.wait_for(response.response_url_method)
    assert posted.args["text"] == "later" and posted.args["response_type"] == "ephemeral"
    second = await bolt.driver.command("U1", "C9", "café ✓ <!channel> a+b&c=d")
    assert second.trigger_id != response.trigger_id
    assert second.response_url_method != response.response_url_method
    assert (await bolt.seen.wait("command", 2))["text"] == "café ✓ <!channel> a+b&c=d"


async def test_block_action_reaches_the_handler(fake: FakeSlack, bolt: Bolt) -> None:
    client = AsyncWebClient(token=TOKEN, base_url=fake.base_url)
    posted = await client.chat_postMessage(channel="C1", text="choose", blocks=BLOCKS)
    response = await bolt.driver.block_action("U2", "C1", "pick", "42", message_ts=posted["ts"])
    assert response.status == 200
    body = await bolt.seen.wait("action")
    assert body["user"]["id"] == "U2" and body["user"]["username"] == "bob"
    assert body["actions"][0]["value"] == "42" and body["actions"][0]["action_id"] == "pick"
    assert body["message"]["blocks"] == BLOCKS
    [update] = await fake.wait_for("chat.update")
    assert update.args["ts"] == posted["ts"] and update.ok


async def test_view_submission_reaches_the_handler(bolt: Bolt) -> None:
    response = await bolt.driver.view_submission(
        "U1",
        "reflect",
        {"answer": "I listened", "mood": static_select("good"), "note": None},
        private_metadata='{"round": 3}',
    )
    assert response.status == 200 and response.text == ""
    body = await bolt.seen.wait("view")
    values = body["view"]["state"]["values"]
    assert values["answer"]["answer"] == {"type": "plain_text_input", "value": "I listened"}
    assert values["mood"]["mood"]["selected_option"]["value"] == "good"
    assert values["note"]["note"]["value"] is None
    assert body["view"]["private_metadata"] == '{"round": 3}'
    assert body["user"]["id"] == "U1"


async def test_event_reaches_the_handler(fake: FakeSlack, bolt: Bolt) -> None:
    response = await bolt.driver.app_home_opened("U1")
    assert response.status == 200
    event = await bolt.seen.wait("event")
    assert event["user"] == "U1" and event["tab"] == "home" and event["retry_num"] is None
    assert event["channel"] == fake.dm_channel_id("U1")
    await fake.wait_for("views.publish")
    retried = await bolt.driver.event(dict(event), event_id="Ev1", retry_num=1)
    assert retried.status == 200
    # bolt itself does not de-duplicate retried events
    assert (await bolt.seen.wait("event", 2))["retry_num"] == "1"


async def test_forged_and_stale_requests_are_rejected(fake: FakeSlack, bolt: Bolt) -> None:
    fields = {"team_id": "T1", "user_id": "U1", "command": "/practice", "text": "hi"}
    body = urlencode({**fields, "response_url": fake.response_url("raw")}).encode()
    forged = await bolt.driver.raw(body, FORM, signature="v0=" + "0" * 64)
    stale = await bolt.driver.raw(body, FORM, timestamp=int(time.time()) - 301)
    fresh = await bolt.driver.raw(body, FORM, timestamp=int(time.time()) - 200)
    assert forged.status == 401 and stale.status == 401
    assert forged.json == {"error": "invalid request"}
    assert fresh.status == 200
    assert (await bolt.seen.wait("command"))["text"] == "hi"
    assert len(bolt.seen.bodies["command"]) == 1


async def test_url_verification_returns_the_challenge(bolt: Bolt) -> None:
    response = await bolt.driver.url_verification("abc123")
    assert response.status == 200 and response.json == {"challenge": "abc123"}
    raw = await bolt.driver.raw(
        json.dumps({"type": "url_verification", "challenge": "c"}).encode(), JSON
    )
    assert raw.json == {"challenge": "c"}
