"""What every use case that does scheduled work shares: judging it and settling it.

A job's use case runs in one transaction that first settles the job in the ledger and then
writes what it decided (messages to the outbox, a round's groups…). Settling first means that a
job whose claim was lost (its lease ran out and another instance took it) is noticed before
anything is written; and since the transaction commits both or neither, a crash in between
leaves the job claimed, to be taken over once its lease runs out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.model import DONE, MISSED, Channel, Job
from bot.ports import Tx
from bot.rules.schedule import ON_TIME, Due, Timeliness, timeliness

# Why work was missed: nobody could do it while it made sense (ballback was not running, or
# crashed and its claim ran out too late). Streaks excuse such days (``WorkLedger``).
DOWNTIME = "downtime"


def on_time_for(tick_seconds: float) -> timedelta:
    """How late work may be done and still count as on time: ``ON_TIME``, or three ticks
    when ticks are that far apart."""
    return max(ON_TIME, timedelta(seconds=3 * tick_seconds))


def judge(channel: Channel, job: Job, now: datetime, on_time: timedelta) -> Timeliness:
    """Whether the job, done at ``now``, is on time, late, or missed."""
    return timeliness(channel, Due(job.due_at, job.local_date, job.kind), now, on_time)


def outcome_of(when: Timeliness) -> tuple[str, str]:
    """How work judged ``when`` is recorded: ``(status, note)``."""
    return (MISSED, DOWNTIME) if when is Timeliness.MISSED else (DONE, when.value)


async def settle(tx: Tx, job: Job, when: Timeliness, now: datetime) -> tuple[str, str] | None:
    """Record in ``tx`` what becomes of the job: done (on time or late) or missed.

    Returns ``(status, note)``, or None when the claim is no longer the job's: then the caller
    writes nothing (another instance does the work).
    """
    status, note = outcome_of(when)
    if not await tx.work.finish(job, status, note, now):
        return None
    return status, note
