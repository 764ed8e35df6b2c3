"""Operational truth about a channel's schedule: what is due next, what went out, what waits,
what was missed. ``ballback status`` prints it for operators; ``/practice status`` shows it to
the channel's admins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.access import Action
from bot.messages import Card, Field, Reply
from bot.model import (
    CLAIMED,
    FAILED,
    MISSED,
    PENDING,
    SENDING,
    SENT,
    Actor,
    Channel,
    DateRange,
    OutboxRecord,
    Place,
    WorkRecord,
)
from bot.ports import Tx
from bot.practice import Practice
from bot.rules.schedule import Due, next_due
from bot.texts import Texts
from bot.usecases.context import Refused

UPCOMING = 4  # next due events shown
RECENT = 5  # deliveries, misses shown


@dataclass(frozen=True, slots=True)
class ChannelStatus:
    """A channel's schedule as it stands at ``now``."""

    channel: Channel
    now: datetime
    offdays: tuple[DateRange, ...]
    upcoming: tuple[Due, ...]
    waiting: tuple[WorkRecord, ...]  # due work not done yet (pending or claimed)
    missed: tuple[WorkRecord, ...]
    deliveries: tuple[OutboxRecord, ...]  # the latest notices sent
    outbox_pending: int
    outbox_failed: tuple[OutboxRecord, ...]


async def channel_status(tx: Tx, channel: Channel, now: datetime) -> ChannelStatus:
    """Everything ``status`` shows about one channel, read in ``tx``."""
    place = channel.place
    offdays = tuple(await tx.offdays.list(place))
    return ChannelStatus(
        channel=channel,
        now=now,
        offdays=offdays,
        upcoming=tuple(next_due(channel, offdays, now, UPCOMING)),
        waiting=tuple(await tx.work.records(place, statuses=(PENDING, CLAIMED), limit=RECENT)),
        missed=tuple(await tx.work.records(place, statuses=(MISSED,), limit=RECENT)),
        deliveries=tuple(await tx.outbox.records(place, statuses=(SENT,), limit=RECENT)),
        outbox_pending=await tx.outbox.count(place, (PENDING, SENDING)),
        outbox_failed=tuple(await tx.outbox.records(place, statuses=(FAILED,), limit=RECENT)),
    )


def status_lines(status: ChannelStatus) -> list[str]:
    """The status as plain lines for a terminal (operators read English and UTC)."""
    channel = status.channel
    zone = ZoneInfo(channel.timezone)
    place = channel.place
    lines = [
        f"{place.platform} {place.workspace} {place.channel}  ({channel.timezone}, "
        f"nudge {_hhmm(channel.nudge_time)}, pairing {_hhmm(channel.pairing_time)}, "
        f"reminder {_hhmm(channel.reminder_time)})"
    ]
    lines.append("  next:")
    lines += [f"    {d.kind:<8} {_both(d.at, zone)}" for d in status.upcoming] or ["    (none)"]
    if status.waiting:
        lines.append("  waiting:")
        lines += [
            f"    {w.kind:<8} {w.local_date}  due {_both(w.due_at, zone)}  {w.status}"
            for w in status.waiting
        ]
    lines.append("  last deliveries:")
    lines += [
        f"    {d.kind:<8} {_both(d.settled_at, zone)}  {d.message_ref or '-'}  {d.title[:40]}"
        for d in status.deliveries
        if d.settled_at is not None
    ] or ["    (none)"]
    lines.append(f"  outbox: {status.outbox_pending} waiting, {len(status.outbox_failed)} failed")
    lines += [f"    failed {d.kind:<8} {d.title[:40]}: {d.error}" for d in status.outbox_failed]
    lines.append("  missed:")
    lines += [
        f"    {m.kind:<8} {m.local_date}  due {_both(m.due_at, zone)}  ({m.note})"
        for m in status.missed
    ] or ["    (none)"]
    current = [r for r in status.offdays if r.last >= status.now.astimezone(zone).date()]
    if current:
        lines.append("  off-days: " + ", ".join(r.label for r in current))
    return lines


class StatusUseCase:
    """``/practice status``: the channel's status for its admins."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def status(self, actor: Actor, place: Place) -> Reply:
        """The channel's schedule, deliveries, waiting notices and misses (admins only)."""
        practice = self.practice
        now = practice.clock.now()
        try:
            async with practice.store.transaction() as tx:
                channel = await practice.context.channel_in(tx, place)
                member = await practice.context.member_in(tx, actor)
                t = practice.context.texts_for(member, channel)
                if not await practice.context.allows(tx, actor, place, Action.SEE_STATUS):
                    raise Refused({"": t("error.not_admin_see")})
                status = await channel_status(tx, channel, now)
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(cards=(status_card(t, status),))


def status_card(t: Texts, status: ChannelStatus) -> Card:
    """The status as a card, in the reader's language and the channel's time zone."""
    zone = ZoneInfo(status.channel.timezone)
    none = t("status.none")
    upcoming = "\n".join(
        t("status.event", kind=t(f"status.kind.{d.kind}"), when=_both(d.at, zone))
        for d in status.upcoming
    )
    sent = "\n".join(
        t("status.event", kind=t(f"status.kind_out.{_out(d.kind)}"), when=_both(d.settled_at, zone))
        for d in status.deliveries
        if d.settled_at is not None
    )
    missed = "\n".join(
        t(
            "status.missed_item",
            kind=t(f"status.kind.{m.kind}"),
            date=m.local_date.isoformat(),
            why=t(f"status.why.{m.note}") if m.note in _WHYS else m.note,
        )
        for m in status.missed
    )
    fields = (
        Field(t("status.next"), upcoming or none),
        Field(t("status.sent"), sent or none),
        Field(
            t("status.outbox"),
            t(
                "status.outbox_value",
                waiting=status.outbox_pending,
                failed=len(status.outbox_failed),
            ),
        ),
        Field(t("status.missed"), missed or none),
    )
    return Card(title=t("status.title"), body=t("status.body"), fields=fields, private=True)


_WHYS = ("downtime", "failed", "crashed", "offday")
_OUT_KINDS = ("nudge", "role", "brief", "space", "reminder", "outcome", "missed", "solo")


def _out(kind: str) -> str:
    return kind if kind in _OUT_KINDS else "other"


def _both(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({at.astimezone(UTC):%H:%M} UTC)"


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


__all__: Sequence[str] = ["ChannelStatus", "StatusUseCase", "channel_status", "status_lines"]
