"""The daily pick of a channel: decided from its bag of skills once per local date, then fixed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from bot.cards import WeekAhead
from bot.model import (
    Channel,
    Cohort,
    DailyPick,
    Place,
    Rotation,
)
from bot.ports import Tx
from bot.rules.curriculum import lesson_on
from bot.rules.rotation import (
    choose_scenario,
    coming_skills,
    habit_of_week,
    next_skill,
    turn_scenarios,
)
from bot.rules.schedule import last_practice_day_of_week
from content import Catalog

#: ``Context.channel_in``: the channel inside a transaction, created on first use.
ChannelLookup = Callable[..., Awaitable[Channel]]


HISTORY_FOR_SCENARIOS = 100  # picks looked back on for least-recently-used scenarios
PICK_CACHE_SIZE = 10_000


def channel_key(place: Place) -> str:
    """The stable text key of a channel, used to seed its shuffles."""
    return f"{place.platform}:{place.workspace}:{place.channel}"


def decide_pick(
    catalog: Catalog,
    channel: Channel,
    local_date: date,
    history: Sequence[DailyPick],
    cohort: Cohort | None = None,
) -> tuple[DailyPick, Rotation]:
    """A channel's new pick for ``local_date`` and its rotation afterwards: the next skill
    from its bag, the least recently used scenario for it (``history``: the channel's recent
    picks, oldest first), the habit of the week. A cohort's lesson for the day sets the skill
    (and the scenario, if it names one) instead, and the bag does not move."""
    place = channel.place
    key = channel_key(place)
    lesson = lesson_on(cohort.lessons, local_date) if cohort is not None else None
    if lesson is not None and lesson.skill_id in catalog.skill_ids:
        skill_id, rotation = lesson.skill_id, channel.rotation
    else:
        lesson = None
        skill_id, rotation = next_skill(channel.rotation, key, [s.id for s in catalog.skills])
    known = {s.id for s in catalog.scenarios}
    if lesson is not None and lesson.scenario_id in known:
        scenario_id = str(lesson.scenario_id)
    else:
        scenario_id = choose_scenario(
            skill_id,
            catalog.scenarios,
            [p.scenario_id for p in history],
            key,
            professions=channel.professions,
        )
    pick = DailyPick(
        place=place,
        local_date=local_date,
        skill_id=skill_id,
        scenario_id=scenario_id,
        habit_id=habit_of_week(local_date, [h.id for h in catalog.habits]),
        seq=(history[-1].seq + 1) if history else 0,
    )
    return pick, rotation


def week_ahead(catalog: Catalog, channel: Channel, pick: DailyPick) -> WeekAhead | None:
    """The look ahead for ``pick``'s nudge when its day is the channel's last practice day of
    the week, else None. ``channel`` is read after the pick was made (its bag moved on)."""
    if not last_practice_day_of_week(channel, pick.local_date):
        return None
    skills = catalog.skill_ids
    coming = coming_skills(channel.rotation, channel_key(channel.place), skills, len(skills) - 1)
    habits = [h.id for h in catalog.habits]
    later = tuple(habit_of_week(pick.local_date + timedelta(weeks=n), habits) for n in (1, 2))
    return WeekAhead(coming, later)


def turn_pick(
    catalog: Catalog, pick: DailyPick, turn: int, professions: Sequence[str] = ()
) -> tuple[DailyPick, bool]:
    """The day's pick as a group plays it in ``turn`` (1: the day's scenario; each swap the next
    scenario for the day's skill, see ``turn_scenarios``), and whether nobody in the group has
    seen that case yet (False once every case for the skill was played and they start over)."""
    seed = f"{channel_key(pick.place)}:{pick.local_date.isoformat()}"
    order = turn_scenarios(pick.skill_id, catalog.scenarios, pick.scenario_id, seed, professions)
    index = max(turn, 1) - 1
    scenario_id = order[index % len(order)]
    return replace(pick, scenario_id=scenario_id), index < len(order)


class PickBook:
    """The channels' daily picks: read once and remembered, or decided and stored once."""

    def __init__(self, catalog: Catalog, channel_in: ChannelLookup) -> None:
        self.catalog = catalog
        self.channel_in = channel_in
        # A stored pick never changes: kept in memory so the hot paths skip a query.
        self._picks: dict[tuple[Place, date], DailyPick] = {}

    async def pick_in(self, tx: Tx, place: Place, local_date: date) -> DailyPick:
        """The channel's pick for ``local_date`` inside ``tx``, created once."""
        if (known := self._picks.get((place, local_date))) is not None:
            return known
        existing = await tx.picks.get(place, local_date)
        if existing is None:
            # Not cached: the transaction that makes it may still roll back.
            return await self._new_pick(tx, place, local_date)
        self._remember(existing)
        return existing

    def _remember(self, pick: DailyPick) -> None:
        # Only picks read back from the store: one made in a transaction may still roll back.
        if len(self._picks) >= PICK_CACHE_SIZE:
            self._picks.clear()
        self._picks[(pick.place, pick.local_date)] = pick

    async def _new_pick(self, tx: Tx, place: Place, local_date: date) -> DailyPick:
        channel = await self.channel_in(tx, place, for_update=True)
        existing = await tx.picks.get(place, local_date)  # another writer may have won the lock
        if existing is not None:
            return existing
        history = await tx.picks.recent(place, HISTORY_FOR_SCENARIOS)
        cohort = await tx.cohorts.get(place)
        pick, rotation = decide_pick(self.catalog, channel, local_date, history, cohort)
        if not await tx.picks.add(pick):
            stored = await tx.picks.get(place, local_date)
            assert stored is not None  # picks.add only refuses when a pick exists
            return stored
        await tx.channels.save(replace(channel, rotation=rotation))
        return pick

    async def picks_in(
        self, tx: Tx, wanted: Sequence[tuple[Place, date]], channels: Mapping[Place, Channel]
    ) -> dict[tuple[Place, date], DailyPick]:
        """``pick_in`` for many (channel, local date) keys at once, in a handful of statements
        (a batch of nudges). ``channels`` are the channels, read in ``tx`` with their rows
        locked (``Tx.channels.get_many(..., for_update=True)``): their rotation moves on here."""
        found = {key: known for key in wanted if (known := self._picks.get(key)) is not None}
        missing = [key for key in dict.fromkeys(wanted) if key not in found]
        stored = await tx.picks.get_many(missing)
        found.update(stored)
        for pick in stored.values():
            self._remember(pick)
        missing = sorted((k for k in missing if k not in stored), key=lambda k: k[1])
        if not missing:
            return found
        histories = await tx.picks.recent_many(
            {place for place, _ in missing}, HISTORY_FOR_SCENARIOS
        )
        current = {place: channels[place] for place, _ in missing}
        cohorts = await tx.cohorts.get_many(current)
        made: list[DailyPick] = []
        rotations: dict[Place, Rotation] = {}
        for place, local_date in missing:  # in date order: a channel's bag moves on in turn
            history = histories[place]
            pick, rotation = decide_pick(
                self.catalog, current[place], local_date, history, cohorts.get(place)
            )
            current[place] = replace(current[place], rotation=rotation)
            history.append(pick)
            made.append(pick)
            rotations[place] = rotation
        inserted = await tx.picks.add_many(made)
        lost = [(p.place, p.local_date) for p in made if (p.place, p.local_date) not in inserted]
        if lost:  # another writer made these meanwhile: theirs stand, and so does the bag
            found.update(await tx.picks.get_many(lost))
            for place, _ in lost:
                rotations.pop(place, None)
        await tx.picks.save_rotations(rotations)
        found.update(
            {(p.place, p.local_date): p for p in made if (p.place, p.local_date) in inserted}
        )
        return found
