"""The core's use cases over a real store (SQLite file; PostgreSQL when configured)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time

import pytest

from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from content import Catalog, load_catalog

PLACE = Place("console", "local", "team")
ANNA = Actor("console", "local", "anna", "Anna")
BOB = Actor("console", "local", "bob", "Bob")
ADMIN = Actor("console", "local", "tess", "Tess", is_platform_admin=True)
GOOD = {"R1": "I asked what she had tried.", "R2": "She lit up.", "R3": "Wait longer."}


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def clock() -> ManualClock:
    # Tuesday 1 December 2026, 10:00 in Amsterdam.
    return ManualClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def practice(store, catalog: Catalog, clock: ManualClock) -> Practice:
    return Practice(
        store, catalog, clock, ChannelDefaults(timezone="Europe/Amsterdam", language="en")
    )


def at(day: int, hour: int = 10, minute: int = 0, month: int = 12) -> datetime:
    """An Amsterdam wall-clock time in December 2026 (UTC+1) as a UTC instant."""
    return datetime(2026, month, day, hour - 1, minute, tzinfo=UTC)


async def test_the_same_pick_however_often_asked(practice: Practice, catalog: Catalog) -> None:
    first = await practice.daily.pick_for(PLACE, date(2026, 12, 1))
    again = await practice.daily.pick_for(PLACE, date(2026, 12, 1))
    via_today = await practice.daily.today(ANNA, PLACE)
    assert first == again
    assert catalog.skill(first.skill_id).name.en in via_today.cards[0].title
    other_day = await practice.daily.pick_for(PLACE, date(2026, 12, 2))
    assert other_day.seq == first.seq + 1


async def test_nine_picks_use_all_nine_skills_then_no_back_to_back(practice: Practice) -> None:
    picks = [await practice.daily.pick_for(PLACE, date(2026, 12, d)) for d in range(1, 20)]
    assert len({p.skill_id for p in picks[:9]}) == 9
    assert len({p.skill_id for p in picks[9:18]}) == 9
    assert all(a.skill_id != b.skill_id for a, b in itertools.pairwise(picks))
    # The scenarios rotate too: no repeat inside the recent window.
    ids = [p.scenario_id for p in picks]
    assert all(len(set(ids[i : i + 8])) == 8 for i in range(len(ids) - 8))


async def test_today_card_names_skill_meaning_solo_exercise_and_scenario(
    practice: Practice, catalog: Catalog
) -> None:
    reply = await practice.daily.today(ANNA, PLACE)
    card = reply.cards[0]
    pick = await practice.daily.pick_for(PLACE, date(2026, 12, 1))
    skill = catalog.skill(pick.skill_id)
    assert skill.name.en in card.title
    assert card.body == skill.meaning.en
    assert skill.solo_micro.en in [f.value for f in card.fields]
    assert any(catalog.scenario(pick.scenario_id).title.en in f.value for f in card.fields)


async def test_a_reflection_is_stored_and_starts_a_streak(practice: Practice, store) -> None:
    reply = await practice.reflections.reflect(ANNA, PLACE, GOOD)
    assert reply.ok, reply.errors
    async with store.transaction() as tx:
        [stored] = await tx.reflections.list(ANNA.ref)
        member = await tx.members.get(ANNA.ref)
    assert stored.answers == GOOD
    assert stored.day == date(2026, 12, 1)
    assert member is not None and member.streak.current == 1


async def test_a_reflection_is_shared_only_by_its_author_and_once(
    practice: Practice, store
) -> None:
    assert "There is no reflection" in (await practice.reflections.share(ANNA, PLACE)).errors[""]
    answers = {**GOOD, "R1": "I waited <!channel> @everyone."}
    saved = await practice.reflections.reflect(ANNA, PLACE, answers)
    [share] = saved.cards[0].actions
    assert share.label == "Share in the channel"
    async with store.transaction() as tx:
        [stored] = await tx.reflections.list(ANNA.ref)
    assert share.id == f"share:{stored.id}" and not stored.shared
    # Bob cannot share Anna's, neither by id nor as "the latest here".
    assert "Only the author" in (await practice.reflections.share(BOB, PLACE, stored.id)).errors[""]
    assert "There is no reflection" in (await practice.reflections.share(BOB, PLACE)).errors[""]
    # Anna shares it from elsewhere (e.g. a DM): it goes to the channel it was written in.
    elsewhere = Place("console", "local", "dm-anna")
    reply = await practice.reflections.share(ANNA, elsewhere, stored.id)
    assert reply.ok and reply.cards[0].title == "Shared in the channel"
    [notice] = reply.notices
    assert notice.place == PLACE and notice.member is None and notice.group_id is None
    assert notice.card.title == "Anna shares a reflection (2026-12-01)"
    assert not notice.card.private
    assert all(f.untrusted for f in notice.card.fields)
    assert "I waited <!channel> @everyone." in [f.value for f in notice.card.fields]
    assert "already shared" in (await practice.reflections.share(ANNA, PLACE)).errors[""]
    async with store.transaction() as tx:
        [after] = await tx.reflections.list(ANNA.ref)
    assert after.shared and after.answers == answers


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**GOOD, "R1": ""}, "R1"),
        ({**GOOD, "R2": "   \n "}, "R2"),
        ({**GOOD, "R3": "x" * 4001}, "R3"),
        ({**GOOD, "R9": "sneaky"}, ""),
    ],
)
async def test_bad_reflections_are_refused_and_nothing_is_stored(
    practice: Practice, store, answers: dict[str, str], field: str
) -> None:
    reply = await practice.reflections.reflect(ANNA, PLACE, answers)
    assert not reply.ok
    assert field in reply.errors
    assert reply.errors[field]
    async with store.transaction() as tx:
        assert await tx.reflections.list(ANNA.ref) == []
        assert await tx.members.get(ANNA.ref) is None  # not even half a member


async def test_over_long_answer_message_names_the_limit(practice: Practice) -> None:
    reply = await practice.reflections.reflect(ANNA, PLACE, {**GOOD, "R1": "x" * 4001})
    assert "3000" in reply.errors["R1"] and "4001" in reply.errors["R1"]


async def test_streak_over_a_week(practice: Practice, clock: ManualClock) -> None:
    async def reflect_on(day: int, hour: int = 10) -> None:
        clock.set(at(day, hour))
        assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok

    async def current(day: int) -> str:
        clock.set(at(day, 12))
        card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
        return card.fields[0].value

    await reflect_on(1)  # Tue
    await reflect_on(2)  # Wed
    await reflect_on(3)  # Thu
    await reflect_on(4)  # Fri
    assert await current(7) == "4 days"  # the weekend does not break it (Mon)
    await reflect_on(8, hour=1)  # Tue 01:00: still counts for Monday (grace)
    assert await current(8) == "5 days"
    assert await current(9) == "5 days"  # Tuesday is the week's one forgiven day
    assert await current(10) == "0 days"  # but Wednesday was missed too
    await reflect_on(10)
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert [f.value for f in card.fields] == ["1 day", "5 days", "6 days", "2026-12-08"]
    assert card.fields[3].label == "Forgiven (up to 1 missed practice day a week)"


async def test_pause_keeps_the_streak(practice: Practice, clock: ManualClock) -> None:
    clock.set(at(4))  # Friday
    assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok
    clock.set(at(7))  # Monday
    assert (await practice.preferences.pause(ANNA, PLACE, "until 2026-12-11")).ok
    clock.set(at(14))  # the next Monday
    assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert card.fields[0].value == "2 days"


async def test_pausing_from_today_keeps_todays_reflection(
    practice: Practice, clock: ManualClock
) -> None:
    # Seen in the console: pausing after today's reflection used to erase it from the streak,
    # and resuming the next day did not bring it back.
    for day in (3, 4):  # Thursday, Friday
        clock.set(at(day))
        assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok
    assert (
        await practice.preferences.pause(ANNA, PLACE, "until 2026-12-11")
    ).ok  # from today, Friday
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert [f.value for f in card.fields[:3]] == ["2 days", "2 days", "2 days"]
    clock.set(at(7))  # Monday
    assert (await practice.preferences.resume(ANNA, PLACE)).ok
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert [f.value for f in card.fields[:3]] == ["2 days", "2 days", "2 days"]


async def test_resume_ends_a_pause(practice: Practice, clock: ManualClock) -> None:
    clock.set(at(1))
    assert (await practice.reflections.reflect(ANNA, PLACE, GOOD)).ok
    assert (await practice.preferences.pause(ANNA, PLACE, "until 2026-12-31")).ok
    clock.set(at(3))
    assert (await practice.preferences.resume(ANNA, PLACE)).ok
    clock.set(at(7))  # Thursday 3 and Friday 4 were practice days again, and missed
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert card.fields[0].value == "0 days"
    reply = await practice.preferences.resume(ANNA, PLACE)
    assert "not paused" in reply.cards[0].title


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("until 2026-02-30", "not a date"),
        ("until tomorrow", "not a date"),
        ("", "pause until"),
        ("until 2026-11-30", "already passed"),
    ],
)
async def test_bad_pauses(practice: Practice, store, text: str, needle: str) -> None:
    reply = await practice.preferences.pause(ANNA, PLACE, text)
    assert not reply.ok
    assert needle in reply.errors[""]
    async with store.transaction() as tx:
        assert await tx.pauses.list(ANNA.ref) == []


async def test_member_settings(practice: Practice, store) -> None:
    reply = await practice.preferences.settings(ANNA, PLACE, "tz America/New_York")
    assert reply.ok
    reply = await practice.preferences.settings(ANNA, PLACE, "lang nl")
    assert reply.cards[0].title == "Instellingen bewaard"
    reply = await practice.preferences.settings(ANNA, PLACE, "days mon,wed,fri")
    assert reply.ok
    reply = await practice.preferences.settings(ANNA, PLACE, "dms aan")
    assert any(f.value.startswith("aan: ") for f in reply.cards[0].fields)
    async with store.transaction() as tx:
        member = await tx.members.get(ANNA.ref)
    assert member is not None
    assert (member.timezone, member.language) == ("America/New_York", "nl")
    assert member.practice_days == frozenset({0, 2, 4})
    assert member.dms
    # The language follows the member everywhere.
    assert "Vaardigheid van vandaag" in (await practice.daily.today(ANNA, PLACE)).cards[0].title


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("tz Mars/Olympus_Mons", "Unknown time zone “Mars/Olympus_Mons”"),
        ("lang fr", "Unknown language “fr”"),
        ("days someday", "are not days"),
        ("colour blue", "Unknown setting"),
        ("tz", "Give a value"),
        ("dms sometimes", "“sometimes” is neither on nor off"),
    ],
)
async def test_bad_settings_change_nothing(
    practice: Practice, store, text: str, needle: str
) -> None:
    reply = await practice.preferences.settings(ANNA, PLACE, text)
    assert not reply.ok
    assert needle in reply.errors[""]
    async with store.transaction() as tx:
        assert await tx.members.get(ANNA.ref) is None


async def test_channel_settings_need_an_admin(practice: Practice, store) -> None:
    refused = await practice.preferences.settings(BOB, PLACE, "channel time 08:15")
    assert "channel admin" in refused.errors[""]
    reply = await practice.preferences.settings(ADMIN, PLACE, "channel time 08:15")
    assert reply.ok
    for text in (
        "channel tz Asia/Tokyo",
        "channel days mon-thu",
        "channel lang nl",
        "channel professions arts verpleegkundige",
        "channel difficulty 2",
    ):
        assert (await practice.preferences.settings(ADMIN, PLACE, text)).ok, text
    async with store.transaction() as tx:
        channel = await tx.channels.get(PLACE)
    assert channel is not None
    assert channel.nudge_time == time(8, 15)
    assert channel.timezone == "Asia/Tokyo"
    assert channel.weekdays == frozenset({0, 1, 2, 3})
    assert channel.language == "nl"
    assert channel.professions == ("arts", "verpleegkundige")
    assert channel.difficulty == 2
    bad = await practice.preferences.settings(ADMIN, PLACE, "channel professions plumber")
    assert "plumber" in bad.errors[""]


async def test_profession_filter_is_respected(practice: Practice, catalog: Catalog) -> None:
    assert (await practice.preferences.settings(ADMIN, PLACE, "channel professions arts")).ok
    picks = [await practice.daily.pick_for(PLACE, date(2026, 12, d)) for d in range(1, 12)]
    assert {catalog.scenario(p.scenario_id).profession for p in picks} == {"arts"}


async def test_scenario_shows_the_situation_and_the_helper_only(
    practice: Practice, catalog: Catalog
) -> None:
    # No spoilers: what the issue-bringer keeps back reaches only the member who plays it.
    reply = await practice.daily.scenario(ANNA, PLACE)
    pick = await practice.daily.pick_for(PLACE, date(2026, 12, 1))
    scenario = catalog.scenario(pick.scenario_id)
    text = "\n".join(
        "\n".join([c.title, c.body, *(f"{f.label} {f.value}" for f in c.fields)])
        for c in reply.cards
    )
    bringer = scenario.roles.issue_bringer
    assert bringer.brief.en not in text and bringer.release_cue.en not in text
    assert not any(v.en in text for v in bringer.dragon_voices)
    assert scenario.setting.en in text and scenario.roles.helper.core.en in text


async def test_help_lists_the_commands(practice: Practice) -> None:
    card = (await practice.overview.help(ANNA, PLACE)).cards[0]
    labels = [f.label for f in card.fields]
    assert labels[:3] == ["/today", "/scenario", "/join"]
    assert {"/reflect", "/feedback", "/swap", "/pause"} <= set(labels)


async def test_a_preview_writes_nothing_and_shows_what_will_come(
    store, catalog: Catalog, clock: ManualClock
) -> None:
    """``ballback today --date``: previewing the 18th first must not shift the picks of the
    days before it (issue 10, item 7), and shows what the 18th's nudge will say."""
    preview = Practice(store, catalog, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    ahead, channel = await preview.daily.preview_pick(PLACE, date(2026, 12, 18))
    again, _ = await preview.daily.preview_pick(PLACE, date(2026, 12, 18))
    assert ahead == again and channel.place == PLACE
    async with store.read() as tx:
        assert await tx.channels.get(PLACE) is None  # not even the channel row
    # The days come as the scheduler makes them: one pick per practice day's nudge.
    made = {}
    for day in range(1, 19):
        when = date(2026, 12, day)
        if when.weekday() < 5:
            clock.set(datetime(2026, 12, day, 8, tzinfo=UTC))
            made[day] = await preview.daily.pick_for(PLACE, when)
    assert made[18] == ahead
    # A stored pick previews as itself.
    assert (await preview.daily.preview_pick(PLACE, date(2026, 12, 14)))[0] == made[14]


async def test_the_calendar_shows_what_the_nudges_will_post_and_writes_nothing(
    store, catalog: Catalog, clock: ManualClock
) -> None:
    """``ballback calendar`` / ``/practice calendar`` (issue 11, item 8): each coming practice
    day's pick exactly as its nudge makes it, with nothing written."""
    preview = Practice(store, catalog, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    picks, _ = await preview.daily.calendar(PLACE, date(2026, 12, 1), 21)
    assert all(p.local_date.weekday() < 5 for p in picks) and len(picks) == 15
    async with store.read() as tx:
        assert await tx.channels.get(PLACE) is None
    for pick in picks:
        clock.set(datetime.combine(pick.local_date, time(8), UTC))
        assert await preview.daily.pick_for(PLACE, pick.local_date) == pick
    # Stored days read back as they are.
    again, _ = await preview.daily.calendar(PLACE, date(2026, 12, 1), 21)
    assert again == picks


async def test_the_calendar_is_for_admins(practice: Practice) -> None:
    from bot.commands import Commands
    from bot.rounds import Rounds

    commands = Commands(practice, Rounds(practice), prefix="/")
    member = Actor("console", "local", "bob", "Bob")
    assert not (await commands.run(member, PLACE, "calendar", "")).ok
    admin = Actor("console", "local", "root", "Root", is_platform_admin=True)
    reply = await commands.run(admin, PLACE, "calendar", "9")
    assert reply.ok and reply.cards[0].body.count("\n") >= 5
    for odd in ("²", "0", "367", "x" * 50):
        refused = await commands.run(admin, PLACE, "kalender", odd)
        assert not refused.ok and "1" in refused.errors[""]


async def test_the_weeks_last_nudge_offers_the_weekly_reflection_and_looks_ahead(
    practice: Practice, catalog: Catalog
) -> None:
    """Issue 11, item 4: on the channel's last practice day of the week (Friday for Mon-Fri)
    the nudge offers the weekly reflection and names the coming skills and weeks' habits."""
    thursday = await practice.daily.channel_nudge(PLACE, date(2026, 12, 3))
    friday = await practice.daily.channel_nudge(PLACE, date(2026, 12, 4))
    assert "weekly" not in [a.id for a in thursday.actions]
    assert "weekly" in [a.id for a in friday.actions]
    ahead = {f.label: f.value for f in friday.fields}["Your coming practice days"]
    names = [s.name.en for s in catalog.skills]
    today = next(n for n in names if friday.title.endswith(n))
    assert sorted([*ahead.split(", "), today]) == sorted(names)
    habits = {f.label: f.value for f in friday.fields}["The habits of the coming weeks"]
    assert len(habits.split(" · ")) == 2

    from bot.commands import Commands
    from bot.rounds import Rounds

    commands = Commands(practice, Rounds(practice), prefix="/")
    weekly = await commands.click(ANNA, PLACE, "weekly")
    assert weekly.form is not None and weekly.form.id == "reflect-week"
    assert [f.id for f in weekly.form.fields] == ["W1", "W2", "W3", "W4", "W5"]
    answers = {f.id: "One conversation." for f in weekly.form.fields}
    saved = await commands.submit(ANNA, PLACE, "reflect-week", answers)
    assert saved.ok and saved.cards[0].title == "Reflection saved"
    async with practice.store.read() as tx:
        [stored] = await tx.reflections.list(ANNA.ref)
    assert stored.skill_id is None and set(stored.answers) == set(answers)
    exported = await practice_export(practice)
    assert any(q["question"].startswith("Action") for q in exported)
    assert (await commands.run(ANNA, PLACE, "reflect", "week")).form is not None
    assert (await commands.run(ANNA, PLACE, "reflectie", "maand")).form is not None
    assert not (await commands.run(ANNA, PLACE, "reflect", "year")).ok


async def practice_export(practice: Practice) -> list[dict[str, str]]:
    from bot.mydata import MyData

    data = MyData(practice)
    return data._readable("reflect", None, {"W1": "x"}, "en")
