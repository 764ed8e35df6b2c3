"""``SqlShares``: what members share with their training group's trainers (``bot.ports.Tx``).

An item's key is ``r<id>`` for a reflection and ``f<group>-<turn>-<form>`` for a feedback form
(one per giver, group, turn and form, so the giver completes it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, update

from bot.model import MemberRef, Place, SharedItem
from storage.tables import channels, members, reflections
from storage.tables import feedback as feedback_table
from storage.tables import groups as groups_table
from storage.tx.context import TxContext

_REFLECTION = re.compile(r"r([1-9][0-9]{0,17})")
_FEEDBACK = re.compile(r"f([1-9][0-9]{0,17})-([1-9][0-9]{0,2})-([a-z_]{1,40})")

_WHO = (members.c.platform, members.c.workspace, members.c.user_id, members.c.display_name)
_WHERE = (
    channels.c.platform.label("place_platform"),
    channels.c.workspace.label("place_workspace"),
    channels.c.channel,
)


def _reflections() -> Select[Any]:
    r = reflections
    return (
        select(r.c.id, r.c.day, r.c.skill_id, r.c.answers, *_WHO, *_WHERE)
        .join(members, members.c.id == r.c.member_id)
        .join(channels, channels.c.id == r.c.channel_id)
    )


def _feedback() -> Select[Any]:
    fb, g = feedback_table, groups_table
    return (
        select(fb.c.group_id, fb.c.turn, fb.c.form_id, g.c.local_date, g.c.skill_id)
        .add_columns(fb.c.answers, *_WHO, *_WHERE)
        .join(g, g.c.id == fb.c.group_id)
        .join(members, members.c.id == fb.c.giver_id)
        .join(channels, channels.c.id == g.c.channel_id)
    )


def _reflection_item(row: Any) -> SharedItem:
    return SharedItem(
        "reflection",
        f"r{row.id}",
        MemberRef(row.platform, row.workspace, row.user_id),
        row.display_name,
        Place(row.place_platform, row.place_workspace, row.channel),
        row.day,
        row.skill_id,
        "reflection",
        dict(row.answers),
    )


def _feedback_item(row: Any) -> SharedItem:
    return SharedItem(
        "feedback",
        f"f{row.group_id}-{row.turn}-{row.form_id}",
        MemberRef(row.platform, row.workspace, row.user_id),
        row.display_name,
        Place(row.place_platform, row.place_workspace, row.channel),
        row.local_date,
        row.skill_id,
        row.form_id,
        dict(row.answers),
    )


class SqlShares:
    """One transaction's view of the items shared with trainers (``SqlTx.shares``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn

    def _match(self, key: str, member_id: int) -> tuple[str, ColumnElement[bool]] | None:
        """Which table and rows ``key`` names among the member's own, or None."""
        if found := _REFLECTION.fullmatch(key):
            r = reflections
            return "r", and_(r.c.id == int(found[1]), r.c.member_id == member_id)
        if found := _FEEDBACK.fullmatch(key):
            fb = feedback_table
            return "f", and_(
                fb.c.group_id == int(found[1]),
                fb.c.turn == int(found[2]),
                fb.c.form_id == found[3],
                fb.c.giver_id == member_id,
            )
        return None

    async def item(self, key: str, author: MemberRef) -> SharedItem | None:
        """The author's item with this key, or None (see ``bot.ports_sharing.Shares``)."""
        member_id = await self._x.member_id(author)
        matched = None if member_id is None else self._match(key, member_id)
        if matched is None:
            return None
        kind, where = matched
        if kind == "r":
            row = (await self._c.execute(_reflections().where(where))).one_or_none()
            return None if row is None else _reflection_item(row)
        row = (await self._c.execute(_feedback().where(where))).one_or_none()
        return None if row is None else _feedback_item(row)

    async def set(self, key: str, author: MemberRef, shared: bool) -> bool:
        """Share the item with the trainers (or stop): one conditional update."""
        member_id = await self._x.member_id(author)
        matched = None if member_id is None else self._match(key, member_id)
        if matched is None:
            return False
        kind, where = matched
        table = reflections if kind == "r" else feedback_table
        changed = await self._c.execute(
            update(table).where(where, table.c.for_trainers != shared).values(for_trainers=shared)
        )
        return changed.rowcount == 1

    async def of_member(self, author: MemberRef, place: Place) -> Sequence[SharedItem]:
        """What the author shares with the trainers of this channel, oldest first."""
        member_id = await self._x.member_id(author)
        channel_id = await self._x.channel_id(place)
        if member_id is None or channel_id is None:
            return []
        r, fb, g = reflections, feedback_table, groups_table
        mine = await self._c.execute(
            _reflections().where(
                r.c.member_id == member_id, r.c.channel_id == channel_id, r.c.for_trainers
            )
        )
        given = await self._c.execute(
            _feedback().where(
                fb.c.giver_id == member_id, g.c.channel_id == channel_id, fb.c.for_trainers
            )
        )
        items = [*map(_reflection_item, mine), *map(_feedback_item, given)]
        return sorted(items, key=lambda i: (i.day, i.kind, i.key))

    async def in_channel(self, place: Place, first: date, last: date) -> Sequence[SharedItem]:
        """Everything shared with the channel's trainers on local days ``first..last``."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return []
        r, fb, g = reflections, feedback_table, groups_table
        written = await self._c.execute(
            _reflections().where(
                r.c.channel_id == channel_id, r.c.for_trainers, r.c.day >= first, r.c.day <= last
            )
        )
        given = await self._c.execute(
            _feedback().where(
                g.c.channel_id == channel_id,
                fb.c.for_trainers,
                g.c.local_date >= first,
                g.c.local_date <= last,
            )
        )
        items = [*map(_reflection_item, written), *map(_feedback_item, given)]
        return sorted(items, key=lambda i: (i.day, i.name.casefold(), i.kind, i.key))
