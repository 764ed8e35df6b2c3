"""live keep: a member's answer to live reading may be "yes, and keep the text with our
feedback" next to a plain yes (counts only) and a no

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (see 0005: on SQLite a copy's DROP cascades). Every
    # earlier yes was a yes to counts only, so they all start without "keep".
    op.add_column(
        "observation_consents",
        sa.Column("keep", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # Before 0012 live reading never kept text, and nobody could take a "keep" back there: what
    # a round still being read has kept goes (a finished round's kept text stays, as a pasted
    # one does). SQLite (3.35+) and PostgreSQL both drop a column in place.
    op.execute("UPDATE observations SET transcript = NULL WHERE source = 'live' AND NOT finished")
    op.execute("ALTER TABLE observation_consents DROP COLUMN keep")
