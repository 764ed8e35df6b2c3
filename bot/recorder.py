"""Recording what became of each delivery, several outcomes to one commit when they arrive
together (a *group commit*).

Every delivered notice must be recorded before the courier counts it done, and each record
used to be a transaction of its own: a commit per notice is what a fan-out of thousands of
nudges spent most of its database time on (on SQLite every commit also waits its turn for the
write lock). Here a delivery hands its outcome over and waits: the first waiter writes every
outcome that is queued by then in one transaction (the deliveries among them in one statement),
the others find theirs written. No outcome
waits longer than one transaction behind the one being written, so the window between the
platform's answer and its record (where a crash makes a post show twice on Slack) does not
grow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.ports import Parcel, Store, Tx

# One outcome: a write inside a transaction (its answer is handed back to the caller).
Write = Callable[[Tx], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class _Sent:
    """A delivery to record; all of a batch's are written in one statement."""

    parcel: Parcel
    at: datetime
    message_ref: str


class Recorder:
    """Writes delivery outcomes to the store, batching those that queue up meanwhile."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: list[tuple[Write | _Sent, asyncio.Future[Any]]] = []
        self._writing = asyncio.Lock()

    async def record(self, write: Write) -> Any:
        """Run ``write`` in a committed transaction (shared with other outcomes queued at the
        same time) and return its answer; the transaction's error if it failed."""
        return await self._submit(write)

    async def sent(self, parcel: Parcel, at: datetime, message_ref: str) -> bool:
        """Record a delivery (``Outbox.sent``); False when the claim was no longer ours."""
        return bool(await self._submit(_Sent(parcel, at, message_ref)))

    async def _submit(self, item: Write | _Sent) -> Any:
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((item, done))
        async with self._writing:
            if not done.done():  # nobody wrote it while this waited: write the queue
                batch, self._queue = self._queue, []
                await self._write(batch)
        # A write on SQLite never suspends, nor does a chat that answers at once: give the
        # rest of the process a turn between deliveries (no stall of the event loop).
        await asyncio.sleep(0)
        return done.result()

    async def _write(self, batch: list[tuple[Write | _Sent, asyncio.Future[Any]]]) -> None:
        answers: list[Any] = []
        try:
            async with self.store.transaction() as tx:
                deliveries = [item for item, _ in batch if isinstance(item, _Sent)]
                recorded = await tx.outbox.sent_many(
                    [(d.parcel, d.at, d.message_ref) for d in deliveries]
                )
                for item, _ in batch:
                    if isinstance(item, _Sent):
                        answers.append(item.parcel.id in recorded)
                    else:
                        answers.append(await item(tx))
        except Exception as exc:  # none of them was written: each caller learns it
            for _, done in batch:
                done.set_exception(exc)
            return
        for (_, done), answer in zip(batch, answers, strict=True):
            done.set_result(answer)
