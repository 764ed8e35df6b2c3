"""work ledger, outbox, off-days: scheduled work with leases, notices written with their cause

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

- ``work``: one row per (channel, local date, kind) of scheduled work, claimed with an owner
  and a lease; ``ready_at`` is when the row next needs attention (a pending row's due time, a
  claimed row's lease end, NULL once done), indexed, so a tick reads only what is due.
- ``outbox``: every notice a use case decided, written in its transaction, delivered from there.
- ``outbox_lanes``: which instance delivers a platform workspace's notices, under a lease.
- ``offdays``: a channel's holidays.
- ``channels``: the scheduling cursor ``next_due_at`` and the reminder, late-nudge and
  forgiveness settings; ``members``: the weekly forgiveness of the streak, reminders, quiet
  hours.
- The nudge ledger ``nudges`` moves into ``work`` (sent → done; failed and the claims a crash
  left behind → missed, so those days stay excused) and is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# Only the column type, for the one UPDATE below (stored in UTC, as every timestamp is).
from storage.tables import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A nudge's due time is not in the old ledger; its last update stands in for it.
MOVE_NUDGES = """
INSERT INTO work (channel_id, platform, local_date, kind, due_at, status, note, attempts,
                  updated_at)
SELECT n.channel_id, c.platform, n.local_date, 'nudge', n.updated_at,
       CASE n.status WHEN 'sent' THEN 'done' ELSE 'missed' END,
       CASE n.status WHEN 'sent' THEN 'on_time' WHEN 'failed' THEN 'failed' ELSE 'crashed' END,
       n.attempts, n.updated_at
FROM nudges AS n JOIN channels AS c ON c.id = n.channel_id
"""

MOVE_BACK = """
INSERT INTO nudges (channel_id, local_date, status, attempts, message_ref, updated_at)
SELECT channel_id, local_date, CASE status WHEN 'done' THEN 'sent' ELSE 'failed' END,
       attempts, NULL, updated_at
FROM work WHERE kind = 'nudge' AND status IN ('done', 'missed')
"""


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    # Plain ADD COLUMNs (never a batch copy: on SQLite that drops and recreates the table, and
    # with foreign keys on the drop cascades; see 0005).
    op.add_column(
        "channels",
        sa.Column("reminder_time", sa.Time(), nullable=False, server_default=sa.text("'16:00:00'")),
    )
    op.add_column("channels", sa.Column("late_until", sa.Time(), nullable=True))
    op.add_column(
        "channels",
        sa.Column("forgive_per_week", sa.Integer(), nullable=False, server_default=sa.text("1")),
    )
    op.add_column("channels", sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_channels_next_due_at"), "channels", ["next_due_at"])
    # Existing channels plan their work from now on (what fell due before is the old ledger's).
    cursor = sa.table("channels", sa.column("next_due_at", UTCDateTime()))
    op.execute(cursor.update().values(next_due_at=datetime.now(UTC)))
    op.add_column(
        "members",
        sa.Column(
            "streak_week_forgiven", sa.Integer(), nullable=False, server_default=sa.text("0")
        ),
    )
    op.add_column("members", sa.Column("reminders", sa.Boolean(), nullable=True))
    op.add_column("members", sa.Column("reminder_channel", sa.Text(), nullable=True))
    op.add_column("members", sa.Column("quiet_start", sa.Time(), nullable=True))
    op.add_column("members", sa.Column("quiet_end", sa.Time(), nullable=True))

    op.create_table(
        "offdays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        _fk("offdays", "channel_id", "channels", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offdays")),
        sa.UniqueConstraint(
            "channel_id",
            "first_day",
            "last_day",
            name=op.f("uq_offdays_channel_id_first_day_last_day"),
        ),
    )
    op.create_table(
        "work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("note", sa.Text(), nullable=False, server_default=sa.text("''")),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("work", "channel_id", "channels", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work")),
        sa.UniqueConstraint(
            "channel_id", "local_date", "kind", name=op.f("uq_work_channel_id_local_date_kind")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'claimed', 'done', 'missed', 'skipped')",
            name=op.f("ck_work_status"),
        ),
    )
    op.create_index(op.f("ix_work_ready_at"), "work", ["ready_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("lane", sa.Text(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=True),
        sa.Column("member_user", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("notice", sa.JSON(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_ref", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False, server_default=sa.text("''")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        _fk("outbox", "channel_id", "channels", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["work_id"], ["work.id"], name=op.f("fk_outbox_work_id_work"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'skipped', 'failed')",
            name=op.f("ck_outbox_status"),
        ),
    )
    op.create_index(op.f("ix_outbox_ready_at"), "outbox", ["ready_at"])
    op.create_index(op.f("ix_outbox_lane_ready_at"), "outbox", ["lane", "ready_at"])
    op.create_index(op.f("ix_outbox_channel_id_id"), "outbox", ["channel_id", "id"])
    op.create_table(
        "outbox_lanes",
        sa.Column("lane", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("lane", name=op.f("pk_outbox_lanes")),
    )
    op.execute(sa.text(MOVE_NUDGES))
    op.drop_table("nudges")


def downgrade() -> None:
    op.create_table(
        "nudges",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("message_ref", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('claimed', 'sent', 'failed')", name=op.f("ck_nudges_status")
        ),
        _fk("nudges", "channel_id", "channels", "CASCADE"),
        sa.PrimaryKeyConstraint("channel_id", "local_date", name=op.f("pk_nudges")),
    )
    op.execute(sa.text(MOVE_BACK))
    op.drop_table("outbox_lanes")
    op.drop_table("outbox")
    op.drop_table("work")
    op.drop_table("offdays")
    # Dropped in place (SQLite 3.35+ and PostgreSQL), never by a batch copy (see upgrade).
    for column in ("quiet_end", "quiet_start", "reminder_channel", "reminders"):
        op.execute(f"ALTER TABLE members DROP COLUMN {column}")
    op.execute("ALTER TABLE members DROP COLUMN streak_week_forgiven")
    op.drop_index(op.f("ix_channels_next_due_at"), table_name="channels")
    for column in ("next_due_at", "forgive_per_week", "late_until", "reminder_time"):
        op.execute(f"ALTER TABLE channels DROP COLUMN {column}")
