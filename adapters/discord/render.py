"""The Discord renderer: neutral cards to embeds + buttons, neutral forms to modals.

Buttons and modals carry everything their handler needs in their ``custom_id``
(``bb:<guild>:<channel>:<action id>`` and ``bbform:<guild>:<channel>:<form id>``), so they
work after a restart and from a DM, where an interaction has no guild. Views and modals are
stopped before they are sent (build them inside the running loop: discord.py's views only
know they are stopped there): discord.py never stores them, ``on_interaction`` routes them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import discord

from adapters.discord.escape import escape_own, escape_untrusted
from bot.messages import Card, Form, FormField, Reply, Tone
from bot.model import Place

BUTTON_PREFIX = "bb"
FORM_PREFIX = "bbform"
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
MAX_FIELDS = 25
MAX_EMBEDS = 10
EMBEDS_TOTAL_LIMIT = 6000  # characters of all embeds of one message together
MAX_BUTTONS = 25
MAX_FILES = 10
BUTTON_LABEL_LIMIT = 80
MODAL_TITLE_LIMIT = 45
PLACEHOLDER_LIMIT = 100
CUSTOM_ID_LIMIT = 100
COLOURS = {Tone.INFO: 0x5865F2, Tone.SUCCESS: 0x57F287, Tone.ERROR: 0xED4245}
STYLES = {"primary": discord.ButtonStyle.primary, "danger": discord.ButtonStyle.danger}


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis when cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def button_id(place: Place, action_id: str) -> str:
    """The custom_id of a button: the place it belongs to and the core's action id."""
    return f"{BUTTON_PREFIX}:{place.workspace}:{place.channel}:{action_id}"


def form_custom_id(place: Place, form_id: str) -> str:
    """The custom_id of a modal: the place it belongs to and the core's form id."""
    return f"{FORM_PREFIX}:{place.workspace}:{place.channel}:{form_id}"


def parse_custom_id(custom_id: str, prefix: str) -> tuple[str, str, str] | None:
    """``(guild, channel, id)`` from one of our custom_ids, or None when it is not ours."""
    parts = custom_id.split(":", 3)
    if len(parts) != 4 or parts[0] != prefix or not parts[3]:
        return None
    return parts[1], parts[2], parts[3]


def card_embed(card: Card) -> discord.Embed:
    """A card as an embed: title, description and fields (member text escaped)."""
    mark = {Tone.SUCCESS: "✅ ", Tone.ERROR: "⚠️ "}.get(card.tone, "")
    embed = discord.Embed(
        title=clip(escape_own(mark + card.title), TITLE_LIMIT),
        description=clip(escape_own(card.body), DESCRIPTION_LIMIT) or None,
        colour=COLOURS.get(card.tone, COLOURS[Tone.INFO]),
    )
    for field in card.fields[:MAX_FIELDS]:
        value = escape_untrusted(field.value) if field.untrusted else escape_own(field.value)
        embed.add_field(
            name=clip(escape_own(field.label), FIELD_NAME_LIMIT) or "\u200b",
            value=clip(value, FIELD_VALUE_LIMIT) or "\u200b",
            inline=False,
        )
    if card.image_png is not None:  # the file of the same name in the message (send_kwargs)
        embed.set_image(url=f"attachment://{card.image_name}")
    return embed


def fit_total(embeds: list[discord.Embed], limit: int = EMBEDS_TOTAL_LIMIT) -> list[discord.Embed]:
    """``embeds`` cut to what one message may hold together (Discord refuses more): the last
    field values first, then descriptions, each clipped with an ellipsis. A helper's feedback
    view with long answers and a kept role-play text can pass the limit."""
    excess = sum(len(embed) for embed in embeds) - limit
    for embed in reversed(embeds):
        for index in reversed(range(len(embed.fields))):
            if excess <= 0:
                return embeds
            field = embed.fields[index]
            value = field.value or ""
            shorter = clip(value, max(len(value) - excess, 1))
            excess -= len(value) - len(shorter)
            embed.set_field_at(index, name=field.name, value=shorter, inline=bool(field.inline))
        if excess > 0 and embed.description:
            shorter = clip(embed.description, max(len(embed.description) - excess, 1))
            excess -= len(embed.description) - len(shorter)
            embed.description = shorter
    return embeds


def cards_view(cards: tuple[Card, ...] | list[Card], place: Place) -> discord.ui.View | None:
    """The buttons of the cards as one view (None without buttons); never stored by discord.py."""
    view = discord.ui.View(timeout=None)
    seen: set[str] = set()
    for card in cards:
        for action in card.actions:
            custom_id = button_id(place, action.id)
            if custom_id in seen or len(seen) >= MAX_BUTTONS or len(custom_id) > CUSTOM_ID_LIMIT:
                continue
            seen.add(custom_id)
            view.add_item(
                discord.ui.Button(
                    label=clip(action.label, BUTTON_LABEL_LIMIT),
                    custom_id=custom_id,
                    style=STYLES.get(action.style, discord.ButtonStyle.secondary),
                )
            )
    if not seen:
        return None
    view.stop()  # routed by on_interaction, not by discord.py's view store
    return view


def error_card(reply: Reply) -> Card:
    """A refusal as a card (one line per message)."""
    return Card(title=clip("\n".join(reply.errors.values()), TITLE_LIMIT), tone=Tone.ERROR)


def reply_cards(reply: Reply) -> list[Card]:
    """The cards of a reply, a refusal first."""
    return ([error_card(reply)] if reply.errors else []) + list(reply.cards)


def send_kwargs(cards: list[Card], place: Place) -> dict[str, Any]:
    """Keyword arguments for a ``send``: embeds, buttons, files and no mentions at all."""
    kwargs: dict[str, Any] = {
        "embeds": fit_total([card_embed(card) for card in cards[:MAX_EMBEDS]]),
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    view = cards_view(cards, place)
    if view is not None:
        kwargs["view"] = view
    files = [
        discord.File(io.BytesIO(card.attachment.data), filename=card.attachment.filename)
        for card in cards
        if card.attachment is not None
    ]
    # A card's image is an attachment its embed shows (attachment://<name>), described by the
    # card's title for screen readers.
    files += [
        discord.File(io.BytesIO(card.image_png), filename=card.image_name, description=card.title)
        for card in cards[:MAX_EMBEDS]
        if card.image_png is not None
    ]
    if files:  # a discord.File is read once: built afresh for every send
        kwargs["files"] = files[:MAX_FILES]
    return kwargs


def file_names(cards: list[Card] | tuple[Card, ...]) -> list[str]:
    """The names of the files that go with ``cards``: attachments, then images."""
    names = [card.attachment.filename for card in cards if card.attachment is not None]
    return names + [card.image_name for card in cards if card.image_png is not None]


def _placeholder(field: FormField) -> str:
    if field.kind == "choice":
        text = " / ".join(choice.label for choice in field.choices)
    elif field.kind == "scale":
        text = f"{field.minimum}–{field.maximum}"
    else:
        text = field.hint
    return clip(text, PLACEHOLDER_LIMIT)


def form_modal(form: Form, place: Place) -> discord.ui.Modal:
    """A form as a modal of text inputs (choices and scales are typed; the core validates)."""
    modal = discord.ui.Modal(
        title=clip(form.title, MODAL_TITLE_LIMIT),
        custom_id=form_custom_id(place, form.id),
        timeout=None,
    )
    for field in form.fields:
        text = field.kind == "text"
        modal.add_item(
            discord.ui.TextInput(
                label=field.label,
                custom_id=field.id,
                style=(
                    discord.TextStyle.paragraph
                    if text and field.multiline
                    else discord.TextStyle.short
                ),
                placeholder=_placeholder(field) or None,
                required=field.required,
                max_length=field.max_length if text else PLACEHOLDER_LIMIT,
            )
        )
    modal.stop()  # routed by on_interaction: works after a restart, too
    return modal


def modal_values(data: Mapping[str, Any]) -> dict[str, str]:
    """custom_id → value of the text inputs in a modal submit (Action Row or Label shape)."""
    values: dict[str, str] = {}
    for top in data.get("components") or []:
        inner = top.get("components") or [top.get("component")]
        for item in inner:
            if item and item.get("type") == 4:
                values[str(item.get("custom_id"))] = str(item.get("value") or "")
    return values
