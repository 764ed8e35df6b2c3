"""What a reflection and a feedback submission cost in store transactions, on each platform:
from the request arriving to its answer (issue 10: the same use case costs the same).

``make bench`` prints these figures (``bench.transactions`` runs this test with
``BALLBACK_BENCH_TRANSACTIONS`` naming a file the counts are written to)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bot.model import BRINGER, HELPER, OBSERVER
from tests.scenario.drivers import Driver
from tests.scenario.test_practice_scenario import MEMBERS, a_trio

#: The use case's own transaction: on Slack and Discord the request ledger's claim (a retried
#: request is answered once) is made inside it, so every platform pays the same.
MOST = 1


async def test_a_submission_costs_one_transaction_on_every_platform(driver: Driver, store) -> None:
    trio = await a_trio(driver)
    for role in (BRINGER, OBSERVER, HELPER):
        await driver.give_feedback(trio.member_in(role), role)
    for member in MEMBERS:
        await driver.reflect(member)
    costs = driver.costs  # type: ignore[attr-defined]
    assert [kind for kind, _ in costs] == ["feedback"] * 3 + ["reflection"] * 3
    assert all(cost == MOST for _, cost in costs), costs
    if out := os.environ.get("BALLBACK_BENCH_TRANSACTIONS"):
        figures = {kind: max(c for k, c in costs if k == kind) for kind, _ in costs}
        backend = "postgresql" if store.dialect == "postgresql" else "sqlite"
        line = {"platform": driver.name, "backend": backend, **figures}  # type: ignore[attr-defined]
        with Path(out).open("a", encoding="utf-8") as file:
            file.write(json.dumps(line) + "\n")
