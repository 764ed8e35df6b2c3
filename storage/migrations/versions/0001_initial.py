"""initial schema: channels, members, pauses, daily picks, reflections, nudge ledger

Revision ID: 0001
Revises:
Create Date: 2025-11-28

Written out in full (not imported from storage.tables) so this revision keeps describing the
first schema however the tables change later.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("workspace", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("timezone", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("nudge_time", sa.Time(), nullable=False),
        sa.Column("weekdays", sa.Text(), nullable=False),
        sa.Column("professions", sa.Text(), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("rotation_cycle", sa.Integer(), nullable=False),
        sa.Column("rotation_bag", sa.Text(), nullable=False),
        sa.Column("rotation_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channels"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", name="uq_channels_platform_workspace_channel"
        ),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("workspace", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("timezone", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("practice_days", sa.Text(), nullable=False),
        sa.Column("streak_current", sa.Integer(), nullable=False),
        sa.Column("streak_longest", sa.Integer(), nullable=False),
        sa.Column("streak_total", sa.Integer(), nullable=False),
        sa.Column("streak_last_day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.UniqueConstraint(
            "platform", "workspace", "user_id", name="uq_members_platform_workspace_user_id"
        ),
    )
    op.create_table(
        "pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_pauses_member_id_members", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pauses"),
    )
    op.create_index("ix_pauses_member_id_start_day", "pauses", ["member_id", "start_day"])
    op.create_table(
        "daily_picks",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("skill_id", sa.Text(), nullable=False),
        sa.Column("scenario_id", sa.Text(), nullable=False),
        sa.Column("habit_id", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_daily_picks_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "local_date", name="pk_daily_picks"),
    )
    op.create_table(
        "reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("skill_id", sa.Text(), nullable=True),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_reflections_member_id_members",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_reflections_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reflections"),
    )
    op.create_index(
        "ix_reflections_member_id_created_at", "reflections", ["member_id", "created_at"]
    )
    op.create_index("ix_reflections_channel_id", "reflections", ["channel_id"])
    op.create_table(
        "nudges",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("message_ref", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('claimed', 'sent', 'failed')", name="ck_nudges_status"),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_nudges_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "local_date", name="pk_nudges"),
    )


def downgrade() -> None:
    op.drop_table("nudges")
    op.drop_table("reflections")
    op.drop_table("daily_picks")
    op.drop_index("ix_pauses_member_id_start_day", table_name="pauses")
    op.drop_table("pauses")
    op.drop_table("members")
    op.drop_table("channels")
