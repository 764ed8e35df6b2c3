"""Benchmark: the trainer report of a cohort of 500 members over 12 weeks, on SQLite.

The channel's history is made through the store's own ports (channels, members, groups with
their seats, joins, partner and self-assessment forms, reflections): 60 practice days, every
member joining every day, in pairs, each helper's self-assessment and each
issue-bringer's partner form, and a reflection from every other member each day. Then the report
(``bot.usecases.trainer_report.trainer_report``: five statements and the aggregation) is made
``RUNS`` times in a read transaction. Printed: the median and p90 time (target under 0.5 s), the
number of rows it read, and the peak of Python allocations during one report (``tracemalloc``).

No target is asserted: figures only.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

from bench.stats import ms, percentile, table

MEMBERS: Final = 500
WEEKS: Final = 12
RUNS: Final = 7
FIRST: Final = date(2026, 9, 7)  # a Monday


async def seed(store: object) -> int:
    """Make the cohort's history; return the number of feedback forms."""
    from bot.model import (
        BRINGER,
        HELPER,
        Channel,
        Feedback,
        Group,
        Member,
        MemberRef,
        Place,
        Reflection,
        Seat,
    )

    place = Place("console", "local", "course")
    refs = [MemberRef("console", "local", f"m{i:03d}") for i in range(MEMBERS)]
    forms = 0
    async with store.transaction() as tx:  # type: ignore[attr-defined]
        await tx.channels.add(Channel(place))
        for i, ref in enumerate(refs):
            await tx.members.add(Member(ref, f"Member {i:03d}"))
    day = FIRST
    for _ in range(WEEKS * 7):
        if day.weekday() < 5:
            now = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            async with store.transaction() as tx:  # type: ignore[attr-defined]
                for ref in refs:
                    await tx.rounds.join(place, day, ref, now)
                shift = day.toordinal() % MEMBERS
                order = refs[shift:] + refs[:shift]
                planned = []
                for number, start in enumerate(range(0, MEMBERS - 1, 2), 1):
                    helper, bringer = order[start], order[start + 1]
                    seats = (
                        Seat(helper, HELPER, helper.user),
                        Seat(bringer, BRINGER, bringer.user),
                    )
                    planned.append(Group(place, day, number, seats, "s01-rooster", "handen"))
                for group in await tx.groups.add(planned):
                    assert group.id is not None
                    helper, bringer = group.seats[0].member, group.seats[1].member
                    answers = {"P1": "ja", "P3": "inbrenger", "P8": "samen", "P6": "x"}
                    await tx.feedback.add(Feedback(group.id, 1, "partner", bringer, answers, now))
                    await tx.feedback.add(
                        Feedback(group.id, 1, "self_assessment", helper, {"S1": "x"}, now)
                    )
                    forms += 2
                for ref in refs[day.toordinal() % 2 :: 2]:
                    await tx.reflections.add(
                        Reflection(ref, place, day, now, {"R1": "x"}, "handen")
                    )
        day += timedelta(days=1)
    return forms


async def measure() -> list[tuple[str, list[str]]]:
    from bot.clock import ManualClock
    from bot.model import Place
    from bot.practice import ChannelDefaults, Practice
    from bot.usecases.trainer_report import trainer_report
    from content import load_catalog
    from storage import open_store

    with tempfile.TemporaryDirectory() as scratch:
        store = await open_store(f"sqlite+aiosqlite:///{Path(scratch) / 'report.db'}")
        try:
            began = time.perf_counter()
            forms = await seed(store)
            made = time.perf_counter() - began
            clock = ManualClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
            defaults = ChannelDefaults(timezone="UTC")
            practice = Practice(store, load_catalog(), clock, defaults)
            place = Place("console", "local", "course")
            last = FIRST + timedelta(weeks=WEEKS) - timedelta(days=1)
            timings = []
            for _ in range(RUNS):
                start = time.perf_counter()
                async with store.read() as tx:
                    report = await trainer_report(practice.context, tx, place, FIRST, last)
                timings.append(time.perf_counter() - start)
            tracemalloc.start()
            async with store.read() as tx:
                await trainer_report(practice.context, tx, place, FIRST, last)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            await store.close()
    seats = sum(r.helper + r.bringer + r.observer for r in report.members)
    return [
        (
            f"{MEMBERS} members, {WEEKS} weeks",
            [
                ms(percentile(timings, 50) * 1000),
                ms(percentile(timings, 90) * 1000),
                str(seats),
                str(forms),
                f"{peak / 2**20:.1f} MiB",
            ],
        ),
        ("(making the history)", [ms(made * 1000), "", "", "", ""]),
    ]


def run() -> None:
    """Print the report benchmark's table."""
    rows = asyncio.run(measure())
    print(
        table(
            "trainer report on SQLite (target: under 500 ms)",
            ["p50", "p90", "seats", "forms", "peak py"],
            rows,
            ["five statements: seats, coded answers, joins, reflection days, members"],
        )
    )


if __name__ == "__main__":
    run()
