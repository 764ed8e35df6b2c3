"""Persistence for ballback: the ``bot.ports.Store`` implementation over SQLAlchemy 2 (async).

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
