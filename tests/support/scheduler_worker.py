"""One ballback scheduler process for crash tests, driven line by line over stdin.

Run as ``python -m tests.support.scheduler_worker`` with

- ``BALLBACK_DATABASE_URL`` (the shared database), ``BALLBACK_TIMEZONE`` (e.g. ``UTC``);
- ``INBOX_URL``: the :class:`tests.fakes.inbox.Inbox` that platform ``"test"`` delivers to;
- ``WORKER_NAME``: how this process signs its deliveries;
- ``CRASH_AFTER_CLAIMS=N`` (optional): after the N-th committed work claim that returned jobs,
  the next transaction the scheduler (or its use cases) opens prints ``claimed <job ids>`` and
  blocks forever, so the test can SIGKILL the process with the claim committed and none of
  its work done.

The app is built by ballback's own composition root (``bot.cli.build_app``) on a
``ManualClock``. Protocol (one line each way, stdout flushed):

- the worker prints ``ready``;
- ``tick <ISO instant>``: the clock is set there and ``scheduler.tick(instant)`` runs (plan,
  claim and do due work, then drain the outbox at that instant); the answer is
  ``{"done": iso, "settled": n, "sent": n, "failed": [...], "seconds": s}`` (``seconds``: how
  long the tick took, for reading a slow run);
- ``quit``: the worker closes and exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import AsyncIterator, Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.cli import build_app, load_settings
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.model import Job
from bot.practice import Practice
from bot.scheduler import Scheduler
from tests.support.inbox_chat import PLATFORM, InboxChat

START = datetime(2000, 1, 1, tzinfo=UTC)  # the clock's value before the first tick


def emit(line: str) -> None:
    """One line to the driving test."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class _ClaimSpy:
    """A ``WorkLedger`` that notes the jobs its ``claim`` returned."""

    def __init__(self, work: Any) -> None:
        self._work = work
        self.claimed: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._work, name)

    async def claim(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        platforms: Collection[str],
        limit: int,
    ) -> Sequence[Job]:
        jobs = await self._work.claim(owner, now, lease, platforms, limit)
        self.claimed += [job.id for job in jobs]
        return jobs


class _TxSpy:
    """A ``Tx`` whose ``work`` is spied on; everything else is the real transaction's."""

    def __init__(self, tx: Any) -> None:
        self._tx = tx
        self.work = _ClaimSpy(tx.work)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


class CrashingStore:
    """The real store, except that after the ``crash_after``-th committed claim with jobs the
    next ``transaction()`` announces the claim and never begins."""

    def __init__(self, store: Any, crash_after: int) -> None:
        self._store = store
        self.crash_after = crash_after
        self.claims = 0
        self.frozen: list[int] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def read(self) -> Any:
        return self._store.read()

    async def close(self) -> None:
        await self._store.close()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        if self.frozen is not None:
            emit("claimed " + json.dumps(self.frozen))
            await asyncio.get_running_loop().create_future()  # forever: SIGKILL ends it
        async with self._store.transaction() as tx:
            spy = _TxSpy(tx)
            yield spy
        # Reached only when the block ended normally and the transaction committed.
        if spy.work.claimed:
            self.claims += 1
            if self.claims == self.crash_after:
                self.frozen = spy.work.claimed


async def _stdin_lines() -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        yield line.decode().strip()


async def main() -> int:
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s"
    )
    inbox_url = os.environ["INBOX_URL"]
    name = os.environ["WORKER_NAME"]
    crash_after = os.environ.get("CRASH_AFTER_CLAIMS")
    settings = load_settings()
    clock = ManualClock(START)
    app = await build_app(settings, clock=clock)
    chat = InboxChat(inbox_url, name)
    try:
        app.chats[PLATFORM] = chat
        if crash_after:
            store = CrashingStore(app.store, int(crash_after))
            practice = Practice(store, app.catalog, clock, app.practice.defaults)  # type: ignore[arg-type]
            scheduler = Scheduler(
                store,  # type: ignore[arg-type]
                practice,
                app.chats,
                clock,
                courier=Courier(store, app.chats, clock),  # type: ignore[arg-type]
                tick_seconds=settings.tick_seconds,
            )
        else:
            scheduler = app.scheduler()
        emit("ready")
        async for line in _stdin_lines():
            if line == "quit":
                break
            command, _, argument = line.partition(" ")
            if command != "tick":
                emit(json.dumps({"error": f"unknown command {line!r}"}))
                continue
            instant = datetime.fromisoformat(argument)
            clock.set(instant)
            began = time.perf_counter()
            report = await scheduler.tick(instant)
            spent = time.perf_counter() - began
            emit(
                json.dumps(
                    {
                        "done": instant.isoformat(),
                        "settled": len(report.done),
                        "sent": report.delivery.sent,
                        "failed": report.delivery.failed,
                        "seconds": round(spent, 4),
                    }
                )
            )
    finally:
        await chat.close()
        await app.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
