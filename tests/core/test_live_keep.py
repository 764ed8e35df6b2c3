"""Live reading with the choice to keep the text (issue 13): "no", "yes" (read, keep only the
counts) or "yes, and keep the text with our feedback". The text is kept only while every
member chose keep; taking keep back drops what was kept; it never grows past its limit."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.messages import Card, Reply
from bot.model import LIVE_KEEP, LIVE_NO, LIVE_YES, Actor, Group, Observation
from bot.rounds import form_key
from bot.usecases.kept_text import (
    CUT_MARK,
    GAP_MARK,
    TRANSCRIPT_KEPT,
    chunks,
    kept_line,
    kept_with,
)
from bot.usecases.live_reading import live_answer
from tests.core.test_observing import PLACE, SECRET, pair_up


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 12, 1, 8, tzinfo=UTC))


@pytest.fixture
async def paired(store, clock: ManualClock) -> tuple[Commands, Group, Actor, Actor]:
    return await pair_up(store, clock)


async def stored(commands: Commands, group: Group) -> Observation | None:
    async with commands.practice.store.read() as tx:
        return await tx.observations.get(group.id or 0, group.turn)


async def answer(commands: Commands, actor: Actor, group: Group, choice: str) -> Reply:
    reply = await commands.click(actor, PLACE, f"observe:{choice}:{group.id}")
    assert reply.ok, reply.errors
    return reply


async def conversation(commands: Commands, helper: Actor, other: Actor) -> None:
    rounds = commands.rounds
    assert await rounds.heard(helper, PLACE, "what is on your mind?")
    assert await rounds.heard(other, PLACE, SECRET)
    assert await rounds.heard(helper, PLACE, "you should talk to your manager")


def helper_view(reply: Reply) -> list[Card]:
    return [c for c in reply.cards if "advice: 1" in c.body]


async def test_all_keep_keeps_both_members_lines_in_order_with_the_feedback(paired) -> None:
    commands, group, helper, other = paired
    asked = await commands.run(helper, PLACE, "observe", "live keep")  # the asker keeps
    assert asked.ok, asked.errors
    [ask] = asked.notices
    assert "keep" in [a.id.split(":")[1] for a in ask.card.actions]
    assert "only the counts are kept" in ask.card.body and "also kept" in ask.card.body
    [mine] = asked.cards
    assert mine.private and "keep the text" in mine.title
    kept = await answer(commands, other, group, LIVE_KEEP)
    assert "Everyone chose to keep the text" in kept.notices[0].card.title
    await conversation(commands, helper, other)
    live = await stored(commands, group)
    assert live is not None and not live.finished
    h, o = helper.display_name, other.display_name
    assert live.transcript == (
        f"{h}: what is on your mind?\n{o}: {SECRET}\n{h}: you should talk to your manager"
    )
    done = await commands.run(other, PLACE, "done", "")
    assert done.ok, done.errors
    [card] = [n.card for n in done.notices if "advice: 1" in n.card.body]
    assert "kept with the helper's feedback" in card.body
    assert SECRET not in json.dumps([n.card.fields for n in done.notices], default=str)
    finished = await stored(commands, group)
    assert finished is not None and finished.finished and finished.context == ""
    assert finished.transcript == live.transcript  # it stays with the observation
    # The helper's feedback view shows it, as member text (escaped by every renderer).
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await commands.rounds.submit_feedback(helper, PLACE, key, {"S1": "ok"})).ok
    [seen] = helper_view(await commands.run(helper, PLACE, "feedback", ""))
    [text] = [f for f in seen.fields if f.label == "The text you kept"]
    assert text.untrusted and text.value == live.transcript


async def test_one_plain_yes_keeps_no_text(paired) -> None:
    commands, group, helper, other = paired
    assert (await commands.run(helper, PLACE, "observe", "live keep")).ok
    agreed = await answer(commands, other, group, LIVE_YES)
    assert "Everyone agreed" in agreed.notices[0].card.title
    await conversation(commands, helper, other)
    live = await stored(commands, group)
    assert live is not None and live.counts["helper_turns"] == 2 and live.transcript is None
    assert (await commands.run(other, PLACE, "done", "")).ok
    finished = await stored(commands, group)
    assert finished is not None and finished.transcript is None and finished.context == ""


async def test_keep_then_plain_yes_drops_what_was_kept_and_keeps_counting(paired) -> None:
    commands, group, helper, other = paired
    rounds = commands.rounds
    assert (await commands.run(helper, PLACE, "observe", "live keep")).ok
    await answer(commands, other, group, LIVE_KEEP)
    await conversation(commands, helper, other)
    assert (await stored(commands, group) or Observation(0, 0, "", "", {})).transcript
    # The same answer again is refused; a different one is taken.
    again = await commands.click(other, PLACE, f"observe:keep:{group.id}")
    assert not again.ok and "already gave this answer" in next(iter(again.errors.values()))
    changed = await answer(commands, other, group, LIVE_YES)
    assert "counts only" in changed.notices[0].card.title
    assert "text kept so far is deleted" in changed.notices[0].card.title
    live = await stored(commands, group)
    assert live is not None and live.transcript is None  # privacy wins at once
    assert await rounds.heard(helper, PLACE, "what have you tried?")  # still read, counted
    live = await stored(commands, group)
    assert live is not None and live.transcript is None and live.counts["helper_turns"] == 3
    # Back to keep: from then on, marked as begun after the reading did.
    await answer(commands, other, group, LIVE_KEEP)
    assert await rounds.heard(other, PLACE, "I asked once")
    live = await stored(commands, group)
    assert live is not None and live.transcript == f"{GAP_MARK}\n{other.display_name}: I asked once"
    assert (await commands.run(other, PLACE, "done", "")).ok
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await commands.rounds.submit_feedback(helper, PLACE, key, {"S1": "ok"})).ok
    [seen] = [c for c in (await commands.run(helper, PLACE, "feedback", "")).cards if c.fields]
    assert "counted, not kept" in seen.body
    assert [f.value for f in seen.fields if f.untrusted] == [f"{other.display_name}: I asked once"]


async def test_a_no_stops_the_reading_and_drops_the_kept_text(paired) -> None:
    commands, group, helper, other = paired
    rounds = commands.rounds
    assert (await commands.run(helper, PLACE, "observe", "live keep")).ok
    await answer(commands, other, group, LIVE_KEEP)
    await conversation(commands, helper, other)
    stopped = await commands.run(other, PLACE, "observe", "off")
    assert stopped.ok and "said no" in stopped.notices[0].card.title
    assert "deleted" in stopped.notices[0].card.body
    assert not await rounds.heard(helper, PLACE, "anything else?")  # nothing read
    live = await stored(commands, group)
    assert live is not None and live.transcript is None and live.counts["helper_turns"] == 2


async def test_no_from_the_start_reads_nothing(paired) -> None:
    commands, group, helper, other = paired
    assert (await commands.run(helper, PLACE, "observe", "live keep")).ok
    await answer(commands, other, group, LIVE_NO)
    assert not await commands.rounds.heard(helper, PLACE, "what is on your mind?")
    assert not await commands.rounds.heard(other, PLACE, SECRET)
    assert await stored(commands, group) is None


async def test_the_kept_text_stops_at_its_limit_and_the_counting_goes_on(paired) -> None:
    commands, group, helper, other = paired
    rounds = commands.rounds
    assert (await commands.run(helper, PLACE, "observe", "live keep")).ok
    await answer(commands, other, group, LIVE_KEEP)
    turn = "what would you like to look at together today? " * 10  # about 480 characters
    for _ in range(10):
        assert await rounds.heard(helper, PLACE, turn)
    live = await stored(commands, group)
    assert live is not None and live.transcript is not None
    assert len(live.transcript) <= TRANSCRIPT_KEPT and live.transcript.endswith("\n" + CUT_MARK)
    assert live.counts["helper_turns"] == 10  # counted all the same
    assert await rounds.heard(other, PLACE, "short")  # past the limit: nothing is added
    assert (await stored(commands, group) or live).transcript == live.transcript
    assert (await commands.run(other, PLACE, "done", "")).ok
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await commands.rounds.submit_feedback(helper, PLACE, key, {"S1": "ok"})).ok
    [seen] = [c for c in (await commands.run(helper, PLACE, "feedback", "")).cards if c.fields]
    assert f"stops at {TRANSCRIPT_KEPT} characters" in seen.body
    shown = [f for f in seen.fields if f.untrusted]
    assert len(shown) > 1 and all(len(f.value) <= 900 for f in shown)
    assert "\n".join(f.value for f in shown) + "\n" + CUT_MARK == live.transcript
    assert shown[0].label == f"The text you kept (1/{len(shown)})"


async def test_a_stranger_cannot_keep_and_the_buttons_words_work_typed(paired) -> None:
    commands, group, helper, other = paired
    assert (await commands.run(helper, PLACE, "observe", "live")).ok
    stranger = Actor("test", "w", "cees", "Cees")
    assert not (await commands.click(stranger, PLACE, f"observe:keep:{group.id}")).ok
    forged = await commands.click(other, PLACE, f"observe:maybe:{group.id}")
    assert not forged.notices  # an unknown answer gets the help, and records nothing
    # Typed as the console shows the buttons: /observe keep, in Dutch too.
    assert (await commands.run(other, PLACE, "observe", "bewaar")).ok
    assert (await commands.run(helper, PLACE, "observe", "keep")).ok
    async with commands.practice.store.read() as tx:
        answers = await tx.observations.answers(group.id or 0)
    assert set(answers.values()) == {LIVE_KEEP}
    assert not (await commands.run(helper, PLACE, "observe", "live forever")).ok


async def test_the_paste_forms_kept_text_shows_in_the_helpers_feedback(paired) -> None:
    commands, group, helper, other = paired
    text = f"{helper.display_name}: what is on your mind?\n{other.display_name}: {SECRET}"
    answers = {"T": text, "H": helper.display_name, "K": "yes"}
    assert (await commands.submit(other, PLACE, "observe", answers)).ok
    key = form_key(group.id or 0, 1, "self_assessment")
    assert (await commands.rounds.submit_feedback(helper, PLACE, key, {"S1": "ok"})).ok
    [seen] = [c for c in (await commands.run(helper, PLACE, "feedback", "")).cards if c.fields]
    assert [f.value for f in seen.fields if f.label == "The text you kept"] == [text]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("live", (LIVE_YES, True)),
        ("LIVE keep", (LIVE_KEEP, True)),
        ("aan bewaren", (LIVE_KEEP, True)),
        ("off", (LIVE_NO, False)),
        ("nee", (LIVE_NO, False)),
        ("yes", (LIVE_YES, False)),
        ("keep", (LIVE_KEEP, False)),
        ("live off", None),
        ("keep live", None),
        ("sideways", None),
    ],
)
def test_live_answer_words(typed: str, meant: tuple[str, bool] | None) -> None:
    assert live_answer(typed) == meant


def test_kept_text_lines_limit_and_pieces() -> None:
    assert kept_line("Anna", "one\ntwo  \n") == "Anna: one\n  two"
    assert kept_with(None, "Anna: hi") == "Anna: hi"
    assert kept_with(None, "Anna: hi", gap=True) == f"{GAP_MARK}\nAnna: hi"
    assert kept_with("Anna: hi", "Bob: " + "x" * TRANSCRIPT_KEPT) == f"Anna: hi\n{CUT_MARK}"
    assert kept_with(None, "Bob: " + "x" * TRANSCRIPT_KEPT) == CUT_MARK
    assert kept_with(f"Anna: hi\n{CUT_MARK}", "Bob: yes") == f"Anna: hi\n{CUT_MARK}"
    # A member's own "[…]" at the end of a line is text, not the mark.
    assert kept_with(f"Anna: so {CUT_MARK}", "Bob: yes") == f"Anna: so {CUT_MARK}\nBob: yes"
    assert chunks("a\nb\nc", 3) == ["a\nb", "c"]
    assert chunks("abcdefg", 3) == ["abc", "def", "g"]
    assert chunks("ab\ncdefgh\ni", 3) == ["ab", "cde", "fgh", "i"]
