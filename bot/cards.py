"""The core's presentation of a pick: the daily nudge, the scenario and each role's brief."""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Action, Card, Field
from bot.model import (
    BRINGER,
    HELPER,
    DailyPick,
)
from bot.rules.rotation import PRIMARY, scenario_fit
from bot.texts import Texts
from content import Catalog, Feature

LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class WeekAhead:
    """What the nudge of a week's last practice day looks ahead to: the skills of the coming
    practice days (with today's, all of them) and the habits of the coming weeks."""

    skills: tuple[str, ...]
    habits: tuple[str, ...]  # how hard the issue-bringer makes it: every scenario is played at each


def nudge_card(catalog: Catalog, pick: DailyPick, lang: str, week: WeekAhead | None = None) -> Card:
    """The daily nudge: skill, its meaning, the solo exercise, today's scenario, the habit of
    the week, and what the pick fell back to when no scenario was written for the day's skill.
    On the week's last practice day (``week``) it offers the weekly reflection and looks ahead
    at the coming practice days' skills and the coming weeks' habits."""
    t = Texts(catalog, lang)
    skill = catalog.skill(pick.skill_id)
    scenario = catalog.scenario(pick.scenario_id)
    fields = [
        Field(t("nudge.solo"), skill.solo_micro.get(lang)),
        Field(
            t("nudge.scenario"),
            t(
                "nudge.scenario_value",
                title=scenario.title.get(lang),
                profession=scenario.profession_label.get(lang),
            ),
        ),
    ]
    habit = next((h for h in catalog.habits if h.id == pick.habit_id), None)
    if habit is not None:
        meaning = f"{habit.meaning.get(lang)} {habit.practice.get(lang)}"
        fields.append(Field(t("nudge.habit", habit=habit.name.get(lang)), meaning))
    fit = scenario_fit(pick.skill_id, scenario)
    if fit != PRIMARY:
        written_for = catalog.skill(scenario.primary_skill).name.get(lang)
        fields.append(Field(t("nudge.fallback"), t(f"nudge.fallback.{fit}", skill=written_for)))
    actions = [
        Action("join", t("action.join"), "primary"),
        Action("reflect", t("action.reflect")),
        Action("scenario", t("action.scenario")),
    ]
    body = skill.meaning.get(lang)
    if week is not None:
        body = f"{body}\n\n{t('nudge.week_offer')}"
        names = [catalog.skill(s).name.get(lang) for s in week.skills if s in catalog.skill_ids]
        fields.append(Field(t("nudge.week_ahead"), ", ".join(names)))
        habit_names = {h.id: h.name.get(lang) for h in catalog.habits}
        later = [habit_names[h] for h in week.habits if h in habit_names]
        fields.append(Field(t("nudge.week_habits"), " · ".join(later)))
        actions.append(Action("weekly", t("action.weekly")))
    return Card(
        title=t("nudge.title", skill=skill.name.get(lang)),
        body=body,
        fields=tuple(fields),
        actions=tuple(actions),
    )


def scenario_cards(catalog: Catalog, pick: DailyPick, lang: str) -> tuple[Card, ...]:
    """What anyone may read before pairing: the situation and the helper's side. The
    issue-bringer's brief (what they keep back, what gives them room) reaches only the member
    who plays it, after pairing."""
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
    return (setting, role_brief(catalog, pick, HELPER, lang, LEVELS[0]))


def _helper_text(catalog: Catalog, pick: DailyPick, lang: str) -> str:
    scenario = catalog.scenario(pick.scenario_id)
    focus = scenario.helper_focus_for(catalog.skill(pick.skill_id))
    return f"{scenario.roles.helper.core.get(lang)} {focus.get(lang)}"


def role_brief(catalog: Catalog, pick: DailyPick, role: str, lang: str, level: int) -> Card:
    """One role's brief at ``level`` (1-3). The issue-bringer's never names the skill: they
    react, not test; their level says when the dragon speaks and how to meet advice. The
    observer reads the helper's brief beside what to watch for."""
    t = Texts(catalog, lang)
    scenario = catalog.scenario(pick.scenario_id)
    skill = catalog.skill(pick.skill_id)
    if role == HELPER:
        helper = scenario.roles.helper
        fields = [
            Field(t("scenario.expert"), helper.expert_allowance.get(lang)),
            Field(t("scenario.mistake"), skill.beginner_mistake.get(lang)),
        ]
        if skill.boundary_note is not None:
            fields.append(Field(t("scenario.boundary"), skill.boundary_note.get(lang)))
        feature = feature_of_day(catalog, pick)
        if feature is not None:
            note = feature.meaning.get(lang)
            if feature.helper_note is not None:
                note = f"{note}\n{feature.helper_note.get(lang)}"
            fields.append(Field(t("scenario.feature", feature=feature.name.get(lang)), note))
        return Card(
            title=t("scenario.helper"),
            body=_helper_text(catalog, pick, lang),
            fields=tuple(fields),
            private=True,
        )
    if role == BRINGER:
        bringer = scenario.roles.issue_bringer
        level = min(max(level, LEVELS[0]), LEVELS[-1])
        voices = [v.get(lang) for v in bringer.voices_up_to(level)]
        play = f"{t(f'scenario.play.{level}')} {bringer.on_advice.get(lang)}"
        return Card(
            title=t("scenario.bringer", name=bringer.name.get(lang)),
            body=f"{scenario.setting.get(lang)}\n\n{bringer.brief.get(lang)}",
            fields=(
                Field(t("scenario.dragon"), "\n".join(f"“{v}”" for v in voices)),
                Field(t("scenario.play", level=level), play),
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
        fields=(
            Field(t("scenario.observer_focus"), ", ".join(watched)),
            Field(t("scenario.observer_written"), skill.observable.chat.get(lang)),
            Field(t("scenario.observer_helper"), _helper_text(catalog, pick, lang)),
        ),
        private=True,
    )


def feature_of_day(catalog: Catalog, pick: DailyPick) -> Feature | None:
    """The idea of chapter 1 a helper keeps in mind on the pick's day: its two features (a +
    pole meets a − pole; the relationship before the content) and the ideas around them
    (giving the ball back, expert and liberator, the dragon) take turns by day, so five
    consecutive days show each once."""
    features = catalog.features
    if not features:
        return None
    return features[pick.local_date.toordinal() % len(features)]
