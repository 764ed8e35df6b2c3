"""Pair practice through the console: one person simulates a team of 2–9 over several days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.model import BRINGER, HELPER, OBSERVER, MemberRef, Place
from content import Catalog, load_catalog
from tests.console.harness import Console

PLACE = Place("console", "local", "practice")
NAMES = ["Anna", "Bob", "Cees", "Didi", "Eef", "Fleur", "Gijs", "Hana", "Ivo"]
ANSWERS = {
    HELPER: ["I mostly kept quiet.", "2", "1", "1"],
    BRINGER: ["3", "1", "1", "2", "You let the silence run. Ask one question at a time."],
    OBSERVER: ["1", "2", "1", "2", "After the pause she sat up."],
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def console(store, catalog: Catalog) -> Console:
    # Monday 7 December 2026, 08:00 in Amsterdam.
    return Console(store, catalog, datetime(2026, 12, 7, 7, 0, tzinfo=UTC))


def ref(name: str) -> MemberRef:
    return MemberRef("console", "local", name.lower())


async def groups_on(console: Console, day: date):
    async with console.store.transaction() as tx:
        return await tx.groups.list(PLACE, day)


def join_script(day: str, names: list[str]) -> list[str]:
    script = [f"/day {day} 09:30"]
    for name in names:
        script += [f"/as {name}", "/join"]
    return [*script, "/time 10:05", "/round"]


@pytest.mark.parametrize("size", [2, 3, 5, 9])
async def test_a_team_practises_over_several_days(console: Console, size: int) -> None:
    names = NAMES[:size]
    partners: dict[str, set[str]] = {n.lower(): set() for n in names}
    for day in ("2026-12-07", "2026-12-08", "2026-12-09"):
        out = await console.run(*join_script(day, names))
        assert "Today's pairs and trios" in out
        groups = await groups_on(console, date.fromisoformat(day))
        expected = {2: [2], 3: [3], 5: [2, 3], 9: [2, 2, 2, 3]}[size]
        assert sorted(len(g.seats) for g in groups) == expected
        for name in names:  # everyone was told their role, privately
            assert f"[private → {name.lower()}]" in out
        # Everyone gives the feedback their role asks for; the helper goes first.
        script: list[str] = []
        for group in groups:
            for role in (HELPER, BRINGER, OBSERVER):
                seat = group.member_in(role)
                if seat is not None:
                    script += [f"/as {seat.display_name}", "/feedback", *ANSWERS[role]]
            helper = group.member_in(HELPER)
            assert helper is not None
            script += [f"/as {helper.display_name}", "/feedback", "/done"]
        out = await console.run(*script)
        assert out.count("Feedback saved") == sum(len(g.seats) for g in groups)
        assert "From " in out
        for group in groups:
            users = [s.member.user for s in group.seats]
            for user in users:
                partners[user].update(u for u in users if u != user)
        async with console.store.transaction() as tx:
            for group in groups:
                assert group.id is not None
                given = await tx.feedback.list(group.id, 1)
                assert len(given) == len(group.seats)
                stored = await tx.groups.get(group.id)
                assert stored is not None and stored.outcome == "practised"
    if size in (5, 9):  # with enough people, nobody meets the same partner three days running
        assert all(len(p) >= 2 for p in partners.values())


async def test_feedback_refusals_through_the_console(console: Console) -> None:
    await console.run(*join_script("2026-12-07", ["Anna", "Bob", "Cees", "Didi"]))
    groups = await groups_on(console, date(2026, 12, 7))
    first, second = groups
    bringer = first.member_in(BRINGER)
    outsider = second.member_in(BRINGER)
    helper = first.member_in(HELPER)
    assert bringer and outsider and helper
    out = await console.run(
        f"/as {bringer.display_name}",
        "/feedback",
        *ANSWERS[BRINGER],
        f"/as {bringer.display_name}",
        "/feedback",  # a second time
        f"/as {outsider.display_name}",
        "/feedback 1",  # someone else's practice
        "/as Zed",
        "/feedback",  # not in the round at all
        "/feedback x",
    )
    assert out.count("Feedback saved") == 1
    assert "You already sent this feedback" in out
    assert "Only the members of practice 1 can give feedback there." in out
    assert "You are not in a pair or trio today." in out
    assert "Use: /feedback [PRACTICE NUMBER]" in out
    # The helper has not assessed themself yet: nothing of the partner's answers reached them.
    assert f"[private → {helper.member.user}]\n== From" not in out
    out = await console.run(f"/as {helper.display_name}", "/feedback", *ANSWERS[HELPER])
    assert f"From {bringer.display_name} (issue-bringer)" in out
    assert "You let the silence run." in out


async def test_an_empty_or_overlong_feedback_answer_is_asked_again(console: Console) -> None:
    await console.run(*join_script("2026-12-07", ["Anna", "Bob"]))
    [group] = await groups_on(console, date(2026, 12, 7))
    bringer = group.member_in(BRINGER)
    assert bringer is not None
    out = await console.run(
        f"/as {bringer.display_name}",
        "/feedback",
        "9",  # each refused answer is asked again at once
        "1",
        "7",
        "1",
        "1",
        "",  # an optional question left open
        "",
        "x" * 1001,
        "Kept quiet; try one question at a time.",
    )
    assert "pick one of the options" in out
    assert "please write something" in out
    assert "at most 1000 characters" in out
    assert "Feedback saved" in out


async def test_join_leave_solo_and_closed_round(console: Console) -> None:
    out = await console.run(
        "/day 2026-12-07 09:30",
        "/join",
        "/join",
        "/leave",
        "/join",
        "/round",
        "/time 10:05",
        "/join",
        "/leave",
        "/brief",
        "/round",
    )
    assert "You had already joined" in out
    assert "You left today's round" in out
    assert "joined so far (pairing at 10:00)" in out
    assert "A solo exercise today" in out
    assert "Today's round was paired at 10:00" in out
    assert "Today's round is already paired" in out
    assert "You are not in a pair or trio today." in out


async def test_swap_and_reminder(console: Console) -> None:
    await console.run(*join_script("2026-12-07", ["Anna", "Bob"]))
    out = await console.run("/as Anna", "/swap", "/brief", "/swap", "/time 14:30")
    assert "Turn 2: roles swapped" in out
    assert "Everyone has had a turn" in out
    assert "Did you practise?" in out
    out = await console.run("/time 16:00", "/done", "/notdone")
    assert "Did you practise?" not in out  # one reminder only
    assert "Already answered: Practised" in out


async def test_cancelling_feedback_says_the_feedback_was_not_saved(console: Console) -> None:
    await console.run(*join_script("2026-12-07", ["Anna", "Bob"]))
    [group] = await groups_on(console, date(2026, 12, 7))
    bringer = group.member_in(BRINGER)
    assert bringer is not None
    out = await console.run(f"/as {bringer.display_name}", "/feedback", "1", "/cancel")
    assert "Not saved: For the issue-bringer." in out
