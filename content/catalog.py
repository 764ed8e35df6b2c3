"""The loaded content: skills, habits, features, scenarios, forms, reflection sets, UI texts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TypeVar

from content import ui
from content.languages import LANGUAGES
from content.schema import (
    FALLBACK_LANGUAGE,
    Chapter,
    Feature,
    FieldSpec,
    FormSpec,
    Habit,
    ReflectionSet,
    Scenario,
    Skill,
)

_Item = TypeVar("_Item", Skill, Habit, Feature, Scenario)


def _by_id(items: Iterable[_Item]) -> Mapping[str, _Item]:
    return MappingProxyType({item.id: item for item in items})


class Catalog:
    """Everything a content pack holds, validated; read-only.

    Build it with ``content.load_catalog``. The models are frozen, collections are tuples and
    read-only mappings, so one catalog can be shared by every part of the bot.
    """

    __slots__ = (
        "_chapters",
        "_feature_index",
        "_features",
        "_form_sequence",
        "_forms",
        "_habit_index",
        "_habits",
        "_reflection_sets",
        "_scenario_index",
        "_scenarios",
        "_skill_index",
        "_skills",
        "_ui",
    )

    languages: tuple[str, ...] = LANGUAGES

    def __init__(
        self,
        *,
        skills: Iterable[Skill],
        habits: Iterable[Habit],
        features: Iterable[Feature],
        scenarios: Iterable[Scenario],
        forms: Iterable[FormSpec],
        form_sequence: Iterable[str],
        reflection_sets: Iterable[ReflectionSet],
        ui: Mapping[str, Mapping[str, str]],
        chapters: Iterable[Chapter] = (),
    ) -> None:
        self._skills = tuple(sorted(skills, key=lambda s: s.order))
        self._habits = tuple(sorted(habits, key=lambda h: (h.order, h.id)))
        self._features = tuple(sorted(features, key=lambda f: (f.order, f.id)))
        self._scenarios = tuple(sorted(scenarios, key=lambda s: s.id))
        self._skill_index = _by_id(self._skills)
        self._habit_index = _by_id(self._habits)
        self._feature_index = _by_id(self._features)
        self._scenario_index = _by_id(self._scenarios)
        self._forms: Mapping[str, FormSpec] = MappingProxyType({f.id: f for f in forms})
        self._form_sequence = tuple(form_sequence)
        self._reflection_sets: Mapping[str, ReflectionSet] = MappingProxyType(
            {s.id: s for s in reflection_sets}
        )
        self._ui: Mapping[str, Mapping[str, str]] = MappingProxyType(
            {lang: MappingProxyType(dict(ui[lang])) for lang in self.languages}
        )
        self._chapters: Mapping[int, Chapter] = MappingProxyType({c.number: c for c in chapters})

    def __repr__(self) -> str:
        return (
            f"<Catalog {len(self._skills)} skills, {len(self._scenarios)} scenarios,"
            f" {len(self._ui[FALLBACK_LANGUAGE])} UI texts>"
        )

    # --- skills, habits, features, chapters --------------------------------------------------

    @property
    def skills(self) -> tuple[Skill, ...]:
        """The nine skills in booklet order."""
        return self._skills

    @property
    def skill_ids(self) -> tuple[str, ...]:
        """The nine skill ids in booklet order."""
        return tuple(s.id for s in self._skills)

    def skill(self, skill_id: str) -> Skill:
        """The skill with ``skill_id``; KeyError for an unknown id."""
        return self._skill_index[skill_id]

    @property
    def habits(self) -> tuple[Habit, ...]:
        """The habits of chapter 3, in order."""
        return self._habits

    def habit(self, habit_id: str) -> Habit:
        """The habit with ``habit_id``; KeyError for an unknown id."""
        return self._habit_index[habit_id]

    @property
    def features(self) -> tuple[Feature, ...]:
        """The chapter 1 features, in order."""
        return self._features

    def feature(self, feature_id: str) -> Feature:
        """The feature with ``feature_id``; KeyError for an unknown id."""
        return self._feature_index[feature_id]

    @property
    def chapters(self) -> Mapping[int, Chapter]:
        """Booklet chapters by number (1 features, 2 skills, 3 habits)."""
        return self._chapters

    # --- scenarios ---------------------------------------------------------------------------

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        """All scenarios, sorted by id."""
        return self._scenarios

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with ``scenario_id``; KeyError for an unknown id."""
        return self._scenario_index[scenario_id]

    # --- forms and reflection sets -----------------------------------------------------------

    @property
    def forms(self) -> Mapping[str, FormSpec]:
        """Feedback forms by id: ``self_assessment``, ``partner``, ``observer`` (and any added)."""
        return self._forms

    @property
    def form_sequence(self) -> tuple[str, ...]:
        """The order in which the feedback forms are filled in after a round."""
        return self._form_sequence

    @property
    def reflection_sets(self) -> Mapping[str, ReflectionSet]:
        """Reflection sets by id: ``daily``, ``weekly``, ``monthly`` (and any added)."""
        return self._reflection_sets

    def form_for(self, form_id: str, skill_id: str) -> FormSpec:
        """The form ``form_id`` with its ``from_skill: feedback_item`` fields completed.

        Such a field (P1 of the partner form) takes the label, hint (the question), choices
        (the scale) and good answer of the skill's ``feedback_item``, unless the form sets them.
        KeyError for an unknown form or skill.
        """
        form = self._forms[form_id]
        skill = self.skill(skill_id)
        fields = tuple(_from_feedback_item(f, skill) for f in form.fields)
        return form.model_copy(update={"fields": fields})

    def reflection_set_for(
        self, set_id: str, *, skill_id: str | None = None, habit_id: str | None = None
    ) -> ReflectionSet:
        """The reflection set ``set_id`` with its ``from_skill`` fields completed.

        A ``from_skill: reflection_prompt`` field (R4 of the daily set) gets the skill's
        reflection prompt as hint; without a skill (a day without practice) it gets the habit's
        prompt when the field allows ``fallback_from_habit``. A ``from_habit`` field (R5) gets
        the habit's prompt (the habit of the week). Otherwise a field is unchanged.
        KeyError for an unknown set, skill or habit.
        """
        spec = self._reflection_sets[set_id]
        skill = self.skill(skill_id) if skill_id is not None else None
        habit = self.habit(habit_id) if habit_id is not None else None
        fields = []
        for item in spec.fields:
            hint = item.hint
            if item.from_skill == "reflection_prompt":
                if skill is not None:
                    hint = skill.reflection_prompt
                elif habit is not None and item.fallback_from_habit == "reflection_prompt":
                    hint = habit.reflection_prompt or hint
            if item.from_habit == "reflection_prompt" and habit is not None:
                hint = habit.reflection_prompt
            fields.append(item if hint is item.hint else item.model_copy(update={"hint": hint}))
        return spec.model_copy(update={"fields": tuple(fields)})

    # --- UI texts ----------------------------------------------------------------------------

    @property
    def ui_keys(self) -> frozenset[str]:
        """Every UI text key (the same in every language)."""
        return frozenset(self._ui[FALLBACK_LANGUAGE])

    def has_text(self, key: str) -> bool:
        """Whether ``key`` is a UI text key."""
        return key in self._ui[FALLBACK_LANGUAGE]

    def text(self, key: str, lang: str, **params: object) -> str:
        """The UI text ``key`` in ``lang`` (English for an unknown language), formatted.

        A plural ``{n|day|days}`` takes its first form when ``n`` is 1, else its second.
        KeyError for an unknown key or a missing placeholder parameter, TypeError when a
        plural's parameter is not a whole number: all bugs in the caller, not in the content
        (the loader checked every text's placeholders and plurals).
        """
        table = self._ui.get(lang) or self._ui[FALLBACK_LANGUAGE]
        try:
            template = table[key]
        except KeyError:
            raise KeyError(f"unknown UI text key {key!r}") from None
        return ui.render(template, params)


def _from_feedback_item(item: FieldSpec, skill: Skill) -> FieldSpec:
    if item.from_skill != "feedback_item":
        return item
    source = skill.feedback_item
    return item.model_copy(
        update={
            "label": item.label or source.label,
            "hint": item.hint or source.question,
            "choices": item.choices or source.scale,
            "good_answer": item.good_answer or (source.good_answer,),
        }
    )
