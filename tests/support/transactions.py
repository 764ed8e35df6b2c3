"""Counting the store transactions a request costs (read and write ones alike)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any


class TransactionCount:
    """How many transactions (``transaction()`` and ``read()``) a store has opened so far."""

    def __init__(self) -> None:
        self.value = 0

    def since(self, mark: int) -> int:
        """Transactions opened since ``mark`` (an earlier ``value``)."""
        return self.value - mark


def count_transactions(store: Any) -> TransactionCount:
    """Count every transaction ``store`` opens from now on (the same counter when asked again)."""
    counter: TransactionCount | None = getattr(store, "_counted_transactions", None)
    if counter is not None:
        return counter
    counter = TransactionCount()

    def counted(
        opener: Callable[[], AbstractAsyncContextManager[Any]],
    ) -> Callable[[], AbstractAsyncContextManager[Any]]:
        def open_counted() -> AbstractAsyncContextManager[Any]:
            counter.value += 1
            return opener()

        return open_counted

    store.transaction = counted(store.transaction)
    store.read = counted(store.read)
    store._counted_transactions = counter
    return counter
