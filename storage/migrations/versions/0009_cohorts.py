"""cohorts: a channel run as a training group, its trainers and its curriculum

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cohorts",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name=op.f("fk_cohorts_channel_id_channels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", name=op.f("pk_cohorts")),
    )
    op.create_table(
        "cohort_trainers",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["cohorts.channel_id"],
            name=op.f("fk_cohort_trainers_channel_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_cohort_trainers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "member_id", name=op.f("pk_cohort_trainers")),
    )
    op.create_table(
        "cohort_lessons",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("first", sa.Date(), nullable=False),
        sa.Column("last", sa.Date(), nullable=False),
        sa.Column("skill", sa.Text(), nullable=False),
        sa.Column("scenario", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["cohorts.channel_id"],
            name=op.f("fk_cohort_lessons_channel_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "first", name=op.f("pk_cohort_lessons")),
    )


def downgrade() -> None:
    op.drop_table("cohort_lessons")
    op.drop_table("cohort_trainers")
    op.drop_table("cohorts")
