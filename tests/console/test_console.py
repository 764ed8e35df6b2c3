"""The console adapter end to end: scripted stdin through the real REPL and core."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from bot.model import MemberRef
from content import Catalog, load_catalog
from tests.console.harness import Console

REFLECTION = ("/reflect", "I asked what she had tried.", "She sat up.", "Wait longer.", "", "")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def console(store, catalog: Catalog, tmp_path: Path) -> Console:
    # Monday 7 December 2026, 08:00 in Amsterdam: before the 09:00 nudge.
    return Console(store, catalog, datetime(2026, 12, 7, 7, 0, tzinfo=UTC), tmp_path)


async def reflections(console: Console, user: str) -> list[dict[str, str]]:
    async with console.store.transaction() as tx:
        found = await tx.reflections.list(MemberRef("console", "local", user))
    return [dict(r.answers) for r in found]


async def test_start_shows_todays_nudge(console: Console, catalog: Catalog) -> None:
    out = await console.run()
    pick = await console.practice.daily.pick_for(console_place())
    skill = catalog.skill(pick.skill_id)
    assert f"Today's skill: {skill.name.en}" in out
    assert skill.meaning.en[:40] in out.replace("\n", " ")
    assert "On your own today" in out
    assert catalog.scenario(pick.scenario_id).title.en in out
    assert "> " not in out  # no prompts when stdin is a pipe


def console_place():
    from bot.model import Place

    return Place("console", "local", "practice")


async def test_reflect_then_streak(console: Console) -> None:
    out = await console.run(*REFLECTION, "/streak")
    assert "Reflection saved" in out
    assert "Current:\n  1 day\n" in out
    assert await reflections(console, "anna") == [
        {"R1": "I asked what she had tried.", "R2": "She sat up.", "R3": "Wait longer."}
    ]


async def test_an_empty_answer_is_asked_again_at_once(console: Console) -> None:
    out = await console.run("/reflect", "", "First moment.", "She sat up.", "Wait longer.", "", "")
    assert "please write something" in out
    assert "Reflection saved" in out
    [saved] = await reflections(console, "anna")
    assert saved == {"R1": "First moment.", "R2": "She sat up.", "R3": "Wait longer."}


async def test_an_over_long_answer_is_refused_then_accepted(console: Console) -> None:
    out = await console.run("/reflect", "x" * 4001, "short", "b", "c", "", "")
    assert "at most 3000 characters, you wrote 4001" in out
    [saved] = await reflections(console, "anna")
    assert saved["R1"] == "short"


async def test_cancel_and_end_of_input_store_nothing(console: Console) -> None:
    out = await console.run("/reflect", "one", "/cancel")
    assert "Not saved: Daily reflection." in out
    out = await console.run("/reflect", "one", "two")  # the input ends mid-form
    assert "Not saved: Daily reflection." in out
    assert await reflections(console, "anna") == []


async def test_unknown_commands_get_one_line(console: Console) -> None:
    out = await console.run("/frobnicate", "hello there")
    assert "! Unknown command /frobnicate. Type /help for all commands." in out
    assert "! Commands start with a slash, for example /today. Type /help" in out
    assert "/reflect:" not in out, "no whole help for a mistake"
    assert (await console.run("/")).count("/reflect:") == 1, "an empty command is the help"


async def test_a_typo_gets_did_you_mean(console: Console) -> None:
    out = await console.run("/strek", "/qiut", "/Strek\x1b[2J", "/lang nl", "/vandag", "/reeks")
    assert "! Unknown command /strek — did you mean /streak? Type /help for all commands." in out
    assert "Unknown command /qiut — did you mean /quit?" in out, "the console's own commands too"
    assert "\x1b" not in out and "Unknown command /Strek — did you mean /streak?" in out
    assert "Onbekend commando /vandag — bedoel je /vandaag? Typ /help voor alle commando's." in out
    assert "Je reeks" in out.split("/vandag")[-1], "a Dutch alias runs the command"


async def test_the_help_lists_setup_and_the_consoles_own_commands(console: Console) -> None:
    out = await console.run("/help", "/lang nl", "/hulp")
    english, dutch = out.split("Instellingen bewaard")
    for typed in ("/setup:", "/status:", "/as NAME:", "/day YYYY-MM-DD [HH:MM]:", "/quit, /exit:"):
        assert typed in english, typed
    assert "/today, /vandaag:" in dutch and "/as NAAM:" in dutch


async def test_bad_input_gets_a_clear_message(console: Console) -> None:
    out = await console.run(
        "/day 2026-02-30",
        "/day tomorrow",
        "/time 25:00",
        "/settings tz Mars/Base",
        "/lang fr",
        "/pause until someday",
        "/as",
    )
    assert "“2026-02-30” is not a date" in out
    assert "“tomorrow” is not a date" in out
    assert "“25:00” is not a time" in out
    assert "Unknown time zone “Mars/Base”" in out
    assert "Unknown language “fr”" in out
    assert "“someday” is not a date" in out
    assert "Use: /as NAME" in out
    assert "Traceback" not in out


async def test_moving_the_clock_posts_every_due_nudge_in_order(console: Console) -> None:
    out = await console.run("/day 2026-12-09 10:00")
    # Monday, Tuesday and Wednesday were all due between 08:00 Monday and 10:00 Wednesday.
    assert out.count("[#practice]") == 3
    assert "It is now Wednesday 2026-12-09 10:00" in out
    out = await console.run("/time 11:00", "/today")
    assert "[#practice]" not in out  # nothing new is due; the day's nudge is not repeated


async def test_a_team_over_several_days(console: Console) -> None:
    script = []
    for day in ("2026-12-07", "2026-12-08", "2026-12-09"):
        script.append(f"/day {day} 18:00")
        for name in ("Anna", "Bob"):
            script.append(f"/as {name}")
            if not (name == "Bob" and day == "2026-12-08"):  # Bob skips Tuesday
                script.extend(REFLECTION)
    script += ["/as Anna", "/streak", "/as Bob", "/streak"]
    out = await console.run(*script)
    anna, bob = out.rsplit("== Your streak ==", 2)[1:]
    assert "Current:\n  3 days" in anna
    # Tuesday is the one missed practice day a week the channel forgives: shown as such.
    assert "Current:\n  2 days" in bob and "Days practised:\n  2 days" in bob
    assert "Forgiven (up to 1 missed practice day a week):\n  2026-12-08" in bob
    assert len(await reflections(console, "anna")) == 3
    assert len(await reflections(console, "bob")) == 2


async def test_reflections_are_private(console: Console) -> None:
    await console.run(*REFLECTION, user="Anna")
    out = await console.run("/streak", "/today", "/scenario", user="Bob")
    assert "I asked what she had tried." not in out
    assert "No streak yet" in out


async def test_a_shared_reflection_is_posted_in_the_channel(console: Console) -> None:
    out = await console.run(*REFLECTION, "/share", "/share")
    assert "[/share] Share in the channel" in out
    assert "[#practice]\n== Anna shares a reflection (2026-12-07) ==" in out
    assert "I asked what she had tried." in out
    assert "You already shared this reflection." in out
    other = await console.run("/share", user="Bob")
    assert "There is no reflection of yours to share here yet" in other


async def test_streak_writes_its_picture_to_the_data_directory(
    console: Console, tmp_path: Path
) -> None:
    out = await console.run(*REFLECTION, "/streak", "/as Bob", "/streak")
    anna = tmp_path / "ballback-console-anna-streak.png"
    bob = tmp_path / "ballback-console-bob-streak.png"
    # The path is printed right under the card, once per /streak, for whoever asked.
    assert "Current:\n  1 day\n" in out and f"\n→ {anna}\n" in out and f"\n→ {bob}\n" in out
    for path in (anna, bob):
        image = Image.open(path)
        assert image.format == "PNG" and image.width >= 400
        assert path.stat().st_mode & 0o777 == 0o600
    # Anna's Monday (today) is reflected, Bob's is not: their pictures differ.
    assert anna.read_bytes() != bob.read_bytes()


async def test_export_then_forget(console: Console, tmp_path: Path) -> None:
    out = await console.run(*REFLECTION, "/share", "/export")
    path = tmp_path / "ballback-console-anna.json"
    assert f"→ {path}" in out
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["member"]["display_name"] == "Anna"
    [reflection] = exported["reflections"]
    assert reflection["answers"]["R1"] == "I asked what she had tried." and reflection["shared"]
    # The answers come with the questions as the member saw them; only the member may read it.
    assert reflection["readable"][0] == {
        "question": "What? One moment: what did you say or do?",
        "answer": "I asked what she had tried.",
    }
    assert path.stat().st_mode & 0o777 == 0o600
    # Deleting asks once; the button names the command that confirms.
    out = await console.run("/forget")
    assert "Delete all your data?" in out and "[/forget confirm] Delete my data" in out
    assert await reflections(console, "anna") != []
    out = await console.run("/forget confirm")
    assert "Your data is deleted" in out
    assert await reflections(console, "anna") == []
    async with console.store.transaction() as tx:
        assert await tx.members.get(MemberRef("console", "local", "anna")) is None


async def test_language_pause_and_resume(console: Console) -> None:
    out = await console.run("/lang nl", "/today", "/pause until 2026-12-20", "/resume")
    assert "Vaardigheid van vandaag" in out
    assert "Gepauzeerd tot 2026-12-20" in out
    assert "Welkom terug" in out


async def test_member_text_cannot_drive_the_terminal(console: Console) -> None:
    out = await console.run("/as Eve\x1b[2J\x07", "/settings")
    assert "\x1b" not in out and "\x07" not in out
    assert "You are now Eve[2J." in out or "You are now Eve." in out


async def test_odd_digits_and_zone_names_get_a_clear_message(console: Console) -> None:
    """Digits that pass ``str.isdigit`` but not ``int`` ("²"), numbers beyond any id and zone
    names too long to look up: each a message, never a traceback (issue 10)."""
    out = await console.run(
        "/feedback ²",
        "/feedback 99999999999999999999",
        "/time ²:00",
        "/report ²",
        "/settings tz " + "Europe/" + "A" * 300,
        "/settings tz europe/london",
    )
    assert "Traceback" not in out
    assert "“²:00” is not a time" in out
    assert "Unknown time zone" in out
    assert "Europe/London" in out


async def test_a_clock_jump_of_centuries_is_refused(console: Console) -> None:
    out = await console.run("/day 9999-12-31", "/day 2200-01-01", "/streak")
    assert out.count("at most 366 days ahead") == 2
    assert "Traceback" not in out


async def test_setup_grant_names_a_local_member(console: Console) -> None:
    """``/setup grant NAME`` (or ``@NAME``) is parsed by the console, as a mention is on Slack
    and Discord: the member named as ``/as`` would name them may set the channel up."""
    place = console_place()
    bea = MemberRef("console", "local", "bea-de-vries")
    out = await console.run("/setup grant", "/setup grant @Bea de Vries")
    assert "Use: setup grant @member" in out
    assert "Bea de Vries may now set up this channel." in out
    async with console.store.read() as tx:
        assert await tx.admins.is_admin(place, bea)
    out = await console.run("/setup revoke Bea de Vries", "/setup time 08:30")
    assert "Bea de Vries may no longer set up this channel." in out
    assert "Settings saved" in out  # other setup words go on to the core
    async with console.store.read() as tx:
        assert not await tx.admins.is_admin(place, bea)
