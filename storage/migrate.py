"""Alembic, driven from code: the schema is created and changed only by these migrations.

The Alembic configuration is built here instead of read from an ``alembic.ini`` so upgrades work
from an installed package, wherever the current directory is. ``storage/alembic.ini`` exists only
for developers who run the ``alembic`` command line (e.g. to write a new revision).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")

# Key of the PostgreSQL advisory lock that serializes concurrent upgrades (several processes may
# start at once against one database). It is the ASCII of "ballback" as a signed 64-bit integer.
MIGRATION_LOCK_KEY = int.from_bytes(b"ballback", "big", signed=True)

# Alembic keeps the running migration in module globals (``alembic.context``, ``alembic.op``), so
# two upgrades interleaving on one event loop would clobber each other's state. They queue on a
# lock per loop (an asyncio.Lock belongs to one loop); other processes are kept apart by the
# database locks taken in env.py.
_alembic_turns: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = WeakKeyDictionary()


def _alembic_turn() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    if (lock := _alembic_turns.get(loop)) is None:
        lock = _alembic_turns[loop] = asyncio.Lock()
    return lock


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for our migrations; ``connection`` is handed to ``env.py``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # there is always at least the initial revision
    return head


def _upgrade_sync(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def _revision_sync(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def upgrade_engine(engine: AsyncEngine) -> None:
    """Apply every pending migration through ``engine`` (one transaction, see ``env.py``)."""
    async with _alembic_turn(), engine.connect() as connection:
        await connection.run_sync(_upgrade_sync)


async def revision_of(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    async with engine.connect() as connection:
        return await connection.run_sync(_revision_sync)
