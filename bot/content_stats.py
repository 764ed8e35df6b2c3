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
    return lines + coverage_lines(catalog, lang)


def booklet_items(catalog: Catalog, lang: str) -> dict[str, tuple[str, ...]]:
    """The booklet's fourteen items (nine skills, the two features of chapter 1, three habits)
    with the words that show a member met one: its name, in ``lang``."""
    items: dict[str, tuple[str, ...]] = {}
    for skill in catalog.skills:
        items[f"skill {skill.id}"] = (skill.name.get(lang),)
    for feature in catalog.features:
        if feature.kind == "feature":
            items[f"feature {feature.id}"] = (feature.name.get(lang),)
    for habit in catalog.habits:
        items[f"habit {habit.id}"] = (habit.name.get(lang), habit.reflection_prompt.get(lang))
    return items


def week_of_texts(catalog: Catalog, lang: str = "en", key: str = "sim") -> dict[str, str]:
    """What members of a Monday-to-Friday channel are shown in one week, by where it is
    shown: each day's nudge (the Friday one looking ahead), the three role briefs, the
    feedback forms and the daily reflection, and the weekly reflection. Made by the same
    rules and cards as the real thing, from a new channel on Monday 2026-12-07."""
    from dataclasses import replace
    from datetime import date, timedelta

    from bot.cards import nudge_card, role_brief
    from bot.forms import daily_reflection_form, feedback_form, weekly_reflection_form
    from bot.model import BRINGER, HELPER, OBSERVER, Channel, DailyPick, Place
    from bot.usecases.picks import decide_pick, week_ahead

    def text(card: object) -> str:
        parts = [card.title, card.body]  # type: ignore[attr-defined]
        parts += [f"{f.label} {f.value}" for f in card.fields]  # type: ignore[attr-defined]
        return "\n".join(parts)

    channel = Channel(Place("console", "local", key))
    history: list[DailyPick] = []
    shown: dict[str, str] = {}
    monday = date(2026, 12, 7)
    for offset in range(5):
        day = monday + timedelta(days=offset)
        pick, rotation = decide_pick(catalog, channel, day, history)
        history.append(pick)
        channel = replace(channel, rotation=rotation)
        where = day.strftime("%a")
        week = week_ahead(catalog, channel, pick)
        shown[f"{where} nudge"] = text(nudge_card(catalog, pick, lang, week))
        for role in (HELPER, BRINGER, OBSERVER):
            shown[f"{where} {role} brief"] = text(role_brief(catalog, pick, role, lang, 2))
        for form_id in catalog.form_sequence:
            form = feedback_form(catalog, form_id, pick.skill_id, lang, form_id)
            shown[f"{where} {form_id} form"] = "\n".join(
                f"{f.label} {f.hint} " + " ".join(c.label for c in f.choices) for f in form.fields
            )
        form = daily_reflection_form(catalog, pick.skill_id, lang, pick.habit_id)
        shown[f"{where} reflection"] = "\n".join(f"{f.label} {f.hint}" for f in form.fields)
    weekly = weekly_reflection_form(catalog, lang)
    shown["Fri weekly reflection"] = "\n".join(f"{f.label} {f.hint}" for f in weekly.fields)
    return shown


def coverage(catalog: Catalog, lang: str = "en") -> dict[str, list[str]]:
    """Where each of the booklet's fourteen items reached a member in a simulated week
    (``week_of_texts``); an empty list: nowhere."""
    shown = week_of_texts(catalog, lang)
    return {
        item: [where for where, text in shown.items() if any(w in text for w in words)]
        for item, words in booklet_items(catalog, lang).items()
    }


def coverage_lines(catalog: Catalog, lang: str = "en") -> list[str]:
    """The coverage table ``ballback content stats`` prints: each item, where it first
    reached a member in the simulated week, and in how many places."""
    found = coverage(catalog, lang)
    lines = ["The booklet's 14 items in one simulated week (where first seen, places):"]
    for item, places in found.items():
        first = places[0] if places else "NOT REACHED"
        lines.append(f"  {item:<28} {first:<24} {len(places)}")
    return lines
