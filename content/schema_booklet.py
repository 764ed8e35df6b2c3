"""The booklet's models: its chapters, the nine skills, the habits, the features of chapter 1,
and the files that hold them (``skills.yaml``, ``habits.yaml``, ``features.yaml``).

References to skills are checked against the nine fixed skill ids. Import the models from
``content.schema``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from content.limits import MAX_CHOICES
from content.schema_base import (
    SKILL_IDS,
    Choice,
    Hint,
    L10n,
    Label,
    Name,
    SkillId,
    Slug,
    Strict,
    _dupes,
    _id_errors,
    _raise_all,
)

Status = Literal["from_booklet", "interpreted"]
Confidence = Literal["hoog", "middel", "laag"]


class Chapter(Strict):
    """The booklet chapter a file belongs to."""

    AUTHORS_NOTES = frozenset({"title"})  # the chapter titles: the booklet's, for reference

    number: int = Field(ge=1)
    title: Name


# --- skills, habits, features ----------------------------------------------------------------


class Observable(Strict):
    """What an observer can see when the skill is used: live (call, room) and in chat."""

    live: L10n
    chat: L10n


class FeedbackItem(Strict):
    """The skill's question on the partner form (field P1 on the day of this skill)."""

    label: Label
    question: Hint  # shown as the field's hint
    scale: tuple[Choice, ...] = Field(min_length=2, max_length=MAX_CHOICES)
    good_answer: Slug

    @model_validator(mode="after")
    def _check_answers(self) -> FeedbackItem:
        ids = [c.id for c in self.scale]
        errors = [(("scale", i, "id"), f"duplicate choice id {c!r}") for i, c in _dupes(ids)]
        if self.good_answer not in ids:
            errors.append((("good_answer",), f"{self.good_answer!r} is not a choice of the scale"))
        _raise_all("FeedbackItem", errors)
        return self


class Skill(Strict):
    """One of the nine ingredients of chapter 2."""

    AUTHORS_NOTES = frozenset({"practise"})  # members read it as the helper_focus

    id: SkillId
    order: int = Field(ge=1, le=len(SKILL_IDS))
    name: Name
    status: Status
    confidence: Confidence
    meaning: L10n
    practise: L10n
    observable: Observable
    beginner_mistake: L10n
    helper_focus: L10n  # appended to any scenario's helper core on days of this skill
    boundary_note: L10n | None = None
    solo_micro: L10n
    feedback_item: FeedbackItem
    reflection_prompt: Hint  # the hint of the daily set's extra field
    related: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()

    @model_validator(mode="after")
    def _check_order(self) -> Skill:
        expected = SKILL_IDS.index(self.id) + 1
        if self.order != expected:
            _raise_all(
                "Skill",
                [(("order",), f"must be {expected}: the position of {self.id!r} in the booklet")],
            )
        return self


class Habit(Strict):
    """One of the three habits of chapter 3."""

    AUTHORS_NOTES = frozenset({"observable", "pitfalls"})  # for trainers reading along

    id: Slug
    order: int = Field(ge=1)
    name: Name
    status: Status
    confidence: Confidence
    meaning: L10n
    practice: L10n
    observable: L10n
    pitfalls: L10n
    use: Literal["daily_set", "extra_prompt"]
    reflection_set: Slug | None = None  # with use daily_set: the set that is this habit
    reflection_prompt: Hint  # the hint of the daily reflection's last field in its week
    related_skills: tuple[SkillId, ...] = ()

    @model_validator(mode="after")
    def _check_use(self) -> Habit:
        errors: list[tuple[tuple[str | int, ...], str]] = []
        if self.use == "daily_set" and self.reflection_set is None:
            errors.append((("reflection_set",), "required when use is daily_set"))
        _raise_all("Habit", errors)
        return self


class Feature(Strict):
    """A chapter 1 idea; not rotated, it lives in standing form fields and every scenario."""

    AUTHORS_NOTES = frozenset({"in_practice"})  # where the bot puts the idea to work

    id: Slug
    order: int = Field(ge=1)
    kind: Literal["chapter_theme", "feature", "concept"]
    booklet_place: tuple[Slug, ...] = ()
    name: Name
    status: Status
    confidence: Confidence
    meaning: L10n
    helper_note: L10n | None = None
    in_practice: L10n
    used_in: tuple[str, ...] = ()  # "<form or set id>.<field id>" or "scenario.<field>"
    related_skills: tuple[SkillId, ...] = ()


# --- files -----------------------------------------------------------------------------------


class SkillsFile(Strict):
    """``skills.yaml``: exactly the nine skills."""

    chapter: Chapter
    skills: tuple[Skill, ...]

    @model_validator(mode="after")
    def _check_ids(self) -> SkillsFile:
        ids = [s.id for s in self.skills]
        errors = _id_errors("skills", ids, "skill")
        missing = [s for s in SKILL_IDS if s not in ids]
        if missing:
            errors.append((("skills",), f"missing skill {', '.join(missing)}"))
        _raise_all("SkillsFile", errors)
        return self


class HabitsFile(Strict):
    """``habits.yaml``."""

    chapter: Chapter
    habits: tuple[Habit, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_ids(self) -> HabitsFile:
        _raise_all("HabitsFile", _id_errors("habits", [h.id for h in self.habits], "habit"))
        return self


class FeaturesFile(Strict):
    """``features.yaml``."""

    chapter: Chapter
    features: tuple[Feature, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_ids(self) -> FeaturesFile:
        ids = [f.id for f in self.features]
        _raise_all("FeaturesFile", _id_errors("features", ids, "feature"))
        return self
