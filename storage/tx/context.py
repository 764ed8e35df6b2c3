"""``TxContext``: what the parts of one transaction share.

Its connection, the dialect's statements that differ (``insert``, ``locked``) and the natural
key → surrogate id lookups. Surrogate ids never change and rows are never deleted under a
running transaction, so each natural key is looked up at most once per transaction; the parts
note the ids they read on the way (``channel_ids``, ``member_ids``, ``group_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.model import MemberRef, Place
from storage.rows import by_workspace, chunks, is_member, is_place
from storage.sqlite_loop import LoopConnection
from storage.tables import channels, members
from storage.tables import groups as groups_table


class TxContext:
    """One transaction's connection and id caches, handed to each of its parts."""

    __slots__ = ("channel_ids", "conn", "group_ids", "member_ids", "postgres")

    def __init__(self, connection: AsyncConnection | LoopConnection) -> None:
        self.conn = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.channel_ids: dict[Place, int] = {}
        self.member_ids: dict[MemberRef, int] = {}
        # Groups are never deleted either: a group seen once needs no existence check again.
        self.group_ids: set[int] = set()

    def insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        """An INSERT with the dialect's ``on_conflict_*`` clauses."""
        # Both dialects' inserts offer on_conflict_do_nothing and on_conflict_do_update (and
        # ``excluded``) with the same signatures.
        return postgresql.insert(table) if self.postgres else sqlite.insert(table)

    def locked(self, stmt: Select[Any], for_update: bool) -> Select[Any]:
        """``stmt`` locking its rows when ``for_update`` (``FOR UPDATE`` on PostgreSQL)."""
        # On SQLite the transaction holds the write lock since BEGIN IMMEDIATE.
        return stmt.with_for_update() if for_update and self.postgres else stmt

    def remember_channel(self, place: Place, channel_id: int) -> None:
        """Note a channel id read by a part, so later lookups skip the query."""
        self.channel_ids[place] = channel_id

    async def channel_id(self, place: Place) -> int | None:
        """The channel's surrogate id, or None."""
        if (known := self.channel_ids.get(place)) is not None:
            return known
        found = await self.conn.scalar(select(channels.c.id).where(is_place(place)))
        if found is not None:
            self.channel_ids[place] = found
        return found

    async def existing_channel_id(self, place: Place) -> int:
        """The channel's surrogate id; ``LookupError`` for an unknown channel."""
        found = await self.channel_id(place)
        if found is None:
            raise LookupError(f"no such channel: {place}")
        return found

    async def member_id(self, ref: MemberRef) -> int | None:
        """The member's surrogate id, or None."""
        if (known := self.member_ids.get(ref)) is not None:
            return known
        found = await self.conn.scalar(select(members.c.id).where(is_member(ref)))
        if found is not None:
            self.member_ids[ref] = found
        return found

    async def existing_member_id(self, ref: MemberRef) -> int:
        """The member's surrogate id; ``LookupError`` for an unknown member."""
        found = await self.member_id(ref)
        if found is None:
            raise LookupError(f"no such member: {ref}")
        return found

    async def member_ids_of(self, refs: Iterable[MemberRef]) -> dict[MemberRef, int]:
        """The ids of the known members among ``refs`` (unknown ones are left out).

        Looked up ``IN_CHUNK`` at a time per platform workspace, not one query per member.
        """
        found: dict[MemberRef, int] = {}
        missing: list[MemberRef] = []
        for ref in refs:
            if (known := self.member_ids.get(ref)) is not None:
                found[ref] = known
            else:
                missing.append(ref)
        for (platform, workspace), users in by_workspace(missing).items():
            for chunk in chunks(users):
                stmt = select(members.c.id, members.c.user_id).where(
                    members.c.platform == platform,
                    members.c.workspace == workspace,
                    members.c.user_id.in_(chunk),
                )
                for row in await self.conn.execute(stmt):
                    ref = MemberRef(platform, workspace, row.user_id)
                    self.member_ids[ref] = found[ref] = row.id
        return found

    async def existing_group(self, group_id: int) -> None:
        """``LookupError`` unless the group is stored."""
        if group_id in self.group_ids:
            return
        found = await self.conn.scalar(
            select(groups_table.c.id).where(groups_table.c.id == group_id)
        )
        if found:
            self.group_ids.add(group_id)
            return
        raise LookupError(f"no such group: {group_id}")
