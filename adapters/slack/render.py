"""The Slack renderer: neutral cards to Block Kit, neutral forms to modals.

Everything ballback sends goes through ``escape``: our own texts contain no Slack markup
beyond ``*bold*``/``_italic_``, and member text must never become a mention or a link.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.escape import escape
from bot.messages import Action, Card, Form, FormField, Tone

SECTION_LIMIT = 3000  # characters in a section's text
HEADER_LIMIT = 150  # characters in a header block
TITLE_LIMIT = 24  # characters in a modal title
OPTION_LIMIT = 75


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, limit: int = SECTION_LIMIT) -> dict[str, Any]:
    """A plain_text object (no markup, no mentions)."""
    return {"type": "plain_text", "text": _clip(text, limit) or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn object of escaped text."""
    return {"type": "mrkdwn", "text": _clip(escape(text), SECTION_LIMIT) or " "}


def card_blocks(card: Card) -> list[dict[str, Any]]:
    """A card as Block Kit blocks: header, body, fields, buttons."""
    mark = {Tone.SUCCESS: "✅ ", Tone.ERROR: "⚠️ "}.get(card.tone, "")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain(mark + card.title, HEADER_LIMIT)}
    ]
    if card.body:
        blocks.append({"type": "section", "text": mrkdwn(card.body)})
    for field in card.fields:
        # Member-written values go out as plain_text: never markup, never a mention.
        value = plain(field.value) if field.untrusted else mrkdwn(field.value)
        blocks.append({"type": "section", "text": mrkdwn(f"*{field.label}*")})
        blocks.append({"type": "section", "text": value})
    if card.actions:
        blocks.append({"type": "actions", "elements": [_button(a) for a in card.actions]})
    return blocks


def _button(action: Action) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action.id,
        "text": plain(action.label, OPTION_LIMIT),
        "value": action.id,
    }
    if action.style in ("primary", "danger"):
        button["style"] = action.style
    return button


def card_text(card: Card) -> str:
    """The notification fallback text of a card (escaped)."""
    return escape(card.title)


def card_comment(card: Card) -> str:
    """A card's title and body as mrkdwn text (escaped): the comment that introduces a file."""
    mark = {Tone.SUCCESS: "✅ ", Tone.ERROR: "⚠️ "}.get(card.tone, "")
    title = f"*{mark}{escape(card.title)}*"
    return _clip(f"{title}\n{escape(card.body)}" if card.body else title, SECTION_LIMIT)


def file_note(filename: str, url: str | None = None) -> dict[str, Any]:
    """A context block naming a file that was sent elsewhere, linked to where it went."""
    name = escape(filename.replace("|", "_"))  # "|" separates a link's URL from its label
    text = f"📎 <{url}|{name}>" if url else f"📎 {name}"
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _input(field: FormField) -> dict[str, Any]:
    if field.kind == "choice":
        element: dict[str, Any] = {
            "type": "static_select",
            "action_id": field.id,
            "options": [
                {"text": plain(c.label, OPTION_LIMIT), "value": c.id} for c in field.choices
            ],
        }
    elif field.kind == "scale":
        values = range(field.minimum, field.maximum + 1, field.step)
        element = {
            "type": "static_select",
            "action_id": field.id,
            "options": [{"text": plain(str(v)), "value": str(v)} for v in values],
        }
    else:
        element = {
            "type": "plain_text_input",
            "action_id": field.id,
            "multiline": field.multiline,
            "max_length": field.max_length,  # the core's limit is Slack's (content/limits.py)
        }
    block: dict[str, Any] = {
        "type": "input",
        "block_id": field.id,
        "label": plain(field.label, 2000),
        "element": element,
        "optional": not field.required,
    }
    if field.hint:
        block["hint"] = plain(field.hint, 2000)
    return block


def form_view(form: Form, private_metadata: dict[str, str]) -> dict[str, Any]:
    """A modal view for a form; ``callback_id`` is the form's id (it routes the submission)."""
    blocks: list[dict[str, Any]] = []
    if form.intro:
        blocks.append({"type": "section", "text": mrkdwn(form.intro)})
    blocks += [_input(field) for field in form.fields]
    return {
        "type": "modal",
        "callback_id": form.id,
        "private_metadata": json.dumps(private_metadata),
        "title": plain(form.title, TITLE_LIMIT),
        "submit": plain(form.submit_label, TITLE_LIMIT),
        "close": plain("×", TITLE_LIMIT),
        "blocks": blocks,
    }


def view_answers(view: dict[str, Any]) -> dict[str, str]:
    """The answers of a submitted modal, by field id (selects give their option value)."""
    answers: dict[str, str] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for state in actions.values():
            if state.get("type") == "static_select":
                selected = state.get("selected_option") or {}
                answers[block_id] = str(selected.get("value", ""))
            else:
                answers[block_id] = state.get("value") or ""
    return answers


def home_view(cards: list[Card]) -> dict[str, Any]:
    """The App Home tab: the given cards one under another."""
    blocks: list[dict[str, Any]] = []
    for card in cards:
        if blocks:
            blocks.append({"type": "divider"})
        blocks += card_blocks(card)
    return {"type": "home", "blocks": blocks[:100]}
