"""The daily nudge as scheduled work: decide it, write it to the outbox, settle the job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.messages import Notice
from bot.model import Job
from bot.practice import Practice
from bot.rules.schedule import NUDGE, Due, Timeliness, cutoff
from bot.texts import Texts
from bot.usecases.work import judge, settle


class Nudges:
    """Posts the nudges of claimed ``nudge`` jobs."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def post_jobs(
        self, jobs: Sequence[Job], now: datetime, on_time: timedelta
    ) -> list[tuple[Job, str, str]]:
        """Do these nudge jobs in one transaction: each is posted (late, with a word saying
        so, until its cut-off) or recorded as missed. Jobs whose claim was lost are left out.

        A nudge goes to the outbox with its cut-off as expiry: a platform that keeps failing
        until then never gets a nudge late in the evening.
        """
        practice = self.practice
        settled = []
        async with practice.store.transaction() as tx:
            for job in jobs:
                channel = await practice.channel_in(tx, job.place)
                when = judge(channel, job, now, on_time)
                outcome = await settle(tx, job, when, now)
                if outcome is None:
                    continue
                settled.append((job, *outcome))
                if when is Timeliness.MISSED:
                    continue
                pick = await practice.pick_in(tx, job.place, job.local_date)
                card = practice.nudge_card(pick, channel.language)
                if when is Timeliness.LATE:
                    t = Texts(practice.catalog, channel.language)
                    due = job.due_at.astimezone(ZoneInfo(channel.timezone)).strftime("%H:%M")
                    card = replace(card, body=f"{t('nudge.late', time=due)}\n\n{card.body}")
                await tx.outbox.add(
                    [Notice(job.place, card)],
                    kind=NUDGE,
                    now=now,
                    expires_at=cutoff(channel, Due(job.due_at, job.local_date, NUDGE)),
                    work_id=job.id,
                    local_date=job.local_date,
                )
        return settled
