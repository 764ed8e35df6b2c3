"""A member with data in every table that can hold some, and a scan for what refers to them.

``seed`` gives Anna and Bob a practice day on Discord that touches every kind of row a member
can have: settings, a level, a pause, reflections (one shared), a channel grant, a round read
live with its text kept (both answered keep), feedback both ways and its outcome, role
tallies, the time-zone notice's key in the request ledger, and notices in the outbox (some
delivered, some still waiting). ``references`` lists every row of every table
(``storage.tables.metadata``) that still refers to a member: by their member id in any column
that references ``members``, or by their user id anywhere in a text or
JSON value.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Integer, select

from bot.clock import ManualClock
from bot.model import LIVE_KEEP, Actor, MemberRef, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds, form_key
from bot.scheduler import Scheduler
from bot.usecases.zone_notice import ZoneNotice
from content import load_catalog
from storage import SqlStore
from storage.tables import members, metadata
from tests.support.chat import RecordingChat

PLACE = Place("discord", "g-4242", "c-777")
DAY = date(2026, 12, 1)  # a Tuesday
# User ids that occur nowhere else (no catalog text, id or timestamp contains them).
ANNA = Actor("discord", "g-4242", "u-anna-4711", "Anna", is_platform_admin=True)
BOB = Actor("discord", "g-4242", "u-bob-0815", "Bob")
REFLECTION = {"R1": "I waited.", "R2": "She went on.", "R3": "Wait again."}
SELF = {"S1": "I kept quiet, mostly."}
PARTNER = {"P1": "ja", "P3": "inbrenger", "P8": "inbrenger", "P6": "You waited."}
HELPER_SAID, BRINGER_SAID = "What is on your mind?", "The night shifts, again."


def at(hour: int, minute: int = 0) -> datetime:
    """Amsterdam wall-clock time on ``DAY`` (UTC+1)."""
    return datetime(2026, 12, 1, hour - 1, minute, tzinfo=UTC)


async def seed(store: SqlStore) -> None:
    """Anna and Bob practise on ``DAY``; every step must succeed."""
    clock = ManualClock(at(8))
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    rounds = Rounds(practice)
    scheduler = Scheduler(store, practice, {"discord": RecordingChat("discord")}, clock, rounds)
    notice = ZoneNotice(practice, command="/practice")
    for actor in (ANNA, BOB):
        assert await notice.once(actor, PLACE) is not None  # the key in the request ledger
        assert (await rounds.join(actor, PLACE)).ok
    assert (await practice.preferences.settings(ANNA, PLACE, "level 3")).ok
    assert (await practice.admin.grant(ANNA, PLACE, BOB.user, BOB.display_name)).ok
    assert (await practice.admin.grant(ANNA, PLACE, ANNA.user, ANNA.display_name)).ok
    clock.set(at(10))
    await scheduler.tick(clock.now(), deliver=False)
    async with store.transaction() as tx:
        [group] = await tx.groups.list(PLACE, DAY)
    assert group.id is not None
    helper, bringer = (ANNA, BOB) if group.role_of(ANNA.ref) == "helper" else (BOB, ANNA)
    # Live reading with the text kept: both members' answers, and the round's kept text.
    practice.context.live_platforms.add(PLACE.platform)
    assert (await rounds.observe(ANNA, PLACE, "live keep")).ok
    assert (await rounds.consent(BOB, PLACE, answer=LIVE_KEEP, group_id=group.id)).ok
    for actor, said in ((helper, HELPER_SAID), (bringer, BRINGER_SAID)):
        assert await rounds.heard(actor, PLACE, said)
    for actor, form, answers in ((helper, "self_assessment", SELF), (bringer, "partner", PARTNER)):
        assert (await rounds.submit_feedback(actor, PLACE, form_key(group.id, 1, form), answers)).ok
    assert (await rounds.outcome(ANNA, PLACE, True, group_id=group.id)).ok
    for actor in (ANNA, BOB):
        assert (await practice.reflections.reflect(actor, PLACE, REFLECTION)).ok
    assert (await practice.reflections.share(ANNA, PLACE)).ok  # waits in the outbox
    assert (await practice.reflections.share(BOB, PLACE)).ok
    assert (await practice.preferences.pause(ANNA, PLACE, "until 2026-12-20")).ok


def _text(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


async def references(store: SqlStore, ref: MemberRef, member_id: int) -> list[str]:
    """Every row that refers to the member: ``table.column = value`` per finding."""
    found: list[str] = []
    async with store.read() as tx:
        conn = tx.conn
        for table in metadata.sorted_tables:
            by_id = [
                column
                for column in table.columns
                if any(fk.column.table is members for fk in column.foreign_keys)
                or (table is members and column.name == "id")
            ]
            for row in (await conn.execute(select(table))).mappings():
                for column in by_id:
                    if row[column.name] == member_id:
                        found.append(f"{table.name}.{column.name} = {member_id}")
                for column in table.columns:
                    value = row[column.name]
                    if value is None or isinstance(column.type, Integer):
                        continue
                    if ref.user in _text(value):
                        found.append(f"{table.name}.{column.name} = {_text(value)[:200]!r}")
    return found


async def member_id(store: SqlStore, ref: MemberRef) -> int:
    """The member's surrogate id (the scan looks for it after they are gone)."""
    async with store.read() as tx:
        conn = tx.conn
        row = (
            await conn.execute(
                select(members.c.id).where(
                    members.c.platform == ref.platform,
                    members.c.workspace == ref.workspace,
                    members.c.user_id == ref.user,
                )
            )
        ).one()
    return int(row.id)


async def counts(store: SqlStore) -> dict[str, int]:
    """The number of rows in every table."""
    out: dict[str, int] = {}
    async with store.read() as tx:
        conn = tx.conn
        for table in metadata.sorted_tables:
            out[table.name] = len((await conn.execute(select(table))).all())
    return out
