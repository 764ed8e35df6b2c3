"""The daily nudge as scheduled work: decide it, write it to the outbox, settle the job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cards import nudge_card
from bot.messages import Notice
from bot.model import DONE, Job
from bot.ports import Outgoing
from bot.practice import Practice
from bot.rules.schedule import NUDGE, Due, Timeliness, cutoff, last_practice_day_of_week
from bot.texts import Texts
from bot.usecases.picks import week_ahead
from bot.usecases.work import judge, outcome_of


class Nudges:
    """Posts the nudges of claimed ``nudge`` jobs."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def post_jobs(
        self, jobs: Sequence[Job], now: datetime, on_time: timedelta
    ) -> list[tuple[Job, str, str]]:
        """Do these nudge jobs in one transaction: each is posted (late, with a word saying
        so, until its cut-off) or recorded as missed. Jobs whose claim was lost are left out.

        The whole batch costs a handful of statements, not a handful per channel: channels,
        picks and their history are read together, the jobs settled together and the nudges
        queued in one insert. A nudge goes to the outbox with its cut-off as expiry: a platform
        that keeps failing until then never gets a nudge late in the evening.
        """
        practice = self.practice
        async with practice.store.transaction() as tx:
            # Locked: the picks made below move the channels' rotation on.
            channels = await tx.channels.get_many({job.place for job in jobs}, for_update=True)
            for job in jobs:
                if job.place not in channels:  # work outlives no channel; be safe anyway
                    channels[job.place] = await practice.context.channel_in(tx, job.place)
            verdicts = {job.id: judge(channels[job.place], job, now, on_time) for job in jobs}
            outcomes = [(job, *outcome_of(verdicts[job.id])) for job in jobs]
            still_ours = await tx.work.finish_many(outcomes, now)
            settled = [o for o in outcomes if o[0].id in still_ours]
            posted = [job for job, status, _ in settled if status == DONE]
            picks = await practice.context.picks.picks_in(
                tx, [(job.place, job.local_date) for job in posted], channels
            )
            # The week's last practice day looks ahead: read those channels with their bags
            # moved on by today's picks (one statement, for the few channels it concerns).
            ending = {
                job.place
                for job in posted
                if last_practice_day_of_week(channels[job.place], job.local_date)
            }
            moved = await tx.channels.get_many(ending) if ending else {}
            outgoing = []
            for job in posted:
                channel = channels[job.place]
                pick = picks[(job.place, job.local_date)]
                week = (
                    week_ahead(practice.catalog, moved[job.place], pick)
                    if job.place in moved
                    else None
                )
                card = nudge_card(practice.catalog, pick, channel.language, week)
                if verdicts[job.id] is Timeliness.LATE:
                    t = Texts(practice.catalog, channel.language)
                    due = job.due_at.astimezone(ZoneInfo(channel.timezone)).strftime("%H:%M")
                    card = replace(card, body=f"{t('nudge.late', time=due)}\n\n{card.body}")
                outgoing.append(
                    Outgoing(
                        Notice(job.place, card),
                        NUDGE,
                        expires_at=cutoff(channel, Due(job.due_at, job.local_date, NUDGE)),
                        work_id=job.id,
                        local_date=job.local_date,
                    )
                )
            await tx.outbox.add_many(outgoing, now=now)
        return settled
