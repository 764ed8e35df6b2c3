"""role tallies: each member's first-turn role counts per channel, kept in step with the seats

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The counts of the seats stored so far, as role_counts aggregated them before this revision:
# first-turn roles summed per channel and member, and a seat is in a trio when its group has a
# seat at position 2. One statement, so an existing database keeps its role balance.
BACKFILL = """
INSERT INTO role_tallies (channel_id, member_id, helper, bringer, observer, trio)
SELECT
    g.channel_id,
    s.member_id,
    SUM(CASE WHEN s.role = 'helper' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.role = 'bringer' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.role = 'observer' THEN 1 ELSE 0 END),
    COUNT(third.group_id)
FROM groups AS g
JOIN group_seats AS s ON s.group_id = g.id
LEFT JOIN group_seats AS third ON third.group_id = g.id AND third.position = 2
GROUP BY g.channel_id, s.member_id
"""


def upgrade() -> None:
    op.create_table(
        "role_tallies",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("helper", sa.Integer(), nullable=False),
        sa.Column("bringer", sa.Integer(), nullable=False),
        sa.Column("observer", sa.Integer(), nullable=False),
        sa.Column("trio", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name=op.f("fk_role_tallies_channel_id_channels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_role_tallies_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "member_id", name=op.f("pk_role_tallies")),
    )
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    op.drop_table("role_tallies")
