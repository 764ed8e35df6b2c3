"""The content catalog: skills, habits, features, scenarios, forms, reflection sets, UI texts.

``load_catalog()`` reads the pack shipped in ``content/data`` (optionally overlaid with a
custom pack directory) and returns a read-only ``Catalog``; ``check_pack()`` lists every
problem instead of raising. This package imports nothing from the rest of the project.
"""

from content.catalog import Catalog
from content.languages import LANGUAGES
from content.loader import SHIPPED_DIR, ContentError, Problem, check_pack, load_catalog
from content.schema import (
    FORM_IDS,
    PROFESSIONS,
    REFLECTION_SET_IDS,
    SKILL_IDS,
    Chapter,
    Choice,
    DragonVoice,
    Feature,
    FeedbackItem,
    FieldSpec,
    FormSpec,
    Habit,
    HelperRole,
    IssueBringerRole,
    L10n,
    ReflectionSet,
    Scenario,
    Skill,
)

__all__ = [
    "FORM_IDS",
    "LANGUAGES",
    "PROFESSIONS",
    "REFLECTION_SET_IDS",
    "SHIPPED_DIR",
    "SKILL_IDS",
    "Catalog",
    "Chapter",
    "Choice",
    "ContentError",
    "DragonVoice",
    "Feature",
    "FeedbackItem",
    "FieldSpec",
    "FormSpec",
    "Habit",
    "HelperRole",
    "IssueBringerRole",
    "L10n",
    "Problem",
    "ReflectionSet",
    "Scenario",
    "Skill",
    "check_pack",
    "load_catalog",
]
