"""A member's own data: the export holds everything about them, forgetting removes it all."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.clock import ManualClock
from bot.model import HELPER, LIVE_KEEP, Actor, Group
from bot.mydata import MyData
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.scheduler import Scheduler
from bot.usecases.zone_notice import ZoneNotice
from content import load_catalog
from storage.tx.reports import REPORT_ANSWERS
from tests.core.test_rounds import PARTNER, PLACE, SELF, at, member
from tests.support.chat import RecordingChat

CATALOG = load_catalog()
REFLECTION = {"R1": "I waited.", "R2": "She went on.", "R3": "Wait again."}
ANNA, BOB = member("Anna"), member("Bob")


class Team:
    """Anna and Bob practised once (the helper's self-assessment, the partner's feedback);
    Anna reflected and paused."""

    def __init__(self, store: Any) -> None:
        self.clock = ManualClock(at(8))
        self.practice = Practice(
            store, CATALOG, self.clock, ChannelDefaults(timezone="Europe/Amsterdam")
        )
        self.rounds = Rounds(self.practice)
        self.mydata = MyData(self.practice)
        self.scheduler = Scheduler(
            store, self.practice, {"test": RecordingChat("test")}, self.clock, self.rounds
        )

    async def practise(self) -> tuple[Group, Actor, Actor]:
        for actor in (ANNA, BOB):
            assert (await self.rounds.join(actor, PLACE)).ok
        self.clock.set(at(10))
        await self.scheduler.tick(self.clock.now())
        async with self.practice.store.transaction() as tx:
            [group] = await tx.groups.list(PLACE, date(2026, 12, 1))
        assert group.id is not None
        helper, bringer = (ANNA, BOB) if group.role_of(ANNA.ref) == HELPER else (BOB, ANNA)
        for actor, form, answers in (
            (helper, "self_assessment", SELF),
            (bringer, "partner", PARTNER),
        ):
            key = form_key(group.id, 1, form)
            assert (await self.rounds.submit_feedback(actor, PLACE, key, answers)).ok
        assert (await self.practice.reflections.reflect(ANNA, PLACE, REFLECTION)).ok
        assert (await self.practice.preferences.pause(ANNA, PLACE, "until 2026-12-20")).ok
        return group, helper, bringer


async def exported(mydata: MyData, actor: Actor) -> dict[str, Any]:
    reply = await mydata.export(actor, PLACE)
    [card] = reply.cards
    assert card.private and card.attachment is not None
    assert card.attachment.filename == f"ballback-test-{actor.user}.json"
    return json.loads(card.attachment.data.decode("utf-8"))


async def test_the_export_holds_everything_about_the_member(store: Any) -> None:
    team = Team(store)
    group, helper, _ = await team.practise()
    anna = await exported(team.mydata, ANNA)
    assert anna["member"]["display_name"] == "Anna"
    assert set(anna["member"]["streak"]) == {"current", "longest", "total", "last_day"}
    assert anna["pauses"] == [{"start": "2026-12-01", "end": "2026-12-20"}]
    assert [r["answers"] for r in anna["reflections"]] == [REFLECTION]
    [practice] = anna["practice"]
    assert practice["with"] == ["Bob"] and practice["role"] == group.role_of(ANNA.ref)
    # Feedback: what Anna wrote; and, where she helped, what her partner wrote to her.
    given = {f["form"] for f in anna["feedback_given"]}
    received = anna["feedback_received"]
    if helper is ANNA:
        assert given == {"self_assessment"}
        [partner] = received
        assert partner["from"] == "Bob" and partner["answers"] == PARTNER
    else:
        assert given == {"partner"} and received == []
    # Nothing of Bob's private writing is in Anna's export, and none of Anna's in Bob's.
    bob = await exported(team.mydata, BOB)
    assert bob["reflections"] == [] and "I waited." not in json.dumps(bob)
    assert "She went on." not in json.dumps(bob)


async def test_forgetting_asks_once_then_removes_everything(store: Any) -> None:
    team = Team(store)
    group, _, _ = await team.practise()
    ask = await team.mydata.forget(ANNA, PLACE)
    [card] = ask.cards
    assert card.title == "Delete all your data?"
    assert [a.id for a in card.actions] == ["forget:confirm"]
    async with store.transaction() as tx:
        assert await tx.members.get(ANNA.ref) is not None  # asking deletes nothing
    done = await team.mydata.forget(ANNA, PLACE, "confirm")
    assert done.cards[0].title == "Your data is deleted"
    async with store.transaction() as tx:
        assert await tx.members.get(ANNA.ref) is None
        assert await tx.reflections.list(ANNA.ref) == []
        assert await tx.pauses.list(ANNA.ref) == []
        assert await tx.groups.of_member(ANNA.ref) == []
        [left] = await tx.groups.list(PLACE, date(2026, 12, 1))
        # Bob keeps his own history; Anna's seat stays, nameless, so reports add up.
        [bob] = [s for s in left.seats if s.member == BOB.ref]
        [stand_in] = [s for s in left.seats if s is not bob]
        assert stand_in.member.user.startswith("forgotten:") and stand_in.display_name == ""
        feedback = await tx.feedback.list(group.id or 0, 1)
        assert {f.giver for f in feedback} <= {BOB.ref, stand_in.member}
        for item in feedback:  # of the stand-in's forms only the coded answers are kept
            if item.giver == stand_in.member:
                assert set(item.answers) <= set(REPORT_ANSWERS)
        assert (await tx.groups.role_counts(PLACE, [ANNA.ref]))[ANNA.ref][HELPER] == 0
    nothing = await team.mydata.forget(ANNA, PLACE, "confirm")
    assert nothing.cards[0].title == "ballback keeps nothing about you."
    # Bob's practice still works after his partner left.
    assert (await team.practice.reflections.streak(BOB, PLACE)).ok


async def test_forgetting_leaves_no_row_that_names_the_member(store: Any) -> None:
    """Every table, scanned: nothing refers to the forgotten member any more, not the request
    ledger's one-time notice key, not the outbox's records or a space still to be opened."""
    from tests.support import member_data as data

    await data.seed(store)
    anna_id = await data.member_id(store, data.ANNA.ref)
    assert "handled_requests.key = 'discord:tz-notice:g-4242:u-anna-4711'" in (
        await data.references(store, data.ANNA.ref, anna_id)
    )
    practice = Practice(store, CATALOG, ManualClock(data.at(18)))
    done = await MyData(practice).forget(data.ANNA, data.PLACE, "confirm")
    assert done.forgotten and done.cards[0].title == "Your data is deleted"
    assert await data.references(store, data.ANNA.ref, anna_id) == []
    # One who was only ever told the time-zone notice is no member, but its key names them:
    # asking to forget them removes it, and the answer says nothing is kept.
    cees = Actor("discord", data.PLACE.workspace, "u-cees-1001", "Cees")
    assert await ZoneNotice(practice, command="/practice").once(cees, data.PLACE)
    cees_keys = await data.references(store, cees.ref, -1)
    assert cees_keys == ["handled_requests.key = 'discord:tz-notice:g-4242:u-cees-1001'"]
    nothing = await MyData(practice).forget(cees, data.PLACE)
    assert nothing.forgotten and nothing.cards[0].title == "ballback keeps nothing about you."
    assert await data.references(store, cees.ref, -1) == []


async def test_the_export_shows_live_reading_and_forgetting_drops_the_answer_and_text(
    store: Any,
) -> None:
    """Each member's export holds their own answer to live reading and the text the group
    kept; forgetting one of them drops their answer and the kept text (counts stay)."""
    from tests.support import member_data as data

    await data.seed(store)
    mydata = MyData(Practice(store, CATALOG, ManualClock(data.at(18))))

    async def practised(actor: Actor) -> dict[str, Any]:
        [card] = (await mydata.export(actor, data.PLACE)).cards
        assert card.attachment is not None
        [group] = json.loads(card.attachment.data)["practice"]
        return group

    anna = await practised(data.ANNA)
    assert anna["live_reading"] == LIVE_KEEP
    [observed] = anna["observer"]
    assert observed["source"] == "live" and observed["finished"]
    assert observed["counts"]["helper_turns"] == 1
    kept = observed["kept_text"]
    assert kept.index(data.HELPER_SAID) < kept.index(data.BRINGER_SAID)
    assert (await practised(data.BOB))["observer"] == anna["observer"]
    assert (await mydata.forget(data.ANNA, data.PLACE, "confirm")).forgotten
    bob = await practised(data.BOB)
    assert bob["live_reading"] == LIVE_KEEP
    [observed] = bob["observer"]
    assert observed["kept_text"] is None and observed["counts"]["helper_turns"] == 1
    async with store.read() as tx:
        [group] = await tx.groups.list(data.PLACE, data.DAY)
        assert await tx.observations.answers(group.id or 0) == {data.BOB.ref: LIVE_KEEP}
