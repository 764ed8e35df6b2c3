"""The trainer report (issue 12, item 2): per member and per skill, checked against the raw
events, in text, CSV and JSON; counts and coded answers only; trainers and admins only."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.model import HELPER, Actor, Cohort, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.scheduler import Scheduler
from bot.usecases.trainer_report import as_csv, as_json, trainer_report
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "course")
DAY = date(2026, 12, 1)
NAMES = ("Anna", "Bob", "Cees", "Didi")
PEOPLE = {n: Actor("test", "w", n.lower(), n) for n in NAMES}
ADMIN = Actor("test", "w", "tess", "Tess", is_platform_admin=True)
SECRET = "What I wrote stays mine"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 12, 1, 8, tzinfo=UTC))


@pytest.fixture
def practice(store, clock: ManualClock) -> Practice:
    return Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))


async def test_the_report_adds_up_to_the_raw_events(practice: Practice, clock: ManualClock) -> None:
    rounds = Rounds(practice)
    scheduler = Scheduler(
        practice.store, practice, {"test": RecordingChat("test")}, practice.clock, rounds
    )
    commands = Commands(practice, rounds, prefix="/")
    for actor in PEOPLE.values():
        assert (await rounds.join(actor, PLACE)).ok
    clock.set(datetime(2026, 12, 1, 10, tzinfo=UTC))
    await scheduler.tick(clock.now())
    async with practice.store.read() as tx:
        groups = list(await tx.groups.list(PLACE, DAY))
    assert len(groups) == 2
    for number, group in enumerate(groups):
        assert group.id is not None
        helper = next(a for a in PEOPLE.values() if group.role_of(a.ref) == HELPER)
        bringer = next(a for a in PEOPLE.values() if group.role_of(a.ref) not in (HELPER, None))
        step = "inbrenger" if number == 0 else "helper"
        good = practice.catalog.skill(group.skill_id).feedback_item.good_answer
        partner = {"P1": good, "P3": "inbrenger", "P8": step, "P6": SECRET}
        assert (
            await rounds.submit_feedback(bringer, PLACE, form_key(group.id, 1, "partner"), partner)
        ).ok
        assert (
            await rounds.submit_feedback(
                helper, PLACE, form_key(group.id, 1, "self_assessment"), {"S1": SECRET}
            )
        ).ok
    reflected = await commands.submit(
        PEOPLE["Anna"], PLACE, "reflect", {"R1": SECRET, "R2": "b", "R3": "c"}
    )
    assert reflected.ok, reflected.errors

    async with practice.store.read() as tx:
        report = await trainer_report(practice.context, tx, PLACE, DAY, DAY)
    rows = {r.name: r for r in report.members}
    assert set(rows) == set(NAMES)
    assert all(r.practice_days == 1 and r.joined == 1 for r in rows.values())
    assert sum(r.helper for r in rows.values()) == 2 and sum(r.bringer for r in rows.values()) == 2
    assert all(r.feedback_given == 1 for r in rows.values())
    assert sorted(r.feedback_received for r in rows.values()) == [0, 0, 1, 1]
    assert rows["Anna"].reflections == 1 and rows["Anna"].streak == 1
    assert sum(r.reflections for r in rows.values()) == 1
    [skill] = report.skills
    assert skill.groups == 2 and skill.thinking == {"inbrenger": 2}
    assert skill.next_step == {"inbrenger": 1, "helper": 1}
    assert (skill.item_answers, skill.item_good) == (2, 2)
    # Text never enters a report, in any format.
    table = list(csv.reader(io.StringIO(as_csv(report))))
    assert [r[1] for r in table if r[0] == "members"] == [*sorted(NAMES), "total"]
    data = json.loads(as_json(report))
    assert data["totals"]["feedback_given"] == 4 and len(data["members"]) == 4
    for text in (as_csv(report), as_json(report)):
        assert SECRET not in text

    # In chat: the training group's trainer (no admin) reads it per member, a member does not.
    async with practice.store.transaction() as tx:
        await tx.cohorts.save(Cohort(PLACE, DAY, (PEOPLE["Didi"].ref,)))
    seen = await commands.run(PEOPLE["Didi"], PLACE, "report", "1")
    assert seen.ok and any(c.title.startswith("Members") for c in seen.cards)
    # The cohort picture: members × weeks, attached to the members' card.
    members = next(c for c in seen.cards if c.title.startswith("Members"))
    assert members.image_png is not None and members.image_png.startswith(b"\x89PNG")
    # Four members practised one day each (Anna's reflection was on that same day).
    assert [sum(w) for w in report.weeks] == [1, 1, 1, 1]
    assert SECRET not in json.dumps(
        [c.body for c in seen.cards] + [f.value for c in seen.cards for f in c.fields]
    )
    assert not (await commands.run(PEOPLE["Anna"], PLACE, "report", "")).ok
