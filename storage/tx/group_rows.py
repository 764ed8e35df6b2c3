"""Loading groups with their seats: ``groups_where``, shared by the groups' reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, select

from bot.model import Group, MemberRef, Place, Seat
from storage.tables import channels, group_seats, members
from storage.tables import groups as groups_table
from storage.tx.context import TxContext


async def groups_where(
    context: TxContext, matching: Callable[[Any], ColumnElement[bool]], *, for_update: bool = False
) -> list[Group]:
    """The groups for which ``matching(groups table)`` holds, by date and number.

    Two queries whatever their number: the groups, then all their seats (the same
    condition, joined, not a list of ids). Rows are unpacked as tuples and each member's
    ``MemberRef`` is built once: one round can be 5,000 groups.
    """
    g, by = groups_table.c, members.alias("outcome_by")
    stmt = (
        select(
            g.id,
            g.channel_id,
            channels.c.platform,
            channels.c.workspace,
            channels.c.channel,
            g.local_date,
            g.number,
            g.scenario_id,
            g.skill_id,
            g.turn,
            g.space_ref,
            g.outcome,
            by.c.platform,
            by.c.workspace,
            by.c.user_id,
            g.reminded,
        )
        .join(channels, channels.c.id == g.channel_id)
        .outerjoin(by, by.c.id == g.outcome_by_id)
        .where(matching(groups_table))
        .order_by(g.local_date, g.number, g.id)
    )
    if for_update and context.postgres:
        # Only the group's row: its seats never change, and PostgreSQL cannot lock the
        # nullable side of the outer join anyway.
        stmt = stmt.with_for_update(of=groups_table)
    rows = (await context.conn.execute(stmt)).all()
    if not rows:
        return []
    seated = groups_table.alias("seated")
    seat_stmt = (
        select(
            group_seats.c.group_id,
            group_seats.c.member_id,
            members.c.platform,
            members.c.workspace,
            members.c.user_id,
            group_seats.c.role,
            group_seats.c.display_name,
        )
        .join(seated, seated.c.id == group_seats.c.group_id)
        .join(members, members.c.id == group_seats.c.member_id)
        .where(matching(seated))
        .order_by(group_seats.c.group_id, group_seats.c.position)
    )
    refs: dict[int, MemberRef] = {}
    seats: dict[int, list[Seat]] = {}
    seat_rows = (await context.conn.execute(seat_stmt)).all()
    for group_id, member_id, platform, workspace, user, role, name in seat_rows:
        if (ref := refs.get(member_id)) is None:
            ref = refs[member_id] = MemberRef(platform, workspace, user)
            context.member_ids[ref] = member_id
        if (seated_here := seats.get(group_id)) is None:
            seated_here = seats[group_id] = []
        seated_here.append(Seat(ref, role, name))
    places: dict[int, Place] = {}
    groups = []
    for (
        group_id,
        channel_id,
        platform,
        workspace,
        channel,
        local_date,
        number,
        scenario_id,
        skill_id,
        turn,
        space_ref,
        outcome,
        by_platform,
        by_workspace,
        by_user,
        reminded,
    ) in rows:
        if (place := places.get(channel_id)) is None:
            place = places[channel_id] = Place(platform, workspace, channel)
            context.channel_ids[place] = channel_id
        groups.append(
            Group(
                place,
                local_date,
                number,
                tuple(seats.get(group_id, ())),
                scenario_id,
                skill_id,
                turn,
                space_ref,
                outcome,
                None if by_user is None else MemberRef(by_platform, by_workspace, by_user),
                bool(reminded),
                group_id,
            )
        )
    context.group_ids.update(row[0] for row in rows)
    return groups
