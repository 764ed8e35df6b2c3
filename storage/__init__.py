"""Persistence for ballback: the ``bot.ports.Store`` implementation over SQLAlchemy 2.

PostgreSQL runs on asyncpg; SQLite migrates through aiosqlite and runs its transactions on a
synchronous connection on the event loop thread (``storage.sqlite_loop`` says why and how that
stays non-blocking). ``storage.store`` opens the transactions; their parts, one per port of
``bot.ports`` (``tx.channels``, ``tx.members``, …), live in ``storage/tx/``.

Use ``await open_store(url)`` (it migrates the schema first) and ``await store.close()`` at the
end. ``upgrade(url)`` applies migrations alone (``ballback db upgrade``); ``sqlite_url(path)``
builds the URL of a SQLite file.
"""

from storage.engine import current_revision, open_store, sqlite_url, upgrade
from storage.migrate import head_revision
from storage.store import SqlStore, SqlTx

__all__ = [
    "SqlStore",
    "SqlTx",
    "current_revision",
    "head_revision",
    "open_store",
    "sqlite_url",
    "upgrade",
]
