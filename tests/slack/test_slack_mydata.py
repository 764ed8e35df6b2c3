"""A member's own data on Slack: the export arrives as a file in their DM, forget deletes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.model import MemberRef
from tests.fakes.fake_slack import UPLOAD_URL_METHOD, Call
from tests.slack.conftest import CHANNEL, SlackWorld

ANSWERS = {
    "R1": "I waited <!channel> and <@U123>.",
    "R2": "She thought.",
    "R3": "Wait.",
    "R4": None,
}


def ref(user: str) -> MemberRef:
    return MemberRef("slack", "T1", user)


async def reflect(world: SlackWorld, user: str, first: str) -> None:
    """Write today's reflection through the modal, ``first`` as the first answer."""
    await world.driver.command(user, CHANNEL, "reflect")
    view = world.fake.calls_to("views.open")[-1].args["view"]
    done = await world.driver.view_submission(
        user, "reflect", {**ANSWERS, "R1": first}, private_metadata=view["private_metadata"]
    )
    assert done.status == 200 and not done.text, done.text


async def answer_to(world: SlackWorld, user: str, text: str) -> Call:
    """Run ``/practice <text>`` and return the one answer posted to its response URL."""
    response = await world.driver.command(user, CHANNEL, text)
    assert response.status == 200
    [answer] = world.fake.calls_to(response.response_url_method or "")
    return answer


def buttons(args: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in args.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def without_bytes(call: Call) -> str:
    return json.dumps({k: v for k, v in call.args.items() if not isinstance(v, bytes)})


async def test_the_export_arrives_as_a_file_in_the_members_dm_only(slack: SlackWorld) -> None:
    fake = slack.fake
    await reflect(slack, "UANNA", ANSWERS["R1"])
    fake.clear()

    answer = await answer_to(slack, "UANNA", "export")

    dm = fake.dm_channel_id("UANNA")
    [asked] = fake.calls_to("files.getUploadURLExternal")
    [upload] = fake.calls_to(UPLOAD_URL_METHOD)
    [complete] = fake.calls_to("files.completeUploadExternal")
    assert asked.args["filename"] == "ballback-slack-UANNA.json"
    content = upload.args["content"]
    assert int(asked.args["length"]) == len(content)
    assert complete.args["channel_id"] == dm
    [file_id] = fake.files
    assert complete.args["files"] == [{"id": file_id, "title": "ballback-slack-UANNA.json"}]
    assert "Your data" in complete.args["initial_comment"]
    [shared] = fake.uploaded(dm)
    assert shared["content"] == content and shared["channels"] == [dm]

    exported = json.loads(content)
    assert exported["member"]["user"] == "UANNA"
    [reflection] = exported["reflections"]
    assert reflection["answers"]["R1"] == "I waited <!channel> and <@U123>."

    # Nothing went to the practice channel: no post, no file share.
    assert fake.uploaded(CHANNEL) == []
    assert all(c.args.get("channel") != CHANNEL for c in fake.calls_to("chat.postMessage"))
    # The member's text travels only inside the file: not in the comment, not in the answer.
    for call in fake.calls:
        if call.method != UPLOAD_URL_METHOD:
            assert "<!channel>" not in without_bytes(call), call.method
            assert "<@U123>" not in without_bytes(call), call.method

    # The ephemeral answer is the card itself, naming the file and linking to the app's DM.
    assert answer.args["response_type"] == "ephemeral"
    shown = json.dumps(answer.args["blocks"])
    assert "Your data" in shown and "ballback-slack-UANNA.json" in shown
    assert "app_redirect?app=A1&team=T1" in shown
    assert fake.unknown == []


async def test_forget_asks_then_the_danger_button_deletes_the_member(slack: SlackWorld) -> None:
    fake, store = slack.fake, slack.practice.store
    await reflect(slack, "UANNA", "Anna's reflection.")
    await reflect(slack, "UBOB", "Bob's reflection.")

    asked = await answer_to(slack, "UANNA", "forget")
    assert asked.args["response_type"] == "ephemeral"
    [button] = buttons(asked.args)
    assert button["action_id"] == "forget:confirm" and button["style"] == "danger"
    async with store.transaction() as tx:
        assert await tx.members.get(ref("UANNA")) is not None  # asking deletes nothing

    clicked = await slack.driver.block_action("UANNA", CHANNEL, "forget:confirm", ephemeral=True)
    assert clicked.status == 200
    [done] = fake.calls_to(clicked.response_url_method or "")
    assert done.args["response_type"] == "ephemeral"
    assert "Your data is deleted" in json.dumps(done.args)

    async with store.transaction() as tx:
        assert await tx.members.get(ref("UANNA")) is None
        assert await tx.reflections.list(ref("UANNA")) == []
        bob = await tx.members.get(ref("UBOB"))
        [bobs] = await tx.reflections.list(ref("UBOB"))
    assert bob is not None and bob.streak.total == 1
    assert bobs.answers["R1"] == "Bob's reflection."

    # Typed confirmation works as well; a member with nothing stored is told so.
    await reflect(slack, "UCEES", "Cees's reflection.")
    typed = await answer_to(slack, "UCEES", "forget confirm")
    assert "Your data is deleted" in json.dumps(typed.args)
    async with store.transaction() as tx:
        assert await tx.members.get(ref("UCEES")) is None
        assert await tx.members.get(ref("UBOB")) is not None
    gone = await answer_to(slack, "UANNA", "forget")
    assert "keeps nothing about you" in json.dumps(gone.args)


@pytest.mark.parametrize(
    ("method", "status", "error", "code"),
    [
        ("files.getUploadURLExternal", 200, "invalid_auth", "invalid_auth"),
        (UPLOAD_URL_METHOD, 500, None, "upload_failed"),
        ("files.completeUploadExternal", 200, "not_in_channel", "not_in_channel"),
    ],
)
async def test_a_failed_upload_is_a_clear_ephemeral_error(
    slack: SlackWorld, method: str, status: int, error: str | None, code: str
) -> None:
    fake = slack.fake
    await reflect(slack, "UANNA", "Anna's reflection.")
    fake.fail_next(method, status, error=error)

    answer = await answer_to(slack, "UANNA", "export")

    assert answer.args["response_type"] == "ephemeral"
    shown = json.dumps(answer.args)
    assert f"I could not send ballback-slack-UANNA.json to your DM ({code})" in shown
    assert "Traceback" not in shown and "Your data" not in shown  # no card that claims success
    assert fake.uploaded(fake.dm_channel_id("UANNA")) == []

    # The app keeps working: the next export is delivered, other commands answer.
    again = await answer_to(slack, "UANNA", "export")
    assert "Your data" in json.dumps(again.args)
    [shared] = fake.uploaded(fake.dm_channel_id("UANNA"))
    assert json.loads(shared["content"])["member"]["user"] == "UANNA"
    assert "streak" in json.dumps((await answer_to(slack, "UANNA", "streak")).args).lower()
