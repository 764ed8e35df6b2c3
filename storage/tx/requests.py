"""``SqlRequests``: platform request keys already handled (``bot.ports.RequestLedger``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete

from storage.tables import handled_requests
from storage.tables import utc as _utc
from storage.tx.context import TxContext


class SqlRequests:
    """One transaction's view of the request ledger (``SqlTx.requests``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def claim(self, key: str, now: datetime) -> bool:
        """Record a platform request key: True the first time, False for a duplicate."""
        stmt = (
            self._x.insert(handled_requests)
            .values(key=key, handled_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(handled_requests.c.key)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def release(self, key: str) -> None:
        """Forget a request key so a retry of that request is handled."""
        await self._c.execute(delete(handled_requests).where(handled_requests.c.key == key))
