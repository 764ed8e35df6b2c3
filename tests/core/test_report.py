"""A trainer's report: counts of a channel's practice, for channel admins only, no text."""

from __future__ import annotations

from typing import Any

from bot.model import Actor
from tests.core.test_mydata import ANNA, BOB, REFLECTION, Team
from tests.core.test_rounds import PARTNER, PLACE, at

TRAINER = Actor("test", "w", "tess", "Tess", is_platform_admin=True)


async def test_the_report_counts_and_never_shows_text(store: Any) -> None:
    team = Team(store)
    await team.practise()  # a pair, two feedback forms, Anna's reflection (and a pause)
    assert (await team.practice.reflections.reflect(BOB, PLACE, REFLECTION)).ok
    assert (await team.practice.reflections.share(BOB, PLACE)).ok
    async with store.transaction() as tx:
        [group] = await tx.groups.list(PLACE, at(8).date())
    assert (await team.rounds.outcome(ANNA, PLACE, True)).ok
    reply = await team.practice.admin.report(TRAINER, PLACE)
    [card] = reply.cards
    assert card.private and card.title == "This channel, 2026-11-04 to 2026-12-01"
    values = {f.label: f.value for f in card.fields}
    assert values == {
        "Nudges posted": "1",
        "Joined a round": "2 times, by 2 members",
        "Pairs and trios": "1: 1 practised, 0 did not happen, 0 not answered",
        "Feedback forms filled in": "2",
        "Reflections": "2 by 2 members, 1 shared",
    }
    shown = " ".join([card.title, card.body, *values.values()])
    assert "I waited" not in shown and PARTNER["P6"] not in shown and "Anna" not in shown
    assert group.id is not None


async def test_only_channel_admins_get_it_and_bad_weeks_are_refused(store: Any) -> None:
    team = Team(store)
    refused = await team.practice.admin.report(ANNA, PLACE)
    assert "Only the channel's admins and a training group's trainers" in refused.errors[""]
    for bad in ("0", "53", "four", "4 5"):
        reply = await team.practice.admin.report(TRAINER, PLACE, bad)
        assert "is not a number of weeks" in reply.errors[""], bad
    one_week = await team.practice.admin.report(TRAINER, PLACE, "1")
    assert one_week.cards[0].title == "This channel, 2026-11-25 to 2026-12-01"
