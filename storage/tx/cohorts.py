"""``SqlCohorts``: channels run as training groups, their trainers and curricula
(``bot.ports.Cohorts``)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, exists, select

from bot.model import Cohort, Lesson, MemberRef, Place
from storage.tables import cohort_lessons, cohort_trainers, cohorts, members
from storage.tx.context import TxContext


class SqlCohorts:
    """One transaction's view of the cohorts (``SqlTx.cohorts``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn

    async def get(self, place: Place) -> Cohort | None:
        """The channel's cohort, or None."""
        return (await self.get_many([place])).get(place)

    async def has_trainers(self, place: Place) -> bool:
        """Whether the channel is a training group with at least one trainer."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return False
        found = await self._c.scalar(
            select(exists().where(cohort_trainers.c.channel_id == channel_id))
        )
        return bool(found)

    async def get_many(self, places: Collection[Place]) -> dict[Place, Cohort]:
        """The cohorts among ``places`` (three statements, whatever their number)."""
        ids = {}
        for place in places:
            channel_id = await self._x.channel_id(place)
            if channel_id is not None:
                ids[channel_id] = place
        if not ids:
            return {}
        starts = dict(
            (
                await self._c.execute(
                    select(cohorts.c.channel_id, cohorts.c.start).where(
                        cohorts.c.channel_id.in_(list(ids))
                    )
                )
            ).all()
        )
        if not starts:
            return {}
        trainers: dict[int, list[MemberRef]] = {i: [] for i in starts}
        m = members.c
        rows = await self._c.execute(
            select(cohort_trainers.c.channel_id, m.platform, m.workspace, m.user_id)
            .join(members, members.c.id == cohort_trainers.c.member_id)
            .where(cohort_trainers.c.channel_id.in_(list(starts)))
            .order_by(cohort_trainers.c.channel_id, m.user_id)
        )
        for channel_id, platform, workspace, user in rows:
            trainers[channel_id].append(MemberRef(platform, workspace, user))
        lessons: dict[int, list[Lesson]] = {i: [] for i in starts}
        lc = cohort_lessons.c
        rows = await self._c.execute(
            select(lc.channel_id, lc.first, lc.last, lc.skill, lc.scenario)
            .where(lc.channel_id.in_(list(starts)))
            .order_by(lc.channel_id, lc.first)
        )
        for channel_id, first, last, skill, scenario in rows:
            lessons[channel_id].append(Lesson(first, last, skill, scenario))
        return {
            ids[i]: Cohort(
                ids[i],
                start,
                tuple(trainers[i]),
                tuple(lessons[i]),
            )
            for i, start in starts.items()
        }

    async def save(self, cohort: Cohort) -> None:
        """Store the cohort as it is now: its start, trainers and lessons replace the stored
        ones. The channel and every trainer must exist (``LookupError`` otherwise)."""
        channel_id = await self._x.existing_channel_id(cohort.place)
        trainer_ids = [await self._x.existing_member_id(ref) for ref in cohort.trainers]
        await self._c.execute(
            self._x.insert(cohorts)
            .values(channel_id=channel_id, start=cohort.start)
            .on_conflict_do_update(index_elements=["channel_id"], set_={"start": cohort.start})
        )
        await self._c.execute(
            delete(cohort_trainers).where(cohort_trainers.c.channel_id == channel_id)
        )
        if trainer_ids:
            await self._c.execute(
                cohort_trainers.insert(),
                [{"channel_id": channel_id, "member_id": i} for i in dict.fromkeys(trainer_ids)],
            )
        await self._c.execute(
            delete(cohort_lessons).where(cohort_lessons.c.channel_id == channel_id)
        )
        if cohort.lessons:
            await self._c.execute(
                cohort_lessons.insert(),
                [
                    {
                        "channel_id": channel_id,
                        "first": lesson.first,
                        "last": lesson.last,
                        "skill": lesson.skill_id,
                        "scenario": lesson.scenario_id,
                    }
                    for lesson in cohort.lessons
                ],
            )

    async def delete(self, place: Place) -> bool:
        """Stop running the channel as a cohort (its picks stay); False when it was none."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return False
        done = await self._c.execute(delete(cohorts).where(cohorts.c.channel_id == channel_id))
        return done.rowcount == 1
