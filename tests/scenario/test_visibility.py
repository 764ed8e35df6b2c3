"""No spoilers on any platform (issue 11, item 2): before pairing ``/scenario`` shows the
situation and the helper's side only; after pairing each member reads only their own role's
brief; after ``/swap`` nobody holds a brief of a case they have already read."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.model import BRINGER, HELPER
from bot.usecases.picks import turn_pick
from storage import SqlStore
from tests.scenario.drivers import CATALOG, Driver

MEMBERS = ("Anna", "Bob", "Cees")


def plain(shown: str) -> str:
    """What a driver returned as one text: JSON payloads flattened to their strings, and
    whitespace (the console's wrapping) as single spaces."""
    try:
        value: Any = json.loads(shown)
    except ValueError:
        return " ".join(shown.split())

    def strings(item: Any) -> list[str]:
        if isinstance(item, str):
            return [item]
        if isinstance(item, dict):
            return [s for v in item.values() for s in strings(v)]
        if isinstance(item, list):
            return [s for v in item for s in strings(v)]
        return []

    return " ".join(" ".join(strings(value)).split())


def part(text: str) -> str:
    """The longest stretch of a text that no renderer escapes (letters, digits, spaces, plain
    punctuation), at most 60 characters: enough to tell one text from another."""
    runs = re.findall(r"[A-Za-z0-9 ,.;:']+", text)
    return max(runs, key=len).strip()[:60]


async def test_before_pairing_the_scenario_holds_no_secret(driver: Driver, store: SqlStore) -> None:
    await driver.today("Anna")  # the channel's first use enrols it
    await driver.nudge_now()  # the day's pick is made and posted; pairing is at 10:00
    shown = plain(await driver.scenario("Anna"))
    async with store.read() as tx:
        pick = await tx.picks.get(driver.place, driver.day)
    assert pick is not None
    scenario = CATALOG.scenario(pick.scenario_id)
    bringer = scenario.roles.issue_bringer
    assert part(scenario.roles.helper.core.en) in shown, shown
    assert part(bringer.brief.en) not in shown and part(bringer.release_cue.en) not in shown
    assert not any(part(v.en) in shown for v in bringer.dragon_voices), shown


async def test_after_a_swap_nobody_reads_a_case_they_have_seen(
    driver: Driver, store: SqlStore
) -> None:
    for member in MEMBERS:
        await driver.join(member)
    await driver.pair_now()
    [trio] = await driver.groups()
    async with store.read() as tx:
        [group] = [g for g in await tx.groups.list(driver.place, driver.day) if g.id == trio.id]
        pick = await tx.picks.get(driver.place, driver.day)
    assert pick is not None
    first = CATALOG.scenario(pick.scenario_id)
    before = {m: plain(await driver.brief(m)) for m in MEMBERS}
    # Turn 1: the issue-bringer alone holds the case's secret.
    bringer = trio.member_in(BRINGER)
    secret = part(first.roles.issue_bringer.brief.en)
    assert [m for m in MEMBERS if secret in before[m]] == [bringer], before

    answer = plain(await driver.swap(trio.member_in(HELPER)))
    second, fresh = turn_pick(CATALOG, pick, 2)
    assert fresh and second.scenario_id != first.id
    assert part(CATALOG.scenario(second.scenario_id).title.en) in answer, answer
    after = {m: plain(await driver.brief(m)) for m in MEMBERS}
    new = CATALOG.scenario(second.scenario_id)
    for member in MEMBERS:
        assert secret not in after[member], (member, after[member])
        assert part(first.roles.helper.core.en) not in after[member], member
    # Whoever brings the issue now reads the new case's brief, and nobody else does.
    holders = [m for m in MEMBERS if part(new.roles.issue_bringer.brief.en) in after[m]]
    assert len(holders) == 1 and holders[0] != bringer, after
    assert group.skill_id == second.skill_id
