"""trainer sharing and forgotten members: a reflection or feedback form its author shared with
the training group's trainers; a member row that stands for members who asked to be forgotten

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: (table, column) this revision adds, each a boolean that starts false.
COLUMNS = (("members", "forgotten"), ("reflections", "for_trainers"), ("feedback", "for_trainers"))


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (see 0005: on SQLite a copy's DROP cascades).
    for table, column in COLUMNS:
        op.add_column(
            table, sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
