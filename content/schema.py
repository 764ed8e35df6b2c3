"""The content schema: pydantic models for every file of a content pack.

Every model forbids unknown keys, so a typo in a pack is reported instead of silently ignored.
Texts are ``L10n`` values (Dutch and English, both required); the subclasses of ``L10n`` carry
the platform limit of the place the text is shown in (Slack modal titles, Discord modal labels,
placeholders, select options, embed fields), checked in both languages.

Cross-references to skills are checked against the nine fixed skill ids. References to habits
and features are checked against the ids passed in the validation context (``habit_ids``,
``feature_ids``), because a pack may add habits and features; without a context they are not
checked.

The models live in one module per job; import them from here:

- ``content.schema_base``: the fixed skill ids, ``Strict``, the texts (``L10n`` and its
  limited kinds), ``Slug``, ``SkillId`` and the error helpers;
- ``content.schema_booklet``: chapters, skills, habits, features and their files;
- ``content.schema_scenarios``: dragon voices, the role briefs and ``Scenario``;
- ``content.schema_forms``: ``FieldSpec``, forms, reflection sets and their files.
"""

from __future__ import annotations

from content.schema_base import (
    FALLBACK_LANGUAGE,
    SKILL_IDS,
    Choice,
    ChoiceText,
    Hint,
    L10n,
    Label,
    Name,
    SkillId,
    Slug,
    Strict,
    Title,
    content_error,
)
from content.schema_booklet import (
    Chapter,
    Confidence,
    Feature,
    FeaturesFile,
    FeedbackItem,
    Habit,
    HabitsFile,
    Observable,
    Skill,
    SkillsFile,
    Status,
)
from content.schema_forms import (
    FORM_IDS,
    REFLECTION_SET_IDS,
    Anchors,
    FieldId,
    Fields,
    FieldSpec,
    FieldType,
    FormsFile,
    FormSpec,
    ReflectionFile,
    ReflectionSet,
)
from content.schema_scenarios import (
    PROFESSIONS,
    DragonVoice,
    HelperRole,
    IssueBringerRole,
    Profession,
    Roles,
    Scenario,
)

__all__ = [
    "FALLBACK_LANGUAGE",
    "FORM_IDS",
    "PROFESSIONS",
    "REFLECTION_SET_IDS",
    "SKILL_IDS",
    "Anchors",
    "Chapter",
    "Choice",
    "ChoiceText",
    "Confidence",
    "DragonVoice",
    "Feature",
    "FeaturesFile",
    "FeedbackItem",
    "FieldId",
    "FieldSpec",
    "FieldType",
    "Fields",
    "FormSpec",
    "FormsFile",
    "Habit",
    "HabitsFile",
    "HelperRole",
    "Hint",
    "IssueBringerRole",
    "L10n",
    "Label",
    "Name",
    "Observable",
    "Profession",
    "ReflectionFile",
    "ReflectionSet",
    "Roles",
    "Scenario",
    "Skill",
    "SkillId",
    "SkillsFile",
    "Slug",
    "Status",
    "Strict",
    "Title",
    "content_error",
]
