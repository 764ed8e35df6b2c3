"""``SqlFeedback``: the feedback given in groups (``bot.ports.FeedbackLog``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, and_, select

from bot.model import Feedback, MemberRef
from storage.rows import chunks
from storage.tables import feedback as feedback_table
from storage.tables import members
from storage.tables import utc as _utc
from storage.tx.context import TxContext


class SqlFeedback:
    """One transaction's view of the feedback (``SqlTx.feedback``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def add(self, feedback: Feedback) -> bool:
        """Store the answers; False (nothing written) when that giver already sent that form
        for that group and turn.

        The transaction stays usable either way (ON CONFLICT DO NOTHING). ``LookupError`` for
        an unknown group or giver.
        """
        giver_id = await self._x.existing_member_id(feedback.giver)
        await self._x.existing_group(feedback.group_id)
        stmt = (
            self._x.insert(feedback_table)
            .values(
                group_id=feedback.group_id,
                turn=feedback.turn,
                form_id=feedback.form_id,
                giver_id=giver_id,
                answers=dict(feedback.answers),
                created_at=_utc(feedback.created_at),
            )
            .on_conflict_do_nothing(index_elements=["group_id", "turn", "form_id", "giver_id"])
            .returning(feedback_table.c.id)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def list(self, group_id: int, turn: int) -> Sequence[Feedback]:
        """The feedback given in a group's turn, oldest (by ``created_at``) first."""
        return await self._feedback_where(
            and_(feedback_table.c.group_id == group_id, feedback_table.c.turn == turn)
        )

    async def in_groups(self, group_ids: Iterable[int]) -> Sequence[Feedback]:
        """All feedback given in these groups (every turn), oldest first."""
        found: list[Feedback] = []
        for chunk in chunks(sorted(set(group_ids))):
            found += await self._feedback_where(feedback_table.c.group_id.in_(chunk))
        return sorted(found, key=lambda f: f.created_at)

    async def _feedback_where(self, matching: ColumnElement[bool]) -> list[Feedback]:
        stmt = (
            select(feedback_table, members.c.platform, members.c.workspace, members.c.user_id)
            .join(members, members.c.id == feedback_table.c.giver_id)
            .where(matching)
            .order_by(feedback_table.c.created_at, feedback_table.c.id)
        )
        return [
            Feedback(
                group_id=row.group_id,
                turn=row.turn,
                form_id=row.form_id,
                giver=MemberRef(row.platform, row.workspace, row.user_id),
                answers=dict(row.answers),
                created_at=row.created_at,
                for_trainers=bool(row.for_trainers),
            )
            for row in await self._c.execute(stmt)
        ]
