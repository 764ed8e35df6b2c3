"""The models of forms and reflection sets: their fields (``FieldSpec``), the feedback forms,
the reflection sets and the files that hold them (``feedback_forms.yaml``,
``reflection_prompts.yaml``).

A form or reflection set is shown as one modal, so it holds at most 5 fields. References to
habits and features are checked against the ids passed in the validation context
(``habit_ids``, ``feature_ids``), because a pack may add habits and features; without a context
they are not checked. Import the models from ``content.schema``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
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

from content.limits import MAX_CHOICES, MAX_FORM_FIELDS, MAX_TEXT_INPUT
from content.schema_base import (
    Choice,
    ChoiceText,
    Hint,
    L10n,
    Label,
    Slug,
    Strict,
    Title,
    _check_context_id,
    _detail,
    _dupes,
    _id_errors,
    _raise_all,
)

FORM_IDS: tuple[str, ...] = ("self_assessment", "partner", "observer")
REFLECTION_SET_IDS: tuple[str, ...] = ("daily", "weekly", "monthly")

FieldType = Literal["text", "choice", "scale", "scale_pair"]

FieldId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]


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
