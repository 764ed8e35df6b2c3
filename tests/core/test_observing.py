"""The automatic observer in a round (issue 13, item 2) in the core: a pasted role-play, and
live reading of the practice space only once every member agreed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.messages import Reply
from bot.model import HELPER, Actor, Group, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.scheduler import Scheduler
from bot.usecases.observing import OBSERVE_FORM
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "course")
DAY = date(2026, 12, 1)
ANNA, BOB = Actor("test", "w", "anna", "Anna"), Actor("test", "w", "bob", "Bob")
SECRET = "my roster <!channel> is a mess"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 12, 1, 8, tzinfo=UTC))


@pytest.fixture
async def paired(store, clock: ManualClock) -> tuple[Commands, Group, Actor, Actor]:
    return await pair_up(store, clock)


async def pair_up(store, clock: ManualClock) -> tuple[Commands, Group, Actor, Actor]:
    """Anna and Bob paired at 10:00, with live reading possible: (commands, group, helper,
    other)."""
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    practice.context.live_platforms.add("test")
    rounds = Rounds(practice)
    commands = Commands(practice, rounds, prefix="/")
    for actor in (ANNA, BOB):
        assert (await rounds.join(actor, PLACE)).ok
    clock.set(datetime(2026, 12, 1, 10, tzinfo=UTC))
    await Scheduler(store, practice, {"test": RecordingChat("test")}, clock, rounds).tick(
        clock.now()
    )
    async with store.read() as tx:
        [group] = await tx.groups.list(PLACE, DAY)
    helper = next(a for a in (ANNA, BOB) if group.role_of(a.ref) == HELPER)
    other = BOB if helper is ANNA else ANNA
    return commands, group, helper, other


def transcript(helper: Actor, other: Actor) -> str:
    return "\n".join(
        [
            f"{helper.display_name}: what would you like to talk about?",
            f"{other.display_name}: {SECRET}",
            f"{helper.display_name}: you should talk to your manager",
            f"{other.display_name}: maybe",
            f"{helper.display_name}: so the roster keeps changing and you feel stuck?",
        ]
    )


def texts_of(reply: Reply) -> str:
    cards = [*reply.cards, *(n.card for n in reply.notices)]
    return json.dumps([[c.title, c.body, [f.value for f in c.fields]] for c in cards])


async def test_a_pasted_role_play_is_counted_and_joins_the_groups_feedback(paired) -> None:
    commands, group, helper, other = paired
    asked = await commands.run(other, PLACE, "observe", "")
    assert asked.form is not None and asked.form.id == OBSERVE_FORM
    answers = {"T": transcript(helper, other), "H": helper.display_name, "K": "no"}
    done = await commands.submit(other, PLACE, OBSERVE_FORM, answers)
    assert done.ok, done.errors
    [card] = done.cards
    assert card.private and "advice: 1" in card.body and "snapshot: 1" in card.body
    # The only member text on the card is the helper's name, marked for escaping.
    [name] = card.fields
    assert name.value == helper.display_name and name.untrusted
    [notice] = done.notices
    assert notice.group_id == group.id and "advice: 1" in notice.card.body
    assert SECRET not in texts_of(done)  # counts only: nothing the other wrote
    async with commands.practice.store.read() as tx:
        [stored] = await tx.observations.of_group(group.id or 0)
    assert stored.source == "pasted" and stored.finished and stored.transcript is None
    assert stored.counts["advice"] == 1 and stored.counts["helper_turns"] == 3
    # The helper's feedback view shows it as one more feedback item (after their own form).
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await commands.rounds.submit_feedback(helper, PLACE, key, {"S1": "ok"})).ok
    view = await commands.run(helper, PLACE, "feedback", "")
    assert any("advice: 1" in c.body for c in view.cards)


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ("x" * 3001, "T", "at most 3000 characters"),
        ("just one line without any turns", "T", "role-play"),
        ("", "T", ""),
    ],
)
async def test_a_bad_paste_gets_a_clear_message_and_stores_nothing(
    paired, text: str, field: str, says: str
) -> None:
    commands, group, _, other = paired
    refused = await commands.submit(other, PLACE, OBSERVE_FORM, {"T": text})
    assert not refused.ok and field in refused.errors
    assert says in refused.errors[field]
    async with commands.practice.store.read() as tx:
        assert await tx.observations.of_group(group.id or 0) == []


async def test_live_reading_needs_everyones_yes_and_ends_at_done(paired) -> None:
    commands, group, helper, other = paired
    rounds = commands.rounds
    assert not await rounds.heard(helper, PLACE, "what is on your mind?")  # nobody agreed
    asked = await commands.run(helper, PLACE, "observe", "live")
    assert asked.ok, asked.errors
    [ask] = asked.notices
    assert ask.group_id == group.id and [a.id for a in ask.card.actions] == [
        f"observe:yes:{group.id}",
        f"observe:keep:{group.id}",
        f"observe:no:{group.id}",
    ]
    # One yes is not enough: nothing is read.
    assert not await rounds.heard(helper, PLACE, "what is on your mind?")
    assert (await commands.click(other, PLACE, f"observe:yes:{group.id}")).ok
    assert await rounds.heard(helper, PLACE, "what is on your mind?")
    assert await rounds.heard(other, PLACE, SECRET)
    assert await rounds.heard(helper, PLACE, "you should just ask for a fixed roster")
    async with commands.practice.store.read() as tx:
        live = await tx.observations.get(group.id or 0, group.turn)
    assert live is not None and live.context == SECRET and not live.finished
    done = await commands.run(other, PLACE, "done", "")
    assert done.ok, done.errors
    [observed] = [n.card for n in done.notices if "advice: 1" in n.card.body]
    assert "open question: 1" in observed.body
    async with commands.practice.store.read() as tx:
        live = await tx.observations.get(group.id or 0, group.turn)
    assert live is not None and live.finished and live.context == ""  # the text is dropped
    assert SECRET not in texts_of(done)
    assert not await rounds.heard(helper, PLACE, "one more question?")  # the round is over


async def test_one_no_stops_live_reading_and_a_stranger_cannot_answer(paired) -> None:
    commands, group, helper, other = paired
    rounds = commands.rounds
    assert (await commands.run(helper, PLACE, "observe", "live")).ok
    stranger = Actor("test", "w", "cees", "Cees")
    assert not (await commands.click(stranger, PLACE, f"observe:yes:{group.id}")).ok
    declined = await commands.click(other, PLACE, f"observe:no:{group.id}")
    assert declined.ok and "said no" in declined.notices[0].card.title
    assert not await rounds.heard(helper, PLACE, "what is on your mind?")
    # The helper changing their mind does not overrule the other's no.
    assert (await commands.run(helper, PLACE, "observe", "live")).ok
    assert not await rounds.heard(helper, PLACE, "what is on your mind?")
    async with commands.practice.store.read() as tx:
        assert await tx.observations.of_group(group.id or 0) == []


async def test_live_reading_off_on_a_platform_that_cannot_read(paired) -> None:
    commands, _, helper, _ = paired
    commands.practice.context.live_platforms.clear()
    refused = await commands.run(helper, PLACE, "observe", "live")
    assert not refused.ok and "paste" in next(iter(refused.errors.values()))
    assert not (await commands.run(helper, PLACE, "observe", "sideways")).ok
