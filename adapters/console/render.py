"""The console's one renderer and one escape function: neutral messages to plain text."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping

from bot.messages import Card, Reply, Tone

WIDTH = 78
# Terminal control sequences and other control characters (keep newline and tab).
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Make member-written text inert on a terminal: no escape sequences, no control bytes."""
    return _CONTROL.sub("", text)


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = text.split("\n")
    return "\n".join(
        textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent) if p else ""
        for p in paragraphs
    )


def render_card(card: Card) -> str:
    """A card as a block of text: title line, wrapped body, fields, then the commands."""
    mark = {Tone.SUCCESS: "✓ ", Tone.ERROR: "! "}.get(card.tone, "")
    lines = [f"== {mark}{card.title} =="]
    if card.body:
        lines.append(_wrap(card.body))
    for field in card.fields:
        value = escape(field.value) if field.untrusted else field.value
        lines.append(f"{field.label}:")
        lines.append(_wrap(value, "  "))
    if card.actions:
        lines.append("  ".join(f"[/{_command_of(a.id)}] {a.label}" for a in card.actions))
    return "\n".join(lines)


def _command_of(action_id: str) -> str:
    # A button's id is "verb" or "verb:argument". An id argument (a group's, a reflection's)
    # is implied in the console (/verb acts on today's); a word argument is typed after it,
    # without the id that may follow it ("observe:keep:12" → /observe keep).
    verb, _, argument = action_id.partition(":")
    word, colon, number = argument.rpartition(":")
    if colon and number.isdigit():
        argument = word
    return verb if not argument or argument.isdigit() else f"{verb} {argument}"


def render_errors(errors: Mapping[str, str]) -> str:
    """Refusals, one per line."""
    return "\n".join(f"! {message}" for message in errors.values())


def render_reply(reply: Reply) -> str:
    """Every card of a reply, then its errors."""
    parts = [render_card(card) for card in reply.cards]
    if reply.errors:
        parts.append(render_errors(reply.errors))
    return "\n\n".join(parts)
