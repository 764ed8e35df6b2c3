"""The content schema: pydantic models for every file of a content pack.

Every model forbids unknown keys, so a typo in a pack is reported instead of silently ignored.
Texts are ``L10n`` values (Dutch and English, both required); the subclasses of ``L10n`` carry
the platform limit of the place the text is shown in (Slack modal titles, Discord modal labels,
placeholders, select options, embed fields), checked in both languages.

Cross-references to skills are checked against the nine fixed skill ids. References to habits
and features are checked against the ids passed in the validation context (``habit_ids``,
``feature_ids``), because a pack may add habits and features; without a context they are not
checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from content.limits import (
    MAX_CHOICE,
    MAX_CHOICES,
    MAX_FORM_FIELDS,
    MAX_HINT,
    MAX_LABEL,
    MAX_NAME,
    MAX_TEXT,
    MAX_TEXT_INPUT,
    MAX_TITLE,
)

FALLBACK_LANGUAGE = "en"

# The nine ingredients of chapter 2, in booklet order. Ids are stable: never rename them.
SKILL_IDS: tuple[str, ...] = (
    "al-geweest",
    "kwartje",
    "tijd-heilig",
    "fotos",
    "handen",
    "aardappel",
    "stilte",
    "alles-mag",
    "een-keer",
)
PROFESSIONS: tuple[str, ...] = (
    "teamleider",
    "coach",
    "arts",
    "verpleegkundige",
    "mentor",
    "stagebegeleider",
)
FORM_IDS: tuple[str, ...] = ("self_assessment", "partner", "observer")
REFLECTION_SET_IDS: tuple[str, ...] = ("daily", "weekly", "monthly")


Profession = Literal["teamleider", "coach", "arts", "verpleegkundige", "mentor", "stagebegeleider"]
Status = Literal["from_booklet", "interpreted"]
Confidence = Literal["hoog", "middel", "laag"]
FieldType = Literal["text", "choice", "scale", "scale_pair"]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]
FieldId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]


def content_error(message: str) -> PydanticCustomError:
    """A validation error whose message is ``message`` exactly (no pydantic prefix)."""
    # The message goes into the context, so braces in it are never taken for a template.
    return PydanticCustomError("content", "{message}", {"message": message})


def _detail(loc: tuple[str | int, ...], message: str) -> InitErrorDetails:
    return InitErrorDetails(type=content_error(message), loc=loc, input=None)


def _raise_all(title: str, errors: Iterable[tuple[tuple[str | int, ...], str]]) -> None:
    """Raise every ``(loc, message)`` at once, each at its own location below the model."""
    details = [_detail(loc, message) for loc, message in errors]
    if details:
        raise ValidationError.from_exception_data(title, details)


def _known_skill(value: str) -> str:
    if value not in SKILL_IDS:
        raise content_error(f"unknown skill id {value!r} (known: {', '.join(SKILL_IDS)})")
    return value


SkillId = Annotated[str, AfterValidator(_known_skill)]


def _check_context_id(value: str, info: ValidationInfo, key: str, what: str) -> str:
    known = (info.context or {}).get(key)
    if known is not None and value not in known:
        raise content_error(f"unknown {what} id {value!r} (known: {', '.join(sorted(known))})")
    return value


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # Texts written for content authors and trainers, never shown to members; every other
    # text of a shipped pack is shown somewhere (tests/content/test_content_rendered.py).
    AUTHORS_NOTES: ClassVar[frozenset[str]] = frozenset()


# --- texts -----------------------------------------------------------------------------------


class L10n(Strict):
    """A text in Dutch and English. Both are required and non-empty; ``max_chars`` caps both."""

    max_chars: ClassVar[int] = MAX_TEXT

    nl: str
    en: str

    @field_validator("nl", "en")
    @classmethod
    def _check_text(cls, value: str) -> str:
        if not value.strip():
            raise content_error("must not be empty")
        if len(value) > cls.max_chars:
            raise content_error(f"at most {cls.max_chars} characters (got {len(value)})")
        return value

    def get(self, lang: str) -> str:
        """The text in ``lang``; English for a language the catalog does not have."""
        return self.nl if lang == "nl" else self.en


class Title(L10n):
    """A form or reflection set title (a Slack modal title)."""

    max_chars: ClassVar[int] = MAX_TITLE


class Label(L10n):
    """A form field label (a Discord modal input label)."""

    max_chars: ClassVar[int] = MAX_LABEL


class Hint(L10n):
    """A short explanation under a field (a Discord placeholder or description)."""

    max_chars: ClassVar[int] = MAX_HINT


class ChoiceText(L10n):
    """The text of one option of a select menu."""

    max_chars: ClassVar[int] = MAX_CHOICE


class Name(L10n):
    """A name or title shown in a card heading."""

    max_chars: ClassVar[int] = MAX_NAME


class Choice(ChoiceText):
    """One option: a stable ``id`` (the stored answer) and its text."""

    id: Slug


class Chapter(Strict):
    AUTHORS_NOTES = frozenset({"title"})  # the chapter titles: the booklet's, for reference

    """The booklet chapter a file belongs to."""

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


# --- scenarios -------------------------------------------------------------------------------


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


# --- forms and reflection sets ---------------------------------------------------------------


class Anchors(Strict):
    """The texts at both ends of a scale."""

    min: ChoiceText
    max: ChoiceText


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class FieldSpec(Strict):
    """One field of a form or reflection set: a text input, a choice or a scale.

    ``from_skill`` fields are completed from the skill of the day (see ``Catalog.form_for`` and
    ``Catalog.reflection_set_for``). ``scale_pair`` fields (two scales) may only be kept in a
    form's ``reserve``: no platform renders them as one input.
    """

    id: FieldId
    type: FieldType
    style: Literal["short", "paragraph"] = "short"
    format: Literal["counts"] | None = None
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT_INPUT)
    required: bool = True
    label: Label | None = None
    hint: Hint | None = None
    note: L10n | None = None  # for content authors and trainers; not shown in the form
    AUTHORS_NOTES = frozenset({"note"})
    choices: tuple[Choice, ...] = Field(default=(), max_length=MAX_CHOICES)
    counts: tuple[Choice, ...] = ()
    parts: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    step: int | None = Field(default=None, ge=1)
    anchors: Anchors | None = None
    from_skill: Literal["feedback_item", "observable", "reflection_prompt"] | None = None
    fallback_from_habit: Literal["reflection_prompt"] | None = None
    from_habit: Literal["reflection_prompt"] | None = None  # the habit of the week's prompt
    good_answer: Annotated[tuple[Slug, ...], BeforeValidator(_as_tuple)] = ()
    links_to: Slug | None = None  # a feature id
    method: Slug | None = None

    @field_validator("links_to")
    @classmethod
    def _known_feature(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        return _check_context_id(value, info, "feature_ids", "feature")

    @model_validator(mode="after")
    def _check_type(self) -> FieldSpec:
        _raise_all("FieldSpec", self._type_errors())
        return self

    def _type_errors(self) -> list[tuple[tuple[str | int, ...], str]]:
        errors: list[tuple[tuple[str | int, ...], str]] = []
        kind = self.type
        if self.label is None and self.from_skill != "feedback_item":
            errors.append((("label",), "Field required"))
        if kind == "text" and self.max_length is None:
            errors.append((("max_length",), "required for a text field"))
        if kind != "text" and self.max_length is not None:
            errors.append((("max_length",), "only for text fields"))
        if kind == "choice" and not self.choices and self.from_skill != "feedback_item":
            errors.append((("choices",), "a choice field needs at least 2 choices"))
        if kind == "choice" and len(self.choices) == 1:
            errors.append((("choices",), "a choice field needs at least 2 choices"))
        if kind != "choice" and self.choices:
            errors.append((("choices",), "only for choice fields"))
        errors += [
            (("choices", i, "id"), f"duplicate choice id {c!r}")
            for i, c in _dupes([c.id for c in self.choices])
        ]
        if self.good_answer and kind != "choice":
            errors.append((("good_answer",), "only for choice fields"))
        if self.choices:
            ids = {c.id for c in self.choices}
            errors += [
                (("good_answer",), f"{answer!r} is not one of the choices")
                for answer in self.good_answer
                if answer not in ids
            ]
        errors += self._scale_errors()
        if self.format == "counts" and (kind != "text" or not self.counts):
            errors.append((("counts",), "format counts needs a text field with a counts list"))
        if self.counts and self.format != "counts":
            errors.append((("counts",), "only with format: counts"))
        if self.parts and kind != "scale_pair":
            errors.append((("parts",), "only for scale_pair fields"))
        if kind == "scale_pair" and len(self.parts) != 2:
            errors.append((("parts",), "a scale_pair field needs exactly 2 parts"))
        expected_type = {"feedback_item": "choice", "reflection_prompt": "text"}.get(
            self.from_skill or ""
        )
        if expected_type is not None and kind != expected_type:
            errors.append(
                (("from_skill",), f"from_skill {self.from_skill} needs a {expected_type} field")
            )
        if self.fallback_from_habit is not None and self.from_skill is None:
            errors.append((("fallback_from_habit",), "only together with from_skill"))
        if self.from_habit is not None and kind != "text":
            errors.append((("from_habit",), "from_habit needs a text field"))
        return errors

    def _scale_errors(self) -> list[tuple[tuple[str | int, ...], str]]:
        errors: list[tuple[tuple[str | int, ...], str]] = []
        if self.type not in ("scale", "scale_pair"):
            errors += [
                ((name,), "only for scale fields")
                for name in ("min", "max", "step", "anchors")
                if getattr(self, name) is not None
            ]
            return errors
        if self.min is None:
            errors.append((("min",), "required for a scale field"))
        if self.max is None:
            errors.append((("max",), "required for a scale field"))
        if self.min is None or self.max is None:
            return errors
        step = self.step or 1
        if self.min >= self.max:
            errors.append((("max",), f"must be greater than min ({self.min})"))
        elif (self.max - self.min) % step:
            errors.append((("step",), f"must divide max - min ({self.max - self.min})"))
        elif (self.max - self.min) // step + 1 > MAX_CHOICES:
            errors.append(
                (("step",), f"at most {MAX_CHOICES} scale points (a select menu's options)")
            )
        return errors

    @property
    def multiline(self) -> bool:
        """Whether a text field is a paragraph input."""
        return self.style == "paragraph"

    def scale_points(self) -> tuple[int, ...]:
        """The values of a scale field, from ``min`` to ``max`` by ``step``; () for other types."""
        if self.min is None or self.max is None:
            return ()
        return tuple(range(self.min, self.max + 1, self.step or 1))


def _count_fields(value: Any, handler: ValidatorFunctionWrapHandler) -> tuple[FieldSpec, ...]:
    """Validate a list of fields and check its length, reporting both in one go."""
    # A plain length constraint is only checked once every item is valid; the platform limit
    # is worth reporting together with the errors inside the fields.
    errors: list[InitErrorDetails] = []
    if isinstance(value, list | tuple):
        if not value:
            errors.append(_detail((), "needs at least 1 field"))
        elif len(value) > MAX_FORM_FIELDS:
            errors.append(_detail((), f"at most {MAX_FORM_FIELDS} fields (got {len(value)})"))
    try:
        result: tuple[FieldSpec, ...] = handler(value)
    except ValidationError as exc:
        errors += [
            InitErrorDetails(
                type=PydanticCustomError(e["type"], "{message}", {"message": e["msg"]}),
                loc=e["loc"],
                input=e["input"],
            )
            for e in exc.errors()
        ]
        raise ValidationError.from_exception_data("fields", errors) from None
    if errors:
        raise ValidationError.from_exception_data("fields", errors)
    return result


Fields = Annotated[tuple[FieldSpec, ...], WrapValidator(_count_fields)]


class FormSpec(Strict):
    """A feedback form: at most 5 fields, shown as one modal."""

    id: Slug
    title: Title
    filled_by: Literal["helper", "issue_bringer", "observer"]
    when: Literal["pair_and_trio", "trio"]
    intro: L10n | None = None
    fields: Fields
    reserve: tuple[FieldSpec, ...] = ()  # kept for later use; never shown
    AUTHORS_NOTES = frozenset({"reserve"})

    @model_validator(mode="after")
    def _check_fields(self) -> FormSpec:
        errors = [
            (("fields", i, "type"), "scale_pair fields can only be kept in reserve")
            for i, f in enumerate(self.fields)
            if f.type == "scale_pair"
        ]
        all_ids = [f.id for f in self.fields] + [f.id for f in self.reserve]
        for i, field_id in _dupes(all_ids):
            where = ("fields", i) if i < len(self.fields) else ("reserve", i - len(self.fields))
            errors.append(((*where, "id"), f"duplicate field id {field_id!r}"))
        _raise_all("FormSpec", errors)
        return self

    def field(self, field_id: str) -> FieldSpec:
        """The field (or reserve field) with ``field_id``; KeyError when there is none."""
        for item in (*self.fields, *self.reserve):
            if item.id == field_id:
                return item
        raise KeyError(field_id)


class ReflectionSet(Strict):
    """A set of reflection prompts (daily, weekly, monthly): at most 5 fields, one modal."""

    id: Slug
    title: Title
    habit: Slug
    model: Slug
    minutes: int = Field(ge=1)
    schedule: Literal["after_practice_or_real_conversation", "weekly_fixed_weekday", "monthly"]
    counts_for_streak: bool = False
    intro: L10n | None = None
    fields: Fields

    @field_validator("habit")
    @classmethod
    def _known_habit(cls, value: str, info: ValidationInfo) -> str:
        return _check_context_id(value, info, "habit_ids", "habit")

    @model_validator(mode="after")
    def _check_fields(self) -> ReflectionSet:
        errors = [
            (("fields", i, "type"), "a reflection set holds text fields only")
            for i, f in enumerate(self.fields)
            if f.type != "text"
        ]
        errors += [
            (("fields", i, "id"), f"duplicate field id {f!r}")
            for i, f in _dupes([f.id for f in self.fields])
        ]
        _raise_all("ReflectionSet", errors)
        return self

    def field(self, field_id: str) -> FieldSpec:
        """The field with ``field_id``; KeyError when there is none."""
        for item in self.fields:
            if item.id == field_id:
                return item
        raise KeyError(field_id)


# --- files -----------------------------------------------------------------------------------


def _dupes(values: Iterable[str]) -> list[tuple[int, str]]:
    """(index, value) of every value that already occurred earlier."""
    seen: set[str] = set()
    found: list[tuple[int, str]] = []
    for i, value in enumerate(values):
        if value in seen:
            found.append((i, value))
        seen.add(value)
    return found


def _id_errors(key: str, ids: list[str], what: str) -> list[tuple[tuple[str | int, ...], str]]:
    return [((key, i, "id"), f"duplicate {what} id {value!r}") for i, value in _dupes(ids)]


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


class FormsFile(Strict):
    """``feedback_forms.yaml``: the forms and the order they are filled in."""

    sequence: tuple[Slug, ...]
    forms: tuple[FormSpec, ...]

    @model_validator(mode="after")
    def _check_ids(self) -> FormsFile:
        ids = [f.id for f in self.forms]
        errors = _id_errors("forms", ids, "form")
        missing = [f for f in FORM_IDS if f not in ids]
        if missing:
            errors.append((("forms",), f"missing form {', '.join(missing)}"))
        errors += [
            (("sequence", i), f"unknown form id {form_id!r}")
            for i, form_id in enumerate(self.sequence)
            if form_id not in ids
        ]
        errors += [(("sequence", i), f"{f!r} listed twice") for i, f in _dupes(self.sequence)]
        _raise_all("FormsFile", errors)
        return self


class ReflectionFile(Strict):
    """``reflection_prompts.yaml``: the daily, weekly and monthly sets (and any extra)."""

    sets: tuple[ReflectionSet, ...]

    @model_validator(mode="after")
    def _check_ids(self) -> ReflectionFile:
        ids = [s.id for s in self.sets]
        errors = _id_errors("sets", ids, "reflection set")
        missing = [s for s in REFLECTION_SET_IDS if s not in ids]
        if missing:
            errors.append((("sets",), f"missing reflection set {', '.join(missing)}"))
        _raise_all("ReflectionFile", errors)
        return self
