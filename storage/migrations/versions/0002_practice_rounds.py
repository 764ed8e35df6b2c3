"""practice rounds: pairing settings, round members, pairing ledger, groups, seats, feedback

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Written out in full (not imported from storage.tables), like 0001. Channels that exist already
get the defaults of ``bot.model.Channel``: pairing at 10:00, a repeat window of 8 rounds.

CHECK constraint names are wrapped in ``op.f``: otherwise the naming convention of
``storage.tables`` is applied to them once more (0001's is ``ck_nudges_ck_nudges_status``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite can add a NOT NULL column in place when it has a constant default; the default
    # stays on the column (harmless: the store always writes both values).
    op.add_column(
        "channels",
        sa.Column("pairing_time", sa.Time(), nullable=False, server_default=sa.text("'10:00:00'")),
    )
    op.add_column(
        "channels",
        sa.Column("repeat_window", sa.Integer(), nullable=False, server_default=sa.text("8")),
    )
    op.create_table(
        "round_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_round_members_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_round_members_member_id_members",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_round_members"),
        sa.UniqueConstraint(
            "channel_id",
            "local_date",
            "member_id",
            name="uq_round_members_channel_id_local_date_member_id",
        ),
    )
    op.create_table(
        "rounds",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_rounds_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("channel_id", "local_date", name="pk_rounds"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Text(), nullable=False),
        sa.Column("skill_id", sa.Text(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.Column("space_ref", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("outcome_by_id", sa.Integer(), nullable=True),
        sa.Column("reminded", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint(
            "outcome IN ('practised', 'not_happened')", name=op.f("ck_groups_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name="fk_groups_channel_id_channels",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outcome_by_id"],
            ["members.id"],
            name="fk_groups_outcome_by_id_members",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
        sa.UniqueConstraint(
            "channel_id", "local_date", "number", name="uq_groups_channel_id_local_date_number"
        ),
    )
    op.create_table(
        "group_seats",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "role IN ('helper', 'bringer', 'observer')", name=op.f("ck_group_seats_role")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name="fk_group_seats_group_id_groups",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_group_seats_member_id_members",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "position", name="pk_group_seats"),
        sa.UniqueConstraint("group_id", "member_id", name="uq_group_seats_group_id_member_id"),
    )
    op.create_index("ix_group_seats_member_id_group_id", "group_seats", ["member_id", "group_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Text(), nullable=False),
        sa.Column("giver_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name="fk_feedback_group_id_groups",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["giver_id"],
            ["members.id"],
            name="fk_feedback_giver_id_members",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sa.UniqueConstraint(
            "group_id",
            "turn",
            "form_id",
            "giver_id",
            name="uq_feedback_group_id_turn_form_id_giver_id",
        ),
    )


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_index("ix_group_seats_member_id_group_id", table_name="group_seats")
    op.drop_table("group_seats")
    op.drop_table("groups")
    op.drop_table("rounds")
    op.drop_table("round_members")
    # Plain ALTER TABLE … DROP COLUMN (SQLite >= 3.35), not batch mode: its copy-and-drop of
    # "channels" would cascade into every table that references it.
    op.drop_column("channels", "repeat_window")
    op.drop_column("channels", "pairing_time")
