"""Slack's one escape function: text can never become markup, a link or a mention."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape Slack's three control characters (``&`` first), so ``<!channel>`` or ``<@U1>``
    written by a member stays plain text (Slack formatting docs, "escaping")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
