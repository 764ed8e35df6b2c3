"""One practice scenario over the console, Slack and Discord adapters (one suite, three drivers).

Three members join, are paired into a trio, give the feedback of their roles (the helper
last), the helper reads the partner's and the observer's answers, everyone reflects and has
a streak of one; the next day's reflection makes it two.
"""

from __future__ import annotations

from bot.model import BRINGER, HELPER, OBSERVER
from storage import SqlStore
from tests.scenario.drivers import BRINGER_NOTE, CATALOG, OBSERVER_NOTE, Driver, Group

MEMBERS = ("Anna", "Bob", "Cees")


async def a_trio(driver: Driver) -> Group:
    """Everyone joins and the round is paired: one trio with one member in each role."""
    for member in MEMBERS:
        await driver.join(member)
    await driver.pair_now()
    [trio] = await driver.groups()
    assert sorted(trio.roles) == sorted(MEMBERS)
    assert sorted(trio.roles.values()) == sorted((HELPER, BRINGER, OBSERVER))
    return trio


async def feedback_rows(store: SqlStore, group: Group) -> int:
    """How many feedback forms are stored for the group's first turn."""
    async with store.transaction() as tx:
        return len(await tx.feedback.list(group.id, 1))


async def test_join_pair_feedback_reflect_streak(driver: Driver, store: SqlStore) -> None:
    trio = await a_trio(driver)

    # Each member reads only their own role's brief; the issue-bringer's never names the skill.
    async with store.transaction() as tx:
        [group] = [g for g in await tx.groups.list(driver.place, driver.day) if g.id == trio.id]
    skill = CATALOG.skill(group.skill_id).name.en
    titles = {HELPER: "Helper", BRINGER: "Issue-bringer", OBSERVER: "Observer"}
    for member in MEMBERS:
        shown = await driver.brief(member)
        role = trio.roles[member]
        assert titles[role] in shown, shown
        assert all(titles[other] not in shown for other in titles if other != role), shown
        if role == BRINGER:
            assert skill not in shown, shown

    for role in (BRINGER, OBSERVER, HELPER):  # the helper last
        await driver.give_feedback(trio.member_in(role), role)
    assert await feedback_rows(store, trio) == 3
    seen = await driver.feedback_seen_by_helper(trio.member_in(HELPER))
    bringer, observer = trio.member_in(BRINGER), trio.member_in(OBSERVER)
    assert f"From {trio.names[bringer]} (issue-bringer)" in seen, seen
    assert f"From {trio.names[observer]} (observer)" in seen, seen
    assert BRINGER_NOTE in seen and OBSERVER_NOTE in seen, seen

    for member in MEMBERS:
        await driver.reflect(member)
    assert [await driver.streak(m) for m in MEMBERS] == [1, 1, 1]

    await driver.next_day()
    for member in MEMBERS:
        await driver.reflect(member)
    assert [await driver.streak(m) for m in MEMBERS] == [2, 2, 2]


async def test_a_second_feedback_submission_is_refused(driver: Driver, store: SqlStore) -> None:
    trio = await a_trio(driver)
    bringer = trio.member_in(BRINGER)
    await driver.give_feedback(bringer, BRINGER)
    answer = await driver.feedback_again(bringer, BRINGER)
    assert "Feedback saved" not in answer, answer
    assert await feedback_rows(store, trio) == 1
    assert "You already sent this feedback for this turn." in answer, answer
