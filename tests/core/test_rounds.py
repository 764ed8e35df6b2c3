"""Pair practice in the core: joining, pairing, briefs, feedback, outcomes, swaps."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.model import BRINGER, HELPER, OBSERVER, Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.rules import pairing
from bot.scheduler import Scheduler
from content import Catalog, load_catalog
from tests.support.chat import RecordingChat
from tests.support.statements import statements

PLACE = Place("test", "w", "team")
DAY = date(2026, 12, 1)  # a Tuesday


def member(name: str) -> Actor:
    return Actor("test", "w", name.lower(), name)


ANNA, BOB, CEES, DIDI, EVE = (member(n) for n in ("Anna", "Bob", "Cees", "Didi", "Eve"))
PARTNER = {"P1": "ja", "P3": "inbrenger", "P8": "inbrenger", "P6": "You waited <!channel>."}
OBSERVER_ANSWERS = {
    "O1": "ja",
    "O6": "samen",
    "O7": "inbrenger",
    "O4": "persoon",
    "O5": "A long pause helped.",
}
SELF = {"S1": "I kept quiet, mostly."}
PAUSED_OUT = "You joined, but you are paused today, so you were not paired."


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    """Amsterdam wall-clock time on a December 2026 day (UTC+1)."""
    return datetime(2026, 12, day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(at(8))


@pytest.fixture
def chat() -> RecordingChat:
    return RecordingChat("test")


@pytest.fixture
def practice(store, catalog: Catalog, clock: ManualClock) -> Practice:
    return Practice(store, catalog, clock, ChannelDefaults(timezone="Europe/Amsterdam"))


@pytest.fixture
def rounds(practice: Practice) -> Rounds:
    return Rounds(practice)


@pytest.fixture
def scheduler(practice: Practice, rounds: Rounds, chat: RecordingChat) -> Scheduler:
    return Scheduler(practice.store, practice, {"test": chat}, practice.clock, rounds)


async def join_all(rounds: Rounds, *actors: Actor) -> None:
    for actor in actors:
        assert (await rounds.join(actor, PLACE)).ok


async def pair_now(scheduler: Scheduler, clock: ManualClock, day: int = 1) -> None:
    clock.set(at(10, day=day))
    await scheduler.tick(clock.now())


async def group_of(rounds: Rounds, actor: Actor, day: date = DAY):
    async with rounds.store.transaction() as tx:
        return await tx.groups.group_of(PLACE, day, actor.ref)


async def test_joining_twice_is_harmless_and_leaving_works(rounds: Rounds) -> None:
    first = await rounds.join(ANNA, PLACE)
    second = await rounds.join(ANNA, PLACE)
    assert first.cards[0].title == "You joined today's practice"
    assert second.cards[0].title == "You had already joined today's practice"
    assert (await rounds.leave(ANNA, PLACE)).cards[0].title == "You left today's round"
    assert (await rounds.leave(ANNA, PLACE)).cards[0].title == "You had not joined today's round"
    async with rounds.store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == []


async def test_a_pair_gets_roles_briefs_and_a_space(
    rounds: Rounds,
    scheduler: Scheduler,
    clock: ManualClock,
    chat: RecordingChat,
    catalog: Catalog,
) -> None:
    await join_all(rounds, ANNA, BOB)
    await pair_now(scheduler, clock)
    group = await group_of(rounds, ANNA)
    assert group is not None and len(group.seats) == 2
    helper = group.member_in(HELPER)
    bringer = group.member_in(BRINGER)
    assert helper and bringer and helper.member != bringer.member
    pick = await rounds.practice.daily.pick_for(PLACE, DAY)
    skill = catalog.skill(pick.skill_id)
    helper_cards = chat.to(helper.member.user)
    bringer_cards = chat.to(bringer.member.user)
    assert helper_cards[0].title == "Today you are the helper"
    assert bringer_cards[0].title == "Today you are the issue-bringer"
    bringer_text = " ".join(
        c.title + c.body + " ".join(f.value for f in c.fields) for c in bringer_cards
    )
    assert skill.name.en not in bringer_text  # the issue-bringer never sees the skill
    assert catalog.scenario(pick.scenario_id).roles.issue_bringer.brief.en in bringer_text
    assert catalog.scenario(pick.scenario_id).roles.helper.core.en in helper_cards[1].body
    [space] = chat.spaces
    assert set(chat.spaces[space]) == {ANNA.ref, BOB.ref}
    assert "/feedback" in chat.in_space(space)[0].body
    # Joining closes once the round is paired.
    late = await rounds.join(CEES, PLACE)
    assert "already" not in late.errors[""] and "paired at 10:00" in late.errors[""]


@pytest.mark.parametrize(("count", "sizes"), [(1, []), (3, [3]), (5, [2, 3]), (9, [2, 2, 2, 3])])
async def test_group_sizes_and_nobody_dropped(
    rounds: Rounds,
    scheduler: Scheduler,
    clock: ManualClock,
    chat: RecordingChat,
    count: int,
    sizes: list[int],
) -> None:
    actors = [member(f"M{i}") for i in range(count)]
    await join_all(rounds, *actors)
    await pair_now(scheduler, clock)
    async with rounds.store.transaction() as tx:
        groups = await tx.groups.list(PLACE, DAY)
    assert sorted(len(g.seats) for g in groups) == sizes
    for actor in actors:  # every member hears what happens to them
        assert chat.to(actor.user), actor
    if count == 1:
        assert chat.to("m0")[0].title == "A solo exercise today"
    trios = [g for g in groups if len(g.seats) == 3]
    for trio in trios:
        observer = trio.member_in(OBSERVER)
        assert observer is not None
        assert chat.to(observer.member.user)[0].title == "Today you are the observer"


async def test_a_paused_member_is_left_out_and_told(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock, chat: RecordingChat
) -> None:
    await join_all(rounds, ANNA, BOB, CEES)
    assert (await rounds.practice.preferences.pause(CEES, PLACE, "until 2026-12-04")).ok
    await pair_now(scheduler, clock)
    assert await group_of(rounds, CEES) is None
    assert "paused" in chat.to("cees")[0].title
    refused = await rounds.join(CEES, PLACE)
    assert not refused.ok


async def test_pairing_runs_once(rounds: Rounds, scheduler: Scheduler, clock: ManualClock) -> None:
    await join_all(rounds, ANNA, BOB, CEES, DIDI)
    await pair_now(scheduler, clock)
    assert await rounds.pair(PLACE, DAY) == []
    async with rounds.store.transaction() as tx:
        assert len(await tx.groups.list(PLACE, DAY)) == 2


async def test_partners_rotate_over_days(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock
) -> None:
    seen: set[frozenset[str]] = set()
    for day in (1, 2, 3):  # four members have three repeat-free days
        clock.set(at(9, day=day))
        await join_all(rounds, ANNA, BOB, CEES, DIDI)
        await pair_now(scheduler, clock, day)
        async with rounds.store.transaction() as tx:
            groups = await tx.groups.list(PLACE, date(2026, 12, day))
        for group in groups:
            pair = frozenset(s.member.user for s in group.seats)
            assert pair not in seen
            seen.add(pair)


async def test_feedback_order_privacy_and_refusals(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock, chat: RecordingChat
) -> None:
    await join_all(rounds, ANNA, BOB, CEES)
    await pair_now(scheduler, clock)
    group = await group_of(rounds, ANNA)
    assert group is not None and group.id is not None
    helper = next(a for a in (ANNA, BOB, CEES) if group.role_of(a.ref) == HELPER)
    bringer = next(a for a in (ANNA, BOB, CEES) if group.role_of(a.ref) == BRINGER)
    observer = next(a for a in (ANNA, BOB, CEES) if group.role_of(a.ref) == OBSERVER)
    clock.set(at(11))

    # The issue-bringer answers first: the helper is not shown anything yet.
    form = (await rounds.feedback(bringer, PLACE)).form
    assert form is not None and form.id == form_key(group.id, 1, "partner")
    sent_before = len(chat.sent)
    assert (await rounds.submit_feedback(bringer, PLACE, form.id, PARTNER)).ok
    assert len(chat.sent) == sent_before
    # A second submission, someone else's form, an outsider: refused, nothing stored.
    again = await rounds.submit_feedback(bringer, PLACE, form.id, PARTNER)
    assert "already" in again.errors[""]
    wrong = await rounds.submit_feedback(observer, PLACE, form.id, PARTNER)
    assert "not for your role" in wrong.errors[""]
    outsider = await rounds.submit_feedback(EVE, PLACE, form.id, PARTNER)
    assert "Only the members of practice 1" in outsider.errors[""]
    forged = await rounds.submit_feedback(EVE, PLACE, "fb:999:1:partner", PARTNER)
    assert "not known" in forged.errors[""]
    bad = await rounds.submit_feedback(
        observer, PLACE, form_key(group.id, 1, "observer"), {**OBSERVER_ANSWERS, "O6": "everyone"}
    )
    assert "O6" in bad.errors
    async with rounds.store.transaction() as tx:
        assert len(await tx.feedback.list(group.id, 1)) == 1

    # The helper goes first in what they see: their self-assessment unlocks the answers.
    helper_form = (await rounds.feedback(helper, PLACE)).form
    assert helper_form is not None and helper_form.id.endswith("self_assessment")
    done = await rounds.submit_feedback(helper, PLACE, helper_form.id, SELF)
    assert done.ok
    shown = [c for c in done.cards if c.title.startswith("From ")]
    assert len(shown) == 1 and shown[0].title == f"From {bringer.display_name} (issue-bringer)"
    values = {f.label: f.value for f in shown[0].fields}
    assert "You waited <!channel>." in values.values()
    assert all(f.untrusted for f in shown[0].fields)
    assert "Yes" in values.values()  # choices read as their labels

    # Later feedback reaches the helper at once, privately.
    observed = await rounds.submit_feedback(
        observer, PLACE, form_key(group.id, 1, "observer"), OBSERVER_ANSWERS
    )
    assert observed.ok
    [notice] = observed.notices
    assert notice.member == helper.ref and notice.card.title.startswith("From ")
    # Who carried the ball, in the helper's view and each partner's, with one line to try.
    fields = {f.label: f.value for f in notice.card.fields}
    thinking = [v for k, v in fields.items() if k == "Who did most of the thinking?"]
    assert any("You: —" in v and "(issue-bringer): the issue-bringer" in v for v in thinking)
    assert any("(observer): both" in v for v in thinking)
    assert "ball went back and forth" in notice.card.body
    full = await rounds.feedback(helper, PLACE)
    assert full.cards[0].title == "Who carried the ball?"
    # Partners never see each other's answers.
    assert all(n.member == helper.ref for n in observed.notices)
    assert (await rounds.feedback(bringer, PLACE)).cards[0].title.startswith("You already")


async def test_outcome_once_and_one_reminder(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock, chat: RecordingChat
) -> None:
    await join_all(rounds, ANNA, BOB, CEES, DIDI)
    await pair_now(scheduler, clock)
    assert (await rounds.outcome(ANNA, PLACE, True)).ok
    partner_group = await group_of(rounds, ANNA)
    assert partner_group is not None
    again = await rounds.outcome(ANNA, PLACE, False)
    assert "Already answered: Practised" in again.errors[""]
    assert not (await rounds.outcome(EVE, PLACE, True)).ok
    clock.set(at(14, 5))
    await scheduler.tick(clock.now())
    clock.set(at(15))
    await scheduler.tick(clock.now())
    reminders = [s for s in chat.sent if s.card.title == "Did you practise?"]
    assert len(reminders) == 1  # only the group that did not answer, only once
    anna_space = partner_group.space_ref
    assert reminders[0].space != anna_space


async def test_swap_rotates_roles_and_feedback_is_per_turn(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock, chat: RecordingChat
) -> None:
    await join_all(rounds, ANNA, BOB)
    await pair_now(scheduler, clock)
    group = await group_of(rounds, ANNA)
    assert group is not None and group.id is not None
    first_helper = group.member_in(HELPER)
    assert first_helper is not None
    swapped = await rounds.swap(ANNA, PLACE)
    assert swapped.ok and swapped.notices
    # Nobody gave feedback on turn 1: the swap says so, and feedback still reaches turn 1.
    assert "Nobody gave feedback on turn 1" in swapped.cards[0].body
    group = await group_of(rounds, ANNA)
    assert group is not None and group.turn == 2
    assert group.role_of(first_helper.member) == BRINGER
    first = ANNA if first_helper.member == ANNA.ref else BOB
    owed = (await rounds.feedback(first, PLACE)).form
    assert owed is not None and owed.id == form_key(group.id, 1, "self_assessment")
    assert "turn 1" in owed.intro
    assert (await rounds.submit_feedback(first, PLACE, owed.id, SELF)).ok
    form = (await rounds.feedback(first, PLACE)).form
    assert form is not None and form.id == form_key(group.id, 2, "partner")
    assert not (await rounds.swap(ANNA, PLACE)).ok  # a pair has two turns


async def test_a_swap_moves_to_a_case_nobody_in_the_group_has_read(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock, chat: RecordingChat
) -> None:
    await join_all(rounds, ANNA, BOB)
    await pair_now(scheduler, clock)
    first = (await rounds.brief(ANNA, PLACE)).cards[0]
    before = {s.card.body for s in chat.sent if s.to is not None}
    swapped = await rounds.swap(ANNA, PLACE)
    assert "New case for this turn" in swapped.cards[0].body
    after = (await rounds.brief(ANNA, PLACE)).cards[0]
    # Anna's brief of turn 2 is of another case, and no brief sent after the swap is one
    # either of them received before it.
    assert after.body != first.body
    sent = [n.card.body for n in swapped.notices if n.member is not None]
    assert sent and not set(sent) & before


async def test_before_pairing_the_group_commands_say_when_pairs_are_made(
    rounds: Rounds,
) -> None:
    await join_all(rounds, ANNA, BOB)
    for reply in (
        await rounds.feedback(ANNA, PLACE),
        await rounds.swap(ANNA, PLACE),
        await rounds.outcome(ANNA, PLACE, True),
    ):
        assert "Pairs and trios are made at 10:00" in reply.errors[""]


async def test_same_round_from_the_same_history(store, catalog: Catalog, tmp_path) -> None:
    from storage import open_store, sqlite_url

    async def run(url_store) -> list[tuple[str, ...]]:
        practice = Practice(
            url_store, catalog, ManualClock(at(9)), ChannelDefaults(timezone="Europe/Amsterdam")
        )
        rounds = Rounds(practice)
        await join_all(rounds, ANNA, BOB, CEES, DIDI, EVE)
        await rounds.pair(PLACE, DAY)
        async with url_store.transaction() as tx:
            groups = await tx.groups.list(PLACE, DAY)
        return [tuple(f"{s.member.user}:{s.role}" for s in g.seats) for g in groups]

    other = await open_store(sqlite_url(tmp_path / "other.db"))
    try:
        assert await run(store) == await run(other)
    finally:
        await other.close()


async def test_join_counts_and_show_lists_the_round(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock
) -> None:
    first = await rounds.join(ANNA, PLACE)
    assert first.cards[0].body.endswith("Joined so far: 1.")
    await join_all(rounds, BOB, DIDI)
    again = await rounds.join(ANNA, PLACE)
    assert again.cards[0].title == "You had already joined today's practice"
    assert again.cards[0].body.endswith("Joined so far: 3.")
    assert (await rounds.practice.preferences.pause(CEES, PLACE, "until 2026-12-04")).ok
    paused = await rounds.join(CEES, PLACE)
    assert paused.errors[""] == "You are paused until 2026-12-04. Use resume first to join."
    [open_round] = (await rounds.show(EVE, PLACE)).cards
    assert open_round.title == "Today's round: joined so far (pairing at 10:00)"
    assert open_round.body == "Anna, Bob, Didi"  # in join order
    await pair_now(scheduler, clock)
    [paired] = (await rounds.show(EVE, PLACE)).cards
    assert paired.title == "Today's pairs and trios"
    [trio] = paired.fields
    assert trio.label == "Practice 1"
    assert all(name in trio.value for name in ("Anna", "Bob", "Didi"))


async def test_pairing_reads_a_round_in_the_same_statements_whatever_its_size(
    rounds: Rounds, clock: ManualClock
) -> None:
    # Members, pauses, partners and role counts are read in bulk: a round of 41 takes exactly
    # the statements a round of 5 takes (a statement or two per member would be 36 or 72 more).
    store = rounds.store
    small, large = Place("test", "w", "small"), Place("test", "w", "large")
    for place, size in ((small, 5), (large, 41)):
        for i in range(size):
            assert (await rounds.join(member(f"{place.channel}{i}"), place)).ok
    for place in (small, large):  # a first round, so the second one has history
        assert await rounds.pair(place, DAY)
    clock.set(at(8, day=2))
    for place, size in ((small, 5), (large, 41)):
        for i in range(size):
            assert (await rounds.join(member(f"{place.channel}{i}"), place)).ok
        assert (
            await rounds.practice.preferences.pause(
                member(f"{place.channel}0"), place, "until 2026-12-09"
            )
        ).ok
    counted: dict[Place, int] = {}
    for place in (small, large):
        with statements(store) as sent:
            notices = await rounds.pair(place, date(2026, 12, 2))
        assert any(n.card.title == PAUSED_OUT for n in notices)
        counted[place] = len(sent)
    assert counted[large] == counted[small]


async def test_pairing_gives_the_rule_partners_and_trio_counts(
    rounds: Rounds, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[dict[str, set[str]], dict[str, pairing.RoleCounts]]] = []
    plan_round = pairing.plan_round

    def spy(
        joined: Sequence[str],
        recent: Mapping[str, Collection[str]],
        roles: Mapping[str, pairing.RoleCounts],
        seed: str,
    ) -> pairing.RoundPlan:
        calls.append(({m: set(p) for m, p in recent.items()}, dict(roles)))
        return plan_round(joined, recent, roles, seed)

    monkeypatch.setattr(pairing, "plan_round", spy)
    await join_all(rounds, ANNA, BOB, CEES)
    await rounds.pair(PLACE, DAY)
    clock.set(at(8, day=2))
    await join_all(rounds, ANNA, BOB, CEES, DIDI, EVE)
    await rounds.pair(PLACE, date(2026, 12, 2))
    first, second = calls
    assert first == ({}, {m: pairing.RoleCounts() for m in ("anna", "bob", "cees")})
    recent, roles = second
    assert recent == {"anna": {"bob", "cees"}, "bob": {"anna", "cees"}, "cees": {"anna", "bob"}}
    trio = ("anna", "bob", "cees")
    assert [
        (roles[m].trios, roles[m].helper + roles[m].bringer + roles[m].observer) for m in trio
    ] == [(1, 1)] * 3
    assert sum(roles[m].observer for m in trio) == 1
    assert roles["didi"] == roles["eve"] == pairing.RoleCounts()


async def test_the_brief_button_shows_only_your_own_brief(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock
) -> None:
    from bot.commands import Commands

    await join_all(rounds, ANNA, BOB)
    await pair_now(scheduler, clock)
    group = await group_of(rounds, ANNA)
    assert group is not None and group.id is not None
    commands = Commands(rounds.practice, rounds, prefix="/")
    bringer = next(a for a in (ANNA, BOB) if group.role_of(a.ref) == BRINGER)
    mine = await commands.click(bringer, PLACE, f"brief:{group.id}")
    assert mine.ok and mine.cards[0].title.startswith("Issue-bringer")
    foreign = await commands.click(EVE, PLACE, f"brief:{group.id}")
    assert "Only the members of practice 1" in foreign.errors[""]


async def test_where_dms_need_consent_only_members_who_asked_get_them(
    practice: Practice, rounds: Rounds, clock: ManualClock
) -> None:
    chat = RecordingChat("test", private_needs_consent=True)
    scheduler = Scheduler(practice.store, practice, {"test": chat}, clock, rounds)
    assert (await practice.preferences.settings(ANNA, PLACE, "dms on")).ok
    await join_all(rounds, ANNA, BOB, CEES, DIDI, EVE)
    assert (await practice.preferences.pause(EVE, PLACE, "until 2026-12-04")).ok
    await pair_now(scheduler, clock)
    # Anna asked: her role and brief come privately. Nobody else gets anything privately,
    # not even the paused member's note (the nudge and the spaces' buttons have it all).
    assert {s.to.user for s in chat.sent if s.kind == "private" and s.to} == {"anna"}
    assert len(chat.to("anna")) == 2
    assert all("My brief" in c.body for s in chat.spaces for c in chat.in_space(s)[:1])

    # Feedback after the helper's own: by DM to a helper who asked, else a pointer in the
    # space that does not repeat the answers. Two turns per pair, so Anna is a helper once.
    by = {a.ref: a for a in (ANNA, BOB, CEES, DIDI)}
    groups = {g.id: g for a in by.values() if (g := await group_of(rounds, a)) is not None}
    kinds = []
    for group in groups.values():
        assert group.id is not None
        for turn in (1, 2):
            helper = group.member_in(HELPER, turn)
            bringer = group.member_in(BRINGER, turn)
            assert helper is not None and bringer is not None
            key = form_key(group.id, turn, "self_assessment")
            assert (await rounds.submit_feedback(by[helper.member], PLACE, key, SELF)).ok
            key = form_key(group.id, turn, "partner")
            reply = await rounds.submit_feedback(by[bringer.member], PLACE, key, PARTNER)
            sent_before = len(chat.sent)
            await scheduler.courier.send(reply.outbox)
            [new] = chat.sent[sent_before:]
            kinds.append(new.kind)
            if helper.member == ANNA.ref:
                assert new.kind == "private" and new.card.title.startswith("From ")
            else:
                assert new.kind == "space" and new.space == group.space_ref
                assert new.card.title.startswith(f"New feedback for {helper.display_name}")
                assert "<!channel>" not in new.card.title + new.card.body
            if turn == 1:
                assert (await rounds.swap(by[helper.member], PLACE)).ok
    assert sorted(kinds) == ["private", "space", "space", "space"]


async def test_a_solo_member_without_dms_is_named_in_the_channel(
    practice: Practice, rounds: Rounds, clock: ManualClock
) -> None:
    chat = RecordingChat("test", private_needs_consent=True)
    scheduler = Scheduler(practice.store, practice, {"test": chat}, clock, rounds)
    await join_all(rounds, CEES)
    await pair_now(scheduler, clock)
    assert chat.to("cees") == []
    [(_, card)] = [(p, c) for p, c in chat.posts if c.title == "A solo exercise today"]
    assert "Cees was the only one" in card.body


async def test_twice_too_easy_raises_the_level_and_the_next_brief_is_harder(
    rounds: Rounds, practice: Practice, scheduler: Scheduler, clock: ManualClock
) -> None:
    """Issue 11, item 3: a member's level starts at the channel's, their own ratings move it,
    and a group plays at its helper's level."""
    easy = {**SELF, "S2": "te_makkelijk"}
    clock.set(at(9))
    reply = await practice.preferences.settings(ANNA, PLACE, "level 1")
    assert reply.ok and "1 of 3" in "\n".join(f.value for f in reply.cards[0].fields)
    for day, expected in ((1, "stays 1 of 3"), (2, "now 2 of 3")):
        clock.set(at(9, day=day))
        await join_all(rounds, ANNA, BOB)
        await pair_now(scheduler, clock, day)
        group = await group_of(rounds, ANNA, date(2026, 12, day))
        assert group is not None and group.id is not None
        if group.role_of(ANNA.ref) != HELPER:
            assert (await rounds.swap(ANNA, PLACE)).ok
            group = await group_of(rounds, ANNA, date(2026, 12, day))
        assert group is not None and group.role_of(ANNA.ref) == HELPER
        key = form_key(group.id, group.turn, "self_assessment")
        saved = await rounds.submit_feedback(ANNA, PLACE, key, easy)
        assert saved.ok and expected in saved.cards[0].body
    # Bob, as issue-bringer to Anna, now plays at level 2: two voices, the level-2 play.
    brief = (await rounds.brief(BOB, PLACE)).cards[0]
    shown = "\n".join(f"{f.label} {f.value}" for f in brief.fields)
    assert "level 2 of 3" in shown
    settings = await practice.preferences.settings(ANNA, PLACE)
    assert "2 of 3" in "\n".join(f.value for f in settings.cards[0].fields)
    for odd in ("0", "4", "²", "two"):
        assert not (await practice.preferences.settings(ANNA, PLACE, f"level {odd}")).ok


async def test_the_helper_may_redo_one_moment_for_two_minutes(
    rounds: Rounds, scheduler: Scheduler, clock: ManualClock
) -> None:
    """Issue 11, item 5: an optional two-minute redo of the moment the feedback named, with
    the same issue-bringer, announced in the practice space."""
    await join_all(rounds, ANNA, BOB)
    await pair_now(scheduler, clock)
    group = await group_of(rounds, ANNA)
    assert group is not None and group.id is not None
    helper = ANNA if group.role_of(ANNA.ref) == HELPER else BOB
    bringer = BOB if helper is ANNA else ANNA
    key = form_key(group.id, 1, "partner")
    assert (await rounds.submit_feedback(bringer, PLACE, key, PARTNER)).ok
    seen = await rounds.submit_feedback(
        helper, PLACE, form_key(group.id, 1, "self_assessment"), SELF
    )
    ball = next(c for c in seen.cards if c.title == "Who carried the ball?")
    assert f"redo:{group.id}" in [a.id for a in ball.actions]
    refused = await rounds.redo(bringer, PLACE, group_id=group.id)
    assert not refused.ok and "Only the helper" in refused.errors[""]
    redo = await rounds.redo(helper, PLACE, group_id=group.id)
    assert redo.ok and redo.outbox
    [notice] = redo.notices
    assert notice.group_id == group.id and notice.member is None
    assert bringer.display_name in notice.card.body and "two minutes" in notice.card.body
    for odd in (None, 999_999):
        assert not (await rounds.redo(EVE, PLACE, group_id=odd)).ok
