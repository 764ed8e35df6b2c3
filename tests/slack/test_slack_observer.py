"""The automatic observer through the real Slack app (issue 13): a pasted role-play in a modal,
and live reading of the pair's group DM (message.mpim) only once both said yes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from adapters.slack.escape import escape
from adapters.slack.runner import manifest
from bot.model import HELPER, Actor, Group, Place
from bot.rounds import form_key
from tests.fakes.slack_driver import static_select
from tests.slack.conftest import CHANNEL, SlackWorld, amsterdam

PLACE = Place("slack", "T1", CHANNEL)
SECRET = "my manager <!channel> never listens"


async def paired(slack: SlackWorld) -> tuple[Group, str, str]:
    for user in ("UANNA", "UBOB"):
        assert (await slack.driver.command(user, CHANNEL, "join")).status == 200
    await slack.tick(amsterdam(7, 10))
    async with slack.practice.store.read() as tx:
        [group] = await tx.groups.list(PLACE, date(2026, 12, 7))
    assert group.space_ref, "the pair has its group DM"
    helper = next(s.member.user for s in group.seats if s.role == HELPER)
    other = next(s.member.user for s in group.seats if s.role != HELPER)
    return group, helper, other


def posted_in(slack: SlackWorld, channel: str) -> str:
    calls = [c for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == channel]
    return json.dumps([c.args.get("blocks") or c.args.get("text") for c in calls])


async def said(slack: SlackWorld, user: str, space: str, text: str) -> None:
    event: dict[str, Any] = {
        "type": "message",
        "channel": space,
        "user": user,
        "text": text,
        "ts": "1765000000.000100",
        "channel_type": "mpim",
    }
    assert (await slack.driver.event(event)).status == 200


def test_the_manifest_asks_for_group_dm_messages() -> None:
    app = manifest("https://example.org")
    assert "mpim:history" in app["oauth_config"]["scopes"]["bot"]
    assert "message.mpim" in app["settings"]["event_subscriptions"]["bot_events"]


async def test_live_reading_in_the_group_dm_with_both_yes(slack: SlackWorld) -> None:
    group, helper, other = await paired(slack)
    space = group.space_ref or ""
    await said(slack, helper, space, "what would you like to talk about?")
    async with slack.practice.store.read() as tx:
        assert await tx.observations.of_group(group.id or 0) == []  # nothing read yet
    # Asked in the group DM itself: the command finds the group by its space.
    assert (await slack.driver.command(helper, space, "observe live")).status == 200
    assert "may ballback read this practice space" in posted_in(slack, space)
    await slack.driver.block_action(other, space, f"observe:yes:{group.id}")
    assert "Everyone agreed" in posted_in(slack, space)
    await said(slack, helper, space, "what would you like to talk about?")
    await said(slack, other, space, SECRET)
    await said(slack, helper, space, "you should tell him how it feels")
    assert (await slack.driver.command(other, space, "done")).status == 200
    shown = posted_in(slack, space)
    assert "What the observer saw" in shown and "advice: 1" in shown
    assert "open question: 1" in shown
    async with slack.practice.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.finished and observed.context == "" and observed.transcript is None
    assert "never listens" not in shown


async def test_a_no_means_nothing_is_read(slack: SlackWorld) -> None:
    group, helper, other = await paired(slack)
    space = group.space_ref or ""
    assert (await slack.driver.command(helper, space, "observe live")).status == 200
    await slack.driver.block_action(other, space, f"observe:no:{group.id}")
    await said(slack, helper, space, "what would you like to talk about?")
    async with slack.practice.store.read() as tx:
        assert await tx.observations.of_group(group.id or 0) == []


async def test_a_pasted_role_play_in_a_modal(slack: SlackWorld) -> None:
    group, _, other = await paired(slack)
    assert (await slack.driver.command(other, CHANNEL, "observe")).status == 200
    view = slack.fake.calls_to("views.open")[-1].args["view"]
    assert view["callback_id"] == "observe"
    text = f"Anna: what's on your mind?\nBob: {SECRET}\nAnna: so he never listens?"
    done = await slack.driver.view_submission(
        other,
        "observe",
        {"T": text, "H": "Anna", "K": static_select(None)},
        private_metadata=view["private_metadata"],
    )
    assert done.status == 200 and not done.text, done.text
    assert "What the observer saw" in posted_in(slack, group.space_ref or "")
    too_long = await slack.driver.view_submission(
        other, "observe", {"T": "Anna: " + "x" * 3001}, private_metadata=view["private_metadata"]
    )
    assert "at most 3000 characters" in too_long.text


async def test_the_keep_button_keeps_the_text_for_the_helpers_feedback(slack: SlackWorld) -> None:
    group, helper, other = await paired(slack)
    space = group.space_ref or ""
    assert (await slack.driver.command(helper, space, "observe live keep")).status == 200
    # The ask has the keep button too, and says what each answer keeps.
    asked = posted_in(slack, space)
    assert f"observe:keep:{group.id}" in asked and "Yes, and keep the text" in asked
    await slack.driver.block_action(other, space, f"observe:keep:{group.id}")
    assert "Everyone chose to keep the text" in posted_in(slack, space)
    await said(slack, helper, space, "what would you like to talk about?")
    # What the member typed reaches the app with Slack's escapes; it is kept as typed.
    await said(slack, other, space, escape(SECRET))
    assert (await slack.driver.command(other, space, "done")).status == 200
    assert "kept with the helper" in posted_in(slack, space)
    async with slack.practice.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
        seats = {s.member.user: s.display_name for s in group.seats}
    assert observed.finished and observed.transcript == (
        f"{seats[helper]}: what would you like to talk about?\n{seats[other]}: {SECRET}"
    )
    # The helper's feedback view shows it: member text as plain_text, never a mention.
    key = form_key(group.id or 0, 1, "self_assessment")
    actor = Actor("slack", "T1", helper, seats[helper])
    assert (await slack.rounds.submit_feedback(actor, PLACE, key, {"S1": "ok"})).ok
    shown = await slack.driver.command(helper, space, "feedback")
    [answer] = slack.fake.calls_to(shown.response_url_method)
    blocks = answer.args["blocks"]
    [kept] = [b["text"] for b in blocks if SECRET in b.get("text", {}).get("text", "")]
    assert kept["type"] == "plain_text"
    # Changing the answer back to a plain yes drops it (privacy wins, also after done).
    await slack.driver.block_action(other, space, f"observe:yes:{group.id}")
    async with slack.practice.store.read() as tx:
        [observed] = await tx.observations.of_group(group.id or 0)
    assert observed.transcript is None and observed.counts["helper_turns"] == 1
