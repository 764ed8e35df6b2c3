"""What stays of a member who asked to be forgotten: the counts a trainer's report adds up.

Before the member's row is deleted, their seats, the feedback they gave (its coded answers
only), their reflections (no answers) and their joins of rounds already paired move to a new
member row marked ``forgotten``. Its user id is random and its name empty, so no row refers to
the member any more, while a report's totals stay what they were (``bot.rules.report``). The
rest (what they wrote, settings, pauses, levels, grants, consents and their answers to live
reading) goes with the member's row, and a role-play text kept in any group they sat in
(pasted, or kept while read live) is dropped (its counts stay).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, delete, exists, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.model import Member, MemberRef
from storage.rows import member_settings
from storage.tables import (
    feedback,
    group_seats,
    members,
    observations,
    reflections,
    round_members,
    rounds,
)
from storage.tx.reports import REPORT_ANSWERS

#: The user id prefix of a forgotten member's stand-in row (never a platform's id: a colon).
FORGOTTEN_PREFIX = "forgotten:"


async def keep_counts(conn: AsyncConnection, member_id: int, ref: MemberRef) -> None:
    """Move the member's countable activity to a fresh ``forgotten`` row (see the module)."""
    # A kept role-play transcript holds their words: the groups they sat in lose it.
    their_groups = select(group_seats.c.group_id).where(group_seats.c.member_id == member_id)
    await conn.execute(
        update(observations)
        .where(observations.c.group_id.in_(their_groups.scalar_subquery()))
        .values(transcript=None, context=None)
    )
    has_any = await conn.scalar(
        select(
            exists().where(group_seats.c.member_id == member_id)
            | exists().where(feedback.c.giver_id == member_id)
            | exists().where(reflections.c.member_id == member_id)
        )
    )
    if not has_any:
        return
    stand_in = Member(
        MemberRef(ref.platform, ref.workspace, FORGOTTEN_PREFIX + uuid.uuid4().hex), ""
    )
    values: dict[str, Any] = {
        "platform": stand_in.ref.platform,
        "workspace": stand_in.ref.workspace,
        "user_id": stand_in.ref.user,
        **member_settings(stand_in),
        "forgotten": True,
    }
    new_id = (
        await conn.execute(insert(members).values(values).returning(members.c.id))
    ).scalar_one()
    await conn.execute(
        update(group_seats)
        .where(group_seats.c.member_id == member_id)
        .values(member_id=new_id, display_name="")
    )
    await conn.execute(
        update(reflections)
        .where(reflections.c.member_id == member_id)
        .values(member_id=new_id, answers={}, for_trainers=False)
    )
    given = await conn.execute(
        select(feedback.c.id, feedback.c.answers).where(feedback.c.giver_id == member_id)
    )
    for item_id, answers in given.all():
        coded = {k: v for k, v in dict(answers or {}).items() if k in REPORT_ANSWERS}
        await conn.execute(
            update(feedback)
            .where(feedback.c.id == item_id)
            .values(giver_id=new_id, answers=coded, for_trainers=False)
        )
    # Joins count only for rounds already paired; a round still open would pair the stand-in.
    paired = exists().where(
        and_(
            rounds.c.channel_id == round_members.c.channel_id,
            rounds.c.local_date == round_members.c.local_date,
        )
    )
    await conn.execute(
        update(round_members)
        .where(round_members.c.member_id == member_id, paired)
        .values(member_id=new_id)
    )
    await conn.execute(delete(round_members).where(round_members.c.member_id == member_id))
