"""The whole practice loop through the real Slack app, fed signed requests (no network)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.model import BRINGER, HELPER, OBSERVER, MemberRef, Place
from tests.fakes.slack_driver import static_select
from tests.slack.conftest import CHANNEL, SlackWorld, amsterdam

PLACE = Place("slack", "T1", CHANNEL)
MEMBERS = {"UANNA": "Anna", "UBOB": "Bob", "UCEES": "Cees"}
REFLECTION = {"R1": "I asked one question.", "R2": "She thought.", "R3": "Wait longer.", "R4": None}
ANSWERS: dict[str, dict[str, Any]] = {
    HELPER: {"S1": "I kept quiet.", "S2": static_select(None)},
    BRINGER: {
        "P1": static_select("ja"),
        "P3": static_select("inbrenger"),
        "P8": static_select("inbrenger"),
        "P9": static_select(None),
        "P6": "You waited <!channel> and <@U123>.",
    },
    OBSERVER: {
        "O1": static_select("ja"),
        "O6": static_select("samen"),
        "O7": static_select("inbrenger"),
        "O4": static_select("persoon"),
        "O5": "After the pause she sat up.",
    },
}


def texts(value: Any) -> list[dict[str, Any]]:
    """Every Block Kit text object inside a payload."""
    found = []
    if isinstance(value, dict):
        if value.get("type") in ("mrkdwn", "plain_text") and "text" in value:
            found.append(value)
        for inner in value.values():
            found += texts(inner)
    elif isinstance(value, list):
        for inner in value:
            found += texts(inner)
    return found


async def groups(world: SlackWorld, day: date):
    async with world.practice.store.transaction() as tx:
        return await tx.groups.list(PLACE, day)


async def reflect(world: SlackWorld, user: str) -> None:
    response = await world.driver.command(user, CHANNEL, "reflect")
    assert response.status == 200
    [opened] = world.fake.calls_to("views.open")[-1:]
    view = opened.args["view"]
    assert view["callback_id"] == "reflect"
    submitted = await world.driver.view_submission(
        user, "reflect", REFLECTION, private_metadata=view["private_metadata"]
    )
    assert submitted.status == 200 and not submitted.text


async def test_the_whole_loop_over_two_days(slack: SlackWorld) -> None:
    fake, driver = slack.fake, slack.driver
    # Setup by a workspace admin; a member may not.
    response = await driver.command("UTESS", CHANNEL, "setup time 09:00 pairing 10:00 days mon-fri")
    assert response.status == 200
    [answer] = fake.calls_to(response.response_url_method)
    assert answer.args["response_type"] == "ephemeral"
    assert "Settings saved" in json.dumps(answer.args)
    refused = await driver.command("UANNA", CHANNEL, "setup time 07:00")
    assert "Only a channel admin" in json.dumps(fake.calls_to(refused.response_url_method)[0].args)

    # The nudge at 09:00, with buttons.
    await slack.tick(amsterdam(7, 9))
    [nudge] = [c for c in fake.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL]
    buttons = [
        e["action_id"]
        for b in nudge.args["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert buttons == ["join", "reflect", "scenario"]
    assert "link_names" not in nudge.args

    # Three members join with the button; at 10:00 they become a trio in a group DM.
    for user in MEMBERS:
        joined = await driver.block_action(
            user, CHANNEL, "join", message_ts=nudge.args.get("ts", "1700000000.000100")
        )
        assert joined.status == 200
    await slack.tick(amsterdam(7, 10))
    [trio] = await groups(slack, date(2026, 12, 7))
    assert len(trio.seats) == 3
    group_dm = [c for c in fake.calls_to("conversations.open") if c.args["users"].count(",") == 2]
    assert group_dm, "the trio gets a group DM"
    # Each member privately got their role and brief (a DM each).
    dms = {fake.dm_channel_id(user): user for user in MEMBERS}
    private = [c for c in fake.calls_to("chat.postMessage") if c.args["channel"] in dms]
    assert {dms[c.args["channel"]] for c in private} == set(MEMBERS)

    # Feedback through the buttons and modals: partner and observer first, then the helper.
    for role in (BRINGER, OBSERVER, HELPER):
        seat = trio.member_in(role)
        assert seat is not None
        await driver.block_action(
            seat.member.user, fake.dm_channel_id(*sorted(MEMBERS)), f"feedback:{trio.id}"
        )
        view = fake.calls_to("views.open")[-1].args["view"]
        assert view["callback_id"].endswith(
            {HELPER: "self_assessment", BRINGER: "partner", OBSERVER: "observer"}[role]
        )
        done = await driver.view_submission(
            seat.member.user,
            view["callback_id"],
            ANSWERS[role],
            private_metadata=view["private_metadata"],
        )
        assert done.status == 200 and not done.text, done.text
    helper = trio.member_in(HELPER)
    assert helper is not None
    to_helper = [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.args["channel"] == fake.dm_channel_id(helper.member.user)
    ]
    shown = json.dumps([c.args["blocks"] for c in to_helper])
    assert "From " in shown and "(issue-bringer)" in shown
    # Member text is never a mention: it only ever travels as escaped or plain text.
    for call in fake.calls:
        for text in texts(call.args):
            if text["type"] == "mrkdwn":
                assert "<!channel>" not in text["text"] and "<@U123>" not in text["text"]

    # A reflection through the modal, and the streak in App Home.
    await reflect(slack, "UANNA")
    saved = fake.calls_to("chat.postMessage")[-1]
    assert "Reflection saved" in json.dumps(saved.args["blocks"])
    await driver.app_home_opened("UANNA")
    home = fake.calls_to("views.publish")[-1].args["view"]
    assert '"1 day"' in json.dumps(home)

    # Day two: the nudge again, another reflection, a streak of two.
    await slack.tick(amsterdam(8, 9, 30))
    await reflect(slack, "UANNA")
    await driver.app_home_opened("UANNA")
    assert '"2 days"' in json.dumps(fake.calls_to("views.publish")[-1].args["view"])
    assert fake.unknown == []


async def test_forged_and_stale_requests_are_refused(slack: SlackWorld) -> None:
    body = b"command=%2Fpractice&text=join&team_id=T1&channel_id=C0PRACTICE&user_id=UANNA"
    forged = await slack.driver.raw(
        body, "application/x-www-form-urlencoded", signature="v0=" + "0" * 64
    )
    assert forged.status == 401
    import time

    stale = await slack.driver.raw(
        body, "application/x-www-form-urlencoded", timestamp=int(time.time()) - 301
    )
    assert stale.status == 401
    unsigned = await slack.driver.raw(body, "application/x-www-form-urlencoded", signature="")
    assert unsigned.status == 401
    async with slack.practice.store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, date(2026, 12, 7)) == []


HOME_OPENED = {
    "type": "app_home_opened",
    "user": "UANNA",
    "channel": "D1",
    "tab": "home",
    "event_ts": "1700000000.1",
}


async def test_a_retried_event_has_one_effect(slack: SlackWorld) -> None:
    event = HOME_OPENED
    first = await slack.driver.event(event, event_id="Ev0001")
    again = await slack.driver.event(event, event_id="Ev0001", retry_num=1)
    assert first.status == again.status == 200
    assert len(slack.fake.calls_to("views.publish")) == 1


async def test_a_retry_of_a_failed_event_is_handled(slack: SlackWorld) -> None:
    event = HOME_OPENED
    slack.fake.fail_next("views.publish", 500)
    first = await slack.driver.event(event, event_id="Ev0002")
    assert first.status >= 500  # Slack will retry it
    again = await slack.driver.event(event, event_id="Ev0002", retry_num=1)
    assert again.status == 200
    assert [c.status for c in slack.fake.calls_to("views.publish")] == [500, 200]


async def test_someone_elses_feedback_button_is_refused(slack: SlackWorld) -> None:
    for user in ("UANNA", "UBOB"):
        await slack.driver.command(user, CHANNEL, "join")
    await slack.tick(amsterdam(7, 10))
    [pair] = await groups(slack, date(2026, 12, 7))
    response = await slack.driver.block_action("UEVE", CHANNEL, f"feedback:{pair.id}")
    [answer] = slack.fake.calls_to(response.response_url_method)
    assert "Only the members of practice 1" in json.dumps(answer.args)
    assert slack.fake.calls_to("views.open") == []


async def test_an_over_long_modal_answer_is_refused_in_the_modal(slack: SlackWorld) -> None:
    await slack.driver.command("UANNA", CHANNEL, "reflect")
    view = slack.fake.calls_to("views.open")[-1].args["view"]
    response = await slack.driver.view_submission(
        "UANNA",
        "reflect",
        {**REFLECTION, "R1": "x" * 4001},
        private_metadata=view["private_metadata"],
    )
    assert response.status == 200
    assert response.json["response_action"] == "errors"
    assert "3000" in response.json["errors"]["R1"]
    async with slack.practice.store.transaction() as tx:
        assert await tx.reflections.list(MemberRef("slack", "T1", "UANNA")) == []


async def test_an_empty_command_shows_help_and_a_typo_one_line(slack: SlackWorld) -> None:
    response = await slack.driver.command("UANNA", CHANNEL, "")
    [answer] = slack.fake.calls_to(response.response_url_method)
    assert "/practice today" in json.dumps(answer.args)
    assert "/practice setup" in json.dumps(answer.args), "setup is in the help"
    # Discord's subcommand group (``/practice admin report``) is no part of typed text.
    assert "/practice report" in json.dumps(answer.args)
    assert "/practice admin" not in json.dumps(answer.args)
    for text, shown in (
        ("strek", "Unknown command /practice strek — did you mean /practice streak? "
         "Type /practice help for all commands."),
        ("reprot", "did you mean /practice report?"),
        ("<!channel>", "Unknown command /practice &lt;!channel&gt;. Type /practice help"),
    ):  # fmt: skip
        response = await slack.driver.command("UANNA", CHANNEL, text)
        answer = slack.fake.calls_to(response.response_url_method)[-1]
        sent = json.dumps(answer.args, ensure_ascii=False)
        assert shown in sent and "/practice today" not in sent, sent
    response = await slack.driver.command("UANNA", CHANNEL, "vandaag")  # a Dutch alias
    answer = slack.fake.calls_to(response.response_url_method)[-1]
    assert "Today's skill" in json.dumps(answer.args)


async def test_rate_limits_and_server_errors(slack: SlackWorld) -> None:
    await slack.driver.command("UANNA", CHANNEL, "today")  # the channel exists from first use
    slack.fake.fail_next("chat.postMessage", 429, retry_after=0)
    await slack.tick(amsterdam(7, 9))
    posts = [c for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL]
    assert [c.status for c in posts] == [429, 200]  # retried after Retry-After, then posted

    slack.fake.fail_next("chat.postMessage", 500)
    await slack.tick(amsterdam(8, 9))
    async with slack.practice.store.transaction() as tx:
        [failed] = await tx.outbox.records(PLACE, limit=1)
    assert (failed.kind, failed.status, failed.attempts) == ("nudge", "pending", 1)
    assert "internal_error" in failed.error  # recorded, to be tried again after a back-off
    await slack.tick(amsterdam(8, 9, 5))  # the next tick delivers it: nothing lost
    async with slack.practice.store.transaction() as tx:
        [sent] = await tx.outbox.records(PLACE, limit=1)
        assert (sent.status, sent.attempts) == ("sent", 2) and sent.message_ref
        # Tuesday is not excused: its nudge went out after all. (Monday is: no tick came
        # between Monday's pairing time and its cut-off, so that round was missed.)
        assert await tx.work.excused_dates(PLACE) == frozenset({date(2026, 12, 7)})


async def test_admins_may_allow_a_member_to_set_up_the_channel(slack: SlackWorld) -> None:
    fake, driver = slack.fake, slack.driver

    async def answer(user: str, text: str) -> str:
        response = await driver.command(user, CHANNEL, text)
        return json.dumps(fake.calls_to(response.response_url_method)[0].args)

    assert "Only a channel admin" in await answer("UANNA", "setup time 08:30")
    assert "Only a workspace admin" in await answer("UBOB", "setup grant <@UANNA|anna>")
    assert "may now set up this channel" in await answer("UTESS", "setup grant <@UANNA|anna>")
    assert "Settings saved" in await answer("UANNA", "setup time 08:30")
    assert "may no longer" in await answer("UTESS", "setup revoke <@UANNA|anna>")
    assert "Only a channel admin" in await answer("UANNA", "setup time 08:45")
    assert "setup grant @member" in await answer("UTESS", "setup grant anna")


async def test_a_replayed_request_has_one_effect(slack: SlackWorld) -> None:
    import time
    from urllib.parse import urlencode

    body = urlencode(
        {
            "team_id": "T1",
            "channel_id": CHANNEL,
            "user_id": "UANNA",
            "user_name": "anna",
            "command": "/practice",
            "text": "join",
            "response_url": slack.fake.response_url("replayed"),
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    ).encode()
    stamp = int(time.time())
    signature = slack.driver.sign(body.decode(), stamp)
    for _ in range(2):  # the same bytes, the same signature: a replay
        response = await slack.driver.raw(
            body, "application/x-www-form-urlencoded", timestamp=stamp, signature=signature
        )
        assert response.status == 200
    assert len(slack.fake.calls_to("response_url:replayed")) == 1


async def test_a_reflection_is_shared_from_its_dm_button(slack: SlackWorld) -> None:
    fake, driver = slack.fake, slack.driver
    response = await driver.command("UANNA", CHANNEL, "reflect")
    view = fake.calls_to("views.open")[-1].args["view"]
    answers = {**REFLECTION, "R1": "I waited <!channel> and <@U123>."}
    await driver.view_submission(
        "UANNA", "reflect", answers, private_metadata=view["private_metadata"]
    )
    saved = fake.calls_to("chat.postMessage")[-1]
    dm = saved.args["channel"]
    [share_id] = [
        element["action_id"]
        for block in saved.args["blocks"]
        for element in block.get("elements", [])
        if str(element.get("action_id", "")).startswith("share:")
    ]
    # Someone else's click on it is refused; nothing is posted in the channel.
    refused = await driver.block_action("UBOB", dm, share_id)
    [answer] = fake.calls_to(refused.response_url_method)
    assert "Only the author" in json.dumps(answer.args)
    # The author's click posts it in the practice channel, escaped and without pings.
    response = await driver.block_action("UANNA", dm, share_id)
    assert response.status == 200
    [posted] = [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.args["channel"] == CHANNEL and "shares a reflection" in json.dumps(c.args)
    ]
    # Member text travels only as plain_text (never parsed for mentions) or escaped.
    [written] = [t for t in texts(posted.args) if "I waited" in t["text"]]
    assert written["type"] == "plain_text"
    for text in texts(posted.args):
        if text["type"] == "mrkdwn":
            assert "<!channel>" not in text["text"] and "<@U123>" not in text["text"]
    assert "<!channel>" not in posted.args["text"] and not posted.args.get("link_names")


async def test_offdays_status_and_a_reminder_pressed_in_a_dm(slack: SlackWorld) -> None:
    fake, driver = slack.fake, slack.driver

    async def answer(user: str, text: str) -> str:
        response = await driver.command(user, CHANNEL, text)
        return json.dumps(fake.calls_to(response.response_url_method)[0].args)

    assert "Only a channel admin" in await answer("UANNA", "offdays add 2026-12-24")
    assert "Off-days added: 2026-12-24..2027-01-01" in await answer(
        "UTESS", "offdays add 2026-12-24..2027-01-01"
    )
    assert "before it starts" in await answer("UTESS", "offdays add 2027-01-01..2026-12-24")
    assert "Only a channel admin" in await answer("UANNA", "status")
    status = await answer("UTESS", "status")
    assert "Schedule of this channel" in status and "08:00 UTC" in status  # 09:00 local
    # Anna practised Monday; at 16:00 her reminder comes by DM with a button naming the
    # channel, which opens the reflection form for that channel (not for the DM).
    await driver.command("UANNA", CHANNEL, "join")
    await driver.command("UBOB", CHANNEL, "join")
    for hour in (9, 10, 14, 16):
        await slack.tick(amsterdam(7, hour))
    [reminder] = [
        c
        for c in fake.calls_to("chat.postMessage")
        if "A minute for your reflection?" in json.dumps(c.args)
        and c.args["channel"] == driver.dm_channel("UANNA")
    ]
    [button] = [
        element["action_id"]
        for block in reminder.args["blocks"]
        for element in block.get("elements", [])
        if str(element.get("action_id", "")).startswith("reflect")
    ]
    assert button == f"reflect:{CHANNEL}"
    await driver.block_action("UANNA", driver.dm_channel("UANNA"), button)
    view = fake.calls_to("views.open")[-1].args["view"]
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL}


async def test_a_submission_delivered_twice_is_stored_once(
    slack: SlackWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The claim of the request is made in the transaction that stores the reflection: a
    # second delivery of the same submission (same trigger id) stores nothing more.
    await slack.driver.command("UANNA", CHANNEL, "reflect")
    view = slack.fake.calls_to("views.open")[-1].args["view"]
    monkeypatch.setattr(slack.driver, "_trigger_id", lambda: "111.222.same-trigger")
    for _ in range(2):
        response = await slack.driver.view_submission(
            "UANNA", "reflect", REFLECTION, private_metadata=view["private_metadata"]
        )
        assert response.status == 200
    async with slack.practice.store.transaction() as tx:
        assert len(await tx.reflections.list(MemberRef("slack", "T1", "UANNA"))) == 1
    # A refused submission claims nothing: corrected, the same delivery is stored.
    monkeypatch.setattr(slack.driver, "_trigger_id", lambda: "333.444.other-trigger")
    refused = await slack.driver.view_submission(
        "UBOB", "reflect", {**REFLECTION, "R1": ""}, private_metadata=view["private_metadata"]
    )
    assert refused.json["response_action"] == "errors"
    fixed = await slack.driver.view_submission(
        "UBOB", "reflect", REFLECTION, private_metadata=view["private_metadata"]
    )
    assert fixed.status == 200
    async with slack.practice.store.transaction() as tx:
        assert len(await tx.reflections.list(MemberRef("slack", "T1", "UBOB"))) == 1


async def test_a_trainer_is_named_with_a_mention(slack: SlackWorld) -> None:
    # Slack writes a mention as <@U…|name>; the adapter hands the core the user id.
    def said(response: Any) -> str:
        return json.dumps([c.args for c in slack.fake.calls_to(response.response_url_method)])

    await slack.driver.command("UBOB", CHANNEL, "settings")  # Bob uses ballback here
    assert "Training group" in said(
        await slack.driver.command("UTESS", CHANNEL, "cohort start 2027-01-11")
    )
    added = await slack.driver.command("UTESS", CHANNEL, "cohort trainer add <@UBOB|bob>")
    assert "Training group updated" in said(added)
    async with slack.practice.store.read() as tx:
        cohort = await tx.cohorts.get(PLACE)
    assert cohort is not None and MemberRef("slack", "T1", "UBOB") in cohort.trainers
    refused = await slack.driver.command("UBOB", CHANNEL, "cohort trainer add <@UANNA|anna>")
    assert "Only the channel" in said(refused)
