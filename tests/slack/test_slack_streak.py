"""/practice streak on Slack: the card answers ephemerally, the heat-map arrives as an image
file in the member's DM with the app (Slack shows it inline), and nowhere else."""

from __future__ import annotations

import io
import json

from PIL import Image

from tests.fakes.fake_slack import UPLOAD_URL_METHOD
from tests.slack.conftest import CHANNEL, SlackWorld
from tests.slack.test_slack_mydata import ANSWERS, answer_to, reflect


async def test_streak_uploads_the_heatmap_to_the_members_dm(slack: SlackWorld) -> None:
    fake = slack.fake
    await reflect(slack, "UANNA", ANSWERS["R1"])
    fake.clear()

    answer = await answer_to(slack, "UANNA", "streak")

    dm = fake.dm_channel_id("UANNA")
    [asked] = fake.calls_to("files.getUploadURLExternal")
    [upload] = fake.calls_to(UPLOAD_URL_METHOD)
    [complete] = fake.calls_to("files.completeUploadExternal")
    assert asked.args["filename"] == "streak.png"
    assert asked.args["alt_txt"] == "Your streak"  # an image's description for screen readers
    picture = Image.open(io.BytesIO(upload.args["content"]))
    assert picture.format == "PNG" and picture.width >= 400
    assert int(asked.args["length"]) == len(upload.args["content"])
    assert complete.args["channel_id"] == dm
    assert complete.args["initial_comment"].startswith("*Your streak*")
    [shared] = fake.uploaded(dm)
    assert shared["name"] == "streak.png" and shared["alt_txt"] == "Your streak"
    # One message in the DM (the image with its comment): the numbers are not posted twice.
    assert fake.calls_to("chat.postMessage") == []
    assert fake.uploaded(CHANNEL) == []

    # The ephemeral answer is the card with its numbers, naming the picture and where it went.
    assert answer.args["response_type"] == "ephemeral"
    shown = json.dumps(answer.args["blocks"])
    assert "Your streak" in shown and "1 day" in shown
    assert "streak.png" in shown and "app_redirect?app=A1&team=T1" in shown
    assert "\\ud83d\\udcce" in shown  # the 📎 note under the card
    assert fake.unknown == []


async def test_a_picture_slack_refuses_leaves_the_numbers_and_says_so(slack: SlackWorld) -> None:
    fake = slack.fake
    await reflect(slack, "UANNA", ANSWERS["R1"])
    fake.fail_next(UPLOAD_URL_METHOD, 500)

    answer = await answer_to(slack, "UANNA", "streak")

    shown = json.dumps(answer.args)
    assert "I could not send streak.png to your DM (upload_failed)" in shown
    assert "Your streak" in shown and "1 day" in shown  # the card itself still answers
    assert "\\ud83d\\udcce" not in shown  # no note of a file that never arrived
    assert fake.uploaded(fake.dm_channel_id("UANNA")) == []
