"""The scenario models: a role-play situation with a private brief per role.

The issue-bringer's brief holds the dragon's voices, one or more for each difficulty level;
the helper's brief is a skill-neutral core plus a focus for the scenario's primary skill.
Import the models from ``content.schema``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from content.schema_base import L10n, Name, SkillId, Slug, Strict, _dupes, _raise_all
from content.schema_booklet import Skill

PROFESSIONS: tuple[str, ...] = (
    "teamleider",
    "coach",
    "arts",
    "verpleegkundige",
    "mentor",
    "stagebegeleider",
)

Profession = Literal["teamleider", "coach", "arts", "verpleegkundige", "mentor", "stagebegeleider"]


class DragonVoice(L10n):
    """One voice of the issue-bringer's dragon; used from ``level`` (1 instap .. 3 pittig) up."""

    level: int = Field(ge=1, le=3)


class IssueBringerRole(Strict):
    """The private brief of the issue-bringer. It never names the skill of the day."""

    name: Name
    brief: L10n
    dragon_voices: tuple[DragonVoice, ...] = Field(min_length=1)
    # How this person reacts when the helper advises, reassures, corrects or takes over.
    on_advice: L10n
    release_cue: L10n  # where space opens: the entry point for the plus

    def voices_up_to(self, level: int) -> tuple[DragonVoice, ...]:
        """The dragon voices a role-player uses at difficulty ``level`` (1..3)."""
        return tuple(v for v in self.dragon_voices if v.level <= level)


class HelperRole(Strict):
    """The helper's brief: ``core`` (skill-neutral) + ``focus`` (for the primary skill)."""

    core: L10n
    focus: L10n
    expert_allowance: L10n  # what the expert role may bring in


class Roles(Strict):
    """The two role briefs of a scenario (the observer gets the skill's checklist)."""

    issue_bringer: IssueBringerRole
    helper: HelperRole


class Scenario(Strict):
    """A fictional role-play situation with a brief per role."""

    id: Slug
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]{0,15}$")]
    title: Name
    profession: Profession
    profession_label: Name
    setting: L10n
    primary_skill: SkillId
    secondary_skills: tuple[SkillId, ...] = ()
    difficulty: int = Field(ge=1, le=3)  # the level it was written for (authors' note)
    duration_min: int = Field(ge=1, le=60)
    roles: Roles
    observer_focus: tuple[SkillId, ...] = Field(min_length=1)  # default: the primary skill
    tags: tuple[Slug, ...] = ()
    delivery: Literal["private_roles"] = "private_roles"

    @model_validator(mode="before")
    @classmethod
    def _default_observer_focus(cls, data: Any) -> Any:
        if isinstance(data, dict) and "observer_focus" not in data and "primary_skill" in data:
            return {**data, "observer_focus": [data["primary_skill"]]}
        return data

    @model_validator(mode="after")
    def _check_skills_and_voices(self) -> Scenario:
        errors: list[tuple[tuple[str | int, ...], str]] = []
        for i, skill_id in enumerate(self.secondary_skills):
            if skill_id == self.primary_skill:
                errors.append((("secondary_skills", i), "repeats the primary skill"))
        errors += [
            (("secondary_skills", i), f"duplicate skill id {s!r}")
            for i, s in _dupes(self.secondary_skills)
        ]
        errors += [
            (("observer_focus", i), f"duplicate skill id {s!r}")
            for i, s in _dupes(self.observer_focus)
        ]
        # Every scenario is played at every level (the member's), so each level needs a voice.
        levels = {v.level for v in self.roles.issue_bringer.dragon_voices}
        missing = [n for n in (1, 2, 3) if n not in levels]
        if missing:
            errors.append(
                (
                    ("roles", "issue_bringer", "dragon_voices"),
                    "needs a voice for every level 1-3"
                    f" (missing level {', '.join(map(str, missing))})",
                )
            )
        _raise_all("Scenario", errors)
        return self

    def helper_focus_for(self, skill: Skill) -> L10n:
        """The focus part of the helper brief on a day of ``skill``.

        The scenario's own ``focus`` when it is the primary skill, else the skill's
        ``helper_focus``: any scenario can carry any skill (content brief §2.3, rule 1).
        """
        return self.roles.helper.focus if skill.id == self.primary_skill else skill.helper_focus
