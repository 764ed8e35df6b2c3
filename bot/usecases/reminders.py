"""The reflection reminder: one gentle word per member per practice day, as scheduled work.

At the channel's reminder time a member is reminded when

- they practised in a round of the channel that day, or asked for reminders in the channel
  (``settings reminders on``), and did not switch them off (``settings reminders off``);
- they have not reflected for that day yet (a reflection ends all reminders of the day);
- they are not paused that day;
- it is not inside their quiet hours in their own time zone (default 21:00–08:00).

A member who falls in their quiet hours gets no reminder that day rather than a late one: the
next morning the day it is about is over.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.messages import Action, Card, Notice
from bot.model import DEFAULT_QUIET, Channel, Job, Member
from bot.practice import Practice
from bot.rules.schedule import REMINDER, Due, Timeliness, cutoff, in_quiet_hours
from bot.usecases.work import judge, settle


class Reminders:
    """Sends the reflection reminders of claimed ``reminder`` jobs."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.ctx = practice.context  # channel and member lookup, texts, zones, refusals

    async def remind_job(
        self, job: Job, now: datetime, on_time: timedelta
    ) -> tuple[str, str] | None:
        """Decide and queue the day's reminders, settling the job (None: claim lost)."""
        practice = self.practice
        place, day = job.place, job.local_date
        async with practice.store.transaction() as tx:
            channel = await practice.context.channel_in(tx, place)
            when = judge(channel, job, now, on_time)
            outcome = await settle(tx, job, when, now)
            if outcome is None or when is Timeliness.MISSED:
                return outcome
            seated = {s.member for g in await tx.groups.list(place, day) for s in g.seats}
            asking = {m.ref: m for m in await tx.members.with_reminders(place)}
            candidates = dict(await tx.members.get_many(seated - set(asking)))
            candidates.update(asking)
            wanted = {ref: m for ref, m in candidates.items() if m.reminders is not False}
            if not wanted:
                return outcome
            reflected = await tx.reflections.reflected_on(list(wanted), day)
            paused = await tx.pauses.covering(list(wanted), day)
            notices = []
            for ref, member in wanted.items():
                if ref in reflected or ref in paused:
                    continue
                zone = practice.context.zone_of(member, channel)
                if _quiet(member, now.astimezone(zone).time()):
                    continue
                notices.append(self._notice(channel, member))
            await tx.outbox.add(
                notices,
                kind=REMINDER,
                now=now,
                expires_at=cutoff(channel, Due(job.due_at, day, REMINDER)),
                work_id=job.id,
                local_date=day,
            )
        return outcome

    def _notice(self, channel: Channel, member: Member) -> Notice:
        t = self.ctx.texts_for(member, channel)
        card = Card(
            title=t("reminder.title"),
            body=t("reminder.body"),
            # The button names its channel: it is pressed in a direct message.
            actions=(Action(f"reflect:{channel.place.channel}", t("action.reflect")),),
            private=True,
        )
        return Notice(channel.place, card, member=member.ref)


def _quiet(member: Member, local: time) -> bool:
    return in_quiet_hours(local, member.quiet or DEFAULT_QUIET)
