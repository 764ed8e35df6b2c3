"""Neutral messages: what the core says, before any platform renders it.

Adapters render these (Block Kit on Slack, embeds on Discord, plain text in the console).
Text written by members is marked ``untrusted`` so every renderer escapes it: it can never
become markup or a mention.

Limits are the strictest of the platforms (Discord modals hold 5 inputs of at most 4,000
characters; Slack modal titles hold 24 characters), declared once in ``content/limits.py`` and
checked when a form is built.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.model import MemberRef, Place
from content import limits

# The same limits the content schema checks (content/limits.py), under the names forms use.
MAX_FORM_FIELDS = limits.MAX_FORM_FIELDS
MAX_FORM_TITLE = limits.MAX_TITLE
MAX_FIELD_LABEL = limits.MAX_LABEL
MAX_FIELD_HINT = limits.MAX_HINT
MAX_TEXT_INPUT = limits.MAX_TEXT_INPUT
MAX_CHOICE_LABEL = limits.MAX_CHOICE
DEFAULT_IMAGE_NAME = "picture.png"  # the file name of a card's image unless it names one


class Tone(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value inside a card."""

    label: str
    value: str
    untrusted: bool = False  # True when a member wrote the value


@dataclass(frozen=True, slots=True)
class Action:
    """A button. ``id`` carries what the handler needs (``verb:arg``) so it survives restarts."""

    id: str
    label: str
    style: str = "default"  # "default" | "primary" | "danger"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that goes with a card (a member's data export): sent as a file, never inline."""

    filename: str
    data: bytes
    media_type: str = "application/json"


@dataclass(frozen=True, slots=True)
class Card:
    """A message: title, body, fields, buttons, an optional PNG image or file; public or
    private.

    ``image_png`` is a picture that belongs with the card (a streak's heat-map): shown with it
    where the platform can, else sent as a file beside it, under ``image_name``.
    """

    title: str
    body: str = ""
    fields: tuple[Field, ...] = ()
    actions: tuple[Action, ...] = ()
    image_png: bytes | None = None
    private: bool = False
    tone: Tone = Tone.INFO
    attachment: Attachment | None = None
    image_name: str = DEFAULT_IMAGE_NAME


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a form: free ``text``, a ``choice`` or a numeric ``scale``."""

    id: str
    kind: str  # "text" | "choice" | "scale"
    label: str
    hint: str = ""
    required: bool = True
    multiline: bool = False
    max_length: int = MAX_TEXT_INPUT
    choices: tuple[Choice, ...] = ()
    minimum: int = 1
    maximum: int = 5
    step: int = 1

    def __post_init__(self) -> None:
        if self.kind not in ("text", "choice", "scale"):
            raise ValueError(f"unknown field kind {self.kind!r}")
        if len(self.label) > MAX_FIELD_LABEL:
            raise ValueError(f"field label over {MAX_FIELD_LABEL} characters: {self.label!r}")
        if not 1 <= self.max_length <= MAX_TEXT_INPUT:
            raise ValueError(f"text max_length must be 1..{MAX_TEXT_INPUT}")


@dataclass(frozen=True, slots=True)
class Form:
    """A modal or step-by-step dialogue of at most five fields."""

    id: str
    title: str
    fields: tuple[FormField, ...]
    intro: str = ""
    submit_label: str = "OK"

    def __post_init__(self) -> None:
        if not 1 <= len(self.fields) <= MAX_FORM_FIELDS:
            raise ValueError(f"a form holds 1..{MAX_FORM_FIELDS} fields, got {len(self.fields)}")
        if len(self.title) > MAX_FORM_TITLE:
            raise ValueError(f"form title over {MAX_FORM_TITLE} characters: {self.title!r}")


@dataclass(frozen=True, slots=True)
class Notice:
    """A message for someone other than the person who acted, delivered through ``Chat``.

    ``member`` set: shown to that member only. Else ``group_id`` set: posted in that group's
    practice space (opened on first use with ``space_members`` and ``space_title``).
    Neither: posted in the channel.

    Where the platform sends private messages only to members who asked for them, a private
    notice for anyone else is not sent; its ``fallback`` (if any) is posted instead, in the
    group's space when ``group_id`` is set, else in the channel. A fallback points to where
    the member can read the private card themselves; it never repeats it.
    """

    place: Place
    card: Card
    member: MemberRef | None = None
    group_id: int | None = None
    space_members: tuple[MemberRef, ...] = ()
    space_title: str = ""
    fallback: Card | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """What a use case answers: cards to show, maybe a form to open, maybe field errors.

    ``errors`` maps a form field id (or ``""`` for the whole request) to a message; a reply
    with errors changed nothing.
    """

    cards: tuple[Card, ...] = ()
    form: Form | None = None
    errors: Mapping[str, str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()  # for other people, as decided (already in the outbox)
    outbox: tuple[int, ...] = ()  # the outbox ids of ``notices``: the adapter has them sent
    # The acting member's data was just deleted (``/forget``): answering it stores nothing
    # about them again (no one-time notice is claimed for them).
    forgotten: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------- the outbox's codec
#
# Notices wait in the outbox as JSON; these two functions are the one way to turn them into
# plain data and back (bytes as base64), so whatever the courier delivers after a restart is
# exactly what the use case decided.


def notice_to_data(notice: Notice) -> dict[str, Any]:
    """A notice as JSON-ready data (``notice_from_data`` reads it back)."""
    return {
        "place": [notice.place.platform, notice.place.workspace, notice.place.channel],
        "card": _card_to_data(notice.card),
        "member": _ref_to_data(notice.member) if notice.member is not None else None,
        "group_id": notice.group_id,
        "space_members": [_ref_to_data(m) for m in notice.space_members],
        "space_title": notice.space_title,
        "fallback": _card_to_data(notice.fallback) if notice.fallback is not None else None,
    }


def notice_from_data(data: Mapping[str, Any]) -> Notice:
    """The notice ``notice_to_data`` wrote."""
    platform, workspace, channel = data["place"]
    member = data.get("member")
    fallback = data.get("fallback")
    return Notice(
        place=Place(platform, workspace, channel),
        card=_card_from_data(data["card"]),
        member=_ref_from_data(member) if member is not None else None,
        group_id=data.get("group_id"),
        space_members=tuple(_ref_from_data(m) for m in data.get("space_members") or ()),
        space_title=data.get("space_title") or "",
        fallback=_card_from_data(fallback) if fallback is not None else None,
    )


def _ref_to_data(ref: MemberRef) -> list[str]:
    return [ref.platform, ref.workspace, ref.user]


def _ref_from_data(data: Sequence[str]) -> MemberRef:
    platform, workspace, user = data
    return MemberRef(platform, workspace, user)


def _card_to_data(card: Card) -> dict[str, Any]:
    attachment = card.attachment
    return {
        "title": card.title,
        "body": card.body,
        "fields": [[f.label, f.value, f.untrusted] for f in card.fields],
        "actions": [[a.id, a.label, a.style] for a in card.actions],
        "image_png": _b64(card.image_png) if card.image_png is not None else None,
        "image_name": card.image_name,
        "private": card.private,
        "tone": card.tone.value,
        "attachment": (
            [attachment.filename, _b64(attachment.data), attachment.media_type]
            if attachment is not None
            else None
        ),
    }


def _card_from_data(data: Mapping[str, Any]) -> Card:
    image = data.get("image_png")
    attachment = data.get("attachment")
    return Card(
        title=data["title"],
        body=data.get("body") or "",
        fields=tuple(
            Field(label, value, bool(untrusted)) for label, value, untrusted in data["fields"]
        ),
        actions=tuple(Action(id_, label, style) for id_, label, style in data["actions"]),
        image_png=base64.b64decode(image) if image is not None else None,
        private=bool(data.get("private")),
        tone=Tone(data.get("tone") or Tone.INFO),
        attachment=(
            Attachment(attachment[0], base64.b64decode(attachment[1]), attachment[2])
            if attachment is not None
            else None
        ),
        image_name=data.get("image_name") or DEFAULT_IMAGE_NAME,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
