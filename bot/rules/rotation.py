"""Daily pick rotation per channel: skill bag, scenario choice and habit focus.

See ``reference/content-brief.md`` §2.7. Everything here is deterministic in its inputs: seeds are
strings (``random.Random(str)`` seeds through SHA-512) and tie-breaks use SHA-256, never the
built-in ``hash()``, which is salted per process.

Skills come from a shuffled *bag* per channel. The bag advances once per posted pick (not per
calendar day), so a day the bot was down skips nothing. All skills of a bag are used before any
repeats, and a new bag never starts with the skill that ended the previous one.

Every cycle of a channel uses the channel's own order, so each skill comes back after exactly
as many practice days as there are skills (nine). Why not a new shuffle per cycle: a skill late
in one bag and early in the next came back within a few days, and a profession-filtered channel
with one scenario per skill then had to choose between repeating that scenario within nine days
and taking one written for another skill. With a fixed order neither happens.

Edge cases:

- ``skills`` with duplicate ids are de-duplicated (first occurrence wins) before shuffling.
- A stored bag that no longer matches ``skills`` (ids removed, stray duplicates) is still
  consumed: unknown and already-seen ids are skipped, so the known ones stay all-before-repeat.
  Ids added to ``skills`` since the bag was made join from the next bag on.
- With a single skill a back-to-back repeat is unavoidable; with none, ``next_skill`` raises.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.model import Rotation

_FIRST_MONDAY = date(2024, 1, 1)  # weeks are counted from a Monday

__all__ = [
    "OTHER",
    "PRIMARY",
    "SECONDARY",
    "ScenarioLike",
    "choose_scenario",
    "coming_skills",
    "habit_of_week",
    "new_bag",
    "next_skill",
    "scenario_fit",
    "turn_scenarios",
]


class ScenarioLike(Protocol):
    """What the scenario choice needs to know about a scenario (read-only attributes)."""

    # Properties rather than plain attributes so frozen dataclasses and models also conform.
    @property
    def id(self) -> str: ...

    @property
    def profession(self) -> str: ...

    @property
    def primary_skill(self) -> str: ...

    @property
    def secondary_skills(self) -> Sequence[str]: ...


#: How well a scenario fits the day's skill: written for it, practising it on the side, neither.
PRIMARY, SECONDARY, OTHER = "primary", "secondary", "other"


def scenario_fit(skill_id: str, scenario: ScenarioLike) -> str:
    """``PRIMARY`` if ``scenario`` was written for ``skill_id``, ``SECONDARY`` if it practises
    it on the side, else ``OTHER`` (what a pick fell back to, said in the nudge)."""
    if scenario.primary_skill == skill_id:
        return PRIMARY
    return SECONDARY if skill_id in scenario.secondary_skills else OTHER


def new_bag(channel_key: str, skills: Sequence[str], prev_last: str | None) -> tuple[str, ...]:
    """Return the shuffled bag of ``skills`` for ``channel_key``: the same order every cycle.

    The shuffle is seeded with ``f"{channel_key}:0"`` (the first cycle's seed, so channels keep
    the first bag they had), the same in every process. If the bag would start with
    ``prev_last`` (the previous bag's last pick, which differs only when the skills changed),
    its first two entries are swapped so there is no back-to-back repeat across cycles.
    """
    bag = list(dict.fromkeys(skills))
    random.Random(f"{channel_key}:0").shuffle(bag)
    if prev_last is not None and len(bag) >= 2 and bag[0] == prev_last:
        bag[0], bag[1] = bag[1], bag[0]
    return tuple(bag)


def next_skill(rotation: Rotation, channel_key: str, skills: Sequence[str]) -> tuple[str, Rotation]:
    """Return the skill for the channel's next posted pick and the rotation state after it.

    ``skills`` are the current skill ids in booklet order. The very first bag (empty stored bag)
    is cycle 0; each refill increments the cycle. Raises ``ValueError`` if ``skills`` is empty.
    """
    known = set(skills)
    if not known:
        raise ValueError("next_skill needs at least one skill")
    bag = rotation.bag
    position = max(rotation.position, 0)
    # Replay what was posted from this bag so far: a stray duplicate later in a malformed stored
    # bag must not be posted twice, and the last posted id must not open the next bag.
    seen: set[str] = set()
    prev_last: str | None = None
    for skill in bag[:position]:
        if skill in known and skill not in seen:
            seen.add(skill)
            prev_last = skill
    for index in range(position, len(bag)):
        skill = bag[index]
        if skill in known and skill not in seen:
            return skill, Rotation(cycle=rotation.cycle, bag=bag, position=index + 1)

    cycle = rotation.cycle + 1 if bag else rotation.cycle
    fresh = new_bag(channel_key, skills, prev_last)
    return fresh[0], Rotation(cycle=cycle, bag=fresh, position=1)


def habit_of_week(day: date, habits: Sequence[str]) -> str:
    """Return the habit of the week of ``day``: the habits in turn, one per calendar week
    (Monday to Sunday), the same for every channel. Raises ``ValueError`` if ``habits`` is
    empty."""
    if not habits:
        raise ValueError("habit_of_week needs at least one habit")
    week = (day - _FIRST_MONDAY).days // 7
    return habits[week % len(habits)]


def coming_skills(
    rotation: Rotation, channel_key: str, skills: Sequence[str], count: int
) -> tuple[str, ...]:
    """The skills of the channel's next ``count`` picks after ``rotation``, in order."""
    coming = []
    for _ in range(count):
        skill, rotation = next_skill(rotation, channel_key, skills)
        coming.append(skill)
    return tuple(coming)


def _stable_hash(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode("utf-8")).hexdigest()


def choose_scenario(
    skill_id: str,
    scenarios: Sequence[ScenarioLike],
    history: Sequence[str],
    channel_key: str,
    professions: Sequence[str] = (),
    k_recent: int = 8,
) -> str:
    """Return the id of the scenario for today's ``skill_id`` in a channel.

    ``history`` holds the scenario ids of the channel's previous picks, oldest first.

    - Pool: the channel's ``professions`` if any are set (all scenarios if none of those
      match). The level does not narrow it: every scenario is played at every level.
    - The last ``min(k_recent, len(pool) - 1)`` picks are not repeated.
    - Preference: primary skill is ``skill_id``, then a secondary skill is, then any scenario.
    - Within a tier: least recently used; ties broken by SHA-256 of channel key and scenario id.

    Raises ``ValueError`` if ``scenarios`` is empty.
    """
    if not scenarios:
        raise ValueError("choose_scenario needs at least one scenario")
    pool = list(scenarios)
    if professions:
        wanted = set(professions)
        pool = [s for s in pool if s.profession in wanted] or pool

    k = min(k_recent, len(pool) - 1)
    recent = set(history[-k:]) if k > 0 else set()
    last_used = {scenario_id: i for i, scenario_id in enumerate(history)}

    def lru(candidates: Sequence[ScenarioLike]) -> ScenarioLike:
        return min(
            candidates, key=lambda s: (last_used.get(s.id, -1), _stable_hash(channel_key, s.id))
        )

    tiers = (
        [s for s in pool if s.primary_skill == skill_id],
        [s for s in pool if skill_id in s.secondary_skills],
        pool,
    )
    for tier in tiers:
        fresh = [s for s in tier if s.id not in recent]
        if fresh:
            return lru(fresh).id
    # Only reachable when the pool holds duplicate ids, which the window cannot tell apart.
    return lru(pool).id


def turn_scenarios(
    skill_id: str,
    scenarios: Sequence[ScenarioLike],
    first: str,
    seed: str,
    professions: Sequence[str] = (),
) -> tuple[str, ...]:
    """The scenarios a group plays turn by turn on a day of ``skill_id``: the day's ``first``,
    then the others written for the skill, then those practising it on the side, each once.

    A swap moves to the next one, so the new helper never plays a case whose issue-bringer
    brief (with what the issue-bringer keeps back) they have just read. Within a tier the
    channel's ``professions`` come first, then a stable hash of ``seed`` and the id decides.
    """
    wanted = set(professions)
    order = {PRIMARY: 0, SECONDARY: 1}

    def rank(s: ScenarioLike) -> tuple[int, bool, str]:
        fit = order[scenario_fit(skill_id, s)]
        return (fit, bool(wanted) and s.profession not in wanted, _stable_hash(seed, s.id))

    others = sorted(
        (s for s in scenarios if s.id != first and scenario_fit(skill_id, s) != OTHER), key=rank
    )
    return (first, *dict.fromkeys(s.id for s in others))
