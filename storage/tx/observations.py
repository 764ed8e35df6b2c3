"""``SqlObservations``: the automatic observer's counts and the consent to live reading
(``bot.ports.Observations``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.model import LIVE_ANSWERS, LIVE_KEEP, LIVE_NO, LIVE_YES, MemberRef, Observation
from storage.rows import chunks
from storage.tables import members, observation_consents, observations
from storage.tables import utc as _utc
from storage.tx.context import TxContext


def _observation(row: Any) -> Observation:
    return Observation(
        group_id=row.group_id,
        turn=row.turn,
        source=row.source,
        lang=row.lang,
        counts={str(k): int(v) for k, v in dict(row.counts).items()},
        context=row.context or "",
        finished=bool(row.finished),
        transcript=row.transcript,
    )


class SqlObservations:
    """One transaction's view of the observations (``SqlTx.observations``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn

    async def get(self, group_id: int, turn: int) -> Observation | None:
        """The observation of the group's turn, or None."""
        o = observations.c
        row = (
            await self._c.execute(
                select(observations).where(o.group_id == group_id, o.turn == turn)
            )
        ).one_or_none()
        return None if row is None else _observation(row)

    async def of_group(self, group_id: int) -> Sequence[Observation]:
        """The group's observations, by turn."""
        o = observations.c
        rows = await self._c.execute(
            select(observations).where(o.group_id == group_id).order_by(o.turn)
        )
        return [_observation(row) for row in rows]

    async def in_groups(self, group_ids: Iterable[int]) -> Sequence[Observation]:
        """The observations of these groups, by group and turn."""
        o = observations.c
        found: list[Observation] = []
        for chunk in chunks(sorted(set(group_ids))):
            rows = await self._c.execute(
                select(observations).where(o.group_id.in_(chunk)).order_by(o.group_id, o.turn)
            )
            found += [_observation(row) for row in rows]
        return found

    async def save(self, observation: Observation, now: datetime) -> None:
        """Insert or replace the observation of its group's turn."""
        values = {
            "source": observation.source,
            "lang": observation.lang,
            "counts": dict(observation.counts),
            # What the other said last is only needed while live reading goes on.
            "context": observation.context if not observation.finished else None,
            "finished": observation.finished,
            "transcript": observation.transcript,
            "updated_at": _utc(now),
        }
        stmt = (
            self._x.insert(observations)
            .values(group_id=observation.group_id, turn=observation.turn, **values)
            .on_conflict_do_update(index_elements=["group_id", "turn"], set_=values)
        )
        await self._c.execute(stmt)

    async def answer(self, group_id: int, member: MemberRef, answer: str) -> None:
        """Record (or change) the member's answer to live reading of the group's space."""
        if answer not in LIVE_ANSWERS:
            raise ValueError(f"not an answer to live reading: {answer!r}")
        member_id = await self._x.existing_member_id(member)
        values = {"agreed": answer != LIVE_NO, "keep": answer == LIVE_KEEP}
        stmt = (
            self._x.insert(observation_consents)
            .values(group_id=group_id, member_id=member_id, **values)
            .on_conflict_do_update(index_elements=["group_id", "member_id"], set_=values)
        )
        await self._c.execute(stmt)

    async def answers(self, group_id: int) -> Mapping[MemberRef, str]:
        """Every answer given in the group so far."""
        c, m = observation_consents.c, members.c
        rows = await self._c.execute(
            select(m.platform, m.workspace, m.user_id, c.agreed, c.keep)
            .join(members, m.id == c.member_id)
            .where(c.group_id == group_id)
        )
        return {MemberRef(p, w, u): _answer(agreed, keep) for p, w, u, agreed, keep in rows}

    async def answers_of(self, member: MemberRef) -> Mapping[int, str]:
        """The member's own answers, by group id (their data export)."""
        member_id = await self._x.member_id(member)
        if member_id is None:
            return {}
        c = observation_consents.c
        rows = await self._c.execute(
            select(c.group_id, c.agreed, c.keep).where(c.member_id == member_id)
        )
        return {int(group_id): _answer(agreed, keep) for group_id, agreed, keep in rows}


def _answer(agreed: object, keep: object) -> str:
    # "keep" only counts with "agreed": a no is a no, whatever else the row says.
    if not agreed:
        return LIVE_NO
    return LIVE_KEEP if keep else LIVE_YES
