"""The base of the content schema: the fixed ids, ``Strict``, the texts and shared helpers.

``Strict`` is the base of every content model. Texts are ``L10n`` values (Dutch and English,
both required); the subclasses of ``L10n`` carry the platform limit of the place the text is
shown in (Slack modal titles, Discord modal labels, placeholders, select options, embed
fields), checked in both languages. The error helpers report every problem of a model at once,
each at its own location. Import the models from ``content.schema``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from content.limits import MAX_CHOICE, MAX_HINT, MAX_LABEL, MAX_NAME, MAX_TEXT, MAX_TITLE

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

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]


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
