"""Neutral forms built from the content catalog, and the validation of submitted answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.messages import MAX_FIELD_HINT, Choice, Form, FormField
from bot.parsing import number_in
from bot.texts import Texts
from content import Catalog, FieldSpec, FormSpec, ReflectionSet

DAILY_REFLECTION = "reflect"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def daily_reflection_form(catalog: Catalog, skill_id: str, lang: str) -> Form:
    """The daily reflection: What? / So what? / Now what? plus today's skill prompt."""
    spec = catalog.reflection_set_for("daily", skill_id=skill_id)
    return _form(catalog, spec, lang, DAILY_REFLECTION)


def feedback_form(catalog: Catalog, form_id: str, skill_id: str, lang: str, key: str) -> Form:
    """A feedback form (self-assessment, partner or observer) for today's skill.

    ``key`` becomes the form's id, so the submission can be routed back (it carries the group
    and turn, e.g. ``fb:12:1:partner``).
    """
    return _form(catalog, catalog.form_for(form_id, skill_id), lang, key)


def _form(catalog: Catalog, spec: FormSpec | ReflectionSet, lang: str, form_id: str) -> Form:
    return Form(
        id=form_id,
        title=spec.title.get(lang),
        fields=tuple(_field(item, lang) for item in spec.fields),
        intro=spec.intro.get(lang) if spec.intro else "",
        submit_label=Texts(catalog, lang)("form.submit"),
    )


def _field(item: FieldSpec, lang: str) -> FormField:
    common = {
        "id": item.id,
        "label": item.label.get(lang) if item.label else item.id,
        "hint": _clip(item.hint.get(lang), MAX_FIELD_HINT) if item.hint else "",
        "required": item.required,
    }
    if item.type == "choice":
        choices = tuple(Choice(c.id, c.get(lang)) for c in item.choices)
        return FormField(kind="choice", choices=choices, **common)
    if item.type == "scale":
        return FormField(
            kind="scale",
            minimum=item.min if item.min is not None else 1,
            maximum=item.max if item.max is not None else 5,
            step=item.step or 1,
            **common,
        )
    return FormField(
        kind="text", multiline=item.multiline, max_length=item.max_length or 4000, **common
    )


def answer_label(form: Form, field_id: str, value: str) -> str:
    """How an answer reads to a person: a choice's label instead of its id."""
    field = next((f for f in form.fields if f.id == field_id), None)
    if field is not None and field.kind == "choice":
        return next((c.label for c in field.choices if c.id == value), value)
    return value


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused answer: the field it is about ("" for the whole form) and the message."""

    field_id: str
    message: str


def clean_answers(
    form: Form, answers: Mapping[str, str], t: Texts
) -> tuple[dict[str, str], list[Problem]]:
    """Check answers against the form; return the cleaned answers and every problem found.

    Text is stripped of surrounding whitespace and otherwise kept exactly as written.
    Optional fields left empty are dropped.
    """
    known = {f.id: f for f in form.fields}
    problems = [
        Problem("", t("error.unknown_field", field=key)) for key in answers if key not in known
    ]
    cleaned: dict[str, str] = {}
    for field in form.fields:
        raw = answers.get(field.id)
        value = raw.strip() if isinstance(raw, str) else ""
        if not value:
            if field.required:
                problems.append(Problem(field.id, t("error.required", label=field.label)))
            continue
        if field.kind == "text" and len(value) > field.max_length:
            problems.append(
                Problem(
                    field.id,
                    t("error.too_long", label=field.label, max=field.max_length, count=len(value)),
                )
            )
            continue
        if field.kind == "choice" and value not in {c.id for c in field.choices}:
            problems.append(Problem(field.id, t("error.bad_choice", label=field.label)))
            continue
        if field.kind == "scale" and not _on_scale(value, field.minimum, field.maximum, field.step):
            problems.append(
                Problem(
                    field.id,
                    t("error.bad_scale", label=field.label, min=field.minimum, max=field.maximum),
                )
            )
            continue
        cleaned[field.id] = value
    return cleaned, problems


__all__ = [
    "Choice",
    "Problem",
    "answer_label",
    "clean_answers",
    "daily_reflection_form",
    "feedback_form",
]


def _on_scale(value: str, low: int, high: int, step: int) -> bool:
    # ASCII digits with an optional minus sign, within the scale and on one of its steps.
    negative = value.startswith("-")
    size = number_in(value[1:] if negative else value)
    if size is None:
        return False
    number = -size if negative else size
    return low <= number <= high and (number - low) % step == 0
