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
    # batch mode: SQLite cannot add a NOT NULL column with a default in every version otherwise
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("dms", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("dms")
