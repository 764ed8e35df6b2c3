"""Alembic environment: runs the migrations over our async engine.

``storage.migrate`` passes an open connection in ``config.attributes["connection"]``. When the
``alembic`` command line runs this file instead, it builds its own engine from ``-x url=...`` or
``BALLBACK_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection, text

from storage.migrate import MIGRATION_LOCK_KEY
from storage.tables import metadata

config = context.config


def run_migrations(connection: Connection) -> None:
    """Upgrade in one transaction, serialized against other processes doing the same."""
    # One transaction for the whole upgrade: a failure leaves the previous schema intact (both
    # PostgreSQL and SQLite have transactional DDL). On SQLite the engine begins it with
    # BEGIN IMMEDIATE, which already excludes every other writer.
    with connection.begin():
        if connection.dialect.name == "postgresql":
            # Taken before Alembic reads alembic_version, so a second process waits here and
            # then finds the schema at head. The _xact_ variant ends with the transaction and is
            # safe behind transaction-pooling proxies.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        context.run_migrations()


def _cli_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get(
        "BALLBACK_DATABASE_URL"
    )
    if not url:
        raise SystemExit("give the database with -x url=... or BALLBACK_DATABASE_URL")
    return url


async def _run_with_own_engine(url: str) -> None:
    from storage.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_cli_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    supplied = config.attributes.get("connection")
    if supplied is not None:
        run_migrations(supplied)
    else:
        asyncio.run(_run_with_own_engine(_cli_url()))
