"""The courier: the one way notices leave ballback, from the outbox through each ``Chat``.

Use cases write their notices to the outbox in the transaction that decided them; the courier
delivers them from there, so a crash at any point leaves a notice that some instance delivers:

1. ``drain`` looks for *lanes* (a platform workspace) with notices due, takes ownership of each
   lane under a lease (one instance per lane, so together the instances keep the workspace's
   rate budget), claims the lane's notices in queue order, each under a lease too, and sends
   them: one conversation's notices in order, conversations side by side, paced to the chat's
   ``posts_per_minute``.
2. Each outcome is recorded on its notice: sent (with the platform's message reference),
   skipped (a private notice for a member who gave no consent, when it has no fallback), or
   failed — then tried again with exponential back-off (or after the platform's
   ``Retry-After``), until the notice expires or the error is permanent.
3. ``send`` delivers a reply's own notices at once (the member who acted waits for them).

The guarantee is at least once, with de-duplication where the platform offers it: a process
killed after the platform accepted a post but before recording it leaves a notice that another
instance sends again once the lease runs out. Every attempt carries the same ``nonce``
(Discord shows such a retry once); Slack has no such key, so there a post can show twice if the
kill falls in that window (the time between Slack's answer and the recording transaction).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.messages import Notice
from bot.model import MemberRef
from bot.ports import Chat, DeliveryError, Parcel, Store
from bot.recorder import Recorder

log = logging.getLogger("ballback.delivery")

LEASE = timedelta(minutes=2)  # how long a claimed lane or notice is this instance's
BATCH = 200  # notices claimed at a time per lane, at most (see ``batch_size``)
LANES_AT_ONCE = 64  # lanes delivered side by side
CONVERSATIONS_AT_ONCE = 32  # conversations of one lane in flight at once (see ``_deliver``)
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(minutes=15)
MAX_ATTEMPTS = 10


def instance_id() -> str:
    """A name for this process that no other process shares (the owner of its claims)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def retry_at(now: datetime, attempts: int, error: DeliveryError) -> datetime | None:
    """When to try a notice again after its ``attempts``-th attempt failed, or None to give
    up: exponential back-off from ``FIRST_RETRY`` to ``LAST_RETRY``, at least the platform's
    ``Retry-After``; never for a permanent error or after ``MAX_ATTEMPTS``."""
    if error.permanent or attempts >= MAX_ATTEMPTS:
        return None
    wait = min(FIRST_RETRY * 2 ** (attempts - 1), LAST_RETRY)
    if error.retry_after is not None:
        wait = max(wait, timedelta(seconds=error.retry_after))
    return now + wait


def batch_size(per_minute: float | None, lease: timedelta) -> int:
    """How many notices a lane claims at a time: as many as its pace sends in half a lease
    (a claim must never run out while its notices wait their turn, or another instance would
    send them too), at most ``BATCH``, at least one. Few claims keep a lane's sends even:
    each claim is a pause in them."""
    if not per_minute:
        return BATCH
    return max(1, min(BATCH, int(lease.total_seconds() / 2 * per_minute / 60)))


@dataclass
class DrainReport:
    """What one drain did."""

    sent: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # "title: error" of each failed attempt

    def add(self, other: DrainReport) -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed += other.failed


class Pacer:
    """Spaces one lane's sends ``60 / per_minute`` seconds apart (real time, whatever the
    core's clock says: platforms count in it). Each send reserves its slot at once, so
    concurrent sends never queue behind a sleeping one. A late send is never made up for by
    sending faster afterwards: the platform's own burst allowance is left for jitter (measured
    with ``python -m bench.fanout``: catching up drew hundreds of 429 answers)."""

    def __init__(self, per_minute: float | None) -> None:
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self._next = 0.0

    async def wait(self) -> None:
        if self.interval <= 0:
            return
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)

    def hold(self, seconds: float) -> None:
        """The platform asked for a pause (``Retry-After``): no send before it is over."""
        self._next = max(self._next, time.monotonic() + seconds)


class Courier:
    """Delivers the outbox through the platforms' ``Chat`` ports."""

    def __init__(
        self,
        store: Store,
        chats: Mapping[str, Chat],
        clock: Clock,
        *,
        owner: str | None = None,
        lease: timedelta = LEASE,
    ) -> None:
        self.store = store
        self.chats = chats  # shared with the composition root: adapters register themselves
        self.clock = clock
        self.owner = owner or instance_id()
        self.lease = lease
        self._pacers: dict[str, Pacer] = {}
        self._recorder = Recorder(store)  # outcomes that finish together share a commit
        self._wake = asyncio.Event()
        # Lanes this process is delivering right now: a second drain leaves them alone.
        self._busy: set[str] = set()
        # One opening of a group's space at a time (its notices go out side by side).
        self._opening: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    # ------------------------------------------------------------------ entry points

    async def send(self, ids: Collection[int]) -> DrainReport:
        """Deliver these notices now (a reply's own), unless another delivery has them."""
        if not ids:
            return DrainReport()
        now = self.clock.now()
        async with self.store.transaction() as tx:
            parcels = await tx.outbox.claim_ids(ids, self.owner, now, self.lease)
        return await self._deliver(parcels, now, None)

    async def drain(self, now: datetime | None = None) -> DrainReport:
        """Deliver every notice that is due: lane by lane, each lane until it is empty.

        With ``now`` (a simulated instant: tests, the console's clock jumps) everything is
        judged and recorded at that instant; without it, at the clock's time as it goes on.
        """
        fixed = now
        now = now or self.clock.now()
        lanes = self._reserve(await self._lanes_due(now))
        report = DrainReport()
        if not lanes:
            return report
        limit = asyncio.Semaphore(LANES_AT_ONCE)

        async def one(lane: str) -> DrainReport:
            async with limit:
                return await self._drain_lane(lane, now, fixed)

        for done in await asyncio.gather(*(one(lane) for lane in lanes)):
            report.add(done)
        return report

    def wake(self) -> None:
        """Ask the running loop (``run``) to look for due notices now instead of at its next
        interval."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, interval: float = 5.0) -> None:
        """Deliver until ``stop`` is set: whenever woken, and every ``interval`` seconds (for
        retries, and for notices other instances queued), each lane with notices due is
        started on its own, side by side with the lanes already under way (a lane that fills
        while another drains for minutes does not wait for it). On ``stop`` the lanes finish
        the batch in hand and give their lane up."""
        limit = asyncio.Semaphore(LANES_AT_ONCE)
        running: set[asyncio.Task[None]] = set()

        async def deliver(lane: str) -> None:
            try:
                async with limit:
                    if stop.is_set():
                        self._busy.discard(lane)
                        return
                    await self._drain_lane(lane, self.clock.now(), None, stop)
            except Exception:  # a broken lane must not end delivery; the next wake retries
                log.exception("delivering the outbox of %s failed", lane)

        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    for lane in self._reserve(await self._lanes_due(self.clock.now())):
                        task = asyncio.ensure_future(deliver(lane))
                        running.add(task)
                        task.add_done_callback(running.discard)
                except Exception:  # the store is away: the next interval tries again
                    log.exception("looking for notices to deliver failed")
                waits = [
                    asyncio.ensure_future(stop.wait()),
                    asyncio.ensure_future(self._wake.wait()),
                ]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait(waits, timeout=interval, return_when=asyncio.FIRST_COMPLETED)
                for waiting in waits:
                    waiting.cancel()
        finally:
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    async def _lanes_due(self, now: datetime) -> list[str]:
        async with self.store.read() as tx:
            return list(await tx.outbox.lanes_due(now, set(self.chats)))

    def _reserve(self, lanes: Sequence[str]) -> list[str]:
        """The lanes nobody in this process delivers yet, now marked as being delivered
        (``_drain_lane`` gives them back)."""
        free = [lane for lane in lanes if lane not in self._busy]
        self._busy.update(free)
        return free

    # ------------------------------------------------------------------ lanes

    async def _drain_lane(
        self,
        lane: str,
        now: datetime,
        fixed: datetime | None,
        stop: asyncio.Event | None = None,
    ) -> DrainReport:
        """Deliver a lane reserved by ``_reserve`` batch by batch until it is empty (or
        ``stop`` is set), then give it up."""
        report = DrainReport()
        try:
            async with self.store.transaction() as tx:
                if not await tx.outbox.claim_lane(lane, self.owner, now, self.lease):
                    return report  # another instance delivers this lane
            while stop is None or not stop.is_set():
                async with self.store.transaction() as tx:
                    # Renew the lane with every batch: a long drain keeps it.
                    await tx.outbox.claim_lane(lane, self.owner, now, self.lease)
                    parcels = await tx.outbox.claim(
                        lane, self.owner, now, self.lease, self._batch(lane)
                    )
                if not parcels:
                    break
                await asyncio.sleep(0)  # let the other lanes claim theirs (SQLite never waits)
                report.add(await self._deliver(parcels, now, fixed))
                now = self._now(now, fixed)
            async with self.store.transaction() as tx:
                await tx.outbox.release_lane(lane, self.owner)
        finally:
            self._busy.discard(lane)
        return report

    def _now(self, floor: datetime, fixed: datetime | None) -> datetime:
        # A drain asked to run at an instant stays there; a live one follows the clock (a long
        # drain takes real time), never going back before where it started.
        return fixed if fixed is not None else max(floor, self.clock.now())

    async def _deliver(
        self, parcels: Sequence[Parcel], now: datetime, fixed: datetime | None
    ) -> DrainReport:
        """Send claimed notices: per conversation in order, conversations side by side."""
        report = DrainReport()
        if not parcels:
            return report
        consenting = await self._consenting(parcels)
        conversations: dict[tuple[object, ...], list[Parcel]] = defaultdict(list)
        for parcel in parcels:
            conversations[_conversation(parcel.notice)].append(parcel)
        limit = asyncio.Semaphore(CONVERSATIONS_AT_ONCE)

        async def one(queue: list[Parcel]) -> None:
            async with limit:
                for parcel in queue:
                    await self._deliver_one(parcel, consenting, report, now, fixed)

        await asyncio.gather(*(one(queue) for queue in conversations.values()))
        return report

    async def _deliver_one(
        self,
        parcel: Parcel,
        consenting: frozenset[MemberRef],
        report: DrainReport,
        floor: datetime,
        fixed: datetime | None,
    ) -> None:
        notice = parcel.notice
        chat = self.chats.get(notice.place.platform)
        now = self._now(floor, fixed)
        record = self._recorder.record
        if chat is None:  # claimed by id in a process without that platform: leave it
            await record(
                lambda tx: tx.outbox.failed(
                    parcel, now, "platform not running here", now + self.lease
                )
            )
            return
        if parcel.expires_at is not None and now > parcel.expires_at:
            await record(
                lambda tx: tx.outbox.failed(parcel, now, "expired before it could be sent", None)
            )
            report.failed.append(f"{notice.card.title}: expired")
            return
        try:
            ref = await self._send(chat, parcel, consenting)
        except DeliveryError as exc:
            if exc.retry_after is not None:
                self._pacer(parcel.lane, chat).hold(exc.retry_after)
            when = retry_at(now, parcel.attempts, exc)
            log.warning(
                "could not deliver %r on %s (attempt %d, %s): %s",
                notice.card.title,
                notice.place.platform,
                parcel.attempts,
                "retried later" if when else "given up",
                exc,
            )
            at, error = self._now(floor, fixed), str(exc)
            await record(lambda tx: tx.outbox.failed(parcel, at, error, when))
            report.failed.append(f"{notice.card.title}: {exc}")
            return
        except Exception as exc:  # a bug in an adapter must not stop the other notices
            log.exception("delivering %r failed", notice.card.title)
            error, when = type(exc).__name__, retry_at(now, parcel.attempts, _ANY)
            await record(lambda tx: tx.outbox.failed(parcel, now, error, when))
            report.failed.append(f"{notice.card.title}: {type(exc).__name__}")
            return
        at = self._now(floor, fixed)
        if ref is None:
            await record(lambda tx: tx.outbox.skipped(parcel, at, "no consent to direct messages"))
            report.skipped += 1
            return
        if not await self._recorder.sent(parcel, at, ref):
            log.warning("a notice was delivered after its claim ran out (sent twice?)")
        report.sent += 1

    async def _send(
        self, chat: Chat, parcel: Parcel, consenting: frozenset[MemberRef]
    ) -> str | None:
        """One notice through its chat; None when it is not to be sent at all."""
        notice = parcel.notice
        if notice.member is not None:
            if not chat.private_needs_consent or notice.member in consenting:
                await self._pacer(parcel.lane, chat).wait()
                return await chat.send_private(
                    notice.place, notice.member, notice.card, nonce=parcel.nonce
                )
            if notice.fallback is None:
                return None  # the member reads it through the buttons in their space
            notice = replace(notice, card=notice.fallback, member=None)
        pacer = self._pacer(parcel.lane, chat)
        if notice.group_id is not None:
            space = await self._space(chat, notice)
            await pacer.wait()
            return await chat.post_in_space(notice.place, space, notice.card, nonce=parcel.nonce)
        await pacer.wait()
        return await chat.post(notice.place, notice.card, nonce=parcel.nonce)

    def _batch(self, lane: str) -> int:
        platform = lane.partition(":")[0]
        chat = self.chats.get(platform)
        per_minute = chat.posts_per_minute if chat is not None else None
        return batch_size(per_minute, self.lease)

    def _pacer(self, lane: str, chat: Chat) -> Pacer:
        pacer = self._pacers.get(lane)
        if pacer is None:
            pacer = self._pacers[lane] = Pacer(chat.posts_per_minute)
        return pacer

    async def _consenting(self, parcels: Sequence[Parcel]) -> frozenset[MemberRef]:
        """The private notices' recipients who asked for direct messages, looked up in one
        query, only for platforms that need that consent."""
        asked = {
            p.notice.member
            for p in parcels
            if p.notice.member is not None
            and (chat := self.chats.get(p.notice.place.platform)) is not None
            and chat.private_needs_consent
        }
        if not asked:
            return frozenset()
        async with self.store.read() as tx:
            found = await tx.members.get_many(asked)
        return frozenset(ref for ref, member in found.items() if member.dms)

    async def _space(self, chat: Chat, notice: Notice) -> str:
        """The group's practice space, opened on first use (and remembered on the group)."""
        assert notice.group_id is not None
        async with self._opening[notice.group_id]:
            return await self._open_space(chat, notice, notice.group_id)

    async def _open_space(self, chat: Chat, notice: Notice, group_id: int) -> str:
        async with self.store.read() as tx:
            group = await tx.groups.get(group_id)
        if group is None:
            raise DeliveryError(f"no group {group_id}", permanent=True)
        if group.space_ref:
            return group.space_ref
        members = notice.space_members or tuple(s.member for s in group.seats)
        ref = await chat.open_space(notice.place, members, notice.space_title)
        async with self.store.transaction() as tx:
            current = await tx.groups.get(group_id, for_update=True)
            if current is not None and current.space_ref:
                return current.space_ref  # another delivery opened one meanwhile
            if current is not None:
                await tx.groups.save(replace(current, space_ref=ref))
        return ref


def _conversation(notice: Notice) -> tuple[object, ...]:
    # Notices to one conversation keep their order (a member's role before their brief).
    if notice.member is not None:
        return ("member", notice.place.platform, notice.member)
    if notice.group_id is not None:
        return ("group", notice.group_id)
    return ("channel", notice.place)


_ANY = DeliveryError("unexpected error")
