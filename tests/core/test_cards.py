"""What each role reads: no spoilers before pairing, the issue-bringer's level, the observer's
sheet beside the helper's brief, and what a pick fell back to (issue 11, items 1-3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.cards import nudge_card, role_brief, scenario_cards
from bot.model import BRINGER, HELPER, OBSERVER, DailyPick, Place
from bot.usecases.picks import turn_pick
from content import load_catalog

CATALOG = load_catalog()
PLACE = Place("console", "local", "team")
SCENARIO = CATALOG.scenarios[0]
PICK = DailyPick(PLACE, date(2026, 12, 7), SCENARIO.primary_skill, SCENARIO.id, "h2", 0)


def text_of(*cards: object) -> str:
    return "\n".join(
        "\n".join([c.title, c.body, *(f"{f.label}\n{f.value}" for f in c.fields)])  # type: ignore[attr-defined]
        for c in cards
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_before_pairing_only_the_situation_and_the_helpers_side(lang: str) -> None:
    shown = text_of(*scenario_cards(CATALOG, PICK, lang))
    bringer = SCENARIO.roles.issue_bringer
    assert SCENARIO.setting.get(lang) in shown
    assert SCENARIO.roles.helper.core.get(lang) in shown
    assert bringer.brief.get(lang) not in shown
    assert bringer.release_cue.get(lang) not in shown
    assert not any(v.get(lang) in shown for v in bringer.dragon_voices)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_the_issue_bringer_plays_at_a_level(level: int) -> None:
    card = role_brief(CATALOG, PICK, BRINGER, "en", level)
    shown = text_of(card)
    voices = SCENARIO.roles.issue_bringer.voices_up_to(level)
    assert voices and all(v.en in shown for v in voices)
    assert f"level {level} of 3" in shown
    assert CATALOG.text(f"scenario.play.{level}", "en") in shown
    assert SCENARIO.roles.issue_bringer.on_advice.en in shown
    # Never the skill of the day: they react, they do not test.
    assert CATALOG.skill(PICK.skill_id).name.en not in shown


def test_the_helper_reads_the_common_first_mistake_and_the_observer_the_helpers_brief() -> None:
    skill = CATALOG.skill(PICK.skill_id)
    helper = text_of(role_brief(CATALOG, PICK, HELPER, "en", 2))
    assert skill.beginner_mistake.en in helper
    observer = text_of(role_brief(CATALOG, PICK, OBSERVER, "en", 2))
    assert SCENARIO.roles.helper.core.en in observer and skill.observable.live.en in observer
    assert SCENARIO.roles.issue_bringer.brief.en not in observer


def test_a_pick_says_what_it_fell_back_to() -> None:
    assert "About today's case" not in text_of(nudge_card(CATALOG, PICK, "en"))
    other = next(
        s.id
        for s in CATALOG.scenarios
        if s.primary_skill != PICK.skill_id and PICK.skill_id not in s.secondary_skills
    )
    shown = text_of(nudge_card(CATALOG, replace(PICK, scenario_id=other), "en"))
    written_for = CATALOG.skill(CATALOG.scenario(other).primary_skill).name.en
    assert "About today's case" in shown and written_for in shown


def test_each_turn_of_a_group_is_another_case_for_the_same_skill() -> None:
    seen = []
    for turn in (1, 2, 3):
        played, fresh = turn_pick(CATALOG, PICK, turn)
        scenario = CATALOG.scenario(played.scenario_id)
        assert fresh and played.skill_id == PICK.skill_id
        assert PICK.skill_id in (scenario.primary_skill, *scenario.secondary_skills)
        seen.append(played.scenario_id)
    assert seen[0] == PICK.scenario_id and len(set(seen)) == 3
    # The channel's professions come first among the cases written for the skill.
    played, _ = turn_pick(CATALOG, PICK, 2, ("arts",))
    candidates = [
        s for s in CATALOG.scenarios if s.primary_skill == PICK.skill_id and s.id != SCENARIO.id
    ]
    if any(s.profession == "arts" for s in candidates):
        assert CATALOG.scenario(played.scenario_id).profession == "arts"


def test_the_helper_keeps_an_idea_of_chapter_one_in_mind_and_all_come_by() -> None:
    from datetime import timedelta

    from bot.cards import feature_of_day

    seen = set()
    for offset in range(5):
        day = replace(PICK, local_date=PICK.local_date + timedelta(days=offset))
        feature = feature_of_day(CATALOG, day)
        assert feature is not None
        shown = text_of(role_brief(CATALOG, day, HELPER, "en", 2))
        assert f"Keep in mind: {feature.name.en}" in shown and feature.meaning.en in shown
        if feature.helper_note is not None:
            assert feature.helper_note.en in shown
        seen.add(feature.id)
    assert seen == {f.id for f in CATALOG.features}  # five days: every idea of chapter 1


def test_hidden_fields_are_shown_where_they_help() -> None:
    allowed = next(s for s in CATALOG.skills if s.boundary_note is not None)
    pick = replace(PICK, skill_id=allowed.id)
    assert allowed.boundary_note is not None
    assert allowed.boundary_note.en in text_of(role_brief(CATALOG, pick, HELPER, "en", 1))
    observer = text_of(role_brief(CATALOG, pick, OBSERVER, "en", 1))
    assert allowed.observable.chat.en in observer and allowed.observable.live.en in observer
    nudge = text_of(nudge_card(CATALOG, replace(PICK, habit_id="h-eenvoud"), "nl"))
    assert "Gewoonte van de week: Blijven vereenvoudigen" in nudge
