"""The core's presentation of a pick: the daily nudge, the scenario and each role's brief."""

from __future__ import annotations

from bot.messages import Action, Card, Field
from bot.model import (
    BRINGER,
    HELPER,
    OBSERVER,
    DailyPick,
)
from bot.texts import Texts
from content import Catalog


def nudge_card(catalog: Catalog, pick: DailyPick, lang: str) -> Card:
    """The daily nudge: skill, its meaning, the solo exercise, today's scenario."""
    t = Texts(catalog, lang)
    skill = catalog.skill(pick.skill_id)
    scenario = catalog.scenario(pick.scenario_id)
    return Card(
        title=t("nudge.title", skill=skill.name.get(lang)),
        body=skill.meaning.get(lang),
        fields=(
            Field(t("nudge.solo"), skill.solo_micro.get(lang)),
            Field(
                t("nudge.scenario"),
                t(
                    "nudge.scenario_value",
                    title=scenario.title.get(lang),
                    profession=scenario.profession_label.get(lang),
                ),
            ),
        ),
        actions=(
            Action("join", t("action.join"), "primary"),
            Action("reflect", t("action.reflect")),
            Action("scenario", t("action.scenario")),
        ),
    )


def scenario_cards(
    catalog: Catalog, pick: DailyPick, lang: str, difficulty: int
) -> tuple[Card, ...]:
    """The scenario's setting and the briefs of helper, issue-bringer and observer."""
    t = Texts(catalog, lang)
    scenario = catalog.scenario(pick.scenario_id)
    setting = Card(
        title=t(
            "scenario.title",
            title=scenario.title.get(lang),
            profession=scenario.profession_label.get(lang),
        ),
        body=scenario.setting.get(lang),
        fields=(Field(t("scenario.minutes"), str(scenario.duration_min)),),
    )
    briefs = tuple(
        role_brief(catalog, pick, role, lang, difficulty) for role in (HELPER, BRINGER, OBSERVER)
    )
    return (setting, *briefs)


def role_brief(catalog: Catalog, pick: DailyPick, role: str, lang: str, difficulty: int) -> Card:
    """One role's brief. The issue-bringer's never names the skill: they react, not test."""
    t = Texts(catalog, lang)
    scenario = catalog.scenario(pick.scenario_id)
    skill = catalog.skill(pick.skill_id)
    if role == HELPER:
        helper = scenario.roles.helper
        return Card(
            title=t("scenario.helper"),
            body=f"{helper.core.get(lang)} {scenario.helper_focus_for(skill).get(lang)}",
            fields=(Field(t("scenario.expert"), helper.expert_allowance.get(lang)),),
            private=True,
        )
    if role == BRINGER:
        bringer = scenario.roles.issue_bringer
        voices = [v.get(lang) for v in bringer.voices_up_to(difficulty)]
        return Card(
            title=t("scenario.bringer", name=bringer.name.get(lang)),
            body=f"{scenario.setting.get(lang)}\n\n{bringer.brief.get(lang)}",
            fields=(
                Field(t("scenario.dragon"), "\n".join(f"“{v}”" for v in voices)),
                Field(t("scenario.release"), bringer.release_cue.get(lang)),
            ),
            private=True,
        )
    watched = [catalog.skill(s).name.get(lang) for s in scenario.observer_focus]
    if pick.skill_id not in scenario.observer_focus:
        watched.insert(0, skill.name.get(lang))
    return Card(
        title=t("scenario.observer"),
        body=skill.observable.live.get(lang),
        fields=(Field(t("scenario.observer_focus"), ", ".join(watched)),),
        private=True,
    )
