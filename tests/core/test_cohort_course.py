"""A six-week course (issue 12's tests): twelve simulated members practise in a training group
for six weeks, with the curriculum changed mid-course, what a few chose to share with the
trainers, and one member who asks to be forgotten at the end. The report's figures, in text,
CSV and JSON, are checked against the raw events the simulation kept."""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bot.clock import ManualClock
from bot.commands import Commands
from bot.messages import Reply
from bot.model import BRINGER, HELPER, OBSERVER, Actor, Member, MemberRef, Place
from bot.mydata import MyData
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.scheduler import Scheduler
from bot.texts import Texts
from bot.usecases.trainer_report import MEMBER_COLUMNS, as_csv, as_json, trainer_report
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "course")
START = date(2027, 1, 11)  # a Monday
WEEKS = 6
NAMES = ("Anna", "Bob", "Cees", "Didi", "Eva", "Femke", "Gijs", "Hana", "Ivo", "Jet", "Kees", "Lot")
PEOPLE = {n: Actor("test", "w", n.lower(), n) for n in NAMES}
TRAINER = Actor("test", "w", "tess", "Tess")
ADMIN = Actor("test", "w", "wanda", "Wanda", is_platform_admin=True)
SHARED_TEXT = "I let Hana talk for five minutes before asking anything"
PRIVATE_TEXT = "what only I know"
OBSERVED = {"O1": "ja", "O6": "inbrenger", "O7": "samen", "O4": "persoon", "O5": "ok"}


@dataclass
class Raw:
    """What happened, as the simulation saw it: the report must say the same."""

    joined: Counter[str] = field(default_factory=Counter)
    days: dict[str, set[date]] = field(default_factory=dict)
    roles: dict[str, Counter[str]] = field(default_factory=dict)
    given: Counter[str] = field(default_factory=Counter)
    received: Counter[str] = field(default_factory=Counter)
    reflections: Counter[str] = field(default_factory=Counter)
    groups: Counter[str] = field(default_factory=Counter)  # per skill
    item: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (skill, good)
    picks: dict[date, str] = field(default_factory=dict)


def name_of(ref: MemberRef) -> str:
    return next(n for n, a in PEOPLE.items() if a.ref == ref)


def ok(reply: Reply) -> Reply:
    assert reply.ok, reply.errors
    return reply


async def simulate(practice: Practice, clock: ManualClock, commands: Commands) -> Raw:
    rounds = commands.rounds
    scheduler = Scheduler(practice.store, practice, {"test": RecordingChat("test")}, clock, rounds)
    rng = random.Random(1206)
    raw = Raw()
    day = START
    while day < START + timedelta(weeks=WEEKS):
        if day.weekday() >= 5:
            day += timedelta(days=1)
            continue
        if day == START + timedelta(weeks=3):
            # Mid-course, the trainer changes the curriculum from this week on.
            clock.set(datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=7))
            ok(
                await commands.run(
                    TRAINER, PLACE, "cohort", f"weekly from {day} stilte fotos alles-mag"
                )
            )
        clock.set(datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=8))
        for name in NAMES:
            if rng.random() < 0.8:
                ok(await rounds.join(PEOPLE[name], PLACE))
                raw.joined[name] += 1
        clock.set(clock.now() + timedelta(hours=2))
        await scheduler.tick(clock.now())
        async with practice.store.read() as tx:
            groups = list(await tx.groups.list(PLACE, day))
            pick = await tx.picks.get(PLACE, day)
        assert pick is not None
        raw.picks[day] = pick.skill_id
        for group in groups:
            assert group.id is not None
            raw.groups[group.skill_id] += 1
            good = practice.catalog.skill(group.skill_id).feedback_item.good_answer
            helper = ""
            for seat in group.seats:
                name = name_of(seat.member)
                raw.days.setdefault(name, set()).add(day)
                raw.roles.setdefault(name, Counter())[seat.role] += 1
                helper = name if seat.role == HELPER else helper
            for seat in group.seats:
                name, actor = name_of(seat.member), PEOPLE[name_of(seat.member)]
                if rng.random() < 0.3:
                    continue  # not every form is sent
                if seat.role == BRINGER:
                    answer = good if rng.random() < 0.6 else "__other__"
                    choices = practice.catalog.skill(group.skill_id).feedback_item.scale
                    answer = (
                        answer if answer == good else next(c.id for c in choices if c.id != good)
                    )
                    form = {"P1": answer, "P3": "inbrenger", "P8": "inbrenger", "P6": PRIVATE_TEXT}
                    key = form_key(group.id, 1, "partner")
                    raw.item[(group.skill_id, answer == good)] += 1
                elif seat.role == OBSERVER:
                    form, key = dict(OBSERVED), form_key(group.id, 1, "observer")
                else:
                    form, key = {"S1": PRIVATE_TEXT}, form_key(group.id, 1, "self_assessment")
                ok(await rounds.submit_feedback(actor, PLACE, key, form))
                raw.given[name] += 1
                if seat.role != HELPER:
                    raw.received[helper] += 1
        clock.set(clock.now() + timedelta(hours=7))
        for name in sorted(raw.days):
            if day in raw.days[name] and rng.random() < 0.5:
                answers = {"R1": PRIVATE_TEXT, "R2": "b", "R3": "c"}
                ok(await commands.submit(PEOPLE[name], PLACE, "reflect", answers))
                raw.reflections[name] += 1
        day += timedelta(days=1)
    return raw


def expected_line(raw: Raw, name: str) -> dict[str, int]:
    roles = raw.roles.get(name, Counter())
    return {
        "practice_days": len(raw.days.get(name, ())),
        "joined": raw.joined[name],
        "helper": roles[HELPER],
        "bringer": roles[BRINGER],
        "observer": roles[OBSERVER],
        "feedback_given": raw.given[name],
        "feedback_received": raw.received[name],
        "reflections": raw.reflections[name],
    }


async def test_a_six_week_course_reports_what_happened(store) -> None:
    clock = ManualClock(datetime(2027, 1, 8, 9, tzinfo=UTC))
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    commands = Commands(practice, Rounds(practice), prefix="/")
    async with store.transaction() as tx:
        for actor in (TRAINER, ADMIN, *PEOPLE.values()):
            await tx.members.add(Member(actor.ref, actor.display_name))
        await practice.context.channel_in(tx, PLACE)
    ok(await commands.run(ADMIN, PLACE, "cohort", f"start {START}"))
    ok(await commands.run(ADMIN, PLACE, "cohort", "trainer add tess"))
    # Whoever starts a training group is its first trainer; this admin hands it over.
    ok(await commands.run(ADMIN, PLACE, "cohort", "trainer remove wanda"))
    ok(
        await commands.run(
            TRAINER,
            PLACE,
            "cohort",
            f"weekly from {START} handen aardappel al-geweest kwartje tijd-heilig een-keer",
        )
    )
    raw = await simulate(practice, clock, commands)

    # The curriculum: a skill a week; the change in week 4 replaced weeks 4-6 and left the
    # picks of weeks 1-3 as they were.
    weeks = [raw.picks[d] for d in sorted(raw.picks)]
    plan = ["handen", "aardappel", "al-geweest", "stilte", "fotos", "alles-mag"]
    assert weeks == [skill for skill in plan for _ in range(5)]
    async with store.read() as tx:
        for day, skill in raw.picks.items():
            stored = await tx.picks.get(PLACE, day)
            assert stored is not None and stored.skill_id == skill

    last = START + timedelta(weeks=WEEKS) - timedelta(days=1)
    async with store.read() as tx:
        report = await trainer_report(practice.context, tx, PLACE, START, last)
        stored = await tx.members.get_many([a.ref for a in PEOPLE.values()])
    rows = {r.name: r for r in report.members}
    assert set(rows) == {n for n in NAMES if raw.joined[n]}
    for name, row in rows.items():
        got = {k: getattr(row, k) for k in expected_line(raw, name)}
        assert got == expected_line(raw, name), name
        assert row.streak == stored[PEOPLE[name].ref].streak.current
    skills = {s.skill_id: s for s in report.skills}
    assert {k: s.groups for k, s in skills.items()} == dict(raw.groups)
    for skill, row in skills.items():
        assert (row.item_good, row.item_answers) == (
            raw.item[(skill, True)],
            raw.item[(skill, True)] + raw.item[(skill, False)],
        )

    # CSV and JSON say the same as the rows, and carry no text anyone wrote.
    table = list(csv.reader(io.StringIO(as_csv(report))))
    by_name = {r[1]: r for r in table if r[0] == "members"}
    for name in rows:
        line = expected_line(raw, name)
        assert [int(by_name[name][MEMBER_COLUMNS.index(k) + 1]) for k in line] == list(
            line.values()
        )
    data = json.loads(as_json(report))
    assert {
        m["name"]: {k: m[k] for k in expected_line(raw, m["name"])} for m in data["members"]
    } == {n: expected_line(raw, n) for n in rows}
    assert data["totals"]["feedback_given"] == sum(raw.given.values())
    assert data["totals"]["reflections"] == sum(raw.reflections.values())
    for text in (as_csv(report), as_json(report)):
        assert PRIVATE_TEXT not in text

    # The text report in chat, for the trainer: one line per member, as the raw events say.
    seen = ok(await commands.run(TRAINER, PLACE, "report", "6"))
    t = Texts(practice.catalog, "en")
    lines = {
        f.label: f.value for c in seen.cards if c.title.startswith("Members") for f in c.fields
    }
    for name in rows:
        line = expected_line(raw, name)
        want = t(
            "trainer.member_line",
            days=line["practice_days"],
            joined=line["joined"],
            helper=line["helper"],
            bringer=line["bringer"],
            observer=line["observer"],
            given=line["feedback_given"],
            received=line["feedback_received"],
            reflections=line["reflections"],
            streak=rows[name].streak,
            level=rows[name].level or "-",
        )
        assert lines[name] == want
    assert PRIVATE_TEXT not in json.dumps([f.value for c in seen.cards for f in c.fields])

    # Sharing with the trainers: per item, by its author only, revocable.
    author = next(n for n in NAMES if raw.reflections[n])
    written = ok(
        await commands.submit(
            PEOPLE[author], PLACE, "reflect", {"R1": SHARED_TEXT, "R2": "b", "R3": "c"}
        )
    )
    [saved] = written.cards
    offer = next(a for a in saved.actions if a.id.startswith("share:trainers "))
    someone_else = next(n for n in NAMES if n != author)
    assert not (await commands.click(PEOPLE[someone_else], PLACE, offer.id)).ok
    shared = ok(await commands.click(PEOPLE[author], PLACE, offer.id))
    assert "Tess" in shared.cards[0].title
    # The author sees what they share, also in their export.
    exported = await MyData(practice).export_member(PEOPLE[author].ref)
    assert exported is not None
    kept = json.loads(exported.data)["reflections"]
    assert [r["shared_with_trainers"] for r in kept].count(True) == 1
    listed = ok(await commands.run(PEOPLE[author], PLACE, "share", "list"))
    assert SHARED_TEXT in json.dumps([f.value for c in listed.cards for f in c.fields])
    for reader, sees in ((TRAINER, True), (ADMIN, False), (PEOPLE[someone_else], False)):
        reply = await commands.run(reader, PLACE, "report", "6")
        values = json.dumps([f.value for c in reply.cards for f in c.fields])
        assert (SHARED_TEXT in values) is sees, reader.display_name
    assert PRIVATE_TEXT not in json.dumps([f.value for c in reply.cards for f in c.fields])
    stop = next(a for c in listed.cards for a in c.actions if a.id.startswith("share:stop "))
    ok(await commands.click(PEOPLE[author], PLACE, stop.id))
    reply = ok(await commands.run(TRAINER, PLACE, "report", "6"))
    assert SHARED_TEXT not in json.dumps([f.value for c in reply.cards for f in c.fields])

    # A member asks to be forgotten: gone from the rows, still in the totals.
    async with store.read() as tx:
        before = await trainer_report(practice.context, tx, PLACE, START, last)
    gone = max(rows, key=lambda n: rows[n].feedback_given)
    assert await MyData(practice).forget_member(PEOPLE[gone].ref)
    async with store.read() as tx:
        after = await trainer_report(practice.context, tx, PLACE, START, last)
    assert gone not in {r.name for r in after.members} and len(after.hidden) == 1
    counted = [c for c in MEMBER_COLUMNS[2:] if c not in ("streak", "level")]
    assert [getattr(after.total(), c) for c in counted] == [
        getattr(before.total(), c) for c in counted
    ]
    assert after.skills == before.skills
    seen = ok(await commands.run(TRAINER, PLACE, "report", "6"))
    members_card = next(c for c in seen.cards if c.title.startswith("Members"))
    assert "asked to be forgotten" in members_card.body
    assert gone not in json.dumps([f.label for c in seen.cards for f in c.fields])
