"""Recording what became of each delivery, several outcomes to one commit when they arrive
together (a *group commit*).

Every delivered notice must be recorded before the courier counts it done, and each record
used to be a transaction of its own: a commit per notice is what a fan-out of thousands of
nudges spent most of its database time on (on SQLite every commit also waits its turn for the
write lock). Here a delivery hands its outcome over and waits: the first waiter writes every
outcome that is queued by then in one transaction, the others find theirs written. No outcome
waits longer than one transaction behind the one being written, so the window between the
platform's answer and its record (where a crash makes a post show twice on Slack) does not
grow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from bot.ports import Store, Tx

# One outcome: a write inside a transaction (its answer is handed back to the caller).
Write = Callable[[Tx], Awaitable[Any]]


class Recorder:
    """Writes delivery outcomes to the store, batching those that queue up meanwhile."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: list[tuple[Write, asyncio.Future[Any]]] = []
        self._writing = asyncio.Lock()

    async def record(self, write: Write) -> Any:
        """Run ``write`` in a committed transaction (shared with other outcomes queued at the
        same time) and return its answer; the transaction's error if it failed."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((write, done))
        async with self._writing:
            if not done.done():  # nobody wrote it while this waited: write the queue
                batch, self._queue = self._queue, []
                await self._write(batch)
        # A write on SQLite never suspends, nor does a chat that answers at once: give the
        # rest of the process a turn between deliveries (no stall of the event loop).
        await asyncio.sleep(0)
        return done.result()

    async def _write(self, batch: list[tuple[Write, asyncio.Future[Any]]]) -> None:
        answers = []
        try:
            async with self.store.transaction() as tx:
                for write, _ in batch:
                    answers.append(await write(tx))
        except Exception as exc:  # none of them was written: each caller learns it
            for _, done in batch:
                done.set_exception(exc)
            return
        for (_, done), answer in zip(batch, answers, strict=True):
            done.set_result(answer)
