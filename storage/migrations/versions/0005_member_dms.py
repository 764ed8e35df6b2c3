"""member dms: whether a member asked for direct messages (Discord sends none without it)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, never a batch "copy and move": on SQLite that recreates the table,
    # and dropping the old one with foreign keys on cascades into reflections, pauses, seats.
    op.add_column(
        "members", sa.Column("dms", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    # SQLite (3.35+) and PostgreSQL both drop a column in place (see upgrade for why not batch).
    op.execute("ALTER TABLE members DROP COLUMN dms")
