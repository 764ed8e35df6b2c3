"""What a content pack offers a channel: scenarios per skill × profession × level, the gaps,
and a simulation of a profession-filtered channel's practice days (``ballback content stats``).

Read only and pure: the catalog in, figures out. The simulation uses the same rules as the
daily pick (``bot.rules.rotation``), so what it prints is what channels get.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Rotation
from bot.rules.rotation import choose_scenario, next_skill
from content import Catalog

LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Simulation:
    """A profession-filtered channel over ``days`` practice days."""

    profession: str
    days: int
    on_primary: int  # days whose scenario was written for the day's skill
    repeats_within_nine: int  # days whose scenario was also used in the eight before


def counts(catalog: Catalog) -> dict[tuple[str, str], int]:
    """Scenarios per (profession, primary skill). Every scenario is played at every level, so a
    level has the same counts (the schema checks that each has a voice at every level)."""
    found: dict[tuple[str, str], int] = {}
    for scenario in catalog.scenarios:
        key = (scenario.profession, scenario.primary_skill)
        found[key] = found.get(key, 0) + 1
    return found


def professions(catalog: Catalog) -> tuple[str, ...]:
    """The professions the pack's scenarios are written for, sorted."""
    return tuple(sorted({s.profession for s in catalog.scenarios}))


def gaps(catalog: Catalog) -> list[tuple[str, str]]:
    """(profession, skill) pairs without a scenario written for that skill."""
    have = counts(catalog)
    return [(p, s) for p in professions(catalog) for s in catalog.skill_ids if not have.get((p, s))]


def simulate(catalog: Catalog, profession: str, days: int = 36, key: str = "sim") -> Simulation:
    """``days`` practice days of a channel filtered to ``profession``, picked as the nudges
    pick (the channel's skill order, least recently used scenario for the skill)."""
    rotation = Rotation()
    history: list[str] = []
    on_primary = repeats = 0
    skills = list(catalog.skill_ids)
    for _ in range(days):
        skill, rotation = next_skill(rotation, f"{key}:{profession}", skills)
        scenario_id = choose_scenario(
            skill, catalog.scenarios, history, f"{key}:{profession}", professions=(profession,)
        )
        on_primary += catalog.scenario(scenario_id).primary_skill == skill
        repeats += scenario_id in history[-8:]
        history.append(scenario_id)
    return Simulation(profession, days, on_primary, repeats)


def stats_lines(catalog: Catalog, lang: str = "en") -> list[str]:
    """The table ``ballback content stats`` prints: counts per skill × profession (the same at
    each level), the gaps, and the 36-day simulation per profession."""
    jobs = professions(catalog)
    have = counts(catalog)
    width = max(len(s) for s in catalog.skill_ids)
    lines = [
        f"{len(catalog.scenarios)} scenarios, each playable at levels "
        f"{', '.join(map(str, LEVELS))}; scenarios written for each skill, per profession:",
        " " * width + "  " + " ".join(f"{p[:6]:>6}" for p in jobs),
    ]
    for skill in catalog.skill_ids:
        row = " ".join(f"{have.get((p, skill), 0):>6}" for p in jobs)
        lines.append(f"{skill:<{width}}  {row}")
    missing = gaps(catalog)
    lines.append("gaps: " + (", ".join(f"{p}/{s}" for p, s in missing) if missing else "none"))
    lines.append("36 practice days per profession-filtered channel:")
    for profession in jobs:
        sim = simulate(catalog, profession)
        lines.append(
            f"  {profession:<16} on the day's skill {sim.on_primary}/{sim.days}, "
            f"a case again within nine days {sim.repeats_within_nine}"
        )
    return lines
