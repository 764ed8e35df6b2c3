"""What a change of a channel's schedule (times, zone, days, off-days) does to its work.

The scheduler plans a channel's work from its cursor on. After a change:

- the cursor moves back to now (never forward: work that is still to be planned stays so), so
  the work between now and the old cursor is planned under the new settings;
- today's work that the change moved into the past, and that is not in the ledger yet, is
  planned due *now* while it still makes sense (before its cut-off), so moving the nudge from
  16:00 to 14:00 at 15:00 still posts today's nudge; a round that members have joined is
  always planned, so nobody who joined is left without an answer;
- work of days that became off-days and is still waiting is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.model import Channel, DateRange
from bot.ports import Planned, Tx
from bot.rules.schedule import ROUND, cutoff, day_plan, is_practice_day

OFFDAY = "offday"  # why work was skipped


async def rescheduled(
    tx: Tx, channel: Channel, offdays: Sequence[DateRange], now: datetime
) -> None:
    """Bring the channel's planned work in line with its (new) settings and off-days."""
    place = channel.place
    await tx.work.set_cursor(place, now, earlier_only=True)
    today = now.astimezone(ZoneInfo(channel.timezone)).date()
    recent = [today - timedelta(days=1), today]
    off = [d for d in recent if any(r.covers(d) for r in offdays)]
    if off:
        await tx.work.skip(place, off, OFFDAY, now)
    if not is_practice_day(channel, today, offdays):
        return
    there = await tx.work.kinds_on(place, today)
    missing = [d for d in day_plan(channel, today) if d.at <= now and d.kind not in there]
    if not missing:
        return
    joined = (
        await tx.rounds.count_joined(place, today) if any(d.kind == ROUND for d in missing) else 0
    )
    planned = [
        Planned(place, today, d.kind, now)
        for d in missing
        if now <= cutoff(channel, d) or (d.kind == ROUND and joined)
    ]
    if planned:
        await tx.work.plan(planned, {})
