"""Content at depth (issue 11, item 1): every skill has a scenario written for it in every
profession, every scenario is playable at every level, and a profession-filtered channel gets
a case written for the day's skill on each of 36 practice days, none twice within nine."""

from __future__ import annotations

import re

import pytest

from bot.content_stats import gaps, professions, simulate, stats_lines
from content import SHIPPED_DIR, load_catalog

CATALOG = load_catalog()
PROFESSIONS = ("arts", "coach", "mentor", "stagebegeleider", "teamleider", "verpleegkundige")


def test_every_skill_in_every_profession() -> None:
    assert professions(CATALOG) == PROFESSIONS
    assert gaps(CATALOG) == []
    assert len(CATALOG.scenarios) >= 54


def test_every_scenario_is_playable_at_every_level() -> None:
    for scenario in CATALOG.scenarios:
        bringer = scenario.roles.issue_bringer
        assert {v.level for v in bringer.dragon_voices} >= {1, 2, 3}, scenario.id
        assert bringer.on_advice.nl and bringer.on_advice.en, scenario.id


@pytest.mark.parametrize("profession", PROFESSIONS)
def test_a_profession_channel_gets_a_case_for_the_days_skill_every_day(profession: str) -> None:
    for key in ("slack:T1:C1", "discord:1:2", "console:local:team"):
        sim = simulate(CATALOG, profession, 36, key)
        assert (sim.on_primary, sim.repeats_within_nine) == (36, 0), (profession, key)


def test_content_stats_prints_the_table() -> None:
    lines = stats_lines(CATALOG)
    assert "gaps: none" in lines
    assert sum("on the day's skill 36/36" in line for line in lines) == len(PROFESSIONS)


def test_no_markup_shows_raw() -> None:
    # Asterisks, underscores and backticks for emphasis show as they are in a terminal.
    for path in SHIPPED_DIR.rglob("*.yaml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            assert not re.search(r"\*\S|\S\*|`|(?<![\w{])_\w+_(?!\w)", line), (path, number)


def test_english_texts_use_the_english_skill_names() -> None:
    dutch = [s.name.nl.lower() for s in CATALOG.skills]
    for scenario in CATALOG.scenarios:
        focus = scenario.roles.helper.focus.en.lower()
        assert not any(name in focus for name in dutch), scenario.id
    for skill in CATALOG.skills:
        assert not any(name in skill.helper_focus.en.lower() for name in dutch), skill.id


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_all_fourteen_booklet_items_reach_a_member_in_one_week(lang: str) -> None:
    # Issue 11, item 4: nine skills, the two features of chapter 1 and the three habits, each
    # shown to a member somewhere in one simulated week (nudge, brief, form, reflection).
    from bot.content_stats import coverage

    found = coverage(CATALOG, lang)
    assert len(found) == 14
    assert {item for item, places in found.items() if not places} == set()
    assert any("helper brief" in p for p in found["feature plus-min-pool"])
    assert any("reflection" in p for p in found["habit h-feedback"])
