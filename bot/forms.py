"""Neutral forms built from the content catalog, and the validation of submitted answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.messages import MAX_FIELD_HINT, MAX_TEXT_INPUT, Choice, Form, FormField
from bot.parsing import number_in
from bot.texts import Texts
from content import Catalog, FieldSpec, FormSpec, ReflectionSet

DAILY_REFLECTION = "reflect"
WEEKLY_REFLECTION = "reflect-week"
MONTHLY_REFLECTION = "reflect-month"
WEEKLY_WORDS = frozenset({"week", "weekly", "wekelijks"})  # /reflect week (nl: week too)
MONTHLY_WORDS = frozenset({"month", "monthly", "maand", "maandelijks"})


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def daily_reflection_form(
    catalog: Catalog, skill_id: str, lang: str, habit_id: str | None = None
) -> Form:
    """The daily reflection: What? / So what? / Now what? plus today's skill prompt, and last
    the prompt of the habit of the week (``habit_id``; an unknown one keeps the default)."""
    known = habit_id is not None and any(h.id == habit_id for h in catalog.habits)
    spec = catalog.reflection_set_for(
        "daily", skill_id=skill_id, habit_id=habit_id if known else None
    )
    return _form(catalog, spec, lang, DAILY_REFLECTION)


def weekly_reflection_form(catalog: Catalog, lang: str) -> Form:
    """The weekly reflection: five short steps back over one conversation of the week."""
    return _form(catalog, catalog.reflection_set_for("weekly"), lang, WEEKLY_REFLECTION)


def monthly_reflection_form(catalog: Catalog, lang: str) -> Form:
    """The monthly reflection: a longer look back over a month of practice."""
    return _form(catalog, catalog.reflection_set_for("monthly"), lang, MONTHLY_REFLECTION)


def reflection_form_of(
    catalog: Catalog, answers: Mapping[str, str], skill_id: str | None, lang: str
) -> Form:
    """The form a stored reflection was written in, told by its answers (W… for the weekly
    one), for reading it back with its questions."""
    if any(key.startswith("W") for key in answers):
        return weekly_reflection_form(catalog, lang)
    if any(key.startswith("M") for key in answers):
        return monthly_reflection_form(catalog, lang)
    return daily_reflection_form(catalog, skill_id or "", lang)


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
        kind="text",
        multiline=item.multiline,
        max_length=item.max_length or MAX_TEXT_INPUT,
        **common,
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


def choice_id(field: FormField, typed: str) -> str | None:
    """The id of the choice ``typed`` names: its id or label in any case, or its number
    (1-based, as the console lists them). None when it names none."""
    value = typed.strip()
    if field.kind != "choice" or not value:
        return None
    if (picked := number_in(value, 1, len(field.choices))) is not None:
        return field.choices[picked - 1].id
    folded = value.casefold()
    for choice in field.choices:
        if folded in (choice.id.casefold(), choice.label.casefold()):
            return choice.id
    return None


def accepts(field: FormField, t: Texts) -> str:
    """What a field accepts, said up front where a member cannot guess it (a scale's range and
    step, a text's length); "" for a choice, whose options are shown anyway."""
    if field.kind == "scale":
        key = "form.accepts.scale" if field.step == 1 else "form.accepts.scale_step"
        return t(key, min=field.minimum, max=field.maximum, step=field.step)
    if field.kind == "text":
        return t("form.accepts.text", max=field.max_length)
    return ""


def check_answer(field: FormField, raw: object, t: Texts) -> tuple[str, Problem | None]:
    """One field's answer: the cleaned value ("" for an optional field left empty) and the
    problem to show at that field, if any. A choice may be given by its label or number; the
    value is then its id. Text is stripped of surrounding whitespace, otherwise kept as is."""
    value = raw.strip() if isinstance(raw, str) else ""
    if not value:
        if field.required:
            return "", Problem(field.id, t("error.required", label=field.label))
        return "", None
    if field.kind == "text" and len(value) > field.max_length:
        count = len(value)
        message = t("error.too_long", label=field.label, max=field.max_length, count=count)
        return "", Problem(field.id, message)
    if field.kind == "choice":
        picked = choice_id(field, value)
        if picked is None:
            return "", Problem(field.id, t("error.bad_choice", label=field.label))
        return picked, None
    if field.kind == "scale" and not _on_scale(value, field.minimum, field.maximum, field.step):
        key = "error.bad_scale" if field.step == 1 else "error.bad_scale_step"
        message = t(key, label=field.label, min=field.minimum, max=field.maximum, step=field.step)
        return "", Problem(field.id, message)
    return value, None


def clean_answers(
    form: Form, answers: Mapping[str, str], t: Texts
) -> tuple[dict[str, str], list[Problem]]:
    """Check answers against the form; return the cleaned answers and every problem found.

    Each field is checked by ``check_answer``; optional fields left empty are dropped.
    """
    known = {f.id: f for f in form.fields}
    problems = [
        Problem("", t("error.unknown_field", field=key)) for key in answers if key not in known
    ]
    cleaned: dict[str, str] = {}
    for field in form.fields:
        value, problem = check_answer(field, answers.get(field.id), t)
        if problem is not None:
            problems.append(problem)
        elif value:
            cleaned[field.id] = value
    return cleaned, problems


__all__ = [
    "Choice",
    "Problem",
    "accepts",
    "answer_label",
    "check_answer",
    "choice_id",
    "clean_answers",
    "daily_reflection_form",
    "feedback_form",
    "monthly_reflection_form",
    "reflection_form_of",
    "weekly_reflection_form",
]


def _on_scale(value: str, low: int, high: int, step: int) -> bool:
    # ASCII digits with an optional minus sign, within the scale and on one of its steps.
    negative = value.startswith("-")
    size = number_in(value[1:] if negative else value)
    if size is None:
        return False
    number = -size if negative else size
    return low <= number <= high and (number - low) % step == 0
