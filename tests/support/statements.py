"""Counting the SQL statements a piece of code sends (for "does not grow with N" tests)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event


@contextlib.contextmanager
def statements(store: Any) -> Iterator[list[str]]:
    """The SQL statements sent through ``store`` while the block runs, one entry per round
    trip (BEGIN and COMMIT included; the list fills as they are sent)."""
    engine = getattr(store, "_sync_engine", None) or store.engine.sync_engine
    sent: list[str] = []

    def record(_c: object, _cur: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
